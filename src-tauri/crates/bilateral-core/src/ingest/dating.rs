//! Which time expression, if any, dates the event a sentence reports.
//!
//! A DATE or TIME expression with calendar dates (`Timex::dates`) dates the sentence's event
//! unless it is: inside a quotation the sentence opens and closes (the speaker's time, not the
//! event's); the date of a byline, a dateline or a header line; a bare year used as part of a name ("the 2024 election"); in a clause that
//! says what might happen ("would not interfere ... this fall"); or, unless it fixes a day, in a clause of what
//! is scheduled ("will talk again next week") or after the publication day. A scheduled event
//! with a fixed day ("will meet on April 18th") is an event an editor adds. Of those left, the most precise wins (the shortest
//! span of days), then the first.

use chrono::NaiveDate;

use super::kinds::Rules;
use super::timex::Timex;
use super::words::{PhraseList, Word};
use crate::date::{PartialDate, Precision};

/// Where a time expression sits in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offsets.
    pub bytes: (usize, usize),
    /// Words `[first, last)`.
    pub words: (usize, usize),
}

/// The date chosen for a sentence's event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    /// Index into the time expressions.
    pub timex: usize,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub span: Span,
    /// Words `[first, last)` of the clause holding the date.
    pub clause: (usize, usize),
}

/// The text, its words, its time expressions and the rules a sentence is read with.
pub struct Context<'a> {
    pub text: &'a str,
    pub ws: &'a [Word<'a>],
    pub timexes: &'a [Timex],
    /// Where each time expression is; `None` when it covers no word.
    pub spans: Vec<Option<Span>>,
    /// Indices of the located expressions, in text order.
    order: Vec<usize>,
    pub rules: &'a Rules,
    /// The publication day: later dates have not happened yet.
    pub anchor: NaiveDate,
}

impl<'a> Context<'a> {
    pub fn new(
        text: &'a str,
        ws: &'a [Word<'a>],
        timexes: &'a [Timex],
        rules: &'a Rules,
        anchor: NaiveDate,
    ) -> Self {
        let offsets = super::words::CharOffsets::new(text);
        let spans = timexes
            .iter()
            .map(|t| {
                let (a, b) = (offsets.byte(t.start), offsets.byte(t.end));
                let first = ws.partition_point(|w| w.start < a);
                let last = ws.partition_point(|w| w.end <= b);
                (first < last).then_some(Span {
                    bytes: (a, b),
                    words: (first, last),
                })
            })
            .collect::<Vec<Option<Span>>>();
        let mut order: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].is_some()).collect();
        order.sort_by_key(|&i| spans[i].map(|s| s.bytes));
        Self {
            text,
            ws,
            timexes,
            spans,
            order,
            rules,
            anchor,
        }
    }

    /// The time expressions inside bytes `bytes`, as (index, span), in text order.
    pub fn within(&self, bytes: (usize, usize)) -> Vec<(usize, Span)> {
        let start = |i: &usize| self.spans[*i].map_or(0, |s| s.bytes.0);
        let begin = self.order.partition_point(|i| start(i) < bytes.0);
        self.order[begin..]
            .iter()
            .take_while(|i| start(i) < bytes.1)
            .filter_map(|&i| self.spans[i].map(|s| (i, s)))
            .filter(|(_, s)| s.bytes.1 <= bytes.1)
            .collect()
    }

    /// The date of the event reported by the sentence at bytes `bytes`, words `words`.
    pub fn date_of(&self, bytes: (usize, usize), words: (usize, usize)) -> Option<Dated> {
        let inside = self.within(bytes);
        let mut best: Option<(i64, Dated)> = None;
        for &(i, span) in &inside {
            let Some((start, end)) = self.timexes[i].dates() else {
                continue;
            };
            if self.quoted(bytes, span)
                || self.byline(words, span)
                || self.dateline(bytes, span)
                || self.attributive_year(&self.timexes[i], span)
                || self.in_a_name(words, span, start)
            {
                continue;
            }
            let clause = clause(self.text, self.ws, words, span.words, &self.rules.breaks);
            let others: Vec<Span> = inside.iter().map(|(_, s)| *s).collect();
            // What might happen is no event; what is scheduled is one when its day is fixed: a
            // calendar day ("April 18th", "Friday, May 3"), not a week or a weekend.
            let value = &self.timexes[i].value;
            let day = start.precision() == Precision::Day
                && value.len() >= 10
                && !value[..10].contains('W');
            let future = start.first_day() > self.anchor;
            if self.has(&self.rules.hypothetical, clause, &others)
                || ((future || self.has(&self.rules.scheduled, clause, &others)) && !day)
            {
                continue;
            }
            let days = (end.unwrap_or(start).last_day() - start.first_day()).num_days();
            if best.as_ref().is_none_or(|(d, _)| days < *d) {
                best = Some((
                    days,
                    Dated {
                        timex: i,
                        start,
                        end,
                        span,
                        clause,
                    },
                ));
            }
        }
        best.map(|(_, d)| d)
    }

    /// Whether the expression lies inside a quotation the sentence both opens and closes
    /// ("“... 2024 might be unlike any prior election,” Krebs told CNN"): the speaker's words,
    /// not the story's. A quotation that runs on past the sentence is a statement quoted whole
    /// (a press release's "“This afternoon, US fighter aircraft ...") and tells what happened.
    fn quoted(&self, bytes: (usize, usize), span: Span) -> bool {
        let before = &self.text[bytes.0..span.bytes.0];
        let after = &self.text[span.bytes.1..bytes.1];
        let curly =
            before.matches('“').count() > before.matches('”').count() && after.contains('”');
        let straight = before.matches('"').count() % 2 == 1 && after.contains('"');
        curly || straight
    }

    /// A byline, a date line or a header: besides the date, the sentence says nothing
    /// ("Published 9:14 PM EST, Tue January 30, 2024", "Thursday, April 18, 2024"), or it is a
    /// short line without a word in lower case ("Press Release, Washington DC").
    fn byline(&self, words: (usize, usize), span: Span) -> bool {
        const FILLER: &[&str] = &[
            "published",
            "updated",
            "posted",
            "modified",
            "by",
            "on",
            "at",
            "am",
            "pm",
            "a",
            "m",
            "p",
            "est",
            "edt",
            "et",
            "gmt",
            "utc",
            "pst",
            "pdt",
            "cst",
            "cdt",
            "bst",
            "cet",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
            "sat",
            "sun",
        ];
        let said = self.ws[words.0..words.1]
            .iter()
            .enumerate()
            .filter(|(k, _)| {
                let k = k + words.0;
                k < span.words.0 || k >= span.words.1
            })
            .filter(|(_, w)| {
                !w.text.chars().all(|c| c.is_ascii_digit())
                    && !FILLER.contains(&w.text.to_lowercase().as_str())
            })
            .count();
        // A heading or a header line in title case: "Press Release, Washington DC".
        // Title case keeps short function words in lower case ("Secretary of Defense").
        const FUNCTION: &[&str] = &[
            "of", "the", "and", "for", "from", "by", "on", "in", "at", "to", "a",
        ];
        let lower = self.ws[words.0..words.1].iter().enumerate().any(|(k, w)| {
            let k = k + words.0;
            (k < span.words.0 || k >= span.words.1)
                && w.text.chars().next().is_some_and(char::is_lowercase)
                && !FUNCTION.contains(&w.text)
        });
        said < 3 || (!lower && words.1 - words.0 <= 20)
    }

    /// The date of a dateline: "WASHINGTON, Jan 30 (Reuters) -", "HANOI, Vietnam, Oct. 11,
    /// 2010 –": only a place before it, and a bracket or a dash after it.
    fn dateline(&self, bytes: (usize, usize), span: Span) -> bool {
        let after = self.text[span.bytes.1..bytes.1].trim_start();
        let before = self.text[bytes.0..span.bytes.0].trim_end();
        let place = before.ends_with(',')
            && before
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ',' | '.' | ' ' | '\''));
        let capital = before.chars().next().is_some_and(char::is_uppercase);
        let closed = after.starts_with(['(', '–', '—', '-']);
        (place && capital && closed) || (before.is_empty() && after.starts_with('('))
    }

    /// A bare year that is part of a name ("the 2024 election"), not a date: one not written
    /// after a word of `year_after` ("in 2020").
    fn attributive_year(&self, timex: &Timex, span: Span) -> bool {
        let bare = span.words.1 - span.words.0 == 1
            && timex.value.len() == 4
            && self.ws[span.words.0].text == timex.value;
        if !bare {
            return false;
        }
        let previous = span.words.0.checked_sub(1).map(|k| self.ws[k].text);
        !previous.is_some_and(|p| {
            self.rules
                .clause
                .year_after
                .iter()
                .any(|y| y.eq_ignore_ascii_case(p))
        })
    }

    /// A month's name that ends a person's name ("Defense Minister Dong Jun"): one capitalised
    /// word right after another capitalised word that does not open the sentence.
    fn in_a_name(&self, words: (usize, usize), span: Span, start: PartialDate) -> bool {
        let k = span.words.0;
        if start.precision() != Precision::Month || span.words.1 - k != 1 || k <= words.0 + 1 {
            return false;
        }
        let capital = |w: &Word<'_>| w.text.chars().next().is_some_and(char::is_uppercase);
        let joined = self.text[self.ws[k - 1].end..self.ws[k].start] == *" ";
        joined && capital(&self.ws[k]) && capital(&self.ws[k - 1])
    }

    /// Whether the clause holds a phrase of `phrases`, ignoring words inside time expressions
    /// (the month "May").
    fn has(&self, phrases: &PhraseList<()>, clause: (usize, usize), dates: &[Span]) -> bool {
        let in_date = |k: usize| dates.iter().any(|s| k >= s.words.0 && k < s.words.1);
        phrases
            .find(self.text, &self.ws[clause.0..clause.1])
            .iter()
            .any(|h| !(h.first..h.last).any(|k| in_date(k + clause.0)))
    }
}

/// Punctuation that ends a clause when it stands between two words.
fn breaks_clause(sep: &str) -> bool {
    sep.contains([';', ':', '—', '–', '“', '”', '"', '(', ')']) || sep.contains(" - ")
}

/// The words `[first, last)` of the clause around `date` within `sentence`: up to a clause
/// mark or a word of `breaks` on either side (a break word opens the clause it starts).
pub fn clause(
    text: &str,
    ws: &[Word<'_>],
    sentence: (usize, usize),
    date: (usize, usize),
    breaks: &PhraseList<()>,
) -> (usize, usize) {
    let mut first = date.0;
    while first > sentence.0 {
        if breaks_clause(&text[ws[first - 1].end..ws[first].start]) {
            break;
        }
        first -= 1;
        if !breaks.at(text, ws, first).is_empty() {
            break;
        }
    }
    let mut last = date.1;
    while last < sentence.1 {
        if breaks_clause(&text[ws[last - 1].end..ws[last].start])
            || !breaks.at(text, ws, last).is_empty()
        {
            break;
        }
        last += 1;
    }
    (first, last)
}

//! A candidate event's title: from its kind's template in `kinds.toml` when the sentence names
//! the actors (and place) it needs ("Jake Sullivan meets Wang Yi in Bangkok"), else cut from the
//! sentence itself: its date, a dateline, the story's attributions, long quotations and opening
//! phrases dropped, and cut at a clause boundary to at most `MAX_CHARS`.

use super::actors::Mention;
use super::kinds::{KindRule, Rules};
use super::places::PlaceHit;
use super::words::{one_line, Word};

/// Titles in the shipped data are short: this is the most a proposed title takes.
pub const MAX_CHARS: usize = 80;
/// A title cut shorter than this at a clause boundary reads as a fragment: cut later instead.
const MIN_CUT_CHARS: usize = 30;
/// Cut before a phrase, a title keeps at least this much: "Assistant Secretary of Defense" is a
/// name, not what happened.
const MIN_PHRASE_CHARS: usize = 40;

/// What a title is built from.
pub struct Parts<'a> {
    pub rule: Option<&'a KindRule>,
    /// The sentence's actors in order.
    pub actors: &'a [&'a Mention],
    pub place: Option<&'a PlaceHit>,
    /// The trigger with its capitalised modifiers, as written ("U.S. House hearing").
    pub trigger: Option<String>,
}

/// The title from the kind's template, if the sentence gives it what it needs.
pub fn from_template(parts: &Parts<'_>) -> Option<String> {
    let rule = parts.rule?;
    let pick = |person_first: bool, not_side: Option<crate::model::Side>| {
        // A place standing for a government makes an odd subject: "Beijing visits ...".
        let fits = |m: &&&Mention| !m.metonym && not_side.is_none_or(|s| m.actor.side != s);
        parts
            .actors
            .iter()
            .filter(fits)
            .find(|m| m.person || !person_first)
            .or_else(|| parts.actors.iter().find(fits))
            .copied()
    };
    let a = pick(true, None);
    let b = a.and_then(|a| pick(true, Some(a.actor.side)));
    let template = match (a, b) {
        (Some(_), Some(_)) => rule.two.as_deref().or(rule.one.as_deref()),
        (Some(_), None) => rule.one.as_deref(),
        _ => None,
    }?;
    // As the sentence writes the actors ("FBI Director Christopher Wray"), or, when that is
    // too long, by their names alone.
    let written = |m: Option<&Mention>| m.map(|m| m.written.clone());
    let named = |m: Option<&Mention>| m.map(|m| m.actor.name.clone());
    [(written(a), written(b)), (named(a), named(b))]
        .into_iter()
        .find_map(|(a, b)| fill(template, a.as_deref(), b.as_deref(), parts))
}

/// `template` with its placeholders filled, if it has all it needs and fits.
fn fill(template: &str, a: Option<&str>, b: Option<&str>, parts: &Parts<'_>) -> Option<String> {
    let mut title = template.to_owned();
    let mut put = |key: &str, value: Option<&str>| -> Option<()> {
        if title.contains(key) {
            title = title.replace(key, value?);
        }
        Some(())
    };
    put("{a}", a)?;
    put("{b}", b)?;
    put("{place_name}", parts.place.map(|p| p.written.as_str()))?;
    let place = parts
        .place
        .map_or(String::new(), |p| format!(" in {}", p.written));
    put("{place}", Some(&place))?;
    put("{trigger}", parts.trigger.as_deref())?;
    let title = one_line(&title);
    (title.chars().count() <= MAX_CHARS).then_some(title)
}

/// The trigger at words `[first, last)` with the capitalised words written just before it
/// ("U.S. House hearing"), leaving out a sentence's first word ("At").
pub fn trigger_written(
    text: &str,
    ws: &[Word<'_>],
    sentence_first: usize,
    first: usize,
    last: usize,
) -> String {
    let mut start = first;
    while start > sentence_first + 1 {
        let prev = &ws[start - 1];
        let sep = &text[prev.end..ws[start].start];
        let capital = prev.text.chars().next().is_some_and(char::is_uppercase);
        if !capital || !(sep == " " || sep == ". " || sep == "." || sep == "-") {
            break;
        }
        start -= 1;
    }
    one_line(&text[ws[start].start..ws[last - 1].end])
}

/// Words that introduce a date and go with it when it is cut out ("in September").
const DATE_PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "during", "by", "since", "until", "of", "from",
];

/// A title cut from the sentence of words `words_of_sentence`: the `removed` byte ranges (the
/// date) dropped with the preposition before them, and the attributions, long quotations and
/// opening phrase of `rules`. When the date sits in a relative clause about a named person
/// ("..., said Chris Krebs, who led CISA's work ... in 2020"), that clause is the title, with
/// the person as its subject.
pub fn from_sentence(
    text: &str,
    ws: &[Word<'_>],
    words_of_sentence: (usize, usize),
    clause: (usize, usize),
    removed: &[(usize, usize)],
    rules: &Rules,
) -> String {
    let (from, to) = words_of_sentence;
    if from >= to {
        return String::new();
    }
    let (scope, subject) = match relative_subject(text, ws, from, clause) {
        Some(name) => ((clause.0 + 1, clause.1), Some(name)),
        None if reported_clause(ws, from, clause, rules) => ((clause.0 + 1, clause.1), None),
        None => ((from, to), None),
    };
    if scope.0 >= scope.1 {
        return String::new();
    }
    let start = ws[scope.0].start;
    let end = ws[scope.1 - 1].end;
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in removed {
        let before = ws.partition_point(|w| w.end <= a);
        let a = match before.checked_sub(1).map(|k| &ws[k]) {
            Some(w)
                if w.start >= start
                    && text[w.end..a].trim().is_empty()
                    && DATE_PREPOSITIONS.contains(&w.text.to_lowercase().as_str()) =>
            {
                w.start
            }
            _ => a,
        };
        // "today's meeting": the possessive goes with the date.
        let b = ["’s", "'s"]
            .iter()
            .find(|p| text[b..].starts_with(**p))
            .map_or(b, |p| b + p.len());
        cut.push((a, b));
    }
    // "..., as reported by CNN on Monday, ..." and "..., the source added": set off by a
    // comma, up to the next comma or the end. Without the comma it is the sentence's own verb
    // ("defense officials said they are hopeful").
    for hit in rules.attributions.find(text, &ws[scope.0..scope.1]) {
        let k = scope.0 + hit.first;
        if k == 0 || !text[ws[k - 1].end..ws[k].start].contains(',') {
            continue;
        }
        let a = ws[k].start;
        let b = text[a..end].find([',', ';']).map_or(end, |i| a + i);
        cut.push((a, b));
    }
    cut.extend(
        long_quotations(&text[start..end])
            .into_iter()
            .map(|(a, b)| (a + start, b + start)),
    );
    // A dateline or a label, and opening phrases before the subject: "WASHINGTON –",
    // "At a hearing on Wednesday, ...", "Last year, in response to ..., China ...".
    if subject.is_none() {
        let lead = lead_end(text, ws, scope.0, scope.1);
        if lead > start {
            cut.push((start, lead));
        }
    }
    cut.sort_unstable();
    let mut kept = subject.map(|s| format!("{s} ")).unwrap_or_default();
    let mut at = start;
    for (a, b) in cut {
        if a > at {
            kept.push_str(&text[at..a.min(end)]);
        }
        at = at.max(b);
    }
    if at < end {
        kept.push_str(&text[at..end]);
    }
    shorten(&tidy(&kept), rules)
}

/// Whether the date's clause says what was reported or agreed, and says it whole: opened by
/// "that" after a word of `reported` ("told reporters ... that Gen. Liang Guanglie issued the
/// formal invitation ... today"), or by "when" ("... when officials from both countries meet
/// April 18th"), with at least five words after it.
fn reported_clause(ws: &[Word<'_>], from: usize, clause: (usize, usize), rules: &Rules) -> bool {
    let open = clause.0;
    if open <= from || clause.1 < open + 6 {
        return false;
    }
    match ws[open].text.to_lowercase().as_str() {
        "when" => true,
        "that" => ws[open.saturating_sub(5).max(from)..open].iter().any(|w| {
            let w = w.text.to_lowercase();
            rules.clause.reported.contains(&w)
        }),
        _ => false,
    }
}

/// For a date in a clause opened by ", who": the capitalised name before the comma.
fn relative_subject(
    text: &str,
    ws: &[Word<'_>],
    from: usize,
    clause: (usize, usize),
) -> Option<String> {
    let who = clause.0;
    if who <= from || !ws[who].text.eq_ignore_ascii_case("who") {
        return None;
    }
    if !text[ws[who - 1].end..ws[who].start].contains(',') {
        return None;
    }
    let upper = |w: &Word<'_>| w.text.chars().next().is_some_and(char::is_uppercase);
    let last = who - 1;
    let mut first = last;
    while first > from
        && last - first < 3
        && upper(&ws[first - 1])
        && text[ws[first - 1].end..ws[first].start] == *" "
    {
        first -= 1;
    }
    (upper(&ws[first]) && upper(&ws[last])).then(|| one_line(&text[ws[first].start..ws[last].end]))
}

/// Byte ranges of quotations of four words or more in `text` ("“Between expanding ...,”"),
/// when at least four words are left outside them: a title says what happened, not what was
/// said.
fn long_quotations(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (Some((a, close)), c) if c == close => {
                let b = i + c.len_utf8();
                if text[a..b].split_whitespace().count() >= 4 {
                    out.push((a, b));
                }
                open = None;
            }
            _ => {}
        }
    }
    let quoted: usize = out
        .iter()
        .map(|(a, b)| text[*a..*b].split_whitespace().count())
        .sum();
    if text.split_whitespace().count() - quoted.min(text.split_whitespace().count()) < 4 {
        return Vec::new();
    }
    out
}

/// Words that open a phrase or a clause before a sentence's subject.
const OPENERS: &[&str] = &[
    "At",
    "In",
    "On",
    "During",
    "After",
    "Before",
    "Earlier",
    "Later",
    "Last",
    "This",
    "Since",
    "Following",
    "Amid",
    "Meanwhile",
    "However",
    "But",
    "Also",
    "Separately",
    "While",
    "Although",
    "Though",
    "Despite",
    "As",
    "With",
    "When",
    "Therefore",
    "Thus",
    "Still",
    "Yet",
    "Today",
    "Yesterday",
    "Now",
    "Then",
];

/// Where the subject of the sentence of words `[from, to)` starts, in bytes: after a dateline
/// or a label ("WASHINGTON, Jan. 7, 2011 –", "INTRO:") and after up to three opening phrases
/// each ending in a comma within twelve words ("Last year,", "in response to ... Taiwan,").
fn lead_end(text: &str, ws: &[Word<'_>], from: usize, to: usize) -> usize {
    let mut k = from;
    if let Some(next) = dateline_end(text, ws, from, to) {
        k = next;
    }
    for _ in 0..3 {
        if k >= to || !OPENERS.iter().any(|o| o.eq_ignore_ascii_case(ws[k].text)) {
            break;
        }
        let limit = (k + 12).min(to);
        let comma =
            (k..limit.saturating_sub(1)).find(|&j| text[ws[j].end..ws[j + 1].start].contains(','));
        match comma {
            // Keep at least four words after it.
            Some(j) if to - (j + 1) >= 4 => k = j + 1,
            _ => break,
        }
    }
    if k == from {
        ws[from].start
    } else {
        ws[k].start
    }
}

/// The first word after a dateline or a label that opens the sentence: words all capitalised
/// (or numbers), the first in capitals, then a dash or a colon.
fn dateline_end(text: &str, ws: &[Word<'_>], from: usize, to: usize) -> Option<usize> {
    let first = ws.get(from)?;
    if first.text.chars().count() < 2 || !first.text.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    // A comma marks a dateline ("HANOI, Vietnam, ..."); without one, only a single word in
    // capitals is one ("WASHINGTON –"), not "FBI Director Christopher Wray –".
    let mut comma = false;
    for j in from..to.min(from + 10) {
        let w = &ws[j];
        let upper = w.text.chars().next();
        if !upper.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            return None;
        }
        let sep = text[w.end..ws.get(j + 1).map_or(w.end, |n| n.start)].trim();
        let ends = sep.contains(['–', '—', ':']) || sep == "-" || sep.ends_with(" -");
        if ends {
            return ((comma || j == from) && j + 1 < to).then_some(j + 1);
        }
        comma |= sep.contains(',');
    }
    None
}

/// Spaces and punctuation left by the cuts put right; surrounding quotes and marks trimmed.
fn tidy(text: &str) -> String {
    let mut out = one_line(text);
    for (from, to) in [
        (" ,", ","),
        (",,", ","),
        (" .", "."),
        (", .", "."),
        ("( ", "("),
        (" )", ")"),
    ] {
        while out.contains(from) {
            out = out.replace(from, to);
        }
    }
    let out = out
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-' | '.')
        })
        .to_owned();
    // Drop quote marks left without their pair.
    let unpaired =
        out.matches('“').count() != out.matches('”').count() || out.matches('"').count() % 2 == 1;
    let out = if unpaired {
        out.replace(['“', '”', '"'], "")
    } else {
        out
    };
    capitalise(&one_line(&out))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// At most `MAX_CHARS`: cut at the last clause boundary (a comma or a word of `breaks`) that
/// keeps at least `MIN_CUT_CHARS` and does not end on a reporting verb ("Gates said"), else
/// before the last word of `cuts` that opens a phrase ("and", "to", "over"), else at a word with
/// an ellipsis; dangling words ("of", "the") trimmed from the end.
fn shorten(title: &str, rules: &Rules) -> String {
    if title.chars().count() <= MAX_CHARS {
        return title.to_owned();
    }
    let dangling = &rules.clause.dangling;
    let ws = super::words::words(title);
    let char_at = |byte: usize| title[..byte].chars().count();
    let reporting = |i: usize| {
        let before = ws[i.saturating_sub(2)..i]
            .iter()
            .map(|w| w.text.to_lowercase());
        let last_two: Vec<String> = before.collect();
        rules
            .clause
            .reporting
            .iter()
            .any(|r| last_two.last().is_some_and(|l| l == r) || last_two.join(" ") == *r)
    };
    let mut best: Option<usize> = None;
    for (i, w) in ws.iter().enumerate() {
        if char_at(w.start) > MAX_CHARS + 1 {
            break;
        }
        let at_break = !rules.breaks.at(title, &ws, i).is_empty();
        let after_comma = i > 0 && title[ws[i - 1].end..w.start].contains(',');
        if (at_break || after_comma) && char_at(w.start) >= MIN_CUT_CHARS && !reporting(i) {
            best = Some(i);
        }
    }
    // No clause boundary in reach: the last phrase boundary instead.
    let phrase = || {
        ws.iter()
            .enumerate()
            .take_while(|(_, w)| char_at(w.start) <= MAX_CHARS + 1)
            .filter(|(i, w)| {
                char_at(w.start) >= MIN_PHRASE_CHARS
                    && !rules.cuts.at(title, &ws, *i).is_empty()
                    && !reporting(*i)
            })
            .map(|(i, _)| i)
            .last()
    };
    match best.or_else(phrase) {
        Some(i) => trim_dangling(title[..ws[i].start].trim_end(), dangling),
        None => {
            let last = ws
                .iter()
                .take_while(|w| char_at(w.end) < MAX_CHARS)
                .last()
                .map_or(0, |w| w.end);
            let cut = trim_dangling(&title[..last], dangling);
            format!("{cut}…")
        }
    }
}

fn trim_dangling(text: &str, dangling: &[String]) -> String {
    let mut out = text
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–'))
        .to_owned();
    while let Some((head, last)) = out.rsplit_once(' ') {
        if !dangling.iter().any(|d| d.eq_ignore_ascii_case(last)) {
            break;
        }
        out = head
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
            .to_owned();
    }
    out
}

//! The temporal tagger: finds time expressions in English news text and normalises them to
//! TIMEX3 values against an anchor date. The words and patterns are data
//! (`timex_rules.toml`); this module runs every rule, keeps the longest of overlapping matches,
//! and works out each value with the tense of its sentence.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::resolve::{self, Context};
use super::rules::{self, Expr, Piece, Rule, Rules};
use super::tense;
use super::timex::{Timex, TimexType};

/// Every time expression in `text`, in order, resolved against `anchor` (the day the text
/// was published).
pub fn tag(text: &str, anchor: NaiveDate) -> Vec<Timex> {
    tag_with(rules::shipped(), text, anchor)
}

/// A match of one rule, before overlaps are settled.
struct Found<'t> {
    start: usize,
    end: usize,
    rule: usize,
    captures: regex::Captures<'t>,
}

pub fn tag_with(rules: &Rules, text: &str, anchor: NaiveDate) -> Vec<Timex> {
    let mut found = Vec::new();
    for (index, rule) in rules.rules.iter().enumerate() {
        for captures in rule.regex.captures_iter(text) {
            let Some(whole) = captures.get(0) else {
                continue;
            };
            if whole.is_empty() || !stands_alone(text, whole.start(), whole.end()) {
                continue;
            }
            if !context_allows(rule, text, whole.start(), whole.end()) {
                continue;
            }
            found.push(Found {
                start: whole.start(),
                end: whole.end(),
                rule: index,
                captures,
            });
        }
    }
    // Longest first, then the earlier rule: "last June" beats "June", "Jan. 26, 2024" beats
    // "Jan. 26" and "2024".
    found.sort_by_key(|f| (std::cmp::Reverse(f.end - f.start), f.rule, f.start));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut kept = Vec::new();
    for f in found {
        if taken.iter().any(|&(s, e)| f.start < e && s < f.end) {
            continue;
        }
        taken.push((f.start, f.end));
        kept.push(f);
    }
    kept.sort_by_key(|f| f.start);

    let mut chars = CharCursor::new(text);
    let mut out = Vec::with_capacity(kept.len());
    for f in kept {
        let rule = &rules.rules[f.rule];
        let values = normalise(rules, rule, &f.captures);
        let cx = Context {
            anchor,
            tense: tense::around(text, f.start, f.end),
        };
        match &rule.split {
            None => {
                if let Some(value) = evaluate(&rule.value, &values, &cx) {
                    out.push(chars.timex(text, f.start, f.end, rule, value));
                }
            }
            Some(split) => {
                let (Some(first_end), Some(second_start)) = (
                    f.captures.name(&split.first_until).map(|m| m.end()),
                    f.captures.name(&split.second_from).map(|m| m.start()),
                ) else {
                    continue;
                };
                if let (Some(a), Some(b)) = (
                    evaluate(&rule.value, &values, &cx),
                    evaluate(&split.value, &values, &cx),
                ) {
                    out.push(chars.timex(text, f.start, first_end, rule, a));
                    out.push(chars.timex(text, second_start, f.end, rule, b));
                }
            }
        }
    }
    out
}

/// A match must not start or end inside a word: "now" is not in "known", "May" not in "Mayor".
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let last = text[..end].chars().next_back();
    let first = text[start..].chars().next();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !(word(before) && word(first) || word(after) && word(last))
}

fn context_allows(rule: &Rule, text: &str, start: usize, end: usize) -> bool {
    // A bounded look around is enough for these checks and keeps long texts linear.
    let before = tail(text, start, 40);
    let after = head(text, end, 40);
    if rule
        .not_before
        .as_ref()
        .is_some_and(|re| re.is_match(after))
    {
        return false;
    }
    if rule
        .not_after
        .as_ref()
        .is_some_and(|re| re.is_match(before))
    {
        return false;
    }
    if rule.before.as_ref().is_some_and(|re| !re.is_match(after)) {
        return false;
    }
    if rule.after.as_ref().is_some_and(|re| !re.is_match(before)) {
        return false;
    }
    true
}

fn tail(text: &str, end: usize, bytes: usize) -> &str {
    let mut from = end.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..end]
}

fn head(text: &str, start: usize, bytes: usize) -> &str {
    let mut to = (start + bytes).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[start..to]
}

/// Each capture group's value: the vocabulary's (`Jan.` → `01`) or the built-in's.
fn normalise(rules: &Rules, rule: &Rule, captures: &regex::Captures) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for (name, source) in &rule.groups {
        let Some(m) = captures.name(name) else {
            continue;
        };
        let value = match rules.vocab.get(source) {
            Some(vocab) => vocab.value_of(m.as_str()),
            None => rules::builtin_value(source, m.as_str()),
        };
        if let Some(value) = value {
            values.insert(name.clone(), value);
        }
    }
    values
}

fn evaluate(expr: &Expr, values: &HashMap<String, String>, cx: &Context) -> Option<String> {
    match expr {
        Expr::Template(pieces) => {
            let mut out = String::new();
            for piece in pieces {
                match piece {
                    Piece::Text(t) => out.push_str(t),
                    // A group that took no part leaves the argument empty (a missing year).
                    Piece::Group(g) => {
                        out.push_str(values.get(g).map(String::as_str).unwrap_or(""))
                    }
                }
            }
            Some(out)
        }
        Expr::Call(name, args) => {
            let args: Vec<Option<String>> = args.iter().map(|a| evaluate(a, values, cx)).collect();
            resolve::call(name, &args, cx)
        }
    }
}

/// Turns byte offsets, visited in increasing order, into char offsets in one pass.
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn new(_text: &str) -> Self {
        CharCursor { byte: 0, chars: 0 }
    }

    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }

    fn timex(&mut self, text: &str, start: usize, end: usize, rule: &Rule, value: String) -> Timex {
        let s = self.at(text, start);
        let e = self.at(text, end);
        // TIMEX3 writes vague references as dates, whatever the rule's type.
        let kind = if value.ends_with("_REF") {
            TimexType::Date
        } else if rule.kind != TimexType::Set && value.starts_with('P') {
            TimexType::Duration
        } else {
            rule.kind
        };
        Timex {
            start: s,
            end: e,
            text: text[start..end].to_string(),
            kind,
            value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// (text, value) of every expression.
    fn tagged(text: &str, anchor: NaiveDate) -> Vec<(String, String)> {
        tag(text, anchor)
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    }

    fn one(text: &str, anchor: NaiveDate) -> (String, String) {
        let all = tagged(text, anchor);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn relative_days_and_weekdays_follow_the_tense() {
        let wed = day(2024, 1, 31);
        assert_eq!(
            one("The court order was reported on Monday.", wed),
            ("Monday".into(), "2024-01-29".into())
        );
        assert_eq!(
            one("He testified at a hearing on Wednesday.", wed),
            ("Wednesday".into(), "2024-01-31".into())
        );
        assert_eq!(
            one("They will meet on Friday.", wed),
            ("Friday".into(), "2024-02-02".into())
        );
        assert_eq!(
            one("She left yesterday.", wed),
            ("yesterday".into(), "2024-01-30".into())
        );
        assert_eq!(
            one("They met last Wednesday.", wed),
            ("last Wednesday".into(), "2024-01-24".into())
        );
    }

    #[test]
    fn months_seasons_weeks_and_years_resolve_against_the_anchor() {
        let wed = day(2024, 1, 31);
        assert_eq!(
            one("He told a fundraiser last June that...", wed).1,
            "2023-06"
        );
        assert_eq!(
            one("The summit in November resulted in talks.", wed).1,
            "2023-11"
        );
        assert_eq!(
            one(
                "Beijing would not interfere in the election this fall.",
                wed
            ),
            ("this fall".into(), "2024-FA".into())
        );
        assert_eq!(
            one("Last week, an official told reporters.", wed),
            ("Last week".into(), "2024-W04".into())
        );
        assert_eq!(one("The 2016 incident", wed).1, "2016");
        assert_eq!(one("in the 1990s", wed), ("the 1990s".into(), "199".into()));
        assert_eq!(one("over three months", wed).1, "P3M");
        assert_eq!(one("It has happened recently.", wed).1, "PAST_REF");
    }

    #[test]
    fn explicit_dates_and_ranges() {
        let any = day(2024, 4, 18);
        assert_eq!(
            tagged("on Jan. 26-27, 2024 in Bangkok", any),
            vec![
                ("Jan. 26".to_string(), "2024-01-26".to_string()),
                ("27, 2024".to_string(), "2024-01-27".to_string()),
            ]
        );
        assert_eq!(one("signed 2/3/2023", any).1, "2023-02-03");
        assert_eq!(one("Tuesday, January 30, 2024", any).1, "2024-01-30");
        assert_eq!(one("on 15 November 2023", any).1, "2023-11-15");
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "习近平 met Biden on Monday.";
        let found = tag(text, day(2024, 1, 31));
        let chars: Vec<char> = text.chars().collect();
        let t = &found[0];
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), "Monday");
    }

    #[test]
    fn words_that_only_look_like_dates_are_left_alone() {
        let any = day(2024, 1, 31);
        assert!(
            tagged(
                "Theresa may know; prices may fall and the Mayor is known.",
                any
            )
            .is_empty(),
            "{:?}",
            tagged(
                "Theresa may know; prices may fall and the Mayor is known.",
                any
            )
        );
        assert!(
            tagged("He won 2024 votes and paid $2019.", any).is_empty(),
            "{:?}",
            tagged("He won 2024 votes and paid $2019.", any)
        );
    }
}

//! Calendar dates as bylines, datelines and metadata write them: "Tue January 30, 2024",
//! "Jan. 30, 2024", "30 January 2024", "2024-01-30", "1/30/2024", "Tue, 30 Jan 2024 21:14:00
//! GMT", and, in a dateline, "Jan 30" without a year. Not a temporal tagger: only absolute
//! dates, for finding when a page was published.

use chrono::NaiveDate;

use super::words::{words, Word};

/// A date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    /// Byte offsets of the date as written, with a weekday before it ("Thursday, April 18,
    /// 2024").
    pub start: usize,
    pub end: usize,
    /// False for a month and day without a year ("Jan 30"): `date` then carries the year
    /// 2000 (a leap year, so 29 February is kept) and the caller supplies the year.
    pub has_year: bool,
}

/// A month name (full or abbreviated, capitalised as names are) and its number.
fn month(word: &str) -> Option<u32> {
    const MONTHS: [(&str, &str); 12] = [
        ("January", "Jan"),
        ("February", "Feb"),
        ("March", "Mar"),
        ("April", "Apr"),
        ("May", "May"),
        ("June", "Jun"),
        ("July", "Jul"),
        ("August", "Aug"),
        ("September", "Sep"),
        ("October", "Oct"),
        ("November", "Nov"),
        ("December", "Dec"),
    ];
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .zip(1..)
        .find(|((full, short), _)| {
            lower == full.to_lowercase()
                || lower == short.to_lowercase()
                || lower == "sept" && *short == "Sep"
        })
        .map(|(_, n)| n)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = word.to_lowercase();
    word.chars().next().is_some_and(char::is_uppercase)
        && DAYS
            .iter()
            .any(|d| *d == lower || (lower.len() >= 3 && d.starts_with(&lower) && lower.len() <= 5))
}

/// A day of the month: `30`, `30th`, `1st`.
fn day(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year, also when a time is glued to it by `T` in an ISO value ("30T21").
fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1000..=9999).contains(y))
}

/// A number of one or two digits, optionally followed by `T...` (an ISO time).
fn small(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !(rest.is_empty() || rest.starts_with('T')) {
        return None;
    }
    digits.parse().ok()
}

/// Every date in `text`, in order.
pub fn find_all(text: &str) -> Vec<Found> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match at(text, &ws, i) {
            Some((found, next)) => {
                out.push(found);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The separator between words `a` and `a + 1`, trimmed.
fn sep<'t>(text: &'t str, ws: &[Word<'_>], a: usize) -> &'t str {
    text[ws[a].end..ws[a + 1].start].trim()
}

/// A date starting at word `i`, and the word after it.
fn at(text: &str, ws: &[Word<'_>], i: usize) -> Option<(Found, usize)> {
    let w = |k: usize| ws.get(k).map(|w| w.text);
    let start_word = i;
    // A weekday before the date is part of how it is written.
    let mut first = i;
    if w(i).is_some_and(is_weekday)
        && i + 1 < ws.len()
        && matches!(sep(text, ws, i), "" | "," | ".")
    {
        first = i + 1;
    }
    let found = |y: i32, m: u32, d: u32, last: usize, has_year: bool| {
        NaiveDate::from_ymd_opt(y, m, d).map(|date| {
            (
                Found {
                    date,
                    start: ws[start_word].start,
                    end: ws[last].end,
                    has_year,
                },
                last + 1,
            )
        })
    };
    // 2024-01-30, 2024/01/30, 2024.01.30
    if let (Some(y), Some(m), Some(d)) = (
        w(first).and_then(year),
        w(first + 1).and_then(small),
        w(first + 2).and_then(small),
    ) {
        let s1 = sep(text, ws, first);
        if matches!(s1, "-" | "/" | ".") && sep(text, ws, first + 1) == s1 {
            return found(y, m, d, first + 2, true);
        }
    }
    // 1/30/2024 (American order)
    if let (Some(m), Some(d), Some(y)) = (
        w(first).and_then(small),
        w(first + 1).and_then(small),
        w(first + 2).and_then(year),
    ) {
        if sep(text, ws, first) == "/" && sep(text, ws, first + 1) == "/" {
            return found(y, m, d, first + 2, true);
        }
    }
    // January 30, 2024 · Jan. 30 2024 · Jan 30
    if let (Some(m), Some(d)) = (w(first).and_then(month), w(first + 1).and_then(day)) {
        if matches!(sep(text, ws, first), "" | ".") {
            if let Some(y) = w(first + 2).and_then(year) {
                if matches!(sep(text, ws, first + 1), "" | ",") {
                    return found(y, m, d, first + 2, true);
                }
            }
            return found(2000, m, d, first + 1, false);
        }
    }
    // 30 January 2024 · 30 Jan. 2024
    if let (Some(d), Some(m), Some(y)) = (
        w(first).and_then(day),
        w(first + 1).and_then(month),
        w(first + 2).and_then(year),
    ) {
        if sep(text, ws, first).is_empty() && matches!(sep(text, ws, first + 1), "" | "." | ",") {
            return found(y, m, d, first + 2, true);
        }
    }
    None
}

/// A date written in a metadata value: an ISO 8601 date or date-time (its date part as
/// written: the publisher's local date), `20240130`, or any form `find_all` reads.
pub fn parse_value(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(date) = value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return Some(date);
    }
    if value.len() >= 8 && value.bytes().take(8).all(|b| b.is_ascii_digit()) {
        if let Ok(date) = NaiveDate::parse_from_str(&value[..8], "%Y%m%d") {
            return Some(date);
        }
    }
    find_all(value)
        .into_iter()
        .find(|f| f.has_year)
        .map(|f| f.date)
}

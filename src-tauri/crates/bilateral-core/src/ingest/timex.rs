//! A time expression as TimeML's TIMEX3 describes it: where it is, what type, what value.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// One time expression. `start`/`end` count Unicode scalar values (chars) into the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 `value`: `2024-01-29`, `2023-11`, `2024-W04`, `2024-FA`, `P3M`, `PAST_REF`, …
    pub value: String,
}

impl Timex {
    /// The calendar dates a DATE or TIME value covers, at its real precision: `2024-01-29` a
    /// day, `2023-11` a month, `2024` a year; a week (`2024-W04`) its Monday to Sunday, its
    /// weekend (`2024-W04-WE`) Saturday and Sunday; a quarter (`2024-Q1`), a half (`2024-H2`) or
    /// a season its months; a decade (`199`) or a century (`19`) its years. A TIME value
    /// (`2024-01-29T14:00`, `2024-01-29TMO`) gives its day.
    ///
    /// Seasons follow the meteorological convention, which news usage matches: spring is
    /// March–May, summer June–August, fall September–November, and winter December to February.
    /// TimeML's `2024-WI` is the winter that begins in December 2024, so it maps to
    /// 2024-12..2025-02 ("this winter" said in January 2024 is tagged `2023-WI` by that reading).
    ///
    /// `None` for what names no particular stretch of the calendar: a duration or a set, a
    /// value with an unknown part (`X`), a vague reference (`PAST_REF`), a time without a date.
    pub fn dates(&self) -> Option<(PartialDate, Option<PartialDate>)> {
        match self.kind {
            TimexType::Date | TimexType::Time => calendar_span(&self.value),
            TimexType::Duration | TimexType::Set => None,
        }
    }
}

/// The span a TIMEX3 date value covers, as (start, end); `end` is `None` when `start` covers it.
fn calendar_span(value: &str) -> Option<(PartialDate, Option<PartialDate>)> {
    if value.contains('X') || value.contains("_REF") || value.starts_with('P') {
        return None;
    }
    // A time of day only narrows the day: keep the date before the `T`.
    let date = match value.split_once('T') {
        Some((date, _)) if date.len() == 10 => date,
        Some(_) => return None,
        None => value,
    };
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year = |s: &str| -> Option<i32> {
        if s.len() == 4 && digits(s) {
            s.parse().ok()
        } else {
            None
        }
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => Some((PartialDate::year(year(y)?).ok()?, None)),
        // A decade (`199`) or a century (`19`).
        [d] if d.len() == 3 && digits(d) => year_range(d.parse::<i32>().ok()? * 10, 10),
        [c] if c.len() == 2 && digits(c) => year_range(c.parse::<i32>().ok()? * 100, 100),
        [y, m] if m.len() == 2 && digits(m) => {
            Some((PartialDate::month(year(y)?, m.parse().ok()?).ok()?, None))
        }
        [y, w] if is_week(w) => week(year(y)?, &w[1..], false),
        [y, w, we] if is_week(w) && *we == "WE" => week(year(y)?, &w[1..], true),
        [y, part] => months(year(y)?, part),
        [y, m, d] if m.len() == 2 && d.len() == 2 && digits(m) && digits(d) => Some((
            PartialDate::day(year(y)?, m.parse().ok()?, d.parse().ok()?).ok()?,
            None,
        )),
        _ => None,
    }
}

/// `W04`: a week number.
fn is_week(part: &str) -> bool {
    part.len() == 3 && part.starts_with('W') && part[1..].bytes().all(|b| b.is_ascii_digit())
}

/// `count` years from `first`: a decade or a century.
fn year_range(first: i32, count: i32) -> Option<(PartialDate, Option<PartialDate>)> {
    // The first decade and century have no year 0: start them at year 1.
    let start = PartialDate::year(first.max(1)).ok()?;
    let end = PartialDate::year(first + count - 1).ok()?;
    Some((start, Some(end)))
}

/// ISO week `number` of `year`, Monday to Sunday, or its weekend.
fn week(year: i32, number: &str, weekend: bool) -> Option<(PartialDate, Option<PartialDate>)> {
    if number.len() != 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = number.parse().ok()?;
    let first = if weekend { Weekday::Sat } else { Weekday::Mon };
    let monday = NaiveDate::from_isoywd_opt(year, n, first)?;
    let sunday = NaiveDate::from_isoywd_opt(year, n, Weekday::Sun)?;
    Some((
        PartialDate::from_naive(monday),
        Some(PartialDate::from_naive(sunday)),
    ))
}

/// The months of a season, quarter or half of `year`.
fn months(year: i32, part: &str) -> Option<(PartialDate, Option<PartialDate>)> {
    let (first, last, next_year) = match part {
        "SP" => (3, 5, false),
        "SU" => (6, 8, false),
        "FA" => (9, 11, false),
        "WI" => (12, 2, true),
        "Q1" => (1, 3, false),
        "Q2" => (4, 6, false),
        "Q3" => (7, 9, false),
        "Q4" => (10, 12, false),
        "H1" => (1, 6, false),
        "H2" => (7, 12, false),
        _ => return None,
    };
    let start = PartialDate::month(year, first).ok()?;
    let end = PartialDate::month(if next_year { year + 1 } else { year }, last).ok()?;
    Some((start, Some(end)))
}

//! The value functions the rules call (`date`, `weekday`, `shift`, …): TIMEX3 values worked out
//! from the anchor date and the tense.

use chrono::{Datelike, Duration, NaiveDate};

use super::tense::Tense;

/// What a relative expression is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub anchor: NaiveDate,
    pub tense: Tense,
}

/// Calls a value function; `None` when the arguments make no date (Feb 30) or it is unknown.
pub fn call(name: &str, args: &[Option<String>], cx: &Context) -> Option<String> {
    let arg = |i: usize| args.get(i).cloned().flatten().filter(|s| !s.is_empty());
    let int = |i: usize| arg(i).and_then(|s| s.trim_start_matches('+').parse::<i64>().ok());
    match name {
        "date" => date(int(0), int(1)?, int(2), cx),
        "year" => Some(format!("{:04}", int(0)?)),
        "holiday" => {
            let day = arg(0)?;
            let (m, d) = day.split_once('-')?;
            date(None, m.parse().ok()?, Some(d.parse().ok()?), cx)
        }
        "decade" => arg(0),
        "century" => Some(format!("{:02}", int(0)? - 1)),
        "fiscal" => Some(format!("FY{}", arg(0)?)),
        "weekday" => weekday(int(0)?, int(1).unwrap_or(0), cx),
        "month" => month(int(0)?, int(1).unwrap_or(0), cx),
        "season" => season(&arg(0)?, arg(1), cx),
        "quarter" => part_of_year("Q", 4, int(0)?, arg(1), cx),
        "half" => part_of_year("H", 2, int(0)?, arg(1), cx),
        "shift" => shift(&arg(0)?, &arg(1)?, cx),
        "duration" => duration(&arg(0)?, &arg(1)?),
        // "the past three years" lasts; "the past few years" is only somewhere back (the
        // third argument).
        "stretch" => match arg(0)?.as_str() {
            "X" => arg(2),
            n => duration(n, &arg(1)?),
        },
        // "two years earlier" is a date; "several months before" only a stretch of time.
        "back" => match arg(0)?.as_str() {
            "X" => duration("X", &arg(1)?),
            n => shift(&arg(1)?, &format!("-{n}"), cx),
        },
        "at" => Some(format!("{}T{}", arg(0)?, arg(1)?.trim_start_matches('T'))),
        "clock" => clock(int(0)?, int(1).unwrap_or(0), &arg(2)?),
        "weekend" => weekend(arg(0)?, cx),
        _ => None,
    }
}

/// `n` weeks from the anchor's weekend; `T` picks by tense: the one just past, or the next.
fn weekend(n: String, cx: &Context) -> Option<String> {
    let weeks = match n.as_str() {
        "T" => {
            let on_weekend = cx.anchor.weekday().number_from_monday() >= 6;
            match cx.tense {
                Tense::Future => 0,
                _ if on_weekend => 0,
                _ => -1,
            }
        }
        n => n.parse::<i64>().ok()?,
    };
    Some(format!("{}-WE", week(cx.anchor + Duration::weeks(weeks))))
}

fn day_value(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// A full or partial date; a missing year is chosen by tense around the anchor.
fn date(year: Option<i64>, month: i64, day: Option<i64>, cx: &Context) -> Option<String> {
    let m = u32::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    match (year, day) {
        (Some(y), None) => Some(format!("{y:04}-{m:02}")),
        (Some(y), Some(d)) => {
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, u32::try_from(d).ok()?)
                .map(day_value)
        }
        (None, None) => self::month(month, 0, cx),
        (None, Some(d)) => {
            let d = u32::try_from(d).ok()?;
            let y = cx.anchor.year();
            let options: Vec<NaiveDate> = [y - 1, y, y + 1]
                .iter()
                .filter_map(|&y| NaiveDate::from_ymd_opt(y, m, d))
                .collect();
            let pick = match cx.tense {
                Tense::Past => options.iter().rev().find(|&&o| o <= cx.anchor),
                Tense::Future => options.iter().find(|&&o| o >= cx.anchor),
                Tense::Present => options
                    .iter()
                    .min_by_key(|&&o| (o - cx.anchor).num_days().abs()),
            };
            pick.copied().map(day_value)
        }
    }
}

/// "Monday" (n = 0) by tense, including the anchor's own day; "last Monday" (-1) the one
/// before the anchor; "next Monday" (1) the one after.
fn weekday(day: i64, n: i64, cx: &Context) -> Option<String> {
    let target = u32::try_from(day).ok().filter(|d| (1..=7).contains(d))?;
    let today = cx.anchor.weekday().number_from_monday();
    let back = i64::from((today + 7 - target) % 7);
    let ahead = i64::from((target + 7 - today) % 7);
    let offset = match n {
        -1 => -(if back == 0 { 7 } else { back }),
        1 => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        _ => match cx.tense {
            Tense::Future => ahead,
            _ => -back,
        },
    };
    Some(day_value(cx.anchor + Duration::days(offset)))
}

/// A month named without its year. n: 0 by tense, -1 last, 1 next, 2 this (the anchor's year).
fn month(m: i64, n: i64, cx: &Context) -> Option<String> {
    let m = u32::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
    let (y, now) = (cx.anchor.year(), cx.anchor.month());
    let year = match n {
        -1 => {
            if m < now {
                y
            } else {
                y - 1
            }
        }
        1 => {
            if m > now {
                y
            } else {
                y + 1
            }
        }
        2 => y,
        -2 => y - 1,
        3 => y + 1,
        _ => match cx.tense {
            Tense::Future => {
                if m >= now {
                    y
                } else {
                    y + 1
                }
            }
            Tense::Past => {
                if m <= now {
                    y
                } else {
                    y - 1
                }
            }
            Tense::Present => {
                let back = (now + 12 - m) % 12;
                let ahead = (m + 12 - now) % 12;
                if back <= ahead {
                    if m <= now {
                        y
                    } else {
                        y - 1
                    }
                } else if m >= now {
                    y
                } else {
                    y + 1
                }
            }
        },
    };
    Some(format!("{year:04}-{m:02}"))
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// The season a day falls in, as (year, index into SEASONS); December opens that year's winter.
fn season_of(d: NaiveDate) -> (i32, usize) {
    match d.month() {
        3..=5 => (d.year(), 0),
        6..=8 => (d.year(), 1),
        9..=11 => (d.year(), 2),
        12 => (d.year(), 3),
        _ => (d.year() - 1, 3),
    }
}

/// `which` is a year ("summer 2023"), or -1 / 0 / 1 / 2 as for months.
fn season(code: &str, which: Option<String>, cx: &Context) -> Option<String> {
    let target = SEASONS.iter().position(|s| *s == code)?;
    let (y, now) = season_of(cx.anchor);
    let n = match which.as_deref() {
        Some(w) if w.len() == 4 => return Some(format!("{w}-{code}")),
        Some(w) => w.parse::<i64>().ok()?,
        None => 0,
    };
    let year = match n {
        -1 => {
            if target < now {
                y
            } else {
                y - 1
            }
        }
        1 => {
            if target > now {
                y
            } else {
                y + 1
            }
        }
        2 => cx.anchor.year(),
        _ => match cx.tense {
            Tense::Future => {
                if target >= now {
                    y
                } else {
                    y + 1
                }
            }
            _ => {
                if target <= now {
                    y
                } else {
                    y - 1
                }
            }
        },
    };
    Some(format!("{year:04}-{code}"))
}

/// Quarters and halves: with a year as given; without, the latest one not after the anchor's
/// (or the next one, in the future tense).
fn part_of_year(
    letter: &str,
    parts: u32,
    which: i64,
    year: Option<String>,
    cx: &Context,
) -> Option<String> {
    let which = u32::try_from(which)
        .ok()
        .filter(|w| (1..=parts).contains(w))?;
    if let Some(y) = year {
        return Some(format!("{y}-{letter}{which}"));
    }
    let now = (cx.anchor.month0() * parts) / 12 + 1;
    let y = cx.anchor.year();
    let year = match cx.tense {
        Tense::Future if which < now => y + 1,
        Tense::Future => y,
        _ if which > now => y - 1,
        _ => y,
    };
    Some(format!("{year:04}-{letter}{which}"))
}

/// The anchor moved by `by` units, written at that unit's granularity.
fn shift(unit: &str, by: &str, cx: &Context) -> Option<String> {
    let n = match by.trim_start_matches('+').parse::<i64>() {
        Ok(n) => n,
        // "several years ago"
        Err(_) if by.starts_with('-') => return Some("PAST_REF".into()),
        Err(_) => return Some("FUTURE_REF".into()),
    };
    let a = cx.anchor;
    Some(match unit {
        "D" | "H" | "MIN" | "S" => day_value(a + Duration::days(if unit == "D" { n } else { 0 })),
        "W" => week(a + Duration::weeks(n)),
        "M" => {
            let total = i64::from(a.year()) * 12 + i64::from(a.month0()) + n;
            format!(
                "{:04}-{:02}",
                total.div_euclid(12),
                total.rem_euclid(12) + 1
            )
        }
        "Q" => {
            let total = i64::from(a.year()) * 4 + i64::from(a.month0() / 3) + n;
            format!("{:04}-Q{}", total.div_euclid(4), total.rem_euclid(4) + 1)
        }
        "Y" => format!("{:04}", i64::from(a.year()) + n),
        "DE" => format!("{:03}", i64::from(a.year()) / 10 + n),
        "CE" => format!("{:02}", i64::from(a.year()) / 100 + n),
        _ => return None,
    })
}

fn duration(n: &str, unit: &str) -> Option<String> {
    let n = if n.chars().all(|c| c.is_ascii_digit() || c == '.') || n == "X" {
        n.to_string()
    } else {
        return None;
    };
    // TimeBank writes decades, centuries and quarters in years and months.
    let scaled = |factor: f64| -> String {
        match n.parse::<f64>() {
            Ok(v) => {
                let v = v * factor;
                if v.fract() == 0.0 {
                    format!("{v:.0}")
                } else {
                    format!("{v}")
                }
            }
            Err(_) => n.clone(),
        }
    };
    Some(match unit {
        "DE" => format!("P{}Y", scaled(10.0)),
        "CE" => format!("P{}Y", scaled(100.0)),
        "Q" => format!("P{}M", scaled(3.0)),
        "H" => format!("PT{n}H"),
        "MIN" => format!("PT{n}M"),
        "S" => format!("PT{n}S"),
        "Y" | "M" | "W" | "D" => format!("P{n}{unit}"),
        _ => return None,
    })
}

fn clock(hour: i64, minute: i64, ampm: &str) -> Option<String> {
    let h = match (hour, ampm) {
        (12, "am") => 0,
        (12, _) => 12,
        (h, "pm") => h + 12,
        (h, _) => h,
    };
    (0..24).contains(&h).then(|| format!("{h:02}:{minute:02}"))
}

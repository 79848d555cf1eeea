//! Sums of the per-day counts (events starting, or starting less ending, on a day) over ranges
//! of days, each part read from the coarsest maintained table that covers it: whole years from
//! `year_counts`, whole months from `month_counts`, the rest from `day_counts` (migrations 0004
//! and 0014). The answer is the day-by-day sum; only the number of rows read changes, which
//! stays in the hundreds for any window, however many events and days it holds.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;

use crate::error::Result;
use crate::store::{day_number, from_day_number};

/// What is summed per day.
#[derive(Clone, Copy)]
pub(crate) enum Count {
    /// Events starting on the day.
    Starts,
    /// Events starting on the day less those ending on it: summed over every day before a
    /// day, the events open across that day's start.
    Open,
}

impl Count {
    fn expression(self) -> &'static str {
        match self {
            Count::Starts => "starts",
            Count::Open => "starts - ends",
        }
    }
}

/// The day number of the 1st of the month holding `day`.
fn month_start(day: i64) -> i64 {
    let date = from_day_number(day);
    date.with_day(1).map_or(day, day_number)
}

/// The day number of the 1st of the month after the one holding `day`.
fn next_month_start(day: i64) -> i64 {
    let date = from_day_number(month_start(day));
    date.checked_add_months(Months::new(1))
        .map_or(i64::MAX, day_number)
}

/// The calendar year of a day number.
fn year(day: i64) -> i64 {
    i64::from(from_day_number(day).year())
}

/// The day number of 1 January of `year`.
fn year_start(year: i64) -> i64 {
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        .map_or(i64::MAX, day_number)
}

fn sum_days(conn: &Connection, count: Count, a: i64, b: i64) -> Result<i64> {
    if a > b {
        return Ok(0);
    }
    let sql = format!(
        "SELECT coalesce(sum({}), 0) FROM day_counts WHERE day BETWEEN ?1 AND ?2",
        count.expression()
    );
    Ok(conn.prepare_cached(&sql)?.query_row([a, b], |r| r.get(0))?)
}

/// The months whose 1st is in [a, b).
fn sum_months(conn: &Connection, count: Count, a: i64, b: i64) -> Result<i64> {
    if a >= b {
        return Ok(0);
    }
    let sql = format!(
        "SELECT coalesce(sum({}), 0) FROM month_counts WHERE month >= ?1 AND month < ?2",
        count.expression()
    );
    Ok(conn.prepare_cached(&sql)?.query_row([a, b], |r| r.get(0))?)
}

/// The calendar years in [a, b).
fn sum_years(conn: &Connection, count: Count, a: i64, b: i64) -> Result<i64> {
    if a >= b {
        return Ok(0);
    }
    let sql = format!(
        "SELECT coalesce(sum({}), 0) FROM year_counts WHERE year >= ?1 AND year < ?2",
        count.expression()
    );
    Ok(conn.prepare_cached(&sql)?.query_row([a, b], |r| r.get(0))?)
}

/// The whole months from the one starting on day `a` up to, not including, the one starting
/// on day `b` (both 1sts of months): whole years inside read from the yearly counts.
fn sum_whole_months(conn: &Connection, count: Count, a: i64, b: i64) -> Result<i64> {
    if a >= b {
        return Ok(0);
    }
    let first_january = if from_day_number(a).month() == 1 {
        a
    } else {
        year_start(year(a) + 1)
    };
    let last_january = year_start(year(b));
    if first_january >= last_january {
        return sum_months(conn, count, a, b);
    }
    Ok(sum_months(conn, count, a, first_january)?
        + sum_years(conn, count, year(first_january), year(last_january))?
        + sum_months(conn, count, last_january, b)?)
}

/// The sum over the days of [a, b].
pub(crate) fn sum_between(conn: &Connection, count: Count, a: i64, b: i64) -> Result<i64> {
    if a > b {
        return Ok(0);
    }
    let first_whole = if month_start(a) == a {
        a
    } else {
        next_month_start(a)
    };
    let after_whole = month_start(b.saturating_add(1));
    if first_whole >= after_whole {
        return sum_days(conn, count, a, b);
    }
    Ok(sum_days(conn, count, a, first_whole - 1)?
        + sum_whole_months(conn, count, first_whole, after_whole)?
        + sum_days(conn, count, after_whole, b)?)
}

/// The sum over every day before `day`.
pub(crate) fn sum_before(conn: &Connection, count: Count, day: i64) -> Result<i64> {
    let january = year_start(year(day)).min(day);
    let month = month_start(day);
    let years = format!(
        "SELECT coalesce(sum({}), 0) FROM year_counts WHERE year < ?1",
        count.expression()
    );
    let years: i64 = conn
        .prepare_cached(&years)?
        .query_row([year(day)], |r| r.get(0))?;
    Ok(years + sum_months(conn, count, january, month)? + sum_days(conn, count, month, day - 1)?)
}

/// The events starting in each of `n` equal slices of [lo, hi] (slice `i` holds the days
/// whose `(day - lo) * n / span` is `i`), as (slice, count) pairs, a slice given more than
/// once summing. Months that lie within one slice are read from the monthly counts; the days
/// of months a slice edge cuts, and of the window's partial months, one by one.
pub(crate) fn starts_per_slice(
    conn: &Connection,
    lo: i64,
    hi: i64,
    n: i64,
) -> Result<Vec<(i64, i64)>> {
    let span = hi - lo + 1;
    // The days read one by one: each slice edge's month, and the window's ragged ends.
    let mut by_day: Vec<(i64, i64)> = Vec::new();
    let mut read_days = |a: i64, b: i64| {
        let (a, b) = (a.max(lo), b.min(hi));
        match by_day.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => by_day.push((a, b)),
        }
    };
    if month_start(lo) != lo {
        read_days(lo, next_month_start(lo) - 1);
    }
    for i in 1..n {
        // The first day of slice i: the least d with (d - lo) * n >= i * span.
        let edge = lo + (i * span + n - 1) / n;
        if month_start(edge) != edge {
            read_days(month_start(edge), next_month_start(edge) - 1);
        }
    }
    if next_month_start(hi) != hi + 1 {
        read_days(month_start(hi), hi);
    }
    let mut out = Vec::new();
    let mut by_slice = conn.prepare_cached(
        "SELECT (day - ?1) * ?2 / ?3 AS slice, sum(starts) FROM day_counts
         WHERE day BETWEEN ?4 AND ?5 AND starts <> 0 GROUP BY slice",
    )?;
    for (a, b) in &by_day {
        let rows = by_slice.query_map([lo, n, span, *a, *b], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    if by_day.first() == Some(&(lo, hi)) {
        return Ok(out);
    }
    // Every other month lies whole inside the window and inside one slice.
    let mut months = conn.prepare_cached(
        "SELECT month, starts FROM month_counts
         WHERE month BETWEEN ?1 AND ?2 AND starts <> 0 ORDER BY month",
    )?;
    let rows = months.query_map([lo, hi], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    let mut ranges = by_day.iter().peekable();
    for row in rows {
        let (month, starts) = row?;
        while ranges.next_if(|(_, b)| *b < month).is_some() {}
        if ranges.peek().is_some_and(|(a, _)| *a <= month) {
            continue;
        }
        out.push(((month - lo) * n / span, starts));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> i64 {
        day_number(text.parse().unwrap_or(NaiveDate::MIN))
    }

    #[test]
    fn months_are_found_from_any_day_in_them() {
        assert_eq!(month_start(day("2024-02-29")), day("2024-02-01"));
        assert_eq!(next_month_start(day("2024-02-29")), day("2024-03-01"));
        assert_eq!(next_month_start(day("2023-12-01")), day("2024-01-01"));
        assert_eq!(year_start(2000), day("2000-01-01"));
    }
}

//! Sums of the per-day counts (events starting and ending on each day, `day_counts`, which
//! triggers keep: migration 0004) over any range of days, from running sums copied in memory
//! (`stamped_copy.rs`): a range is two binary searches, whatever the number of events and
//! days, so a density strip of 2,000 slices costs microseconds. The copy holds the days that
//! have a count, 24 bytes each: about 20,000 days for 55 years of daily events.

use rusqlite::Connection;

use crate::error::Result;
use crate::stamped_copy::Copied;

/// The days with a count, in order, and the running sums through each of them.
#[derive(Clone)]
pub(crate) struct DaySums {
    days: Vec<i64>,
    /// Events starting on or before `days[i]`.
    starts: Vec<i64>,
    /// Events starting on or before `days[i]` less those ending on or before it.
    open: Vec<i64>,
}

impl Copied for DaySums {
    fn read(conn: &Connection) -> Result<Self> {
        let mut stmt = conn.prepare(
            "SELECT day, starts, ends FROM day_counts WHERE starts <> 0 OR ends <> 0 ORDER BY day",
        )?;
        let mut rows = stmt.query([])?;
        let mut sums = Self {
            days: Vec::new(),
            starts: Vec::new(),
            open: Vec::new(),
        };
        let (mut starts, mut open) = (0_i64, 0_i64);
        while let Some(row) = rows.next()? {
            let (day, s, e): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
            starts += s;
            open += s - e;
            sums.days.push(day);
            sums.starts.push(starts);
            sums.open.push(open);
        }
        Ok(sums)
    }
}

impl DaySums {
    /// The running sum `running` over every day before `day`.
    fn before(&self, running: &[i64], day: i64) -> i64 {
        match self.days.partition_point(|d| *d < day) {
            0 => 0,
            i => running[i - 1],
        }
    }

    /// How many events started before `day` and end on or after it.
    pub(crate) fn open_before(&self, day: i64) -> i64 {
        self.before(&self.open, day)
    }

    /// How many events start in [a, b].
    pub(crate) fn starts_between(&self, a: i64, b: i64) -> i64 {
        if a > b {
            return 0;
        }
        self.before(&self.starts, b.saturating_add(1)) - self.before(&self.starts, a)
    }

    /// The events starting in each of `n` equal slices of [lo, hi]: slice `i` holds the days
    /// whose `(day - lo) * n / span` is `i`, from `lo + ceil(i * span / n)`.
    pub(crate) fn starts_per_slice(&self, lo: i64, hi: i64, n: i64) -> Vec<i64> {
        let span = hi - lo + 1;
        let first_day = |i: i64| lo + (i * span + n - 1) / n;
        (0..n)
            .map(|i| self.starts_between(first_day(i), first_day(i + 1) - 1))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events on days 10 (two, one ending on 12), 12 and 20 (ending on 30).
    fn sums() -> DaySums {
        let conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(
            "CREATE TABLE day_counts (day INTEGER PRIMARY KEY, starts INTEGER, ends INTEGER);
             INSERT INTO day_counts VALUES (10, 2, 1), (12, 1, 2), (15, 0, 0), (20, 1, 0),
                                           (30, 0, 1);",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        DaySums::read(&conn).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn ranges_sum_the_days_inside_them_both_ends_included() {
        let s = sums();
        assert_eq!(s.starts_between(10, 10), 2);
        assert_eq!(s.starts_between(10, 12), 3);
        assert_eq!(s.starts_between(11, 19), 1);
        assert_eq!(s.starts_between(13, 19), 0);
        assert_eq!(s.starts_between(0, 100), 4);
        assert_eq!(s.starts_between(12, 11), 0);
    }

    #[test]
    fn open_events_are_those_started_before_and_not_yet_ended() {
        let s = sums();
        assert_eq!(s.open_before(10), 0);
        assert_eq!(s.open_before(11), 1, "one of day 10's events ends that day");
        assert_eq!(s.open_before(13), 0);
        assert_eq!(s.open_before(25), 1);
        assert_eq!(s.open_before(31), 0);
    }

    #[test]
    fn slices_cover_the_window_once_each() {
        let s = sums();
        // 10..=21 in 4 slices of 3 days: 10-12, 13-15, 16-18, 19-21.
        assert_eq!(s.starts_per_slice(10, 21, 4), vec![3, 0, 0, 1]);
        // 10..=20 in 3 slices: 10-13, 14-17, 18-20 (the first days of slices round up).
        assert_eq!(s.starts_per_slice(10, 20, 3), vec![3, 0, 1]);
    }
}

//! Window queries: the events overlapping a time range, capped, with density buckets when
//! more events fall inside than the cap, so the UI never needs the whole table.

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::parse_day;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::store::{day_number, from_day_number, Store};
use crate::timeline_event::{read_by_rowid, TimelineEvent};

/// Largest number of events one window answer may carry.
pub const MAX_LIMIT: u32 = 2_000;
/// A capped window keeps at most `limit / STRETCHES` events (rounded up) from each of this
/// many equal stretches of its span. Rounded down, a limit of 47 kept one a stretch and
/// answered with 24: the timeline's lower lanes stayed empty.
pub(crate) const STRETCHES: u32 = 24;

/// Largest number of density buckets one window answer may carry.
pub const MAX_BUCKETS: u32 = 2_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WindowQuery {
    /// First day of the window, `YYYY-MM-DD`, inclusive.
    pub from: String,
    /// Last day of the window, `YYYY-MM-DD`, inclusive.
    pub to: String,
    /// At most this many events are returned; the most significant win.
    pub limit: u32,
    /// How many equal slices the density answer divides the window into.
    pub buckets: u32,
    /// Only events matching this filter are counted and returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub filter: Option<Filter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Window {
    /// Events overlapping the window, in chronological order, in the slim form the timeline
    /// draws (the whole event is fetched when one is opened).
    pub events: Vec<TimelineEvent>,
    /// How many events overlap the window in all.
    pub total: u32,
    /// Counts per slice of the window; empty when every event was returned.
    pub buckets: Vec<Bucket>,
    /// Stored rows that cannot be read (an unknown kind, a bad date): left out of `events`
    /// and reported, so one damaged row never blanks the whole timeline.
    pub damaged: Vec<Damaged>,
}

/// A stored event that cannot be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Damaged {
    pub id: String,
    pub message: String,
}

/// How many events start in one slice of a window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bucket {
    pub start: String,
    pub end: String,
    pub count: u32,
}

/// The span the whole store covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Extent {
    pub first: String,
    pub last: String,
    pub count: u32,
}

fn to_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Events at most this many days long start at most this far before a window they overlap.
const SHORT_DAYS: i64 = 30;
/// Longer events up to this length (years, seasons) have their own index; longer still are
/// "long" events (a span of years), few, read from their own index whatever the window.
pub(crate) const MEDIUM_DAYS: i64 = 366;

/// The significance tier of an event: its kind's significance, then its length class (a day,
/// a span of days, a month, longer). Word for word the expression of `events_tier`
/// (migration 0003), so SQLite matches it to that index.
const TIER: &str = "(significance * 4 + CASE WHEN last_day - first_day = 0 THEN 0
                             WHEN last_day - first_day < 27 THEN 1
                             WHEN last_day - first_day <= 30 THEN 2
                             ELSE 3 END)";

pub(crate) fn length_class(length: i64) -> i64 {
    match length {
        0 => 0,
        1..=26 => 1,
        27..=30 => 2,
        _ => 3,
    }
}

/// How far before a window an event of this length class can start and still overlap it.
fn reach(class: i64) -> i64 {
    match class {
        0 => 0,
        1 => 26,
        2 => SHORT_DAYS,
        _ => MEDIUM_DAYS,
    }
}

/// The three sets of events overlapping [lo, hi] (short, medium, long), each a condition an
/// index serves, with its parameters.
fn overlap_sets(lo: i64, hi: i64) -> [(&'static str, Vec<i64>); 3] {
    [
        (
            "first_day BETWEEN ? AND ? AND last_day >= ? AND last_day - first_day <= 30",
            vec![lo - SHORT_DAYS, hi, lo],
        ),
        (
            "first_day BETWEEN ? AND ? AND last_day >= ?
             AND last_day - first_day > 30 AND last_day - first_day <= 366",
            vec![lo - MEDIUM_DAYS, hi, lo],
        ),
        (
            "last_day - first_day > 366 AND first_day <= ? AND last_day >= ?",
            vec![hi, lo],
        ),
    ]
}

/// An event competing for a place in a capped window.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    rowid: i64,
    id: String,
    first_day: i64,
    last_day: i64,
    significance: i64,
}

impl Candidate {
    /// Most significant first: significance, then length class, then (for long events) the
    /// longer, then the earlier, then by id.
    fn rank(&self, other: &Self) -> std::cmp::Ordering {
        let weight = |c: &Self| {
            let length = c.last_day - c.first_day;
            let long = if length > MEDIUM_DAYS { length } else { 0 };
            (c.significance * 4 + length_class(length), long)
        };
        weight(other)
            .cmp(&weight(self))
            .then_with(|| self.first_day.cmp(&other.first_day))
            .then_with(|| self.id.cmp(&other.id))
    }
}

pub(crate) fn candidate(r: &rusqlite::Row<'_>) -> rusqlite::Result<Candidate> {
    Ok(Candidate {
        rowid: r.get(0)?,
        id: r.get(1)?,
        first_day: r.get(2)?,
        last_day: r.get(3)?,
        significance: r.get(4)?,
    })
}

/// A capped window whose events number at most this many times its limit ranks them all
/// at once instead of walking the tiers of each stretch.
const RANK_ALL_FACTOR: i64 = 8;

/// The winners of a capped window: the best `limit / STRETCHES` (rounded up) of each stretch, then the
/// best `limit` of those.
fn pick(mut per: Vec<Vec<Candidate>>, limit: u32) -> Vec<i64> {
    let per_stretch = usize::try_from(limit.div_ceil(STRETCHES)).unwrap_or(1);
    let mut winners = Vec::new();
    for list in &mut per {
        list.sort_unstable_by(Candidate::rank);
        list.truncate(per_stretch);
        winners.append(list);
    }
    winners.sort_unstable_by(Candidate::rank);
    winners.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    winners.into_iter().map(|c| c.rowid).collect()
}

/// Which of `parts` equal slices of [lo, hi] an event starting on `first_day` falls in (one
/// begun before the window in the first): the stretches of a capped window and the slices of
/// a density strip alike.
pub(crate) fn slice_of(first_day: i64, (lo, hi): (i64, i64), parts: i64) -> usize {
    usize::try_from((first_day.max(lo) - lo) * parts / (hi - lo + 1)).unwrap_or(0)
}

/// Sorts every overlapping event into its stretch and picks the winners.
pub(crate) fn fair_share(all: Vec<Candidate>, lo: i64, hi: i64, limit: u32) -> Vec<i64> {
    let stretches = i64::from(STRETCHES);
    let mut per: Vec<Vec<Candidate>> = vec![Vec::new(); usize::try_from(STRETCHES).unwrap_or(0)];
    for c in all {
        if let Some(list) = per.get_mut(slice_of(c.first_day, (lo, hi), stretches)) {
            list.push(c);
        }
    }
    pick(per, limit)
}

/// The window's days, checked.
fn window_days(query: &WindowQuery) -> Result<(i64, i64)> {
    let from = parse_day(&query.from).map_err(|e| Error::invalid("from", e.to_string()))?;
    let to = parse_day(&query.to).map_err(|e| Error::invalid("to", e.to_string()))?;
    if to < from {
        return Err(Error::invalid("to", "the window ends before it starts"));
    }
    if query.buckets == 0 || query.buckets > MAX_BUCKETS {
        return Err(Error::invalid(
            "buckets",
            format!("must be 1..={MAX_BUCKETS}"),
        ));
    }
    Ok((day_number(from), day_number(to)))
}

/// The window's days and its limit, checked.
fn window_checked(query: &WindowQuery) -> Result<(i64, i64)> {
    let days = window_days(query)?;
    if query.limit == 0 || query.limit > MAX_LIMIT {
        return Err(Error::invalid("limit", format!("must be 1..={MAX_LIMIT}")));
    }
    Ok(days)
}

/// The tiers present, most significant first: the significance of each kind and origin that
/// has events (GDELT events weigh less than curated ones of their kind), each with its four
/// length classes.
fn tiers(conn: &rusqlite::Connection) -> Result<Vec<i64>> {
    let mut significances = Vec::new();
    let mut present =
        conn.prepare_cached("SELECT DISTINCT kind, origin FROM facet_cells WHERE count > 0")?;
    let mut rows = present.query([])?;
    while let Some(row) = rows.next()? {
        let (kind, origin): (String, String) = (row.get(0)?, row.get(1)?);
        let kind = crate::model::Kind::parse(&kind)
            .ok_or_else(|| Error::Corrupt(format!("unknown kind {kind:?}")))?;
        let origin = crate::model::Origin::parse(&origin)
            .ok_or_else(|| Error::Corrupt(format!("unknown origin {origin:?}")))?;
        significances.push(origin.significance(kind));
    }
    significances.sort_unstable_by(|a, b| b.cmp(a));
    significances.dedup();
    Ok(significances
        .iter()
        .flat_map(|s| (0..4).rev().map(move |class| s * 4 + class))
        .collect())
}

/// A tier's significance and length class. GDELT significances are negative: floored division
/// and remainder take a tier apart, where SQL's `/` and Rust's `%` round toward zero (-33 / 4
/// would give -8).
fn tier_parts(tier: i64) -> (i64, i64) {
    (tier.div_euclid(4), tier.rem_euclid(4))
}

/// The events of one tier (the parameters: its significance, the tier) whose first day is in a
/// range and that end on or after a day, in date order, read from the tier index alone.
fn tier_walk(condition: &str) -> String {
    format!(
        "SELECT rowid, id, first_day, last_day, ? FROM events INDEXED BY events_tier
         WHERE {TIER} = ? AND first_day BETWEEN ? AND ? AND last_day >= ?
           AND last_day - first_day <= 366 AND {condition}
         ORDER BY first_day, id"
    )
}

/// The events longer than a year overlapping [lo, hi]: few, read from their own index.
fn long_overlapping(
    conn: &rusqlite::Connection,
    lo: i64,
    hi: i64,
    condition: &str,
    filter_params: &[Value],
) -> Result<Vec<Candidate>> {
    let mut long = conn.prepare_cached(&format!(
        "SELECT rowid, id, first_day, last_day, significance FROM events
         WHERE last_day - first_day > 366 AND first_day <= ? AND last_day >= ? AND {condition}"
    ))?;
    let rows = long.query_map(
        params_from_iter(
            [hi, lo]
                .map(Value::Integer)
                .into_iter()
                .chain(filter_params.iter().cloned()),
        ),
        candidate,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The number of density slices of [lo, hi] when `buckets` are asked for: never more than its
/// days.
fn slices(lo: i64, hi: i64, buckets: u32) -> i64 {
    i64::from(buckets).min(hi - lo + 1)
}

/// Slice counts of [lo, hi] with the days each slice holds.
fn labelled(lo: i64, hi: i64, counts: Vec<u32>) -> Vec<Bucket> {
    let span = hi - lo + 1;
    let n = i64::try_from(counts.len()).unwrap_or(1).max(1);
    (0_i64..)
        .zip(counts)
        .map(|(i, count)| {
            // Slice i holds the days d with i <= (d - lo) * n / span < i + 1: from
            // lo + ceil(i * span / n) to the day before the next slice's first.
            let start = lo + (i * span + n - 1) / n;
            let end = lo + ((i + 1) * span + n - 1) / n - 1;
            Bucket {
                start: from_day_number(start).to_string(),
                end: from_day_number(end).to_string(),
                count,
            }
        })
        .collect()
}

impl Store {
    /// The events of a window, all of them or, when they are more than its limit, the most
    /// significant with a fair share from each stretch, and its density strip. A filter on
    /// the events' fields is answered from their copy in memory (`copied_window.rs`); the
    /// whole store and a thread from the indexes and maintained counts.
    pub fn window(&self, query: &WindowQuery) -> Result<Window> {
        let (lo, hi) = window_checked(query)?;
        let filter = query.filter.clone().unwrap_or_default();
        if !crate::copied_window::serves(&filter) {
            return self.window_from_sql(lo, hi, query, &filter);
        }
        let conn = self.conn();
        let chosen = self.facet_copy().with(conn, |copy| {
            crate::copied_window::choose(
                conn,
                copy,
                &filter,
                (lo, hi),
                query.limit,
                slices(lo, hi, query.buckets),
            )
        })?;
        let (events, damaged) = read_by_rowid(conn, &chosen.rowids)?;
        let capped = chosen.total > i64::from(query.limit);
        Ok(Window {
            events,
            total: to_u32(chosen.total),
            buckets: if capped {
                labelled(lo, hi, chosen.density)
            } else {
                Vec::new()
            },
            damaged,
        })
    }

    /// The window answered in SQL, from the indexes and maintained counts, never from a copy
    /// in memory: what `window` answers for the whole store and for a thread, and the
    /// reference tests and benchmarks compare its answers under other filters with.
    pub fn window_in_sql(&self, query: &WindowQuery) -> Result<Window> {
        let (lo, hi) = window_checked(query)?;
        self.window_from_sql(lo, hi, query, &query.filter.clone().unwrap_or_default())
    }

    /// `window_in_sql` over [lo, hi], checked.
    fn window_from_sql(
        &self,
        lo: i64,
        hi: i64,
        query: &WindowQuery,
        filter: &Filter,
    ) -> Result<Window> {
        let conn = self.conn();
        let (condition, filter_params) = filter.sql();

        let total = if filter.is_empty() {
            self.overlapping(lo, hi)?
        } else {
            let mut total = 0;
            for (set, bounds) in overlap_sets(lo, hi) {
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT count(*) FROM events WHERE {set} AND {condition}"
                ))?;
                let n: i64 = stmt.query_row(
                    params_from_iter(
                        bounds
                            .iter()
                            .map(|b| Value::Integer(*b))
                            .chain(filter_params.iter().cloned()),
                    ),
                    |r| r.get(0),
                )?;
                total += n;
            }
            total
        };
        // When the window holds more than the cap, the most significant events win it, at most
        // a fair share from each stretch of the window, so a crowded decade cannot crowd out a
        // quiet one. Otherwise every event is returned. Either way in time order.
        let capped = total > i64::from(query.limit);
        let rowids: Vec<i64> = if !capped {
            self.all_overlapping(lo, hi, &condition, &filter_params)?
                .into_iter()
                .map(|c| c.rowid)
                .collect()
        } else if total <= i64::from(query.limit) * RANK_ALL_FACTOR {
            // Few enough to read tier by tier over the whole window: cheaper than walking the
            // tiers of every stretch.
            let all = self.by_tier_until_shared(lo, hi, query.limit, filter)?;
            fair_share(all, lo, hi, query.limit)
        } else {
            self.most_significant(lo, hi, query.limit, &condition, &filter_params)?
        };
        let (events, damaged) = read_by_rowid(conn, &rowids)?;

        let buckets = if capped {
            self.buckets(lo, hi, filter, query.buckets)?
        } else {
            Vec::new()
        };
        Ok(Window {
            events,
            total: to_u32(total),
            buckets,
            damaged,
        })
    }

    /// The density strip of a window alone: how many matching events fall in each of
    /// `query.buckets` equal slices (an event that began before the window counts in the
    /// first). Without a filter it reads maintained counts, never the events.
    pub fn density(&self, query: &WindowQuery) -> Result<Vec<Bucket>> {
        let (lo, hi) = window_days(query)?;
        let filter = query.filter.clone().unwrap_or_default();
        if crate::copied_window::serves(&filter) {
            let n = slices(lo, hi, query.buckets);
            let counts = self.facet_copy().with(self.conn(), |copy| {
                Ok(crate::copied_window::density(copy, &filter, (lo, hi), n))
            })?;
            return Ok(labelled(lo, hi, counts));
        }
        self.buckets(
            lo,
            hi,
            &query.filter.clone().unwrap_or_default(),
            query.buckets,
        )
    }

    /// Every event overlapping [lo, hi] that matches `condition`, as a candidate.
    fn all_overlapping(
        &self,
        lo: i64,
        hi: i64,
        condition: &str,
        filter_params: &[Value],
    ) -> Result<Vec<Candidate>> {
        let mut all = Vec::new();
        for (set, bounds) in overlap_sets(lo, hi) {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT rowid, id, first_day, last_day, significance FROM events
                 WHERE {set} AND {condition}"
            ))?;
            let rows = stmt.query_map(
                params_from_iter(
                    bounds
                        .iter()
                        .map(|b| Value::Integer(*b))
                        .chain(filter_params.iter().cloned()),
                ),
                candidate,
            )?;
            for row in rows {
                all.push(row?);
            }
        }
        Ok(all)
    }

    /// The events a capped window needs to pick its `limit` winners fairly, read tier by tier
    /// from the tier index (which holds each event's day span and id, so no event row is
    /// looked up), most significant tier first, and the long events from theirs. Reading stops
    /// after the tier that gives each stretch its share, or every event it has (which the day
    /// sums tell when no filter applies): no later tier could win a place.
    fn by_tier_until_shared(
        &self,
        lo: i64,
        hi: i64,
        limit: u32,
        filter: &Filter,
    ) -> Result<Vec<Candidate>> {
        let conn = self.conn();
        let (condition, filter_params) = filter.sql();
        let stretches = i64::from(STRETCHES);
        let stretch_of = |first_day: i64| slice_of(first_day, (lo, hi), stretches);
        let share = i64::from(limit.div_ceil(STRETCHES));
        // Long events are all candidates, whatever their rank: the tiers' rows are counted
        // apart from them. A stretch needs its share of tier rows, or every one it has.
        let mut all = long_overlapping(conn, lo, hi, &condition, &filter_params)?;
        let stretch_count = usize::try_from(STRETCHES).unwrap_or(0);
        let mut needed: Vec<i64> = if filter.is_empty() {
            let (open, per_stretch) = self.day_sums().with(conn, |sums| {
                Ok((
                    sums.open_before(lo),
                    sums.starts_per_slice(lo, hi, stretches),
                ))
            })?;
            let mut in_tiers: Vec<i64> = (0_usize..)
                .zip(per_stretch)
                .map(|(s, n)| n + if s == 0 { open } else { 0 })
                .collect();
            in_tiers.resize(stretch_count, 0);
            for c in &all {
                if let Some(n) = in_tiers.get_mut(stretch_of(c.first_day)) {
                    *n -= 1;
                }
            }
            in_tiers.into_iter().map(|n| n.min(share)).collect()
        } else {
            vec![share; stretch_count]
        };
        let mut walk = conn.prepare_cached(&tier_walk(&condition))?;
        for tier in tiers(conn)? {
            if needed.iter().all(|n| *n <= 0) {
                break;
            }
            let (significance, class) = tier_parts(tier);
            let mut rows = walk.query(params_from_iter(
                [significance, tier, lo - reach(class), hi, lo]
                    .map(Value::Integer)
                    .into_iter()
                    .chain(filter_params.iter().cloned()),
            ))?;
            // A tier's rows come in rank order (by first day, then id), so once a stretch has
            // its share the rest of the tier cannot win a place there, and is not kept.
            while let Some(row) = rows.next()? {
                if let Some(n) = needed.get_mut(stretch_of(row.get(2)?)) {
                    if *n > 0 {
                        *n -= 1;
                        all.push(candidate(row)?);
                    }
                }
            }
        }
        Ok(all)
    }

    /// The ids of the `limit` most significant events overlapping [lo, hi], at most a fair
    /// share from each of `STRETCHES` equal stretches. Reads about `limit` rows per stretch
    /// walked: each stretch walks the tiers from the most significant down (an index range per
    /// tier) until its share is full; long events, few, compete from their own index.
    fn most_significant(
        &self,
        lo: i64,
        hi: i64,
        limit: u32,
        condition: &str,
        filter_params: &[Value],
    ) -> Result<Vec<i64>> {
        let conn = self.conn();
        let per_stretch = usize::try_from(limit.div_ceil(STRETCHES)).unwrap_or(1);
        let span = hi - lo + 1;
        let stretches = i64::from(STRETCHES);
        let tiers = tiers(conn)?;

        let mut per: Vec<Vec<Candidate>> =
            vec![Vec::new(); usize::try_from(stretches).unwrap_or(0)];
        for row in long_overlapping(conn, lo, hi, condition, filter_params)? {
            if let Some(list) = per.get_mut(slice_of(row.first_day, (lo, hi), stretches)) {
                list.push(row);
            }
        }

        let mut walk = conn.prepare_cached(&tier_walk(condition))?;
        for (s, list) in (0_i64..).zip(per.iter_mut()) {
            // First days whose stretch is s: from lo + ceil(s * span / 24).
            let start = lo + (s * span + stretches - 1) / stretches;
            let end = lo + ((s + 1) * span + stretches - 1) / stretches - 1;
            if end < start {
                continue;
            }
            let mut found = 0;
            for &tier in &tiers {
                if found >= per_stretch {
                    break;
                }
                let (significance, class) = tier_parts(tier);
                let from = if s == 0 { lo - reach(class) } else { start };
                // The index yields rows in order, so reading stops after `want` of them.
                // No `LIMIT ?`: SQLite re-prepares a statement whose LIMIT is a bound
                // parameter every time it runs, and this one runs for each tier of each
                // stretch.
                let want = per_stretch - found;
                let rows = walk.query_map(
                    params_from_iter(
                        [significance, tier, from, end, lo]
                            .map(Value::Integer)
                            .into_iter()
                            .chain(filter_params.iter().cloned()),
                    ),
                    candidate,
                )?;
                for row in rows.take(want) {
                    list.push(row?);
                    found += 1;
                }
            }
        }
        Ok(pick(per, limit))
    }

    /// How many events overlap [lo, hi], from the maintained counts: those starting on or
    /// before `hi` and not ended before `lo`.
    fn overlapping(&self, lo: i64, hi: i64) -> Result<i64> {
        self.day_sums().with(self.conn(), |sums| {
            Ok(sums.open_before(lo) + sums.starts_between(lo, hi))
        })
    }

    /// Counts matching events per equal slice of [lo, hi]; an event that began before the
    /// window counts in the first slice.
    fn buckets(&self, lo: i64, hi: i64, filter: &Filter, buckets: u32) -> Result<Vec<Bucket>> {
        let span = hi - lo + 1;
        let n = slices(lo, hi, buckets);
        let mut counts = vec![0u32; usize::try_from(n).unwrap_or(0)];
        let mut add = |slice: i64, count: i64| {
            if let Some(c) = usize::try_from(slice).ok().and_then(|s| counts.get_mut(s)) {
                *c = c.saturating_add(to_u32(count));
            }
        };
        let conn = self.conn();
        if filter.is_empty() {
            let (open, per_slice) = self.day_sums().with(conn, |sums| {
                Ok((sums.open_before(lo), sums.starts_per_slice(lo, hi, n)))
            })?;
            add(0, open);
            for (slice, count) in (0..).zip(per_slice) {
                add(slice, count);
            }
        } else {
            let (condition, filter_params) = filter.sql();
            for (set, bounds) in overlap_sets(lo, hi) {
                let mut stmt = conn.prepare_cached(&format!(
                    "SELECT (max(first_day, ?) - ?) * ? / ? AS slice, count(*)
                     FROM events WHERE {set} AND {condition} GROUP BY slice"
                ))?;
                let rows = stmt.query_map(
                    params_from_iter(
                        [lo, lo, n, span]
                            .iter()
                            .chain(&bounds)
                            .map(|b| Value::Integer(*b))
                            .chain(filter_params.iter().cloned()),
                    ),
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
                )?;
                for row in rows {
                    let (slice, count) = row?;
                    add(slice, count);
                }
            }
        }
        Ok(labelled(lo, hi, counts))
    }

    /// The first and last day the events matching `filter` cover (every event for an empty
    /// filter), or `None` when none match: "Fit all" shows what the filter leaves.
    pub fn extent(&self, filter: &Filter) -> Result<Option<Extent>> {
        crate::search::check_filter(filter).map_err(|e| e.within("filter"))?;
        if crate::copied_window::serves(filter) {
            let found = self.facet_copy().with(self.conn(), |copy| {
                Ok(copy.overlapping(filter, i64::MIN, i64::MAX).fold(
                    (0_i64, None, None),
                    |(n, first, last): (i64, Option<i64>, Option<i64>), o| {
                        (
                            n + 1,
                            Some(first.map_or(o.first_day, |f| f.min(o.first_day))),
                            Some(last.map_or(o.last_day, |l| l.max(o.last_day))),
                        )
                    },
                ))
            })?;
            return Ok(extent_of(found));
        }
        let (condition, params) = filter.sql();
        let found: (i64, Option<i64>, Option<i64>) = self.conn().query_row(
            &format!(
                "SELECT count(*), min(first_day), max(last_day) FROM events WHERE {condition}"
            ),
            params_from_iter(&params),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(extent_of(found))
    }
}

/// The extent of (count, first day, last day) found, if any.
fn extent_of((count, first, last): (i64, Option<i64>, Option<i64>)) -> Option<Extent> {
    match (first, last) {
        (Some(first), Some(last)) => Some(Extent {
            first: from_day_number(first).to_string(),
            last: from_day_number(last).to_string(),
            count: to_u32(count),
        }),
        _ => None,
    }
}

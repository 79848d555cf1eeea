//! Window queries: the events overlapping a time range, capped, with density buckets when
//! more events fall inside than the cap, so the UI never needs the whole table.

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::parse_day;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::model::StoredEvent;
use crate::store::{day_number, from_day_number, row_to_event, Store, EVENT_COLUMNS};

/// Largest number of events one window answer may carry.
pub const MAX_LIMIT: u32 = 2_000;
/// A capped window keeps at most `limit / STRETCHES` events from each of this many equal
/// stretches of its span.
const STRETCHES: u32 = 24;

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

/// The WHERE condition of one window query, with its parameters in order.
struct Matching {
    condition: String,
    params: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Window {
    /// Events overlapping the window, in chronological order.
    pub events: Vec<StoredEvent>,
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

/// Completes every row; a row whose stored data is damaged is set aside, not fatal.
pub(crate) fn complete_all(
    raws: Vec<crate::store::RawEvent>,
    conn: &rusqlite::Connection,
) -> Result<(Vec<StoredEvent>, Vec<Damaged>)> {
    let mut events = Vec::with_capacity(raws.len());
    let mut damaged = Vec::new();
    for raw in raws {
        let id = raw.id().to_owned();
        match raw.complete(conn) {
            Ok(event) => events.push(event),
            Err(crate::error::Error::Corrupt(message)) => damaged.push(Damaged { id, message }),
            Err(other) => return Err(other),
        }
    }
    Ok((events, damaged))
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

impl Store {
    pub fn window(&self, query: &WindowQuery) -> Result<Window> {
        let from = parse_day(&query.from).map_err(|e| Error::invalid("from", e.to_string()))?;
        let to = parse_day(&query.to).map_err(|e| Error::invalid("to", e.to_string()))?;
        if to < from {
            return Err(Error::invalid("to", "the window ends before it starts"));
        }
        if query.limit == 0 || query.limit > MAX_LIMIT {
            return Err(Error::invalid("limit", format!("must be 1..={MAX_LIMIT}")));
        }
        if query.buckets == 0 || query.buckets > MAX_BUCKETS {
            return Err(Error::invalid(
                "buckets",
                format!("must be 1..={MAX_BUCKETS}"),
            ));
        }
        let (lo, hi) = (day_number(from), day_number(to));
        let filter = query.filter.clone().unwrap_or_default();
        let conn = self.conn();

        // An event overlapping the window starts at most `longest` days before it: bounding
        // first_day on both sides keeps the index range small.
        let longest: i64 = conn.query_row(
            "SELECT coalesce(max(last_day - first_day), 0) FROM events",
            [],
            |r| r.get(0),
        )?;
        let (condition, filter_params) = filter.sql();
        let matching = Matching {
            condition: format!("first_day BETWEEN ? AND ? AND last_day >= ? AND {condition}"),
            params: [lo - longest, hi, lo]
                .into_iter()
                .map(Value::Integer)
                .chain(filter_params)
                .collect(),
        };

        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM events WHERE {}", matching.condition),
            params_from_iter(&matching.params),
            |r| r.get(0),
        )?;
        // When the window holds more than the cap, the most significant events win it, at most
        // a fair share from each stretch of the window, so a crowded decade cannot crowd out a
        // quiet one. Otherwise every event is returned. Either way in time order.
        let capped = total > i64::from(query.limit);
        let per_stretch = if capped {
            (query.limit / STRETCHES).max(1)
        } else {
            query.limit
        };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE id IN (
                 SELECT id FROM (
                     SELECT id, significance, last_day - first_day AS length, first_day,
                            row_number() OVER (
                                PARTITION BY (max(first_day, ?) - ?) * ? / ?
                                ORDER BY significance DESC, last_day - first_day DESC, first_day, id
                            ) AS rank_in_stretch
                     FROM events WHERE {})
                 WHERE rank_in_stretch <= ?
                 ORDER BY significance DESC, length DESC, first_day, id
                 LIMIT ?)
             ORDER BY first_day, last_day, id",
            matching.condition
        ))?;
        let span = hi - lo + 1;
        let head = [lo, lo, i64::from(STRETCHES), span].map(Value::Integer);
        let tail = [per_stretch, query.limit].map(|n| Value::Integer(n.into()));
        let raws = stmt
            .query_map(
                params_from_iter(head.iter().chain(&matching.params).chain(&tail)),
                row_to_event,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (events, damaged) = complete_all(raws, conn)?;

        let buckets = if capped {
            self.density(lo, hi, &matching, query.buckets)?
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

    /// Counts matching events per equal slice of [lo, hi]; an event that began before the
    /// window counts in the first slice.
    fn density(&self, lo: i64, hi: i64, matching: &Matching, buckets: u32) -> Result<Vec<Bucket>> {
        let span = hi - lo + 1;
        let n = i64::from(buckets).min(span);
        let mut counts = vec![0u32; usize::try_from(n).unwrap_or(0)];
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT (max(first_day, ?) - ?) * ? / ? AS slice, count(*)
             FROM events WHERE {} GROUP BY slice",
            matching.condition
        ))?;
        let head = [lo, lo, n, span].map(Value::Integer);
        let rows = stmt.query_map(params_from_iter(head.iter().chain(&matching.params)), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (slice, count) = row?;
            if let Some(c) = usize::try_from(slice).ok().and_then(|s| counts.get_mut(s)) {
                *c = to_u32(count);
            }
        }
        Ok(counts
            .into_iter()
            .enumerate()
            .map(|(i, count)| {
                let i = i64::try_from(i).unwrap_or(0);
                let start = lo + i * span / n;
                let end = lo + (i + 1) * span / n - 1;
                Bucket {
                    start: from_day_number(start).to_string(),
                    end: from_day_number(end).to_string(),
                    count,
                }
            })
            .collect())
    }

    /// The first and last day any event covers, or `None` for an empty store.
    pub fn extent(&self) -> Result<Option<Extent>> {
        let (count, first, last): (i64, Option<i64>, Option<i64>) = self.conn().query_row(
            "SELECT count(*), min(first_day), max(last_day) FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(match (first, last) {
            (Some(first), Some(last)) => Some(Extent {
                first: from_day_number(first).to_string(),
                last: from_day_number(last).to_string(),
                count: to_u32(count),
            }),
            _ => None,
        })
    }
}

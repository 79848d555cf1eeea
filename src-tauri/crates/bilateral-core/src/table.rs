//! The table view's pages: the events matching a filter, sorted by one column, a slice at a
//! time. The UI asks for ~200 rows around what it shows, so a page costs the same at row 10
//! and at row 50,000 of 100,000: every sort walks an index and skips to the offset without
//! reading the skipped rows (measured in `benches/queries.rs`). The row an event has in that
//! order is found by counting the rows before it.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::query::Damaged;
use crate::store::Store;
use crate::timeline_event::{read_keyed, TimelineEvent};
use crate::verification::Verification;

/// Most rows one page may carry.
pub const MAX_PAGE: u32 = 1_000;

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TableColumn {
    /// By start, then end.
    Date,
    /// Case-insensitive.
    Title,
    /// By the kind's stored name, then verification (the order of the `events_kind` index).
    Kind,
    /// By the name of the first actor; events without actors come first.
    Actors,
    /// By the number of sources.
    Sources,
    /// By the state's stored name, then date.
    Verification,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableSort {
    pub column: TableColumn,
    pub descending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub filter: Option<Filter>,
    pub sort: TableSort,
    /// Index of the first row wanted, counted from 0 in the sorted order.
    pub offset: u32,
    /// At most this many rows, 1..=`MAX_PAGE`.
    pub limit: u32,
}

/// One row: the event as the timeline has it, plus what only the table shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableRow {
    #[serde(flatten)]
    pub event: TimelineEvent,
    /// How many sources the event cites.
    pub sources: u32,
    pub verification: Verification,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TablePage {
    /// How many events match the filter in all (the table's row count).
    pub total: u32,
    /// Rows `offset..offset + limit` in the sorted order, fewer at the end; a damaged row is
    /// left out of `rows` and listed in `damaged`.
    pub rows: Vec<TableRow>,
    pub damaged: Vec<Damaged>,
}

/// The keys of a sort, in order. Every order ends on a unique key so pages never overlap or
/// skip a row, and each is read from an index (title, actors and sources from migrations 0011
/// and 0012, which keep the first actor's name and the number of sources on the event).
fn sort_keys(column: TableColumn) -> &'static [&'static str] {
    match column {
        // Ties by id, as the timeline orders them, and as the window index (migration 0016)
        // holds them: a tie broken by row id would make SQLite sort every event.
        TableColumn::Date => &["events.first_day", "events.last_day", "events.id"],
        TableColumn::Title => &["events.title COLLATE NOCASE", "events.rowid"],
        TableColumn::Kind => &["events.kind", "events.verification", "events.id"],
        TableColumn::Actors => &["events.lead_actor", "events.first_day", "events.rowid"],
        TableColumn::Sources => &["events.source_count", "events.first_day", "events.rowid"],
        TableColumn::Verification => &["events.verification", "events.first_day", "events.rowid"],
    }
}

/// The statement of a page's row ids (its one parameter: the offset).
fn page_sql(condition: &str, keys: &str, limit: u32) -> String {
    format!(
        "SELECT events.rowid FROM events WHERE {condition} ORDER BY {keys} LIMIT {limit} OFFSET ?"
    )
}

/// The ORDER BY of a sort.
fn order_by(sort: TableSort) -> String {
    let dir = if sort.descending { "DESC" } else { "ASC" };
    sort_keys(sort.column)
        .iter()
        .map(|k| format!("{k} {dir}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A sort key as compared by value: an event without actors sorts first, as NULL does in
/// the ORDER BY (no actor is named ''), but NULL cannot be compared.
fn comparable(key: &str) -> String {
    if key == "events.lead_actor" {
        "ifnull(events.lead_actor, '')".to_owned()
    } else {
        key.to_owned()
    }
}

/// Where the table finds one event: its row in the sorted, filtered order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TablePositionQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub filter: Option<Filter>,
    pub sort: TableSort,
    pub id: String,
}

impl Store {
    /// The row (from 0) event `query.id` has in the table sorted by `query.sort`, or `None`
    /// when the filter leaves it out (or it is not stored): the table scrolls to an event
    /// chosen elsewhere, in the timeline or a search.
    pub fn table_position(&self, query: &TablePositionQuery) -> Result<Option<u32>> {
        let filter = query.filter.clone().unwrap_or_default();
        let (condition, params) = filter.sql();
        let keys: Vec<String> = sort_keys(query.sort.column)
            .iter()
            .map(|k| comparable(k))
            .collect();
        let conn = self.conn();
        let own: Option<Vec<Value>> = conn
            .prepare_cached(&format!(
                "SELECT {} FROM events WHERE events.id = ? AND {condition}",
                keys.join(", ")
            ))?
            .query_row(
                params_from_iter(
                    std::iter::once(Value::Text(query.id.clone())).chain(params.iter().cloned()),
                ),
                |r| (0..keys.len()).map(|i| r.get::<_, Value>(i)).collect(),
            )
            .optional()?;
        let Some(own) = own else {
            return Ok(None);
        };
        let before = if query.sort.descending { ">" } else { "<" };
        let marks = vec!["?"; keys.len()].join(", ");
        let rows: i64 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM events WHERE {condition} AND ({}) {before} ({marks})",
                keys.join(", ")
            ))?
            .query_row(params_from_iter(params.iter().cloned().chain(own)), |r| {
                r.get(0)
            })?;
        Ok(Some(u32::try_from(rows).unwrap_or(u32::MAX)))
    }

    /// One page of the table: the matching events sorted by `query.sort`, rows
    /// `offset..offset + limit`, with the number of matching events.
    pub fn table_page(&self, query: &TableQuery) -> Result<TablePage> {
        if query.limit == 0 || query.limit > MAX_PAGE {
            return Err(Error::invalid("limit", format!("must be 1..={MAX_PAGE}")));
        }
        let filter = query.filter.clone().unwrap_or_default();
        let (condition, params) = filter.sql();
        let conn = self.conn();

        let total: i64 = conn
            .prepare_cached(&format!("SELECT count(*) FROM events WHERE {condition}"))?
            .query_row(params_from_iter(params.iter()), |r| r.get(0))?;

        // The sort returns row ids alone: what a sorted scan carries past the offset (or into
        // the sorter, for title, actors and sources) stays small, and the page's columns are
        // read for its rows only.
        let keys = order_by(query.sort);
        // The limit (the page size, one value in practice) is written in, not bound: SQLite
        // prepares a statement again on every run when its LIMIT is a parameter. The offset
        // stays bound, so each page does not add a statement to the cache.
        let mut stmt = conn.prepare_cached(&page_sql(&condition, &keys, query.limit))?;
        let rowids = stmt
            .query_map(
                params_from_iter(
                    params
                        .iter()
                        .cloned()
                        .chain([Value::Integer(i64::from(query.offset))]),
                ),
                |r| r.get::<_, i64>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let list = serde_json::to_string(&rowids).map_err(|e| Error::Corrupt(e.to_string()))?;
        let mut stmt = conn.prepare_cached(
            "SELECT rowid, verification, source_count FROM events
             WHERE rowid IN (SELECT value FROM json_each(?1))",
        )?;
        let mut extra: HashMap<i64, (String, i64)> = stmt
            .query_map([&list], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;

        let (events, mut damaged) = read_keyed(conn, &rowids)?;
        let mut events: HashMap<i64, TimelineEvent> = events.into_iter().collect();
        let mut rows = Vec::with_capacity(rowids.len());
        for rowid in rowids {
            // Absent: damaged (already reported by `read_keyed`), or deleted since the sort.
            let (Some(event), Some((verification, sources))) =
                (events.remove(&rowid), extra.remove(&rowid))
            else {
                continue;
            };
            match Verification::parse(&verification) {
                Some(verification) => rows.push(TableRow {
                    event,
                    sources: u32::try_from(sources).unwrap_or(u32::MAX),
                    verification,
                }),
                None => damaged.push(Damaged {
                    id: event.id.clone(),
                    message: format!(
                        "event {:?} has unknown verification {verification:?}",
                        event.id
                    ),
                }),
            }
        }
        Ok(TablePage {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            rows,
            damaged,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_date_order_is_read_from_the_window_index_without_sorting() {
        let store = Store::in_memory().unwrap();
        for descending in [false, true] {
            let keys = order_by(TableSort {
                column: TableColumn::Date,
                descending,
            });
            let plan = store.query_plan(&page_sql("1", &keys, 200), [0]);
            assert!(
                plan.iter().all(|step| !step.contains("TEMP B-TREE")),
                "scrolling the table by date must not sort every event: {plan:?}"
            );
        }
    }
}

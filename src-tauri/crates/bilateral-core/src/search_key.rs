//! The row id an event's search row gets: its significance band, then its start day, then a
//! sequence number. FTS5 can walk a word's matches in row id order and stop, so reading the
//! largest ids first gives the most significant matches, newest first, without scoring the
//! others: a word that matches half a million events is ranked among the first few thousand
//! of them (`search.rs`), instead of every match being scored before the first page.
//!
//! Layout of the 64-bit id: band (significance + 10, so 0..=20 for every stored significance)
//! from bit 43, the start day (clamped to 22 bits, past the year 9999) from bit 21, and 21 bits
//! of sequence for the events of one band that start on one day.

use rusqlite::{OptionalExtension, Transaction};

use crate::error::{Error, Result};

/// Where each part of the id starts.
const BAND_SHIFT: u32 = 43;
const DAY_SHIFT: u32 = 21;

/// How many events of one band may start on one day.
const PER_DAY: i64 = 1 << DAY_SHIFT;

/// The first id of an event's band and day, from its `events` row (aliased `e`): written once
/// here for the writers and the migration that renumbers the rows (`0013_search_keys.sql`
/// repeats it word for word, since a shipped migration never changes).
pub(crate) const BASE_SQL: &str =
    "(((e.significance + 10) << 43) | (max(0, min(e.first_day, 4194303)) << 21))";

/// Writes the search row of `event_id` (whose `events` row is written, and which has no
/// search row), and answers its id, for the caller to index.
pub(crate) fn insert_row(tx: &Transaction<'_>, event_id: &str) -> Result<i64> {
    let row = allocate(tx, event_id)?;
    tx.prepare_cached("INSERT INTO search_rows (rowid, event_id) VALUES (?1, ?2)")?
        .execute(rusqlite::params![row, event_id])?;
    Ok(row)
}

/// The id a new search row of `event_id` takes: the next free one after the band and day's
/// last, or, when that is the last of the range, the one before its first.
fn allocate(tx: &Transaction<'_>, event_id: &str) -> Result<i64> {
    let base: i64 = tx
        .prepare_cached(&format!("SELECT {BASE_SQL} FROM events e WHERE e.id = ?1"))?
        .query_row([event_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound {
            id: event_id.to_owned(),
        })?;
    debug_assert_eq!(base & (PER_DAY - 1), 0);
    debug_assert!(base >> BAND_SHIFT <= 20);
    let (first, last): (Option<i64>, Option<i64>) = tx
        .prepare_cached(
            "SELECT min(rowid), max(rowid) FROM search_rows WHERE rowid >= ?1 AND rowid < ?2",
        )?
        .query_row([base, base + PER_DAY], |r| Ok((r.get(0)?, r.get(1)?)))?;
    match (first, last) {
        (None, _) | (_, None) => Ok(base),
        (_, Some(last)) if last + 1 < base + PER_DAY => Ok(last + 1),
        (Some(first), _) if first > base => Ok(first - 1),
        _ => Err(Error::invalid(
            "start",
            format!(
                "more than {PER_DAY} events of one significance start on this day; the search \
                 index has no room for another"
            ),
        )),
    }
}

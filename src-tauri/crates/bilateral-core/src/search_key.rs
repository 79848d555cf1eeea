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
    // Each end read on its own, one seek each: `min` and `max` in one statement read every
    // row of the range, which made an import of many events of one day quadratic (40,000
    // on one day: 81 s).
    let end = |sql: &str| -> Result<Option<i64>> {
        Ok(tx
            .prepare_cached(sql)?
            .query_row([base, base + PER_DAY], |r| r.get(0))
            .optional()?)
    };
    let Some(last) = end(
        "SELECT rowid FROM search_rows WHERE rowid >= ?1 AND rowid < ?2
         ORDER BY rowid DESC LIMIT 1",
    )?
    else {
        return Ok(base);
    };
    if last + 1 < base + PER_DAY {
        return Ok(last + 1);
    }
    match end(
        "SELECT rowid FROM search_rows WHERE rowid >= ?1 AND rowid < ?2
         ORDER BY rowid LIMIT 1",
    )? {
        Some(first) if first > base => Ok(first - 1),
        _ => Err(Error::invalid(
            "start",
            format!(
                "more than {PER_DAY} events of one significance start on this day; the search \
                 index has no room for another"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::model::{Event, Kind, Source};
    use crate::store::Store;

    fn on_one_day(id: &str) -> Event {
        Event {
            id: id.to_owned(),
            title: format!("Talks {id}"),
            start: "2024-03-05".parse().expect("date"),
            kind: Kind::Meeting,
            sources: vec![Source {
                url: format!("https://example.org/{id}"),
                title: "A report".to_owned(),
                publisher: "News".to_owned(),
                ..Source::default()
            }],
            ..Event::blank()
        }
    }

    fn row_ids(store: &Store) -> Vec<i64> {
        let mut stmt = store
            .conn()
            .prepare("SELECT rowid FROM search_rows ORDER BY rowid")
            .unwrap();
        let ids = stmt.query_map([], |r| r.get(0)).unwrap();
        ids.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn events_of_one_day_follow_its_last_row_then_precede_its_first_and_a_full_day_is_refused() {
        let mut store = Store::in_memory().unwrap();
        for id in ["a", "b", "c"] {
            store.create(on_one_day(id)).unwrap();
        }
        let ids = row_ids(&store);
        let base = ids[0];
        assert_eq!(base & (PER_DAY - 1), 0, "the day's first id");
        assert_eq!(ids, [base, base + 1, base + 2]);

        // The day's last id taken: the next row goes before the day's first.
        let moved = |store: &Store, from: i64, to: i64| {
            for table in ["search_rows", "events_fts"] {
                store
                    .conn()
                    .execute(
                        &format!("UPDATE {table} SET rowid = ?1 WHERE rowid = ?2"),
                        [to, from],
                    )
                    .unwrap();
            }
        };
        moved(&store, base + 2, base + PER_DAY - 1);
        moved(&store, base + 1, base + 6);
        moved(&store, base, base + 5);
        store.create(on_one_day("d")).unwrap();
        assert_eq!(
            row_ids(&store),
            [base + 4, base + 5, base + 6, base + PER_DAY - 1]
        );

        // Both ends taken: no id is left to give, and the write is refused whole.
        moved(&store, base + 4, base);
        let refused = store.create(on_one_day("e")).unwrap_err().to_string();
        assert!(refused.contains("no room for another"), "{refused}");
        assert_eq!(store.count().unwrap(), 4);
    }
}

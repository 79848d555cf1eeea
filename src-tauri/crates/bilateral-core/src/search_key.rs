//! The row id an event's search row gets: its significance band, then its start day, then a
//! sequence number. FTS5 can walk a word's matches in row id order and stop, so reading the
//! largest ids first gives the most significant matches, newest first, without scoring the
//! others: a word that matches half a million events is ranked among the first few thousand
//! of them (`search.rs`), instead of every match being scored before the first page.
//!
//! Layout of the 64-bit id: band (significance + 10, so 0..=20 for every stored significance)
//! from bit 43, the start day (clamped to 22 bits, past the year 9999) from bit 21, and 21 bits
//! of sequence for the events of one band that start on one day.

use std::collections::HashMap;

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
    let base: i64 = tx
        .prepare_cached(&format!("SELECT {BASE_SQL} FROM events e WHERE e.id = ?1"))?
        .query_row([event_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound {
            id: event_id.to_owned(),
        })?;
    let row = allocate(tx, base)?.id();
    write_row(tx, row, event_id)?;
    Ok(row)
}

fn write_row(tx: &Transaction<'_>, row: i64, event_id: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO search_rows (rowid, event_id) VALUES (?1, ?2)")?
        .execute(rusqlite::params![row, event_id])?;
    Ok(())
}

/// `BASE_SQL` of an event with this significance and first day, worked out without reading
/// its row.
fn base(significance: i64, first_day: i64) -> i64 {
    ((significance + 10) << BAND_SHIFT) | (first_day.clamp(0, (1 << 22) - 1) << DAY_SHIFT)
}

/// The search rows of one import's events, given ids without reading the store for each: the
/// last id given in each band and day is remembered, and the next event there takes the one
/// after it. Only the first event of a band and day (or one whose range is used up) asks the
/// store. Two reads per event were a twelfth of a large import's writing. Correct only while
/// nothing else adds search rows, which holds inside the import's transaction.
#[derive(Default)]
pub(crate) struct ImportRows {
    last: HashMap<i64, i64>,
}

impl ImportRows {
    /// Writes the search row of `event_id`, whose `events` row was written with this
    /// significance and first day, and answers its id, for the caller to index.
    pub(crate) fn insert(
        &mut self,
        tx: &Transaction<'_>,
        event_id: &str,
        significance: i64,
        first_day: i64,
    ) -> Result<i64> {
        let base = base(significance, first_day);
        let row = match self.last.get(&base) {
            Some(&last) if last + 1 < base + PER_DAY => Free::AfterLast(last + 1),
            _ => allocate(tx, base)?,
        };
        let (row, last) = match row {
            Free::AfterLast(row) => (row, row),
            // The range's last id is taken: the next event there asks the store again.
            Free::BeforeFirst(row) => (row, base + PER_DAY - 1),
        };
        write_row(tx, row, event_id)?;
        self.last.insert(base, last);
        Ok(row)
    }
}

/// A free id of a band and day.
enum Free {
    AfterLast(i64),
    BeforeFirst(i64),
}

impl Free {
    fn id(self) -> i64 {
        match self {
            Self::AfterLast(id) | Self::BeforeFirst(id) => id,
        }
    }
}

/// The id a new search row takes in the band and day that start at `base`: the next free one
/// after their last, or, when that is the last of the range, the one before their first.
fn allocate(tx: &Transaction<'_>, base: i64) -> Result<Free> {
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
        return Ok(Free::AfterLast(base));
    };
    if last + 1 < base + PER_DAY {
        return Ok(Free::AfterLast(last + 1));
    }
    match end(
        "SELECT rowid FROM search_rows WHERE rowid >= ?1 AND rowid < ?2
         ORDER BY rowid LIMIT 1",
    )? {
        Some(first) if first > base => Ok(Free::BeforeFirst(first - 1)),
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

    /// Gives search row `from` the id `to`, indexed under it.
    fn moved(store: &Store, from: i64, to: i64) {
        let tx = store.conn().unchecked_transaction().unwrap();
        tx.execute(
            "UPDATE search_rows SET rowid = ?1 WHERE rowid = ?2",
            [to, from],
        )
        .unwrap();
        tx.execute("DELETE FROM events_fts WHERE rowid = ?1", [from])
            .unwrap();
        crate::search_index::fill_one(&tx, to).unwrap();
        tx.commit().unwrap();
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

    #[test]
    fn the_base_worked_out_for_an_import_is_the_one_the_statement_gives() {
        let store = Store::in_memory().unwrap();
        let sql = format!(
            "SELECT {}",
            BASE_SQL
                .replace("e.significance", "?1")
                .replace("e.first_day", "?2")
        );
        for significance in -10..=10 {
            for day in [
                -800_000,
                -1,
                0,
                1,
                19_700,
                (1 << 22) - 1,
                1 << 22,
                9_000_000,
            ] {
                let stated: i64 = store
                    .conn()
                    .query_row(&sql, [significance, day], |r| r.get(0))
                    .unwrap();
                assert_eq!(base(significance, day), stated, "{significance} {day}");
            }
        }
    }

    #[test]
    fn an_import_gives_each_day_the_ids_after_its_last_and_before_its_first_once_the_end_is_taken()
    {
        let mut store = Store::in_memory().unwrap();
        let next_day = |id: &str| Event {
            start: "2024-03-06".parse().expect("date"),
            ..on_one_day(id)
        };
        for event in [on_one_day("a"), on_one_day("b")] {
            store.create(event).unwrap();
        }
        let first = row_ids(&store)[0];
        // The day's rows at its fifth id and at the end of its range.
        for (from, to) in [(first + 1, first + PER_DAY - 1), (first, first + 5)] {
            moved(&store, from, to);
        }
        // Events whose rows the import is to write: created, then their rows taken away.
        let later = [
            on_one_day("c"),
            on_one_day("d"),
            next_day("e"),
            next_day("f"),
        ];
        for event in later.clone() {
            store.create(event).unwrap();
        }
        let (significance, first_day) = written(store.conn(), "e");
        let next_base = base(significance, first_day);
        let tx = store.write_tx().unwrap();
        tx.execute(
            "DELETE FROM search_rows WHERE event_id IN ('c', 'd', 'e', 'f')",
            [],
        )
        .unwrap();
        let mut rows = ImportRows::default();
        let given: Vec<i64> = later
            .iter()
            .map(|event| {
                let (significance, first_day) = written(&tx, &event.id);
                rows.insert(&tx, &event.id, significance, first_day)
                    .unwrap()
            })
            .collect();
        assert_eq!(given, [first + 4, first + 3, next_base, next_base + 1]);
    }

    /// The significance and first day an event's row was written with.
    fn written(conn: &rusqlite::Connection, id: &str) -> (i64, i64) {
        conn.query_row(
            "SELECT significance, first_day FROM events WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    }
}

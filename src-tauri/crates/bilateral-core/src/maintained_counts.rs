//! The maintained counts (per day, per kind, actor, tag and verification state,
//! and the facet cube of migration 0014 with the side mask it keys on) that density and the
//! facets read. Triggers keep them in step with every single write. A large import instead
//! suspends those triggers inside its transaction and rebuilds the counts set-wise before it
//! commits: one `GROUP BY` per table costs less than several upserts per imported row, and
//! without triggers each row's insert is a single-row statement that needs no statement
//! journal.
//!
//! Suspending is `DROP TRIGGER` inside the import's transaction, and resuming recreates each
//! trigger from the SQL the schema held, so a rollback (an error, a cancel, a crash) brings
//! the triggers back unchanged with everything else.

use rusqlite::{Connection, Transaction};

use crate::error::Result;
use crate::schema_objects::{self, Dropped, Kind};

/// Every trigger the rebuild below stands in for. A trigger added to the schema that is not
/// listed here fails a test, so a new maintained count cannot be silently skipped by imports.
pub(crate) const COUNT_TRIGGERS: [&str; 28] = [
    "events_counts_insert",
    "events_counts_delete",
    "events_counts_update",
    "event_actors_counts_insert",
    "event_actors_counts_delete",
    "event_actors_counts_update",
    "event_tags_counts_insert",
    "event_tags_counts_delete",
    "event_tags_counts_update",
    "events_verification_insert",
    "events_verification_delete",
    "events_verification_update",
    "event_actors_sides_insert",
    "event_actors_sides_delete",
    "event_actors_sides_update",
    "events_cube_insert",
    "events_cube_delete",
    "events_cube_update",
    "event_actors_cube_insert",
    "event_actors_cube_delete",
    "event_actors_cube_update",
    "event_tags_cube_insert",
    "event_tags_cube_delete",
    "event_tags_cube_update",
    // The log of changed events that copies patch from (migrations 0017, 0019): a bulk
    // import leaves one row asking every copy to read whole, instead of a row per event.
    "events_log_insert",
    "events_log_update",
    "events_log_delete",
    "copy_log_prune",
];

/// Every maintained count computed again from the rows it counts (day number 1 is
/// 0001-01-01, julian day 1721425.5, as in migration 0004).
const REBUILD: &str = "
    DELETE FROM day_counts;
    INSERT INTO day_counts (day, starts, ends)
    SELECT day, sum(s), sum(e) FROM (
        SELECT first_day AS day, 1 AS s, 0 AS e FROM events
        UNION ALL SELECT last_day, 0, 1 FROM events)
    GROUP BY day;
    DELETE FROM kind_counts;
    INSERT INTO kind_counts (kind, count) SELECT kind, count(*) FROM events GROUP BY kind;
    DELETE FROM actor_counts;
    INSERT INTO actor_counts (actor_id, count)
    SELECT actor_id, count(*) FROM event_actors GROUP BY actor_id;
    DELETE FROM tag_counts;
    INSERT INTO tag_counts (tag, count) SELECT tag, count(*) FROM event_tags GROUP BY tag;
    DELETE FROM verification_counts;
    INSERT INTO verification_counts (verification, count)
    SELECT verification, count(*) FROM events GROUP BY verification;
    DELETE FROM side_counts;
    INSERT INTO side_counts (side, count)
    SELECT a.side, count(DISTINCT ea.event_id) FROM event_actors ea
    JOIN actors a ON a.id = ea.actor_id GROUP BY a.side;
    UPDATE events SET side_mask = s.mask FROM (
        SELECT ea.event_id, sum(DISTINCT b.bit) AS mask FROM event_actors ea
        JOIN actors a ON a.id = ea.actor_id JOIN side_bits b ON b.side = a.side
        GROUP BY ea.event_id) s
    WHERE s.event_id = events.id AND events.side_mask <> s.mask;
    UPDATE events SET side_mask = 0 WHERE side_mask <> 0
        AND NOT EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = events.id);
    DELETE FROM facet_cells;
    DELETE FROM facet_cell_actors;
    DELETE FROM facet_cell_tags;
";

/// The facet cube's counts, each the rows of a SELECT grouped by all its columns: written by
/// `count_groups` rather than SQL's GROUP BY, which sorts every row first (in memory, with
/// `temp_store` so): a million events' actor rows took about 200 MB at its peak.
const CUBE: [(&str, &str); 3] = [
    (
        "SELECT kind, origin, verification, side_mask FROM events",
        "INSERT INTO facet_cells (kind, origin, verification, sides, count)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    ),
    (
        "SELECT e.kind, e.origin, e.verification, e.side_mask, ea.actor_id
         FROM event_actors ea JOIN events e ON e.id = ea.event_id",
        "INSERT INTO facet_cell_actors (kind, origin, verification, sides, actor_id, count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    ),
    (
        "SELECT e.kind, e.origin, e.verification, e.side_mask, t.tag
         FROM event_tags t JOIN events e ON e.id = t.event_id",
        "INSERT INTO facet_cell_tags (kind, origin, verification, sides, tag, count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    ),
];

/// One column of a group's key: the cube's columns are text or integers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum KeyPart {
    Int(i64),
    Text(String),
}

impl rusqlite::ToSql for KeyPart {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            KeyPart::Int(n) => n.to_sql(),
            KeyPart::Text(t) => t.to_sql(),
        }
    }
}

/// Counts the rows `select` reads per distinct row, holding one entry per group, and writes
/// each group with its count (the last parameter) by `insert`.
fn count_groups(tx: &Transaction<'_>, select: &str, insert: &str) -> Result<()> {
    let mut groups: std::collections::HashMap<Vec<KeyPart>, i64> = std::collections::HashMap::new();
    let mut stmt = tx.prepare(select)?;
    let width = stmt.column_count();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let mut key = Vec::with_capacity(width);
        for i in 0..width {
            key.push(match row.get_ref(i)? {
                rusqlite::types::ValueRef::Integer(n) => KeyPart::Int(n),
                other => KeyPart::Text(other.as_str().map_err(rusqlite::Error::from)?.to_owned()),
            });
        }
        *groups.entry(key).or_insert(0) += 1;
    }
    let mut insert = tx.prepare(insert)?;
    for (key, count) in groups {
        let mut params: Vec<&dyn rusqlite::ToSql> = key.iter().map(|k| k as _).collect();
        params.push(&count);
        insert.execute(params.as_slice())?;
    }
    Ok(())
}

/// An import writes in bulk when it brings at least this many events…
pub(crate) const BULK_MIN: usize = 2_000;
/// …and at least a quarter as many as the store holds: the rebuild reads every stored event,
/// which only pays when the import is a good share of them.
const BULK_SHARE: usize = 4;

/// Whether an import of `incoming` events into a store of `stored` is better written with the
/// triggers suspended.
pub(crate) fn worth_suspending(incoming: usize, stored: usize) -> bool {
    incoming >= BULK_MIN && incoming.saturating_mul(BULK_SHARE) >= stored
}

/// How many events the store holds: the kind counts sum to it without reading the events.
pub(crate) fn stored_events(conn: &Connection) -> Result<usize> {
    let stored: i64 =
        conn.query_row("SELECT coalesce(sum(count), 0) FROM kind_counts", [], |r| {
            r.get(0)
        })?;
    Ok(usize::try_from(stored).unwrap_or(usize::MAX))
}

/// Drops the count triggers inside `tx`, keeping their SQL to recreate them.
pub(crate) fn suspend(tx: &Transaction<'_>) -> Result<Dropped> {
    schema_objects::drop_all(tx, Kind::Trigger, &COUNT_TRIGGERS)
}

/// Brings every maintained count up to date and recreates the triggers, inside `tx`: by
/// adding `tally`, when it counted every row written while they were suspended, or else by
/// counting every row again.
pub(crate) fn resume(
    tx: &Transaction<'_>,
    suspended: Dropped,
    tally: Option<crate::import_tally::Tally>,
) -> Result<()> {
    if let Some(tally) = tally {
        tally.write(tx)?;
    } else {
        tx.execute_batch(REBUILD)?;
        for (select, insert) in CUBE {
            count_groups(tx, select, insert)?;
        }
    }
    schema_objects::create_again(tx, suspended)?;
    crate::facet_index::read_whole_next(tx)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::store::Store;

    #[test]
    fn every_trigger_in_the_schema_is_one_the_rebuild_covers() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        assert_eq!(
            schema_objects::names(store.conn(), Kind::Trigger, &[]).unwrap(),
            schema_objects::sorted(COUNT_TRIGGERS)
        );
    }
}

//! The secondary indexes of `events`, and those of its actor, tag and source rows, that no
//! statement of an import needs: what it reads of those rows by event id (an updated event's
//! rows to delete, a stored event to merge) goes through their primary keys and UNIQUE
//! constraints, which begin with the event id. A large import drops them inside its transaction and
//! builds each again, by one sort, before it commits: a B-tree kept in step row by row costs a
//! page-cache miss per row once the table outgrows the cache, whatever order the rows come
//! in (a title index, a kind index), while a sort writes each index in order.
//!
//! As with the count triggers (`maintained_counts`), each index is dropped and created again
//! inside the import's transaction (`schema_objects`).

use rusqlite::Transaction;

use crate::error::Result;
use crate::schema_objects::{self, Dropped, Kind};

/// The indexes an import can do without while it writes. A test checks that every index on
/// the tables an import writes is listed here or kept by choice, so a new index is a choice.
pub(crate) const DEFERRED: [&str; 13] = [
    "events_tier",
    "events_medium",
    "events_long",
    "events_verification",
    "events_kind",
    "events_title",
    "events_lead_actor",
    "events_source_count",
    "events_window",
    "events_filter_fields",
    "event_actors_actor",
    "event_tags_tag",
    "sources_order",
];

/// Whether an import of `incoming` events into a store of `stored` is better written with the
/// deferred indexes dropped: building an index sorts every stored row, which pays once the
/// import brings at least as many events as the store holds (one pair of runs, 1,000,000
/// events into an empty store: 75 s instead of 91 s; 100,000 into a store of 100,000: no
/// difference beyond noise).
pub(crate) fn worth_deferring(incoming: usize, stored: usize) -> bool {
    incoming >= crate::maintained_counts::BULK_MIN && incoming >= stored
}

/// Drops the deferred indexes inside `tx`, keeping their SQL to build them again.
pub(crate) fn defer(tx: &Transaction<'_>) -> Result<Dropped> {
    schema_objects::drop_all(tx, Kind::Index, &DEFERRED)
}

/// Builds every deferred index again from the rows, inside `tx`, its sorts shared with
/// helper threads: at a million events, one helper on two cores took three of the builds from
/// 6.0-7.0 s to 4.8-5.3 s, for about 30 MB more while they sort.
pub(crate) fn build(tx: &Transaction<'_>, deferred: Dropped) -> Result<()> {
    let helpers = std::thread::available_parallelism()
        .map_or(0, |n| i64::try_from(n.get()).unwrap_or(i64::MAX) - 1)
        .min(MAX_SORT_HELPERS);
    tx.pragma_update(None, "threads", helpers)?;
    let built = schema_objects::create_again(tx, deferred);
    // Other statements sort little; they go back to sorting on their own thread.
    tx.pragma_update(None, "threads", 0)?;
    built
}

/// Each helper sorts with its own memory: more than a few would cost more than they save.
const MAX_SORT_HELPERS: i64 = 3;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::store::Store;

    /// Indexes an import keeps while it writes. None is: an import finds rows by event id
    /// through primary keys and UNIQUE constraints, which cannot be dropped (the position
    /// indexes it used to keep for that were each one more random insert per row).
    const KEPT: [&str; 0] = [];

    #[test]
    fn every_index_on_the_tables_an_import_writes_is_deferred_or_kept_by_choice() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let tables = [
            "events",
            "event_actors",
            "event_tags",
            "sources",
            "search_rows",
            "actors",
        ];
        assert_eq!(
            schema_objects::names(store.conn(), Kind::Index, &tables).unwrap(),
            schema_objects::sorted(DEFERRED.into_iter().chain(KEPT))
        );
    }
}

//! Deleting many events at once, from the table's selection: the listed rows, or every event
//! matching a filter (all of a GDELT import, say, which may be a million events). All or
//! nothing, in one transaction. A delete small enough to undo (`UNDO_LIMIT` events) keeps
//! each deleted event for its undo step; a larger one cannot be undone, so the store as it was
//! is saved first as a `before-delete` backup, and nothing is deleted when that backup cannot
//! be taken.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{self, Backup, Reason};
use crate::bulk_edit::{not_stored, target_ids, BulkTarget};
use crate::compact::Compacted;
use crate::error::{Error, Result};
use crate::import::UNDO_LIMIT;
use crate::maintained_counts;
use crate::model::StoredEvent;
use rusqlite::Transaction;

use crate::store::{load_event, remove_event_of, remove_event_of_unindexed, Store};
use crate::{deferred_indexes, search_index};

/// What a bulk delete did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkDeleted {
    /// Events deleted: every event the target named.
    pub deleted: u32,
    /// False when the delete was too large to keep for undo (`import::UNDO_LIMIT` events).
    pub undoable: bool,
    /// The backup of the store as it was, taken because the delete cannot be undone; `None`
    /// when it can, or for a store in memory.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<Backup>,
    /// The database compacted after the delete, when it left at least half of the file
    /// free or took at least half of the events (`Store::compact_after_delete`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compacted: Option<Compacted>,
}

impl Store {
    /// Deletes every event `target` names and answers each deleted event as it was, when
    /// there are at most `UNDO_LIMIT` of them (none otherwise). A listed id that is not
    /// stored is refused, naming its place (`target.ids[2]`), and nothing is deleted. Shipped
    /// events are remembered as deleted, as a single delete remembers them.
    /// `progress` hears how many of how many events are deleted (the whole count once they
    /// all are, while the indexes are built again); answering false stops the delete, with
    /// nothing deleted (`Error::DeleteCancelled`).
    pub(crate) fn bulk_delete_tracked(
        &mut self,
        target: &BulkTarget,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<(BulkDeleted, Vec<StoredEvent>)> {
        self.delete_targeted(target, true, progress)
    }

    /// Deletes as `bulk_delete_tracked` does for a caller that keeps no undo history (the
    /// command line): whatever it deletes is backed up first, and nothing is kept for undo.
    pub fn bulk_delete_backed_up(
        &mut self,
        target: &BulkTarget,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<BulkDeleted> {
        self.delete_targeted(target, false, progress)
            .map(|(deleted, _)| deleted)
    }

    /// Deletes what `target` names; `undo` keeps what was deleted when it is small enough,
    /// else (or without `undo`) backs the store up first, when there is something to delete.
    fn delete_targeted(
        &mut self,
        target: &BulkTarget,
        undo: bool,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<(BulkDeleted, Vec<StoredEvent>)> {
        let path = self.path().map(std::path::Path::to_owned);
        let tx = self.write_tx()?;
        let ids = target_ids(&tx, target)?;
        let total = ids.len();
        let mut deleting = |done: usize| {
            if progress(done, total) {
                Ok(())
            } else {
                Err(Error::DeleteCancelled)
            }
        };
        deleting(0)?;
        let undoable = undo && ids.len() <= UNDO_LIMIT;
        let mut befores = Vec::new();
        if undoable {
            befores.reserve(ids.len());
            for id in &ids {
                befores.push(load_event(&tx, id)?.ok_or_else(|| not_stored(target, id))?);
            }
        }
        // Read from its own connection, the backup is the store as last committed: what
        // this transaction has not changed yet.
        let backup = match (&path, undoable || ids.is_empty()) {
            (Some(path), false) => Some(backup::before_uncommitted(path, Reason::BeforeDelete)?),
            _ => None,
        };
        // The backup of a million events takes seconds: asked to stop meanwhile, nothing is
        // deleted (the backup stays, a copy of the store as it still is).
        deleting(0)?;
        // A delete of a good share of the store recounts once at the end, as a large import
        // does, rather than adjusting every count for every row.
        let stored = maintained_counts::stored_events(&tx)?;
        let suspended = maintained_counts::worth_suspending(ids.len(), stored)
            .then(|| maintained_counts::suspend(&tx))
            .transpose()?;
        if most_of(ids.len(), stored) {
            delete_most(&tx, target, &ids, &mut deleting)?;
        } else {
            for (done, id) in in_id_order(&ids).into_iter().enumerate() {
                deleting(done)?;
                if !remove_event_of(&tx, id)? {
                    return Err(not_stored(target, id));
                }
            }
            // Every event is out: what is left is counting again, when suspended.
            deleting(total)?;
        }
        if let Some(suspended) = suspended {
            maintained_counts::resume(&tx, suspended, None)?;
        }
        // The last moment a stop leaves everything as it was.
        deleting(total)?;
        tx.commit()?;
        // The delete is committed whatever happens here: a compaction that fails (no room
        // on the disk for its new file) leaves the file as large as it was, which
        // `bilateral-cli compact` can try again and explain.
        let compacted = self.compact_after_delete(ids.len(), stored).unwrap_or(None);
        let deleted = BulkDeleted {
            deleted: u32::try_from(ids.len()).unwrap_or(u32::MAX),
            undoable,
            backup,
            compacted,
        };
        Ok((deleted, befores))
    }
}

/// `ids` sorted: in id order, the rows keyed by event id (the events' own key, actors, tags,
/// sources, search rows) are each walked from one end to the other, rather than a page read
/// for every row once they outgrow the cache (a million GDELT events: 50 s -> 22-29 s).
fn in_id_order(ids: &[String]) -> Vec<&String> {
    let mut sorted: Vec<&String> = ids.iter().collect();
    sorted.sort_unstable();
    sorted
}

/// Whether deleting `deleting` of the `stored` events is better done by building the
/// secondary indexes and the full-text index again from the events left (as a large import
/// builds them) than by taking each event out of each: when at least as many go as stay.
fn most_of(deleting: usize, stored: usize) -> bool {
    deleting >= maintained_counts::BULK_MIN && deleting >= stored.saturating_sub(deleting)
}

/// Deletes `ids`, most of the store, with the deferred indexes dropped and the full-text
/// index emptied, then builds both again from the events left. A million GDELT events out
/// of a store of a million took 111 s one by one, 50-59 s this way, 22-29 s in id order
/// (its backup of 1.3 GB included).
fn delete_most(
    tx: &Transaction<'_>,
    target: &BulkTarget,
    ids: &[String],
    deleting: &mut dyn FnMut(usize) -> Result<()>,
) -> Result<()> {
    let deferred = deferred_indexes::defer(tx)?;
    tx.execute(
        "INSERT INTO events_fts (events_fts) VALUES ('delete-all')",
        [],
    )?;
    for (done, id) in in_id_order(ids).into_iter().enumerate() {
        deleting(done)?;
        if !remove_event_of_unindexed(tx, id)? {
            return Err(not_stored(target, id));
        }
    }
    // Every event is out: what is left is building the indexes again.
    deleting(ids.len())?;
    search_index::fill_all(tx)?;
    deferred_indexes::build(tx, deferred)
}

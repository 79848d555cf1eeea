//! Copies of some tables' content held in memory by one connection, for reads that would
//! otherwise go over many rows each time (the facet counts of `facet_index.rs`, the day sums of
//! `day_sums.rs`).
//!
//! A copy is a cache of the database's state, never a second source of truth: it is stamped
//! with the connection's `data_version` (which moves when another connection commits) and its
//! change count (which moves when this one writes), and read again when either moved. It is
//! read inside one read transaction, so its parts agree; the stamp is taken before, so a commit
//! landing in between makes the next use read it again rather than trust it.

use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::error::Result;

/// Content read from a connection's tables.
pub(crate) trait Copied: Sized {
    fn read(conn: &Connection) -> Result<Self>;
}

/// The state of the database a copy was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    data_version: i64,
    changes: u64,
}

impl Stamp {
    fn of(conn: &Connection) -> Result<Self> {
        Ok(Self {
            data_version: conn.query_row("PRAGMA data_version", [], |r| r.get(0))?,
            changes: conn.total_changes(),
        })
    }
}

/// A connection's copy of `T`, read when first used and again after the data moved.
pub(crate) struct StampedCopy<T> {
    slot: Mutex<Option<(Stamp, T)>>,
}

impl<T> Default for StampedCopy<T> {
    fn default() -> Self {
        Self {
            slot: Mutex::new(None),
        }
    }
}

impl<T: Copied> StampedCopy<T> {
    fn lock(&self) -> MutexGuard<'_, Option<(Stamp, T)>> {
        // A panic mid-read leaves at worst an old copy, which the stamp check replaces.
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `answer` applied to a copy of `conn`'s current data.
    pub(crate) fn with<R>(
        &self,
        conn: &Connection,
        answer: impl FnOnce(&T) -> Result<R>,
    ) -> Result<R> {
        let mut slot = self.lock();
        let stamp = Stamp::of(conn)?;
        match slot.as_ref() {
            Some((read_at, copy)) if *read_at == stamp => answer(copy),
            _ => {
                // The old copy goes first, so two are never held at once.
                *slot = None;
                let copy = read_in_one_transaction(conn)?;
                answer(&slot.insert((stamp, copy)).1)
            }
        }
    }

    /// Forgets the copy: the connection's content may be replaced without a change count.
    pub(crate) fn clear(&mut self) {
        *self
            .slot
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

fn read_in_one_transaction<T: Copied>(conn: &Connection) -> Result<T> {
    if !conn.is_autocommit() {
        return T::read(conn);
    }
    conn.execute_batch("BEGIN")?;
    let read = T::read(conn);
    conn.execute_batch("COMMIT")?;
    read
}

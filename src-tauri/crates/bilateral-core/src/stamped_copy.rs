//! Copies of some tables' content held in memory by one connection, for reads that would
//! otherwise go over many rows each time (the facet counts of `facet_index.rs`, the day sums of
//! `day_sums.rs`).
//!
//! A copy is a cache of the database's state, never a second source of truth: it is stamped
//! with the connection's `data_version` (which moves when another connection commits) and its
//! change count (which moves when this one writes), and read again when either moved. It is
//! read inside one read transaction, so its parts agree; the stamp is taken before, so a commit
//! landing in between makes the next use read it again rather than trust it. A copy that can
//! patches itself instead of being read again (`Copied::patch`), in one read transaction too.

use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Content read from a connection's tables.
pub(crate) trait Copied: Sized + Clone {
    fn read(conn: &Connection) -> Result<Self>;

    /// Brings a copy read earlier up to date in place, when it can do so for less than a
    /// whole read; false when it must be read whole (it may then be left half patched).
    fn patch(&mut self, _conn: &Connection) -> Result<bool> {
        Ok(false)
    }
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

/// A copy of `T`, read when first used and again after the data moved: checked and read on the
/// connection of the store that asks, or on a read connection of its own when several stores
/// share it (`Readers` gives the lanes of one file one copy: read once after a change, held
/// once, and never interrupted when a lane's query is superseded).
pub(crate) struct StampedCopy<T> {
    slot: Mutex<Slot<T>>,
}

struct Slot<T> {
    own: Option<Connection>,
    copy: Option<(Stamp, Arc<T>)>,
}

impl<T> Default for StampedCopy<T> {
    fn default() -> Self {
        Self {
            slot: Mutex::new(Slot {
                own: None,
                copy: None,
            }),
        }
    }
}

impl<T: Copied> StampedCopy<T> {
    /// A copy checked and read on `own`, whichever store asks.
    pub(crate) fn on_own_connection(own: Connection) -> Self {
        Self {
            slot: Mutex::new(Slot {
                own: Some(own),
                copy: None,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Slot<T>> {
        // A panic mid-read leaves at worst an old copy, which the stamp check replaces.
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `answer` applied to a copy of the current data, read through `conn` unless the copy
    /// has a connection of its own.
    pub(crate) fn with<R>(
        &self,
        conn: &Connection,
        answer: impl FnOnce(&T) -> Result<R>,
    ) -> Result<R> {
        let copy = current(&mut self.lock(), Some(conn))?;
        // Answered outside the lock: another store sharing the copy need not wait for it.
        answer(&copy)
    }

    /// Reads the copy on a thread of its own, when it has a connection of its own and is not
    /// read yet: the app's read lanes then find it ready (or finish waiting sooner) when the
    /// first filtered question comes, which at start-up is the first timeline drawn under the
    /// filter kept from the last session. A failed read is left for that question to report.
    pub(crate) fn read_ahead(self: &Arc<Self>)
    where
        T: Send + Sync + 'static,
    {
        let shared = Arc::clone(self);
        let started = std::thread::Builder::new()
            .name("copy reader".to_owned())
            .spawn(move || {
                let mut slot = shared.lock();
                if slot.own.is_some() && slot.copy.is_none() {
                    let _ = current(&mut slot, None);
                }
            });
        // Without a thread the copy is read when first asked for, as before.
        drop(started);
    }

    /// Forgets the copy: the connection's content may be replaced without a change count.
    pub(crate) fn clear(&self) {
        self.lock().copy = None;
    }
}

/// The copy of the current data in `slot`: the one held when its stamp is current, else the
/// held one patched, else one read whole, through the slot's own connection or else `conn`.
fn current<T: Copied>(slot: &mut Slot<T>, conn: Option<&Connection>) -> Result<Arc<T>> {
    let Slot { own, copy } = slot;
    let conn = own
        .as_ref()
        .or(conn)
        .ok_or_else(|| Error::Corrupt("a copy was asked for without a connection".into()))?;
    let stamp = Stamp::of(conn)?;
    if let Some((read_at, held)) = copy {
        if *read_at == stamp {
            return Ok(Arc::clone(held));
        }
    }
    // Taken out first: a failed patch or read leaves no copy to trust.
    let fresh = match copy.take() {
        Some((_, mut old)) => {
            // In place, unless an answer still holds it (then on a clone).
            if in_one_transaction(conn, |c| Arc::make_mut(&mut old).patch(c))? {
                old
            } else {
                // The old copy goes first, so two are never held at once.
                drop(old);
                Arc::new(in_one_transaction(conn, T::read)?)
            }
        }
        None => Arc::new(in_one_transaction(conn, T::read)?),
    };
    *copy = Some((stamp, Arc::clone(&fresh)));
    Ok(fresh)
}

fn in_one_transaction<R>(
    conn: &Connection,
    read: impl FnOnce(&Connection) -> Result<R>,
) -> Result<R> {
    if !conn.is_autocommit() {
        return read(conn);
    }
    conn.execute_batch("BEGIN")?;
    let read = read(conn);
    conn.execute_batch("COMMIT")?;
    read
}

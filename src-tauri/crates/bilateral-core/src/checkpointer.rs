//! Checkpoints on a thread of their own, so that no write waits for one. SQLite checkpoints
//! by itself inside the commit that takes the write-ahead log past 1,000 pages: after a large
//! import, the import does not return until the whole log (a gigabyte at a million events)
//! is copied into the database and synced, about 13 s on a disk that syncs 100 MB/s. The app
//! hands that work to this thread: its writer stops checkpointing, and after each write the
//! thread copies what the log holds, through a connection of its own, while reads and
//! further writes go on. Nothing is less durable than before: with `synchronous = NORMAL` a
//! commit was never synced until its checkpoint, wherever that ran.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use rusqlite::{Connection, OpenFlags};

use crate::error::Result;
use crate::store::{open_waiting, Store};

/// What the thread is asked to do.
#[derive(Default)]
struct Asked {
    /// Writes were committed since the last checkpoint began.
    written: bool,
    stop: bool,
    /// Checkpoints begun and ended, for `settle`.
    begun: u64,
    ended: u64,
}

struct Shared {
    asked: Mutex<Asked>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Asked> {
        // A panic on the thread cannot leave the flags half-set.
        self.asked.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The thread that checkpoints a store's database after its writes. Dropping it runs a last
/// checkpoint and ends the thread.
pub struct Checkpointer {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread that checkpoints after `store`'s writes, and turns off the
    /// checkpoint its writer runs itself. `None` for a store in memory, which has no log to
    /// copy, or when no thread can be started: the writer then checkpoints as before.
    pub fn start(store: &Store) -> Result<Option<Self>> {
        let Some(path) = store.path() else {
            return Ok(None);
        };
        let conn = open_waiting(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let shared = Arc::new(Shared {
            asked: Mutex::new(Asked::default()),
            wake: Condvar::new(),
        });
        let theirs = Arc::clone(&shared);
        let Ok(thread) = std::thread::Builder::new()
            .name("checkpointer".to_owned())
            .spawn(move || run(&conn, &theirs))
        else {
            return Ok(None);
        };
        let checkpointer = Self {
            shared,
            thread: Some(thread),
        };
        store.conn().pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(Some(checkpointer))
    }

    /// Asks for a checkpoint of what the writes so far left in the log; returns at once.
    pub fn after_write(&self) {
        self.shared.lock().written = true;
        self.shared.wake.notify_all();
    }

    /// Waits until the checkpoints asked for so far have ended.
    pub fn settle(&self) {
        let mut asked = self.shared.lock();
        while asked.written || asked.ended < asked.begun {
            asked = self
                .shared
                .wake
                .wait(asked)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.wake.notify_all();
        if let Some(thread) = self.thread.take() {
            // A panic on the thread has nothing left to report here.
            let _ = thread.join();
        }
    }
}

fn run(conn: &Connection, shared: &Shared) {
    loop {
        let mut asked = shared.lock();
        while !asked.written && !asked.stop {
            asked = shared
                .wake
                .wait(asked)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let stop = asked.stop;
        asked.written = false;
        asked.begun += 1;
        drop(asked);
        // PASSIVE copies what no reader still needs and never waits for a reader or the
        // writer; what it leaves is copied by the next one.
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            eprintln!("Bilateral could not checkpoint its write-ahead log: {e}");
        }
        shared.lock().ended += 1;
        shared.wake.notify_all();
        if stop {
            return;
        }
    }
}

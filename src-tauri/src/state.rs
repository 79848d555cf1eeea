//! What the app holds while it runs: the one open store with the session's undo history, and
//! an import waiting for the user's go-ahead.

use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use bilateral_core::import::ImportPreview;
use bilateral_core::merge::Coverage;
use bilateral_core::{Curator, Event, Store};

/// A file read and previewed, not yet written.
pub struct PendingImport {
    pub events: Vec<Event>,
    /// What the file's format can say: an import changes only these fields.
    pub coverage: Coverage,
    /// Some items were rejected, so the import may not go ahead.
    pub rejected: bool,
    /// What the user was shown: decides whether a backup is taken before writing.
    pub preview: ImportPreview,
}

pub struct AppState {
    curator: Mutex<Curator>,
    pending: Mutex<Option<PendingImport>>,
    /// Set by the cancel command while an import runs; checked between events.
    pub cancel_import: AtomicBool,
}

/// A panic while holding a lock cannot leave SQLite half-written (transactions roll back),
/// so the data behind a poisoned lock is still safe to use.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            curator: Mutex::new(Curator::new(store)),
            pending: Mutex::new(None),
            cancel_import: AtomicBool::new(false),
        }
    }

    pub fn curator(&self) -> MutexGuard<'_, Curator> {
        lock(&self.curator)
    }

    pub fn set_pending(&self, pending: Option<PendingImport>) {
        *lock(&self.pending) = pending;
    }

    pub fn take_pending(&self) -> Option<PendingImport> {
        lock(&self.pending).take()
    }
}

//! What the app holds while it runs: the one open store, with the session's undo history.

use std::sync::{Mutex, MutexGuard};

use bilateral_core::{Curator, Store};

pub struct AppState {
    curator: Mutex<Curator>,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            curator: Mutex::new(Curator::new(store)),
        }
    }

    pub fn curator(&self) -> MutexGuard<'_, Curator> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back), so the store is still safe to use.
        self.curator
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

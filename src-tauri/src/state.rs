//! What the app holds while it runs: the one open store.

use std::sync::{Mutex, MutexGuard};

use bilateral_core::Store;

use crate::error::CommandError;

pub struct AppState {
    store: Mutex<Store>,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            store: Mutex::new(store),
        }
    }

    pub fn store(&self) -> Result<MutexGuard<'_, Store>, CommandError> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back), so the store is still safe to use.
        Ok(self
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

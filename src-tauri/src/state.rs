//! What the app holds while it runs: the open store with the session's undo history (or why
//! no store could be opened), and an import waiting for the user's go-ahead.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use bilateral_core::identity::OpenProblem;
use bilateral_core::import::ImportPreview;
use bilateral_core::merge::Coverage;
use bilateral_core::{Curator, Error, Event, Store};

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
    curator: Mutex<Option<Curator>>,
    problem: Mutex<Option<OpenProblem>>,
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

/// The open store, locked for one command.
pub struct CuratorGuard<'a>(MutexGuard<'a, Option<Curator>>);

impl Deref for CuratorGuard<'_> {
    type Target = Curator;
    fn deref(&self) -> &Curator {
        match self.0.as_ref() {
            Some(curator) => curator,
            // `AppState::curator` hands out a guard only when a store is open.
            None => unreachable!("a CuratorGuard always holds a store"),
        }
    }
}

impl DerefMut for CuratorGuard<'_> {
    fn deref_mut(&mut self) -> &mut Curator {
        match self.0.as_mut() {
            Some(curator) => curator,
            None => unreachable!("a CuratorGuard always holds a store"),
        }
    }
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            curator: Mutex::new(Some(Curator::new(store))),
            problem: Mutex::new(None),
            pending: Mutex::new(None),
            cancel_import: AtomicBool::new(false),
        }
    }

    /// The app started but its database could not be opened: every command but those of
    /// the start-up screen answers that no database is open.
    pub fn unavailable(problem: OpenProblem) -> Self {
        Self {
            curator: Mutex::new(None),
            problem: Mutex::new(Some(problem)),
            pending: Mutex::new(None),
            cancel_import: AtomicBool::new(false),
        }
    }

    pub fn curator(&self) -> Result<CuratorGuard<'_>, Error> {
        let guard = lock(&self.curator);
        if guard.is_none() {
            return Err(Error::Open {
                path: lock(&self.problem)
                    .as_ref()
                    .map(|p| p.path.clone())
                    .unwrap_or_default(),
                message: "no database is open".to_owned(),
            });
        }
        Ok(CuratorGuard(guard))
    }

    /// Why no database is open, when none is.
    pub fn problem(&self) -> Option<OpenProblem> {
        lock(&self.problem).clone()
    }

    /// Switches to another store (a new session: its undo history starts empty).
    pub fn replace(&self, store: Store) {
        *lock(&self.curator) = Some(Curator::new(store));
        *lock(&self.problem) = None;
        *lock(&self.pending) = None;
    }

    pub fn set_pending(&self, pending: Option<PendingImport>) {
        *lock(&self.pending) = pending;
    }

    pub fn take_pending(&self) -> Option<PendingImport> {
        lock(&self.pending).take()
    }
}

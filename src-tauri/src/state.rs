//! What the app holds while it runs: the open store with the session's undo history (or why
//! no store could be opened), the read connections beside it, and an import waiting for the
//! user's go-ahead.
//!
//! Writes go through the curator's one writer connection, behind a lock; reads never take
//! that lock: they run on their own read-only connections (`Readers`), so a long import does
//! not stop the timeline, search or facets, nor do they wait for one another.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use bilateral_core::checkpointer::Checkpointer;
use bilateral_core::formats::stream::Input;
use bilateral_core::identity::OpenProblem;
use bilateral_core::import::ImportPreview;
use bilateral_core::opening::OpeningStep;
use bilateral_core::readers::{Answer, Lane, Readers, Ticket};
use bilateral_core::{Curator, Error, SearchAnswer, SearchQuery, Store, Window, WindowQuery};

/// A file read and previewed, not yet written: read again as a stream when the import is
/// written, never held whole.
pub struct PendingImport {
    pub input: Input,
    /// Items the preview read: the import's progress total.
    pub total: usize,
    /// What the user was shown: decides whether a backup is taken before writing.
    pub preview: ImportPreview,
}

pub struct AppState {
    curator: Mutex<Option<Curator>>,
    /// Checkpoints the curator's file after its writes, so that no write waits for one
    /// (`checkpointer.rs`); `None` for an in-memory store.
    checkpointer: RwLock<Option<Arc<Checkpointer>>>,
    /// Read-only connections to the curator's file; `None` for an in-memory store (or when
    /// they could not be opened), whose reads then go through the curator.
    readers: RwLock<Option<Arc<Readers>>>,
    problem: Mutex<Option<OpenProblem>>,
    /// What opening the store is doing, while it runs (at start-up, on its own thread);
    /// `None` once the store is open or its problem known.
    opening: Mutex<Option<OpeningStep>>,
    pending: Mutex<Option<PendingImport>>,
    /// Set by the cancel command while an import runs; checked between events.
    pub cancel_import: AtomicBool,
    /// Set by the cancel command while an export runs; checked before each chunk written.
    pub cancel_export: AtomicBool,
    /// Set by the cancel command while a bulk delete runs; checked between events.
    pub cancel_delete: AtomicBool,
}

/// A panic while holding a lock cannot leave SQLite half-written (transactions roll back),
/// so the data behind a poisoned lock is still safe to use.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Read connections on the store's file. A store whose readers cannot be opened still works,
/// reading through its writer as before (and saying so on the console).
fn readers_for(store: &Store) -> Option<Arc<Readers>> {
    let path = store.path()?;
    match Readers::open(path) {
        Ok(readers) => Some(Arc::new(readers)),
        Err(e) => {
            eprintln!(
                "Bilateral reads through its writer: no read connection could be opened ({e})"
            );
            None
        }
    }
}

/// The thread that checkpoints after the store's writes. A store without one checkpoints
/// inside its writes, as SQLite does by itself.
fn checkpointer_for(store: &Store) -> Option<Arc<Checkpointer>> {
    match Checkpointer::start(store) {
        Ok(checkpointer) => checkpointer.map(Arc::new),
        Err(e) => {
            eprintln!("Bilateral checkpoints inside its writes: no checkpointer started ({e})");
            None
        }
    }
}

/// The open store, locked for one command; once the command is done with it, what it wrote
/// is checkpointed on the checkpointer's thread.
pub struct CuratorGuard<'a> {
    curator: MutexGuard<'a, Option<Curator>>,
    checkpointer: Option<Arc<Checkpointer>>,
}

impl Drop for CuratorGuard<'_> {
    fn drop(&mut self) {
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.after_write();
        }
    }
}

impl Deref for CuratorGuard<'_> {
    type Target = Curator;
    fn deref(&self) -> &Curator {
        match self.curator.as_ref() {
            Some(curator) => curator,
            // `AppState::curator` hands out a guard only when a store is open.
            None => unreachable!("a CuratorGuard always holds a store"),
        }
    }
}

impl DerefMut for CuratorGuard<'_> {
    fn deref_mut(&mut self) -> &mut Curator {
        match self.curator.as_mut() {
            Some(curator) => curator,
            None => unreachable!("a CuratorGuard always holds a store"),
        }
    }
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            readers: RwLock::new(readers_for(&store)),
            checkpointer: RwLock::new(checkpointer_for(&store)),
            curator: Mutex::new(Some(Curator::new(store))),
            problem: Mutex::new(None),
            opening: Mutex::new(None),
            pending: Mutex::new(None),
            cancel_import: AtomicBool::new(false),
            cancel_export: AtomicBool::new(false),
            cancel_delete: AtomicBool::new(false),
        }
    }

    /// The app has started and its store is being opened (`finish_opening` ends it): every
    /// command but `opening_step` answers that no database is open yet.
    pub fn opening() -> Self {
        Self {
            curator: Mutex::new(None),
            checkpointer: RwLock::new(None),
            readers: RwLock::new(None),
            problem: Mutex::new(None),
            opening: Mutex::new(Some(OpeningStep::Opening)),
            pending: Mutex::new(None),
            cancel_import: AtomicBool::new(false),
            cancel_export: AtomicBool::new(false),
            cancel_delete: AtomicBool::new(false),
        }
    }

    /// Says which step opening the store has reached.
    pub fn set_opening_step(&self, step: OpeningStep) {
        *lock(&self.opening) = Some(step);
    }

    /// What opening the store is doing; `None` once it has ended.
    pub fn opening_step(&self) -> Option<OpeningStep> {
        *lock(&self.opening)
    }

    /// Ends the opening with its store, or with why there is none. The store (or problem) is
    /// in place before the step is cleared, so whoever sees the opening ended finds it.
    pub fn finish_opening(&self, opened: Result<Store, OpenProblem>) {
        match opened {
            Ok(store) => self.replace(store),
            Err(problem) => *lock(&self.problem) = Some(problem),
        }
        *lock(&self.opening) = None;
    }

    /// The app started but its database could not be opened: every command but those of
    /// the start-up screen answers that no database is open.
    pub fn unavailable(problem: OpenProblem) -> Self {
        Self {
            curator: Mutex::new(None),
            checkpointer: RwLock::new(None),
            readers: RwLock::new(None),
            problem: Mutex::new(Some(problem)),
            opening: Mutex::new(None),
            pending: Mutex::new(None),
            cancel_import: AtomicBool::new(false),
            cancel_export: AtomicBool::new(false),
            cancel_delete: AtomicBool::new(false),
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
        Ok(CuratorGuard {
            curator: guard,
            checkpointer: self.checkpointer(),
        })
    }

    /// Waits until the checkpoints asked for after the writes so far have run: before
    /// reading the database file alone (a test, a copy made outside SQLite).
    pub fn settle_checkpoints(&self) {
        if let Some(checkpointer) = self.checkpointer() {
            checkpointer.settle();
        }
    }

    /// The checkpointer, when the store has one.
    fn checkpointer(&self) -> Option<Arc<Checkpointer>> {
        self.checkpointer
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Why no database is open, when none is.
    pub fn problem(&self) -> Option<OpenProblem> {
        lock(&self.problem).clone()
    }

    /// Switches to another store (a new session: its undo history starts empty).
    pub fn replace(&self, store: Store) {
        let readers = readers_for(&store);
        let checkpointer = checkpointer_for(&store);
        *lock(&self.curator) = Some(Curator::new(store));
        *self
            .checkpointer
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = checkpointer;
        *self
            .readers
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = readers;
        *lock(&self.problem) = None;
        *lock(&self.pending) = None;
    }

    pub fn set_pending(&self, pending: Option<PendingImport>) {
        *lock(&self.pending) = pending;
    }

    pub fn take_pending(&self) -> Option<PendingImport> {
        lock(&self.pending).take()
    }

    /// The read connections, when the store has them.
    fn readers(&self) -> Option<Arc<Readers>> {
        self.readers
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Runs a read on its lane's own connection, without the writer's lock: it neither waits
    /// for an import nor for reads of other lanes.
    pub fn read<T>(
        &self,
        lane: Lane,
        read: impl FnOnce(&Store) -> Result<T, Error>,
    ) -> Result<T, Error> {
        match self.readers() {
            Some(readers) => readers.read(lane, read),
            None => read(self.curator()?.store()),
        }
    }

    /// The window the timeline asks for. With a ticket, a newer request supersedes this one
    /// (`Readers::latest_only`).
    pub fn window(
        &self,
        query: &WindowQuery,
        ticket: Option<Ticket>,
    ) -> Result<Answer<Window>, Error> {
        self.latest(Lane::Timeline, ticket, |s| s.window(query))
    }

    /// A search the search box asks for as the user types. With a ticket, a newer search
    /// supersedes this one, so the last keystroke's answer never waits for the searches of
    /// the keystrokes before it.
    pub fn search(
        &self,
        query: &SearchQuery,
        ticket: Option<Ticket>,
    ) -> Result<Answer<SearchAnswer>, Error> {
        self.latest(Lane::Search, ticket, |s| s.search_answer(query))
    }

    /// `read`, superseded by a newer request on its lane when it has a ticket.
    fn latest<T>(
        &self,
        lane: Lane,
        ticket: Option<Ticket>,
        read: impl FnOnce(&Store) -> Result<T, Error>,
    ) -> Result<Answer<T>, Error> {
        match (self.readers(), ticket) {
            (Some(readers), Some(ticket)) => readers.latest_only(lane, ticket, read),
            _ => self.read(lane, read).map(Answer::Current),
        }
    }
}

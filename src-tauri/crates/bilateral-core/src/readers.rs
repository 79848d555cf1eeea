//! Read connections: queries never wait for writes, nor for each other.
//!
//! `Readers` holds read-only connections to a store's file, one per kind of read (a lane), in
//! WAL mode: a reader sees the last committed state and is never blocked by the writer, even
//! while a long import holds an open write transaction. Each lane has its own connection, so
//! a search never queues behind a timeline query, nor the timeline behind an export.
//!
//! The timeline asks for windows as the user zooms and pans, and the search box searches as
//! the user types; on either lane a newer request supersedes an older one
//! (`Readers::latest_only`): the older query is interrupted if it is running, and skipped if
//! it has not started, so the newest view or search is answered first instead of after
//! every keystroke's search before it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{ErrorCode, InterruptHandle};

use crate::error::{Error, Result};
use crate::stamped_copy::StampedCopy;
use crate::store::Store;

/// What a read is for: each lane has its own connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Window queries and the extent: what the timeline draws.
    Timeline,
    /// Full-text search.
    Search,
    /// Facet counts (filters, the export dialog's count).
    Facets,
    /// One event opened, and other short reads.
    Detail,
    /// Long reads: exports, import previews, article matching.
    Bulk,
}

impl Lane {
    pub const ALL: [Lane; 5] = [
        Lane::Timeline,
        Lane::Search,
        Lane::Facets,
        Lane::Detail,
        Lane::Bulk,
    ];

    fn index(self) -> usize {
        match self {
            Lane::Timeline => 0,
            Lane::Search => 1,
            Lane::Facets => 2,
            Lane::Detail => 3,
            Lane::Bulk => 4,
        }
    }
}

/// Which request of a stream of requests this is: a page of the UI (`session`, chosen at
/// random when it starts, so a reloaded page takes over) and its request number there
/// (`seq`, growing with each request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub session: u64,
    pub seq: u64,
}

/// The answer of a request that a newer one may supersede.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T> {
    Current(T),
    /// A newer request came in: this one was skipped or interrupted, and has no answer.
    Superseded,
}

struct Connection {
    store: Mutex<Store>,
    interrupt: InterruptHandle,
    /// The newest request numbered for this lane, and when one finishes.
    newest: Mutex<Newest>,
    finished: Condvar,
}

/// The newest request of a lane and the one running there.
#[derive(Default)]
struct Newest {
    session: u64,
    latest: u64,
    running: Option<Ticket>,
    /// Whether the running request holds the lane's connection. Only then may a newer one
    /// interrupt it: before, the connection may be running an unnumbered read (a table
    /// page, the editor's search), which must not be stopped.
    executing: bool,
}

impl Newest {
    fn is_current(&self, ticket: Ticket) -> bool {
        self.session == ticket.session && self.latest == ticket.seq
    }
}

/// How often a newer request repeats its interruption of an older one still running (an
/// interruption that lands between two statements of a query does not stop the next one).
const INTERRUPT_AGAIN: Duration = Duration::from_millis(5);

/// Read-only connections to one database file, one per `Lane`.
pub struct Readers {
    path: PathBuf,
    lanes: Vec<Connection>,
}

/// A panic while a read held a lock leaves nothing half-written: the data is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn interrupted(error: &Error) -> bool {
    matches!(
        error,
        Error::Database(rusqlite::Error::SqliteFailure(e, _))
            if e.code == ErrorCode::OperationInterrupted
    )
}

impl Readers {
    /// Opens a read-only connection per lane on the database at `path`, which a writer
    /// (`Store::open`) has already brought up to date and switched to WAL.
    pub fn open(path: &Path) -> Result<Self> {
        // One copy of the events' filtered fields for every lane (the timeline's filtered
        // windows and the facet counts both read it), on a connection of its own.
        let copy = Arc::new(StampedCopy::on_own_connection(
            Store::open_read_only(path)?.into_connection(),
        ));
        copy.read_ahead();
        let lanes = Lane::ALL
            .iter()
            .map(|_| {
                let mut store = Store::open_read_only(path)?;
                store.share_facet_copy(Arc::clone(&copy));
                let interrupt = store.conn().get_interrupt_handle();
                Ok(Connection {
                    store: Mutex::new(store),
                    interrupt,
                    newest: Mutex::default(),
                    finished: Condvar::new(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            path: path.to_owned(),
            lanes,
        })
    }

    /// The database file read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lane(&self, lane: Lane) -> &Connection {
        // `lanes` holds one connection per `Lane::ALL`, in order.
        &self.lanes[lane.index()]
    }

    /// Runs `read` on the lane's connection, after any read already running there.
    pub fn read<T>(&self, lane: Lane, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        read(&lock(&self.lane(lane).store))
    }

    /// Runs `read` on `lane` for the request `ticket`, unless a newer request on that lane
    /// supersedes it: a request older than the newest one seen is skipped at once; a running
    /// older one is interrupted so that this one starts without waiting for it to finish; and
    /// an answer overtaken while it was computed is dropped. Each lane numbers its own
    /// requests: a search never supersedes a window.
    pub fn latest_only<T>(
        &self,
        lane: Lane,
        ticket: Ticket,
        read: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<Answer<T>> {
        let lane = self.lane(lane);
        {
            let mut newest = lock(&lane.newest);
            if newest.session != ticket.session {
                // A new page of the UI (a reload): its requests replace the old page's.
                newest.session = ticket.session;
                newest.latest = ticket.seq;
            } else {
                newest.latest = newest.latest.max(ticket.seq);
            }
            loop {
                if !newest.is_current(ticket) {
                    return Ok(Answer::Superseded);
                }
                match newest.running {
                    None => break,
                    Some(older) => {
                        if older != ticket && newest.executing {
                            lane.interrupt.interrupt();
                        }
                        newest = lane
                            .finished
                            .wait_timeout(newest, INTERRUPT_AGAIN)
                            .unwrap_or_else(|poisoned| poisoned.into_inner())
                            .0;
                    }
                }
            }
            newest.running = Some(ticket);
        }
        let result = {
            let store = lock(&lane.store);
            let go = {
                let mut newest = lock(&lane.newest);
                newest.executing = newest.is_current(ticket);
                newest.executing
            };
            let result = go.then(|| read(&store));
            // Cleared while the connection is still held, so no interruption meant for this
            // read can reach the next one.
            lock(&lane.newest).executing = false;
            result
        };
        let current = {
            let mut newest = lock(&lane.newest);
            newest.running = None;
            lane.finished.notify_all();
            newest.is_current(ticket)
        };
        match result {
            Some(Ok(answer)) if current => Ok(Answer::Current(answer)),
            Some(Err(e)) if current && !interrupted(&e) => Err(e),
            _ => Ok(Answer::Superseded),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used)]

    use std::sync::mpsc;

    use super::*;

    /// A query that runs until it is interrupted.
    const ENDLESS: &str = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) \
                           SELECT count(*) FROM n";

    /// Read connections to a new store in a folder that lives as long as the first value.
    fn readers_on_disk() -> (tempfile::TempDir, Readers) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bilateral.db");
        Store::open(&path).expect("the writer creates the store");
        let readers = Readers::open(&path).expect("readers");
        (dir, readers)
    }

    /// On `lane`, a request that runs until interrupted, then a newer one: the newer is
    /// answered, and the older comes back superseded.
    fn a_newer_request_interrupts_a_running_older_one(lane: Lane) {
        let (_dir, readers) = readers_on_disk();
        let old = Ticket { session: 7, seq: 1 };
        let new = Ticket { session: 7, seq: 2 };
        let (started, wait_started) = mpsc::channel();
        std::thread::scope(|scope| {
            let stale = scope.spawn(|| {
                readers.latest_only(lane, old, |store| {
                    started.send(()).expect("signal");
                    Ok(store
                        .conn()
                        .query_row(ENDLESS, [], |r| r.get::<_, i64>(0))?)
                })
            });
            wait_started.recv().expect("the old query is running");
            let fresh = readers
                .latest_only(lane, new, |store| store.count())
                .expect("the new request is answered");
            assert_eq!(
                fresh,
                Answer::Current(0),
                "the newest request on {lane:?} is answered, not left queued behind the old one"
            );
            let stale = stale.join().expect("old request thread");
            assert_eq!(
                stale.expect("an interrupted request is not an error"),
                Answer::Superseded,
                "the old query on {lane:?} was interrupted and its answer dropped"
            );
        });
    }

    #[test]
    fn a_newer_window_request_interrupts_a_running_older_one() {
        a_newer_request_interrupts_a_running_older_one(Lane::Timeline);
    }

    #[test]
    fn a_newer_search_interrupts_a_running_older_one() {
        a_newer_request_interrupts_a_running_older_one(Lane::Search);
    }

    #[test]
    fn a_newer_request_never_interrupts_an_unnumbered_read_that_holds_the_connection() {
        let (_dir, readers) = readers_on_disk();
        let lane = Lane::Timeline;
        // Long enough that the numbered requests below arrive while it runs.
        let long = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n \
                    WHERE x < 3000000) SELECT count(*) FROM n";
        let (started, wait_started) = mpsc::channel();
        std::thread::scope(|scope| {
            let page = scope.spawn(|| {
                readers.read(lane, |store| {
                    started.send(()).expect("signal");
                    Ok(store.conn().query_row(long, [], |r| r.get::<_, i64>(0))?)
                })
            });
            wait_started
                .recv()
                .expect("the unnumbered read holds the connection");
            let old = scope
                .spawn(|| readers.latest_only(lane, Ticket { session: 3, seq: 1 }, Store::count));
            // The older request is registered, waiting for the connection.
            std::thread::sleep(Duration::from_millis(50));
            let new = readers
                .latest_only(lane, Ticket { session: 3, seq: 2 }, Store::count)
                .expect("the newer request is answered");
            assert_eq!(new, Answer::Current(0));
            assert_eq!(
                page.join()
                    .expect("page thread")
                    .expect("the unnumbered read finishes"),
                3_000_000,
                "an unnumbered read is never stopped by a request meant to stop an older one"
            );
            assert_eq!(
                old.join().expect("old thread").expect("not an error"),
                Answer::Superseded
            );
        });
    }

    #[test]
    fn each_lane_numbers_its_own_requests() {
        let (_dir, readers) = readers_on_disk();
        let count = |lane, seq| readers.latest_only(lane, Ticket { session: 1, seq }, Store::count);
        assert_eq!(count(Lane::Search, 9).expect("search"), Answer::Current(0));
        assert_eq!(
            count(Lane::Timeline, 1).expect("window"),
            Answer::Current(0),
            "a window is not superseded by a search numbered higher"
        );
        assert_eq!(
            count(Lane::Search, 8).expect("older search"),
            Answer::Superseded,
            "an older search is"
        );
    }
}

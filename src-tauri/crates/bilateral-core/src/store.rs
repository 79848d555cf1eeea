//! `Store`: the SQLite event store. Every write runs in one transaction: all or nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Row, ToSql, Transaction, TransactionBehavior,
};
use rusqlite_migration::{Migrations, M};

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::identity::{identify, plain_io, plain_sqlite, Identity, APPLICATION_ID};
use crate::model::{
    Actor, Event, Kind, Link, Origin, Readouts, Relation, Side, Source, StoredEvent,
};
use crate::stamped_copy::StampedCopy;
use crate::verification::Verification;

/// How many migrations this build has: the schema version it writes.
pub const MIGRATION_COUNT: usize = 22;

/// Append-only: never edit a shipped migration, add a new file.
pub fn migrations() -> Migrations<'static> {
    let all: [M<'static>; MIGRATION_COUNT] = [
        M::up(include_str!("migrations/0001_events.sql")),
        M::up(include_str!("migrations/0002_search.sql")),
        M::up_with_hook(
            include_str!("migrations/0003_gdelt_origin.sql"),
            crate::origin_constraint::after_constraint_edit,
        ),
        M::up(include_str!("migrations/0004_scale.sql")),
        M::up_with_hook(
            include_str!("migrations/0005_provenance_chinese.sql"),
            crate::provenance_backfill::after_columns_added,
        ),
        M::up(include_str!("migrations/0006_facet_index.sql")),
        M::up(include_str!("migrations/0007_event_links.sql")),
        M::up(include_str!("migrations/0008_saved_views.sql")),
        M::up(include_str!("migrations/0009_side_counts.sql")),
        M::up(include_str!("migrations/0010_periods.sql")),
        M::up(include_str!("migrations/0011_table_title_sort.sql")),
        M::up(include_str!("migrations/0012_table_sorts.sql")),
        M::up_with_hook(
            include_str!("migrations/0013_search_keys.sql"),
            crate::search_index::after_renumbering,
        ),
        M::up(include_str!("migrations/0014_facet_cube.sql")),
        M::up(include_str!("migrations/0015_day_sums_in_memory.sql")),
        M::up(include_str!("migrations/0016_export_order.sql")),
        M::up(include_str!("migrations/0017_copy_log.sql")),
        M::up(include_str!("migrations/0018_copy_fields.sql")),
        M::up(include_str!("migrations/0019_copy_log_rows.sql")),
        M::up(include_str!("migrations/0020_unused_indexes.sql")),
        M::up_with_hook(
            include_str!("migrations/0021_contentless_search.sql"),
            crate::search_index::after_dropping_content,
        ),
        M::up(include_str!("migrations/0022_keyed_child_rows.sql")),
    ];
    Migrations::new(all.into())
}

/// Applies every migration to an empty in-memory database, as `Migrations::validate` does,
/// on a connection that has the SQL functions the migrations call (`search_index`).
pub fn validate_migrations() -> Result<()> {
    let mut conn = Connection::open_in_memory()?;
    crate::search_index::register(&conn)?;
    migrations().to_latest(&mut conn)?;
    Ok(())
}

/// Applies the migrations up to schema `version` to `conn`, as a release of that version
/// left its file, so a test can write rows in that schema and open the file to upgrade it.
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    crate::search_index::register(conn)?;
    migrations().to_version(conn, version)?;
    Ok(())
}

pub struct Store {
    conn: Connection,
    /// The file the store was opened from; `None` in memory. Backups live beside it.
    path: Option<PathBuf>,
    /// The events' filtered fields, copied for facet counts when first asked for.
    facet_copy: Arc<StampedCopy<crate::facet_index::FacetIndex>>,
    /// Running sums of the per-day counts, copied for the density strip and window totals.
    day_sums: StampedCopy<crate::day_sums::DaySums>,
    /// Whether the last write was an import's, which turns foreign-key checks off
    /// (`import_tx`); the next other write turns them on again.
    checks_off: bool,
}

/// How long a write waits for another process's write to finish before it gives up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Day number used for window arithmetic (days since 1 January of year 1).
pub(crate) fn day_number(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

pub(crate) fn from_day_number(n: i64) -> NaiveDate {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MAX)
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Page cache per connection, in KiB (negative, as SQLite takes it). SQLite's default of
/// 2 MiB holds a sliver of a large store, so a window's few hundred rows, scattered over the
/// file, were copied in from the OS one page at a time on every pan: 32 MiB takes the
/// whole-span window at 100,000 events from 14 to 10 ms (`benches/queries.rs`), and more
/// gained nothing measurable.
const CACHE_KIB: i64 = -32_768;

/// The most of the write-ahead log kept on disk between writes: twice what SQLite's automatic
/// checkpoint lets it reach (1,000 pages of 4 KiB), so ordinary writes never shrink and regrow it.
pub const WAL_KEPT_BYTES: i64 = 8 << 20;

/// A read-only connection to the database at `path`, which reads it as last committed: beside
/// a writer holding uncommitted changes, the store as it was before them.
pub(crate) fn committed_reader(path: &Path) -> Result<Connection> {
    open_waiting(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
}

/// A second connection to the database at `path`, opened with `flags`, that waits for the
/// other connections' locks as the store's own does.
pub(crate) fn open_waiting(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Schema, application id and journal mode of a read-write connection: what every opened
/// (or restored) database gets before use.
fn prepare(conn: &mut Connection) -> Result<()> {
    crate::search_index::register(conn)?;
    // Migrate before switching to WAL, so a failed migration leaves the journal mode as
    // it was; every migration runs in one transaction with the version bump.
    migrations().to_latest(conn)?;
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    // WAL keeps readers going while a write commits; in-memory databases answer "memory".
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A large import leaves a log as large as what it wrote (a gigabyte at a million events);
    // once checkpointed it is cut back to this when the next write starts the log over,
    // instead of staying that size beside the database until the app closes.
    conn.pragma_update(None, "journal_size_limit", WAL_KEPT_BYTES)?;
    // Inside a long transaction each write that fires triggers keeps a statement journal,
    // by default a temporary file: kept in memory, a 100,000-event import takes 11 s
    // instead of 15 (`benches/formats.rs`), with the same peak memory.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

impl Store {
    /// Opens the database at `path` for reading and writing, creating it (and its folder)
    /// when there is nothing there, and brings its schema up to date. The file is identified
    /// first, without writing: another program's file, or one from a newer release, is
    /// refused untouched.
    pub fn open(path: &Path) -> Result<Self> {
        let open_err = |message: String| Error::Open {
            path: path.display().to_string(),
            message,
        };
        let flags = match identify(path)? {
            Identity::Empty => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| open_err(plain_io(&e)))?;
                }
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            }
            // No CREATE: the file identified is the file opened, or the open fails.
            Identity::Ours { .. } => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| open_err(plain_sqlite(&e)))?;
        Self::init(conn, Some(path.to_owned())).map_err(|e| match e {
            Error::Database(e) => open_err(plain_sqlite(&e)),
            other => other,
        })
    }

    /// Opens an existing Bilateral database for reading only: nothing is created, migrated or
    /// loaded, and SQLite itself refuses any write.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        let open_err = |message: String| Error::Open {
            path: path.display().to_string(),
            message,
        };
        match identify(path)? {
            Identity::Empty => Err(open_err(
                "there is no Bilateral database here yet".to_owned(),
            )),
            Identity::Ours { version } if version < crate::identity::latest_version() => {
                Err(open_err(
                    "it was made by an older version of Bilateral and must be upgraded first: \
                     open it once in the app, or run an import"
                        .to_owned(),
                ))
            }
            Identity::Ours { .. } => {
                let conn = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|e| open_err(plain_sqlite(&e)))?;
                conn.busy_timeout(BUSY_TIMEOUT)?;
                conn.pragma_update(None, "cache_size", CACHE_KIB)?;
                conn.pragma_update(None, "query_only", "ON")?;
                Ok(Self {
                    conn,
                    path: Some(path.to_owned()),
                    facet_copy: Arc::default(),
                    checks_off: false,
                    day_sums: StampedCopy::default(),
                })
            }
        }
    }

    pub fn in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        prepare(&mut conn)?;
        Ok(Self {
            conn,
            path,
            facet_copy: Arc::default(),
            day_sums: StampedCopy::default(),
            checks_off: false,
        })
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Brings content just copied into this store's connection (a restored backup, perhaps
    /// from an older release) to this build's schema, id and journal mode, as `open` does.
    pub(crate) fn prepare_restored(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.checks_off = false;
        prepare(&mut self.conn)
    }

    /// The connection itself, as the destination of a restore (the backup API needs it
    /// mutably); everything else goes through `conn` or `write_tx`.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        // Whoever holds the connection may replace its content (a restored backup) without
        // moving the stamps the copies check.
        self.facet_copy.clear();
        self.day_sums.clear();
        &mut self.conn
    }

    /// Starts a write transaction holding the write lock from its first statement, so a
    /// writer waits (up to the busy timeout) for another process's write instead of failing
    /// at once when it upgrades from reading. Foreign keys are checked (`import_tx` is the
    /// one write without).
    pub(crate) fn write_tx(&mut self) -> Result<Transaction<'_>> {
        self.begin_write(true)
    }

    /// `write_tx` without foreign-key checks, for an import: its writer writes each event's
    /// row before the actor, tag, source and link rows that name it, and deletes an updated
    /// event's rows itself (nothing is left to a cascade), so the checks could never fail,
    /// and they cost a lookup of the event and of each actor per row written (a tenth of the
    /// rows' writing at 100,000 events). The next write turns them on again.
    pub(crate) fn import_tx(&mut self) -> Result<Transaction<'_>> {
        self.begin_write(false)
    }

    /// A write transaction, with foreign-key checks or without. SQLite only changes the
    /// setting outside a transaction, and setting it makes every prepared statement of the
    /// connection compile again: so only when it changes.
    fn begin_write(&mut self, checks: bool) -> Result<Transaction<'_>> {
        if self.checks_off == checks {
            self.conn
                .pragma_update(None, "foreign_keys", if checks { "ON" } else { "OFF" })?;
            self.checks_off = !checks;
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The steps of SQLite's plan for `sql` with `params`, for tests that a query reads an
    /// index in order instead of sorting.
    #[cfg(test)]
    pub(crate) fn query_plan(&self, sql: &str, params: impl rusqlite::Params) -> Vec<String> {
        self.conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .and_then(|mut plan| plan.query_map(params, |r| r.get(3))?.collect())
            .unwrap_or_else(|e| panic!("no plan for {sql}: {e}"))
    }

    pub(crate) fn facet_copy(&self) -> &StampedCopy<crate::facet_index::FacetIndex> {
        &self.facet_copy
    }

    /// The store's connection alone, for a reader that needs its settings but not a store.
    pub(crate) fn into_connection(self) -> Connection {
        self.conn
    }

    /// This store answers from `copy`, shared with other read connections of its file.
    pub(crate) fn share_facet_copy(
        &mut self,
        copy: Arc<StampedCopy<crate::facet_index::FacetIndex>>,
    ) {
        self.facet_copy = copy;
    }

    pub(crate) fn day_sums(&self) -> &StampedCopy<crate::day_sums::DaySums> {
        &self.day_sums
    }

    /// How many shipped events the store holds, and how many of them the user edited. Read
    /// through the filter index, kind by kind, so a million events of other origins are not
    /// read (`stats` at a million events: 16 ms instead of reading every event).
    pub fn dataset_counts(&self) -> Result<(u64, u64)> {
        let (events, edited): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(edited), 0) FROM events
             WHERE kind IN (SELECT kind FROM kind_counts) AND origin = 'dataset'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((
            u64::try_from(events).unwrap_or(0),
            u64::try_from(edited).unwrap_or(0),
        ))
    }

    pub fn count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub fn get(&self, id: &str) -> Result<StoredEvent> {
        load_event(&self.conn, id)?.ok_or_else(|| Error::NotFound { id: id.to_owned() })
    }

    /// Adds a new user event. An empty id gets a fresh UUID v7.
    pub fn create(&mut self, mut event: Event) -> Result<StoredEvent> {
        if event.id.trim().is_empty() {
            event.id = uuid::Uuid::now_v7().to_string();
        }
        event.validate()?;
        let tx = self.write_tx()?;
        if exists(&tx, &event.id)? {
            return Err(Error::invalid(
                "id",
                format!("an event with id {:?} already exists", event.id),
            ));
        }
        let stamp = now();
        write_event(&tx, &event, Origin::User, false, &stamp, &stamp)?;
        tx.commit()?;
        self.get(&event.id)
    }

    /// Replaces an existing event. A shipped event becomes `edited`, so upgrades keep it.
    pub fn update(&mut self, event: Event) -> Result<StoredEvent> {
        event.validate()?;
        let tx = self.write_tx()?;
        let (origin, created_at): (String, String) = tx
            .query_row(
                "SELECT origin, created_at FROM events WHERE id = ?1",
                [&event.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                id: event.id.clone(),
            })?;
        let origin = parse_origin(&origin)?;
        write_event(
            &tx,
            &event,
            origin,
            origin == Origin::Dataset,
            &created_at,
            &now(),
        )?;
        tx.commit()?;
        self.get(&event.id)
    }

    /// Deletes an event. A shipped event is remembered as deleted so upgrades do not revive it.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        let tx = self.write_tx()?;
        if !remove_event_of(&tx, id)? {
            return Err(Error::NotFound { id: id.to_owned() });
        }
        tx.commit()?;
        Ok(())
    }

    /// Puts events back exactly as they were (origin, edited flag, timestamps), or removes
    /// them, in one transaction: how undo and redo replay a step. Each event must still be
    /// as the step left it (`expect`); if another writer changed one since, nothing is
    /// replayed and the error says which and why.
    pub fn replay(&mut self, changes: &[Replay<'_>]) -> Result<()> {
        self.replay_with_periods(changes, &[], true)
    }

    /// `replay`, also putting the step's periods on the side `back` says (before the step
    /// when true), all in the one transaction and under the same check.
    pub fn replay_with_periods(
        &mut self,
        changes: &[Replay<'_>],
        periods: &[crate::periods::PeriodChange],
        back: bool,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        crate::periods::replay(&tx, periods, back)?;
        for change in changes {
            let current = load_event(&tx, change.id)?;
            if current.as_ref() != change.expect {
                return Err(conflict(change, current.as_ref()));
            }
        }
        let mut pending = crate::search_index::Pending::new(&tx)?;
        for change in changes {
            let origin = change.expect.map(|e| e.origin);
            remove_event(&tx, change.id)?;
            match change.put {
                Some(s) => {
                    write_event_later(
                        &tx,
                        &s.event,
                        (s.origin, s.edited, &s.created_at, &s.updated_at),
                        &mut pending,
                    )?;
                    tx.execute("DELETE FROM dataset_tombstones WHERE id = ?1", [change.id])?;
                }
                None if origin == Some(Origin::Dataset) => {
                    tx.execute(
                        "INSERT OR IGNORE INTO dataset_tombstones (id) VALUES (?1)",
                        [change.id],
                    )?;
                }
                None => {}
            }
        }
        pending.fill(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// The version of the shipped dataset last brought into the store.
    pub fn dataset_version(&self) -> Result<Option<String>> {
        applied_version(&self.conn)
    }

    /// Brings the shipped dataset into the store. Runs only when `version` differs from the
    /// one last applied. Events the user created, edited or deleted are never touched; shipped
    /// events that a new release dropped are removed.
    pub fn sync_dataset(&mut self, events: &[Event], version: &str) -> Result<SyncReport> {
        let mut report = SyncReport::default();
        for (i, event) in events.iter().enumerate() {
            event
                .validate()
                .map_err(|e| e.within(&format!("dataset[{i}] ({})", event.id)))?;
        }
        let tx = self.write_tx()?;
        if applied_version(&tx)?.as_deref() == Some(version) {
            return Ok(report);
        }
        let stamp = now();
        let mut shipped = std::collections::HashSet::new();
        for event in events {
            shipped.insert(event.id.as_str());
            let current: Option<(String, bool, String)> = tx
                .query_row(
                    "SELECT origin, edited, created_at FROM events WHERE id = ?1",
                    [&event.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let tombstoned: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM dataset_tombstones WHERE id = ?1)",
                [&event.id],
                |r| r.get(0),
            )?;
            match current {
                _ if tombstoned => report.kept += 1,
                None => {
                    write_event(&tx, event, Origin::Dataset, false, &stamp, &stamp)?;
                    report.added += 1;
                }
                Some((origin, edited, _)) if origin != "dataset" || edited => report.kept += 1,
                Some((_, _, created_at)) => {
                    if load_event(&tx, &event.id)?.map(|s| s.event)
                        != Some(event.clone().normalized())
                    {
                        write_event(&tx, event, Origin::Dataset, false, &created_at, &stamp)?;
                        report.updated += 1;
                    }
                }
            }
        }
        let stale: Vec<String> = {
            let mut stmt =
                tx.prepare("SELECT id FROM events WHERE origin = 'dataset' AND edited = 0")?;
            let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
            ids.collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|id| !shipped.contains(id.as_str()))
                .collect()
        };
        for id in &stale {
            remove_event(&tx, id)?;
        }
        report.removed = stale.len();
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('dataset_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [version],
        )?;
        tx.commit()?;
        Ok(report)
    }
}

/// One event of an undo or redo step: what it must be now, and what it becomes.
#[derive(Debug, Clone, Copy)]
pub struct Replay<'a> {
    pub id: &'a str,
    /// The event as the step left it; `None` when the step left it deleted.
    pub expect: Option<&'a StoredEvent>,
    /// The event to put back; `None` to remove it.
    pub put: Option<&'a StoredEvent>,
}

fn conflict(change: &Replay<'_>, current: Option<&StoredEvent>) -> Error {
    let name = |s: &StoredEvent| crate::limits::excerpt(&s.event.title);
    Error::replay_conflict(
        change.id,
        change.expect.map(name),
        current.map(|now| (name(now), Some(now.updated_at.as_str()))),
    )
}

fn applied_version(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'dataset_version'",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// What a dataset sync changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    /// Shipped events left alone because the user created, edited or deleted them.
    pub kept: usize,
}

pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub(crate) fn parse_verification(text: &str, id: &str) -> Result<Verification> {
    Verification::parse(text)
        .ok_or_else(|| Error::Corrupt(format!("event {id:?} has unknown verification {text:?}")))
}

pub(crate) fn parse_origin(text: &str) -> Result<Origin> {
    Origin::parse(text).ok_or_else(|| Error::Corrupt(format!("unknown origin {text:?}")))
}

/// Deletes the event `id` inside `tx`, remembering a shipped one as deleted so upgrades do
/// not revive it; `false` when there is no such event.
pub(crate) fn remove_event_of(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    forget_event(tx, id, true)
}

/// Deletes as `remove_event_of` does, leaving the full-text index as it is: for a delete that
/// empties that index and fills it again from the events left.
pub(crate) fn remove_event_of_unindexed(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    forget_event(tx, id, false)
}

fn forget_event(tx: &Transaction<'_>, id: &str, unindex: bool) -> Result<bool> {
    let origin: Option<String> = tx
        .prepare_cached("SELECT origin FROM events WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let Some(origin) = origin else {
        return Ok(false);
    };
    if parse_origin(&origin)? == Origin::Dataset {
        tx.prepare_cached("INSERT OR IGNORE INTO dataset_tombstones (id) VALUES (?1)")?
            .execute([id])?;
    }
    if unindex {
        remove_event(tx, id)?;
    } else {
        tx.prepare_cached("DELETE FROM search_rows WHERE event_id = ?1")?
            .execute([id])?;
        tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
            .execute([id])?;
    }
    Ok(true)
}

fn remove_event(tx: &Transaction<'_>, id: &str) -> Result<()> {
    unindex_event(tx, id)?;
    tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

pub(crate) fn unindex_event(tx: &Transaction<'_>, id: &str) -> Result<()> {
    let row: Option<i64> = tx
        .prepare_cached("SELECT rowid FROM search_rows WHERE event_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(row) = row {
        tx.prepare_cached("DELETE FROM events_fts WHERE rowid = ?1")?
            .execute([row])?;
        tx.prepare_cached("DELETE FROM search_rows WHERE rowid = ?1")?
            .execute([row])?;
    }
    Ok(())
}

/// Writes the search row of an event, replacing any earlier one.
pub(crate) fn index_event(tx: &Transaction<'_>, event: &Event) -> Result<()> {
    unindex_event(tx, &event.id)?;
    let row = crate::search_key::insert_row(tx, &event.id)?;
    crate::search_index::fill_one(tx, row)
}

/// Replaces the search row of the event `id` (whose `events` row is written) by one keyed
/// for its significance and date now, indexed with the rest of `pending`. A write of many
/// events indexes them together, in key order: one at a time, in the order they were
/// changed, FTS5 writes a segment for nearly every row.
pub(crate) fn reindex_later(
    tx: &Transaction<'_>,
    id: &str,
    pending: &mut crate::search_index::Pending,
) -> Result<()> {
    unindex_event(tx, id)?;
    let row = crate::search_key::insert_row(tx, id)?;
    pending.add(tx, row)
}

pub(crate) fn write_event(
    tx: &Transaction<'_>,
    event: &Event,
    origin: Origin,
    edited: bool,
    created_at: &str,
    updated_at: &str,
) -> Result<()> {
    let event = write_stored_rows(tx, event, (origin, edited, created_at, updated_at))?;
    index_event(tx, &event)
}

/// `write_event` for a write of many events: the search row is indexed with `pending`.
pub(crate) fn write_event_later(
    tx: &Transaction<'_>,
    event: &Event,
    stamps: (Origin, bool, &str, &str),
    pending: &mut crate::search_index::Pending,
) -> Result<()> {
    let event = write_stored_rows(tx, event, stamps)?;
    reindex_later(tx, &event.id, pending)
}

/// Writes the rows of `event` in its stored form, with its origin, `edited` flag and stamps,
/// and answers that form: one stored form (trimmed text, normal URLs), whichever path the
/// event came by.
fn write_stored_rows(
    tx: &Transaction<'_>,
    event: &Event,
    stamps: (Origin, bool, &str, &str),
) -> Result<Event> {
    let (origin, edited, created_at, updated_at) = stamps;
    let event = event.clone().normalized();
    let rows = EventRows {
        origin,
        edited,
        created_at,
        updated_at,
        fresh: false,
    };
    write_event_rows(tx, &event, &rows, &mut ActorIds::new())?;
    Ok(event)
}

/// How an event's rows are written: its origin and stamps, and whether it is new to the
/// store (`fresh`: no rows of it exist, so there is nothing to delete first).
pub(crate) struct EventRows<'s> {
    pub origin: Origin,
    pub edited: bool,
    pub created_at: &'s str,
    pub updated_at: &'s str,
    pub fresh: bool,
}

/// The actor rows one transaction has already written or found, (name, side) → id: a long
/// import names the same few actors again and again, and need not look each one up again.
/// Each row's search text (name, Chinese name, pinyin, as the row holds them) is kept beside
/// it, so an import can index an event's text from what it wrote (`search_index::Batch`).
#[derive(Default)]
pub(crate) struct ActorIds {
    ids: std::collections::HashMap<(String, Side), i64>,
    texts: std::collections::HashMap<i64, String>,
    /// Actors whose Chinese name or pinyin changed after an event of this transaction was
    /// indexed with the text they had before.
    changed: std::collections::HashSet<i64>,
}

impl ActorIds {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// The id `actor` was written under in this transaction.
    pub(crate) fn id(&self, actor: &Actor) -> Option<i64> {
        self.ids
            .get(&(actor.name.trim().to_owned(), actor.side))
            .copied()
    }

    /// The search text of actor row `id`, as written in this transaction.
    pub(crate) fn text(&self, id: i64) -> &str {
        self.texts.get(&id).map_or("", String::as_str)
    }

    /// The actors whose search text changed after an event was indexed with them, forgotten.
    pub(crate) fn take_changed(&mut self) -> Vec<i64> {
        self.changed.drain().collect()
    }

    fn remember(&mut self, key: (String, Side), id: i64, text: String) {
        self.ids.insert(key, id);
        if self.texts.get(&id).is_some_and(|before| *before != text) {
            self.changed.insert(id);
        }
        self.texts.insert(id, text);
    }
}

/// An actor row's search text, as `search_index::fill_sql` makes it from the row.
fn actor_text(name: &str, name_zh: Option<&str>, pinyin: Option<&str>) -> String {
    let mut text = name.to_owned();
    for extra in [name_zh, pinyin].into_iter().flatten() {
        text.push(' ');
        text.push_str(extra);
    }
    text
}

/// The columns of an event's row that the maintained counts count it by, as written.
pub(crate) struct CountedColumns {
    pub first_day: i64,
    pub last_day: i64,
    pub kind: &'static str,
    pub origin: Origin,
    pub verification: &'static str,
    pub side_mask: i64,
}

impl CountedColumns {
    /// Those of `event` written with `origin`.
    fn of(event: &Event, origin: Origin) -> Self {
        Self {
            first_day: day_number(event.start.first_day()),
            last_day: day_number(event.end.unwrap_or(event.start).last_day()),
            kind: event.kind.as_str(),
            origin: origin.of_written(&event.id),
            verification: event.attested().as_str(),
            side_mask: crate::facet_cube::side_mask(&event.actors),
        }
    }
}

/// The rows of an event already `normalized()` (an import plan normalises each event once),
/// without its search row: statements are cached, so a long import prepares each once.
/// Answers the columns the maintained counts count the event by, as written.
pub(crate) fn write_event_rows(
    tx: &Transaction<'_>,
    event: &Event,
    rows: &EventRows<'_>,
    actor_ids: &mut ActorIds,
) -> Result<CountedColumns> {
    let EventRows {
        origin,
        edited,
        created_at,
        updated_at,
        fresh,
    } = *rows;
    let counted = CountedColumns::of(event, origin);
    // The rows hanging off the event go first, and the event is written with the side mask
    // of the actors it is about to get: the facet cube's triggers then count each new actor
    // and tag once, in the event's final cell, instead of moving every row each time a side
    // is added (migration 0014).
    if !fresh {
        for table in ["event_tags", "event_actors", "sources", "event_links"] {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE event_id = ?1"))?
                .execute([&event.id])?;
        }
    }
    tx.prepare_cached(
        "INSERT INTO events (id, title, summary, start_text, end_text, first_day, last_day, kind,
                             significance, location, origin, edited, created_at, updated_at,
                             title_zh, verification, lead_actor, source_count, side_mask)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19)
         ON CONFLICT (id) DO UPDATE SET side_mask = excluded.side_mask,
             lead_actor = excluded.lead_actor, source_count = excluded.source_count,
             title = excluded.title, summary = excluded.summary, start_text = excluded.start_text,
             title_zh = excluded.title_zh, verification = excluded.verification,
             end_text = excluded.end_text, first_day = excluded.first_day,
             last_day = excluded.last_day, kind = excluded.kind,
             significance = excluded.significance, location = excluded.location,
             origin = excluded.origin, edited = excluded.edited, updated_at = excluded.updated_at",
    )?
    .execute(params![
        event.id,
        event.title.trim(),
        event.summary.trim(),
        event.start.to_string(),
        event.end.map(|d| d.to_string()),
        counted.first_day,
        counted.last_day,
        counted.kind,
        counted.origin.significance(event.kind),
        event
            .location
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty()),
        counted.origin.as_str(),
        edited,
        created_at,
        updated_at,
        event.title_zh.as_deref(),
        counted.verification,
        lead_actor(&event.actors),
        i64::try_from(event.sources.len()).unwrap_or(i64::MAX),
        counted.side_mask,
    ])?;
    write_actors(tx, &event.id, &event.actors, actor_ids)?;
    write_tags(tx, &event.id, &event.tags)?;
    for (position, source) in (0_i64..).zip(&event.sources) {
        tx.prepare_cached(
            "INSERT INTO sources (event_id, position, url, title, publisher, published, quote,
                                  reported_date, reported_place, archived_url, archived_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            event.id,
            position,
            source.url.trim(),
            source.title.trim(),
            source.publisher.trim(),
            source.published.map(|d| d.to_string()),
            source
                .quote
                .as_deref()
                .map(str::trim)
                .filter(|q| !q.is_empty()),
            source.reported_date.map(|d| d.to_string()),
            source.reported_place.as_deref(),
            source.archived_url.as_deref(),
            source.archived_at.map(|d| d.to_string()),
        ])?;
    }
    write_links(tx, &event.id, &event.links)?;
    Ok(counted)
}

/// The name the table sorts an event's actors by: its first actor's, as the actor row stores it.
pub(crate) fn lead_actor(actors: &[Actor]) -> Option<&str> {
    actors.first().map(|a| a.name.trim())
}

/// The actor rows of event `id`, in order (its earlier rows already deleted). An actor is
/// found by (name, side), or added; a Chinese name or pinyin given adds to the stored actor.
pub(crate) fn write_actors(
    tx: &Transaction<'_>,
    id: &str,
    actors: &[Actor],
    actor_ids: &mut ActorIds,
) -> Result<()> {
    let mut ids = Vec::with_capacity(actors.len());
    for actor in actors {
        // A Chinese name or pinyin may add to the stored actor: those always go to the row.
        let known = if actor.name_zh.is_none() && actor.pinyin.is_none() {
            actor_ids.id(actor)
        } else {
            None
        };
        let actor_id: i64 = if let Some(found) = known {
            found
        } else {
            let (added, text): (i64, String) = tx
                .prepare_cached(
                    "INSERT INTO actors (name, side, name_zh, pinyin) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name, side) DO UPDATE SET
                     name_zh = coalesce(excluded.name_zh, name_zh),
                     pinyin = coalesce(excluded.pinyin, pinyin)
                 RETURNING id, name, name_zh, pinyin",
                )?
                .query_row(
                    params![
                        actor.name.trim(),
                        actor.side.as_str(),
                        actor.name_zh.as_deref(),
                        actor.pinyin.as_deref()
                    ],
                    |r| {
                        let name: String = r.get(1)?;
                        let name_zh: Option<String> = r.get(2)?;
                        let pinyin: Option<String> = r.get(3)?;
                        Ok((
                            r.get(0)?,
                            actor_text(&name, name_zh.as_deref(), pinyin.as_deref()),
                        ))
                    },
                )?;
            actor_ids.remember((actor.name.trim().to_owned(), actor.side), added, text);
            added
        };
        ids.push(actor_id);
    }
    // Names that differ only in spacing are one actor: it keeps its first place.
    let ids = first_of_each(ids);
    let values: Vec<&dyn ToSql> = ids.iter().map(|id| id as &dyn ToSql).collect();
    insert_child_rows(tx, ChildTable::Actors, id, &values)
}

/// The tag rows of event `id`, in order (its earlier rows already deleted).
pub(crate) fn write_tags(tx: &Transaction<'_>, id: &str, tags: &[String]) -> Result<()> {
    let tags = stored_tags(tags);
    let values: Vec<&dyn ToSql> = tags.iter().map(|t| t as &dyn ToSql).collect();
    insert_child_rows(tx, ChildTable::Tags, id, &values)
}

/// The tags as their rows keep them: trimmed, each once, in order. The search text of a bulk
/// write is made from them too (`search_index::columns`), so it says what the rows say.
pub(crate) fn stored_tags(tags: &[String]) -> Vec<&str> {
    first_of_each(tags.iter().map(|t| t.trim()))
}

/// Each item once, at its first place. An event has at most a few hundred actors or tags
/// (`limits`), so a scan of those kept beats hashing.
pub(crate) fn first_of_each<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    for item in items {
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

/// The tables of an event's actors and tags: its id, one value per row, and the row's position.
#[derive(Clone, Copy)]
enum ChildTable {
    Actors,
    Tags,
}

/// Rows one statement inserts at most.
const ROWS_AT_ONCE: usize = 8;

impl ChildTable {
    /// `INSERT` of `rows` rows (1 to `ROWS_AT_ONCE`), made once per count: `?1` the
    /// event id, then each row's value and position.
    fn insert_sql(self, rows: usize) -> &'static str {
        static SQL: std::sync::OnceLock<[Vec<String>; 2]> = std::sync::OnceLock::new();
        let all = SQL.get_or_init(|| {
            [("event_actors", "actor_id"), ("event_tags", "tag")].map(|(table, column)| {
                (1..=ROWS_AT_ONCE)
                    .map(|n| {
                        let values: Vec<String> = (0..n)
                            .map(|i| format!("(?1, ?{}, ?{})", 2 * i + 2, 2 * i + 3))
                            .collect();
                        format!(
                            "INSERT INTO {table} (event_id, {column}, position) VALUES {}",
                            values.join(", ")
                        )
                    })
                    .collect()
            })
        });
        &all[self as usize][rows - 1]
    }
}

/// Inserts one row per value for event `id`, in order, a few rows per statement: for each
/// statement SQLite binds, opens its cursors and journals once, which for one or two rows
/// cost more than the rows themselves.
fn insert_child_rows(
    tx: &Transaction<'_>,
    table: ChildTable,
    id: &str,
    values: &[&dyn ToSql],
) -> Result<()> {
    let positions: Vec<i64> = (0_i64..).take(values.len()).collect();
    for (chunk, positions) in values
        .chunks(ROWS_AT_ONCE)
        .zip(positions.chunks(ROWS_AT_ONCE))
    {
        let mut params: Vec<&dyn ToSql> = Vec::with_capacity(1 + 2 * chunk.len());
        params.push(&id);
        for (value, position) in chunk.iter().zip(positions) {
            params.push(*value);
            params.push(position);
        }
        tx.prepare_cached(table.insert_sql(chunk.len()))?
            .execute(params.as_slice())?;
    }
    Ok(())
}

/// The links an event states, in their order. Targets are not checked against `events`: an
/// import may bring the target later, and a deleted target leaves its links dangling.
fn write_links(tx: &Transaction<'_>, id: &str, links: &[Link]) -> Result<()> {
    for (position, link) in (0_i64..).zip(links) {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO event_links (event_id, relation, target_id, position)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            id,
            link.relation.as_str(),
            link.target.trim(),
            position
        ])?;
    }
    Ok(())
}

/// A link row as stored: relation text and target id.
pub(crate) type LinkRow = (String, String);

/// The link of a row, its relation parsed.
pub(crate) fn parse_link((relation, target): LinkRow, id: &str) -> Result<Link> {
    let relation = Relation::parse(&relation).ok_or_else(|| {
        Error::Corrupt(format!(
            "event {id:?} has a link of unknown relation {relation:?}"
        ))
    })?;
    Ok(Link { relation, target })
}

/// A stored date column of event `id`, parsed; a bad one is reported as damage, naming it.
pub(crate) fn parse_date(text: &str, id: &str) -> Result<PartialDate> {
    text.parse()
        .map_err(|e| Error::Corrupt(format!("event {id:?} has a bad date: {e}")))
}

/// The stored start and (optional) end of event `id`, parsed.
pub(crate) fn parse_dates(
    start: &str,
    end: Option<&str>,
    id: &str,
) -> Result<(PartialDate, Option<PartialDate>)> {
    Ok((
        parse_date(start, id)?,
        end.map(|t| parse_date(t, id)).transpose()?,
    ))
}

/// The stored kind of event `id`, parsed; an unknown one is reported as damage, naming it.
pub(crate) fn parse_kind(text: &str, id: &str) -> Result<Kind> {
    Kind::parse(text)
        .ok_or_else(|| Error::Corrupt(format!("event {id:?} has unknown kind {text:?}")))
}

/// The columns `row_to_event` reads, in order.
pub(crate) const EVENT_COLUMNS: &str = "id, title, summary, start_text, end_text, kind, location, \
     origin, edited, created_at, updated_at, title_zh, verification";

pub(crate) fn row_to_event(row: &Row<'_>) -> rusqlite::Result<RawEvent> {
    Ok(RawEvent {
        id: row.get(0)?,
        title: row.get(1)?,
        summary: row.get(2)?,
        start: row.get(3)?,
        end: row.get(4)?,
        kind: row.get(5)?,
        location: row.get(6)?,
        origin: row.get(7)?,
        edited: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        title_zh: row.get(11)?,
        verification: row.get(12)?,
    })
}

/// A row of `events` before its text columns are parsed and its children attached.
pub(crate) struct RawEvent {
    id: String,
    title: String,
    summary: String,
    start: String,
    end: Option<String>,
    kind: String,
    location: Option<String>,
    origin: String,
    edited: bool,
    created_at: String,
    updated_at: String,
    title_zh: Option<String>,
    /// As every write stores it (`Verification::of`), so a read need not work it out again.
    verification: String,
}

impl RawEvent {
    pub(crate) fn complete(self, conn: &Connection) -> Result<StoredEvent> {
        let children = Children::of(conn, &self.id)?;
        self.assemble(children)
    }

    /// The event with its children, its text columns parsed.
    pub(crate) fn assemble(self, children: Children) -> Result<StoredEvent> {
        let id = self.id;
        let kind = parse_kind(&self.kind, &id)?;
        let (start, end) = parse_dates(&self.start, self.end.as_deref(), &id)?;
        let actors = children
            .actors
            .into_iter()
            .map(parse_actor)
            .collect::<Result<Vec<_>>>()?;
        let sources = children
            .sources
            .into_iter()
            .map(|row| row.parse(&id))
            .collect::<Result<Vec<_>>>()?;
        let verification = Some(parse_verification(&self.verification, &id)?);
        let links = children
            .links
            .into_iter()
            .map(|row| parse_link(row, &id))
            .collect::<Result<Vec<_>>>()?;
        let event = Event {
            id,
            title: self.title,
            title_zh: self.title_zh,
            summary: self.summary,
            start,
            end,
            kind,
            actors,
            location: self.location,
            tags: children.tags,
            sources,
            verification,
            links,
        };
        let readouts = crate::verification::readouts(&event.sources).map(|(us, china)| Readouts {
            us: u32::try_from(us).unwrap_or(u32::MAX),
            china: u32::try_from(china).unwrap_or(u32::MAX),
        });
        Ok(StoredEvent {
            event,
            readouts,
            origin: parse_origin(&self.origin)?,
            edited: self.edited,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A source row as stored, its dates still text.
pub(crate) struct SourceRow {
    url: String,
    title: String,
    publisher: String,
    published: Option<String>,
    quote: Option<String>,
    reported_date: Option<String>,
    reported_place: Option<String>,
    archived_url: Option<String>,
    archived_at: Option<String>,
}

impl SourceRow {
    fn parse(self, id: &str) -> Result<Source> {
        let date = |text: Option<String>| text.as_deref().map(|t| parse_date(t, id)).transpose();
        Ok(Source {
            published: date(self.published)?,
            reported_date: date(self.reported_date)?,
            archived_at: date(self.archived_at)?,
            url: self.url,
            title: self.title,
            publisher: self.publisher,
            quote: self.quote,
            reported_place: self.reported_place,
            archived_url: self.archived_url,
        })
    }
}

/// The columns `source_row` reads, in order.
pub(crate) const SOURCE_COLUMNS: &str = "url, title, publisher, published, quote, reported_date, \
     reported_place, archived_url, archived_at";

/// An actor row: name, side, Chinese name, pinyin.
pub(crate) type ActorRow = (String, String, Option<String>, Option<String>);

/// The actor of a row, its side parsed.
pub(crate) fn parse_actor((name, side, name_zh, pinyin): ActorRow) -> Result<Actor> {
    let side = Side::parse(&side)
        .ok_or_else(|| Error::Corrupt(format!("actor {name:?} has unknown side {side:?}")))?;
    Ok(Actor {
        name,
        side,
        name_zh,
        pinyin,
    })
}

/// The actors, tags, sources and links of one event, in their order, as stored.
#[derive(Default)]
pub(crate) struct Children {
    actors: Vec<ActorRow>,
    tags: Vec<String>,
    sources: Vec<SourceRow>,
    links: Vec<LinkRow>,
}

fn source_row(r: &Row<'_>, at: usize) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        url: r.get(at)?,
        title: r.get(at + 1)?,
        publisher: r.get(at + 2)?,
        published: r.get(at + 3)?,
        quote: r.get(at + 4)?,
        reported_date: r.get(at + 5)?,
        reported_place: r.get(at + 6)?,
        archived_url: r.get(at + 7)?,
        archived_at: r.get(at + 8)?,
    })
}

impl Children {
    fn of(conn: &Connection, id: &str) -> Result<Self> {
        let mut stmt = conn.prepare_cached(
            "SELECT a.name, a.side, a.name_zh, a.pinyin FROM event_actors ea
             JOIN actors a ON a.id = ea.actor_id
             WHERE ea.event_id = ?1 ORDER BY ea.position",
        )?;
        let actors = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn
            .prepare_cached("SELECT tag FROM event_tags WHERE event_id = ?1 ORDER BY position")?;
        let tags = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources WHERE event_id = ?1 ORDER BY position"
        ))?;
        let sources = stmt
            .query_map([id], |r| source_row(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT relation, target_id FROM event_links WHERE event_id = ?1 ORDER BY position",
        )?;
        let links = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Self {
            actors,
            tags,
            sources,
            links,
        })
    }
}

pub(crate) fn load_event(conn: &Connection, id: &str) -> Result<Option<StoredEvent>> {
    let raw = conn
        .prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"))?
        .query_row([id], row_to_event)
        .optional()?;
    raw.map(|r| r.complete(conn)).transpose()
}

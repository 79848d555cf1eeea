//! Automatic backups: a copy of the whole database, taken through SQLite's online backup API
//! before anything that could lose the user's work (a dataset upgrade, a large import, a
//! restore), kept in a `backups/` folder beside the database file.
//!
//! A backup is named `bilateral-<UTC time>-<reason>.db` (`-2.db`, `-3.db`… when several are
//! taken in the same second). It is written under a `.partial` name and renamed into place
//! only once complete, so a crash never leaves a half backup that looks whole. Only the
//! newest `KEEP` files with our name are kept; nothing else in the folder is ever touched.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use rusqlite::backup::{Backup as Copier, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::identity::{identify, plain_io, plain_sqlite, read_only_connection, Identity};
use crate::import::ImportPreview;
use crate::store::{committed_reader, Store, BUSY_TIMEOUT};

/// How many backups are kept; taking one more deletes the oldest.
pub const KEEP: usize = 5;

/// The folder, beside the database file, that holds the backups.
pub const FOLDER: &str = "backups";

/// An import into a store that holds events needs a backup first when it would create more
/// than this many events. Any import that changes a stored event needs one too: those
/// changes are not undone by deleting what was added. Up to this many additions (and no
/// change) is what Undo takes back easily, so it is not worth pushing an older backup out.
pub const IMPORT_NEW_WITHOUT_BACKUP: usize = 10;

const PREFIX: &str = "bilateral-";
const SUFFIX: &str = ".db";
const PARTIAL: &str = ".partial";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
/// `YYYYMMDDTHHMMSSZ`
const STAMP_LEN: usize = 16;

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename = "BackupReason")]
pub enum Reason {
    BeforeImport,
    BeforeUpgrade,
    BeforeRestore,
    /// A delete too large to undo (`bulk_delete`).
    BeforeDelete,
}

impl Reason {
    pub const ALL: [Reason; 4] = [
        Reason::BeforeImport,
        Reason::BeforeUpgrade,
        Reason::BeforeRestore,
        Reason::BeforeDelete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::BeforeImport => "before-import",
            Reason::BeforeUpgrade => "before-upgrade",
            Reason::BeforeRestore => "before-restore",
            Reason::BeforeDelete => "before-delete",
        }
    }
}

/// One backup file, as listed for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Backup {
    /// The file name in the backups folder: what a restore asks for.
    pub name: String,
    /// When it was taken: UTC, RFC 3339 (`2026-12-01T20:15:00Z`).
    pub taken_at: String,
    pub reason: Reason,
    /// Size of the file in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
    /// How many events it holds; `None` when it cannot be read.
    pub events: Option<u32>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Restored {
    /// Events in the database now.
    pub events: u32,
    /// The backup of the state just replaced; `None` for an in-memory store.
    pub saved: Option<Backup>,
}

/// What a backup's file name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Name {
    taken: NaiveDateTime,
    /// 1 for the first backup of its second, then 2, 3…
    sequence: u32,
    reason: Reason,
}

impl Name {
    fn file_name(&self) -> String {
        let stamp = self.taken.format(STAMP);
        let reason = self.reason.as_str();
        match self.sequence {
            1 => format!("{PREFIX}{stamp}-{reason}{SUFFIX}"),
            n => format!("{PREFIX}{stamp}-{reason}-{n}{SUFFIX}"),
        }
    }

    /// Reads a file name of ours; anything else (other files, `.partial` leftovers) is `None`.
    fn parse(file_name: &str) -> Option<Self> {
        let rest = file_name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
        let stamp = rest.get(..STAMP_LEN)?;
        let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
        let rest = rest.get(STAMP_LEN..)?.strip_prefix('-')?;
        Reason::ALL.into_iter().find_map(|reason| {
            let after = rest.strip_prefix(reason.as_str())?;
            let sequence = match after.strip_prefix('-') {
                None if after.is_empty() => 1,
                None => return None,
                Some(n) => n.parse::<u32>().ok()?,
            };
            let name = Self {
                taken,
                sequence,
                reason,
            };
            // One spelling per backup: no `-1`, no leading zeros, no `+2`.
            (name.file_name() == file_name).then_some(name)
        })
    }
}

/// Whether `file_name` is the name of one of our backups.
pub fn is_backup_name(file_name: &str) -> bool {
    Name::parse(file_name).is_some()
}

/// The backups folder of a store on disk; `None` in memory.
pub fn folder(store: &Store) -> Option<PathBuf> {
    store.path().map(folder_beside)
}

/// The backups folder of the database at `path`.
fn folder_beside(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    dir.join(FOLDER)
}

fn backup_error(path: &Path, message: String) -> Error {
    Error::Backup {
        path: path.display().to_string(),
        message,
    }
}

/// Copies the store into a new backup, then deletes the oldest beyond `KEEP`. `None` for an
/// in-memory store, which has nowhere to keep one.
pub fn take(store: &Store, reason: Reason) -> Result<Option<Backup>> {
    let Some(dir) = folder(store) else {
        return Ok(None);
    };
    let backup = write(store.conn(), &dir, reason)?;
    prune(&dir);
    Ok(Some(backup))
}

/// The backups of a store, newest first; none for an in-memory store or before the first.
pub fn list(store: &Store) -> Result<Vec<Backup>> {
    let Some(dir) = folder(store) else {
        return Ok(Vec::new());
    };
    ours(&dir)?
        .into_iter()
        .map(|(name, path)| describe(&name, &path))
        .collect()
}

/// The path of the backup called `name` in the store's backups folder. Only our own names
/// are accepted, so a name can never reach outside the folder.
pub fn find(store: &Store, name: &str) -> Result<PathBuf> {
    let not_found = |message: String| Error::Backup {
        path: name.to_owned(),
        message,
    };
    let dir = folder(store)
        .ok_or_else(|| not_found("this database is in memory and has no backups".to_owned()))?;
    if !is_backup_name(name) {
        return Err(not_found(format!(
            "{} is not the name of a Bilateral backup",
            crate::limits::excerpt(name)
        )));
    }
    let path = dir.join(name);
    if !path.is_file() {
        return Err(not_found(format!(
            "there is no backup called {name} in {}",
            dir.display()
        )));
    }
    Ok(path)
}

/// Whether an import that `preview` describes needs a backup first: see
/// `IMPORT_NEW_WITHOUT_BACKUP`. An empty store has nothing to lose.
pub fn import_needs_backup(stored_events: u64, preview: &ImportPreview) -> bool {
    stored_events > 0 && (preview.updated > 0 || preview.new > IMPORT_NEW_WITHOUT_BACKUP)
}

/// Takes the backup an import needs (if it needs one) before it writes. A backup that fails
/// stops the import: the caller must not write without it.
pub fn before_import(store: &Store, preview: &ImportPreview) -> Result<Option<Backup>> {
    if !import_needs_backup(store.count()?, preview) {
        return Ok(None);
    }
    take(store, Reason::BeforeImport).map_err(nothing_imported)
}

/// The backup an import needs, taken while the import holds its changes uncommitted: the
/// database at `path` as last committed, read through a connection of its own, is the
/// store as it was before the import.
pub(crate) fn before_uncommitted_import(path: &Path) -> Result<Backup> {
    before_uncommitted(path, Reason::BeforeImport)
}

/// The backup a write of `reason` needs, taken while it holds its changes uncommitted (see
/// `before_uncommitted_import`). A backup that fails says that nothing was written.
pub(crate) fn before_uncommitted(path: &Path, reason: Reason) -> Result<Backup> {
    let taken = committed_reader(path).and_then(|conn| {
        let dir = folder_beside(path);
        let backup = write(&conn, &dir, reason)?;
        prune(&dir);
        Ok(backup)
    });
    taken.map_err(|e| nothing_written(e, reason))
}

/// A backup's failure as the reason an import wrote nothing.
fn nothing_imported(e: Error) -> Error {
    nothing_written(e, Reason::BeforeImport)
}

/// A backup's failure as the reason the write it was taken for wrote nothing.
fn nothing_written(e: Error, reason: Reason) -> Error {
    let (write, done) = match reason {
        Reason::BeforeDelete => ("the delete", "nothing was deleted"),
        Reason::BeforeRestore => ("the restore", "nothing was restored"),
        Reason::BeforeUpgrade => ("the upgrade", "nothing was upgraded"),
        Reason::BeforeImport => ("the import", "nothing was imported"),
    };
    match e {
        Error::Backup { path, message } => Error::Backup {
            path,
            message: format!("{message}; so that nothing is lost, {done}"),
        },
        other => Error::Backup {
            path: String::new(),
            message: format!(
                "no backup could be taken before {write} ({other}); so that nothing is \
                 lost, {done}"
            ),
        },
    }
}

/// Replaces the store's content with the backup at `source`, after checking that it is a
/// sound Bilateral database and saving the current state as a `before-restore` backup. The
/// copy goes through the store's own connection, so the store stays usable; on any failure
/// the store is left as it was.
pub fn restore(store: &mut Store, source: &Path) -> Result<Restored> {
    let refuse = |message: String| backup_error(source, message);
    if let Some(live) = store.path() {
        let same = std::fs::canonicalize(live).ok() == std::fs::canonicalize(source).ok();
        if same {
            return Err(refuse(
                "this is the open database itself, not a backup; nothing was restored".to_owned(),
            ));
        }
    }
    match identify(source)? {
        Identity::Ours { .. } => {}
        Identity::Empty => {
            return Err(refuse(format!(
                "{} is empty or missing, not a Bilateral backup; nothing was restored",
                source.display()
            )))
        }
    }
    let from = read_only_connection(source).map_err(|e| refuse(plain_sqlite(&e)))?;
    check_integrity(&from).map_err(|problem| {
        refuse(format!(
            "{} is damaged ({problem}); nothing was restored",
            source.display()
        ))
    })?;
    // The current state first: a restore that turns out to be the wrong one can be undone.
    let saved = match folder(store) {
        Some(dir) => Some(write(store.conn(), &dir, Reason::BeforeRestore)?),
        None => None,
    };
    copy(&from, store.conn_mut()).map_err(|e| {
        refuse(format!(
            "copying the backup failed ({}); the database was left as it was",
            plain_sqlite(&e)
        ))
    })?;
    drop(from);
    // A backup from an older release gets this release's schema, like an opened file.
    store.prepare_restored()?;
    // The restored log of changed events is not the one copies of the data were read from.
    crate::facet_index::new_epoch(store.conn())?;
    if let Some(dir) = folder(store) {
        prune(&dir);
    }
    Ok(Restored {
        events: u32::try_from(store.count()?).unwrap_or(u32::MAX),
        saved,
    })
}

/// `PRAGMA integrity_check`: `Ok` when SQLite answers "ok", else the first problems it names.
fn check_integrity(conn: &Connection) -> std::result::Result<(), String> {
    let answer: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect());
    match answer {
        Ok(lines) if lines == ["ok"] => Ok(()),
        Ok(lines) => Err(crate::limits::excerpt(&lines.join("; "))),
        Err(e) => Err(plain_sqlite(&e)),
    }
}

/// Copies every page of `from` into `to` through the online backup API. SQLite does it in
/// one write transaction on `to`: it holds all of `from` or stays as it was. Another
/// connection's write lock is waited for up to `BUSY_TIMEOUT`.
fn copy(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let copier = Copier::new(from, to)?;
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match copier.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            // Busy or locked (the enum is non-exhaustive): wait for the other writer.
            _ if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("another program kept the database locked".to_owned()),
                ))
            }
        }
    }
}

/// Writes a new backup of `conn` into `dir` (created if missing), without pruning.
fn write(conn: &Connection, dir: &Path, reason: Reason) -> Result<Backup> {
    let failed = |message: String| {
        backup_error(
            dir,
            format!("could not write a backup in {}: {message}", dir.display()),
        )
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(plain_io(&e)))?;
    let (name, partial) = reserve(dir, reason).map_err(|e| failed(plain_io(&e)))?;
    let done = dir.join(name.file_name());
    let result = fill(conn, &partial)
        .map_err(|e| failed(plain_sqlite(&e)))
        .and_then(|()| {
            // Durable before it gets its real name, and the name durable after.
            sync_file(&partial)
                .and_then(|()| std::fs::rename(&partial, &done))
                .and_then(|()| sync_dir(dir))
                .map_err(|e| failed(plain_io(&e)))
        });
    if let Err(e) = result {
        remove_partial(&partial);
        return Err(e);
    }
    describe(&name, &done)
}

/// Picks the next free name for a backup taken now and creates its `.partial` file, so two
/// writers (the app and the CLI) never pick the same one.
fn reserve(dir: &Path, reason: Reason) -> std::io::Result<(Name, PathBuf)> {
    // Whole seconds, as the name has them, so names sort as their times do.
    let now = Utc::now().naive_utc();
    let taken = chrono::Timelike::with_nanosecond(&now, 0).unwrap_or(now);
    let existing: Vec<Name> = ours(dir)
        .map(|all| all.into_iter().map(|(n, _)| n).collect())
        .unwrap_or_default();
    let mut sequence = existing
        .iter()
        .filter(|n| n.taken == taken)
        .map(|n| n.sequence + 1)
        .max()
        .unwrap_or(1);
    loop {
        let name = Name {
            taken,
            sequence,
            reason,
        };
        let file_name = name.file_name();
        let partial = dir.join(format!("{file_name}{PARTIAL}"));
        if !dir.join(&file_name).exists() {
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&partial)
            {
                Ok(_) => return Ok((name, partial)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        sequence += 1;
    }
}

/// Copies `conn` into the empty file at `partial` and leaves it a self-contained database
/// (rollback journal, not WAL), readable without side files.
fn fill(conn: &Connection, partial: &Path) -> rusqlite::Result<()> {
    let mut dest = Connection::open_with_flags(
        partial,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    copy(conn, &mut dest)?;
    // The copied header says WAL, like the live database; a backup is read alone.
    let _mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dest.close().map_err(|(_, e)| e)
}

fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()
}

/// Makes a rename in `dir` durable. Windows cannot open a folder as a file, and does not
/// need to.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    if cfg!(windows) {
        return Ok(());
    }
    std::fs::File::open(dir)?.sync_all()
}

/// Removes a backup that failed half way, and whatever SQLite left beside it.
fn remove_partial(partial: &Path) {
    for side in ["", "-journal", "-wal", "-shm"] {
        let mut path = partial.as_os_str().to_owned();
        path.push(side);
        // Best effort: a leftover `.partial` is never listed nor restored.
        let _ = std::fs::remove_file(PathBuf::from(path));
    }
}

/// Deletes our backups beyond the newest `KEEP`. Best effort: a backup that cannot be
/// deleted now is deleted next time, and must not fail the write it protected.
fn prune(dir: &Path) {
    if let Ok(all) = ours(dir) {
        for (_, path) in all.into_iter().skip(KEEP) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Our backups in `dir`, newest first. A missing folder has none.
fn ours(dir: &Path) -> Result<Vec<(Name, PathBuf)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(backup_error(dir, plain_io(&e))),
    };
    let mut found: Vec<(Name, PathBuf)> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let name = Name::parse(entry.file_name().to_str()?)?;
            Some((name, entry.path()))
        })
        .collect();
    found.sort_by_key(|(name, _)| std::cmp::Reverse(*name));
    Ok(found)
}

fn describe(name: &Name, path: &Path) -> Result<Backup> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| backup_error(path, plain_io(&e)))?
        .len();
    Ok(Backup {
        name: name.file_name(),
        taken_at: DateTime::<Utc>::from_naive_utc_and_offset(name.taken, Utc)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        reason: name.reason,
        bytes,
        events: count_events(path),
    })
}

/// Cheap for a backup (one table count); `None` when the file cannot be read as ours.
fn count_events(path: &Path) -> Option<u32> {
    let conn = read_only_connection(path).ok()?;
    let n: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .ok()?;
    u32::try_from(n).ok()
}

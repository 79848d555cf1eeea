//! Whose file is this? Answered by reading, never writing: the SQLite header, then the
//! `application_id` and schema version through a read-only connection. Only a file that
//! is ours (or nothing at all) may be opened for writing.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};

/// Written into every Bilateral database's header (`PRAGMA application_id`): "BLTR".
pub const APPLICATION_ID: i32 = 0x424C_5452;

/// Tables that only a Bilateral database has, to recognise files made before the header
/// carried our application id.
const OUR_TABLES: [&str; 5] = ["events", "actors", "sources", "meta", "dataset_tombstones"];

/// What is at a database path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// Nothing yet (no file, an empty file, or an empty SQLite database): ours to create.
    Empty,
    /// A Bilateral database at this schema version.
    Ours { version: usize },
}

/// The schema version this build writes.
pub fn latest_version() -> usize {
    crate::store::MIGRATION_COUNT
}

/// Identifies the file at `path` without writing to it, or says in plain words why it is
/// not one Bilateral may open.
pub fn identify(path: &Path) -> Result<Identity> {
    let fail = |message: String| Error::Open {
        path: path.display().to_string(),
        message,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Identity::Empty),
        Err(e) => return Err(fail(plain_io(&e))),
    };
    if meta.is_dir() {
        return Err(fail("this is a folder, not a database file".to_owned()));
    }
    if meta.len() == 0 {
        return Ok(Identity::Empty);
    }
    let mut header = [0_u8; 100];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => fail(format!(
                "the file is not a Bilateral database: at {} bytes it is too short to be any \
                 database",
                meta.len()
            )),
            _ => fail(plain_io(&e)),
        });
    read?;
    if &header[..16] != b"SQLite format 3\0" {
        return Err(fail(
            "the file is not a Bilateral database (it is not an SQLite database at all)".to_owned(),
        ));
    }
    check_length(&header, meta.len(), path).map_err(fail)?;
    let be32 = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let header_id = be32(68);
    if header_id != 0 && header_id != APPLICATION_ID {
        return Err(foreign(path, header_id));
    }

    let conn = read_only_connection(path).map_err(|e| fail(plain_sqlite(&e)))?;
    let read_header = |pragma: &str| -> Result<i64> {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .map_err(|e| fail(plain_sqlite(&e)))
    };
    let application_id = read_header("application_id")?;
    let version = usize::try_from(read_header("user_version")?).unwrap_or(usize::MAX);
    let tables = table_names(&conn).map_err(|e| fail(plain_sqlite(&e)))?;

    if application_id == i64::from(APPLICATION_ID) {
        return ours(path, version);
    }
    if application_id != 0 {
        return Err(foreign(path, i32::try_from(application_id).unwrap_or(-1)));
    }
    if tables.is_empty() && version == 0 {
        return Ok(Identity::Empty);
    }
    if version >= 1 && OUR_TABLES.iter().all(|t| tables.iter().any(|n| n == t)) {
        return ours(path, version);
    }
    let mut names: Vec<&str> = tables.iter().map(String::as_str).take(3).collect();
    if tables.len() > 3 {
        names.push("…");
    }
    Err(Error::Foreign {
        path: path.display().to_string(),
        message: format!(
            "it is another program's database (its tables are {})",
            crate::limits::excerpt(&names.join(", "))
        ),
    })
}

fn foreign(path: &Path, application_id: i32) -> Error {
    Error::Foreign {
        path: path.display().to_string(),
        message: format!(
            "it belongs to another program (its application id is {application_id:#010x})"
        ),
    }
}

/// A connection that reads without leaving anything behind. Without a WAL file beside it the
/// main file holds the whole database, so it is opened `immutable`: SQLite then creates no
/// `-wal` or `-shm` file next to someone else's data. With one, SQLite must read it.
pub(crate) fn read_only_connection(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if !wal_beside(path) {
        let uri = std::fs::canonicalize(path)
            .ok()
            .and_then(|p| url::Url::from_file_path(p).ok());
        if let Some(mut uri) = uri {
            uri.set_query(Some("immutable=1"));
            return Connection::open_with_flags(uri.as_str(), flags | OpenFlags::SQLITE_OPEN_URI);
        }
    }
    Connection::open_with_flags(path, flags)
}

fn wal_beside(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0)
}

fn ours(path: &Path, version: usize) -> Result<Identity> {
    if version > latest_version() {
        return Err(Error::TooNew {
            path: path.display().to_string(),
            found: version,
            supported: latest_version(),
        });
    }
    Ok(Identity::Ours { version })
}

/// A file shorter than the page count its header records has lost its end. The count is
/// only trusted when the header says it is current, and a WAL file may hold the rest.
fn check_length(header: &[u8; 100], len: u64, path: &Path) -> std::result::Result<(), String> {
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    let current = be32(24) == be32(92);
    if current && !wal_beside(path) && pages > 0 && len < pages * page_size {
        return Err(format!(
            "the database is damaged: it is cut short ({len} of {} bytes)",
            pages * page_size
        ));
    }
    Ok(())
}

fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    names.collect()
}

/// What a failed file operation means, for someone who is not a programmer.
pub(crate) fn plain_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "Bilateral is not allowed to read this file or its folder".to_owned()
        }
        std::io::ErrorKind::NotFound => "there is no file here".to_owned(),
        _ => error.to_string(),
    }
}

/// What an SQLite failure while opening means, in plain words.
pub(crate) fn plain_sqlite(error: &rusqlite::Error) -> String {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            "the file is not a Bilateral database (SQLite cannot read it as a database)".to_owned()
        }
        Some(ErrorCode::DatabaseCorrupt) => "the database is damaged".to_owned(),
        Some(ErrorCode::ReadOnly) => {
            "the database or its folder is read-only, so Bilateral cannot save changes to it"
                .to_owned()
        }
        Some(ErrorCode::CannotOpen) => {
            "the file cannot be opened (check that its folder exists and can be written)".to_owned()
        }
        Some(ErrorCode::PermissionDenied) => {
            "Bilateral is not allowed to open this file".to_owned()
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another program is holding the database locked".to_owned()
        }
        _ => error.to_string(),
    }
}

/// Why a database could not be opened, for the app's start-up screen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct OpenProblem {
    /// The database Bilateral tried to open.
    pub path: String,
    /// `foreign`, `too_new`, `open`, …: what the screen offers depends on it.
    pub code: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl OpenProblem {
    pub fn new(path: &Path, error: &Error) -> Self {
        Self {
            path: path.display().to_string(),
            code: error.code().to_owned(),
            message: error.to_string(),
        }
    }
}

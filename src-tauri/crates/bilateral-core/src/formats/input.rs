//! An input's bytes, read with a ceiling: at most `limits::MAX_IMPORT_BYTES` for an import
//! (`limits::MAX_ARTICLE_BYTES` for an article), so an endless input (`/dev/zero`, a pipe that
//! never closes) or a huge file fails with a clear error instead of reading until memory runs
//! out.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::error::{Error, Result};
use crate::limits::{MAX_ARTICLE_BYTES, MAX_IMPORT_BYTES};

/// How much a reader takes, and how its error names that limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ceiling {
    pub bytes: u64,
    /// Completes "the file is larger than 5 MiB, …".
    pub what: &'static str,
}

/// What an import reads.
pub const IMPORT: Ceiling = Ceiling {
    bytes: MAX_IMPORT_BYTES,
    what: "the most an import reads",
};

/// What an article extraction reads.
pub const ARTICLE: Ceiling = Ceiling {
    bytes: MAX_ARTICLE_BYTES,
    what: "the most Bilateral reads as one article",
};

/// The bytes of the file at `path`, at most `MAX_IMPORT_BYTES`. A regular file known to be
/// larger fails before any byte is read.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    read_file_within(path, IMPORT)
}

/// The bytes of the file at `path`, at most `ceiling.bytes`. A regular file known to be
/// larger fails before any byte is read.
pub fn read_file_within(path: &Path, ceiling: Ceiling) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let failed = |e: io::Error| read_error(&name, &e);
    let file = File::open(path).map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    if meta.is_file() && meta.len() > ceiling.bytes {
        return Err(too_large(&name, ceiling));
    }
    read_within(file, &name, ceiling)
}

/// All of `reader` (standard input, a pipe), at most `MAX_IMPORT_BYTES`; `name` names it in
/// the error.
pub fn read_limited(reader: impl Read, name: &str) -> Result<Vec<u8>> {
    read_within(reader, name, IMPORT)
}

/// All of `reader`, failing once it gives more than `limit` bytes. `read_limited` with the
/// limit as a parameter, so a test can use a small one.
pub fn read_at_most(reader: impl Read, name: &str, limit: u64) -> Result<Vec<u8>> {
    read_within(
        reader,
        name,
        Ceiling {
            bytes: limit,
            ..IMPORT
        },
    )
}

/// All of `reader`, failing once it gives more than `ceiling.bytes`.
pub fn read_within(reader: impl Read, name: &str, ceiling: Ceiling) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    // One byte past the limit tells "exactly at the limit" from "more".
    reader
        .take(ceiling.bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(name, &e))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > ceiling.bytes {
        return Err(too_large(name, ceiling));
    }
    Ok(bytes)
}

fn read_error(name: &str, error: &io::Error) -> Error {
    Error::Read {
        path: name.to_owned(),
        message: error.to_string(),
    }
}

fn too_large(name: &str, ceiling: Ceiling) -> Error {
    Error::Read {
        path: name.to_owned(),
        message: format!(
            "the file is larger than {}, {}",
            size_text(ceiling.bytes),
            ceiling.what
        ),
    }
}

/// `1 GiB`, `64 KiB`, `100 bytes`: the largest binary unit that divides the size exactly.
fn size_text(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    UNITS
        .iter()
        .find(|(unit, _)| bytes >= *unit && bytes % unit == 0)
        .map(|(unit, name)| format!("{} {name}", bytes / unit))
        .unwrap_or_else(|| format!("{bytes} bytes"))
}

//! GDELT exports as they are downloaded: one file or many, each plain (`.export.CSV`) or
//! zipped as GDELT publishes it (`.export.CSV.zip`, read in place without unzipping; the
//! GDELT 1.0 historical backfile's `1979.zip` holds `1979.csv`). A month of exports is some
//! 2,900 files, so an import takes as many as the user chooses and reads them as one: the
//! US–China rows of all of them, their tallies added up.
//!
//! Each file streams line by line through `gdelt::read_from`; only the rows it keeps are
//! held. An archive may hold several exports (read in name order) but nothing else: any
//! other file in it is refused by name rather than skipped unseen (only the metadata macOS
//! adds when it zips a folder is passed over).

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::gdelt::{self, Reading};
use super::parsed::Rejected;
use crate::error::{Error, Result};

/// What a zip archive starts with: a file's header, or the end of an empty archive's
/// directory, or a spanned archive's marker.
const ZIP_STARTS: [&[u8; 4]; 3] = [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"];

/// Whether `name` is that of a GDELT export, zipped or not.
pub fn is_export_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    gdelt::is_export_name(lower.strip_suffix(".zip").unwrap_or(&lower))
}

/// Whether `name` is that of a zip archive, which only GDELT exports are read from.
pub fn is_zip_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

/// Whether a file named `name` is read as GDELT exports: an export, zipped or not, or any
/// zip archive (only exports are read from one, and its reader refuses anything else).
pub fn is_read_as_gdelt(name: &str) -> bool {
    is_export_file(name) || is_zip_name(name)
}

/// Whether the file at `path` is read as GDELT event files: by its name (`is_read_as_gdelt`),
/// or by its first line when the name does not say (the GDELT 1.0 backfile unzipped is
/// `1979.csv`, and the project's cloud copies are not zipped). Only a regular file's content
/// is looked at: reading the start of a pipe would take it from the import.
pub fn is_gdelt_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    is_read_as_gdelt(&name) || starts_as_gdelt(path)
}

fn starts_as_gdelt(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::new();
    let limit = u64::try_from(gdelt::MAX_LINE_BYTES).unwrap_or(u64::MAX);
    File::open(path)
        .and_then(|file| file.take(limit).read_to_end(&mut head))
        .is_ok_and(|_| gdelt::looks_like(&String::from_utf8_lossy(&head)))
}

/// What macOS adds when it zips a folder: a copy of each file's resource fork under
/// `__MACOSX/`, named `._<file>`. Not data; skipped rather than read as rows.
fn is_finder_metadata(entry: &str) -> bool {
    entry.starts_with("__MACOSX/")
        || entry
            .rsplit('/')
            .next()
            .is_some_and(|name| name.starts_with("._"))
}

/// Reads the GDELT export at `path`, plain or zipped. Messages name the file as the user
/// knows it (`…export.CSV.zip/…export.CSV` for an export inside an archive).
pub fn read_file(path: &Path) -> Result<Reading> {
    read_file_watched(path, &mut |_| true)?.ok_or(Error::Cancelled)
}

/// `read_file`, telling `progress` how many lines it has read (every few thousand, across an
/// archive's exports); `None` when `progress` said no (the reading stops there).
pub fn read_file_watched(
    path: &Path,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Option<Reading>> {
    let name = path.display().to_string();
    let failed = |e: std::io::Error| Error::Read {
        path: name.clone(),
        message: e.to_string(),
    };
    let mut file = File::open(path).map_err(failed)?;
    let mut magic = Vec::with_capacity(4);
    (&mut file)
        .take(4)
        .read_to_end(&mut magic)
        .map_err(failed)?;
    file.seek(SeekFrom::Start(0)).map_err(failed)?;
    if is_zip_name(&name) || ZIP_STARTS.iter().any(|start| magic == *start) {
        return read_archive(file, &name, progress);
    }
    // Bounded by the rows it holds (`MAX_GDELT_ROWS_HELD`), not by its size.
    gdelt::read_from_watched(BufReader::new(file), &name, progress)
}

/// Reads every file at `paths` as one GDELT import: rows in the order of the files, tallies
/// added up. An event in more than one file (the same export chosen twice, zipped and
/// unzipped) is kept once, from the first, and counted in `Tally::repeated`. With more than
/// one file, each rejected row's message names its file, since its line number alone
/// would not say which.
pub fn read_files(paths: &[PathBuf]) -> Result<Reading> {
    read_files_watched(paths, |_, _| true)?.ok_or(Error::Cancelled)
}

/// `read_files`, telling `progress` the lines read in all and the files read, every few
/// thousand lines and after each file; `None` when `progress` said no (the reading stops
/// there).
pub fn read_files_watched(
    paths: &[PathBuf],
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<Option<Reading>> {
    let mut all = Reading::default();
    let mut seen = HashSet::new();
    let mut lines_before = 0;
    for (done, path) in paths.iter().enumerate() {
        let mut within = |lines: usize| progress(lines_before + lines, done);
        let Some(reading) = read_file_watched(path, &mut within)? else {
            return Ok(None);
        };
        lines_before += reading.tally.rows;
        add(
            &mut all,
            reading,
            &mut seen,
            (paths.len() > 1).then_some(path.as_path()),
        );
        all.check_held(&path.display().to_string())?;
        if !progress(lines_before, done + 1) {
            return Ok(None);
        }
    }
    all.parsed.format = Some(super::Format::Gdelt);
    Ok(Some(all))
}

/// Adds `reading` (of the file `from`, when several are read) to `all`.
fn add(all: &mut Reading, reading: Reading, seen: &mut HashSet<String>, from: Option<&Path>) {
    let Reading { parsed, tally } = reading;
    all.tally.files += tally.files;
    all.tally.rows += tally.rows;
    all.tally.elsewhere += tally.elsewhere;
    all.tally.sources_left_out += tally.sources_left_out;
    all.tally.from_backfile += tally.from_backfile;
    all.tally.repeated += tally.repeated;
    for (event, at) in parsed.events.into_iter().zip(parsed.at) {
        if !seen.insert(event.id.clone()) {
            all.tally.repeated += 1;
            // Counted once, as its first reading counted it: a file's events without a source
            // are all from the backfile, or all links left out.
            if event.sources.is_empty() {
                let counted = if tally.from_backfile > 0 {
                    &mut all.tally.from_backfile
                } else {
                    &mut all.tally.sources_left_out
                };
                *counted = counted.saturating_sub(1);
            }
            continue;
        }
        all.tally.kept += 1;
        all.parsed.push(event, at);
    }
    all.parsed
        .rejected
        .extend(parsed.rejected.into_iter().map(|rejected| match from {
            Some(path) => in_file(rejected, path),
            None => rejected,
        }));
}

fn in_file(mut rejected: Rejected, path: &Path) -> Rejected {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    rejected.file = Some(file);
    rejected
}

/// The exports inside the zip archive `file` (named `name`), in name order, as one reading.
fn read_archive(
    file: File,
    name: &str,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Option<Reading>> {
    let bad = |message: String| Error::Read {
        path: name.to_owned(),
        message,
    };
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| bad(format!("not a readable zip archive: {e}")))?;
    let mut exports = Vec::new();
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| bad(format!("entry {}: {e}", index + 1)))?;
        let inner = entry.name().to_owned();
        if entry.is_dir() || is_finder_metadata(&inner) {
            continue;
        }
        if !gdelt::is_export_name(&inner) && !gdelt::is_backfile_name(&inner) {
            return Err(bad(format!(
                "the archive holds {}, which is not a GDELT event file: only exports \
                 (….export.CSV) and GDELT 1.0 historical files (YYYY.csv, YYYYMM.csv) are read \
                 from an archive, and nothing was imported",
                crate::limits::excerpt(&inner)
            )));
        }
        exports.push((inner, index));
    }
    if exports.is_empty() {
        return Err(bad(
            "the archive holds no GDELT event file (named …export.CSV, or YYYY.csv in GDELT 1.0)"
                .to_owned(),
        ));
    }
    exports.sort();
    let mut all = Reading::default();
    let mut seen = HashSet::new();
    let several = exports.len() > 1;
    for (inner, index) in exports {
        let shown = format!("{name}/{inner}");
        let entry = archive
            .by_index(index)
            .map_err(|e| bad(format!("{inner}: {e}")))?;
        // Inflated as it is read, bounded by the rows it holds as a plain file is.
        let lines_before = all.tally.rows;
        let mut within = |lines: usize| progress(lines_before + lines);
        let Some(reading) = gdelt::read_from_watched(BufReader::new(entry), &shown, &mut within)?
        else {
            return Ok(None);
        };
        add(
            &mut all,
            reading,
            &mut seen,
            several.then_some(Path::new(inner.as_str())),
        );
        all.check_held(&shown)?;
    }
    all.parsed.format = Some(super::Format::Gdelt);
    Ok(Some(all))
}

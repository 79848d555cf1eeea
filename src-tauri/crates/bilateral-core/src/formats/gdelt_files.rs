//! GDELT exports as they are downloaded: one file or many, each plain (`.export.CSV`) or
//! zipped as GDELT publishes it (`.export.CSV.zip`, read in place without unzipping; the
//! GDELT 1.0 historical backfile's `1979.zip` holds `1979.csv`). A month of exports is some
//! 2,900 files, so an import takes as many as the user chooses and reads them as one: the
//! US–China rows of all of them, their tallies added up.
//!
//! Each file streams line by line through `gdelt::each_row`, and each event kept is handed
//! on as it is read (`each_item`): an import writes it there and then, and holds none of
//! them. An archive may hold several exports (read in name order) but nothing else: any
//! other file in it is refused by name rather than skipped unseen (only the metadata macOS
//! adds when it zips a folder is passed over).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::digest::Digest;
use super::gdelt::{self, Found, Reading, Tally};
use super::stream::Item;
use crate::error::{Error, Result};
use crate::limits::MAX_GDELT_ROWS_HELD;

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
    read_files(&[path.to_owned()])
}

/// Reads every file at `paths` as one GDELT import, holding what it keeps: rows in the order
/// of the files, tallies added up, as `each_item` hands them on. (An import streams them
/// instead, through `stream::gdelt`.)
pub fn read_files(paths: &[PathBuf]) -> Result<Reading> {
    hold(|sink| each_item(paths, Holding::Events, None, &mut |_, _| true, sink))?
        .ok_or(Error::Cancelled)
}

/// The rows of `input` (named `file` in messages), held as `read_files` holds them.
pub(crate) fn read_rows(input: impl BufRead, file: &str) -> Result<Reading> {
    hold(|sink| each_item_in(input, file, Holding::Events, &mut |_, _| true, sink))?
        .ok_or(Error::Cancelled)
}

/// What `read` hands on, held: its events and rejections, and its tally; `None` when it was
/// stopped.
fn hold(
    read: impl FnOnce(&mut dyn FnMut(Item) -> Result<()>) -> Result<Option<Tally>>,
) -> Result<Option<Reading>> {
    let mut parsed = super::Parsed::default();
    let read = read(&mut |item| {
        match item {
            Item::Event(event, at) => parsed.push(event, at),
            Item::Rejected(rejected) => parsed.rejected.push(rejected),
            Item::Period(..) => {}
        }
        Ok(())
    })?;
    let Some(tally) = read else {
        return Ok(None);
    };
    parsed.format = Some(super::Format::Gdelt);
    Ok(Some(Reading { parsed, tally }))
}

/// What the caller of `each_item` keeps in memory, which `MAX_GDELT_ROWS_HELD` bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holding {
    /// The events kept and the rows rejected (a reading held whole).
    Events,
    /// Only the rows rejected (an import streamed: each event is written as it comes).
    Rejections,
}

/// Reads every file at `paths` as one GDELT import, handing each event kept and each row
/// rejected to `sink` as it is read, in the order of the files; answers the tally, or `None`
/// when `progress` said no. An event in more than one file (the same export chosen twice,
/// zipped and unzipped) is handed on once, from the first, and counted in
/// `Tally::repeated`. When more than one file is read, each rejected row names its file
/// (`Rejected::file`), since its line number alone would not say which. Each line read goes
/// into `digest`, when given. `progress` hears the lines read in all and the files done,
/// every few thousand lines and after each file. Stops with an error once the rows `holding`
/// names pass `MAX_GDELT_ROWS_HELD`.
pub(crate) fn each_item(
    paths: &[PathBuf],
    holding: Holding,
    digest: Option<&mut Digest>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    sink: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<Option<Tally>> {
    let mut visit = Visit::new(holding, MAX_GDELT_ROWS_HELD, digest, progress, sink);
    for (i, path) in paths.iter().enumerate() {
        visit.last_file = i + 1 == paths.len();
        if !visit.file(path, paths.len() > 1)? {
            return Ok(None);
        }
        visit.files_done += 1;
        if !(visit.progress)(visit.tally.rows, visit.files_done) {
            return Ok(None);
        }
    }
    Ok(Some(visit.tally))
}

/// `each_item` over rows already at hand (bytes read from standard input), named `name`.
pub(crate) fn each_item_in(
    input: impl BufRead,
    name: &str,
    holding: Holding,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    sink: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<Option<Tally>> {
    let mut visit = Visit::new(holding, MAX_GDELT_ROWS_HELD, None, progress, sink);
    Ok(visit.rows(input, name, None, true)?.then_some(visit.tally))
}

/// The file each event was first read from (its `Visit::entry`), to keep an event found in
/// several files once. A GDELT id is kept as its event number, with a bit for GDELT 1.0: at a
/// million events, 16 bytes each rather than a string's 40 or more.
#[derive(Debug, Default)]
struct FirstRead {
    numbers: HashMap<u64, u32>,
    /// An id that is not a GDELT event number that fits.
    others: HashMap<Box<str>, u32>,
}

impl FirstRead {
    const V1: u64 = 1 << 63;

    /// The file the event `id` was first read from, `entry` if none before it; remembered
    /// when `remember` (no need once no file follows).
    fn first(&mut self, id: &str, entry: u32, remember: bool) -> u32 {
        let rest = id.strip_prefix(gdelt::ID_PREFIX).unwrap_or(id);
        let (v1, digits) = match rest.strip_prefix(gdelt::V1_ID_PREFIX) {
            Some(digits) => (true, digits),
            None => (false, rest),
        };
        // Only digits written as the number writes them back: `007` is another id than `7`.
        let number = digits
            .parse::<u64>()
            .ok()
            .filter(|n| *n < Self::V1 && n.to_string() == digits);
        match number {
            Some(n) => {
                let key = if v1 { n | Self::V1 } else { n };
                match self.numbers.get(&key) {
                    Some(first) => *first,
                    None if remember => *self.numbers.entry(key).or_insert(entry),
                    None => entry,
                }
            }
            None => match self.others.get(id) {
                Some(first) => *first,
                None if remember => *self.others.entry(id.into()).or_insert(entry),
                None => entry,
            },
        }
    }
}

/// A reading of GDELT files in progress.
struct Visit<'a> {
    tally: Tally,
    first_read: FirstRead,
    /// Whether the file being read is the last of the import (an archive's exports too
    /// may follow it).
    last_file: bool,
    /// The file being read: each export in an archive counts.
    entry: u32,
    /// The rows `holding` names, handed on so far, and how many may be.
    held: usize,
    most: usize,
    holding: Holding,
    files_done: usize,
    digest: Option<&'a mut Digest>,
    progress: &'a mut dyn FnMut(usize, usize) -> bool,
    sink: &'a mut dyn FnMut(Item) -> Result<()>,
}

impl<'a> Visit<'a> {
    fn new(
        holding: Holding,
        most: usize,
        digest: Option<&'a mut Digest>,
        progress: &'a mut dyn FnMut(usize, usize) -> bool,
        sink: &'a mut dyn FnMut(Item) -> Result<()>,
    ) -> Self {
        Self {
            tally: Tally::default(),
            first_read: FirstRead::default(),
            last_file: true,
            entry: 0,
            held: 0,
            most,
            holding,
            files_done: 0,
            digest,
            progress,
            sink,
        }
    }

    /// Reads the file at `path`, plain or zipped (`several`: one of more than one read);
    /// `false` when the reading was stopped.
    fn file(&mut self, path: &Path, several: bool) -> Result<bool> {
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
            return self.archive(file, &name, several.then_some(path));
        }
        let label = several.then(|| file_name(path));
        let last = self.last_file;
        self.rows(
            BufReader::with_capacity(1 << 16, file),
            &name,
            label.as_deref(),
            last,
        )
    }

    /// The exports inside the zip archive `file` (named `name`), in name order; `path` when
    /// it is one of several files read.
    fn archive(&mut self, file: File, name: &str, path: Option<&Path>) -> Result<bool> {
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
                     (….export.CSV) and GDELT 1.0 historical files (YYYY.csv, YYYYMM.csv) are \
                     read from an archive, and nothing was imported",
                    crate::limits::excerpt(&inner)
                )));
            }
            exports.push((inner, index));
        }
        if exports.is_empty() {
            return Err(bad(
                "the archive holds no GDELT event file (named …export.CSV, or YYYY.csv in GDELT \
                 1.0)"
                    .to_owned(),
            ));
        }
        exports.sort();
        let several = exports.len() > 1;
        let count = exports.len();
        for (n, (inner, index)) in exports.into_iter().enumerate() {
            let shown = format!("{name}/{inner}");
            let entry = archive
                .by_index(index)
                .map_err(|e| bad(format!("{inner}: {e}")))?;
            // An export among several in the archive is named by itself; the only one, by
            // its archive.
            let label = if several {
                Some(file_name(Path::new(&inner)))
            } else {
                path.map(file_name)
            };
            // Inflated as it is read.
            let last = self.last_file && n + 1 == count;
            if !self.rows(
                BufReader::with_capacity(1 << 16, entry),
                &shown,
                label.as_deref(),
                last,
            )? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Reads one file's rows (`shown` in messages; `label` on its rejected rows; `last` when
    /// no file follows it); `false` when the reading was stopped.
    fn rows(
        &mut self,
        input: impl BufRead,
        shown: &str,
        label: Option<&str>,
        last: bool,
    ) -> Result<bool> {
        self.entry += 1;
        let Self {
            tally,
            first_read,
            last_file: _,
            entry,
            held,
            most,
            holding,
            files_done,
            digest,
            progress,
            sink,
        } = self;
        let (entry, most, holding, files_done) = (*entry, *most, *holding, *files_done);
        let lines_before = tally.rows;
        let mut within = |lines: usize| progress(lines_before + lines, files_done);
        let mut kept = Tally::default();
        let read = gdelt::each_row(
            input,
            shown,
            tally,
            digest.as_deref_mut(),
            &mut within,
            &mut |found| {
                let item = match found {
                    Found::Bad(mut rejected) => {
                        rejected.file = label.map(str::to_owned);
                        Item::Rejected(rejected)
                    }
                    Found::Kept {
                        event,
                        at,
                        source_left_out,
                        backfile,
                    } => {
                        let first = first_read.first(&event.id, entry, !last);
                        if first != entry {
                            kept.repeated += 1;
                            return Ok(());
                        }
                        kept.keep(source_left_out, backfile);
                        Item::Event(*event, at)
                    }
                };
                // A streamed import writes each event as it comes: only what it rejects stays.
                let held_here =
                    !(matches!(item, Item::Event(..)) && holding == Holding::Rejections);
                if held_here {
                    if *held >= most {
                        return Err(gdelt::too_many_held(shown, holding.what()));
                    }
                    *held += 1;
                }
                sink(item)
            },
        )?;
        tally.add(&kept);
        Ok(read)
    }
}

impl Holding {
    fn what(self) -> &'static str {
        match self {
            Holding::Events => "kept or unreadable rows",
            Holding::Rejections => "unreadable rows",
        }
    }
}

/// A file's name without its folder, as a rejected row names its file.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::{FirstRead, Holding, Visit};
    use crate::formats::gdelt::sample_row;

    #[test]
    fn a_reading_holds_at_most_its_limit_of_rows_kept_or_rejected() {
        let kept = sample_row(
            "1",
            "20240101",
            ("US", "USA"),
            ("CHINA", "CHN"),
            "040",
            "",
            "",
        );
        let text = format!("{kept}\nx\n{}\n", kept.replacen('1', "2", 1));
        let read = |holding, most| {
            let mut items = 0;
            let mut progress = |_, _| true;
            let mut sink = |_| {
                items += 1;
                Ok(())
            };
            let mut visit = Visit::new(holding, most, None, &mut progress, &mut sink);
            visit.rows(text.as_bytes(), "f", None, true).map(|_| ())
        };
        assert!(read(Holding::Events, 3).is_ok(), "three rows fit");
        let err = read(Holding::Events, 2).expect_err("the third row is one too many");
        assert!(err.to_string().contains("more than"), "{err}");
        assert!(
            read(Holding::Rejections, 1).is_ok(),
            "written as they come, the events are not held"
        );
    }

    #[test]
    fn an_event_is_first_read_where_its_exact_id_was() {
        let mut first = FirstRead::default();
        assert_eq!(first.first("gdelt-7", 1, true), 1);
        assert_eq!(first.first("gdelt-7", 2, true), 1, "read again later");
        assert_eq!(first.first("gdelt-007", 2, true), 2, "another id");
        assert_eq!(first.first("gdelt-v1-7", 2, true), 2, "GDELT 1.0's own 7");
        let huge = format!("gdelt-{}", u128::MAX);
        assert_eq!(first.first(&huge, 3, true), 3);
        assert_eq!(first.first(&huge, 4, true), 3, "kept as its id");
        assert_eq!(first.first("gdelt-8", 5, false), 5, "not remembered");
        assert_eq!(first.first("gdelt-8", 6, false), 6);
    }
}

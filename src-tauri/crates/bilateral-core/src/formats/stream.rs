//! An import's input read as a stream: JSON, CSV and GDELT events are handed over one at a
//! time as the file is read, so a million-event file is never held in memory whole, nor its
//! events (GDELT files, one or thousands, through `gdelt_files::each_item`). The other
//! formats are small by nature and are read whole (within the import limit), then handed
//! over the same way.
//!
//! An `Input` can be read more than once: the preview reads it, then the import reads it
//! again under the write lock. Each later reading must find the bytes the first one read
//! (`Seen`; of GDELT files, the lines read), or the import would write what the user did not
//! preview. JSON, CSV and GDELT rows are parsed on a second thread, ahead of the caller
//! (`read_ahead.rs`).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::digest::{Digest, Digesting, Seen};
use super::gdelt::Tally;
use super::gdelt_files::{self, Holding};
use super::parsed::{Location, Rejected};
use super::{bilateral_json, csv, decode, detect, input, message, read_ahead, Format};
use crate::error::{Error, Result};
use crate::limits::MAX_IMPORT_BYTES;

use crate::merge::Coverage;
use crate::model::Event;
use crate::periods::Period;

/// One item of a file: an event and where it sits, or an item that could not be read.
/// Items are handed on one at a time as a file is read, so the size of the larger variant
/// costs nothing, while boxing it would cost an allocation per event of a long import.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Item {
    Event(Event, Location),
    Rejected(Rejected),
    /// A user period, checked, and its index in the file's `periods` list (Bilateral JSON).
    Period(Period, usize),
}

/// How much of a large file is looked at to tell its format.
const HEAD_BYTES: usize = 64 << 10;

/// A file (or bytes already read, such as standard input) to import, and its format.
#[derive(Debug)]
pub struct Input {
    source: Source,
    format: Format,
    /// What this file can say: its format's fields, less any CSV column it lacks.
    coverage: Coverage,
    name: String,
    /// What the first whole reading of the file found.
    seen: Mutex<Option<Seen>>,
    /// What the last whole reading of GDELT files counted.
    tally: Mutex<Option<Tally>>,
    /// An import of it leaves out the items it rejects instead of stopping at them.
    skip_rejected: bool,
}

#[derive(Debug)]
enum Source {
    File(PathBuf),
    Bytes(Vec<u8>),
    /// GDELT event files, read as one import.
    Gdelt(Vec<PathBuf>),
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The file at `path`, in `format` or the format its beginning shows. Fails at once on a
/// file over the import limit.
pub fn open(path: &Path, format: Option<Format>) -> Result<Input> {
    let name = path.display().to_string();
    let failed = |e: io::Error| Error::Read {
        path: name.clone(),
        message: e.to_string(),
    };
    let file = File::open(path).map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    if !meta.is_file() {
        // A pipe or a device: read it (within the limit) and keep the bytes.
        let bytes = input::read_file(path)?;
        return from_bytes(bytes, format, &name);
    }
    // GDELT files stream line by line, zipped or not, bounded by what they leave in memory
    // rather than by their size (a year of the GDELT 1.0 backfile passes the import limit).
    if format.map_or_else(|| gdelt_files::is_gdelt_file(path), |f| f == Format::Gdelt) {
        return Ok(gdelt(vec![path.to_owned()], &name));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        // The limit's own message.
        input::read_file(path)?;
    }
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(failed)?;
    let format = resolve(format, &head, &name)?;
    Ok(Input {
        source: Source::File(path.to_owned()),
        format,
        coverage: coverage(format, &head),
        name,
        seen: Mutex::new(None),
        tally: Mutex::new(None),
        skip_rejected: false,
    })
}

/// GDELT event files (exports, zipped or not, or GDELT 1.0 files), one or several, read as
/// one import: only their US–China rows become events (`gdelt_files`). Named `name` in
/// messages about the whole; each file is named by its path in messages about it.
pub fn gdelt(paths: Vec<PathBuf>, name: &str) -> Input {
    Input {
        source: Source::Gdelt(paths),
        format: Format::Gdelt,
        coverage: Format::Gdelt.coverage(),
        name: name.to_owned(),
        seen: Mutex::new(None),
        tally: Mutex::new(None),
        skip_rejected: false,
    }
}

/// Bytes already read, named `name` in messages.
pub fn from_bytes(bytes: Vec<u8>, format: Option<Format>, name: &str) -> Result<Input> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let format = resolve(format, head, name)?;
    let coverage = coverage(format, head);
    Ok(Input {
        source: Source::Bytes(bytes),
        format,
        coverage,
        name: name.to_owned(),
        seen: Mutex::new(None),
        tally: Mutex::new(None),
        skip_rejected: false,
    })
}

/// What a file can say, from its format and, for CSV, the columns its header names.
fn coverage(format: Format, head: &[u8]) -> Coverage {
    match format {
        Format::Csv => super::csv::head_coverage(head).unwrap_or_else(|| format.coverage()),
        other => other.coverage(),
    }
}

/// The format given, or the one the beginning of the file shows.
fn resolve(format: Option<Format>, head: &[u8], name: &str) -> Result<Format> {
    if let Some(format) = format {
        if !format.can_import() {
            return Err(Error::invalid(
                "format",
                format!("{format} is written for people and cannot be imported"),
            ));
        }
        return Ok(format);
    }
    let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    // A head cut inside a character is read up to that character.
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()])
            .map_err(|_| Error::Corrupt("unreachable".to_owned()))?,
        Err(_) => decode::utf8(head, name)?,
    };
    detect::format(text).ok_or_else(|| Error::Parse {
        file: name.to_owned(),
        line: 1,
        column: 1,
        message: "cannot tell the format of this file: give it with --format \
                  (json, csv, timelinejs, timelinejs-csv or ics)"
            .to_owned(),
    })
}

impl Input {
    pub fn format(&self) -> Format {
        self.format
    }

    /// What an import of this file may change in a stored event.
    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// This input, imported leaving out every item it rejects (a row that cannot be read, an
    /// event that is not valid) rather than stopping at the first and writing nothing: what
    /// the user asks for after seeing them listed (`import --skip-bad`, the import dialog's
    /// "leave them out"). A preview lists them the same either way.
    pub fn skipping_rejected(mut self, skip: bool) -> Self {
        self.skip_rejected = skip;
        self
    }

    /// Whether an import leaves out the items it rejects.
    pub fn skips_rejected(&self) -> bool {
        self.skip_rejected
    }

    /// What the last whole reading of GDELT files counted: rows read, kept, left out; `None`
    /// for another format, or before a reading has ended.
    pub fn gdelt_tally(&self) -> Option<Tally> {
        *self
            .tally
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads the file from its start, handing every item to `sink` in file order. Fails as a
    /// whole when the file cannot be read (naming its line), or with `sink`'s error.
    pub fn each(&self, sink: &mut dyn FnMut(Item) -> Result<()>) -> Result<()> {
        self.each_mapped(&|item| item, sink)
    }

    /// `each`, with `map` applied to every item first: for JSON and CSV on the thread that
    /// reads the file, ahead of `sink` (`read_ahead.rs`).
    pub fn each_mapped<T: Send>(
        &self,
        map: &(dyn Fn(Item) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<()>,
    ) -> Result<()> {
        self.each_watched(map, sink, &mut |_, _| true)
    }

    /// `each_mapped`, telling `lines` how far a reading of GDELT files has got (lines read in
    /// all, files done), every few thousand lines and after each file: most of their rows
    /// give no item, so the items alone would not show it. When `lines` says no, the reading
    /// stops with `Error::Cancelled`. Other formats never call it.
    pub fn each_watched<T: Send>(
        &self,
        map: &(dyn Fn(Item) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<()>,
        lines: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<()> {
        self.each_unclipped(map, sink, lines)
            .map_err(message::clip_error)
    }

    fn each_unclipped<T: Send>(
        &self,
        map: &(dyn Fn(Item) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<()>,
        lines: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<()> {
        let name = self.name.as_str();
        match (&self.source, self.format) {
            (source, Format::Gdelt) => self.each_gdelt(source, map, sink, lines),
            (Source::File(path), Format::Json | Format::Csv) => {
                let file = File::open(path).map_err(|e| self.read_error(&e))?;
                // A file of another length is refused before anything is written.
                let len = file.metadata().map_err(|e| self.read_error(&e))?.len();
                self.same_length(len)?;
                read_ahead::each_mapped(
                    name,
                    Box::new(|items| {
                        let mut digesting = Digesting::new(file);
                        self.stream(BufReader::with_capacity(1 << 16, &mut digesting), items)?;
                        self.check_seen(digesting.finish().map_err(|e| self.read_error(&e))?)
                    }),
                    map,
                    sink,
                )
            }
            (Source::Bytes(bytes), Format::Json | Format::Csv) => read_ahead::each_mapped(
                name,
                Box::new(|items| self.stream(bytes.as_slice(), items)),
                map,
                sink,
            ),
            (source, format) => {
                let owned;
                let bytes = match source {
                    Source::File(path) => {
                        owned = input::read_file(path)?;
                        let digesting = Digesting::new(owned.as_slice());
                        let seen = digesting.finish().map_err(|e| self.read_error(&e))?;
                        self.check_seen(seen)?;
                        owned.as_slice()
                    }
                    Source::Bytes(bytes) => bytes.as_slice(),
                    Source::Gdelt(_) => {
                        return Err(Error::Corrupt(format!(
                            "{name}: GDELT files read as {format}"
                        )))
                    }
                };
                let parsed = super::read(Some(format), bytes, name)?;
                for rejected in parsed.rejected {
                    sink(map(Item::Rejected(rejected)))?;
                }
                for (event, at) in parsed.events.into_iter().zip(parsed.at) {
                    sink(map(Item::Event(event, at)))?;
                }
                Ok(())
            }
        }
    }

    /// GDELT rows, read as they come on a second thread (`read_ahead.rs`), which tells
    /// `lines` how far it has got: most rows give no item. Each line goes into the digest that
    /// a later reading is held to.
    fn each_gdelt<T: Send>(
        &self,
        source: &Source,
        map: &(dyn Fn(Item) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<()>,
        lines: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<()> {
        let read = move |items: &mut dyn FnMut(Item) -> Result<()>,
                         lines: &mut dyn FnMut(usize, usize) -> bool| {
            let mut digest = Digest::default();
            let holding = Holding::Rejections;
            let tally = match source {
                Source::Gdelt(paths) => {
                    gdelt_files::each_item(paths, holding, Some(&mut digest), lines, items)?
                }
                Source::File(path) => gdelt_files::each_item(
                    std::slice::from_ref(path),
                    holding,
                    Some(&mut digest),
                    lines,
                    items,
                )?,
                Source::Bytes(bytes) => {
                    gdelt_files::each_item_in(bytes.as_slice(), &self.name, holding, lines, items)?
                }
            };
            let tally = tally.ok_or(Error::Cancelled)?;
            self.check_seen(digest.seen())?;
            *self
                .tally
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(tally);
            Ok(())
        };
        read_ahead::each_watched(&self.name, Box::new(read), map, sink, lines)
    }

    /// JSON and CSV, read as they come: the byte-order mark skipped, UTF-16 refused.
    fn stream<R: Read>(
        &self,
        mut reader: R,
        sink: &mut dyn FnMut(Item) -> Result<()>,
    ) -> Result<()> {
        let name = self.name.as_str();
        let mut start = [0_u8; 3];
        let mut got = 0;
        while got < start.len() {
            let n = reader
                .read(&mut start[got..])
                .map_err(|e| self.read_error(&e))?;
            if n == 0 {
                break;
            }
            got += n;
        }
        let start = &start[..got];
        if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
            decode::utf8(start, name)?;
        }
        let kept: &[u8] = if start == UTF8_BOM { &[] } else { start };
        let reader = kept.chain(reader);
        match self.format {
            // serde_json reads a reader a byte at a time: from a `BufReader`, each byte comes
            // straight from its buffer; from the chain, each is a call to `read`, a sixth of
            // reading a file (its buffer refills bypass this one: no byte is copied twice).
            Format::Json => {
                bilateral_json::each(BufReader::with_capacity(1 << 16, reader), name, sink)
            }
            _ => csv::each(reader, name, sink),
        }
    }

    /// Keeps what the first whole reading found; a later reading that found other bytes is
    /// refused (the import's transaction then writes nothing).
    fn check_seen(&self, now: Seen) -> Result<()> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match *seen {
            None => {
                *seen = Some(now);
                Ok(())
            }
            Some(first) if first == now => Ok(()),
            Some(first) => Err(self.changed(first.len, now.len)),
        }
    }

    /// Refuses at once a file whose length is not what its first reading found.
    fn same_length(&self, len: u64) -> Result<()> {
        let seen = *self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match seen {
            Some(first) if first.len != len => Err(self.changed(first.len, len)),
            _ => Ok(()),
        }
    }

    fn changed(&self, was: u64, now: u64) -> Error {
        let size = if was == now {
            format!("same size, {now} bytes, other content")
        } else {
            format!("{was} bytes when previewed, {now} bytes now")
        };
        Error::Read {
            path: self.name.clone(),
            message: format!(
                "the file changed after its preview ({size}); nothing was written: import it \
                 again to preview what it holds now"
            ),
        }
    }

    fn read_error(&self, e: &io::Error) -> Error {
        Error::Read {
            path: self.name.clone(),
            message: e.to_string(),
        }
    }
}

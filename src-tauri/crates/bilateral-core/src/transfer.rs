//! What the app exports and imports: the selection an export covers, and writing a file so
//! that a failure never leaves half a file behind.
//!
//! An export is written to a hidden sibling, `.NAME.part` next to `NAME`, and renamed over
//! the target at the end. A failure removes it. A process that is killed cannot clean up, so
//! the next export to the same target removes the stale `.NAME.part` before writing; the
//! name says which file it was becoming, and the CLI uses the same name.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::formats::event_source::EventSource;
use crate::formats::export_thread::{self, Serialise};
use crate::formats::{self, ExportOptions, Format, Progress};
use crate::import::ImportPreview;
use crate::limits::{MAX_IMAGE_SIDE, MIN_IMAGE_HEIGHT, MIN_IMAGE_WIDTH};
use crate::model::Event;
use crate::store::Store;

/// An export the user asked for: a format and the events of the current view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    /// `json`, `csv`, `md`, `ics`, `timelinejs`, `html`, `svg`, `png` or `pdf`.
    pub format: String,
    /// The selected events; when empty, every event matching `filter`.
    #[serde(default)]
    pub ids: Vec<String>,
    #[serde(default)]
    pub filter: Filter,
    /// Picture size for SVG and PNG, in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub height: Option<u32>,
}

/// How far the reading of what the user chose to import has got, before its preview: the
/// import dialog shows it (with Cancel) while a large file or many files are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReading {
    /// The file's name, or how many GDELT exports are read as one.
    pub file: String,
    /// What `items` counts.
    pub unit: ReadingUnit,
    /// Items read so far, in all the files.
    pub items: u32,
    /// Files read so far, and how many there are (1 for one file).
    pub files_done: u32,
    pub files: u32,
}

/// What an import's reading counts: the events of a file (with its periods and the items it
/// cannot read), or the rows of GDELT exports, most of which are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReadingUnit {
    Events,
    Rows,
}

/// A file read for import, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPlan {
    pub file: String,
    pub format: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub preview: ImportPreview,
    /// GDELT exports only: the rows read and what became of them, which the counts of
    /// events above cannot say (most rows are between other countries and left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gdelt: Option<crate::formats::gdelt::Tally>,
}

impl ExportRequest {
    pub fn format(&self) -> Result<Format> {
        Format::parse(&self.format)
            .filter(|f| f.can_export())
            .ok_or_else(|| Error::invalid("format", format!("cannot export to {:?}", self.format)))
    }

    /// The options of this export, the picture size brought within the limits: the dialog
    /// checks them too, and a size out of range is drawn at the nearest one allowed.
    pub fn options(&self) -> ExportOptions {
        let defaults = ExportOptions::default();
        ExportOptions {
            width: self
                .width
                .unwrap_or(defaults.width)
                .clamp(MIN_IMAGE_WIDTH, MAX_IMAGE_SIDE),
            height: self
                .height
                .unwrap_or(defaults.height)
                .clamp(MIN_IMAGE_HEIGHT, MAX_IMAGE_SIDE),
            filter: self.ids.is_empty().then(|| self.filter.clone()),
            ..defaults
        }
    }

    /// How many events this export covers.
    pub fn count(&self, store: &Store) -> Result<usize> {
        if self.ids.is_empty() {
            return store.count_matching(&self.filter);
        }
        Ok(self.ids.len())
    }

    /// The events this export covers, in the store's order.
    pub fn events(&self, store: &Store) -> Result<Vec<Event>> {
        if self.ids.is_empty() {
            return store.events_matching(&self.filter);
        }
        self.ids
            .iter()
            .map(|id| store.get(id).map(|s| s.event))
            .collect()
    }
}

/// The file an export to `path` is written to before it is renamed into place:
/// `.NAME.part` in the same folder (the same filesystem, so the rename is atomic).
pub fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy());
    path.with_file_name(format!(".{name}.part"))
}

/// Writes the export `request` asks for to `path` (through `write_to_path`). Events chosen by
/// the filter are read as they are written (`Store::export_matching`: JSON, CSV, iCalendar,
/// TimelineJS and Markdown never hold them all in memory); selected ones are read first. `progress`
/// ticks once per event written (`ExportRequest::count` is its total). `stop` is asked
/// before each chunk of bytes is written, as a PDF or a picture lays out each event, and
/// before the file is put in place: once it answers true the export ends with
/// `Error::ExportCancelled`, and no file is left.
pub fn export_to_file(
    store: &Store,
    request: &ExportRequest,
    options: &ExportOptions,
    path: &Path,
    progress: &mut Progress<'_>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<()> {
    let format = request.format()?;
    // A document is laid out whole before its first byte is written: it asks `stop` as it
    // lays out each event, and its ticks go on to `progress`.
    let mut forward = |_: usize, _: usize| progress.tick();
    let mut progress = Progress::new(0, &mut forward).stopping_when(stop);
    if request.ids.is_empty() {
        return write_to_path(path, stop, |out| {
            store.export_matching(&request.filter, format, options, out, &mut progress)
        });
    }
    // `export_matching` checks the count of the filter's events; here the selection's.
    format.check_count(request.ids.len())?;
    let events = request.events(store)?;
    write_to_path(path, stop, |out| {
        Ok(formats::export(
            format,
            &events,
            options,
            out,
            &mut progress,
        ))
    })
}

/// Writes to `path` through `partial_path(path)`, renamed into place at the end. A `.part`
/// left by an export that was killed is removed first; the new one is created fresh (never
/// through a link someone left in its place). On failure nothing is left: not the `.part`,
/// and `path` is as it was. `write`'s outer error is the store's, its inner one the writing's.
/// The app's exports and the CLI's are written this way.
pub fn write_to_path(
    path: &Path,
    stop: &(dyn Fn() -> bool + Sync),
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<std::io::Result<()>>,
) -> Result<()> {
    let fail = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let partial = partial_path(path);
    match std::fs::remove_file(&partial) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(fail(e)),
        _ => {}
    }
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&partial)
        .map_err(fail)?;
    let mut file = Stoppable {
        out: std::io::BufWriter::new(created),
        stop,
    };
    let result = write(&mut file).and_then(|written| {
        let finished = written
            .and_then(|()| file.out.flush())
            .and_then(|()| file.out.into_inner().map_err(|e| e.into_error()))
            .and_then(|file| file.sync_all());
        // A cancel means no file, whether it stopped a write or came after the last one.
        if stop() {
            return Err(Error::ExportCancelled);
        }
        finished.map_err(fail)?;
        std::fs::rename(&partial, path).map_err(fail)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// A file that refuses the next write once `stop` says so: how a long export is cancelled,
/// from whichever thread writes it.
struct Stoppable<'s, W> {
    out: W,
    stop: &'s (dyn Fn() -> bool + Sync),
}

impl<W: Write> Write for Stoppable<'_, W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if (self.stop)() {
            return Err(std::io::Error::other("the export was cancelled"));
        }
        self.out.write(data)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// How far a long import or export has come: events done of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TransferProgress {
    pub done: u32,
    pub total: u32,
}

impl Store {
    /// Writes every event matching `filter` in `format` to `out`, in the store's order.
    /// JSON, CSV, iCalendar, TimelineJS and Markdown are written as the events are read (five
    /// set-wise queries, never every event in memory), serialised and written on a second thread
    /// while the next ones are read; the other formats, laid out as a whole, are read first.
    /// The outer error is the store's, the inner one the writing's.
    pub fn export_matching(
        &self,
        filter: &Filter,
        format: Format,
        options: &ExportOptions,
        out: &mut (dyn Write + Send),
        progress: &mut Progress<'_>,
    ) -> Result<std::io::Result<()>> {
        // The serialiser reports no progress of its own: the bytes are counted as they are
        // written (`export_thread`).
        let periods;
        let serialise: Box<Serialise<'_>> = match format {
            Format::Json => {
                // A whole-store export carries every period; the CLI's export comes this way.
                periods = if options.periods.is_empty() {
                    self.periods()?
                } else {
                    options.periods.clone()
                };
                let periods = periods.as_slice();
                Box::new(move |events, out| {
                    formats::bilateral_json::write_from(
                        events,
                        periods,
                        out,
                        &mut Progress::silent(0),
                    )
                })
            }
            Format::Csv => Box::new(|events, out| {
                formats::csv::write_from(events, out, &mut Progress::silent(0))
            }),
            Format::Ics => with_options(formats::ics::write_from, options),
            Format::TimelineJs => with_options(formats::timelinejs::write_from, options),
            Format::Markdown => with_options(formats::markdown::write_from, options),
            _ => return self.export_whole(filter, format, options, out, progress),
        };
        let mut failed = None;
        let written = self.each_matching_into(filter, |fill| {
            // The first read error ends the events; it is the answer below.
            let mut next = |event: &mut Event| match fill(event) {
                Ok(more) => more,
                Err(e) => {
                    failed = Some(e);
                    false
                }
            };
            Ok(export_thread::write(&mut next, serialise, out, progress))
        })?;
        match failed {
            Some(error) => Err(error),
            None => Ok(written),
        }
    }

    /// `export_matching` for a format laid out as a whole (a web page, a picture, a PDF): its
    /// events read first, after its limit is checked; a picture reads only what it draws.
    fn export_whole(
        &self,
        filter: &Filter,
        format: Format,
        options: &ExportOptions,
        out: &mut (dyn Write + Send),
        progress: &mut Progress<'_>,
    ) -> Result<std::io::Result<()>> {
        if format.most_events().is_some() {
            format.check_count(self.count_matching(filter)?)?;
        }
        let events = if matches!(format, Format::Svg | Format::Png) {
            self.drawn_matching(filter)?
        } else {
            self.events_matching(filter)?
        };
        Ok(formats::export(format, &events, options, out, progress))
    }
}

/// A writer of events read one at a time that takes the export's options.
type WriteFrom = fn(
    &mut dyn EventSource,
    &ExportOptions,
    &mut dyn Write,
    &mut Progress<'_>,
) -> std::io::Result<()>;

/// The serialiser of an export through `write_from`.
fn with_options(write_from: WriteFrom, options: &ExportOptions) -> Box<Serialise<'_>> {
    Box::new(move |events, out| write_from(events, options, out, &mut Progress::silent(0)))
}

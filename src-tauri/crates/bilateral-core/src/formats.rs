//! Exchange formats: which exist, and how to run one. One module per format.
//!
//! Writers take the events the caller selected (window and filter logic stays in the store)
//! and write UTF-8 text derived from those events only. Readers turn a file into events plus
//! per-item rejections; they fail as a whole only when the file itself cannot be read (not
//! UTF-8, truncated, not the format at all), naming its line.
//!
//! PNG rasterises the SVG export with resvg; PDF sets the events as a printable chronology
//! with krilla. Both draw with the system's fonts.

pub mod bilateral_json;
pub mod csv;
mod csv_rows;
pub mod decode;
pub mod detect;
mod digest;
pub(crate) mod event_source;
pub(crate) mod export_thread;
pub mod filter_wording;
pub mod gdelt;
mod gdelt_columns;
pub mod gdelt_files;
pub mod html;
pub mod html_to_text;
pub mod ics;
pub mod input;
pub mod labels;
pub mod markdown;
pub mod message;
pub mod parsed;
pub mod pdf;
mod pdf_fonts;
mod pdf_text;
pub mod png;
pub mod progress;
mod read_ahead;
pub mod stream;
pub mod svg;
mod system_fonts;
pub mod timelinejs;
pub mod timelinejs_csv;

use std::fmt;
use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::merge::Coverage;
use crate::model::Event;

pub use parsed::{Location, Parsed, Rejected};
pub use progress::Progress;

/// Every format Bilateral reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `{"format": "bilateral", "version": 1, "events": [...]}`: lossless.
    Json,
    Csv,
    Markdown,
    Ics,
    /// TimelineJS3 JSON.
    TimelineJs,
    /// The TimelineJS Google-Sheets template, saved as CSV (import only).
    TimelineJsCsv,
    /// A standalone page with the data inlined (export only).
    Html,
    /// A static timeline picture (export only).
    Svg,
    /// GDELT event files (2.0 exports, 1.0 daily and historical files), US–China rows only
    /// (import only).
    Gdelt,
    /// The same picture, rasterised (export only).
    Png,
    /// A printable chronology with its sources (export only).
    Pdf,
}

impl Format {
    pub const ALL: [Format; 11] = [
        Format::Json,
        Format::Csv,
        Format::Markdown,
        Format::Ics,
        Format::TimelineJs,
        Format::TimelineJsCsv,
        Format::Html,
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Gdelt,
    ];

    /// The name users type (`--format md`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Ics => "ics",
            Format::TimelineJs => "timelinejs",
            Format::TimelineJsCsv => "timelinejs-csv",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Gdelt => "gdelt",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        match name.as_str() {
            "markdown" => Some(Format::Markdown),
            "bilateral" => Some(Format::Json),
            "ical" | "icalendar" => Some(Format::Ics),
            _ => Format::ALL.into_iter().find(|f| f.name() == name),
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::TimelineJs => "json",
            Format::Csv | Format::TimelineJsCsv | Format::Gdelt => "csv",
            Format::Markdown => "md",
            Format::Ics => "ics",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    pub fn can_export(self) -> bool {
        !matches!(self, Format::TimelineJsCsv | Format::Gdelt)
    }

    /// Whether an import's preview looks for stored events that a new one may duplicate.
    /// Not for GDELT: its titles are made from two actors and a verb ("United States visits
    /// China"), which resemble a great many events without being them, and its events are
    /// kept apart from the curated ones by their origin.
    pub fn lists_likely_duplicates(self) -> bool {
        self != Format::Gdelt
    }

    /// Most events one export in this format holds, for the documents that are laid out
    /// whole; `None` for the rest.
    pub fn most_events(self) -> Option<usize> {
        self.document_limit().map(|(most, _)| most)
    }

    /// The most events of a document laid out whole, and what to call the document.
    fn document_limit(self) -> Option<(usize, &'static str)> {
        match self {
            Format::Pdf => Some((crate::limits::MOST_PDF_EVENTS, "a PDF")),
            Format::Html => Some((crate::limits::MOST_HTML_EVENTS, "a web page")),
            _ => None,
        }
    }

    /// Refuses an export of `count` events in this format when it holds fewer, saying why
    /// and what to do instead.
    pub fn check_count(self, count: usize) -> Result<()> {
        match self.document_limit() {
            Some((most, document)) if count > most => Err(Error::invalid(
                "format",
                format!(
                    "{document} holds at most {} events, and these are {}: choose fewer (a \
                     shorter span, more filters), or export JSON or CSV",
                    thousands(most),
                    thousands(count),
                ),
            )),
            _ => Ok(()),
        }
    }

    /// The fields this format can say. Importing into a stored event changes only these;
    /// the rest of the event is kept as it is.
    pub fn coverage(self) -> Coverage {
        use crate::merge::Field::{
            Actors, Dates, Kind, Location, SourceLinks, Summary, Tags, Title,
        };
        match self {
            Format::Ics => {
                Coverage::of(&[Title, Summary, Dates, Kind, Location, Tags, SourceLinks])
            }
            Format::TimelineJs | Format::TimelineJsCsv => {
                Coverage::of(&[Title, Summary, Dates, Kind, SourceLinks])
            }
            // No tags: labels the user added to a GDELT event survive a re-import.
            Format::Gdelt => {
                Coverage::of(&[Title, Summary, Dates, Kind, Actors, Location, SourceLinks])
            }
            _ => Coverage::ALL,
        }
    }

    pub fn can_import(self) -> bool {
        !matches!(
            self,
            Format::Markdown | Format::Html | Format::Svg | Format::Png | Format::Pdf
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an export needs besides the events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Document title (Markdown heading, calendar name, page, picture and PDF title).
    pub title: String,
    /// Size of the SVG picture, in pixels.
    pub width: u32,
    pub height: u32,
    /// When the export was made (iCalendar `DTSTAMP`, the PDF's title page).
    pub stamp: DateTime<Utc>,
    /// The filter that chose the events, said on the PDF's title page; `None` when they
    /// were picked one by one.
    pub filter: Option<Filter>,
    /// The user's periods, carried by Bilateral JSON (the other formats have no place for them).
    pub periods: Vec<crate::periods::Period>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            title: "US–China diplomatic events".to_owned(),
            width: 1600,
            height: 900,
            stamp: Utc::now(),
            filter: Some(Filter::default()),
            periods: Vec::new(),
        }
    }
}

/// Writes `events` in `format`, calling `progress` as events are written.
pub fn export(
    format: Format,
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    match format {
        Format::Json => bilateral_json::write(events, &options.periods, out, progress),
        Format::Csv => csv::write(events, out, progress),
        Format::Markdown => markdown::write(events, options, out, progress),
        Format::Ics => ics::write(events, options, out, progress),
        Format::TimelineJs => timelinejs::write(events, options, out, progress),
        Format::Html => html::write(events, options, out, progress),
        Format::Svg => svg::write(events, options, out, progress),
        Format::Png => png::write(events, options, out, progress),
        Format::Pdf => pdf::write(events, options, out, progress),
        Format::TimelineJsCsv => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "the TimelineJS sheet template is read, not written: export timelinejs instead",
        )),
        Format::Gdelt => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "GDELT event exports are read, not written: export json or csv instead",
        )),
    }
}

/// `export` into memory: the bytes of the whole file.
pub fn export_to_vec(
    format: Format,
    events: &[Event],
    options: &ExportOptions,
) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    export(
        format,
        events,
        options,
        &mut out,
        &mut Progress::silent(events.len()),
    )?;
    Ok(out)
}

/// The events in time order: by start, then end, then id. Exports meant for reading use it.
pub(crate) fn chronological(events: &[Event]) -> Vec<&Event> {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| in_time_order(a, b));
    sorted
}

/// The order of `chronological`. Its first key is the start's first day, the store's own
/// first key, so events read in the store's order are in this order once each day's events
/// are sorted among themselves.
pub(crate) fn in_time_order(a: &Event, b: &Event) -> std::cmp::Ordering {
    a.start
        .cmp(&b.start)
        .then_with(|| a.end.unwrap_or(a.start).cmp(&b.end.unwrap_or(b.start)))
        .then_with(|| a.id.cmp(&b.id))
}

/// Reads a file in `format` (or the format its content shows, when `None`). `file` names it
/// in errors, whose messages quote at most a short excerpt of the file.
pub fn read(format: Option<Format>, bytes: &[u8], file: &str) -> Result<Parsed> {
    read_unclipped(format, bytes, file).map_err(message::clip_error)
}

fn read_unclipped(format: Option<Format>, bytes: &[u8], file: &str) -> Result<Parsed> {
    if let Some(format) = format.filter(|f| !f.can_import()) {
        return Err(not_importable(format));
    }
    let text = decode::utf8(bytes, file)?;
    let format = match format {
        Some(f) => f,
        None => detect::format(text).ok_or_else(|| Error::Parse {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: "cannot tell the format of this file: give it with --format \
                      (json, csv, timelinejs, timelinejs-csv, ics or gdelt)"
                .to_owned(),
        })?,
    };
    let mut parsed = match format {
        Format::Json => bilateral_json::read(text, file),
        Format::Csv => csv::read(text, file),
        Format::Ics => ics::read(text, file),
        Format::TimelineJs => timelinejs::read(text, file),
        Format::TimelineJsCsv => timelinejs_csv::read(text, file),
        Format::Gdelt => gdelt::read(text, file),
        Format::Markdown | Format::Html | Format::Svg | Format::Png | Format::Pdf => {
            Err(not_importable(format))
        }
    }?;
    parsed.format = Some(format);
    Ok(parsed)
}

fn not_importable(format: Format) -> Error {
    Error::invalid(
        "format",
        format!("{format} is written for people and cannot be imported"),
    )
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

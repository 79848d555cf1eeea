//! The command line, as clap reads it.

use std::path::PathBuf;

use bilateral_core::formats::labels::kind_from_label;
use bilateral_core::formats::Format;
use bilateral_core::limits;
use bilateral_core::{Kind, PartialDate};
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "bilateral-cli",
    version,
    about = "Import, export, list and count the events of Bilateral, the US–China timeline",
    after_help = "Exit codes: 0 done, 1 failed, 2 wrong usage, 3 import rejected rows (nothing imported)."
)]
pub struct Cli {
    /// Database file [default: $BILATERAL_DB, else the app's own database,
    /// $XDG_DATA_HOME/org.bilateral.desktop/bilateral.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database with the shipped events, or bring an existing one up to date
    Init,
    /// Write events (all, or those matching the filters) in an exchange format
    Export(ExportArgs),
    /// Read events from a file into the database, all or nothing
    Import(ImportArgs),
    /// Print events in time order, one per line
    List(ListArgs),
    /// Count the events by kind and origin
    Stats,
    /// List the automatic backups kept beside the database, newest first
    Backups,
    /// Put a backup back in place of the database (the current state is backed up first)
    Restore(RestoreArgs),
}

/// Which events: combined with AND across options, OR within one repeated option.
#[derive(Debug, Clone, Default, Args)]
pub struct Selection {
    /// Only events that end on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub from: Option<PartialDate>,

    /// Only events that start on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub to: Option<PartialDate>,

    /// Only events of this kind (repeatable): summit, meeting, call, visit, statement,
    /// agreement, trade_measure, legislation, military_incident, cyber_intelligence,
    /// legal_action, hearing, election, other
    #[arg(long = "kind", value_name = "KIND", value_parser = kind)]
    pub kinds: Vec<Kind>,

    /// Only events with this tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (Bilateral, lossless), csv, md, ics, timelinejs, html (standalone page), svg or png
    #[arg(long, value_name = "FORMAT", value_parser = export_format)]
    pub format: Format,

    #[command(flatten)]
    pub selection: Selection,

    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Title of the document (Markdown heading, calendar name, page and picture title)
    #[arg(long)]
    pub title: Option<String>,

    /// Width of the SVG or PNG picture, in pixels (320 to 8000)
    #[arg(long, default_value_t = 1600, value_parser = image_width)]
    pub width: u32,

    /// Height of the SVG or PNG picture, in pixels (200 to 8000)
    #[arg(long, default_value_t = 900, value_parser = image_height)]
    pub height: u32,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import; `-` reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// auto (tell from the content), json, csv, timelinejs, timelinejs-csv or ics
    #[arg(long, value_name = "FORMAT", default_value = "auto", value_parser = import_format)]
    pub format: ImportFormat,

    /// Check the file and say what would change, without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup's name as `backups` lists it, or the path of a backup file
    #[arg(value_name = "NAME_OR_PATH")]
    pub backup: PathBuf,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub selection: Selection,
}

/// `--format` of `import`: a format, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportFormat(pub Option<Format>);

fn date(text: &str) -> Result<PartialDate, String> {
    text.parse()
        .map_err(|e: bilateral_core::DateError| e.to_string())
}

fn kind(text: &str) -> Result<Kind, String> {
    kind_from_label(text).ok_or_else(|| {
        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("{text:?} is not a kind; kinds are {}", all.join(", "))
    })
}

/// A picture side within the core's limits: the writers refuse larger ones, so the CLI says
/// so before reading the database.
fn image_side(text: &str, min: u32) -> Result<u32, String> {
    let max = limits::MAX_IMAGE_SIDE;
    let range = format!("between {min} and {max} pixels");
    let value: u32 = text.trim().parse().map_err(|_| {
        format!(
            "{} is not a whole number of pixels; give one {range}",
            limits::excerpt(text)
        )
    })?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{value} pixels is out of range; give a size {range}"
        ))
    }
}

fn image_width(text: &str) -> Result<u32, String> {
    image_side(text, limits::MIN_IMAGE_WIDTH)
}

fn image_height(text: &str) -> Result<u32, String> {
    image_side(text, limits::MIN_IMAGE_HEIGHT)
}

fn export_format(text: &str) -> Result<Format, String> {
    let names = "json, csv, md, ics, timelinejs, html, svg, png";
    match Format::parse(text) {
        Some(format) if format.can_export() => Ok(format),
        Some(format) => Err(format!("{format} cannot be exported; formats are {names}")),
        None => Err(format!("{text:?} is not a format; formats are {names}")),
    }
}

fn import_format(text: &str) -> Result<ImportFormat, String> {
    let names = "auto, json, csv, timelinejs, timelinejs-csv, ics";
    if text.eq_ignore_ascii_case("auto") {
        return Ok(ImportFormat(None));
    }
    match Format::parse(text) {
        Some(format) if format.can_import() => Ok(ImportFormat(Some(format))),
        Some(format) => Err(format!("{format} cannot be imported; formats are {names}")),
        None => Err(format!("{text:?} is not a format; formats are {names}")),
    }
}

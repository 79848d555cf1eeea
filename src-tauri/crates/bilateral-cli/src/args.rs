//! The command line, as clap reads it.

use std::path::PathBuf;

use bilateral_core::formats::labels::kind_from_label;
use bilateral_core::formats::Format;
use bilateral_core::ingest::score::ErrorKind;
use bilateral_core::limits;
use bilateral_core::{Kind, PartialDate, Precision};
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "bilateral-cli",
    version,
    about = "Import, export, list and count the events of Bilateral, the US–China timeline; \
             read articles into dated events; check the cited links",
    after_help = "Exit codes: 0 done, 1 failed (for check-links: a link is dead), 2 wrong usage, \
                  3 import rejected rows (nothing imported)."
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
    /// Delete the events matching the filters, or the listed ids, in one go (the database is
    /// backed up first)
    Delete(DeleteArgs),
    /// Give the room of deleted events back to the disk: the file shrinks to what it holds
    /// (a delete of most of the database does this by itself)
    Compact,
    /// Read an article: its publication date, time expressions and candidate events (writes
    /// nothing; matches against the database when there is one)
    Extract(ExtractArgs),
    /// Score the temporal tagger on TimeML (.tml) files with the TempEval-3 measures
    ScoreTimex(ScoreTimexArgs),
    /// Score the candidate events of TimeML (.tml) articles against the gold events in the
    /// .json beside each
    ScoreEvents(ScoreEventsArgs),
    /// Check that every cited source still answers: ok, moved (redirected elsewhere) or dead
    #[command(
        after_help = "Each address is asked once, however many events cite it: HEAD \
        first, GET when the server refuses HEAD (405, 501), redirects followed. ok: 2xx at the \
        same address; moved: 2xx at another address (shown); dead: 4xx or 5xx, host not \
        found, connection refused or reset, or no answer in time. Addresses that should not \
        be cited as they are (AMP pages, tracking parameters, ports, development hosts) are \
        noted. Reads the database read-only, or only the given file.\n\n\
        Exit codes: 0 no link is dead (moved links are listed but pass), 1 a link is dead or \
        the check could not run, 2 wrong usage."
    )]
    CheckLinks(CheckLinksArgs),
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

    /// Leave out events imported from GDELT
    #[arg(long)]
    pub no_gdelt: bool,

    /// Only events imported from GDELT
    #[arg(long, conflicts_with = "no_gdelt")]
    pub gdelt: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (Bilateral, lossless), csv, md, ics, timelinejs, html (standalone page), svg, png
    /// or pdf (a printable chronology with its sources)
    #[arg(long, value_name = "FORMAT", value_parser = export_format)]
    pub format: Format,

    #[command(flatten)]
    pub selection: Selection,

    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Title of the document (Markdown heading, calendar name, page, picture and PDF title)
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
    /// The file to import; `-` reads standard input. Several files are one import when each
    /// is a GDELT export (.export.CSV) or a zip archive of GDELT files, as GDELT publishes
    /// them (.export.CSV.zip, and 1979.zip for the GDELT 1.0 history)
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,

    /// auto (tell from the name or content), json, csv, timelinejs, timelinejs-csv, ics or
    /// gdelt (GDELT event files: 2.0 and 1.0 exports, .export.CSV or zipped, and the 1.0
    /// historical YYYY.zip; only their US–China rows are imported)
    #[arg(long, value_name = "FORMAT", default_value = "auto", value_parser = import_format)]
    pub format: ImportFormat,

    /// Leave out the rows that are rejected (listed and counted) and import the rest, instead
    /// of importing nothing; meant for noisy machine-made files such as GDELT exports
    #[arg(long)]
    pub skip_bad: bool,

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
pub struct DeleteArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// This event (repeatable); not combined with the filters
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,

    /// Every event, when no filter or id is given: asked for so that a forgotten filter
    /// never empties the database
    #[arg(long)]
    pub all: bool,

    /// Say how many events would be deleted, and delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub selection: Selection,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article: a .txt, .md or .html file (a saved web page); `-` reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The day relative dates resolve against [default: found in the article, else today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    pub published: Option<PartialDate>,

    /// Where the article lives, when the page does not say (the candidates' source)
    #[arg(long, value_name = "URL", value_parser = web_address)]
    pub url: Option<String>,

    /// Print {"published", "timexes", "candidates"} as JSON, for other tools
    #[arg(long)]
    pub json: bool,

    /// Print only the plain text that the time expressions' offsets count into
    #[arg(long, conflicts_with = "json")]
    pub print_text: bool,
}

#[derive(Debug, Args)]
pub struct ScoreTimexArgs {
    /// TimeML files, or folders searched for .tml files
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// List every error (missed, spurious, span, type, value, offsets) with its context
    #[arg(long)]
    pub errors: bool,

    /// List only errors of this kind (repeatable): missed, spurious, span, type, value,
    /// offsets
    #[arg(long = "error-kind", value_name = "KIND", value_parser = error_kind)]
    pub error_kinds: Vec<ErrorKind>,

    /// Print each document's figures too
    #[arg(long)]
    pub documents: bool,

    /// Print the figures (and, with --errors, the errors) as JSON
    #[arg(long)]
    pub json: bool,

    /// Write each document as tagged by us into this folder (TimeML, same file names), to
    /// cross-check with the official TempEval-3 scorer
    #[arg(long, value_name = "FOLDER", conflicts_with = "system")]
    pub write: Option<PathBuf>,

    /// Score the TimeML files in this folder (same names as the gold ones, same text)
    /// instead of running our tagger: another tagger's output, or an older run of ours
    #[arg(long, value_name = "FOLDER")]
    pub system: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreEventsArgs {
    /// TimeML files, or folders searched for .tml files (each with its .json of gold events)
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// List each missed gold event and each unmatched candidate with its sentence, and the
    /// matches whose date, kind or actors differ
    #[arg(long)]
    pub errors: bool,

    /// Print each document's figures too
    #[arg(long)]
    pub documents: bool,

    /// Print the figures (and, with --errors, the errors) as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckLinksArgs {
    /// Check the sources of this Bilateral JSON file (an export, or data/events.json)
    /// instead of the database's
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Requests in flight at most (1 to 64)
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = concurrency)]
    pub concurrency: usize,

    /// Time limit of each request, redirects included, in seconds (0.1 to 300)
    #[arg(long, value_name = "SECS", default_value = "15", value_parser = timeout)]
    pub timeout: std::time::Duration,

    /// Print {"checked", "ok", "moved", "dead", "links": [...]} as JSON, for other tools
    #[arg(long)]
    pub json: bool,
}

fn concurrency(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=64).contains(&n) => Ok(n),
        _ => Err(format!(
            "{} is not a number of requests from 1 to 64",
            limits::excerpt(text)
        )),
    }
}

fn timeout(text: &str) -> Result<std::time::Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if (0.1..=300.0).contains(&s) => Ok(std::time::Duration::from_secs_f64(s)),
        _ => Err(format!(
            "{} is not a number of seconds from 0.1 to 300",
            limits::excerpt(text)
        )),
    }
}

/// `--format` of `import`: a format, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportFormat(pub Option<Format>);

fn date(text: &str) -> Result<PartialDate, String> {
    text.parse()
        .map_err(|e: bilateral_core::DateError| e.to_string())
}

/// A full day: the anchor every relative date resolves against.
fn day(text: &str) -> Result<PartialDate, String> {
    let date = date(text.trim())?;
    if date.precision() != Precision::Day {
        return Err(format!(
            "{date} is not a day: give the day the article was published, as YYYY-MM-DD"
        ));
    }
    Ok(date)
}

/// An http or https address, as every source URL must be.
fn web_address(text: &str) -> Result<String, String> {
    let lower = text.trim().to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    if !web || text.trim().chars().any(char::is_whitespace) {
        return Err(format!(
            "{} is not a web address: give one that starts with http:// or https://",
            limits::excerpt(text)
        ));
    }
    Ok(text.trim().to_owned())
}

fn error_kind(text: &str) -> Result<ErrorKind, String> {
    ErrorKind::ALL
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| {
            let all: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
            format!(
                "{text:?} is not an error kind; kinds are {}",
                all.join(", ")
            )
        })
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
    let names = "auto, json, csv, timelinejs, timelinejs-csv, ics, gdelt";
    if text.eq_ignore_ascii_case("auto") {
        return Ok(ImportFormat(None));
    }
    match Format::parse(text) {
        Some(format) if format.can_import() => Ok(ImportFormat(Some(format))),
        Some(format) => Err(format!("{format} cannot be imported; formats are {names}")),
        None => Err(format!("{text:?} is not a format; formats are {names}")),
    }
}

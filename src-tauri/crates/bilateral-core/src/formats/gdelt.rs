//! GDELT event files (import only): the tab-separated "export" files the GDELT Project
//! publishes (named `.CSV` but tab-separated), one machine-coded event per line, no header, in
//! one of three layouts (`Layout`), and the events table as BigQuery exports it, with a header
//! row that names its columns (`gdelt_columns::Shape::of_header`):
//! - GDELT 2.0 exports, every 15 minutes since 19 February 2015
//!   (`YYYYMMDDHHMMSS.export.CSV`, zipped): 61 columns;
//! - GDELT 1.0 daily files, since 1 April 2013 (`YYYYMMDD.export.CSV`, zipped): 58 columns;
//! - the GDELT 1.0 historical backfile, 1979 to 31 March 2013 (`YYYY.csv` a year, then
//!   `YYYYMM.csv` a month from 2006, zipped): 57 columns, without SOURCEURL.
//!
//! GDELT 1.0 is the only coding of the years before 2015, so a timeline of the relationship
//! since 1979 needs it. Its rows are the 2.0 rows without the three ADM2Code columns (one in each
//! place block) and, before April 2013, without SOURCEURL ("GDELT Data Format Codebook V1.03",
//! 8/25/2013: 57 fields in the historical backfile, 58 in the daily updates).
//!
//! The columns, in order, as "The GDELT Event Database Data Format Codebook V2.0" (the GDELT
//! Project, 2/19/2015) lists them: GlobalEventID, Day (YYYYMMDD), MonthYear, Year,
//! FractionDate; Actor1 Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
//! Religion2Code, Type1Code, Type2Code, Type3Code; the same ten for Actor2; IsRootEvent,
//! EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale, NumMentions,
//! NumSources, NumArticles, AvgTone; Actor1Geo Type, FullName, CountryCode, ADM1Code,
//! ADM2Code, Lat, Long, FeatureID; the same eight for Actor2Geo and for ActionGeo; DATEADDED
//! (YYYYMMDDHHMMSS), SOURCEURL. A file's first row sets its layout; a later row with another
//! number of columns is refused, naming both.
//!
//! Only rows between the US and China are kept: one actor's country code `USA`, the other's
//! `CHN`, either direction. Every other row is counted and left out, unchecked. A kept row
//! becomes an event with id `gdelt-<GlobalEventID>` (so importing the file again updates;
//! `gdelt-v1-<GlobalEventID>` from GDELT 1.0, whose numbering is its own),
//! dated by Day, titled "Actor1 <verb for the CAMEO code> Actor2", its kind from the CAMEO
//! code (`kind_of`), its two actors on their sides, ActionGeo_FullName as the place, and
//! SOURCEURL as its source when it is an http or https link (any other is left out and
//! counted, as are the backfile's events, which name no source). The store marks these
//! events `Origin::Gdelt` by their id.
//!
//! The reader streams: one line at a time, each at most `MAX_LINE_BYTES`, handing on each
//! kept row as it is read (`each_row`), so a file of any size costs nothing to import but
//! its unreadable rows; `read_from` holds what it keeps, for callers that need it whole. A
//! row that cannot be read is rejected with its line and the column at fault
//! (`Parsed::rejected`); the import then stops, as for every format, unless the user chose
//! to leave rejected rows out (`bilateral-cli import --skip-bad`, the import dialog).

use std::io::{BufRead, Read};

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::limits::{excerpt, MAX_GDELT_ROWS_HELD};
use crate::model::{normalize_web_url, Actor, Event, Kind, Side, Source};

use super::digest::Digest;
use super::gdelt_columns::{col, Shape, Version};
pub use super::gdelt_columns::{Layout, COLUMNS};
use super::{Location, Parsed, Rejected};

/// Every event read from GDELT has an id starting with this.
pub const ID_PREFIX: &str = "gdelt-";

/// What follows `ID_PREFIX` in the id of an event read from GDELT 1.0. GDELT 2.0 numbered its
/// events anew, and nothing says that a number in both is the same event: with one prefix,
/// importing 2.0 after 1.0 could overwrite an event with another.
pub(crate) const V1_ID_PREFIX: &str = "v1-";

/// The longest line read: real rows are under 2 KiB (the source URL is the long part).
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// What a read saw besides the events and rejections it returns.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[ts(rename = "GdeltTally")]
pub struct Tally {
    /// Files read (an archive's exports each count).
    pub files: usize,
    /// Rows read (blank lines not counted).
    pub rows: usize,
    /// Rows kept as US–China events.
    pub kept: usize,
    /// Well-formed rows between other actors, left out.
    pub elsewhere: usize,
    /// Kept events whose SOURCEURL is not an http or https link, kept without a source.
    pub sources_left_out: usize,
    /// Kept events from the GDELT 1.0 historical backfile, which names no source: kept
    /// without one.
    pub from_backfile: usize,
    /// Rows of an event an earlier file of the same import already gave (the same export
    /// chosen twice), read once and not counted in `kept`.
    pub repeated: usize,
}

/// A read: the events and rejections, and the tally.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    pub parsed: Parsed,
    pub tally: Tally,
}

impl Tally {
    /// Counts a kept row: `backfile` when its file is of the GDELT 1.0 historical backfile.
    pub(crate) fn keep(&mut self, source_left_out: bool, backfile: bool) {
        self.kept += 1;
        if backfile {
            self.from_backfile += 1;
        } else if source_left_out {
            self.sources_left_out += 1;
        }
    }

    /// Adds what another reading counted.
    pub(crate) fn add(&mut self, other: &Tally) {
        self.files += other.files;
        self.rows += other.rows;
        self.kept += other.kept;
        self.elsewhere += other.elsewhere;
        self.sources_left_out += other.sources_left_out;
        self.from_backfile += other.from_backfile;
        self.repeated += other.repeated;
    }
}

/// A row the reader hands on: a US–China event, or a row it could not read. Rows between
/// other actors are only counted.
pub(crate) enum Found {
    Kept {
        event: Box<Event>,
        at: Location,
        source_left_out: bool,
        /// From the GDELT 1.0 historical backfile, which names no source.
        backfile: bool,
    },
    Bad(Rejected),
}

/// Reads GDELT rows from `input` line by line, holding what it keeps (`gdelt_files::read_rows`).
/// Fails as a whole only when the input is not a GDELT export at all (a line longer than
/// `MAX_LINE_BYTES`, or a zip archive, which `gdelt_files` reads from its file) or cannot be
/// read.
pub fn read_from(input: impl BufRead, file: &str) -> Result<Reading> {
    super::gdelt_files::read_rows(input, file)
}

/// Lines read between two calls of a reading's `progress`.
pub(crate) const LINES_PER_CALL: usize = 4096;

/// Reads GDELT rows from `input` (the file named `file`) line by line, handing each kept or
/// unreadable row to `found` and counting every row in `tally` (`files`, `rows`,
/// `elsewhere`: what is kept is counted by whoever keeps it). Each line read goes into
/// `digest`, when given. `progress` hears the lines read every `LINES_PER_CALL`; `false`
/// when it said no (the reading stops there). Fails as a whole when the input is not a GDELT
/// file at all (a line longer than `MAX_LINE_BYTES`, a zip archive) or cannot be read, or
/// with `found`'s error.
pub(crate) fn each_row(
    mut input: impl BufRead,
    file: &str,
    tally: &mut Tally,
    mut digest: Option<&mut Digest>,
    progress: &mut dyn FnMut(usize) -> bool,
    found: &mut dyn FnMut(Found) -> Result<()>,
) -> Result<bool> {
    let mut line = Vec::new();
    let mut number = 0;
    let mut shape: Option<Shape> = None;
    let mut any = false;
    loop {
        line.clear();
        let read = (&mut input)
            .take(u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX) + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::Read {
                path: file.to_owned(),
                message: e.to_string(),
            })?;
        if read == 0 {
            break;
        }
        if let Some(digest) = digest.as_deref_mut() {
            digest.write(&line);
        }
        number += 1;
        if number % LINES_PER_CALL == 0 && !progress(number) {
            return Ok(false);
        }
        let fail = |message: String| Error::Parse {
            file: file.to_owned(),
            line: number,
            column: 1,
            message,
        };
        if number == 1 && line.starts_with(b"PK\x03\x04") {
            return Err(fail(
                "this is a zip archive: import it by its file name (read in place), or unzip it \
                 and import the .export.CSV inside"
                    .into(),
            ));
        }
        if line.len() > MAX_LINE_BYTES && !line.ends_with(b"\n") {
            return Err(fail(format!(
                "the line is longer than {} KiB: this is not a GDELT event export",
                MAX_LINE_BYTES / 1024
            )));
        }
        while line.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let at = Location::Line(number);
        let Ok(text) = std::str::from_utf8(&line) else {
            tally.rows += 1;
            any = true;
            // A row between other actors is left out whatever its text holds: only a kept
            // row needs its text read.
            let lossy = String::from_utf8_lossy(&line);
            match row(&lossy, number, &mut shape) {
                Row::Elsewhere => tally.elsewhere += 1,
                _ => found(Found::Bad(Rejected::new(
                    at,
                    "row",
                    "the row is not UTF-8 text",
                )))?,
            }
            continue;
        };
        // A spreadsheet that saved the file (a BigQuery export opened in Excel) may start it
        // with a byte-order mark, which is not part of the first cell.
        let text = if number == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        // Only the first row may be a header.
        if !any && shape.is_none() {
            if let Some((cells, comma)) = header(text) {
                let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                shape = Some(Shape::of_header(&cells, comma).map_err(fail)?);
                continue;
            }
        }
        any = true;
        tally.rows += 1;
        match row(text, number, &mut shape) {
            Row::Elsewhere => tally.elsewhere += 1,
            Row::Bad(rejected) => found(Found::Bad(rejected))?,
            Row::Kept {
                event,
                source_left_out,
            } => found(Found::Kept {
                event,
                at,
                source_left_out,
                backfile: shape.as_ref().is_some_and(Shape::is_backfile),
            })?,
        }
    }
    tally.files += 1;
    Ok(true)
}

/// Why a GDELT reading stops at `MAX_GDELT_ROWS_HELD` rows held (`what`), naming where.
pub(crate) fn too_many_held(file: &str, what: &str) -> Error {
    Error::Read {
        path: file.to_owned(),
        message: format!(
            "this import would hold more than {MAX_GDELT_ROWS_HELD} {what}: import fewer \
             files at a time; nothing was imported"
        ),
    }
}

/// One row in the export layout (61 tab-separated columns, those this reader uses filled in,
/// the others empty), without its line end: for tests and benchmarks that need GDELT files.
/// Bilateral itself never writes GDELT.
pub fn sample_row(
    id: &str,
    day: &str,
    actor1: (&str, &str),
    actor2: (&str, &str),
    code: &str,
    place: &str,
    url: &str,
) -> String {
    sample_row_in(Layout::V2, id, day, actor1, actor2, code, place, url)
}

/// `sample_row` in `layout` (`url` is left out of the backfile's, which has no column for it).
#[allow(clippy::too_many_arguments)]
pub fn sample_row_in(
    layout: Layout,
    id: &str,
    day: &str,
    (name1, country1): (&str, &str),
    (name2, country2): (&str, &str),
    code: &str,
    place: &str,
    url: &str,
) -> String {
    let mut cells = vec![String::new(); COLUMNS];
    cells[col::GLOBAL_EVENT_ID] = id.to_owned();
    cells[col::DAY] = day.to_owned();
    cells[2] = day.get(..6).unwrap_or(day).to_owned();
    cells[3] = day.get(..4).unwrap_or(day).to_owned();
    cells[4] = format!("{}.0411", day.get(..4).unwrap_or(day));
    cells[5] = country1.to_owned();
    cells[col::ACTOR1_NAME] = name1.to_owned();
    cells[col::ACTOR1_COUNTRY] = country1.to_owned();
    cells[15] = country2.to_owned();
    cells[col::ACTOR2_NAME] = name2.to_owned();
    cells[col::ACTOR2_COUNTRY] = country2.to_owned();
    cells[25] = "1".to_owned();
    cells[col::EVENT_CODE] = code.to_owned();
    cells[27] = code.get(..3).unwrap_or(code).to_owned();
    cells[col::EVENT_ROOT_CODE] = code.get(..2).unwrap_or(code).to_owned();
    cells[29] = "1".to_owned();
    cells[col::GOLDSTEIN] = "1.9".to_owned();
    cells[col::NUM_MENTIONS] = "10".to_owned();
    cells[col::NUM_SOURCES] = "2".to_owned();
    cells[col::NUM_ARTICLES] = "10".to_owned();
    cells[col::AVG_TONE] = "-2.35".to_owned();
    cells[51] = "4".to_owned();
    cells[col::ACTION_GEO_FULL_NAME] = place.to_owned();
    // DATEADDED: the 15 minutes in 2.0, the day in 1.0.
    cells[59] = match layout {
        Layout::V2 => format!("{day}121500"),
        Layout::V1Daily | Layout::V1Backfile => day.to_owned(),
    };
    cells[col::SOURCE_URL] = url.to_owned();
    let kept: Vec<String> = (0..COLUMNS)
        .filter(|&v2| layout.position(v2).is_some())
        .map(|v2| std::mem::take(&mut cells[v2]))
        .collect();
    kept.join("\t")
}

/// `read_from` over text already in memory, for `formats::read`.
pub fn read(text: &str, file: &str) -> Result<Parsed> {
    Ok(read_from(text.as_bytes(), file)?.parsed)
}

/// Whether `text` looks like a GDELT event file: its first non-blank line has the columns of
/// one of GDELT's layouts (61, 58 or 57, tab-separated), the first a number and the second a
/// YYYYMMDD day; or it is a header row naming GLOBALEVENTID, as BigQuery exports it.
pub fn looks_like(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    if header(first).is_some() {
        return true;
    }
    let cells: Vec<&str> = first.split('\t').collect();
    Layout::of(cells.len()).is_some()
        && all_digits(cells[col::GLOBAL_EVENT_ID])
        && cells[col::DAY].len() == 8
        && all_digits(cells[col::DAY])
}

/// Whether a file's name is that of a GDELT event export (`20240115120000.export.CSV`, or
/// `20130401.export.CSV` from GDELT 1.0).
pub fn is_export_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".export.csv")
}

/// Whether a name inside an archive is that of a file of the GDELT 1.0 historical backfile:
/// a year (`1979.csv`) or, from 2006, a month (`200601.csv`). Only trusted inside a zip
/// archive: as a file of its own, `2024.csv` may be anybody's table.
pub fn is_backfile_name(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    base.strip_suffix(".csv")
        .is_some_and(|stem| matches!(stem.len(), 4 | 6) && all_digits(stem))
}

/// The cells of a header row, and whether they are comma-separated: a first line with a cell
/// named GLOBALEVENTID (as BigQuery and most tools name the id), tab- or comma-separated.
fn header(text: &str) -> Option<(Vec<String>, bool)> {
    let comma = !text.contains('\t');
    let cells = if comma {
        csv_cells(text)?
    } else {
        text.split('\t').map(str::to_owned).collect()
    };
    cells
        .iter()
        .any(|c| c.trim().eq_ignore_ascii_case("GlobalEventID"))
        .then_some((cells, comma))
}

/// The cells of one comma-separated line, quotes undone (a place name holds commas).
fn csv_cells(text: &str) -> Option<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .next()?
        .ok()
        .map(|record| record.iter().map(str::to_owned).collect())
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

enum Row {
    Kept {
        event: Box<Event>,
        source_left_out: bool,
    },
    Elsewhere,
    Bad(Rejected),
}

/// The side a GDELT actor country code stands for, among the two kept.
fn side(code: &str) -> Option<Side> {
    match code {
        "USA" => Some(Side::Us),
        "CHN" => Some(Side::China),
        _ => None,
    }
}

/// What an actor is called when GDELT gives only its country.
fn country_name(side: Side) -> &'static str {
    match side {
        Side::China => "China",
        _ => "United States",
    }
}

/// Reads one row. Without a header, the first row read sets the file's `shape` by its width;
/// a later row of another width is refused, naming both.
fn row(text: &str, line: usize, shape: &mut Option<Shape>) -> Row {
    let at = Location::Line(line);
    let comma = shape.as_ref().is_some_and(|s| s.comma);
    let owned;
    let cells: Vec<&str> = if comma {
        let Some(cells) = csv_cells(text) else {
            return Row::Bad(Rejected::new(
                at,
                "row",
                "the row is not comma-separated text",
            ));
        };
        owned = cells;
        owned.iter().map(String::as_str).collect()
    } else {
        text.split('\t').collect()
    };
    let width = cells.len();
    let separated = if comma { "comma" } else { "tab" };
    let shape = match shape {
        Some(set) if set.width != width => {
            let message = match set.layout {
                None => format!(
                    "the row has {width} {separated}-separated columns, but the file's header \
                     has {}",
                    set.width
                ),
                Some(layout) => format!(
                    "the row has {width} {separated}-separated columns, but the rows before it \
                     have {} ({})",
                    set.width,
                    layout.label()
                ),
            };
            return Row::Bad(Rejected::new(at, "row", message));
        }
        Some(set) => set,
        None => match Layout::of(width) {
            Some(layout) => shape.insert(Shape::of_layout(layout)),
            None => {
                return Row::Bad(Rejected::new(
                    at,
                    "row",
                    format!(
                        "the row has {width} tab-separated columns, a GDELT event row has \
                         {COLUMNS} (58 or 57 in GDELT 1.0 files)"
                    ),
                ))
            }
        },
    };
    let version = match shape.version_of(&cells) {
        Ok(version) => {
            shape.version = Some(version);
            version
        }
        Err((i, message)) => return Row::Bad(Rejected::new(at, shape.column(i), message)),
    };
    let cell = |i: usize| cells[i].trim();
    let (Some(side1), Some(side2)) = (
        side(cell(shape.at.actor1_country)),
        side(cell(shape.at.actor2_country)),
    ) else {
        return Row::Elsewhere;
    };
    if side1 == side2 {
        return Row::Elsewhere;
    }
    match event(&cells, shape, version, at, (side1, side2)) {
        Ok((event, source_left_out)) => Row::Kept {
            event: Box::new(event),
            source_left_out,
        },
        Err(rejected) => Row::Bad(rejected),
    }
}

/// Reads a row of `shape` whose actors are on `sides`. A column the shape lacks, or an empty
/// cell in one it may lack, leaves its part out; a cell that cannot be read is refused with
/// its column.
fn event(
    cells: &[&str],
    shape: &Shape,
    version: Version,
    at: Location,
    (side1, side2): (Side, Side),
) -> std::result::Result<(Event, bool), Rejected> {
    let p = &shape.at;
    let cell = |i: usize| cells[i].trim();
    let optional = |i: Option<usize>| i.map(cell).filter(|c| !c.is_empty());
    let bad = |i: usize, message: String| Rejected::new(at, shape.column(i), message);
    let id = cell(p.id);
    if !all_digits(id) {
        return Err(bad(
            p.id,
            format!("{} is not a GDELT event number", excerpt(id)),
        ));
    }
    let start = day(cell(p.day)).map_err(|m| bad(p.day, m))?;
    let code = cell(p.code);
    // BigQuery exports may leave the root out: it is the code's first two digits.
    let (root, root_at) = match p.root {
        Some(i) => (cell(i), i),
        None => (code.get(..2).unwrap_or(code), p.code),
    };
    let Some(kind) = root_of(root).and_then(|_| kind_of(code, root)) else {
        return Err(bad(
            root_at,
            format!("{} is not a CAMEO root code (01 to 20)", excerpt(root)),
        ));
    };
    if !all_digits(code) || !code.starts_with(root) {
        return Err(bad(
            p.code,
            format!(
                "{} is not a CAMEO event code under root {root}",
                excerpt(code)
            ),
        ));
    }
    let number = |i: Option<usize>| -> std::result::Result<Option<f64>, Rejected> {
        let Some(text) = optional(i) else {
            return Ok(None);
        };
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Some)
            .ok_or_else(|| bad(i.unwrap_or(0), format!("{} is not a number", excerpt(text))))
    };
    let count = |i: Option<usize>| -> std::result::Result<Option<u64>, Rejected> {
        let Some(text) = optional(i) else {
            return Ok(None);
        };
        text.parse::<u64>()
            .map(Some)
            .map_err(|_| bad(i.unwrap_or(0), format!("{} is not a count", excerpt(text))))
    };
    let goldstein = number(p.goldstein)?;
    let coverage = (count(p.mentions)?, count(p.sources)?, count(p.articles)?);
    let tone = number(p.tone)?;

    let name = |i: Option<usize>, side: Side| {
        optional(i).map_or_else(|| country_name(side).to_owned(), title_case)
    };
    let actor1 = name(p.actor1_name, side1);
    let actor2 = name(p.actor2_name, side2);
    let title = format!("{actor1} {} {actor2}", verb_of(code, root));
    let mut parts = vec![format!("CAMEO event {code}")];
    if let Some(goldstein) = goldstein {
        parts.push(format!("Goldstein scale {goldstein:.1}"));
    }
    match coverage {
        (Some(mentions), Some(sources), Some(articles)) => parts.push(format!(
            "{mentions} mentions in {sources} sources ({articles} articles)"
        )),
        (mentions, sources, articles) => parts.extend(
            [
                (mentions, "mentions"),
                (sources, "sources"),
                (articles, "articles"),
            ]
            .into_iter()
            .filter_map(|(n, what)| n.map(|n| format!("{n} {what}"))),
        ),
    }
    if let Some(tone) = tone {
        parts.push(format!("average tone {tone:.1}"));
    }
    let summary = format!(
        "Coded by the GDELT Project from news coverage: {}.",
        parts.join(", ")
    );
    let location = optional(p.place).map(str::to_owned);
    let url = optional(p.url).unwrap_or("");
    let source = normalize_web_url(url).ok().map(|url| Source {
        reported_date: None,
        reported_place: None,
        archived_url: None,
        archived_at: None,
        publisher: publisher(&url),
        url,
        title: "News report coded by GDELT".to_owned(),
        published: None,
        quote: None,
    });
    let source_left_out = source.is_none();
    let event = Event {
        links: Vec::new(),
        title_zh: None,
        verification: None,
        id: format!("{}{id}", version.id_prefix()),
        title,
        summary,
        start,
        end: None,
        kind,
        actors: vec![
            Actor {
                name_zh: None,
                pinyin: None,
                name: actor1,
                side: side1,
            },
            Actor {
                name_zh: None,
                pinyin: None,
                name: actor2,
                side: side2,
            },
        ],
        location,
        tags: Vec::new(),
        sources: source.into_iter().collect(),
    }
    .normalized();
    event.validate().map_err(|e| Rejected::from_error(at, e))?;
    Ok((event, source_left_out))
}

/// Day as GDELT writes it, `YYYYMMDD`.
fn day(text: &str) -> std::result::Result<PartialDate, String> {
    let wrong = || format!("{} is not a day written YYYYMMDD", excerpt(text));
    if text.len() != 8 || !all_digits(text) {
        return Err(wrong());
    }
    let (year, month, day) = (&text[..4], &text[4..6], &text[6..]);
    let (Ok(year), Ok(month), Ok(day)) = (year.parse(), month.parse(), day.parse()) else {
        return Err(wrong());
    };
    PartialDate::day(year, month, day).map_err(|e| format!("{}: {e}", excerpt(text)))
}

/// The CAMEO root (1 to 20) of a two-digit root code.
fn root_of(root: &str) -> Option<u8> {
    if root.len() != 2 || !all_digits(root) {
        return None;
    }
    root.parse().ok().filter(|r| (1..=20).contains(r))
}

/// Our kind for a CAMEO event code (`code`, e.g. `042`) under its root (`root`, e.g. `04`).
/// The root decides, except for the few base codes (first three digits) that name one of our
/// kinds exactly:
///
/// | CAMEO root | meaning | kind |
/// |---|---|---|
/// | 01, 02 | make public statement, appeal | statement |
/// | 03 | express intent to cooperate | statement (an intent; nothing is agreed yet) |
/// | 04 | consult | meeting; 041 discuss by telephone → call; 042 make a visit, 043 host a visit → visit |
/// | 05 | engage in diplomatic cooperation (praise, defend, recognise, apologise) | statement; 057 sign formal agreement → agreement |
/// | 06 | engage in material cooperation | agreement (cooperation carried out under an understanding) |
/// | 07, 08, 09 | provide aid, yield, investigate | other |
/// | 10–14 | demand, disapprove, reject, threaten, protest | statement; 115 bring lawsuit → legal action |
/// | 15 | exhibit force posture | military incident |
/// | 16 | reduce relations (break ties, embargo, sanctions, expel) | trade measure |
/// | 17 | coerce | other (mostly seizures, arrests, expulsions, repression: none is a trade measure); 172 impose administrative sanctions → trade measure, 173 arrest or detain → legal action, 176 cyber attack → cyber/intelligence |
/// | 18, 19, 20 | assault, fight, mass violence | military incident |
pub fn kind_of(code: &str, root: &str) -> Option<Kind> {
    let base = code.get(..3).unwrap_or("");
    let exact = match base {
        "041" => Some(Kind::Call),
        "042" | "043" => Some(Kind::Visit),
        "057" => Some(Kind::Agreement),
        "115" | "173" => Some(Kind::LegalAction),
        "172" => Some(Kind::TradeMeasure),
        "176" => Some(Kind::CyberIntelligence),
        _ => None,
    };
    if exact.is_some() && code.starts_with(root) {
        return exact;
    }
    Some(match root_of(root)? {
        1..=3 | 5 | 10..=14 => Kind::Statement,
        4 => Kind::Meeting,
        6 => Kind::Agreement,
        15 | 18..=20 => Kind::MilitaryIncident,
        16 => Kind::TradeMeasure,
        _ => Kind::Other,
    })
}

/// The verb of a title ("United States <verb> China") for a CAMEO code.
fn verb_of(code: &str, root: &str) -> &'static str {
    match code.get(..3).unwrap_or("") {
        "041" => return "talks by telephone with",
        "042" => return "visits",
        "043" => return "hosts a visit by",
        "057" => return "signs an agreement with",
        "115" => return "brings a lawsuit against",
        "172" => return "imposes administrative sanctions on",
        "173" => return "arrests or detains people of",
        "176" => return "carries out a cyber attack on",
        _ => {}
    }
    match root_of(root).unwrap_or(0) {
        1 => "makes a public statement on",
        2 => "appeals to",
        3 => "expresses intent to cooperate with",
        4 => "consults with",
        5 => "cooperates diplomatically with",
        6 => "cooperates materially with",
        7 => "provides aid to",
        8 => "yields to",
        9 => "investigates",
        10 => "makes demands of",
        11 => "disapproves of",
        12 => "rejects proposals from",
        13 => "threatens",
        14 => "protests against",
        15 => "shows military force toward",
        16 => "reduces relations with",
        17 => "coerces",
        18 => "assaults",
        19 => "fights",
        _ => "uses mass violence against",
    }
}

/// GDELT writes names in capitals ("UNITED STATES"); titles read better in title case.
fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The site that published the report: the URL's host, without `www.`.
fn publisher(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_owned())
        })
        .unwrap_or_default()
}

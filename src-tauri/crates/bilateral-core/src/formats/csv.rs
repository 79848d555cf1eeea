//! CSV (RFC 4180: UTF-8, CRLF, a header row; written with a byte-order mark so spreadsheets
//! pick UTF-8): one row per event, in the columns
//! `id,title,title_zh,summary,start,start_precision,end,end_precision,kind,actors,actors_zh,`
//! `location,tags,sources,verification,links`.
//!
//! Cells:
//! - `start`, `end`: ISO text, `2023`, `2023-11` or `2023-11-15`; `end` empty when none.
//! - `start_precision`, `end_precision`: `year`, `month` or `day`, from the date. On import a
//!   precision coarser than the date cuts the date down (so a spreadsheet that turned
//!   `2023-11` into `2023-11-01` loses nothing); a finer one is an error; empty means "as
//!   written".
//! - `kind`: the code (`trade_measure`); import also takes the label (`Trade measure`).
//! - `actors`: `Name (side); Name (side)`, side as a code (`us`, `third_party`; import also
//!   takes labels). Inside a name `\` is written `\\` and `;` is written `\;`. The side is the
//!   last parenthesised group, so names may hold parentheses: `PLA (Navy) (china)`.
//! - `actors_zh`: the actors' Chinese names and pinyin, as a JSON list in the order of
//!   `actors`, each `["习近平", "Xí Jìnpíng"]` or `null`; empty when no actor has one.
//! - `tags`: `tag; tag`, escaped like actor names.
//! - `location`: text, empty for none.
//! - `sources`: the JSON array of the sources, exactly as Bilateral JSON writes it; empty for
//!   none.
//! - `verification`: how well the sources attest the event (`corroborated`, `single_source`,
//!   `disputed`, `unsourced`); written for readers, ignored on import (it is worked out from
//!   the sources).
//! - `links`: typed links to other events, `relation:event-id` separated by `;`
//!   (`responds_to:2018-07-06-us-section-301-tariffs;part_of:2023-11-15-woodside-summit`),
//!   relation one of `responds_to`, `follows_up`, `part_of`. In an id, `%` is written `%25`
//!   and `;` `%3B` (`link::encode`). A file without the column (an earlier release's) says
//!   nothing about links, so an import keeps the stored ones (`Columns::coverage`), as for every
//!   column a file may leave out.
//! - Formula guard: a text cell beginning with `=`, `+`, `-`, `@`, tab or carriage return
//!   (after any run of `'`) is written with one more leading `'`, so a spreadsheet shows it as
//!   text instead of running it. Import removes that one `'`. Reversible.
//!
//! Round trip: lossless for events as the store keeps them (text trimmed, no empty tags or
//! names); surrounding spaces of actor names and tags are trimmed on import.

use std::fmt::Write as _;
use std::io::{self, Write};

use ::csv::{StringRecord, Terminator, WriterBuilder};

use super::csv_rows::{Rows, StreamRows};
use super::event_source::{EventSource, Owned};
use super::labels::{kind_from_label, side_from_label};
use super::message::{date_error, message, serde_field};
use super::parsed::{Location, Parsed, Rejected};
use super::progress::Progress;
use super::stream::Item;
use crate::date::{PartialDate, Precision};
use crate::error::{Error, Result};
use crate::limits::excerpt;
use crate::merge::{Coverage, Field};
use crate::model::{Actor, Event, Kind, Source};

pub const COLUMNS: [&str; 16] = [
    "id",
    "title",
    "title_zh",
    "summary",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "kind",
    "actors",
    "actors_zh",
    "location",
    "tags",
    "sources",
    "verification",
    "links",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn write(events: &[Event], out: &mut dyn Write, progress: &mut Progress<'_>) -> io::Result<()> {
    write_from(&mut events.iter(), out, progress)
}

/// `write`, taking the events from an iterator as they are read (an export of the whole
/// store): the same bytes, and never every event in memory.
pub fn write_iter(
    events: &mut dyn Iterator<Item = Event>,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    write_from(&mut Owned::new(events), out, progress)
}

/// `write`, taking the events from `events` one at a time.
pub(crate) fn write_from(
    events: &mut dyn EventSource,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    out.write_all(BOM)?;
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(out);
    writer.write_record(COLUMNS).map_err(io_error)?;
    let mut scratch = Scratch::default();
    while let Some(event) = events.next_event() {
        write_row(&mut writer, event, &mut scratch).map_err(io_error)?;
        progress.tick();
    }
    writer.flush()
}

/// The writing's own error when there is one (a full disk stays `StorageFull`), where the
/// conversion `csv` offers makes every error `Other`.
fn io_error(error: ::csv::Error) -> io::Error {
    if !error.is_io_error() {
        return io::Error::other(error);
    }
    match error.into_kind() {
        ::csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Buffers a row's composed cells are written in, kept from row to row: an export of a
/// million events does not allocate a dozen strings for each.
#[derive(Default)]
struct Scratch {
    text: String,
    json: Vec<u8>,
}

/// One event's row, cell by cell in the order of `COLUMNS`.
fn write_row<W: Write>(
    writer: &mut ::csv::Writer<W>,
    event: &Event,
    scratch: &mut Scratch,
) -> ::csv::Result<()> {
    let text = &mut scratch.text;
    write_guarded(writer, &event.id, text)?;
    write_guarded(writer, &event.title, text)?;
    write_guarded(writer, event.title_zh.as_deref().unwrap_or_default(), text)?;
    write_guarded(writer, &event.summary, text)?;
    for date in [Some(event.start), event.end] {
        text.clear();
        if let Some(date) = date {
            write!(text, "{date}").map_err(io::Error::other)?;
        }
        writer.write_field(&*text)?;
        writer.write_field(
            date.map(|d| precision_name(d.precision()))
                .unwrap_or_default(),
        )?;
    }
    writer.write_field(event.kind.as_str())?;
    text.clear();
    push_actors(text, &event.actors);
    guard_in_place(text);
    writer.write_field(&*text)?;
    writer.write_field(encode_actors_zh(&event.actors)?)?;
    write_guarded(writer, event.location.as_deref().unwrap_or_default(), text)?;
    text.clear();
    push_escaped_list(text, event.tags.iter().map(String::as_str));
    guard_in_place(text);
    writer.write_field(&*text)?;
    let json = &mut scratch.json;
    json.clear();
    if !event.sources.is_empty() {
        serde_json::to_writer(&mut *json, &event.sources).map_err(io::Error::from)?;
    }
    writer.write_field(&*json)?;
    writer.write_field(event.attested().as_str())?;
    if event.links.is_empty() {
        writer.write_field("")?;
    } else {
        writer.write_field(crate::link::encode(&event.links))?;
    }
    writer.write_record(None::<&[u8]>)?;
    Ok(())
}

/// Writes `cell` with the formula guard, composing it in `scratch` only when it needs one.
fn write_guarded<W: Write>(
    writer: &mut ::csv::Writer<W>,
    cell: &str,
    scratch: &mut String,
) -> ::csv::Result<()> {
    if needs_guard(cell) {
        scratch.clear();
        scratch.push('\'');
        scratch.push_str(cell);
        writer.write_field(&*scratch)?;
    } else {
        writer.write_field(cell)?;
    }
    Ok(())
}

/// The `actors_zh` cell: empty unless some actor has a Chinese name or pinyin.
fn encode_actors_zh(actors: &[Actor]) -> io::Result<String> {
    if actors
        .iter()
        .all(|a| a.name_zh.is_none() && a.pinyin.is_none())
    {
        return Ok(String::new());
    }
    let pairs: Vec<Option<(&str, &str)>> = actors
        .iter()
        .map(|a| {
            (a.name_zh.is_some() || a.pinyin.is_some()).then(|| {
                (
                    a.name_zh.as_deref().unwrap_or_default(),
                    a.pinyin.as_deref().unwrap_or_default(),
                )
            })
        })
        .collect();
    Ok(serde_json::to_string(&pairs)?)
}

/// Puts the `actors_zh` cell's names on the actors, in order; an empty name is none.
fn decode_actors_zh(cell: &str, actors: &mut [Actor]) -> std::result::Result<(), (String, String)> {
    if cell.trim().is_empty() {
        return Ok(());
    }
    let pairs: Vec<Option<(String, String)>> = serde_json::from_str(cell).map_err(|e| {
        (
            "actors_zh".to_owned(),
            format!("not a JSON list of [Chinese name, pinyin] pairs: {e}"),
        )
    })?;
    if pairs.len() != actors.len() {
        return Err((
            "actors_zh".to_owned(),
            format!(
                "{} Chinese names for {} actors: give one per actor, null for none",
                pairs.len(),
                actors.len()
            ),
        ));
    }
    let some = |t: String| (!t.trim().is_empty()).then_some(t);
    for (actor, pair) in actors.iter_mut().zip(pairs) {
        if let Some((zh, pinyin)) = pair {
            actor.name_zh = some(zh);
            actor.pinyin = some(pinyin);
        }
    }
    Ok(())
}

pub fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

fn parse_precision(text: &str) -> Option<Precision> {
    match text.trim().to_ascii_lowercase().as_str() {
        "year" => Some(Precision::Year),
        "month" => Some(Precision::Month),
        "day" => Some(Precision::Day),
        _ => None,
    }
}

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_guard(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Adds the leading `'` of the formula guard where needed.
pub fn guard(text: &str) -> String {
    let mut guarded = text.to_owned();
    guard_in_place(&mut guarded);
    guarded
}

fn guard_in_place(text: &mut String) {
    if needs_guard(text) {
        text.insert(0, '\'');
    }
}

/// Removes the leading `'` that `guard` added.
pub fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(text) => rest,
        _ => text,
    }
}

/// Appends `text` with `\\` written `\\\\` and `;` written `\\;`.
fn push_escaped(into: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => into.push_str("\\\\"),
            ';' => into.push_str("\\;"),
            _ => into.push(c),
        }
    }
}

/// Appends `items`, escaped, separated by `; `.
fn push_escaped_list<'a>(into: &mut String, items: impl Iterator<Item = &'a str>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            into.push_str("; ");
        }
        push_escaped(into, item);
    }
}

/// Splits on unescaped `;`, undoing `\\` and `\;`; items are trimmed and empty ones dropped.
pub fn split_escaped(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => current.push(next),
                None => current.push('\\'),
            },
            ';' => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}

pub fn encode_actors(actors: &[Actor]) -> String {
    let mut text = String::new();
    push_actors(&mut text, actors);
    text
}

/// Appends the `actors` cell: `Name (side); Name (side)`, names escaped.
fn push_actors(into: &mut String, actors: &[Actor]) {
    for (i, actor) in actors.iter().enumerate() {
        if i > 0 {
            into.push_str("; ");
        }
        push_escaped(into, &actor.name);
        into.push_str(" (");
        into.push_str(actor.side.as_str());
        into.push(')');
    }
}

pub fn decode_actors(text: &str) -> std::result::Result<Vec<Actor>, (String, String)> {
    split_escaped(text)
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let bad = |message: String| (format!("actors[{i}]"), message);
            let open = item
                .strip_suffix(')')
                .and_then(|body| body.rfind('(').map(|p| (body, p)));
            let Some((body, p)) = open else {
                return Err(bad(format!(
                    "{} is not `Name (side)`, with side one of us, china, taiwan, \
                     third_party, international",
                    excerpt(&item)
                )));
            };
            let side_text = &body[p + 1..];
            let side = side_from_label(side_text)
                .ok_or_else(|| bad(format!("{} is not a side", excerpt(side_text))))?;
            Ok(Actor {
                name_zh: None,
                pinyin: None,
                name: body[..p].trim().to_owned(),
                side,
            })
        })
        .collect()
}

/// A date cell and its precision cell.
fn decode_date(
    text: &str,
    precision: &str,
    field: &str,
) -> std::result::Result<PartialDate, (String, String)> {
    let date: PartialDate = text
        .trim()
        .parse()
        .map_err(|e| (field.to_owned(), date_error(&e)))?;
    if precision.trim().is_empty() {
        return Ok(date);
    }
    let wanted = parse_precision(precision).ok_or_else(|| {
        (
            format!("{field}_precision"),
            format!("{} is not year, month or day", excerpt(precision)),
        )
    })?;
    if wanted > date.precision() {
        return Err((
            format!("{field}_precision"),
            format!("says {} but {field} is {date}", excerpt(precision.trim())),
        ));
    }
    Ok(truncate(date, wanted))
}

/// The date cut down to `precision` (never made finer).
pub fn truncate(date: PartialDate, precision: Precision) -> PartialDate {
    use chrono::Datelike;
    let day = date.first_day();
    let cut = match precision.min(date.precision()) {
        Precision::Year => PartialDate::year(day.year()),
        Precision::Month => PartialDate::month(day.year(), day.month()),
        Precision::Day => return date,
    };
    cut.unwrap_or(date)
}

/// The `sources` cell: one JSON list and nothing after it (text after the list would be
/// silently dropped otherwise), or empty for none.
fn decode_sources(cell: &str) -> std::result::Result<Vec<Source>, (String, String)> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(Vec::new());
    }
    let mut de = serde_json::Deserializer::from_str(cell);
    let sources = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        (
            serde_field("sources", e.path()),
            message(&e.inner().to_string()),
        )
    })?;
    de.end().map_err(|e| {
        (
            "sources".to_owned(),
            format!(
                "text follows the list of sources, at column {} of the cell: {}",
                e.column(),
                excerpt(cell.get(e.column().saturating_sub(1)..).unwrap_or_default())
            ),
        )
    })?;
    Ok(sources)
}

/// Where each column sits in the file; columns may come in any order.
struct Columns {
    index: [Option<usize>; COLUMNS.len()],
}

/// The columns that say each field a file may leave out (title and start are required).
const FIELD_COLUMNS: [(&str, Field); 8] = [
    ("title_zh", Field::ChineseTitle),
    ("summary", Field::Summary),
    ("kind", Field::Kind),
    ("actors", Field::Actors),
    ("location", Field::Location),
    ("tags", Field::Tags),
    ("sources", Field::Sources),
    ("links", Field::Links),
];

/// The coverage of the CSV whose first bytes are `head`, or `None` when its header cannot be
/// read there (the reading proper then says what is wrong).
pub fn head_coverage(head: &[u8]) -> Option<Coverage> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut reader = ::csv::ReaderBuilder::new().flexible(true).from_reader(head);
    let header = reader.headers().ok()?;
    Columns::from_header(header, "")
        .ok()
        .map(|columns| columns.coverage())
}

impl Columns {
    fn from_header(header: &StringRecord, file: &str) -> Result<Self> {
        let mut index = [None; COLUMNS.len()];
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().to_ascii_lowercase();
            let Some(col) = COLUMNS.iter().position(|c| *c == name) else {
                return Err(Error::Parse {
                    file: file.to_owned(),
                    line: 1,
                    column: i + 1,
                    message: format!(
                        "unknown column {}: the columns are {}",
                        excerpt(&name),
                        COLUMNS.join(",")
                    ),
                });
            };
            index[col] = Some(i);
        }
        for required in ["title", "start"] {
            let col = COLUMNS.iter().position(|c| *c == required).unwrap_or(0);
            if index[col].is_none() {
                return Err(Error::Parse {
                    file: file.to_owned(),
                    line: 1,
                    column: 1,
                    message: format!("the header has no {required:?} column"),
                });
            }
        }
        Ok(Self { index })
    }

    /// What a file with these columns can say. A column it lacks (a file written before the
    /// column existed, or cut down by hand) leaves that field of a stored event as it is,
    /// rather than erasing it.
    fn coverage(&self) -> Coverage {
        FIELD_COLUMNS
            .into_iter()
            .filter(|(column, _)| self.position(column).is_none())
            .fold(Coverage::ALL, |coverage, (_, field)| {
                coverage.without(field)
            })
    }

    /// Where the column `name` stands in this file's rows, if the file has it.
    fn position(&self, name: &str) -> Option<usize> {
        COLUMNS
            .iter()
            .position(|c| *c == name)
            .and_then(|col| self.index[col])
    }

    fn cell<'r>(&self, record: &'r StringRecord, name: &str) -> &'r str {
        self.position(name)
            .and_then(|i| record.get(i))
            .unwrap_or_default()
    }

    fn event(&self, record: &StringRecord) -> std::result::Result<Event, (String, String)> {
        let cell = |name: &str| self.cell(record, name);
        let text = |name: &str| unguard(cell(name)).to_owned();
        let start = decode_date(cell("start"), cell("start_precision"), "start")?;
        let end = if cell("end").trim().is_empty() {
            None
        } else {
            Some(decode_date(cell("end"), cell("end_precision"), "end")?)
        };
        let kind = match cell("kind").trim() {
            "" => Kind::Other,
            k => kind_from_label(k)
                .ok_or_else(|| ("kind".to_owned(), format!("{} is not a kind", excerpt(k))))?,
        };
        let sources = decode_sources(cell("sources"))?;
        let location = text("location");
        let title_zh = text("title_zh");
        let mut actors = decode_actors(unguard(cell("actors")))?;
        decode_actors_zh(cell("actors_zh"), &mut actors)?;
        let links = crate::link::decode(cell("links")).map_err(|m| ("links".to_owned(), m))?;
        Ok(Event {
            links,
            title_zh: (!title_zh.trim().is_empty()).then_some(title_zh),
            verification: None,
            id: text("id").trim().to_owned(),
            title: text("title"),
            summary: text("summary"),
            start,
            end,
            kind,
            actors,
            location: (!location.trim().is_empty()).then_some(location),
            tags: split_escaped(unguard(cell("tags"))),
            sources,
        })
    }
}

pub fn read(text: &str, file: &str) -> Result<Parsed> {
    let mut rows = Rows::new(text, file)?;
    let columns = Columns::from_header(rows.header(), file)?;
    let mut parsed = Parsed {
        coverage: Some(columns.coverage()),
        ..Parsed::default()
    };
    let mut record = StringRecord::new();
    while let Some(line) = rows.next(&mut record)? {
        let at = Location::Line(line);
        match rows
            .check_width(&record)
            .and_then(|()| columns.event(&record))
        {
            Ok(event) => parsed.push(event, at),
            Err((field, message)) => parsed.reject(at, field, message),
        }
    }
    Ok(parsed)
}

/// Reads rows from `reader` one at a time (after any byte-order mark), handing each event or
/// rejection to `sink` as it is read: the file is never held whole. An error from `sink` stops
/// the reading and is the answer.
pub fn each(
    reader: impl std::io::Read,
    file: &str,
    sink: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<()> {
    let mut rows = StreamRows::new(reader, file)?;
    let columns = Columns::from_header(rows.header(), file)?;
    let mut record = StringRecord::new();
    while let Some(line) = rows.next(&mut record)? {
        let at = Location::Line(line);
        match rows
            .check_width(&record)
            .and_then(|()| columns.event(&record))
        {
            Ok(event) => sink(Item::Event(event, at))?,
            Err((field, message)) => sink(Item::Rejected(Rejected::new(at, field, message)))?,
        }
    }
    Ok(())
}

//! TimelineJS3 JSON (<https://timeline.knightlab.com/docs/json-format.html>):
//! `{"title": {"text": {...}}, "events": [{"start_date": {"year": "2023", "month": "11",
//! "day": "15"}, "end_date": ..., "text": {"headline": ..., "text": ...}, "group": "Summit",
//! "unique_id": "..."}]}`.
//!
//! Partial dates stay partial: a month-precise date has no `day`, a year-precise one no
//! `month`, and TimelineJS shows them as "November 2023" and "2023". `group` is the kind's
//! label, so TimelineJS draws one row per kind. TimelineJS renders `headline` and `text` as
//! HTML, so text is HTML-escaped: the summary becomes paragraphs, and the sources a list of
//! links in `<p class="bilateral-sources">`.
//!
//! Import (also of files made by TimelineJS users): HTML is reduced to plain text, links to
//! http(s) pages become sources (titled with the link text), the kind comes from `group` when
//! it names a kind, else `other`. Eras, media, backgrounds and times of day are not read.
//!
//! Not carried: actors, tags, location, and a source's publisher, date and quote.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::Datelike;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize};

use super::decode::json_error;
use super::event_source::{EventSource, Shown, SourceSequence};
use super::html::escape_html;
use super::html_to_text::{one_line, reduce, Link, SOURCES_CLASS};
use super::labels::{kind_from_label, kind_label};
use super::message::serde_field;
use super::parsed::{Location, Parsed, Rejected};
use super::progress::Progress;
use super::ExportOptions;
use crate::date::{PartialDate, Precision};
use crate::error::Result;
use crate::limits::excerpt;
use crate::model::{Event, Kind, Source};

#[derive(Serialize)]
struct Timeline<E: Serialize> {
    title: Slide,
    events: E,
}

#[derive(Serialize)]
struct Slide {
    text: Text,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// A TimelineJS date: all parts as text, finer parts left out when unknown.
#[derive(Serialize)]
struct Date {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
}

impl Date {
    fn of(date: PartialDate) -> Self {
        let first = date.first_day();
        let precision = date.precision();
        Self {
            year: first.year().to_string(),
            month: (precision >= Precision::Month).then(|| first.month().to_string()),
            day: (precision == Precision::Day).then(|| first.day().to_string()),
        }
    }
}

#[derive(Serialize)]
struct Slot<'a> {
    start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    text: Text,
    group: &'static str,
    unique_id: &'a str,
}

pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    write_from(&mut events.iter(), options, out, progress)
}

/// Each event as a TimelineJS slide.
struct AsSlot;

impl Shown for AsSlot {
    fn element<S: SerializeSeq>(&self, event: &Event, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(&slot(event))
    }
}

/// `write`, taking the events from `events` one at a time (an export of the store, read as
/// it is written).
pub(crate) fn write_from(
    events: &mut dyn EventSource,
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let timeline = Timeline {
        title: Slide {
            text: Text {
                headline: escape_html(&options.title),
                text: String::new(),
            },
        },
        events: SourceSequence {
            events: RefCell::new(events),
            progress: RefCell::new(progress),
            shown: AsSlot,
        },
    };
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &timeline)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn slot(e: &Event) -> Slot<'_> {
    Slot {
        start_date: Date::of(e.start),
        end_date: e.end.map(Date::of),
        text: Text {
            headline: escape_html(&e.title),
            text: body_html(e),
        },
        group: kind_label(e.kind),
        unique_id: &e.id,
    }
}

/// The summary as paragraphs, then the sources as links.
fn body_html(event: &Event) -> String {
    let mut html = String::new();
    for paragraph in event
        .summary
        .trim()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
    {
        let lines: Vec<String> = paragraph.trim().lines().map(escape_html).collect();
        let _ = write!(html, "<p>{}</p>", lines.join("<br>"));
    }
    if !event.sources.is_empty() {
        let links: Vec<String> = event
            .sources
            .iter()
            .map(|s| {
                let mut link = format!(
                    "<a href=\"{}\">{}</a>",
                    escape_html(s.url.trim()),
                    escape_html(s.title.trim())
                );
                if !s.publisher.trim().is_empty() {
                    let _ = write!(link, " — {}", escape_html(s.publisher.trim()));
                }
                link
            })
            .collect();
        let _ = write!(
            html,
            "<p class=\"{SOURCES_CLASS}\">Sources: {}</p>",
            links.join("<br>")
        );
    }
    html
}

/// What is read of a TimelineJS file: the events list, each item read on its own.
#[derive(Deserialize)]
struct TimelineIn {
    #[serde(default)]
    events: Vec<serde_json::Value>,
}

/// A number or text, as TimelineJS takes both for date parts.
#[derive(Deserialize)]
#[serde(untagged)]
enum Part {
    Number(i64),
    Text(String),
}

impl Part {
    /// `None` for an empty text; an error for text that is not a number.
    fn number(&self) -> std::result::Result<Option<i64>, String> {
        match self {
            Part::Number(n) => Ok(Some(*n)),
            Part::Text(t) if t.trim().is_empty() => Ok(None),
            Part::Text(t) => t
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| format!("{} is not a number", excerpt(t))),
        }
    }
}

#[derive(Deserialize)]
struct DateIn {
    year: Option<Part>,
    month: Option<Part>,
    day: Option<Part>,
}

#[derive(Deserialize)]
struct TextIn {
    #[serde(default)]
    headline: String,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct SlotIn {
    start_date: Option<DateIn>,
    end_date: Option<DateIn>,
    text: Option<TextIn>,
    group: Option<String>,
    unique_id: Option<String>,
}

pub fn read(text: &str, file: &str) -> Result<Parsed> {
    let timeline: TimelineIn = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
    let mut parsed = Parsed::default();
    for (i, value) in timeline.events.into_iter().enumerate() {
        let at = Location::Item(i);
        let slot: SlotIn = match serde_path_to_error::deserialize(value) {
            Ok(slot) => slot,
            Err(e) => {
                let field = serde_field("", e.path());
                parsed.reject(at, field, e.into_inner().to_string());
                continue;
            }
        };
        match event_from(slot) {
            Ok(event) => parsed.push(event, at),
            Err((field, message)) => parsed.rejected.push(Rejected::new(at, field, message)),
        }
    }
    Ok(parsed)
}

/// A TimelineJS date as a partial date: year, month and day as far as they are given.
pub(crate) fn partial_date(
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    field: &str,
) -> std::result::Result<PartialDate, (String, String)> {
    let bad = |message: String| (field.to_owned(), message);
    let year = year.ok_or_else(|| bad("the date has no year".to_owned()))?;
    let year = i32::try_from(year).map_err(|_| bad(format!("year {year} is out of range")))?;
    let part = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let date = match (month, day) {
        (None, None) => PartialDate::year(year),
        (Some(m), None) => PartialDate::month(year, part(m)),
        (Some(m), Some(d)) => PartialDate::day(year, part(m), part(d)),
        (None, Some(_)) => return Err(bad("the date has a day but no month".to_owned())),
    };
    date.map_err(|e| bad(e.to_string()))
}

fn date_in(date: &DateIn, field: &str) -> std::result::Result<PartialDate, (String, String)> {
    let number = |part: &Option<Part>, name: &str| {
        part.as_ref()
            .map(Part::number)
            .transpose()
            .map(Option::flatten)
            .map_err(|m| (format!("{field}.{name}"), m))
    };
    partial_date(
        number(&date.year, "year")?,
        number(&date.month, "month")?,
        number(&date.day, "day")?,
        field,
    )
}

/// Links become sources titled with their text (or their URL when the text is empty).
pub(crate) fn sources_from(links: impl IntoIterator<Item = Link>) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    for link in links {
        if sources.iter().any(|s| s.url == link.url) {
            continue;
        }
        sources.push(Source {
            reported_date: None,
            reported_place: None,
            archived_url: None,
            archived_at: None,
            title: if link.text.is_empty() {
                link.url.clone()
            } else {
                link.text
            },
            url: link.url,
            publisher: String::new(),
            published: None,
            quote: None,
        });
    }
    sources
}

/// The kind a TimelineJS group names, else `other`.
pub(crate) fn kind_of_group(group: Option<&str>) -> Kind {
    group.and_then(kind_from_label).unwrap_or(Kind::Other)
}

fn event_from(slot: SlotIn) -> std::result::Result<Event, (String, String)> {
    let start = match &slot.start_date {
        Some(date) => date_in(date, "start_date")?,
        None => {
            return Err((
                "start_date".to_owned(),
                "the event has no start_date".to_owned(),
            ))
        }
    };
    let end = slot
        .end_date
        .as_ref()
        .map(|d| date_in(d, "end_date"))
        .transpose()?;
    let text = slot.text.unwrap_or(TextIn {
        headline: String::new(),
        text: String::new(),
    });
    let headline = reduce(&text.headline);
    let body = reduce(&text.text);
    Ok(Event {
        links: Vec::new(),
        title_zh: None,
        verification: None,
        id: slot.unique_id.unwrap_or_default().trim().to_owned(),
        title: one_line(&headline.text),
        summary: body.text,
        start,
        end,
        kind: kind_of_group(slot.group.as_deref()),
        actors: Vec::new(),
        location: None,
        tags: Vec::new(),
        sources: sources_from(headline.links.into_iter().chain(body.links)),
    })
}

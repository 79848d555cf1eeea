//! iCalendar (RFC 5545): one `VEVENT` per event, for calendar applications.
//!
//! Each event is an all-day event: `DTSTART;VALUE=DATE` is the first day it covers and
//! `DTEND;VALUE=DATE` the day after the last (exclusive, as the RFC wants). A date known only
//! to the month or year therefore spans the whole month or year, and carries
//! `X-BILATERAL-PRECISION:month` or `:year` so import gives back "November 2023", not
//! "1 to 30 November 2023". An event with an end carries `X-BILATERAL-END-PRECISION` with the
//! end's precision, so import tells "ends 15 November" from "has no end".
//!
//! `UID` is `<event id>@bilateral`; `SUMMARY`, `DESCRIPTION` and `LOCATION` are the title,
//! summary and location; `URL` the first source; the first `CATEGORIES` holds the kind code and
//! a second one the tags. Text is escaped (`\\`, `\;`, `\,`, `\n`), lines are folded at 75
//! octets without splitting a UTF-8 character, and every line ends in CRLF.
//!
//! Not carried: actors, sources after the first, and a source's title, publisher, date and
//! quote (an imported source is titled with its URL); control characters other than line
//! breaks are dropped.
//!
//! Import reads any calendar's `VEVENT`s: `UID` (less `@bilateral`) becomes the id, a
//! date-time start or end keeps its calendar date, a first category that names a kind sets the
//! kind (else `other`) and the other categories become tags; non-web URLs are skipped.

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};

use super::csv::{precision_name, truncate};
use super::event_source::EventSource;
use super::labels::kind_from_label;
use super::parsed::{Location, Parsed};
use super::progress::Progress;
use super::ExportOptions;
use crate::date::{PartialDate, Precision};
use crate::error::{Error, Result};
use crate::limits::excerpt;
use crate::model::{check_web_url, Event, Kind, Source};

/// Appended to event ids to make `UID`s.
pub const UID_SUFFIX: &str = "@bilateral";
pub const PRODID: &str = "-//Bilateral//Bilateral US-China timeline//EN";
const PRECISION: &str = "X-BILATERAL-PRECISION";
const END_PRECISION: &str = "X-BILATERAL-END-PRECISION";
/// Longest line, in octets, before the line break (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    write_from(&mut events.iter(), options, out, progress)
}

/// `write`, taking the events from `events` one at a time (an export of the store, read as
/// it is written).
pub(crate) fn write_from(
    events: &mut dyn EventSource,
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut line = |text: &str| out.write_all(fold(text).as_bytes());
    line("BEGIN:VCALENDAR")?;
    line("VERSION:2.0")?;
    line(&format!("PRODID:{PRODID}"))?;
    line("CALSCALE:GREGORIAN")?;
    line("METHOD:PUBLISH")?;
    line(&format!("X-WR-CALNAME:{}", escape_text(&options.title)))?;
    let stamp = options.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    while let Some(event) = events.next_event() {
        line("BEGIN:VEVENT")?;
        line(&format!("UID:{}{UID_SUFFIX}", escape_text(&event.id)))?;
        line(&format!("DTSTAMP:{stamp}"))?;
        line(&format!(
            "DTSTART;VALUE=DATE:{}",
            ical_date(event.start.first_day())
        ))?;
        let last = event.end.unwrap_or(event.start).last_day();
        let after = last.succ_opt().unwrap_or(last);
        line(&format!("DTEND;VALUE=DATE:{}", ical_date(after)))?;
        line(&format!("SUMMARY:{}", escape_text(&event.title)))?;
        if let Some(zh) = event.title_zh.as_deref().filter(|t| !t.trim().is_empty()) {
            line(&format!("X-BILATERAL-TITLE-ZH:{}", escape_text(zh)))?;
        }
        line(&format!(
            "X-BILATERAL-VERIFICATION:{}",
            event.attested().as_str()
        ))?;
        if !event.summary.trim().is_empty() {
            line(&format!("DESCRIPTION:{}", escape_text(&event.summary)))?;
        }
        if let Some(location) = event.location.as_deref().filter(|l| !l.trim().is_empty()) {
            line(&format!("LOCATION:{}", escape_text(location)))?;
        }
        if let Some(source) = event.sources.first() {
            let url: String = source
                .url
                .trim()
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            line(&format!("URL:{url}"))?;
        }
        line(&format!("CATEGORIES:{}", event.kind.as_str()))?;
        if !event.tags.is_empty() {
            let tags: Vec<String> = event.tags.iter().map(|t| escape_text(t)).collect();
            line(&format!("CATEGORIES:{}", tags.join(",")))?;
        }
        if event.start.precision() != Precision::Day {
            line(&format!(
                "{PRECISION}:{}",
                precision_name(event.start.precision())
            ))?;
        }
        if let Some(end) = event.end {
            line(&format!(
                "{END_PRECISION}:{}",
                precision_name(end.precision())
            ))?;
        }
        line("END:VEVENT")?;
        progress.tick();
    }
    line("END:VCALENDAR")?;
    out.flush()
}

fn ical_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;`, `,` and line breaks escaped, other control
/// characters dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Undoes `escape_text`.
pub fn unescape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// One content line, folded: no line longer than 75 octets, continuation lines begin with a
/// space, never splitting a UTF-8 character; ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// A content line: `NAME;PARAM=VALUE,VALUE:value`, unfolded.
#[derive(Debug)]
struct ContentLine {
    /// 1-based line where it begins.
    line: usize,
    /// Upper-cased.
    name: String,
    params: Vec<(String, Vec<String>)>,
    value: String,
}

impl ContentLine {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }
}

/// Joins folded lines: each logical line with the number of its first physical line.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((_, current))) => current.push_str(rest),
            _ if raw.is_empty() => {}
            _ => lines.push((i + 1, raw.to_owned())),
        }
    }
    lines
}

fn parse_line(line: usize, text: &str) -> std::result::Result<ContentLine, String> {
    let name_end = text.find([';', ':']).ok_or("the line has no \":\"")?;
    let name = &text[..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("{} is not a property name", excerpt(name)));
    }
    // Names are checked, but not their length: quote a short excerpt from here on.
    let quoted = excerpt(name);
    let mut rest = &text[name_end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after
            .find('=')
            .ok_or_else(|| format!("a parameter of {quoted} has no \"=\""))?;
        let key = after[..eq].to_ascii_uppercase();
        rest = &after[eq + 1..];
        let mut values = Vec::new();
        loop {
            if let Some(quoted) = rest.strip_prefix('"') {
                let close = quoted
                    .find('"')
                    .ok_or_else(|| format!("a quoted parameter of {quoted} is never closed"))?;
                values.push(quoted[..close].to_owned());
                rest = &quoted[close + 1..];
            } else {
                let end = rest
                    .find([',', ';', ':'])
                    .ok_or_else(|| format!("the line of {quoted} has no \":\""))?;
                values.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
            match rest.strip_prefix(',') {
                Some(more) => rest = more,
                None => break,
            }
        }
        params.push((key, values));
    }
    let value = rest
        .strip_prefix(':')
        .ok_or_else(|| format!("the line of {quoted} has no \":\""))?;
    Ok(ContentLine {
        line,
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_owned(),
    })
}

/// The VEVENT being read: its BEGIN line, its properties, and its first unreadable line.
struct Draft {
    begun: usize,
    props: Vec<ContentLine>,
    bad: Option<(usize, String)>,
}

pub fn read(text: &str, file: &str) -> Result<Parsed> {
    let error = |line: usize, message: String| Error::Parse {
        file: file.to_owned(),
        line,
        column: 1,
        message,
    };
    let mut parsed = Parsed::default();
    // Open components: name and the line of their BEGIN.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut seen_calendar = false;
    let mut vevent: Option<Draft> = None;
    let lines = unfold(text);
    let last_line = text.lines().count().max(1);
    for (number, raw) in &lines {
        let number = *number;
        let content = match parse_line(number, raw) {
            Ok(content) => content,
            Err(message) => match vevent.as_mut() {
                Some(draft) => {
                    draft.bad.get_or_insert((number, message));
                    continue;
                }
                None => return Err(error(number, message)),
            },
        };
        match content.name.as_str() {
            "BEGIN" => {
                let name = content.value.trim().to_ascii_uppercase();
                if open.is_empty() && name != "VCALENDAR" {
                    return Err(error(
                        number,
                        format!("expected BEGIN:VCALENDAR, found BEGIN:{}", excerpt(&name)),
                    ));
                }
                seen_calendar = true;
                if name == "VEVENT" && open.len() == 1 {
                    vevent = Some(Draft {
                        begun: number,
                        props: Vec::new(),
                        bad: None,
                    });
                }
                open.push((name, number));
            }
            "END" => {
                let name = content.value.trim().to_ascii_uppercase();
                let Some((opened, begun)) = open.pop() else {
                    return Err(error(
                        number,
                        format!("END:{} without a BEGIN", excerpt(&name)),
                    ));
                };
                if opened != name {
                    return Err(error(
                        number,
                        format!(
                            "END:{} does not close BEGIN:{} of line {begun}",
                            excerpt(&name),
                            excerpt(&opened)
                        ),
                    ));
                }
                if name == "VEVENT" && open.len() == 1 {
                    if let Some(Draft { begun, props, bad }) = vevent.take() {
                        match bad {
                            Some((line, message)) => {
                                parsed.reject(Location::Line(line), "line", message)
                            }
                            None => match event_from(&props) {
                                Ok(event) => parsed.push(event, Location::Line(begun)),
                                Err((line, field, message)) => parsed.reject(
                                    Location::Line(line.unwrap_or(begun)),
                                    field,
                                    message,
                                ),
                            },
                        }
                    }
                }
            }
            _ if open.is_empty() => {
                return Err(error(
                    number,
                    "not an iCalendar file: it must begin with BEGIN:VCALENDAR".to_owned(),
                ))
            }
            _ => {
                // Properties of nested components (VALARM) are not the event's.
                if let Some(draft) = vevent.as_mut() {
                    if open.len() == 2 {
                        draft.props.push(content);
                    }
                }
            }
        }
    }
    if let Some((name, begun)) = open.last() {
        return Err(error(
            last_line,
            format!(
                "the file ends inside {} begun at line {begun}: it looks truncated",
                excerpt(name)
            ),
        ));
    }
    if !seen_calendar {
        return Err(error(1, "the file has no BEGIN:VCALENDAR".to_owned()));
    }
    Ok(parsed)
}

type Fault = (Option<usize>, String, String);

/// The calendar date of a DATE or DATE-TIME value (`20231115`, `20231115T090000Z`).
fn date_value(content: &ContentLine, field: &str) -> std::result::Result<NaiveDate, Fault> {
    let fault = |message: String| (Some(content.line), field.to_owned(), message);
    let value = content.value.trim();
    let digits = value
        .get(..8)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
    let Some(digits) = digits else {
        return Err(fault(format!(
            "{} is not a date (YYYYMMDD)",
            excerpt(value)
        )));
    };
    let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
    let year = i32::try_from(number(0..4)).unwrap_or(0);
    PartialDate::day(year, number(4..6), number(6..8))
        .map(|d| d.first_day())
        .map_err(|e| fault(e.to_string()))
}

/// Whether DTEND is before DTSTART: by date, or within one day by time when both are
/// date-times written alike (both UTC or both in the same TZID), so their digits compare.
fn ends_before_start(
    start: &ContentLine,
    first: NaiveDate,
    end: &ContentLine,
    end_date: NaiveDate,
) -> bool {
    if end_date != first {
        return end_date < first;
    }
    let (s, e) = (start.value.trim(), end.value.trim());
    let alike = !is_date_only(start)
        && !is_date_only(end)
        && s.ends_with('Z') == e.ends_with('Z')
        && start.param("TZID") == end.param("TZID");
    alike && e < s
}

fn is_date_only(content: &ContentLine) -> bool {
    content
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || content.value.trim().len() == 8
}

fn precision_value(content: &ContentLine) -> std::result::Result<Precision, Fault> {
    match content.value.trim().to_ascii_lowercase().as_str() {
        "year" => Ok(Precision::Year),
        "month" => Ok(Precision::Month),
        "day" => Ok(Precision::Day),
        other => Err((
            Some(content.line),
            content.name.to_ascii_lowercase(),
            format!("{} is not year, month or day", excerpt(other)),
        )),
    }
}

/// Splits a list value on unescaped commas and unescapes each item.
fn split_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ',' => items.push(unescape_text(&std::mem::take(&mut current))),
            c => current.push(c),
        }
    }
    items.push(unescape_text(&current));
    items
        .into_iter()
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}

fn event_from(props: &[ContentLine]) -> std::result::Result<Event, Fault> {
    let prop = |name: &str| props.iter().find(|p| p.name == name);
    let text = |name: &str| prop(name).map(|p| unescape_text(&p.value));

    let title = text("SUMMARY").filter(|t| !t.trim().is_empty()).ok_or((
        None,
        "title".to_owned(),
        "the event has no SUMMARY".to_owned(),
    ))?;
    let start_line = prop("DTSTART").ok_or((
        None,
        "start".to_owned(),
        "the event has no DTSTART".to_owned(),
    ))?;
    let first = date_value(start_line, "start")?;
    let mut start = PartialDate::from_naive(first);
    if let Some(p) = prop(PRECISION) {
        start = truncate(start, precision_value(p)?);
    }
    let last = match prop("DTEND") {
        Some(p) => {
            let end = date_value(p, "end")?;
            if ends_before_start(start_line, first, p, end) {
                return Err((
                    Some(p.line),
                    "DTEND".to_owned(),
                    format!(
                        "DTEND {} is before DTSTART {}",
                        excerpt(p.value.trim()),
                        excerpt(start_line.value.trim())
                    ),
                ));
            }
            if is_date_only(p) {
                // Exclusive; a DTEND equal to DTSTART (some calendars write it) is one day.
                end.pred_opt().filter(|d| *d >= first).unwrap_or(first)
            } else {
                end
            }
        }
        None => start.last_day(),
    };
    let end = match prop(END_PRECISION) {
        Some(p) => Some(truncate(PartialDate::from_naive(last), precision_value(p)?)),
        None if last > start.last_day() => Some(PartialDate::from_naive(last)),
        None => None,
    };

    let mut categories = props
        .iter()
        .filter(|p| p.name == "CATEGORIES")
        .flat_map(|p| split_list(&p.value));
    let first_category = categories.next();
    let (kind, mut tags) = match first_category.as_deref().map(kind_from_label) {
        Some(Some(kind)) => (kind, Vec::new()),
        _ => (Kind::Other, first_category.into_iter().collect()),
    };
    tags.extend(categories);

    let sources = prop("URL")
        .map(|p| p.value.trim().to_owned())
        .filter(|url| check_web_url(url).is_ok())
        .map(|url| Source {
            reported_date: None,
            reported_place: None,
            archived_url: None,
            archived_at: None,
            title: url.clone(),
            url,
            publisher: String::new(),
            published: None,
            quote: None,
        })
        .into_iter()
        .collect();

    let uid = text("UID").unwrap_or_default();
    let id = uid
        .strip_suffix(UID_SUFFIX)
        .unwrap_or(&uid)
        .trim()
        .to_owned();
    Ok(Event {
        links: Vec::new(),
        title_zh: None,
        verification: None,
        id,
        title,
        summary: text("DESCRIPTION").unwrap_or_default(),
        start,
        end,
        kind,
        actors: Vec::new(),
        location: text("LOCATION").filter(|l| !l.trim().is_empty()),
        tags,
        sources,
    })
}

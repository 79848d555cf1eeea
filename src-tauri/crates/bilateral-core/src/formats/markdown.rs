//! Markdown for reading and pasting: `# Title`, a `## <year>` heading per year, and one line
//! per event in time order:
//!
//! `- **15 November 2023** — Title ([Publisher](url), [Publisher](url))`
//!
//! Dates are shown at their real precision ("November 2023", "2023"). Markdown's special
//! characters in text are backslash-escaped, so a title shows as typed and never turns into
//! a link, emphasis or HTML. Export only: summary, actors, tags, location and kind are left out.

use std::io::{self, Write};

use chrono::Datelike;

use super::event_source::EventSource;
use super::labels::span_label;
use super::progress::Progress;
use super::{chronological, in_time_order, ExportOptions};
use crate::model::Event;

pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    write_from(
        &mut chronological(events).into_iter(),
        options,
        out,
        progress,
    )
}

/// `write`, taking the events from `events` one at a time, in the store's order (by first
/// day, as `in_time_order` is first): each day's events are held and put in time order among
/// themselves before they are written, so an export of the store never holds more than one
/// day's events.
pub(crate) fn write_from(
    events: &mut dyn EventSource,
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(out, "# {}", escape(&options.title))?;
    let mut year = None;
    let mut day: Vec<Event> = Vec::new();
    loop {
        let next = events.next_event();
        let day_over = match (next, day.first()) {
            (Some(event), Some(held)) => event.start.first_day() != held.start.first_day(),
            _ => true,
        };
        if day_over {
            day.sort_by(in_time_order);
            for event in day.drain(..) {
                let this_year = event.start.first_day().year();
                if year != Some(this_year) {
                    write!(out, "\n## {this_year:04}\n\n")?;
                    year = Some(this_year);
                }
                line(&mut out, &event)?;
                progress.tick();
            }
        }
        match next {
            Some(event) => day.push(event.clone()),
            None => break,
        }
    }
    out.flush()
}

/// One event's line: its dates, title, verification and sources.
fn line(out: &mut impl Write, event: &Event) -> io::Result<()> {
    write!(
        out,
        "- **{}** — {}",
        escape(&span_label(event.start, event.end)),
        escape(&event.title)
    )?;
    if let Some(zh) = event.title_zh.as_deref().filter(|t| !t.trim().is_empty()) {
        write!(out, " · {}", escape(zh))?;
    }
    write!(out, " _{}_", event.attested().label().to_lowercase())?;
    if !event.sources.is_empty() {
        let links: Vec<String> = event
            .sources
            .iter()
            .map(|s| {
                let name = if s.publisher.trim().is_empty() {
                    &s.title
                } else {
                    &s.publisher
                };
                format!("[{}]({})", escape(name.trim()), destination(&s.url))
            })
            .collect();
        write!(out, " ({})", links.join(", "))?;
    }
    writeln!(out)
}

/// Text as Markdown shows it literally: special characters escaped, line breaks and other
/// control characters turned into spaces.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A link destination that cannot end the link early or break the line.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

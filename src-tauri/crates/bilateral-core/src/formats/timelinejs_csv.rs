//! The TimelineJS Google-Sheets template, downloaded as CSV (import only). Columns, found by
//! name in any order: Year, Month, Day, Time, End Year, End Month, End Day, End Time,
//! Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type,
//! Group, Background.
//!
//! Each row is an event, except rows whose Type is `title` or `era`. Headline and Text are
//! reduced from HTML to plain text and their http(s) links become sources; Group names the
//! kind (else `other`). The sheet has no ids, so every imported row is a new event.
//! Times, display dates, media and backgrounds are not read.

use ::csv::StringRecord;

use super::csv_rows::Rows;
use super::html_to_text::{one_line, reduce};
use super::parsed::{Location, Parsed};
use super::timelinejs::{kind_of_group, partial_date, sources_from};
use crate::error::{Error, Result};
use crate::limits::excerpt;
use crate::model::Event;

pub const COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn cell<'r>(&self, record: &'r StringRecord, name: &str) -> &'r str {
        let name = name.to_ascii_lowercase();
        self.names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| record.get(i))
            .unwrap_or_default()
            .trim()
    }

    fn number(
        &self,
        record: &StringRecord,
        name: &str,
    ) -> std::result::Result<Option<i64>, (String, String)> {
        match self.cell(record, name) {
            "" => Ok(None),
            text => text.parse().map(Some).map_err(|_| {
                (
                    name.to_owned(),
                    format!("{} is not a number", excerpt(text)),
                )
            }),
        }
    }

    fn event(&self, record: &StringRecord) -> std::result::Result<Event, (String, String)> {
        let start = partial_date(
            self.number(record, "Year")?,
            self.number(record, "Month")?,
            self.number(record, "Day")?,
            "Year",
        )?;
        let end_year = self.number(record, "End Year")?;
        let end = match end_year {
            None => None,
            Some(_) => Some(partial_date(
                end_year,
                self.number(record, "End Month")?,
                self.number(record, "End Day")?,
                "End Year",
            )?),
        };
        let headline = reduce(self.cell(record, "Headline"));
        let body = reduce(self.cell(record, "Text"));
        let group = self.cell(record, "Group");
        Ok(Event {
            links: Vec::new(),
            title_zh: None,
            verification: None,
            id: String::new(),
            title: one_line(&headline.text),
            summary: body.text,
            start,
            end,
            kind: kind_of_group((!group.is_empty()).then_some(group)),
            actors: Vec::new(),
            location: None,
            tags: Vec::new(),
            sources: sources_from(headline.links.into_iter().chain(body.links)),
        })
    }
}

pub fn read(text: &str, file: &str) -> Result<Parsed> {
    let mut rows = Rows::new(text, file)?;
    let columns = Columns {
        names: rows
            .header()
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect(),
    };
    for required in ["Year", "Headline"] {
        if !columns.names.contains(&required.to_ascii_lowercase()) {
            return Err(Error::Parse {
                file: file.to_owned(),
                line: 1,
                column: 1,
                message: format!(
                    "the header has no {required:?} column: is this the TimelineJS sheet template?"
                ),
            });
        }
    }
    let mut parsed = Parsed::default();
    let mut record = StringRecord::new();
    while let Some(line) = rows.next(&mut record)? {
        let at = Location::Line(line);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // Before the Type check: a cut-off title or era row still means a cut-off file.
        if let Err((field, message)) = rows.check_width(&record) {
            parsed.reject(at, field, message);
            continue;
        }
        let kind = columns.cell(&record, "Type").to_ascii_lowercase();
        if kind == "title" || kind == "era" {
            continue;
        }
        match columns.event(&record) {
            Ok(event) => parsed.push(event, at),
            Err((field, message)) => parsed.reject(at, field, message),
        }
    }
    Ok(parsed)
}

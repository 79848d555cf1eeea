//! Telling a file's format from its content, for `--format auto`.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::Format;

/// The format `text` is written in, or `None` when it looks like none of the importable ones.
pub fn format(text: &str) -> Option<Format> {
    let head = text.trim_start();
    if head.starts_with('[') {
        return Some(Format::Json);
    }
    if head.starts_with('{') {
        return Some(json_object_format(head));
    }
    if head
        .get(..15)
        .is_some_and(|h| h.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        return Some(Format::Ics);
    }
    if super::gdelt::looks_like(text) {
        return Some(Format::Gdelt);
    }
    csv_format(text)
}

/// The format a file's name alone says, when it says one: GDELT names its event exports
/// `YYYYMMDDHHMMSS.export.CSV`, and publishes them zipped (`.export.CSV.zip`).
pub fn format_by_name(name: &str) -> Option<Format> {
    super::gdelt_files::is_export_file(name).then_some(Format::Gdelt)
}

/// A Bilateral file says `"format"`; a TimelineJS file has `events` (or only a `title`).
/// A file that is not JSON at all is left to the Bilateral reader, which names the line.
/// Only the file's head is given, which ends inside a large file's events. The keys read
/// before it ends decide then: `title`, which a TimelineJS export starts with and a
/// Bilateral file never has, says TimelineJS even when its events run past the head.
fn json_object_format(text: &str) -> Format {
    let mut keys = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let whole = de.deserialize_map(TopLevelKeys(&mut keys)).is_ok();
    let has = |key: &str| keys.iter().any(|k| k == key);
    if has("format") {
        Format::Json
    } else if has("title") || (whole && has("events")) {
        Format::TimelineJs
    } else {
        Format::Json
    }
}

/// Collects the keys of a JSON object as they are read, skipping their values without
/// building them.
struct TopLevelKeys<'k>(&'k mut Vec<String>);

impl<'de> Visitor<'de> for TopLevelKeys<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            self.0.push(key);
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

/// A CSV header naming Bilateral's columns, or the TimelineJS sheet's.
fn csv_format(text: &str) -> Option<Format> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.records().next()?.ok()?;
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("headline") && has("year") {
        Some(Format::TimelineJsCsv)
    } else if has("title") && has("start") {
        Some(Format::Csv)
    } else {
        None
    }
}

//! What an import may change in an event that is already stored. A format that cannot carry
//! a field (iCalendar has no actors, TimelineJS no tags) must not erase it: the import merges,
//! changing only what the file says.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Event, Kind};
use crate::web_url::url_key;

/// A part of an event that a file format (or a file's columns) may or may not carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    /// The title in Chinese.
    ChineseTitle,
    Summary,
    Dates,
    Kind,
    Actors,
    Location,
    Tags,
    /// Whole sources: url, title, publisher, published date, quote. Replaces the list.
    Sources,
    /// Only links (a URL, perhaps its text): new links are added, none is removed.
    SourceLinks,
    /// Typed links to other events (`responds_to`, `part_of`…). Replaces the list.
    Links,
}

impl Field {
    /// Every field, in the order they are listed to people.
    pub const ALL: [Field; 11] = [
        Field::Title,
        Field::ChineseTitle,
        Field::Summary,
        Field::Dates,
        Field::Kind,
        Field::Actors,
        Field::Location,
        Field::Tags,
        Field::Sources,
        Field::SourceLinks,
        Field::Links,
    ];

    /// How the field is named to people ("source links", not `SourceLinks`).
    pub const fn label(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::ChineseTitle => "Chinese title",
            Field::Summary => "summary",
            Field::Dates => "dates",
            Field::Kind => "kind",
            Field::Actors => "actors",
            Field::Location => "location",
            Field::Tags => "tags",
            Field::Sources => "sources",
            Field::SourceLinks => "source links (added to its sources)",
            Field::Links => "links between events",
        }
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// The fields a format carries, or a file: a CSV file written before a column existed says
/// nothing about that field, so importing it must keep what the store has there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage(u16);

impl Coverage {
    /// Every field: the file is lossless, and an import replaces the stored event. Whole
    /// sources say everything their links would.
    pub const ALL: Coverage = Coverage::of(&Field::ALL).without(Field::SourceLinks);

    pub const fn of(fields: &[Field]) -> Coverage {
        let mut bits = 0;
        let mut i = 0;
        while i < fields.len() {
            bits |= fields[i].bit();
            i += 1;
        }
        Coverage(bits)
    }

    /// The fields covered, in `Field::ALL`'s order.
    pub fn fields(self) -> Vec<Field> {
        Field::ALL.into_iter().filter(|f| self.has(*f)).collect()
    }

    pub fn has(self, field: Field) -> bool {
        self.0 & field.bit() != 0
    }

    /// These fields less `field`.
    #[must_use]
    pub const fn without(self, field: Field) -> Coverage {
        Coverage(self.0 & !field.bit())
    }

    pub fn is_lossless(self) -> bool {
        self.0 & Coverage::ALL.0 == Coverage::ALL.0
    }
}

impl Default for Coverage {
    fn default() -> Self {
        Coverage::ALL
    }
}

/// The stored event with what `incoming` says put over it, field by field. A lossy format's
/// `other` kind is how it says "no kind given", so it keeps the stored kind.
pub fn merge(stored: &Event, incoming: &Event, coverage: Coverage) -> Event {
    if coverage.is_lossless() {
        return incoming.clone();
    }
    let mut merged = stored.clone();
    if coverage.has(Field::Title) {
        merged.title.clone_from(&incoming.title);
    }
    if coverage.has(Field::ChineseTitle) {
        merged.title_zh.clone_from(&incoming.title_zh);
    }
    if coverage.has(Field::Summary) {
        merged.summary.clone_from(&incoming.summary);
    }
    if coverage.has(Field::Dates) {
        merged.start = incoming.start;
        merged.end = incoming.end;
    }
    if coverage.has(Field::Kind) && incoming.kind != Kind::Other {
        merged.kind = incoming.kind;
    }
    if coverage.has(Field::Actors) {
        merged.actors.clone_from(&incoming.actors);
    }
    if coverage.has(Field::Location) {
        merged.location.clone_from(&incoming.location);
    }
    if coverage.has(Field::Tags) {
        merged.tags.clone_from(&incoming.tags);
    }
    if coverage.has(Field::Sources) {
        merged.sources.clone_from(&incoming.sources);
    } else if coverage.has(Field::SourceLinks) {
        for source in &incoming.sources {
            // Compared as stored: a link that differs only by a tracking parameter or the
            // case of its host is a source the event already has.
            let url = url_key(&source.url);
            if !merged.sources.iter().any(|s| url_key(&s.url) == url) {
                merged.sources.push(source.clone());
            }
        }
    }
    if coverage.has(Field::Links) {
        merged.links.clone_from(&incoming.links);
    }
    merged
}

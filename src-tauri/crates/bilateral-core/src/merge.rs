//! What an import may change in an event that is already stored. A format that cannot carry
//! a field (iCalendar has no actors, TimelineJS no tags) must not erase it: the import merges,
//! changing only what the file says.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Event, Kind};
use crate::web_url::url_key;

/// A part of an event that a file format may or may not carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
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

/// The fields a format carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage(&'static [Field]);

impl Coverage {
    /// Every field: the format is lossless, and an import replaces the stored event.
    pub const ALL: Coverage = Coverage(&[
        Field::Title,
        Field::Summary,
        Field::Dates,
        Field::Kind,
        Field::Actors,
        Field::Location,
        Field::Tags,
        Field::Sources,
        Field::Links,
    ]);

    pub const fn of(fields: &'static [Field]) -> Coverage {
        Coverage(fields)
    }

    pub fn fields(self) -> &'static [Field] {
        self.0
    }

    pub fn has(self, field: Field) -> bool {
        self.0.contains(&field)
    }

    pub fn is_lossless(self) -> bool {
        Coverage::ALL.0.iter().all(|f| self.has(*f))
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

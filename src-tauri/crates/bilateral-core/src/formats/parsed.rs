//! What a reader makes of a file: the events it could read, where each came from, and the
//! items it had to reject, each naming where and which field.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Error;
use crate::model::Event;

/// Where in a file an item sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// Index (0-based) into the file's list of events, shown as `events[3]`.
    Item(usize),
    /// 1-based line of the file where the item begins.
    Line(usize),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Item(i) => write!(f, "events[{i}]"),
            Location::Line(n) => write!(f, "line {n}"),
        }
    }
}

/// One item that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rejected {
    pub at: Location,
    /// The field at fault (`start`, `sources[0].url`), or `event` for the item as a whole.
    pub field: String,
    pub message: String,
    /// The file `at` is in, when one import reads several (GDELT exports): a line number
    /// alone would not say which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<String>,
}

impl Rejected {
    /// Field and message are clipped (`message::clip`): they may come from serde, which
    /// repeats a file's keys and values whole.
    pub fn new(at: Location, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            at,
            field: super::message::field(&field.into()),
            message: super::message::message(&message.into()),
            file: None,
        }
    }

    /// A rejection from a core error: an `Invalid` keeps its field, anything else blames the
    /// whole item.
    pub fn from_error(at: Location, error: Error) -> Self {
        match error {
            Error::Invalid { field, message } => Self::new(at, field, message),
            other => Self::new(at, "event", other.to_string()),
        }
    }
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}, ")?;
        }
        match self.at {
            Location::Item(_) => write!(f, "{}.{}: {}", self.at, self.field, self.message),
            Location::Line(_) => write!(f, "{}, {}: {}", self.at, self.field, self.message),
        }
    }
}

/// The result of reading a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The events read, in file order.
    pub events: Vec<Event>,
    /// Where each of `events` came from (same length and order).
    pub at: Vec<Location>,
    /// Items that could not be read as events.
    pub rejected: Vec<Rejected>,
    /// The format read, which says what an import of these events may change.
    pub format: Option<super::Format>,
    /// What this file itself can say, when its columns say less than its format can.
    pub coverage: Option<crate::merge::Coverage>,
    /// The user periods the file carries (Bilateral JSON only), each checked.
    pub periods: Vec<crate::periods::Period>,
}

impl Parsed {
    /// The fields these events carry: every field unless the format is known to lack some.
    pub fn coverage(&self) -> crate::merge::Coverage {
        self.coverage
            .or_else(|| self.format.map(super::Format::coverage))
            .unwrap_or_default()
    }

    pub fn push(&mut self, event: Event, at: Location) {
        self.events.push(event);
        self.at.push(at);
    }

    pub fn reject(&mut self, at: Location, field: impl Into<String>, message: impl Into<String>) {
        self.rejected.push(Rejected::new(at, field, message));
    }

    /// Turns a rejection made against `events[i]` (as `Store::preview_import` reports) into
    /// one that points into the file.
    pub fn locate(&self, rejected: Rejected) -> Rejected {
        match rejected.at {
            Location::Item(i) => match self.at.get(i) {
                Some(at) => Rejected {
                    at: *at,
                    ..rejected
                },
                None => rejected,
            },
            Location::Line(_) => rejected,
        }
    }
}

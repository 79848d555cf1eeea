//! The event model shared by the store, the file formats and the frontend.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;
use crate::error::{Error, Result};

/// What kind of thing happened. A small closed list; CAMEO/PLOVER event types are the
/// reference for what each kind covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Summit,
    Meeting,
    Call,
    Visit,
    Statement,
    Agreement,
    TradeMeasure,
    Legislation,
    MilitaryIncident,
    CyberIntelligence,
    LegalAction,
    Hearing,
    Election,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Summit,
        Kind::Meeting,
        Kind::Call,
        Kind::Visit,
        Kind::Statement,
        Kind::Agreement,
        Kind::TradeMeasure,
        Kind::Legislation,
        Kind::MilitaryIncident,
        Kind::CyberIntelligence,
        Kind::LegalAction,
        Kind::Hearing,
        Kind::Election,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Summit => "summit",
            Kind::Meeting => "meeting",
            Kind::Call => "call",
            Kind::Visit => "visit",
            Kind::Statement => "statement",
            Kind::Agreement => "agreement",
            Kind::TradeMeasure => "trade_measure",
            Kind::Legislation => "legislation",
            Kind::MilitaryIncident => "military_incident",
            Kind::CyberIntelligence => "cyber_intelligence",
            Kind::LegalAction => "legal_action",
            Kind::Hearing => "hearing",
            Kind::Election => "election",
            Kind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// How much an event of this kind weighs when a crowded window must keep only some:
    /// leaders meeting and binding texts first, routine statements last.
    pub fn significance(self) -> u8 {
        match self {
            Kind::Summit => 10,
            Kind::Agreement => 9,
            Kind::Legislation | Kind::MilitaryIncident => 8,
            Kind::TradeMeasure | Kind::Visit => 7,
            Kind::Call | Kind::Meeting => 6,
            Kind::CyberIntelligence | Kind::LegalAction => 5,
            Kind::Election | Kind::Hearing => 4,
            Kind::Statement => 3,
            Kind::Other => 1,
        }
    }
}

/// Which side of the relationship an actor stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Us,
    China,
    Taiwan,
    ThirdParty,
    International,
}

impl Side {
    pub const ALL: [Side; 5] = [
        Side::Us,
        Side::China,
        Side::Taiwan,
        Side::ThirdParty,
        Side::International,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Us => "us",
            Side::China => "china",
            Side::Taiwan => "taiwan",
            Side::ThirdParty => "third_party",
            Side::International => "international",
        }
    }

    pub fn parse(text: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A person or body taking part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub name: String,
    pub side: Side,
}

/// A published record that reports the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub published: Option<PartialDate>,
    /// The sentence of the source that supports the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub quote: Option<String>,
}

/// An event as the dataset file, imports and the editor hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub start: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<PartialDate>,
    pub kind: Kind,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// Where a stored event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Shipped with the app in `data/events.json`.
    Dataset,
    /// Created by the user (or imported).
    User,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Dataset => "dataset",
            Origin::User => "user",
        }
    }
}

/// An event as the store holds it: the event plus what the store knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StoredEvent {
    #[serde(flatten)]
    #[ts(flatten)]
    pub event: Event,
    pub origin: Origin,
    /// True once the user has changed a shipped event; dataset upgrades then leave it alone.
    pub edited: bool,
    pub created_at: String,
    pub updated_at: String,
}

const TITLE_MAX: usize = 300;

impl Event {
    /// Reads an event sent by the UI or a file, naming the field that cannot be read
    /// (`start`, `sources[1].published`). The store checks the rules when it writes.
    pub fn from_json(value: serde_json::Value) -> Result<Event> {
        let event: Event = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                "event".to_owned()
            } else {
                path
            };
            Error::invalid(field, e.inner().to_string())
        })?;
        Ok(event)
    }

    /// Checks every rule of the model and names the first field that breaks one.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid("id", "an event needs an id"));
        }
        if self.id.trim() != self.id || self.id.chars().any(char::is_control) {
            return Err(Error::invalid(
                "id",
                "an id cannot have surrounding spaces or control characters",
            ));
        }
        let title = self.title.trim();
        if title.is_empty() {
            return Err(Error::invalid("title", "the title cannot be empty"));
        }
        if title.chars().count() > TITLE_MAX {
            return Err(Error::invalid(
                "title",
                format!("the title is longer than {TITLE_MAX} characters"),
            ));
        }
        if let Some(end) = self.end {
            if end.last_day() < self.start.first_day() {
                return Err(Error::invalid(
                    "end",
                    format!("the end ({end}) is before the start ({})", self.start),
                ));
            }
        }
        for (i, actor) in self.actors.iter().enumerate() {
            if actor.name.trim().is_empty() {
                return Err(Error::invalid(
                    format!("actors[{i}].name"),
                    "an actor needs a name",
                ));
            }
        }
        for (i, tag) in self.tags.iter().enumerate() {
            if tag.trim().is_empty() {
                return Err(Error::invalid(
                    format!("tags[{i}]"),
                    "a tag cannot be empty",
                ));
            }
        }
        let mut seen_urls = HashSet::new();
        for (i, source) in self.sources.iter().enumerate() {
            check_web_url(&source.url)
                .map_err(|m| Error::invalid(format!("sources[{i}].url"), m))?;
            if !seen_urls.insert(source.url.trim()) {
                return Err(Error::invalid(
                    format!("sources[{i}].url"),
                    "this source is already listed for the event",
                ));
            }
            if source.title.trim().is_empty() {
                return Err(Error::invalid(
                    format!("sources[{i}].title"),
                    "a source needs a title",
                ));
            }
        }
        Ok(())
    }
}

/// Only web pages may be linked or opened: `http` and `https`, with a host.
pub fn check_web_url(text: &str) -> std::result::Result<url::Url, String> {
    let parsed = url::Url::parse(text.trim()).map_err(|e| format!("{text:?} is not a URL: {e}"))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host().is_some() => Ok(parsed),
        "http" | "https" => Err(format!("{text:?} has no host")),
        other => Err(format!(
            "only http and https links are allowed, not {other}:"
        )),
    }
}

//! The event model shared by the store, the file formats and the frontend.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::limits::{self, MAX_FIELD_BYTES};
pub use crate::link::{Link, Relation};
pub use crate::verification::Verification;
pub use crate::web_url::{check_web_url, normalize_web_url};

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
    /// The name in Chinese characters (习近平). Kept per actor by the store: an event that
    /// gives none keeps what the store already knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name_zh: Option<String>,
    /// The Chinese name in Hanyu pinyin with tone marks (Xí Jìnpíng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pinyin: Option<String>,
}

/// A published record that reports the event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
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
    /// The date this source gives for the event, at its precision. Sources that give
    /// different dates make the event disputed (`Verification`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reported_date: Option<PartialDate>,
    /// The place whose calendar `reported_date` uses ("Washington", "Beijing"): a night in
    /// Washington is the next day in Beijing, and two such dates do not disagree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reported_place: Option<String>,
    /// A copy kept by an archive (the Wayback Machine, archive.today), for when the page moves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub archived_url: Option<String>,
    /// When the archived copy was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub archived_at: Option<PartialDate>,
}

/// An event as the dataset file, imports and the editor hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub title: String,
    /// The title in Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title_zh: Option<String>,
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
    /// How well the sources attest the event. Computed from them (`normalized` sets it), so
    /// exports carry it; whatever a file says here is replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verification: Option<Verification>,
    /// Typed links to other events, by id, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Link>>", optional)]
    pub links: Vec<Link>,
}

/// Where a stored event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Shipped with the app in `data/events.json`.
    Dataset,
    /// Created by the user (or imported).
    User,
    /// Machine-coded by the GDELT Project from news reports, imported from its event exports
    /// (`formats::gdelt`). Never curated: ranked below every curated event.
    Gdelt,
}

impl Origin {
    pub const ALL: [Origin; 3] = [Origin::Dataset, Origin::User, Origin::Gdelt];

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Dataset => "dataset",
            Origin::User => "user",
            Origin::Gdelt => "gdelt",
        }
    }

    pub fn parse(text: &str) -> Option<Origin> {
        Origin::ALL.into_iter().find(|o| o.as_str() == text)
    }

    /// The origin an event written as `self` is stored with. An event in GDELT's id space
    /// (`gdelt-<GlobalEventID>`, as `formats::gdelt` names them) came from GDELT, whichever
    /// file carried it: a GDELT event exported to JSON and imported elsewhere stays one.
    pub fn of_written(self, id: &str) -> Origin {
        if self == Origin::User && id.starts_with(crate::formats::gdelt::ID_PREFIX) {
            Origin::Gdelt
        } else {
            self
        }
    }

    /// The significance stored with an event (what a crowded window ranks by). Curated
    /// events (dataset and user) weigh what their kind weighs, 1 to 10; machine-coded GDELT
    /// events weigh their kind's weight minus 10, so -9 to 0: any curated event outranks
    /// every GDELT event, and GDELT events still rank among themselves by kind.
    pub fn significance(self, kind: Kind) -> i64 {
        let weight = i64::from(kind.significance());
        match self {
            Origin::Dataset | Origin::User => weight,
            Origin::Gdelt => weight - 10,
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
    /// Where both governments published a readout of this event (a quoted source on each
    /// side's official site), their positions among the sources, for the panel to set side
    /// by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub readouts: Option<Readouts>,
}

/// Positions in `sources` of a US and a PRC government readout of the same event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Readouts {
    pub us: u32,
    pub china: u32,
}

/// The error of an event that cannot be read, naming its field (`start`,
/// `sources[1].published`, or `event` for the whole).
fn unreadable(e: &serde_path_to_error::Error<serde_json::Error>) -> Error {
    let inner = e.inner();
    let message = inner.to_string();
    // A text's errors end with their place in it; the field already says where.
    let place = format!(" at line {} column {}", inner.line(), inner.column());
    let message = message.strip_suffix(&place).unwrap_or(&message).to_owned();
    let path = e.path().to_string();
    // A field given twice is found by the object holding it: name the field itself.
    let twice = message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'));
    let field = match (path.as_str(), twice) {
        (".", Some(name)) => name.to_owned(),
        (_, Some(name)) => format!("{path}.{name}"),
        (".", None) => "event".to_owned(),
        _ => path,
    };
    Error::invalid(field, message)
}

impl Event {
    /// Reads an event sent by the UI or a file, naming the field that cannot be read
    /// (`start`, `sources[1].published`). The store checks the rules when it writes.
    pub fn from_json(value: serde_json::Value) -> Result<Event> {
        serde_path_to_error::deserialize(value).map_err(|e| unreadable(&e))
    }

    /// `from_json` of one event's JSON text, read straight into the event without first
    /// building a tree of its values: a file's items are read this way. The error names the
    /// field as `from_json` does, without a position inside the item's text.
    pub fn from_json_text(text: &str) -> Result<Event> {
        let mut de = serde_json::Deserializer::from_str(text);
        let event = serde_path_to_error::deserialize(&mut de).map_err(|e| unreadable(&e))?;
        de.end()
            .map_err(|e| Error::invalid("event", e.to_string()))?;
        Ok(event)
    }

    /// Checks every rule of the model and names the first field that breaks one. Every path
    /// that stores an event (IPC, import, the shipped dataset, undo) calls this, so the limits
    /// of `limits.rs` and the character rules hold for all of them. Counts are checked before
    /// the items they count, so a list of 200,000 tags is refused without reading each tag.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid("id", "an event needs an id"));
        }
        check_text(
            || "id".to_owned(),
            &self.id,
            limits::MAX_ID_BYTES,
            Shape::Line,
        )?;
        if self.id.trim() != self.id {
            return Err(Error::invalid("id", "an id cannot have surrounding spaces"));
        }
        let counts = [
            ("actors", self.actors.len(), limits::MAX_ACTORS),
            ("tags", self.tags.len(), limits::MAX_TAGS),
            ("sources", self.sources.len(), limits::MAX_SOURCES),
            ("links", self.links.len(), limits::MAX_LINKS),
        ];
        for (field, count, max) in counts {
            limits::check_count(count, max, field).map_err(|m| Error::invalid(field, m))?;
        }
        check_text(
            || "title".to_owned(),
            &self.title,
            MAX_FIELD_BYTES,
            Shape::Line,
        )?;
        let title = self.title.trim();
        if title.is_empty() {
            return Err(Error::invalid("title", "the title cannot be empty"));
        }
        check_title("title", title)?;
        if let Some(title_zh) = &self.title_zh {
            check_text(
                || "title_zh".to_owned(),
                title_zh,
                MAX_FIELD_BYTES,
                Shape::Line,
            )?;
            check_title("title_zh", title_zh.trim())?;
        }
        check_text(
            || "summary".to_owned(),
            &self.summary,
            MAX_FIELD_BYTES,
            Shape::Lines,
        )?;
        if let Some(location) = &self.location {
            check_text(
                || "location".to_owned(),
                location,
                MAX_FIELD_BYTES,
                Shape::Line,
            )?;
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
            let field = || format!("actors[{i}].name");
            check_text(field, &actor.name, MAX_FIELD_BYTES, Shape::Line)?;
            if actor.name.trim().is_empty() {
                return Err(Error::invalid(field(), "an actor needs a name"));
            }
            for (name, text) in [("name_zh", &actor.name_zh), ("pinyin", &actor.pinyin)] {
                if let Some(text) = text {
                    check_text(
                        || format!("actors[{i}].{name}"),
                        text,
                        MAX_FIELD_BYTES,
                        Shape::Line,
                    )?;
                }
            }
        }
        for (i, tag) in self.tags.iter().enumerate() {
            let field = || format!("tags[{i}]");
            check_text(field, tag, MAX_FIELD_BYTES, Shape::Line)?;
            if tag.trim().is_empty() {
                return Err(Error::invalid(field(), "a tag cannot be empty"));
            }
        }
        for (i, link) in self.links.iter().enumerate() {
            let field = || format!("links[{i}].target");
            check_text(field, &link.target, limits::MAX_ID_BYTES, Shape::Line)?;
            let target = link.target.trim();
            if target.is_empty() {
                return Err(Error::invalid(field(), "a link needs the id of an event"));
            }
            if target == self.id {
                return Err(Error::invalid(
                    field(),
                    "an event cannot be linked to itself",
                ));
            }
        }
        let mut seen_urls = HashSet::new();
        for (i, source) in self.sources.iter().enumerate() {
            let field = |name: &str| format!("sources[{i}].{name}");
            // Two spellings of one address (`HTTPS://Example.org/a`, `https://example.org/a`)
            // are one source: compare them as they will be stored.
            let url =
                normalize_web_url(&source.url).map_err(|m| Error::invalid(field("url"), m))?;
            if !seen_urls.insert(url) {
                return Err(Error::invalid(
                    field("url"),
                    "this source is already listed for the event",
                ));
            }
            check_text(
                || field("title"),
                &source.title,
                MAX_FIELD_BYTES,
                Shape::Line,
            )?;
            if source.title.trim().is_empty() {
                return Err(Error::invalid(field("title"), "a source needs a title"));
            }
            check_text(
                || field("publisher"),
                &source.publisher,
                MAX_FIELD_BYTES,
                Shape::Line,
            )?;
            if let Some(quote) = &source.quote {
                check_text(|| field("quote"), quote, MAX_FIELD_BYTES, Shape::Lines)?;
            }
            if let Some(place) = &source.reported_place {
                check_text(
                    || field("reported_place"),
                    place,
                    MAX_FIELD_BYTES,
                    Shape::Line,
                )?;
            }
            if let Some(archived) = &source.archived_url {
                normalize_web_url(archived)
                    .map_err(|m| Error::invalid(field("archived_url"), m))?;
            }
        }
        Ok(())
    }

    /// The event as the store keeps it: text trimmed, empty optional text dropped, repeated
    /// actors and tags dropped (the store keeps one of each anyway) and source URLs in their
    /// normal form (`normalize_web_url`). The store calls this before writing, so an event
    /// read back equals the normalised event that was written, and comparing a new version
    /// with the stored one tells a real change from a respelling.
    ///
    /// Normalising twice gives the same event as normalising once. A URL that cannot be
    /// normalised is only trimmed: `validate` refuses it, and this function never fails.
    /// An event that passes `validate` still passes it once normalised.
    /// How well the sources attest the event: as `normalized` or the store set it, or
    /// worked out now for an event that has not been through either.
    pub fn attested(&self) -> Verification {
        self.verification.unwrap_or_else(|| Verification::of(self))
    }

    pub fn normalized(mut self) -> Event {
        let trim = |text: &mut String| {
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_owned();
            }
        };
        let optional =
            |text: Option<String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        trim(&mut self.title);
        self.title_zh = optional(self.title_zh);
        trim(&mut self.summary);
        self.location = optional(self.location);
        let mut seen_actors = HashSet::new();
        self.actors.retain_mut(|actor| {
            trim(&mut actor.name);
            actor.name_zh = optional(actor.name_zh.take());
            actor.pinyin = optional(actor.pinyin.take());
            seen_actors.insert((actor.name.clone(), actor.side))
        });
        let mut seen_tags = HashSet::new();
        self.tags.retain_mut(|tag| {
            trim(tag);
            seen_tags.insert(tag.clone())
        });
        let mut seen_links = HashSet::new();
        self.links.retain_mut(|link| {
            trim(&mut link.target);
            seen_links.insert(link.clone())
        });
        for source in &mut self.sources {
            match normalize_web_url(&source.url) {
                Ok(url) => source.url = url,
                Err(_) => trim(&mut source.url),
            }
            trim(&mut source.title);
            trim(&mut source.publisher);
            source.quote = optional(source.quote.take());
            source.reported_place = optional(source.reported_place.take());
            source.archived_url = optional(source.archived_url.take())
                .map(|url| normalize_web_url(&url).unwrap_or(url));
        }
        self.verification = Some(Verification::of(&self));
        self
    }
}

/// A title's length rule, for the English and the Chinese title alike.
fn check_title(field: &str, title: &str) -> Result<()> {
    if title.chars().count() > limits::MAX_TITLE_CHARS {
        return Err(Error::invalid(
            field,
            format!(
                "the title is longer than {} characters",
                limits::MAX_TITLE_CHARS
            ),
        ));
    }
    Ok(())
}

/// What a text field may hold besides its size.
#[derive(Clone, Copy)]
enum Shape {
    /// Title, name, tag, publisher, place: no control characters, no line breaks.
    Line,
    /// Summary, quote: line breaks and tabs allowed, no other control characters.
    Lines,
}

/// Checks one text field's size and characters, naming `field` (built only on failure).
fn check_text(
    field: impl Fn() -> String,
    text: &str,
    max_bytes: usize,
    shape: Shape,
) -> Result<()> {
    limits::check_bytes(text, max_bytes).map_err(|m| Error::invalid(field(), m))?;
    match shape {
        Shape::Line => limits::check_line(text),
        Shape::Lines => limits::check_lines(text),
    }
    .map_err(|m| Error::invalid(field(), m))
}

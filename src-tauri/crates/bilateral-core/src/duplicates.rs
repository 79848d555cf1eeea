//! Stored events that may be the same happening as a new one: what an import preview lists
//! as likely duplicates, and what an article's candidate event is offered to join as a source.
//!
//! Only events whose dates overlap are compared, and the query is bounded on `first_day` so
//! the window index serves it (a duplicate starts near the new event: at most 31 days before).

use std::collections::HashSet;

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::Event;
use crate::store::day_number;

/// How many overlapping events are compared at most.
const COMPARED: usize = 200;

/// A stored event whose dates overlap the new one, and what else they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resemblance {
    pub id: String,
    pub title: String,
    /// Most words of the shorter title appear in the other.
    pub similar_title: bool,
    /// Most words of the stored title appear in the new event's title or summary.
    pub told_alike: bool,
    /// Actors (by name) both events name.
    pub shared_actors: usize,
    /// Actors the stored event names.
    pub stored_actors: usize,
    /// How alike they are overall: shared actors and words, same kind, place and day.
    pub score: usize,
}

impl Resemblance {
    /// Same dates and either most words or the actors: shared actors count when they are two,
    /// or all the actors one of the two events names.
    pub fn is_likely(&self, new_actors: usize) -> bool {
        let needed = 2.min(new_actors).min(self.stored_actors);
        self.similar_title || self.told_alike || (needed > 0 && self.shared_actors >= needed)
    }
}

/// A stored event whose dates overlap a new one's, as read for comparing: id, title, kind,
/// location, first day and its actors' names (separated by U+001F).
type Overlapping = (String, String, String, Option<String>, i64, Option<String>);

/// The stored events whose dates overlap `event`'s, most alike first.
pub(crate) fn resembling(conn: &Connection, event: &Event) -> Result<Vec<Resemblance>> {
    Ok(compare(event, overlapping(conn, event)?))
}

/// The stored event most alike `event` among those whose title is similar to its own (as
/// `resembling` orders them): what an import lists as a likely duplicate. Most new events
/// overlap no stored event of a similar title, and for those nothing else is compared (the
/// words of its summary, the actors, the score: a third of an import preview's time).
pub(crate) fn similar_title(conn: &Connection, event: &Event) -> Result<Option<(String, String)>> {
    let rows = overlapping(conn, event)?;
    if rows.is_empty() {
        return Ok(None);
    }
    let words = title_words(&event.title);
    if !rows.iter().any(|row| similar(&words, &title_words(&row.1))) {
        return Ok(None);
    }
    Ok(compare(event, rows)
        .into_iter()
        .find(|r| r.similar_title)
        .map(|r| (r.id, r.title)))
}

/// The stored events whose dates overlap `event`'s, at most `COMPARED` of them.
fn overlapping(conn: &Connection, event: &Event) -> Result<Vec<Overlapping>> {
    let first = day_number(event.start.first_day());
    let last = day_number(event.end.unwrap_or(event.start).last_day());
    // The limit is written into the SQL, not bound: SQLite re-prepares a statement whose
    // LIMIT is a parameter every time it runs, which was 12% of a 100,000-event import
    // (`benches/formats.rs`).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.title, e.kind, e.location, e.first_day,
                (SELECT group_concat(a.name, char(31)) FROM event_actors ea
                 JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id)
         FROM events e
         WHERE e.first_day BETWEEN ?1 - 31 AND ?2 AND e.last_day >= ?1 LIMIT {COMPARED}"
    ))?;
    let rows = stmt.query_map(params![first, last], |r| Overlapping::try_from(r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How alike `event` is to each of `rows`, most alike first.
fn compare(event: &Event, rows: Vec<Overlapping>) -> Vec<Resemblance> {
    // Most new events overlap nothing stored (a first import overlaps nothing at all): their
    // words are not worth splitting.
    if rows.is_empty() {
        return Vec::new();
    }
    let first = day_number(event.start.first_day());
    let words = title_words(&event.title);
    let told = content_words(&format!("{} {}", event.title, event.summary));
    let actors: HashSet<String> = event.actors.iter().map(|a| a.name.to_lowercase()).collect();
    let mut out = Vec::new();
    for (id, title, kind, location, first_day, names) in rows {
        let stored_names: HashSet<String> = names
            .unwrap_or_default()
            .split('\u{1f}')
            .filter(|n| !n.is_empty())
            .map(str::to_lowercase)
            .collect();
        let shared_actors = stored_names.intersection(&actors).count();
        let title_content = content_words(&title);
        let shared_words = title_content.intersection(&told).count();
        let told_alike = title_content.len() >= 2
            && shared_words >= 2
            && shared_words * 3 >= title_content.len() * 2;
        // In tenths: an actor 3, the stored title's words 6 when all are told, the same kind,
        // place or day 2 each.
        let same = |a: bool| usize::from(a) * 20;
        let words_told = (60 * shared_words)
            .checked_div(title_content.len())
            .unwrap_or(0);
        let score = 30 * shared_actors
            + words_told
            + same(kind == event.kind.as_str())
            + same(location.is_some() && location == event.location)
            + same(first_day == first && event.start.precision() == crate::Precision::Day);
        out.push(Resemblance {
            similar_title: similar(&words, &title_words(&title)),
            told_alike,
            shared_actors,
            stored_actors: stored_names.len(),
            score,
            id,
            title,
        });
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The words of a title, as import compares titles.
fn title_words(title: &str) -> HashSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// Words that say nothing about which event it is.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "that", "this", "its", "his", "her", "their", "has",
    "have", "had", "was", "were", "are", "not", "but", "into", "over", "after", "before", "about",
    "than", "who", "which", "will", "would", "two", "new",
];

/// The words of a text that tell events apart: three letters or more, not a stop word.
fn content_words(text: &str) -> HashSet<String> {
    title_words(text)
        .into_iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// Most words of the shorter title appear in the longer one.
fn similar(a: &HashSet<String>, b: &HashSet<String>) -> bool {
    let shared = a.intersection(b).count();
    let smaller = a.len().min(b.len());
    smaller > 0 && shared * 3 >= smaller * 2 && (shared >= 2 || smaller == 1)
}

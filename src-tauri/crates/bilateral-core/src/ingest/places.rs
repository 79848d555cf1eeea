//! Where an event happened: the places of `places.toml` and the store's locations, found
//! where the text uses them as a place ("in Bangkok", "the Woodside summit").

use std::sync::OnceLock;

use serde::Deserialize;

use super::rule_file::{self, RuleError};
use super::words::{PhraseList, Word};

const FILE: &str = "ingest/places.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Place {
    name: String,
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    before: Vec<String>,
    after: Vec<String>,
    place: Vec<Place>,
}

/// The rules of `places.toml`, indexed.
#[derive(Debug)]
pub struct Rules {
    places: Vec<Place>,
    before: PhraseList<()>,
    after: PhraseList<()>,
}

/// The rules of `places.toml`, read once.
pub fn rules() -> Result<&'static Rules, crate::error::Error> {
    static RULES: OnceLock<Result<Rules, RuleError>> = OnceLock::new();
    RULES
        .get_or_init(|| load(include_str!("places.toml")))
        .as_ref()
        .map_err(crate::error::Error::from)
}

fn load(text: &str) -> Result<Rules, RuleError> {
    let file: RuleFile = rule_file::parse(text, FILE)?;
    let list = PhraseList::of;
    Ok(Rules {
        before: list(&file.before),
        after: list(&file.after),
        places: file.place,
    })
}

/// A place named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceHit {
    /// Words `[first, last)`.
    pub first: usize,
    pub last: usize,
    /// The location as an event stores it ("Bangkok, Thailand").
    pub name: String,
    /// As the text writes it ("Bangkok").
    pub written: String,
    /// Used as a place here ("in Bangkok"), not as a name ("Beijing said").
    pub anchored: bool,
}

/// Every place `text` names. `stored` are the store's locations: found by their first part
/// and written as the store writes them, so new events agree with the old.
pub fn find(text: &str, ws: &[Word<'_>], stored: &[String]) -> crate::error::Result<Vec<PlaceHit>> {
    let rules = rules()?;
    let mut list: PhraseList<String> = PhraseList::default();
    // The store's spellings first: on an equally long match the first added wins.
    for location in stored {
        if location.contains(['(', ';']) {
            continue;
        }
        let parts: Vec<&str> = location.split(", ").collect();
        list.add(location, location.clone());
        if parts.len() >= 3 {
            list.add(&parts[..2].join(", "), location.clone());
        }
        if let Some(first) = parts.first().filter(|_| parts.len() >= 2) {
            list.add(first, location.clone());
        }
    }
    for place in &rules.places {
        for alias in &place.aliases {
            list.add(alias, place.name.clone());
        }
    }
    let hits = list.find(text, ws);
    Ok(hits
        .into_iter()
        .map(|hit| {
            let anchored = anchored(rules, text, ws, hit.first, hit.last);
            PlaceHit {
                first: hit.first,
                last: hit.last,
                written: super::words::one_line(&text[ws[hit.first].start..ws[hit.last - 1].end]),
                name: hit.value,
                anchored,
            }
        })
        .collect())
}

/// Whether words `[first, last)` are used as a place: after "in", "at", "to" (an article
/// between is fine: "in the South China Sea"), or before "summit", "talks".
fn anchored(rules: &Rules, text: &str, ws: &[Word<'_>], first: usize, last: usize) -> bool {
    let ends_at = |list: &PhraseList<()>, end: usize| {
        (end.saturating_sub(3)..end).any(|j| list.at(text, ws, j).iter().any(|(n, _)| j + n == end))
    };
    let mut before = first;
    if before > 0 && ws[before - 1].text.eq_ignore_ascii_case("the") {
        before -= 1;
    }
    ends_at(&rules.before, before) || !rules.after.at(text, ws, last).is_empty()
}

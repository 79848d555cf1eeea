//! From an article to events: the text of a page, the date it was published, the time
//! expressions it holds (resolved against that date), and the events it reports.
//!
//! Rules live as data beside the code (`ingest/*.toml`), so a reader can extend them without
//! touching the matcher.

pub mod article;
pub mod candidates;
pub mod published;
pub mod score;
pub mod tagger;
pub mod timeml;
pub mod timex;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use article::{Page, PageFormat};
pub use candidates::Candidate;
pub use published::{Published, PublishedFrom};
pub use timex::{Timex, TimexType};

/// Everything the "New from article" dialog shows: the plain text the offsets point into, what
/// the page says about itself, the anchor date, the time expressions and the candidate events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Extraction {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub publisher: Option<String>,
    pub published: Published,
    pub timexes: Vec<Timex>,
    pub candidates: Vec<Candidate>,
}

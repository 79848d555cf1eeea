//! When the article was published: the anchor every relative date resolves against.
//!
//! Looked for in this order, the first found wins: the page's `<meta>` tags
//! (`article:published_time` and its many spellings), its JSON-LD `datePublished` (then
//! `dateModified` when no publication date is given), its first `<time datetime>` (in the
//! story first), and then the text: a byline or a date line near the top, else a dateline
//! ("WASHINGTON, Jan 30 (Reuters) -"). A date-time keeps the date as written, which is the
//! publisher's local date (`2024-01-30T21:14:00-05:00` is 30 January). When nothing is found
//! the anchor is today.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reposts;
use super::written_dates::{self, Found};
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

/// `<meta>` keys that give the publication date, most trusted first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
];

/// `<meta>` keys that give the date of the last change.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "updated",
];

/// The top of a text, where a byline or a date line is (lines, chars).
const TOP_LINES: usize = 15;
const TOP_CHARS: usize = 1500;
/// A line this short holding a date is a byline or a date line, not prose.
const BYLINE_CHARS: usize = 100;

/// Finds the publication date in the page (markup first, then the text), else `today`.
/// `input` is the file as read; the page holds what was read from its markup.
pub fn detect(
    input: &str,
    format: super::PageFormat,
    page: &super::Page,
    today: NaiveDate,
) -> Published {
    let _ = (input, format);
    let reports = reposts::find(&page.text, page.publisher.as_deref());
    let (date, from, evidence) = from_meta(page)
        .map(|(d, e)| (d, PublishedFrom::Meta, e))
        .or_else(|| from_json_ld(page).map(|(d, e)| (d, PublishedFrom::JsonLd, e)))
        .or_else(|| from_time(page).map(|(d, e)| (d, PublishedFrom::TimeElement, e)))
        .or_else(|| from_text(&page.text, today).map(|(d, e)| (d, PublishedFrom::Text, e)))
        .map_or((today, PublishedFrom::Today, None), |(d, f, e)| {
            (d, f, Some(e))
        });
    Published {
        date: PartialDate::from_naive(date),
        from,
        evidence,
        reports,
    }
}

/// Adds " (modified …)" when the page was changed on another day than it was published.
fn with_modified(
    evidence: String,
    published: NaiveDate,
    modified: Option<(NaiveDate, &str)>,
) -> String {
    match modified {
        Some((day, written)) if day != published => format!("{evidence} (modified {written})"),
        _ => evidence,
    }
}

fn from_meta(page: &super::Page) -> Option<(NaiveDate, String)> {
    let find = |keys: &[&'static str]| -> Option<(NaiveDate, &'static str, &str)> {
        keys.iter().find_map(|key| {
            page.meta.iter().find_map(|(k, v)| {
                (k == key)
                    .then(|| written_dates::parse_value(v))
                    .flatten()
                    .map(|d| (d, *key, v.as_str()))
            })
        })
    };
    let (date, key, value) = find(PUBLISHED_KEYS)?;
    let modified = find(MODIFIED_KEYS).map(|(d, _, v)| (d, v));
    Some((
        date,
        with_modified(format!("{key}=\"{value}\""), date, modified),
    ))
}

fn from_json_ld(page: &super::Page) -> Option<(NaiveDate, String)> {
    let facts = super::json_ld::read(&page.json_ld);
    let modified = facts
        .modified
        .as_deref()
        .and_then(|v| written_dates::parse_value(v).map(|d| (d, v)));
    if let Some(value) = facts.published.as_deref() {
        if let Some(date) = written_dates::parse_value(value) {
            let evidence = format!("datePublished \"{value}\"");
            return Some((date, with_modified(evidence, date, modified)));
        }
    }
    // Only a modification date: better than a guess from the text, and said so.
    modified.map(|(date, value)| (date, format!("dateModified \"{value}\" (no datePublished)")))
}

fn from_time(page: &super::Page) -> Option<(NaiveDate, String)> {
    let parsed = |t: &&super::html_page::TimeElement| {
        written_dates::parse_value(&t.datetime)
            .map(|d| (d, format!("<time datetime=\"{}\">", t.datetime)))
    };
    page.times
        .iter()
        .filter(|t| t.in_story)
        .find_map(|t| parsed(&t))
        .or_else(|| page.times.iter().find_map(|t| parsed(&t)))
}

/// How much a date found in the text is trusted as the publication date, lower is better:
/// a "Published" line, a short line holding a date (a byline, a date line), a dateline
/// without a year, an "Updated" line, and last a date inside prose (maybe an event's date).
fn rank(line: &str, found: &Found) -> u8 {
    let lower = line.to_lowercase();
    let said = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let published = said(&["published", "posted"]);
    if published {
        0
    } else if said(&["updated", "modified", "last edited"]) {
        3
    } else if !found.has_year {
        2
    } else if line.trim().chars().count() <= BYLINE_CHARS {
        1
    } else {
        4
    }
}

/// A byline, a date line or a dateline near the top of the text: its date and the words.
fn from_text(text: &str, today: NaiveDate) -> Option<(NaiveDate, String)> {
    let mut best: Option<(u8, NaiveDate, String)> = None;
    let mut chars = 0;
    for line in text.lines().take(TOP_LINES) {
        if chars > TOP_CHARS {
            break;
        }
        chars += line.chars().count() + 1;
        for found in written_dates::find_all(line) {
            let date = match found.has_year {
                true => found.date,
                // A dateline's "Jan 30" without a year: only when it is a dateline.
                false if is_dateline(line, &found) => latest_before(found.date, today)?,
                false => continue,
            };
            let r = rank(line, &found);
            let trimmed = line.trim();
            let evidence = if r != 2 && r != 4 && trimmed.chars().count() <= BYLINE_CHARS {
                trimmed.to_owned()
            } else if !found.has_year {
                dateline_words(line, &found)
            } else {
                line[found.start..found.end].to_owned()
            };
            if best.as_ref().is_none_or(|b| r < b.0) {
                best = Some((r, date, evidence));
            }
        }
        if best.as_ref().is_some_and(|b| b.0 == 0) {
            break;
        }
    }
    best.map(|(_, d, e)| (d, e))
}

/// "WASHINGTON, Jan 30 (Reuters) -": a place in capitals before the date, or an outlet in
/// brackets after it.
fn is_dateline(line: &str, found: &Found) -> bool {
    let before = line[..found.start].trim_end().trim_end_matches(',').trim();
    let after = line[found.end..].trim_start();
    let caps = !before.is_empty()
        && before.chars().any(char::is_alphabetic)
        && before
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    caps || after.starts_with('(')
}

/// The dateline up to its dash, or the date itself.
fn dateline_words(line: &str, found: &Found) -> String {
    let end = line[found.end..]
        .find(['-', '—', '–'])
        .map_or(found.end, |i| found.end + i);
    super::words::one_line(line[..end].trim())
}

/// The date with `month_day`'s month and day on or before `today` (a dateline is never in the
/// future), within a year.
fn latest_before(month_day: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(today.year(), month_day.month(), month_day.day());
    match this_year {
        Some(d) if d <= today => Some(d),
        _ => NaiveDate::from_ymd_opt(today.year() - 1, month_day.month(), month_day.day()),
    }
}

//! The article as read from a file or the clipboard: plain text plus what the page says
//! about itself (title, URL, publisher, dates in its metadata).
//!
//! Offsets (of time expressions, of quotes) count chars into `Page::text`: for a text file
//! that is the file exactly as read; for HTML and Markdown it is the plain text extracted
//! from them (paragraphs separated by a blank line), which the dialog shows and the CLI
//! prints with `--print-text`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::html_page::{self, TimeElement};
use super::words::one_line;
use super::{json_ld, markdown_page, written_dates};
use crate::model::check_web_url;

/// How the input is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PageFormat {
    Text,
    Html,
    Markdown,
}

/// Plain text (what every offset points into) and the page's own description of itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// Metadata as (key in lower case, value): HTML `<meta>` tags by `property`/`name`/
    /// `itemprop`, microdata values, or a Markdown file's front matter.
    pub meta: Vec<(String, String)>,
    /// The bodies of the page's JSON-LD scripts.
    pub json_ld: Vec<String>,
    /// The page's `<time datetime>` elements, in order.
    pub times: Vec<TimeElement>,
}

/// Reads `input` written as `format` into a page.
pub fn read(input: &str, format: PageFormat) -> Page {
    match format {
        PageFormat::Text => Page {
            title: guess_title(input),
            text: input.to_owned(),
            ..Page::default()
        },
        PageFormat::Markdown => from_markdown(input),
        PageFormat::Html => from_html(input),
    }
}

fn from_html(input: &str) -> Page {
    let markup = html_page::read(input);
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            markup
                .meta
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| one_line(v))
        })
    };
    let ld = json_ld::read(&markup.json_ld);
    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| markup.first_h1.clone())
        .or_else(|| ld.headline.as_deref().map(one_line))
        .or_else(|| markup.title_element.clone())
        .filter(|t| !t.is_empty());
    let web = |u: &str| check_web_url(u).is_ok().then(|| u.trim().to_owned());
    let url = markup
        .canonical
        .as_deref()
        .and_then(web)
        .or_else(|| meta(&["og:url", "twitter:url"]).as_deref().and_then(web))
        .or_else(|| ld.url.as_deref().and_then(web));
    let publisher = meta(&["og:site_name", "application-name"])
        .or_else(|| ld.publisher.as_deref().map(one_line))
        .filter(|p| !p.is_empty());
    Page {
        text: markup.text,
        title,
        url,
        publisher,
        meta: markup.meta,
        json_ld: markup.json_ld,
        times: markup.times,
    }
}

fn from_markdown(input: &str) -> Page {
    let md = markdown_page::read(input);
    let front = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            md.meta
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| one_line(v))
        })
    };
    let url = front(&["url", "canonical", "canonical_url", "link", "source"])
        .filter(|u| check_web_url(u).is_ok());
    let title = front(&["title"])
        .or(md.heading.clone())
        .or_else(|| guess_title(&md.text));
    Page {
        publisher: front(&["publisher", "site", "site_name", "outlet"]),
        title: title.filter(|t| !t.is_empty()),
        url,
        text: md.text,
        meta: md.meta,
        json_ld: Vec::new(),
        times: Vec::new(),
    }
}

/// A plain text's headline: among its first lines, the first that reads like one (four words
/// or more, not a sentence ending in a period, not a date, not too long). Pasted articles
/// usually start with it, after perhaps a weather line or a byline.
pub fn guess_title(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
        .find(|line| {
            let words = line.split_whitespace().count();
            let is_date = written_dates::find_all(line)
                .first()
                .is_some_and(|d| d.end - d.start + 12 >= line.len());
            (4..=25).contains(&words)
                && line.chars().count() <= 200
                && !line.ends_with(['.', ':', ';', ','])
                && !is_date
                && line.chars().next().is_some_and(|c| !c.is_lowercase())
        })
        .map(one_line)
}

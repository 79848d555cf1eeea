//! What "New from article" reads: an article file (`.txt`, `.html`, `.md`) or pasted text, each
//! at most `limits::MAX_ARTICLE_BYTES`, as UTF-8 text with the way it is written. Reading and
//! bounding only: finding dates and events is `ingest`'s job.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::formats::{decode, input};
use crate::ingest::{self, ArticleRequest, Extraction, PageFormat};
use crate::limits::{self, MAX_ARTICLE_BYTES};
use crate::store::Store;

/// An article file as read: its text or markup, how it is written and, for a web page saved
/// from a browser, the address it was saved from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArticleFile {
    /// The file's name (not its folder), to say what was opened.
    pub name: String,
    pub input: String,
    pub format: PageFormat,
    /// The page's address when the file says where it was saved from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub url: Option<String>,
}

/// Reads the article file at `path`: at most `MAX_ARTICLE_BYTES`, UTF-8 (a byte-order mark is
/// dropped), its format told by its extension (else by a look at its first characters).
/// Errors name the file.
pub fn read_file(path: &Path) -> Result<ArticleFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = input::read_file_within(path, input::ARTICLE)?;
    let text = decode::utf8(&bytes, &name).map_err(|e| match e {
        Error::Parse {
            file, line, column, ..
        } => Error::Read {
            path: file,
            message: format!(
                "it is not UTF-8 text (line {line}, column {column}): save it as UTF-8 and \
                 open it again"
            ),
        },
        other => other,
    })?;
    let format = format_of(path, text);
    let url = match format {
        PageFormat::Html => saved_from(text),
        PageFormat::Text | PageFormat::Markdown => None,
    };
    Ok(ArticleFile {
        name,
        input: text.to_owned(),
        format,
        url,
    })
}

/// `.html` / `.htm` are web pages, `.md` / `.markdown` Markdown, `.txt` text; any other name
/// is a web page when it starts like one.
pub fn format_of(path: &Path, text: &str) -> PageFormat {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => PageFormat::Html,
        "md" | "markdown" => PageFormat::Markdown,
        "txt" => PageFormat::Text,
        _ => {
            let start: String = text.trim_start().chars().take(15).collect();
            if start.starts_with('<') {
                PageFormat::Html
            } else {
                PageFormat::Text
            }
        }
    }
}

/// The address in a browser's `<!-- saved from url=(0042)https://… -->` mark near the top of
/// a saved page, when it is a web address.
pub fn saved_from(html: &str) -> Option<String> {
    const MARK: &str = "saved from url=(";
    let head: String = html.chars().take(2048).collect();
    let at = head.find(MARK)? + MARK.len();
    let rest = head.get(at..)?;
    let rest = rest.get(rest.find(')')? + 1..)?;
    let url = rest.split_whitespace().next()?;
    crate::model::normalize_web_url(url.strip_suffix("-->").unwrap_or(url)).ok()
}

/// Pasted text or a file's content must stay under `MAX_ARTICLE_BYTES` too.
pub fn check_size(request: &ArticleRequest) -> Result<()> {
    let size = u64::try_from(request.input.len()).unwrap_or(u64::MAX);
    if size > MAX_ARTICLE_BYTES {
        return Err(Error::invalid(
            "input",
            format!(
                "the article is larger than {} MiB, {}",
                MAX_ARTICLE_BYTES >> 20,
                input::ARTICLE.what
            ),
        ));
    }
    if let Some(url) = &request.url {
        limits::check_bytes(url, limits::MAX_URL_BYTES).map_err(|m| Error::invalid("url", m))?;
    }
    Ok(())
}

/// `ingest::extract` on an input checked for size: what the app and the CLI call.
pub fn extract(
    request: &ArticleRequest,
    store: Option<&Store>,
    today: chrono::NaiveDate,
) -> Result<Extraction> {
    check_size(request)?;
    ingest::extract(request, store, today)
}

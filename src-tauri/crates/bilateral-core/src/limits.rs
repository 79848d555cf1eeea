//! Every size and count limit, in one place. Each path that takes input (IPC, import, CLI,
//! search, export) enforces these and names the field that broke one. They sit far above any
//! real chronology and low enough that a damaged or hostile input cannot exhaust memory,
//! bloat the database or freeze the UI. The character rules of text fields live here too, so
//! every path that stores text applies the same ones.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Largest text one field may hold, in bytes (a summary, a quote, a name).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// Longest event id, in bytes: ids are slugs or UUIDs, and an id is quoted in messages and
/// repeated in every table that points at its event.
pub const MAX_ID_BYTES: usize = 512;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Most actors, tags and sources one event may carry.
pub const MAX_ACTORS: usize = 200;
pub const MAX_TAGS: usize = 200;
pub const MAX_SOURCES: usize = 200;
/// Most links one event may state.
pub const MAX_LINKS: usize = 200;
/// Longest URL, in bytes (browsers and servers reject far shorter ones).
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// Largest file an import reads, in bytes; reading stops there instead of running out of
/// memory on an endless input (`/dev/zero`, a pipe that never closes).
pub const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// Most rows a GDELT reading holds in memory. GDELT files are streamed and bounded by what
/// they leave in memory rather than by their size, since a year of the GDELT 1.0 backfile
/// unzipped can pass `MAX_IMPORT_BYTES` while keeping a few percent of its rows. An import
/// writes each kept event as it is read and holds only the rows it could not read (to list
/// them), so a file of endless unreadable lines stops here; a reading held whole
/// (`gdelt_files::read_files`) holds its kept events too, about 1.3 KB each.
pub const MAX_GDELT_ROWS_HELD: usize = 1_000_000;

/// Most rejected items an import's preview lists (all are counted): a file of a million bad
/// rows is told by its first thousand, and the dialog's table and the message that carries
/// it stay small.
pub const MAX_REJECTIONS_LISTED: usize = 1_000;

/// Largest article (a `.txt`, `.md` or `.html` page, a TimeML document) read for extraction,
/// in bytes. A long report is well under 1 MB of HTML; the tagger and the dialog work on the
/// whole text at once, so a bigger input is refused rather than freezing them.
pub const MAX_ARTICLE_BYTES: u64 = 5 * 1024 * 1024;

/// Longest search text, in bytes, and most distinct terms it may hold: each term is one more
/// prefix lookup in the full-text index that every other write waits behind.
pub const MAX_SEARCH_BYTES: usize = 1024;
pub const MAX_SEARCH_TERMS: usize = 32;
/// Most values one list of a filter may hold (kinds, sides, actors, tags).
pub const MAX_FILTER_VALUES: usize = 200;

/// Picture exports: each side in pixels, so a PNG never needs more than 8000 × 8000 × 4 bytes
/// (256 MB) for its pixels. Below the minimum the picture has no room for its legend and
/// axis, so smaller requests are drawn at the minimum.
pub const MIN_IMAGE_WIDTH: u32 = 320;
pub const MIN_IMAGE_HEIGHT: u32 = 200;
pub const MAX_IMAGE_SIDE: u32 = 8000;

/// Most events in one PDF: a document to read (about 7,800 pages), laid out in memory page
/// by page; past it the export would take minutes and gigabytes.
pub const MOST_PDF_EVENTS: usize = 25_000;
/// Most events in one web page: its data is inlined whole as JSON (59 MB at 100,000 events),
/// which the page reads when it opens (about 3 s to its first screen in Chromium at this
/// limit; past 1,000 events it builds them as the reader scrolls).
pub const MOST_HTML_EVENTS: usize = 100_000;

/// The limits as the UI receives them, so the editor and the export dialog can show and check
/// them before sending instead of keeping a copy that drifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Limits {
    pub max_field_bytes: usize,
    pub max_id_bytes: usize,
    pub max_title_chars: usize,
    pub max_actors: usize,
    pub max_tags: usize,
    pub max_sources: usize,
    pub max_url_bytes: usize,
    pub max_search_bytes: usize,
    pub max_search_terms: usize,
    pub max_filter_values: usize,
    pub min_image_width: u32,
    pub min_image_height: u32,
    pub max_image_side: u32,
    pub most_pdf_events: usize,
    pub most_html_events: usize,
}

impl Limits {
    pub const CURRENT: Limits = Limits {
        max_field_bytes: MAX_FIELD_BYTES,
        max_id_bytes: MAX_ID_BYTES,
        max_title_chars: MAX_TITLE_CHARS,
        max_actors: MAX_ACTORS,
        max_tags: MAX_TAGS,
        max_sources: MAX_SOURCES,
        max_url_bytes: MAX_URL_BYTES,
        max_search_bytes: MAX_SEARCH_BYTES,
        max_search_terms: MAX_SEARCH_TERMS,
        max_filter_values: MAX_FILTER_VALUES,
        min_image_width: MIN_IMAGE_WIDTH,
        min_image_height: MIN_IMAGE_HEIGHT,
        max_image_side: MAX_IMAGE_SIDE,
        most_pdf_events: MOST_PDF_EVENTS,
        most_html_events: MOST_HTML_EVENTS,
    };
}

/// Most characters of user input an error message quotes.
pub const MAX_EXCERPT_CHARS: usize = 60;

/// A short, escaped excerpt of user input for an error message: control and bidi characters
/// shown as escapes, cut to `MAX_EXCERPT_CHARS` with an ellipsis, so a message never repeats
/// a huge or hostile input.
pub fn excerpt(text: &str) -> String {
    let mut out = String::from("\"");
    for (n, c) in text.chars().enumerate() {
        if n == MAX_EXCERPT_CHARS {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || is_bidi_control(c) => {
                out.extend(c.escape_default());
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that reorder how text around them is shown (Trojan Source): never stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that break a line in any viewer: never part of a one-line field.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Where a character that may not be stored sits, as a message that names it by code point
/// (never by showing it, since it may be invisible or reorder the message itself).
fn forbidden(c: char, index: usize, why: &str) -> String {
    format!(
        "character {} (U+{:04X}) is {why} and cannot be stored",
        index + 1,
        u32::from(c)
    )
}

/// A one-line field (title, name, tag, publisher, place, URL): no control characters at all
/// (tabs and line breaks included) and no bidi controls.
pub fn check_line(text: &str) -> Result<(), String> {
    for (i, c) in text.chars().enumerate() {
        if is_line_break(c) {
            return Err(forbidden(c, i, "a line break in a one-line field"));
        }
        if c.is_control() {
            return Err(forbidden(c, i, "a control character"));
        }
        if is_bidi_control(c) {
            return Err(forbidden(
                c,
                i,
                "a bidi control, which reorders how text is shown",
            ));
        }
    }
    Ok(())
}

/// A multi-line field (summary, quote): line breaks (`\n`, `\r\n`) and tabs are text; every
/// other control character, a lone `\r` and bidi controls are not.
pub fn check_lines(text: &str) -> Result<(), String> {
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' | '\t' => {}
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {}
            '\r' => return Err(forbidden(c, i, "a carriage return without a line feed")),
            c if c.is_control() => return Err(forbidden(c, i, "a control character")),
            c if is_bidi_control(c) => {
                return Err(forbidden(
                    c,
                    i,
                    "a bidi control, which reorders how text is shown",
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// No more than `max` bytes.
pub fn check_bytes(text: &str, max: usize) -> Result<(), String> {
    if text.len() > max {
        return Err(format!(
            "{} bytes is more than the {max} one field may hold",
            text.len()
        ));
    }
    Ok(())
}

/// No more than `max` items in a list of `what` (`"tags"`).
pub fn check_count(count: usize, max: usize, what: &str) -> Result<(), String> {
    if count > max {
        return Err(format!(
            "{count} {what} is more than the {max} one event may have"
        ));
    }
    Ok(())
}

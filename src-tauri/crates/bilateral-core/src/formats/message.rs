//! Messages about a file's content, kept short whatever the file holds.
//!
//! A reader's own messages quote input through `limits::excerpt`. Other libraries' messages
//! (serde's "invalid type: string \"…\"", "unknown field `…`") and field paths built from
//! the file's keys repeat input whole: a 50 MB cell became 50 MB on standard error. Every
//! rejection and every reader error passes through `clip` on its way out, so no message or
//! field path grows with the input, and none carries a control or bidi character.

use crate::date::DateError;
use crate::error::Error;
use crate::limits::{excerpt, is_bidi_control};

/// Most characters of a message (before escapes) once clipped.
pub const MAX_MESSAGE_CHARS: usize = 200;
/// Most characters of a field path once clipped (`sources[0].url` is 14).
pub const MAX_FIELD_CHARS: usize = 80;

/// `text` with control and bidi characters escaped; when longer than `max` characters, its
/// beginning and end with `…` between (the end of a serde message says what was expected).
pub fn clip(text: &str, max: usize) -> String {
    let unsafe_char = |c: char| c.is_control() || is_bidi_control(c);
    if text.len() <= max && !text.chars().any(unsafe_char) {
        return text.to_owned();
    }
    let escape = |c: char| -> String {
        if unsafe_char(c) {
            c.escape_default().collect()
        } else {
            c.to_string()
        }
    };
    let total = text.chars().count();
    if total <= max {
        return text.chars().map(escape).collect();
    }
    let head = max * 2 / 3;
    let tail = max - head - 1;
    let start: String = text.chars().take(head).map(escape).collect();
    let mut end: Vec<String> = text.chars().rev().take(tail).map(escape).collect();
    end.reverse();
    format!("{start}…{}", end.concat())
}

/// A field path (`sources[0].url`, or a path through the file's own keys), clipped.
pub fn field(path: &str) -> String {
    clip(path, MAX_FIELD_CHARS)
}

/// A message, clipped.
pub fn message(text: &str) -> String {
    clip(text, MAX_MESSAGE_CHARS)
}

/// A reader's error with its field and message clipped: the last guard before the error
/// reaches a person.
pub(crate) fn clip_error(error: Error) -> Error {
    match error {
        Error::Parse {
            file,
            line,
            column,
            message: text,
        } => Error::Parse {
            file,
            line,
            column,
            message: message(&text),
        },
        Error::Invalid {
            field: path,
            message: text,
        } => Error::invalid(field(&path), message(&text)),
        other => other,
    }
}

/// Why a text is not a date, quoting an excerpt of it (`DateError` quotes it whole).
pub(crate) fn date_error(error: &DateError) -> String {
    match error {
        DateError::Shape(text) => format!(
            "{} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD",
            excerpt(text)
        ),
        other => other.to_string(),
    }
}

/// A field path from serde_path_to_error under `prefix` (`sources` + `[0].url`), clipped. An
/// empty path blames `prefix`, or the whole `event` when there is no prefix.
pub(crate) fn serde_field(prefix: &str, path: &serde_path_to_error::Path) -> String {
    let path = path.to_string();
    match path.as_str() {
        "." if prefix.is_empty() => "event".to_owned(),
        "." => prefix.to_owned(),
        p if p.starts_with('[') || prefix.is_empty() => field(&format!("{prefix}{p}")),
        p => field(&format!("{prefix}.{p}")),
    }
}

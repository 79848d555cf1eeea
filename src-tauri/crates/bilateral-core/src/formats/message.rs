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

/// Most bytes of a message once clipped (escapes included), besides the `…` marking the cut.
pub const MAX_MESSAGE_BYTES: usize = 300;
/// Most bytes of a field path once clipped (`sources[0].url` is 14).
pub const MAX_FIELD_PATH_BYTES: usize = 80;

fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// How many bytes `c` takes once escaped.
fn escaped_len(c: char) -> usize {
    if is_unsafe(c) {
        c.escape_default().count()
    } else {
        c.len_utf8()
    }
}

fn push_escaped(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

/// `text` with control and bidi characters escaped; when that is longer than `max` bytes, its
/// beginning and end with `…` between (the end of a serde message says what was expected).
/// Never more than `max` bytes plus the `…`.
pub fn clip(text: &str, max: usize) -> String {
    let total: usize = text.chars().map(escaped_len).sum();
    let mut out = String::new();
    if total <= max {
        text.chars().for_each(|c| push_escaped(&mut out, c));
        return out;
    }
    let head = max * 2 / 3;
    for c in text.chars() {
        if out.len() + escaped_len(c) > head {
            break;
        }
        push_escaped(&mut out, c);
    }
    let mut tail = Vec::new();
    let mut room = max - head;
    for c in text.chars().rev() {
        let n = escaped_len(c);
        if n > room {
            break;
        }
        room -= n;
        tail.push(c);
    }
    out.push('…');
    tail.into_iter()
        .rev()
        .for_each(|c| push_escaped(&mut out, c));
    out
}

/// A field path (`sources[0].url`, or a path through the file's own keys), clipped.
pub fn field(path: &str) -> String {
    clip(path, MAX_FIELD_PATH_BYTES)
}

/// A message, clipped.
pub fn message(text: &str) -> String {
    clip(text, MAX_MESSAGE_BYTES)
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

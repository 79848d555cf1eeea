//! Every size and count limit, in one place. Each path that takes input (IPC, import, CLI,
//! search, export) enforces these and names the field that broke one. They sit far above any
//! real chronology and low enough that a damaged or hostile input cannot exhaust memory,
//! bloat the database or freeze the UI.

/// Largest text one field may hold, in bytes (a summary, a quote, a name).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Most actors, tags and sources one event may carry.
pub const MAX_ACTORS: usize = 200;
pub const MAX_TAGS: usize = 200;
pub const MAX_SOURCES: usize = 200;
/// Longest URL, in bytes (browsers and servers reject far shorter ones).
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// Largest file an import reads, in bytes; reading stops there instead of running out of
/// memory on an endless input (`/dev/zero`, a pipe that never closes).
pub const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// Longest search text, in bytes, and most terms it may hold.
pub const MAX_SEARCH_BYTES: usize = 1024;
pub const MAX_SEARCH_TERMS: usize = 32;

/// Picture exports: each side in pixels, so a PNG never needs more than 8000 × 8000 × 4 bytes.
pub const MIN_IMAGE_WIDTH: u32 = 200;
pub const MIN_IMAGE_HEIGHT: u32 = 150;
pub const MAX_IMAGE_SIDE: u32 = 8000;

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

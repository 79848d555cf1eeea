//! A standalone HTML page: the events inlined as Bilateral JSON in a
//! `<script type="application/json">` block, and a small inline renderer (`html.js`, vanilla
//! JavaScript) that builds the page with `textContent` only, with a search box; a page of more
//! than a thousand events is built as the reader scrolls to them. The words and
//! colours it shows come from the core, inlined beside the data as JSON: the vocabulary
//! (`vocabulary.rs`, the app's labels and colours) and each event's dates as the core words
//! them, so the page never keeps its own copy.
//!
//! The page loads nothing: its Content-Security-Policy allows no source at all except its own
//! inline script and style, named by their SHA-256 hashes. The data block is escaped so no
//! text can close it (`<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX`). Source links
//! are only made for http(s) URLs. Export only.

use std::io::{self, Write};

use super::bilateral_json;
use super::labels::span_label;
use super::progress::Progress;
use super::{chronological, ExportOptions};
use crate::model::Event;
use crate::vocabulary::vocabulary;

/// The renderer, inlined verbatim.
pub const SCRIPT: &str = include_str!("html.js");
/// The stylesheet, inlined verbatim.
pub const STYLE: &str = include_str!("html.css");
/// `sha256-` + base64 of SHA-256 of `SCRIPT`; a test recomputes it.
pub const SCRIPT_HASH: &str = "sha256-tI2cu3GOHhtgVwb1R0tycqtlEMi4dvqMmWf26qaO/jA=";
/// `sha256-` + base64 of SHA-256 of `STYLE`; a test recomputes it.
pub const STYLE_HASH: &str = "sha256-hQbwSvh7B7ivvu1mxRpxrn841erbz63Aav5WXtGnpUY=";

/// The page's policy: nothing from anywhere, only its own inline script and style.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; script-src '{SCRIPT_HASH}'; style-src '{STYLE_HASH}'; \
         img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; \
         object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; \
         base-uri 'none'; form-action 'none'"
    )
}

/// Text as HTML shows it literally.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that can sit inside a `<script>` element: nothing in it can close the element or
/// open a comment, and it still parses to the same value.
pub fn escape_script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let sorted: Vec<Event> = chronological(events).into_iter().cloned().collect();
    let data = escape_script_json(&bilateral_json::to_compact_string(&sorted)?);
    let dates: Vec<String> = sorted.iter().map(|e| span_label(e.start, e.end)).collect();
    let words = escape_script_json(&serde_json::to_string(&serde_json::json!({
        "vocabulary": vocabulary(),
        "dates": dates,
    }))?);
    let title = escape_html(&options.title);
    let mut out = io::BufWriter::new(out);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Bilateral\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n\
         <div class=\"tools\"><input id=\"search\" type=\"search\" placeholder=\"Search events\" \
         aria-label=\"Search events\"><span id=\"count\" class=\"count\" aria-live=\"polite\"></span></div>\n\
         <noscript><p>This page needs JavaScript to show its events. They are also in the page \
         source, as JSON.</p></noscript>\n\
         <main id=\"events\"></main>\n\
         <script type=\"application/json\" id=\"bilateral-data\">{data}</script>\n\
         <script type=\"application/json\" id=\"bilateral-words\">{words}</script>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        csp = content_security_policy(),
    )?;
    for _ in events {
        progress.tick();
    }
    out.flush()
}

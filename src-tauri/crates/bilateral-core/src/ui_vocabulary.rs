//! The vocabulary (`vocabulary.rs`) written out for the UI: a TypeScript module of the labels,
//! orders and colours, with examples of the core's date wording that the UI's date formatter
//! is tested against, and a stylesheet of the kinds' colours as CSS custom properties
//! (`--k-<kind>`, light and dark). A test keeps the committed files equal to what this writes.

use std::fmt::Write as _;

use serde::Serialize;

use crate::date::PartialDate;
use crate::formats::labels::span_label;
use crate::periods::Colour;
use crate::vocabulary::{vocabulary, Vocabulary};

/// Where the generated files live, relative to the repository root.
pub const TYPESCRIPT_PATH: &str = "ui/src/generated/vocabulary.ts";
pub const STYLESHEET_PATH: &str = "ui/src/generated/kind-colours.css";

const HEADER: &str = "Generated from the Rust core's vocabulary (bilateral-core, vocabulary.rs); do not edit.\n\
Regenerate with `BILATERAL_UPDATE_BINDINGS=1 cargo test -p bilateral-core --test integration vocabulary`.";

/// One range per way the core words it (and a few edges), as `[start, end]`.
const DATE_EXAMPLES: &[(&str, Option<&str>)] = &[
    ("2023-11-15", None),
    ("2023-11", None),
    ("2023", None),
    ("2023-11-15", Some("2023-11-15")),
    ("2023-11-15", Some("2023-11-16")),
    ("2023-11-30", Some("2023-12-02")),
    ("2023-12-30", Some("2024-01-02")),
    ("2023-03", Some("2023-05")),
    ("2023-11", Some("2024-02")),
    ("1971", Some("1972")),
    ("1971", Some("1971")),
    ("1971", Some("1972-03")),
    ("1971-07", Some("1972")),
    ("1972-02-21", Some("1972-03")),
    ("1972-02", Some("1972-03-01")),
];

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `{ summit: "Summit", … }` from (code, value) pairs; the codes are snake_case identifiers.
fn record<V: Serialize>(pairs: impl IntoIterator<Item = (&'static str, V)>) -> String {
    let body: Vec<String> = pairs
        .into_iter()
        .map(|(code, value)| format!("  {code}: {},", json(&value)))
        .collect();
    format!("{{\n{}\n}}", body.join("\n"))
}

fn list(items: impl IntoIterator<Item = impl Serialize>) -> String {
    let body: Vec<String> = items
        .into_iter()
        .map(|item| format!("  {},", json(&item)))
        .collect();
    format!("[\n{}\n]", body.join("\n"))
}

/// The core's words for each example range: `[start, end or null, words]`.
pub fn date_examples() -> Vec<(&'static str, Option<&'static str>, String)> {
    DATE_EXAMPLES
        .iter()
        .filter_map(|(start, end)| {
            let from: PartialDate = start.parse().ok()?;
            let to = match end {
                Some(end) => Some(end.parse::<PartialDate>().ok()?),
                None => None,
            };
            Some((*start, *end, span_label(from, to)))
        })
        .collect()
}

pub fn typescript() -> String {
    let Vocabulary {
        kinds,
        sides,
        verifications,
        shapes,
        months,
        months_short,
    } = vocabulary();
    let mut out = String::new();
    for line in HEADER.lines() {
        let _ = writeln!(out, "// {line}");
    }
    out.push_str("import type { Colour, Kind, Side, Verification } from \"../api/types\";\n\n");
    let _ = writeln!(
        out,
        "/** The kinds in display order (legend, filters, grouping). */\n\
         export const KINDS: readonly Kind[] = {};\n\n\
         export const KIND_LABELS: Readonly<Record<Kind, string>> = {};\n\n\
         /** Each kind's colour per theme; the app takes them from kind-colours.css. */\n\
         export const KIND_COLOURS: Readonly<Record<Kind, {{ light: string; dark: string }}>> = {};\n\n\
         export const SIDES: readonly Side[] = {};\n\n\
         export const SIDE_LABELS: Readonly<Record<Side, string>> = {};\n\n\
         export const VERIFICATIONS: readonly Verification[] = {};\n\n\
         export const VERIFICATION_LABELS: Readonly<Record<Verification, string>> = {};\n\n\
         export const VERIFICATION_NOTES: Readonly<Record<Verification, string>> = {};\n\n\
         /** What each mark shape says about an event's dates (the legend). */\n\
         export const SHAPE_LABELS: Readonly<Record<{}, string>> = {};\n\n\
         export const MONTH_NAMES = {} as const;\n\n\
         export const MONTH_SHORT = {} as const;\n\n\
         /** How the core words dates and ranges, as [start, end, words]: the UI's formatter must agree. */\n\
         export const DATE_WORDING: readonly (readonly [string, string | null, string])[] = {};",
        list(kinds.iter().map(|k| k.code)),
        record(kinds.iter().map(|k| (k.code, k.label))),
        record(kinds.iter().map(|k| (k.code, k.colour))),
        list(sides.iter().map(|s| s.code)),
        record(sides.iter().map(|s| (s.code, s.label))),
        list(verifications.iter().map(|v| v.code)),
        record(verifications.iter().map(|v| (v.code, v.label))),
        record(verifications.iter().map(|v| (v.code, v.note))),
        shapes
            .iter()
            .map(|s| json(&s.code))
            .collect::<Vec<_>>()
            .join(" | "),
        record(shapes.iter().map(|s| (s.code, s.label))),
        list(months),
        list(months_short),
        list(date_examples()),
    );
    let _ = writeln!(
        out,
        "\n/** The colours a period of the user's may have, in the order the picker offers them. */\n\
         export const PERIOD_COLOURS: readonly Colour[] = {};\n\n\
         export const PERIOD_COLOUR_LABELS: Readonly<Record<Colour, string>> = {};",
        list(Colour::ALL.map(Colour::as_str)),
        record(Colour::ALL.map(|c| (c.as_str(), c.label()))),
    );
    let limits = crate::limits::Limits::CURRENT;
    let _ = writeln!(
        out,
        "\n/** What an export accepts: a picture's size in pixels, and the most events of the documents laid out whole. */\n\
         export const EXPORT_LIMITS = {{\n  \
         minImageWidth: {},\n  \
         minImageHeight: {},\n  \
         maxImageSide: {},\n  \
         mostEvents: {{ pdf: {}, html: {} }},\n\
         }} as const;",
        limits.min_image_width,
        limits.min_image_height,
        limits.max_image_side,
        limits.most_pdf_events,
        limits.most_html_events,
    );
    let _ = writeln!(
        out,
        "\n/** The most events one undo step keeps: an import, a bulk edit or a delete of more cannot be undone. */\n\
         export const UNDO_LIMIT = {};",
        crate::import::UNDO_LIMIT,
    );
    out
}

pub fn stylesheet() -> String {
    let kinds = vocabulary().kinds;
    let mut out = String::new();
    for line in HEADER.lines() {
        let _ = writeln!(out, "/* {line} */");
    }
    out.push_str(":root {\n");
    for kind in &kinds {
        let _ = writeln!(out, "  --k-{}: {};", kind.code, kind.colour.light);
    }
    out.push_str("}\n\n@media (prefers-color-scheme: dark) {\n  :root {\n");
    for kind in &kinds {
        let _ = writeln!(out, "    --k-{}: {};", kind.code, kind.colour.dark);
    }
    out.push_str("  }\n}\n");
    out
}

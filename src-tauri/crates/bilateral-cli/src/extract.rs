//! `extract`: an article's publication date, time expressions and candidate events, as a
//! readable report or as JSON for other tools. It writes nothing: the database, when there
//! is one, is opened read-only to match candidates against stored events.

use std::path::{Path, PathBuf};

use bilateral_core::formats::html_to_text::one_line;
use bilateral_core::formats::labels::side_label;
use bilateral_core::formats::message::clip;
use bilateral_core::formats::{decode, input};
use bilateral_core::ingest::{self, ArticleRequest, Extraction, PageFormat, PublishedFrom};
use bilateral_core::ingest::{Candidate, Timex, TimexType};
use bilateral_core::{Event, Store};
use serde::Serialize;

use crate::args::ExtractArgs;
use crate::database;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(args: ExtractArgs, db: Option<PathBuf>) -> Result<(), Failure> {
    let (bytes, name) = read_input(&args.file)?;
    let text = decode::utf8(&bytes, &name)?;
    let format = if args.file.as_os_str() == "-" {
        sniff(text)
    } else {
        format_of(&args.file)
    };
    let (store, db_path) = open_for_matching(db);
    let request = ArticleRequest {
        input: text.to_owned(),
        format,
        published: args.published,
        url: args.url,
    };
    let today = chrono::Local::now().date_naive();
    let extraction = ingest::extract(&request, store.as_ref(), today)?;
    let mut out = Output::stdout();
    if args.print_text {
        out.write_with(|out| {
            out.write_all(extraction.text.as_bytes())?;
            // A final line break for the terminal; after the text, so no offset moves.
            if !extraction.text.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            Ok(())
        })
    } else if args.json {
        let json = serde_json::to_string_pretty(&JsonView::of(&extraction))
            .map_err(|e| Failure::Usage(format!("cannot write the JSON: {e}")))?;
        out.line(format_args!("{json}"))
    } else {
        let matched = store.as_ref().and(db_path.as_deref());
        report(&mut out, &name, format, &extraction, matched)
    }
}

/// The article's bytes, never more than the core's article limit.
fn read_input(path: &Path) -> Result<(Vec<u8>, String), Failure> {
    if path.as_os_str() == "-" {
        let name = "standard input";
        let bytes = input::read_within(std::io::stdin().lock(), name, input::ARTICLE)?;
        return Ok((bytes, name.to_owned()));
    }
    let bytes = input::read_file_within(path, input::ARTICLE)?;
    Ok((bytes, path.display().to_string()))
}

/// The format a file's extension says: a saved page is HTML, a note is Markdown, anything
/// else is read as plain text.
fn format_of(path: &Path) -> PageFormat {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => PageFormat::Html,
        Some("md" | "markdown") => PageFormat::Markdown,
        _ => PageFormat::Text,
    }
}

/// Standard input has no extension: markup is HTML, anything else plain text.
fn sniff(text: &str) -> PageFormat {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.starts_with('<') || text.to_ascii_lowercase().contains("<html") {
        PageFormat::Html
    } else {
        PageFormat::Text
    }
}

/// The database to match candidates against, and its path, when there is one that Bilateral
/// can read. Never created: with none, the article is read all the same, without matches.
fn open_for_matching(db: Option<PathBuf>) -> (Option<Store>, Option<PathBuf>) {
    let Ok(path) = database::path(db) else {
        return (None, None);
    };
    if !path.exists() {
        return (None, Some(path));
    }
    match Store::open_read_only(&path) {
        Ok(store) => (Some(store), Some(path)),
        Err(e) => {
            // Matching is a help, not the point: say why it is off and read the article.
            eprintln!("bilateral-cli: candidates are not matched against stored events: {e}");
            (None, Some(path))
        }
    }
}

/// `--json`: exactly `{"published": {"date", "from"}, "timexes": [...], "candidates": [...]}`,
/// a view of its own so that fields added to the core's types never change it.
#[derive(Serialize)]
struct JsonView<'a> {
    published: PublishedView,
    timexes: Vec<TimexView<'a>>,
    candidates: Vec<CandidateView<'a>>,
}

#[derive(Serialize)]
struct PublishedView {
    date: String,
    from: PublishedFrom,
}

#[derive(Serialize)]
struct TimexView<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: TimexType,
    value: &'a str,
}

#[derive(Serialize)]
struct CandidateView<'a> {
    event: &'a Event,
    matches: &'a [String],
}

impl<'a> JsonView<'a> {
    fn of(extraction: &'a Extraction) -> Self {
        Self {
            published: PublishedView {
                date: extraction.published.date.to_string(),
                from: extraction.published.from,
            },
            timexes: extraction.timexes.iter().map(TimexView::of).collect(),
            candidates: extraction
                .candidates
                .iter()
                .map(|c: &Candidate| CandidateView {
                    event: &c.event,
                    matches: &c.matches,
                })
                .collect(),
        }
    }
}

impl<'a> TimexView<'a> {
    fn of(timex: &'a Timex) -> Self {
        Self {
            start: timex.start,
            end: timex.end,
            text: &timex.text,
            kind: timex.kind,
            value: &timex.value,
        }
    }
}

/// Where the anchor date came from, in words.
fn from_words(from: PublishedFrom) -> &'static str {
    match from {
        PublishedFrom::Argument => "given with --published",
        PublishedFrom::Meta => "from the page's <meta> tags",
        PublishedFrom::JsonLd => "from the page's JSON-LD data",
        PublishedFrom::TimeElement => "from a <time> element of the page",
        PublishedFrom::Text => "from a byline or dateline in the text",
        PublishedFrom::Today => "not found in the article: today's date",
    }
}

fn format_words(format: PageFormat) -> &'static str {
    match format {
        PageFormat::Text => "plain text",
        PageFormat::Html => "HTML",
        PageFormat::Markdown => "Markdown",
    }
}

/// Article text shown on one line, escaped and cut to `max` bytes: never raw control or bidi
/// characters on the terminal.
fn shown(text: &str, max: usize) -> String {
    clip(&one_line(text), max)
}

/// Without `--json`: what was found, for a person.
fn report(
    out: &mut Output,
    name: &str,
    format: PageFormat,
    extraction: &Extraction,
    matched_against: Option<&Path>,
) -> Result<(), Failure> {
    let published = &extraction.published;
    out.line(format_args!(
        "article:    {} ({})",
        shown(name, 200),
        format_words(format)
    ))?;
    for (label, value) in [
        ("title:     ", &extraction.title),
        ("publisher: ", &extraction.publisher),
        ("url:       ", &extraction.url),
    ] {
        if let Some(value) = value {
            out.line(format_args!("{label} {}", shown(value, 200)))?;
        }
    }
    out.line(format_args!(
        "anchor:     {}, {}",
        published.date,
        from_words(published.from)
    ))?;
    if let Some(evidence) = &published.evidence {
        out.line(format_args!(
            "            read from \"{}\"",
            shown(evidence, 120)
        ))?;
    }
    if let Some(outlet) = &published.reports {
        out.line(format_args!(
            "            reports {}: the original story's date may be the better anchor \
             (--published)",
            shown(outlet, 80)
        ))?;
    }

    out.line(format_args!(""))?;
    out.line(format_args!(
        "time expressions: {}",
        extraction.timexes.len()
    ))?;
    let rows: Vec<(String, String, &Timex)> = extraction
        .timexes
        .iter()
        .map(|t| (format!("{}..{}", t.start, t.end), shown(&t.text, 48), t))
        .collect();
    let at_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let text_width = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    for (at, text, timex) in &rows {
        out.line(format_args!(
            "  {at:>at_width$}  {text:<text_width$}  →  {:<12} {}",
            shown(&timex.value, 40),
            bilateral_core::ingest::timeml::type_name(timex.kind)
        ))?;
    }

    out.line(format_args!(""))?;
    out.line(format_args!(
        "candidate events: {}",
        extraction.candidates.len()
    ))?;
    for candidate in &extraction.candidates {
        let e = &candidate.event;
        let dates = match e.end {
            Some(end) if end != e.start => format!("{}..{end}", e.start),
            _ => e.start.to_string(),
        };
        out.line(format_args!(
            "  {dates:<22} {:<18} {}",
            e.kind.as_str(),
            shown(&e.title, 200)
        ))?;
        if !e.actors.is_empty() {
            let actors: Vec<String> = e
                .actors
                .iter()
                .map(|a| format!("{} ({})", shown(&a.name, 80), side_label(a.side)))
                .collect();
            out.line(format_args!("  {:<22} actors: {}", "", actors.join(", ")))?;
        }
        if !candidate.matches.is_empty() {
            out.line(format_args!(
                "  {:<22} already stored as: {}",
                "",
                candidate.matches.join(", ")
            ))?;
        }
    }
    match matched_against {
        Some(path) => out.line(format_args!(
            "\nmatched against the events in {}",
            path.display()
        )),
        None => out.line(format_args!(
            "\nno database read: candidates are not matched against stored events"
        )),
    }
}

//! `score-events`: the candidate events of the real pipeline against the gold events an
//! editor would add (the `.json` beside each `.tml`), and the error list its author works
//! from. Needs no database.

use bilateral_core::formats::message::clip;
use bilateral_core::ingest::event_score::{
    self, DocumentEvents, EventCounts, EventError, EventErrorKind, EventMeasures, EventView,
};
use bilateral_core::ingest::timeml;
use serde::Serialize;

use crate::args::ScoreEventsArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::score::collect;

pub fn run(args: ScoreEventsArgs) -> Result<(), Failure> {
    let inputs = collect(&args.paths)?;
    let mut documents = Vec::with_capacity(inputs.len());
    for input in &inputs {
        let doc = timeml::read_file(&input.path)?;
        let gold_path = input.path.with_extension("json");
        if !gold_path.exists() {
            return Err(Failure::Usage(format!(
                "{} has no gold events beside it: expected {}",
                input.path.display(),
                gold_path.display()
            )));
        }
        let gold = event_score::read_gold(&gold_path)?;
        let extraction = event_score::extract_document(&doc, gold.url.as_deref())?;
        documents.push(event_score::score_document(
            &input.name,
            &extraction.text,
            &gold.events,
            &extraction.candidates,
        ));
    }
    let total: EventCounts = documents.iter().map(|d| d.counts).sum();
    let errors: Vec<&EventError> = documents.iter().flat_map(|d| &d.errors).collect();
    let mut out = Output::stdout();
    if args.json {
        let json = JsonReport {
            documents: documents
                .iter()
                .map(|d| DocumentView {
                    name: &d.name,
                    counts: d.counts,
                    measures: d.counts.measures(),
                })
                .collect(),
            total: TotalView {
                counts: total,
                measures: total.measures(),
            },
            errors: args.errors.then_some(errors),
        };
        let text = serde_json::to_string_pretty(&json)
            .map_err(|e| Failure::Usage(format!("cannot write the JSON: {e}")))?;
        return out.line(format_args!("{text}"));
    }
    print_summary(&mut out, documents.len(), &total)?;
    if args.documents {
        print_documents(&mut out, &documents)?;
    }
    if args.errors {
        print_errors(&mut out, &errors)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    documents: Vec<DocumentView<'a>>,
    total: TotalView,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<&'a EventError>>,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    name: &'a str,
    counts: EventCounts,
    measures: EventMeasures,
}

#[derive(Serialize)]
struct TotalView {
    counts: EventCounts,
    measures: EventMeasures,
}

fn print_summary(out: &mut Output, documents: usize, c: &EventCounts) -> Result<(), Failure> {
    let m = c.measures();
    out.line(format_args!(
        "Candidate events against the editor's: {documents} document{}",
        if documents == 1 { "" } else { "s" },
    ))?;
    out.line(format_args!(""))?;
    out.line(format_args!("             precision  recall      F1"))?;
    out.line(format_args!(
        "  {:<10} {:>9.4} {:>7.4} {:>7.4}",
        "events", m.precision, m.recall, m.f1
    ))?;
    out.line(format_args!(""))?;
    out.line(format_args!(
        "  gold {}, candidates {}, matched {} (same sentence, overlapping dates)",
        c.gold, c.candidates, c.matched
    ))?;
    out.line(format_args!(
        "  of the matches: exact date {:.4} ({}), right kind {:.4} ({}), actors found {:.4} \
         ({} of {})",
        m.exact_date,
        c.exact_date,
        m.kind_accuracy,
        c.kind,
        m.actor_recall,
        c.actors_found,
        c.gold_actors
    ))?;
    out.line(format_args!(
        "  headline titles (at most 80 chars, not cut): {:.4} ({} of {} candidates)",
        m.headline_titles, c.headline_titles, c.candidates
    ))
}

fn print_documents(out: &mut Output, documents: &[DocumentEvents]) -> Result<(), Failure> {
    let width = documents
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    out.line(format_args!(""))?;
    out.line(format_args!(
        "  {:<width$}  gold cands match      F1  date  kind actors",
        "document"
    ))?;
    for doc in documents {
        let c = &doc.counts;
        let m = c.measures();
        out.line(format_args!(
            "  {:<width$} {:>5} {:>5} {:>5} {:>7.4} {:>5} {:>5} {:>3}/{}",
            clip(&doc.name, 200),
            c.gold,
            c.candidates,
            c.matched,
            m.f1,
            c.exact_date,
            c.kind,
            c.actors_found,
            c.gold_actors
        ))?;
    }
    Ok(())
}

fn heading(kind: EventErrorKind) -> &'static str {
    match kind {
        EventErrorKind::Missed => "gold events no candidate matches",
        EventErrorKind::Unmatched => "candidates that match no gold event",
        EventErrorKind::Differs => "matches whose date, kind or actors differ",
    }
}

fn label(kind: EventErrorKind) -> &'static str {
    match kind {
        EventErrorKind::Missed => "MISSED",
        EventErrorKind::Unmatched => "UNMATCHED",
        EventErrorKind::Differs => "DIFFERS",
    }
}

/// An event as one line: `2024-01-29 meeting "Sullivan meets Wang" [Jake Sullivan, Wang Yi]`.
fn phrase(e: &EventView) -> String {
    let date = match e.end {
        Some(end) => format!("{}/{end}", e.start),
        None => e.start.to_string(),
    };
    format!(
        "{date} {} \"{}\" [{}]",
        e.kind.as_str(),
        clip(&e.title, 120),
        clip(&e.actors.join(", "), 160)
    )
}

fn print_errors(out: &mut Output, errors: &[&EventError]) -> Result<(), Failure> {
    out.line(format_args!(""))?;
    out.line(format_args!("errors: {}", errors.len()))?;
    for kind in [
        EventErrorKind::Missed,
        EventErrorKind::Unmatched,
        EventErrorKind::Differs,
    ] {
        let group: Vec<&EventError> = errors.iter().copied().filter(|e| e.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        out.line(format_args!(""))?;
        out.line(format_args!(
            "{}: {} {}",
            label(kind),
            group.len(),
            heading(kind)
        ))?;
        for e in group {
            out.line(format_args!("  {}", clip(&e.document, 200)))?;
            if !e.differences.is_empty() {
                out.line(format_args!("      differs: {}", e.differences.join("; ")))?;
            }
            if let Some(g) = &e.gold {
                out.line(format_args!("      gold  {}", phrase(g)))?;
            }
            if let Some(c) = &e.candidate {
                out.line(format_args!("      ours  {}", phrase(c)))?;
            }
            let sentence = e
                .candidate
                .as_ref()
                .or(e.gold.as_ref())
                .map_or("", |v| v.sentence.as_str());
            out.line(format_args!("      | {}", clip(sentence, 400)))?;
        }
    }
    Ok(())
}

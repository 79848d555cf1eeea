//! `score-timex`: the temporal tagger against gold TimeML files, with the TempEval-3
//! measures, and the error list its author works from. Needs no database.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bilateral_core::formats::message::clip;
use bilateral_core::ingest::score::{
    self, add_by_type, empty_by_type, value_shape, Counts, DocumentScore, ErrorKind, Measures,
    TimexError, TypeCounts,
};
use bilateral_core::ingest::timeml::{self, type_name};
use bilateral_core::ingest::{tagger, Timex};
use serde::Serialize;

use crate::args::ScoreTimexArgs;
use crate::failure::Failure;
use crate::output::Output;

/// A gold file and the name it is shown by (its path under the folder it was found in).
pub(crate) struct Input {
    pub(crate) path: PathBuf,
    pub(crate) name: String,
}

pub fn run(args: ScoreTimexArgs) -> Result<(), Failure> {
    let inputs = collect(&args.paths)?;
    let mut documents = Vec::with_capacity(inputs.len());
    let mut tagging = Duration::ZERO;
    let mut words = 0;
    for input in &inputs {
        let doc = timeml::read_file(&input.path)?;
        let found = match &args.system {
            Some(folder) => read_system(folder, input, &doc)?,
            None => {
                let started = Instant::now();
                let found = tagger::tag(&doc.text, doc.dct);
                tagging += started.elapsed();
                found
            }
        };
        words += doc.text.split_whitespace().count();
        if let Some(folder) = &args.write {
            write_tagged(folder, input, &doc, &found)?;
        }
        documents.push(score::score_document(
            &input.name,
            &doc.text,
            &doc.timexes,
            &found,
        ));
    }
    let total: Counts = documents.iter().map(|d| d.counts).sum();
    let mut by_type = empty_by_type();
    for doc in &documents {
        add_by_type(&mut by_type, &doc.by_type);
    }
    let wanted =
        |e: &&TimexError| args.error_kinds.is_empty() || args.error_kinds.contains(&e.kind);
    let errors: Vec<&TimexError> = documents
        .iter()
        .flat_map(|d| &d.errors)
        .filter(wanted)
        .collect();
    let show_errors = args.errors || !args.error_kinds.is_empty();
    let summary = Summary {
        system: args.system.as_deref(),
        documents: documents.len(),
        words,
        tagging,
        total,
        by_type,
    };
    let mut out = Output::stdout();
    if args.json {
        let json = JsonReport {
            documents: documents
                .iter()
                .map(|d| DocumentView {
                    name: &d.name,
                    counts: d.counts,
                    measures: d.measures(),
                })
                .collect(),
            total: TotalView {
                counts: total,
                measures: total.measures(),
            },
            by_type: by_type.to_vec(),
            words,
            tagging_ms: tagging.as_secs_f64() * 1000.0,
            errors: show_errors.then_some(errors),
        };
        let text = serde_json::to_string_pretty(&json)
            .map_err(|e| Failure::Usage(format!("cannot write the JSON: {e}")))?;
        return out.line(format_args!("{text}"));
    }
    print_summary(&mut out, &summary)?;
    if args.documents {
        print_documents(&mut out, &documents)?;
    }
    if show_errors {
        print_errors(&mut out, &errors)?;
    }
    Ok(())
}

/// The files named, and the `.tml` files under the folders named, each folder's in name order.
pub(crate) fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, Failure> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            if found.is_empty() {
                return Err(Failure::Usage(format!(
                    "there is no .tml file in {}",
                    path.display()
                )));
            }
            found.sort();
            inputs.extend(found.into_iter().map(|file| {
                Input {
                    name: file
                        .strip_prefix(path)
                        .unwrap_or(&file)
                        .display()
                        .to_string(),
                    path: file,
                }
            }));
        } else if path.exists() {
            inputs.push(Input {
                name: path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                ),
                path: path.clone(),
            });
        } else {
            return Err(Failure::Usage(format!(
                "{} does not exist: give .tml files or folders holding them",
                path.display()
            )));
        }
    }
    Ok(inputs)
}

fn walk(folder: &Path, found: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let cannot = |e: std::io::Error| {
        Failure::Core(bilateral_core::Error::Read {
            path: folder.display().to_string(),
            message: e.to_string(),
        })
    };
    for entry in std::fs::read_dir(folder).map_err(cannot)? {
        let path = entry.map_err(cannot)?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tml"))
        {
            found.push(path);
        }
    }
    Ok(())
}

/// `--system`: the expressions of the same document tagged by someone else.
fn read_system(
    folder: &Path,
    input: &Input,
    gold: &timeml::Document,
) -> Result<Vec<Timex>, Failure> {
    let path = folder.join(&input.name);
    let doc = timeml::read_file(&path)?;
    if doc.text != gold.text {
        return Err(Failure::Usage(format!(
            "the text of {} is not the text of its gold file {}: a tagger may only add tags",
            path.display(),
            input.path.display()
        )));
    }
    Ok(doc.timexes)
}

/// `--write`: the document as we tagged it, for the official scorer. Never over its own gold.
fn write_tagged(
    folder: &Path,
    input: &Input,
    doc: &timeml::Document,
    found: &[Timex],
) -> Result<(), Failure> {
    let fail = |path: &Path, source| Failure::Write {
        path: path.to_owned(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(|e| fail(folder, e))?;
    let target = folder.join(&input.name);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(&target, &input.path) {
        return Err(Failure::Usage(format!(
            "--write would overwrite the gold file {}: give another folder",
            input.path.display()
        )));
    }
    let dct = &doc.dct_value;
    let tml = timeml::write(&input.name, dct, &doc.text, found)?;
    std::fs::write(&target, tml).map_err(|e| fail(&target, e))
}

struct Summary<'a> {
    /// `--system`: whose expressions were scored, when not our tagger's.
    system: Option<&'a Path>,
    documents: usize,
    words: usize,
    tagging: Duration,
    total: Counts,
    by_type: [TypeCounts; 4],
}

#[derive(Serialize)]
struct JsonReport<'a> {
    documents: Vec<DocumentView<'a>>,
    total: TotalView,
    by_type: Vec<TypeCounts>,
    words: usize,
    tagging_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<&'a TimexError>>,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    name: &'a str,
    counts: Counts,
    measures: Measures,
}

#[derive(Serialize)]
struct TotalView {
    counts: Counts,
    measures: Measures,
}

fn print_summary(out: &mut Output, s: &Summary<'_>) -> Result<(), Failure> {
    let c = &s.total;
    let m = c.measures();
    let whose = match s.system {
        Some(folder) => format!("the expressions in {}", folder.display()),
        // Below a millisecond the clock says more about itself than about the tagger.
        None if s.tagging < Duration::from_millis(1) => "our tagger".to_owned(),
        None => format!(
            "our tagger, {:.1} ms ({:.0} words/s)",
            s.tagging.as_secs_f64() * 1000.0,
            s.words as f64 / s.tagging.as_secs_f64()
        ),
    };
    out.line(format_args!(
        "TempEval-3 time expressions: {} document{}, {} words; {whose}",
        s.documents,
        if s.documents == 1 { "" } else { "s" },
        s.words,
    ))?;
    out.line(format_args!(""))?;
    out.line(format_args!("             precision  recall      F1"))?;
    for (label, prf) in [("strict", m.strict), ("relaxed", m.relaxed)] {
        out.line(format_args!(
            "  {label:<10} {:>9.4} {:>7.4} {:>7.4}",
            prf.precision, prf.recall, prf.f1
        ))?;
    }
    out.line(format_args!(
        "  {:<10} {:>25.4}   (right value on {:.4} of the {} relaxed matches)",
        "value F1", m.value_f1, m.value_accuracy, c.relaxed
    ))?;
    out.line(format_args!(
        "  {:<10} {:>25.4}   (right type on {:.4})",
        "type F1", m.type_f1, m.type_accuracy
    ))?;
    out.line(format_args!(""))?;
    out.line(format_args!(
        "  gold {}, found {}: {} exact, {} overlapping; {} with the right type, {} with the \
         right value",
        c.gold, c.system, c.strict, c.relaxed, c.type_match, c.value_match
    ))?;
    out.line(format_args!(""))?;
    out.line(format_args!(
        "  by type     gold  found  exact  value  recall  value-recall | ours  spurious"
    ))?;
    for row in &s.by_type {
        if row.gold == 0 && row.system == 0 {
            continue;
        }
        let share = |n: usize| {
            if row.gold == 0 {
                0.0
            } else {
                n as f64 / row.gold as f64
            }
        };
        out.line(format_args!(
            "  {:<9} {:>6} {:>6} {:>6} {:>6} {:>7.4} {:>13.4} | {:>4} {:>9}",
            type_name(row.kind),
            row.gold,
            row.relaxed,
            row.strict,
            row.value_match,
            share(row.relaxed),
            share(row.value_match),
            row.system,
            row.spurious
        ))?;
    }
    Ok(())
}

fn print_documents(out: &mut Output, documents: &[DocumentScore]) -> Result<(), Failure> {
    let width = documents
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    out.line(format_args!(""))?;
    out.line(format_args!(
        "  {:<width$}  gold found  strict-F1 relaxed-F1 value-F1",
        "document"
    ))?;
    for doc in documents {
        let m = doc.measures();
        out.line(format_args!(
            "  {:<width$} {:>5} {:>5} {:>10.4} {:>10.4} {:>8.4}",
            clip(&doc.name, 200),
            doc.counts.gold,
            doc.counts.system,
            m.strict.f1,
            m.relaxed.f1,
            m.value_f1
        ))?;
    }
    Ok(())
}

/// What a kind of error means, for its heading.
fn heading(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Missed => "gold expressions we did not find",
        ErrorKind::Spurious => "expressions we found that gold does not have",
        ErrorKind::Span => "found with another extent",
        ErrorKind::Type => "found with the wrong type",
        ErrorKind::Value => "found with the wrong value",
        ErrorKind::Offsets => "our offsets do not point at our text (char offsets, not bytes)",
    }
}

/// A timex as one short phrase: `"last week" DATE 2024-W04`.
fn phrase(timex: &Timex) -> String {
    format!(
        "\"{}\" {} {}",
        clip(&timex.text, 80),
        type_name(timex.kind),
        clip(&timex.value, 40)
    )
}

fn print_errors(out: &mut Output, errors: &[&TimexError]) -> Result<(), Failure> {
    out.line(format_args!(""))?;
    out.line(format_args!(
        "errors: {} (context: [gold], {{ours}})",
        errors.len()
    ))?;
    for kind in ErrorKind::ALL {
        let group: Vec<&TimexError> = errors.iter().copied().filter(|e| e.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        out.line(format_args!(""))?;
        out.line(format_args!(
            "{}: {} {}",
            kind.as_str().to_uppercase(),
            group.len(),
            heading(kind)
        ))?;
        for (pattern, n) in patterns(kind, &group) {
            out.line(format_args!("  {n:>5} × {pattern}"))?;
        }
        for e in &group {
            out.line(format_args!(
                "  {}:{}  {}",
                clip(&e.document, 200),
                e.at,
                detail(e)
            ))?;
            out.line(format_args!("      {}", e.context))?;
        }
    }
    Ok(())
}

/// The error's own line: what gold says and what we said.
fn detail(e: &TimexError) -> String {
    match (e.kind, &e.gold, &e.system) {
        (ErrorKind::Value, Some(g), Some(s)) => format!(
            "\"{}\" {}: gold {}, ours {}",
            clip(&g.text, 80),
            type_name(g.kind),
            clip(&g.value, 40),
            clip(&s.value, 40)
        ),
        (ErrorKind::Type, Some(g), Some(s)) => format!(
            "\"{}\" {}: gold {}, ours {}",
            clip(&g.text, 80),
            clip(&g.value, 40),
            type_name(g.kind),
            type_name(s.kind)
        ),
        (ErrorKind::Span, Some(g), Some(s)) => format!(
            "gold \"{}\", ours \"{}\"",
            clip(&g.text, 80),
            clip(&s.text, 80)
        ),
        (ErrorKind::Offsets, _, Some(s)) => {
            format!("ours {}..{} says \"{}\"", s.start, s.end, clip(&s.text, 80))
        }
        (_, Some(g), _) => phrase(g),
        (_, None, Some(s)) => phrase(s),
        (_, None, None) => String::new(),
    }
}

/// The most frequent patterns in a group, so that a systematic mistake shows first: missed
/// and spurious by type, wrong types by gold → ours, wrong values by shape.
fn patterns(kind: ErrorKind, group: &[&TimexError]) -> Vec<(String, usize)> {
    let key = |e: &TimexError| -> Option<String> {
        match (kind, &e.gold, &e.system) {
            (ErrorKind::Missed, Some(g), _) => Some(type_name(g.kind).to_owned()),
            (ErrorKind::Spurious, _, Some(s)) => Some(type_name(s.kind).to_owned()),
            (ErrorKind::Type, Some(g), Some(s)) => Some(format!(
                "gold {} → ours {}",
                type_name(g.kind),
                type_name(s.kind)
            )),
            (ErrorKind::Value, Some(g), Some(s)) => Some(format!(
                "gold {} → ours {}",
                clip(&value_shape(&g.value), 40),
                clip(&value_shape(&s.value), 40)
            )),
            _ => None,
        }
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in group {
        if let Some(k) = key(e) {
            *counts.entry(k).or_default() += 1;
        }
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // A long tail of single cases is what the list below is for.
    sorted.truncate(12);
    sorted
}

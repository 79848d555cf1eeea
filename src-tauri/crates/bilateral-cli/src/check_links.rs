//! `check-links`: every address the events cite, asked once; dead and moved links first,
//! each with the events that cite it, and what makes an address unfit to cite.

use std::io::Write;
use std::path::{Path, PathBuf};

use bilateral_core::cited_links::{cited_links, CitedLink};
use bilateral_core::formats::{self, input, Format};
use bilateral_core::web_url::{citation_problems, CitationProblem};
use bilateral_core::{Event, Filter};
use serde::Serialize;

use crate::args::CheckLinksArgs;
use crate::database;
use crate::failure::Failure;
use crate::link_check::{self, Checked, Settings, Verdict};
use crate::output::Output;
use crate::progress;

#[derive(Serialize)]
struct Problem {
    code: &'static str,
    message: String,
}

impl From<CitationProblem> for Problem {
    fn from(problem: CitationProblem) -> Self {
        Problem {
            code: problem.code(),
            message: problem.to_string(),
        }
    }
}

#[derive(Serialize)]
struct Row {
    url: String,
    #[serde(flatten)]
    checked: Checked,
    cited_by: Vec<String>,
    problems: Vec<Problem>,
}

#[derive(Serialize)]
struct Report {
    checked: usize,
    ok: usize,
    moved: usize,
    dead: usize,
    links: Vec<Row>,
}

pub fn run(args: CheckLinksArgs, db: Option<PathBuf>) -> Result<(), Failure> {
    if args.file.is_some() && db.is_some() {
        return Err(Failure::Usage(
            "give --db or --file, not both: check-links reads one of them".to_owned(),
        ));
    }
    let events = match &args.file {
        Some(file) => read_file(file)?,
        None => {
            let store = database::open_read_only(&database::path(db)?)?;
            store.events_matching(&Filter::default())?
        }
    };
    let links = cited_links(&events);
    let urls: Vec<String> = links.iter().map(|l| l.url.clone()).collect();
    let settings = Settings {
        concurrency: args.concurrency,
        timeout: args.timeout,
    };
    let bar = progress::links(urls.len());
    let checked = link_check::check_all(&urls, settings, &|| bar.inc(1));
    bar.finish_and_clear();
    let report = report(links, checked);
    let mut out = Output::stdout();
    if args.json {
        out.write_with(|out| {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        })?;
    } else {
        out.write_with(|out| print_table(&report, out))?;
    }
    if report.dead > 0 {
        return Err(Failure::DeadLinks {
            dead: report.dead,
            total: report.checked,
        });
    }
    Ok(())
}

/// The events of a Bilateral JSON file. Events that cannot be read are named on standard
/// error and left out; their links are not checked.
fn read_file(path: &Path) -> Result<Vec<Event>, Failure> {
    let name = path.display().to_string();
    let bytes = input::read_file(path)?;
    let parsed = formats::read(Some(Format::Json), &bytes, &name)?;
    for rejected in &parsed.rejected {
        eprintln!(
            "bilateral-cli: {name}: {} {}: {} (its links are not checked)",
            rejected.at, rejected.field, rejected.message
        );
    }
    Ok(parsed.events)
}

/// Dead links first, then moved, then ok; in the order first cited within each.
fn report(links: Vec<CitedLink>, checked: Vec<Checked>) -> Report {
    let mut rows: Vec<Row> = links
        .into_iter()
        .zip(checked)
        .map(|(link, checked)| Row {
            problems: citation_problems(&link.url)
                .into_iter()
                .map(Problem::from)
                .collect(),
            url: link.url,
            checked,
            cited_by: link.cited_by,
        })
        .collect();
    let rank = |row: &Row| match row.checked.verdict {
        Verdict::Dead { .. } => 0,
        Verdict::Moved { .. } => 1,
        Verdict::Ok { .. } => 2,
    };
    rows.sort_by_key(rank);
    let count = |n| rows.iter().filter(|r| rank(r) == n).count();
    Report {
        checked: rows.len(),
        dead: count(0),
        moved: count(1),
        ok: count(2),
        links: rows,
    }
}

fn print_table(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for row in &report.links {
        writeln!(out, "{:<6} {}", row.checked.verdict.word(), row.url)?;
        match &row.checked.verdict {
            Verdict::Dead { reason, .. } => writeln!(out, "       {reason}")?,
            Verdict::Moved {
                final_url,
                http_status,
            } => writeln!(out, "       now at {final_url} (HTTP {http_status})")?,
            Verdict::Ok { .. } => {}
        }
        if row.checked.method == "GET" {
            writeln!(out, "       asked with GET: the server refuses HEAD")?;
        }
        for problem in &row.problems {
            writeln!(out, "       note: {}", problem.message)?;
        }
        writeln!(out, "       cited by {}", row.cited_by.join(", "))?;
    }
    writeln!(
        out,
        "{} links checked: {} ok, {} moved, {} dead",
        report.checked, report.ok, report.moved, report.dead
    )
}

//! `import`: read a file, say what would change and what is rejected (with line or item and
//! field), then import everything in one transaction, or nothing.

use std::path::Path;

use bilateral_core::backup;
use bilateral_core::formats::{self, detect, gdelt, input, Format, Location, Parsed, Rejected};
use bilateral_core::import::ImportOutcome;
use bilateral_core::limits::excerpt;
use bilateral_core::Store;

use crate::args::ImportArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::progress;

/// The input's bytes, never more than the core's import limit: `import /dev/zero` or an
/// endless pipe fails with a clear error instead of filling memory.
fn read_input(path: &Path) -> Result<(Vec<u8>, String), Failure> {
    if path.as_os_str() == "-" {
        let name = "standard input";
        let bytes = input::read_limited(std::io::stdin().lock(), name)?;
        return Ok((bytes, name.to_owned()));
    }
    let bytes = input::read_file(path)?;
    Ok((bytes, path.display().to_string()))
}

/// Line order for lines, index order for items.
fn position(rejected: &Rejected) -> (u8, usize) {
    match rejected.at {
        Location::Line(n) => (0, n),
        Location::Item(i) => (1, i),
    }
}

/// A GDELT export, streamed line by line from its file (never read whole: only the US–China
/// rows it keeps are held), with a line saying what was left out.
fn read_gdelt(path: &Path, out: &mut Output) -> Result<(Parsed, String), Failure> {
    let name = path.display().to_string();
    let reading = if path.as_os_str() == "-" {
        gdelt::read_from(std::io::stdin().lock(), "standard input")?
    } else {
        let file = std::fs::File::open(path).map_err(|e| bilateral_core::Error::Read {
            path: name.clone(),
            message: e.to_string(),
        })?;
        gdelt::read_from(std::io::BufReader::new(file), &name)?
    };
    let t = reading.tally;
    out.line(format_args!(
        "GDELT: {} rows, {} between the US and China kept, {} between other actors left out{}",
        t.rows,
        t.kept,
        t.elsewhere,
        if t.sources_left_out > 0 {
            format!(
                "; {} kept without a source (not an http or https link)",
                t.sources_left_out
            )
        } else {
            String::new()
        }
    ))?;
    Ok((reading.parsed, name))
}

pub fn run(store: &mut Store, args: ImportArgs) -> Result<(), Failure> {
    let mut out = Output::stdout();
    let by_name = args
        .file
        .file_name()
        .and_then(|n| detect::format_by_name(&n.to_string_lossy()));
    let (mut parsed, name) = if args.format.0.or(by_name) == Some(Format::Gdelt) {
        read_gdelt(&args.file, &mut out)?
    } else {
        let (bytes, name) = read_input(&args.file)?;
        (formats::read(args.format.0, &bytes, &name)?, name)
    };
    if args.skip_bad && !parsed.rejected.is_empty() {
        for r in &parsed.rejected {
            eprintln!("  skipped {r}");
        }
        out.line(format_args!(
            "{} unreadable row{} skipped (--skip-bad)",
            parsed.rejected.len(),
            if parsed.rejected.len() == 1 { "" } else { "s" }
        ))?;
        parsed.rejected.clear();
    }
    let preview = store.preview_import_as(&parsed.events, parsed.coverage())?;
    let mut rejected = parsed.rejected.clone();
    rejected.extend(preview.rejected.iter().cloned().map(|r| parsed.locate(r)));
    rejected.sort_by_key(position);
    let total = parsed.events.len() + parsed.rejected.len();
    out.line(format_args!(
        "{name}: {total} event{} read: {} new, {} updated, {} unchanged, {} rejected",
        if total == 1 { "" } else { "s" },
        preview.new,
        preview.updated,
        preview.unchanged,
        rejected.len()
    ))?;
    if !parsed.coverage().is_lossless() {
        let fields: Vec<String> = preview
            .fields
            .iter()
            .map(|f| format!("{f:?}").to_lowercase())
            .collect();
        out.line(format_args!(
            "this format can set {} of a stored event; everything else is kept",
            fields.join(", ")
        ))?;
    }
    for d in &preview.duplicates {
        out.line(format_args!(
            "  {}: {} may already be stored as {} ({})",
            parsed.locate(Rejected::new(d.at, "", "")).at,
            excerpt(&d.title),
            excerpt(&d.existing_title),
            d.existing_id
        ))?;
    }
    for r in &rejected {
        eprintln!("  {r}");
    }
    if !rejected.is_empty() {
        return Err(Failure::Rejected {
            rejected: rejected.len(),
            total,
        });
    }
    if args.dry_run {
        out.line(format_args!("dry run: nothing was written"))?;
        return Ok(());
    }
    // No safety net, no import: a failed backup stops here with its reason.
    if let Some(taken) = backup::before_import(store, &preview)? {
        out.line(format_args!(
            "backup taken first: {} (to go back: bilateral-cli restore {})",
            taken.name, taken.name
        ))?;
    }
    let bar = progress::bar(parsed.events.len(), "importing");
    let outcome =
        store.import_with_progress(&parsed.events, parsed.coverage(), |done, _total| {
            progress::set(&bar, done);
            true
        })?;
    bar.finish_and_clear();
    match outcome {
        ImportOutcome::Imported(report) => {
            out.line(format_args!(
                "imported: {} created, {} updated, {} unchanged",
                report.created, report.updated, report.unchanged
            ))?;
            Ok(())
        }
        ImportOutcome::Cancelled { done } => Err(Failure::Usage(format!(
            "import stopped after {done} events; nothing was written"
        ))),
    }
}

//! `import`: read a file, say what would change and what is rejected (with line or item and
//! field), then import everything in one transaction, or nothing.

use std::path::Path;

use bilateral_core::backup;
use bilateral_core::formats::stream::{self, Input};
use bilateral_core::formats::{input, Format, Location, Rejected};
use bilateral_core::import::ImportOutcome;
use bilateral_core::limits::excerpt;
use bilateral_core::Store;

use crate::args::ImportArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::progress;

/// The input to import: a file is read as a stream (twice: preview, then import), never
/// whole; standard input is read once, never more than the core's import limit, so
/// `import /dev/zero` or an endless pipe fails with a clear error instead of filling memory.
fn open_input(path: &Path, format: Option<Format>) -> Result<Input, Failure> {
    if path.as_os_str() == "-" {
        let name = "standard input";
        let bytes = input::read_limited(std::io::stdin().lock(), name)?;
        return Ok(stream::from_bytes(bytes, format, name)?);
    }
    Ok(stream::open(path, format)?)
}

/// Line order for lines, index order for items.
fn position(rejected: &Rejected) -> (u8, usize) {
    match rejected.at {
        Location::Line(n) => (0, n),
        Location::Item(i) => (1, i),
    }
}

pub fn run(store: &mut Store, args: ImportArgs) -> Result<(), Failure> {
    let input = open_input(&args.file, args.format.0)?;
    let name = input.name().to_owned();
    let mut out = Output::stdout();
    let (preview, total) = store.preview_stream(&input)?;
    let mut rejected = preview.rejected.clone();
    rejected.sort_by_key(position);
    out.line(format_args!(
        "{name}: {total} event{} read: {} new, {} updated, {} unchanged, {} rejected",
        if total == 1 { "" } else { "s" },
        preview.new,
        preview.updated,
        preview.unchanged,
        rejected.len()
    ))?;
    if !input.coverage().is_lossless() {
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
            d.at,
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
    let bar = progress::bar(total, "importing");
    let outcome = store.import_stream(&input, total, |done, _total| {
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

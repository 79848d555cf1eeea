//! `import`: read a file, say what would change and what is rejected (with line or item and
//! field), then import everything in one transaction, or nothing; or, with `--skip-bad`,
//! everything but what is rejected.

use std::path::{Path, PathBuf};

use bilateral_core::backup;
use bilateral_core::formats::stream::{self, Input};
use bilateral_core::formats::{gdelt, gdelt_files, input, Format, Location, Rejected};
use bilateral_core::import::{ImportOutcome, ImportPreview};
use bilateral_core::import_once::Reading;
use bilateral_core::limits::excerpt;
use bilateral_core::Store;

use crate::args::ImportArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::progress;

/// The input to import: a file is read as a stream, once, never whole; standard input is
/// read once, never more than the core's import limit, so `import /dev/zero` or an endless
/// pipe fails with a clear error instead of filling memory.
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

/// What an import of several GDELT files is called.
fn gdelt_name(paths: &[PathBuf]) -> String {
    format!("{} GDELT exports", paths.len())
}

/// Says what became of the rows of GDELT files: how many were read, kept and left out.
fn say_gdelt(out: &mut Output, t: &gdelt::Tally) -> Result<(), Failure> {
    let mut also = String::new();
    if t.sources_left_out > 0 {
        also.push_str(&format!(
            "; {} kept without a source (not an http or https link)",
            t.sources_left_out
        ));
    }
    if t.from_backfile > 0 {
        also.push_str(&format!(
            "; {} from GDELT 1.0 historical files, kept without a source (those files name none)",
            t.from_backfile
        ));
    }
    if t.repeated > 0 {
        also.push_str(&format!(
            "; {} already read from another file, kept once",
            t.repeated
        ));
    }
    out.line(format_args!(
        "GDELT: {} {}{}, {} between the US and China kept, {} between other actors left out{also}",
        t.rows,
        if t.rows == 1 { "row" } else { "rows" },
        if t.files > 1 {
            format!(" in {} files", t.files)
        } else {
            String::new()
        },
        t.kept,
        t.elsewhere,
    ))?;
    Ok(())
}

pub fn run(store: &mut Store, args: ImportArgs) -> Result<(), Failure> {
    let mut out = Output::stdout();
    let gdelt = match args.format.0 {
        Some(format) => format == Format::Gdelt,
        None => args.files.iter().all(|f| gdelt_files::is_gdelt_file(f)),
    };
    let stdin = args.files.iter().any(|f| f.as_os_str() == "-");
    // GDELT files (one, or several as one import) stream line by line, only their US–China
    // rows becoming events; everything else streams from its file. Each is read once.
    let input = if gdelt && !stdin {
        let name = match args.files.as_slice() {
            [path] => path.display().to_string(),
            several => gdelt_name(several),
        };
        stream::gdelt(args.files.clone(), &name)
    } else {
        let [file] = args.files.as_slice() else {
            return Err(Failure::Usage(format!(
                "{} files given: several files are one import only when each is a GDELT event \
                 file (…export.CSV, a zip as GDELT publishes them, or rows in GDELT's columns; \
                 not `-`); import other files one at a time",
                args.files.len()
            )));
        };
        open_input(file, args.format.0)?
    };
    let input = input.skipping_rejected(args.skip_bad);
    let name = input.name().to_owned();
    let lossless = input.coverage().is_lossless();
    if args.dry_run {
        let (preview, total) = store.preview_stream(&input)?;
        if let Some(tally) = input.gdelt_tally() {
            say_gdelt(&mut out, &tally)?;
        }
        report(&mut out, &args, &name, total, &preview, lossless)?;
        return Ok(());
    }
    // One reading: the import is written as the file is read, and what it does is reported
    // (and backed up) before it is committed.
    let bar = progress::counter("importing");
    let reading = store.read_import(&input, |done| {
        progress::set(&bar, done);
        true
    })?;
    bar.finish_and_clear();
    let read = match reading {
        Reading::Read(read) => read,
        Reading::Cancelled { done } => return Err(cancelled(done)),
    };
    if let Some(tally) = input.gdelt_tally() {
        say_gdelt(&mut out, &tally)?;
    }
    // Rejected items are an error here (unless skipped), and the import is dropped with
    // nothing written.
    report(
        &mut out,
        &args,
        &name,
        read.events(),
        read.preview(),
        lossless,
    )?;
    if read.needs_backup() {
        if let Some(taken) = read.back_up()? {
            backup_taken(&mut out, &taken)?;
        }
    }
    let bar = progress::spinner(FINISHING);
    let outcome = read.finish(|_, _| true)?;
    bar.finish_and_clear();
    say_outcome(&mut out, outcome)
}

/// Says what the import would do; `Ok(false)` when it stops there (a dry run), an error when
/// items are rejected and not skipped (`--skip-bad`).
fn report(
    out: &mut Output,
    args: &ImportArgs,
    name: &str,
    total: usize,
    preview: &ImportPreview,
    lossless: bool,
) -> Result<bool, Failure> {
    let mut rejected = preview.rejected.clone();
    rejected.sort_by_key(position);
    out.line(format_args!(
        "{name}: {total} event{} read: {} new, {} updated, {} unchanged, {} rejected",
        if total == 1 { "" } else { "s" },
        preview.new,
        preview.updated,
        preview.unchanged,
        preview.rejected_count
    ))?;
    if preview.periods > 0 {
        out.line(format_args!(
            "and {} period{} of yours, each added or replacing the one with its id",
            preview.periods,
            if preview.periods == 1 { "" } else { "s" }
        ))?;
    }
    if !lossless {
        let fields: Vec<&str> = preview.fields.iter().map(|f| f.label()).collect();
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
    let count = preview.rejected_count;
    let prefix = if args.skip_bad { "skipped " } else { "" };
    for r in &rejected {
        eprintln!("  {prefix}{r}");
    }
    if count > rejected.len() {
        eprintln!(
            "  … and {} more, not listed (the first {} are)",
            count - rejected.len(),
            rejected.len()
        );
    }
    if args.skip_bad && count > 0 {
        out.line(format_args!(
            "{count} unreadable row{} skipped (--skip-bad)",
            if count == 1 { "" } else { "s" }
        ))?;
    } else if count > 0 {
        return Err(Failure::Rejected {
            rejected: count,
            total,
        });
    }
    if args.dry_run {
        out.line(format_args!("dry run: nothing was written"))?;
        return Ok(false);
    }
    Ok(true)
}

/// What the progress bar says once every event is written.
const FINISHING: &str = "finishing (search index, counts)";

fn backup_taken(out: &mut Output, taken: &backup::Backup) -> Result<(), Failure> {
    out.line(format_args!(
        "backup taken first: {} (to go back: bilateral-cli restore {})",
        taken.name, taken.name
    ))
}

fn cancelled(done: usize) -> Failure {
    Failure::Usage(format!(
        "import stopped after {done} events; nothing was written"
    ))
}

/// Says what an import did.
fn say_outcome(out: &mut Output, outcome: ImportOutcome) -> Result<(), Failure> {
    match outcome {
        ImportOutcome::Imported(report) => {
            out.line(format_args!(
                "imported: {} created, {} updated, {} unchanged{}",
                report.created,
                report.updated,
                report.unchanged,
                if report.periods > 0 {
                    format!(
                        ", {} period{}",
                        report.periods,
                        if report.periods == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                }
            ))?;
            Ok(())
        }
        ImportOutcome::Cancelled { done } => Err(cancelled(done)),
    }
}

//! `export`: the selected events, in one format, to a file or standard output.

use std::io::{self, Write};
use std::path::Path;

use bilateral_core::formats::{ExportOptions, Progress};
use bilateral_core::transfer;
use bilateral_core::Store;

use crate::args::ExportArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::progress;
use crate::selection::filter;

pub fn run(store: &Store, args: ExportArgs) -> Result<(), Failure> {
    let filter = filter(&args.selection);
    let count = store.count_matching(&filter)?;
    let defaults = ExportOptions::default();
    let options = ExportOptions {
        title: args.title.unwrap_or(defaults.title),
        width: args.width,
        height: args.height,
        stamp: defaults.stamp,
        filter: Some(filter.clone()),
        // Left empty: the store adds every period to a Bilateral JSON export.
        periods: Vec::new(),
    };
    let bar = progress::bar(count, "exporting");
    let mut report = |done: usize, _total: usize| progress::set(&bar, done);
    let mut ticks = Progress::new(count, &mut report);
    // The events are read as they are written: a store error stops the export (the outer
    // result), a write error is the inner one.
    let mut failed = None;
    let mut export = |out: &mut (dyn Write + Send)| -> io::Result<()> {
        match store.export_matching(&filter, args.format, &options, out, &mut ticks) {
            Ok(written) => written,
            Err(e) => {
                failed = Some(e);
                Err(io::Error::other("stopped"))
            }
        }
    };
    let written = match &args.out {
        Some(path) => write_file(path, &mut export),
        None => Output::stdout().write_with(&mut export),
    };
    bar.finish_and_clear();
    if let Some(error) = failed {
        return Err(error.into());
    }
    written?;
    if let Some(path) = &args.out {
        eprintln!(
            "exported {} event{} as {} to {}",
            count,
            if count == 1 { "" } else { "s" },
            args.format,
            path.display()
        );
    }
    Ok(())
}

/// Writes through a `.part` sibling renamed over `path` at the end, as the app does: a
/// failed export never leaves half a file, and a stale `.part` (even a link) is replaced.
fn write_file(
    path: &Path,
    export: &mut dyn FnMut(&mut (dyn Write + Send)) -> io::Result<()>,
) -> Result<(), Failure> {
    Ok(transfer::write_to_path(path, &|| false, |out| {
        Ok(export(out))
    })?)
}

//! `export`: the selected events, in one format, to a file or standard output.

use std::fs::File;
use std::io;
use std::path::Path;

use bilateral_core::formats::{self, ExportOptions, Format, Progress};
use bilateral_core::{Event, Store};

use crate::args::ExportArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::progress;
use crate::selection::filter;

pub fn run(store: &Store, args: ExportArgs) -> Result<(), Failure> {
    let events: Vec<Event> = store
        .all_matching(&filter(&args.selection))?
        .into_iter()
        .map(|stored| stored.event)
        .collect();
    let defaults = ExportOptions::default();
    let options = ExportOptions {
        title: args.title.unwrap_or(defaults.title),
        width: args.width,
        height: args.height,
        stamp: defaults.stamp,
    };
    let bar = progress::bar(events.len(), "exporting");
    let mut report = |done: usize, _total: usize| progress::set(&bar, done);
    let mut ticks = Progress::new(events.len(), &mut report);
    match &args.out {
        Some(path) => {
            write_file(path, args.format, &events, &options, &mut ticks)?;
            bar.finish_and_clear();
            eprintln!(
                "exported {} event{} as {} to {}",
                events.len(),
                if events.len() == 1 { "" } else { "s" },
                args.format,
                path.display()
            );
        }
        None => {
            let written = Output::stdout()
                .write_with(|out| formats::export(args.format, &events, &options, out, &mut ticks));
            bar.finish_and_clear();
            written?;
        }
    }
    Ok(())
}

/// Writes next to `path` and renames over it, so a failed export never leaves half a file.
fn write_file(
    path: &Path,
    format: Format,
    events: &[Event],
    options: &ExportOptions,
    ticks: &mut Progress<'_>,
) -> Result<(), Failure> {
    let failed = |source: io::Error| Failure::Write {
        path: path.to_owned(),
        source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    let partial = path.with_file_name(format!(".{name}.part"));
    let result = File::create(&partial).and_then(|mut file| {
        formats::export(format, events, options, &mut file, ticks)?;
        file.sync_all()
    });
    match result.and_then(|()| std::fs::rename(&partial, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(failed(e))
        }
    }
}

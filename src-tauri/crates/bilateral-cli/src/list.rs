//! `list`: the selected events in time order, one per line: dates, kind, title and id.

use std::io::Write;

use bilateral_core::{Event, Store};

use crate::args::ListArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::selection::filter;

pub fn run(store: &Store, args: ListArgs) -> Result<(), Failure> {
    // Printed as they are read: a million events are never in memory at once.
    let mut output = Output::stdout();
    let mut failed = None;
    let written = store.each_matching(&filter(&args.selection), |events| {
        Ok(output.write_with(|out| {
            let mut out = std::io::BufWriter::new(out);
            for event in events {
                match event {
                    Ok(event) => line(&mut out, &event)?,
                    Err(error) => {
                        // The store's error is the answer; what was printed stays printed.
                        failed = Some(error);
                        break;
                    }
                }
            }
            out.flush()
        }))
    })?;
    if let Some(error) = failed {
        return Err(error.into());
    }
    written
}

fn line(out: &mut dyn Write, e: &Event) -> std::io::Result<()> {
    let dates = match e.end {
        Some(end) if end != e.start => format!("{}..{end}", e.start),
        _ => e.start.to_string(),
    };
    writeln!(
        out,
        "{dates:<22} {:<18} {}  [{}]",
        e.kind.as_str(),
        e.title.trim(),
        e.id
    )
}

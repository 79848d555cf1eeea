//! `list`: the selected events in time order, one per line: dates, kind, title and id.

use std::io::Write;

use bilateral_core::Store;

use crate::args::ListArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::selection::filter;

pub fn run(store: &Store, args: ListArgs) -> Result<(), Failure> {
    let events = store.all_matching(&filter(&args.selection))?;
    Output::stdout().write_with(|out| {
        let mut out = std::io::BufWriter::new(out);
        events.iter().try_for_each(|stored| {
            let e = &stored.event;
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
        })?;
        out.flush()
    })
}

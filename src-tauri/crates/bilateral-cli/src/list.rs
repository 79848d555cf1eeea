//! `list`: the selected events in time order, one per line: dates, kind, title and id.

use std::io::{self, Write};

use bilateral_core::Store;

use crate::args::ListArgs;
use crate::failure::Failure;
use crate::selection::filter;

pub fn run(store: &Store, args: ListArgs) -> Result<(), Failure> {
    let events = store.all_matching(&filter(&args.selection))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = events.iter().try_for_each(|stored| {
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
    });
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Write {
            path: "standard output".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

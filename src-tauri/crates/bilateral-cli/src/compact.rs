//! `compact`: the room of deleted events given back to the disk. A delete of most of the
//! database compacts it by itself; this does it on demand, whatever the room.

use bilateral_core::{Compacted, Store};

use crate::failure::Failure;
use crate::file_size::file_size;
use crate::output::Output;

pub fn run(store: &mut Store) -> Result<(), Failure> {
    let compacted = store.compact()?;
    Output::stdout().line(format_args!("{}", said(&compacted)))
}

/// The sizes before and after, as `compact` and `delete` print them.
pub fn said(compacted: &Compacted) -> String {
    format!(
        "compacted the database: {} -> {}",
        file_size(compacted.bytes_before),
        file_size(compacted.bytes_after)
    )
}

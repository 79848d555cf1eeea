//! `stats`: how many events, over which span, of which kinds and origins.

use std::path::Path;

use bilateral_core::{Filter, Kind, Origin, Store};

use crate::failure::Failure;
use crate::output::Output;

pub fn run(store: &Store, path: &Path) -> Result<(), Failure> {
    let events = store.all_matching(&Filter::default())?;
    let mut out = Output::stdout();
    let shipped = events.iter().filter(|e| e.origin == Origin::Dataset);
    let edited = shipped.clone().filter(|e| e.edited).count();
    let shipped = shipped.count();
    out.line(format_args!("database: {}", path.display()))?;
    out.line(format_args!("events:   {}", events.len()))?;
    out.line(format_args!("  shipped: {shipped} ({edited} edited)"))?;
    let gdelt = events.iter().filter(|e| e.origin == Origin::Gdelt).count();
    out.line(format_args!(
        "  yours:   {}",
        events.len() - shipped - gdelt
    ))?;
    if gdelt > 0 {
        out.line(format_args!("  GDELT:   {gdelt}"))?;
    }
    if let Some(extent) = store.extent(&bilateral_core::Filter::default())? {
        out.line(format_args!(
            "span:     {} to {}",
            extent.first, extent.last
        ))?;
    }
    out.line(format_args!("by kind:"))?;
    let mut kinds: Vec<(Kind, usize)> = Kind::ALL
        .into_iter()
        .map(|k| (k, events.iter().filter(|e| e.event.kind == k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_str().cmp(b.0.as_str())));
    for (kind, n) in kinds {
        out.line(format_args!("  {:<18} {n:>6}", kind.as_str()))?;
    }
    Ok(())
}

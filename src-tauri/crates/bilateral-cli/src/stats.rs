//! `stats`: how many events, over which span, of which kinds and origins.

use std::path::Path;

use bilateral_core::{Filter, Kind, Origin, Store};

use crate::failure::Failure;
use crate::output::Output;

/// Read from the maintained counts, never from every event: at a million events reading
/// them all took a minute and 2.5 GB.
pub fn run(store: &Store, path: &Path) -> Result<(), Failure> {
    let all = store.facets(&Filter::default())?;
    let gdelt = store
        .facets(&Filter {
            origins: vec![Origin::Gdelt],
            ..Filter::default()
        })?
        .total;
    let (shipped, edited) = store.dataset_counts()?;
    let total = u64::from(all.total);
    let mut out = Output::stdout();
    out.line(format_args!("database: {}", path.display()))?;
    out.line(format_args!("events:   {total}"))?;
    out.line(format_args!("  shipped: {shipped} ({edited} edited)"))?;
    out.line(format_args!(
        "  yours:   {}",
        total.saturating_sub(shipped + u64::from(gdelt))
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
    let mut kinds: Vec<(Kind, u32)> = all
        .kinds
        .iter()
        .map(|k| (k.kind, k.count))
        .filter(|(_, n)| *n > 0)
        .collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_str().cmp(b.0.as_str())));
    for (kind, n) in kinds {
        out.line(format_args!("  {:<18} {n:>6}", kind.as_str()))?;
    }
    Ok(())
}

//! Opening the app's store at start-up, telling which step it is in. Two steps can be long
//! and happen once after an update: upgrading the schema (a minute or more at a million
//! events) and bringing in a new release's chronology. The window says which while it waits,
//! instead of staying blank.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dataset;
use crate::error::Result;
use crate::identity::{identify, latest_version, Identity};
use crate::store::Store;

/// What opening the store is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpeningStep {
    /// Opening a store at this version (or creating one).
    Opening,
    /// Bringing a store made by an earlier version up to this one's schema.
    Upgrading,
    /// Applying the chronology this version ships (a new release's, or the first).
    UpdatingChronology,
}

/// Opens (or creates) the store at `path`, upgrades it, and brings the shipped dataset
/// (`dataset_json`, named `file` in errors) into it, calling `step` as each step begins.
pub fn open_with_steps(
    path: &Path,
    dataset_json: &str,
    file: &str,
    step: &mut dyn FnMut(OpeningStep),
) -> Result<Store> {
    let upgrading =
        matches!(identify(path)?, Identity::Ours { version } if version < latest_version());
    step(if upgrading {
        OpeningStep::Upgrading
    } else {
        OpeningStep::Opening
    });
    let mut store = Store::open(path)?;
    if dataset::needs_applying(&store, dataset_json)? {
        step(OpeningStep::UpdatingChronology);
    }
    dataset::apply(&mut store, dataset_json, file)?;
    Ok(store)
}

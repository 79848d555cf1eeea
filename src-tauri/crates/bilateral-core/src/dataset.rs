//! The shipped dataset: `data/events.json`, a JSON array of events.

use std::collections::HashSet;

use crate::backup::{self, Reason};
use crate::error::{Error, Result};
use crate::model::Event;
use crate::store::{Store, SyncReport};

/// Parses a dataset file and checks every event, naming the file, line and event at fault.
pub fn parse(json: &str, file: &str) -> Result<Vec<Event>> {
    let events: Vec<Event> = serde_json::from_str(json).map_err(|e| Error::json(file, &e))?;
    let mut ids = HashSet::new();
    for (i, event) in events.iter().enumerate() {
        let place = format!("{file}[{i}] ({})", event.id);
        event.validate().map_err(|e| e.within(&place))?;
        if !ids.insert(event.id.as_str()) {
            return Err(Error::invalid("id", "this id appears twice in the file").within(&place));
        }
    }
    Ok(events)
}

/// A fingerprint of the file's content (64-bit FNV-1a), stored to tell when a new release
/// of the dataset has to be applied.
pub fn version(json: &str) -> String {
    let hash = json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Whether `apply` has work to do: this very file was not applied to `store` before.
pub fn needs_applying(store: &Store, json: &str) -> Result<bool> {
    Ok(store.dataset_version()?.as_deref() != Some(version(json).as_str()))
}

/// Parses the shipped dataset and brings it into `store`. When this very file was applied
/// before (every start but the first after a release), nothing is parsed. An upgrade of a
/// store that already holds events is preceded by a backup, and does not happen without one.
pub fn apply(store: &mut Store, json: &str, file: &str) -> Result<SyncReport> {
    if !needs_applying(store, json)? {
        return Ok(SyncReport::default());
    }
    let version = version(json);
    let events = parse(json, file)?;
    if store.count()? > 0 {
        backup::take(store, Reason::BeforeUpgrade)?;
    }
    store.sync_dataset(&events, &version)
}

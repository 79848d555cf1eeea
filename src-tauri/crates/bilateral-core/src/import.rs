//! Importing events into the store. `preview_import` says what an import would do (new,
//! updated, unchanged, rejected with where and why, likely duplicates); `import` does it in
//! one transaction, all or nothing.
//!
//! An event whose id is stored is merged: the file changes only the fields its format can
//! carry (`Format::coverage`), and an event whose carried fields all match is unchanged, so
//! importing an export back changes nothing. New ids become user events. A row without an id
//! gets one derived from its date and title, so importing the same file again updates
//! instead of duplicating.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::duplicates::resembling;
use crate::error::{Error, Result};
use crate::formats::{Location, Rejected};
use crate::merge::{merge, Coverage, Field};
use crate::model::{Event, Origin, StoredEvent};
use crate::store::{load_event, now, write_event, Store};

/// Kept here for callers that knew it as an import limit: `Event::validate` enforces it on
/// every path now.
pub use crate::limits::MAX_FIELD_BYTES;

/// An import that changes more events than this is not kept as an undo step (it would hold
/// every changed event twice in memory); the backup taken before it is the way back.
pub const UNDO_LIMIT: usize = 20_000;

/// At most this many likely duplicates are listed in a preview.
const DUPLICATES_LISTED: usize = 200;

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportPreview {
    /// Events whose id is not in the store.
    pub new: usize,
    /// Events that would change a stored event with the same id.
    pub updated: usize,
    /// Events whose every field the file carries matches the stored event.
    pub unchanged: usize,
    /// Events that cannot be imported, each with where (`events[i]`) and why.
    pub rejected: Vec<Rejected>,
    /// What this file can change in a stored event; every other field is kept.
    pub fields: Vec<Field>,
    /// New events that look like events already stored (overlapping dates, similar title).
    pub duplicates: Vec<LikelyDuplicate>,
}

/// A new event that may already be in the store under another id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LikelyDuplicate {
    pub at: Location,
    pub title: String,
    pub existing_id: String,
    pub existing_title: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The id of every imported event, in input order.
    pub ids: Vec<String>,
    /// Whether Undo can take the whole import back in one step.
    pub undoable: bool,
}

/// How an import with progress ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported(ImportReport),
    /// The progress callback asked to stop after `done` events: nothing was written.
    Cancelled {
        done: usize,
    },
}

/// One event an import changed: as it was before (`None` when new) and as it is after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub before: Option<StoredEvent>,
    pub after: StoredEvent,
}

/// What to do with one event.
enum Step {
    Create(Event),
    Update {
        event: Event,
        before: Box<StoredEvent>,
    },
    Keep(String),
}

struct Plan {
    steps: Vec<Step>,
    rejected: Vec<Rejected>,
    duplicates: Vec<LikelyDuplicate>,
}

impl Store {
    /// Says what importing `events` from a lossless format would do, without writing.
    pub fn preview_import(&self, events: &[Event]) -> Result<ImportPreview> {
        self.preview_import_as(events, Coverage::ALL)
    }

    /// Says what importing `events`, carrying only `coverage`, would do, without writing.
    pub fn preview_import_as(&self, events: &[Event], coverage: Coverage) -> Result<ImportPreview> {
        let plan = plan(self.conn(), events, coverage, true)?;
        let mut preview = ImportPreview {
            rejected: plan.rejected,
            fields: coverage.fields().to_vec(),
            duplicates: plan.duplicates,
            ..ImportPreview::default()
        };
        for step in &plan.steps {
            match step {
                Step::Create(_) => preview.new += 1,
                Step::Update { .. } => preview.updated += 1,
                Step::Keep(_) => preview.unchanged += 1,
            }
        }
        Ok(preview)
    }

    /// Imports `events` (from a lossless format) in one transaction. If any event is
    /// rejected, nothing is written and the error names the first one.
    pub fn import(&mut self, events: &[Event]) -> Result<ImportReport> {
        match self.import_with_progress(events, Coverage::ALL, |_, _| true)? {
            ImportOutcome::Imported(report) => Ok(report),
            ImportOutcome::Cancelled { .. } => Err(Error::Cancelled),
        }
    }

    /// `import`, merging only the fields in `coverage`, calling `progress(done, total)` after
    /// each event; when it returns `false` the transaction is rolled back.
    pub fn import_with_progress(
        &mut self,
        events: &[Event],
        coverage: Coverage,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        Ok(self.import_tracked(events, coverage, progress)?.0)
    }

    /// The import, also answering every event it changed (before and after) when there are
    /// at most `UNDO_LIMIT` of them, so the whole import can be undone in one step.
    pub fn import_tracked(
        &mut self,
        events: &[Event],
        coverage: Coverage,
        mut progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<(ImportOutcome, Vec<Imported>)> {
        // IMMEDIATE: the plan is made and carried out under the write lock, so another
        // writer cannot slip a change in between.
        let tx = self.write_tx()?;
        let plan = plan(&tx, events, coverage, false)?;
        if let Some(first) = plan.rejected.first() {
            let field = match first.at {
                Location::Item(_) => format!("{}.{}", first.at, first.field),
                Location::Line(_) => format!("{} {}", first.at, first.field),
            };
            return Err(Error::invalid(
                field,
                format!(
                    "{} ({} of {} events rejected; nothing was imported)",
                    first.message,
                    plan.rejected.len(),
                    events.len()
                ),
            ));
        }
        let changed = plan
            .steps
            .iter()
            .filter(|s| !matches!(s, Step::Keep(_)))
            .count();
        let track = changed <= UNDO_LIMIT;
        let stamp = now();
        let total = plan.steps.len();
        let mut report = ImportReport {
            undoable: track,
            ..ImportReport::default()
        };
        let mut befores: Vec<(String, Option<StoredEvent>)> = Vec::new();
        for (done, step) in plan.steps.into_iter().enumerate() {
            match step {
                Step::Create(event) => {
                    write_event(&tx, &event, Origin::User, false, &stamp, &stamp)?;
                    report.created += 1;
                    if track {
                        befores.push((event.id.clone(), None));
                    }
                    report.ids.push(event.id);
                }
                Step::Update { event, before } => {
                    let dataset = before.origin == Origin::Dataset;
                    write_event(
                        &tx,
                        &event,
                        before.origin,
                        dataset,
                        &before.created_at,
                        &stamp,
                    )?;
                    report.updated += 1;
                    report.ids.push(event.id.clone());
                    if track {
                        befores.push((event.id, Some(*before)));
                    }
                }
                Step::Keep(id) => {
                    report.unchanged += 1;
                    report.ids.push(id);
                }
            }
            if !progress(done + 1, total) {
                return Ok((ImportOutcome::Cancelled { done: done + 1 }, Vec::new()));
            }
        }
        let mut changes = Vec::with_capacity(befores.len());
        for (id, before) in befores {
            let after = load_event(&tx, &id)?.ok_or_else(|| Error::NotFound { id })?;
            changes.push(Imported { before, after });
        }
        tx.commit()?;
        Ok((ImportOutcome::Imported(report), changes))
    }
}

/// The id of an event that came without one: the same date and title always give the same
/// id, so a re-import finds what the first import created.
pub fn content_id(event: &Event) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6c1f_3a0e_8d4b_4f7e_9a21_5b0c_d7e2_f419);
    let title: Vec<String> = event
        .title
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let key = format!("{}|{}", event.start, title.join(" "));
    uuid::Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

/// Checks every event and decides what to do with it; rejected events get no step.
fn plan(
    conn: &Connection,
    events: &[Event],
    coverage: Coverage,
    find_duplicates: bool,
) -> Result<Plan> {
    let mut plan = Plan {
        steps: Vec::with_capacity(events.len()),
        rejected: Vec::new(),
        duplicates: Vec::new(),
    };
    let mut seen = HashSet::new();
    for (i, event) in events.iter().enumerate() {
        let at = Location::Item(i);
        let mut event = event.clone();
        let derived = event.id.trim().is_empty();
        if derived {
            event.id = content_id(&event);
        }
        if let Err(e) = event.validate() {
            plan.rejected.push(Rejected::from_error(at, e));
            continue;
        }
        if !seen.insert(event.id.clone()) {
            let message = if derived {
                "an event with the same date and title appears earlier in the same import"
                    .to_owned()
            } else {
                format!(
                    "id {} appears earlier in the same import",
                    crate::limits::excerpt(&event.id)
                )
            };
            plan.rejected.push(Rejected::new(at, "id", message));
            continue;
        }
        let Some(stored) = load_event(conn, &event.id)? else {
            if find_duplicates && plan.duplicates.len() < DUPLICATES_LISTED {
                if let Some((id, title)) = likely_duplicate(conn, &event)? {
                    plan.duplicates.push(LikelyDuplicate {
                        at,
                        title: event.title.clone(),
                        existing_id: id,
                        existing_title: title,
                    });
                }
            }
            plan.steps.push(Step::Create(event));
            continue;
        };
        let merged = merge(&stored.event, &event, coverage).normalized();
        if let Err(e) = merged.validate() {
            plan.rejected.push(Rejected::from_error(at, e));
            continue;
        }
        plan.steps.push(if stored.event == merged {
            Step::Keep(event.id)
        } else {
            Step::Update {
                event: merged,
                before: Box::new(stored),
            }
        });
    }
    Ok(plan)
}

/// A stored event whose dates overlap `event`'s and whose title shares most of its words:
/// probably the same happening, stored under another id. The most alike comes first.
fn likely_duplicate(conn: &Connection, event: &Event) -> Result<Option<(String, String)>> {
    Ok(resembling(conn, event)?
        .into_iter()
        .find(|r| r.similar_title)
        .map(|r| (r.id, r.title)))
}

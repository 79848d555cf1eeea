//! Importing events into the store. `preview_import` says what an import would do (new,
//! updated, unchanged, rejected with where and why); `import` does it in one transaction,
//! all or nothing. Events with a new id become user events; events whose id exists replace
//! it as `Store::update` would (a shipped event becomes `edited`); events identical to what
//! is stored are left alone, so importing an export back changes nothing. Empty ids get a
//! UUID v7.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::formats::{Location, Rejected};
use crate::model::{Event, Origin};
use crate::store::{now, parse_origin, write_event, Store};

/// Kept here for callers that knew it as an import limit: `Event::validate` enforces it on
/// every path now.
pub use crate::limits::MAX_FIELD_BYTES;

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportPreview {
    /// Events whose id is not in the store (or that have no id yet).
    pub new: usize,
    /// Events that would replace a stored event with the same id.
    pub updated: usize,
    /// Events identical to the stored event with the same id.
    pub unchanged: usize,
    /// Events that cannot be imported, each with where (`events[i]`) and why.
    pub rejected: Vec<Rejected>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The id of every imported event, in input order (new UUIDs included).
    pub ids: Vec<String>,
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

/// What to do with one event.
enum Step {
    Create(Event),
    Update {
        event: Event,
        origin: Origin,
        created_at: String,
    },
    Keep(String),
}

impl Store {
    /// Says what importing `events` would do, without writing anything.
    pub fn preview_import(&self, events: &[Event]) -> Result<ImportPreview> {
        let (steps, rejected) = plan(self, self.conn(), events)?;
        let mut preview = ImportPreview {
            rejected,
            ..ImportPreview::default()
        };
        for step in &steps {
            match step {
                Step::Create(_) => preview.new += 1,
                Step::Update { .. } => preview.updated += 1,
                Step::Keep(_) => preview.unchanged += 1,
            }
        }
        Ok(preview)
    }

    /// Imports `events` in one transaction. If any event is rejected, nothing is written and
    /// the error names the first one.
    pub fn import(&mut self, events: &[Event]) -> Result<ImportReport> {
        match self.import_with_progress(events, |_, _| true)? {
            ImportOutcome::Imported(report) => Ok(report),
            ImportOutcome::Cancelled { .. } => Err(Error::invalid("import", "cancelled")),
        }
    }

    /// `import`, calling `progress(done, total)` after each event; when it returns `false`
    /// the transaction is rolled back and nothing is written.
    pub fn import_with_progress(
        &mut self,
        events: &[Event],
        mut progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        // IMMEDIATE: the plan is made and carried out under the write lock, so the app
        // writing at the same time cannot slip a change in between.
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)?;
        let (steps, rejected) = plan(self, &tx, events)?;
        if let Some(first) = rejected.first() {
            let field = match first.at {
                Location::Item(_) => format!("{}.{}", first.at, first.field),
                Location::Line(_) => format!("{} {}", first.at, first.field),
            };
            return Err(Error::invalid(
                field,
                format!(
                    "{} ({} of {} events rejected; nothing was imported)",
                    first.message,
                    rejected.len(),
                    events.len()
                ),
            ));
        }
        let stamp = now();
        let total = steps.len();
        let mut report = ImportReport::default();
        for (done, step) in steps.into_iter().enumerate() {
            match step {
                Step::Create(event) => {
                    write_event(&tx, &event, Origin::User, false, &stamp, &stamp)?;
                    report.created += 1;
                    report.ids.push(event.id);
                }
                Step::Update {
                    event,
                    origin,
                    created_at,
                } => {
                    write_event(
                        &tx,
                        &event,
                        origin,
                        origin == Origin::Dataset,
                        &created_at,
                        &stamp,
                    )?;
                    report.updated += 1;
                    report.ids.push(event.id);
                }
                Step::Keep(id) => {
                    report.unchanged += 1;
                    report.ids.push(id);
                }
            }
            if !progress(done + 1, total) {
                return Ok(ImportOutcome::Cancelled { done: done + 1 });
            }
        }
        tx.commit()?;
        Ok(ImportOutcome::Imported(report))
    }
}

/// Checks every event and decides what to do with it; rejected events get no step.
fn plan(store: &Store, conn: &Connection, events: &[Event]) -> Result<(Vec<Step>, Vec<Rejected>)> {
    let mut steps = Vec::with_capacity(events.len());
    let mut rejected = Vec::new();
    let mut seen = HashSet::new();
    let mut existing =
        conn.prepare_cached("SELECT origin, created_at FROM events WHERE id = ?1")?;
    for (i, event) in events.iter().enumerate() {
        let at = Location::Item(i);
        let mut event = event.clone();
        if event.id.trim().is_empty() {
            event.id = uuid::Uuid::now_v7().to_string();
        }
        if let Err(e) = event.validate() {
            rejected.push(Rejected::from_error(at, e));
            continue;
        }
        if !seen.insert(event.id.clone()) {
            rejected.push(Rejected::new(
                at,
                "id",
                format!("id {:?} appears earlier in the same import", event.id),
            ));
            continue;
        }
        let current: Option<(String, String)> = existing
            .query_row([&event.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        steps.push(match current {
            None => Step::Create(event),
            Some((origin, created_at)) => {
                if store.get(&event.id)?.event == normalized(&event) {
                    Step::Keep(event.id)
                } else {
                    Step::Update {
                        event,
                        origin: parse_origin(&origin)?,
                        created_at,
                    }
                }
            }
        });
    }
    Ok((steps, rejected))
}

/// The event as the store would keep it (text trimmed, empty optional text dropped), to
/// tell an unchanged event from an update.
fn normalized(event: &Event) -> Event {
    let trimmed = |t: &str| t.trim().to_owned();
    let optional = |t: Option<&str>| {
        t.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let mut e = event.clone();
    e.title = trimmed(&e.title);
    e.summary = trimmed(&e.summary);
    e.location = optional(e.location.as_deref());
    for actor in &mut e.actors {
        actor.name = trimmed(&actor.name);
    }
    for tag in &mut e.tags {
        *tag = trimmed(tag);
    }
    for source in &mut e.sources {
        source.url = trimmed(&source.url);
        source.title = trimmed(&source.title);
        source.publisher = trimmed(&source.publisher);
        source.quote = optional(source.quote.as_deref());
    }
    e
}

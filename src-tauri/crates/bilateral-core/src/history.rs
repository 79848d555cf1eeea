//! Undo and redo of the session's edits. Every step records each event it touched as it was
//! before and after, so replaying either way restores the store exactly. A replay first checks
//! that each event is still as the step left it: a change made since by another writer (the
//! CLI, another window) is never silently overwritten.

use std::path::Path;

use crate::article_items::{ArticleAdded, ArticleItem};
use crate::backup::{self, Restored};
use crate::bulk_edit::{BulkEdit, BulkEdited};
use crate::error::Result;
use crate::formats::stream::Input;
use crate::import::{ImportOutcome, Imported};
use crate::merge::Coverage;
use crate::model::{Event, StoredEvent};
use crate::store::{Replay, Store};

#[derive(Debug, Clone)]
struct Change {
    id: String,
    before: Option<StoredEvent>,
    after: Option<StoredEvent>,
}

/// What a step was, so the UI can say what an undo took back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A new event, an edit or a delete.
    Edit,
    /// A whole import.
    Import,
    /// What "New from article" added: new events and sources, together.
    Article,
    /// One change to many events, from the table's selection.
    Bulk,
}

/// One user action: an edit, a delete, a whole import, or what was added from an article.
#[derive(Debug, Clone)]
struct Step {
    kind: StepKind,
    changes: Vec<Change>,
}

/// The store plus the history of this session's changes to it.
pub struct Curator {
    store: Store,
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// What an undo or redo did, so the UI can show and focus it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Replayed {
    /// The first event of the step.
    pub id: String,
    /// That event as it now is; `None` when the step removed it.
    pub event: Option<StoredEvent>,
    /// How many events the step changed (more than one for an import).
    pub count: u32,
    pub kind: StepKind,
}

#[derive(Debug, Clone, Copy)]
enum Direction {
    Back,
    Forward,
}

/// Whether undo and redo have anything to do, for the toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct HistoryState {
    pub can_undo: bool,
    pub can_redo: bool,
}

/// Events a bulk write changed, as the changes of one step.
fn tracked(changes: Vec<Imported>) -> Vec<Change> {
    changes
        .into_iter()
        .map(|Imported { before, after }| Change {
            id: after.event.id.clone(),
            before,
            after: Some(after),
        })
        .collect()
}

/// How many steps back the user can go in one session.
const DEPTH: usize = 200;

impl Curator {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    fn record(&mut self, kind: StepKind, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        self.undo.push(Step { kind, changes });
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn create(&mut self, event: Event) -> Result<StoredEvent> {
        let created = self.store.create(event)?;
        self.record(
            StepKind::Edit,
            vec![Change {
                id: created.event.id.clone(),
                before: None,
                after: Some(created.clone()),
            }],
        );
        Ok(created)
    }

    pub fn update(&mut self, event: Event) -> Result<StoredEvent> {
        let before = self.store.get(&event.id)?;
        let after = self.store.update(event)?;
        self.record(
            StepKind::Edit,
            vec![Change {
                id: after.event.id.clone(),
                before: Some(before),
                after: Some(after.clone()),
            }],
        );
        Ok(after)
    }

    pub fn delete(&mut self, id: &str) -> Result<()> {
        let before = self.store.get(id)?;
        self.store.delete(id)?;
        self.record(
            StepKind::Edit,
            vec![Change {
                id: id.to_owned(),
                before: Some(before),
                after: None,
            }],
        );
        Ok(())
    }

    /// Imports as `Store::import_with_progress` does, and records the whole import as one
    /// step when it is small enough to hold (`import::UNDO_LIMIT`).
    pub fn import_with_progress(
        &mut self,
        events: &[Event],
        coverage: Coverage,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        let (outcome, changes) = self.store.import_tracked(events, coverage, progress)?;
        if let ImportOutcome::Imported(report) = &outcome {
            if report.undoable {
                self.record(StepKind::Import, tracked(changes));
            }
        }
        Ok(outcome)
    }

    /// Imports a file read as a stream, as `Store::import_stream_tracked` does, and records
    /// the whole import as one step when it is small enough to hold (`import::UNDO_LIMIT`).
    pub fn import_stream_with_progress(
        &mut self,
        input: &Input,
        total: usize,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        let (outcome, changes) = self.store.import_stream_tracked(input, total, progress)?;
        if let ImportOutcome::Imported(report) = &outcome {
            if report.undoable {
                self.record(StepKind::Import, tracked(changes));
            }
        }
        Ok(outcome)
    }

    /// Writes what "New from article" accepted (`Store::add_from_article`), all in one
    /// transaction, and records it as one step: one undo removes the new events and puts
    /// every event that gained a source back exactly as it was.
    pub fn add_from_article(&mut self, items: &[ArticleItem]) -> Result<ArticleAdded> {
        let (added, changes) = self.store.add_from_article(items)?;
        self.record(StepKind::Article, tracked(changes));
        Ok(added)
    }

    /// Applies one change to many events (`Store::bulk_edit_tracked`) in one transaction,
    /// recorded as one step: one undo puts every changed event back exactly as it was.
    /// A change too large to hold (`BulkEdited::undoable` false) is applied but not recorded.
    pub fn bulk_edit(&mut self, edit: &BulkEdit) -> Result<BulkEdited> {
        let (edited, changes) = self.store.bulk_edit_tracked(edit)?;
        if edited.undoable {
            self.record(StepKind::Bulk, tracked(changes));
        }
        Ok(edited)
    }

    /// Restores a backup (`backup::restore`). The session's undo steps describe the state
    /// that was replaced, so they are dropped; the `before-restore` backup is the way back.
    pub fn restore(&mut self, source: &Path) -> Result<Restored> {
        let restored = backup::restore(&mut self.store, source)?;
        self.undo.clear();
        self.redo.clear();
        Ok(restored)
    }

    pub fn state(&self) -> HistoryState {
        HistoryState {
            can_undo: self.can_undo(),
            can_redo: self.can_redo(),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Reverts the latest step; `None` when there is nothing to undo. Refused with
    /// `Error::Conflict`, changing nothing, when another writer changed one of its events.
    pub fn undo(&mut self) -> Result<Option<Replayed>> {
        self.replay(Direction::Back)
    }

    /// Re-applies the latest undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Replayed>> {
        self.replay(Direction::Forward)
    }

    /// Moves the latest step of one stack to the other, putting the store in the state on
    /// that side of it. A refused or failed step stays where it was.
    fn replay(&mut self, direction: Direction) -> Result<Option<Replayed>> {
        let (from, to) = match direction {
            Direction::Back => (&mut self.undo, &mut self.redo),
            Direction::Forward => (&mut self.redo, &mut self.undo),
        };
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        let replays: Vec<Replay<'_>> = step
            .changes
            .iter()
            .map(|c| {
                let (expect, put) = match direction {
                    Direction::Back => (c.after.as_ref(), c.before.as_ref()),
                    Direction::Forward => (c.before.as_ref(), c.after.as_ref()),
                };
                Replay {
                    id: &c.id,
                    expect,
                    put,
                }
            })
            .collect();
        let result = self.store.replay(&replays);
        drop(replays);
        if let Err(e) = result {
            from.push(step);
            return Err(e);
        }
        let replayed = step.changes.first().map(|c| Replayed {
            id: c.id.clone(),
            event: match direction {
                Direction::Back => c.before.clone(),
                Direction::Forward => c.after.clone(),
            },
            count: u32::try_from(step.changes.len()).unwrap_or(u32::MAX),
            kind: step.kind,
        });
        to.push(step);
        Ok(replayed)
    }
}

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
use crate::periods::{Period, PeriodChange};
use crate::store::{Replay, Store};

/// One event a step touched, as it was before and after.
#[derive(Debug, Clone)]
struct Touched {
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
    /// A user period added, changed or deleted.
    Period,
    /// One change to many events, from the table's selection.
    Bulk,
    /// Many events deleted at once, from the table's selection.
    BulkDelete,
}

/// One user action: an edit, a delete, a whole import, or what was added from an article.
#[derive(Debug, Clone)]
struct Step {
    kind: StepKind,
    changes: Vec<Touched>,
    /// The periods the step changed (a period edit, or an import that carried periods).
    periods: Vec<PeriodChange>,
}

/// The store plus the history of this session's changes to it.
pub struct Curator {
    store: Store,
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// How a write (or an undo or redo of it) left one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The event is new, or back after an undone delete.
    Created,
    Updated,
    /// The event is gone (deleted, or an undone create).
    Deleted,
}

/// One event a write changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct EventChange {
    pub id: String,
    pub effect: Effect,
    /// The event as it now is; `None` when it is gone, and for the events of an import
    /// (thousands may change at once: the UI reads the window it shows instead).
    pub event: Option<StoredEvent>,
}

/// What a write, an undo or a redo changed, so the UI updates from the answer instead of
/// asking again: the events and how, the periods, and whether undo and redo are still
/// possible.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Change {
    pub kind: StepKind,
    /// Every event the step changed, in the order it changed them (none for a period step).
    pub events: Vec<EventChange>,
    /// How many of the user's periods the step changed: the UI reads them again when any.
    pub periods: u32,
    /// The history after the write.
    pub history: HistoryState,
}

/// What a bulk delete answered: what it did, and the deleted events (named, when the delete
/// can be undone), for the UI to apply.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct BulkDeleteAnswer {
    pub deleted: crate::BulkDeleted,
    pub change: Change,
}

/// What a bulk edit answered: what it did, and what changed, for the UI to apply.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct BulkAnswer {
    pub edited: BulkEdited,
    pub change: Change,
}

impl Change {
    /// The first event of the step: the one an edit is about.
    pub fn first(&self) -> Option<&EventChange> {
        self.events.first()
    }
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
fn tracked(changes: Vec<Imported>) -> Vec<Touched> {
    changes
        .into_iter()
        .map(|Imported { before, after }| Touched {
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

    fn record(&mut self, kind: StepKind, changes: Vec<Touched>) {
        self.record_with_periods(kind, changes, Vec::new());
    }

    fn record_with_periods(
        &mut self,
        kind: StepKind,
        changes: Vec<Touched>,
        periods: Vec<PeriodChange>,
    ) {
        if changes.is_empty() && periods.is_empty() {
            return;
        }
        self.undo.push(Step {
            kind,
            changes,
            periods,
        });
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Records an edit of one event and answers what it changed.
    fn edited(&mut self, touched: Touched) -> Change {
        let events = vec![effect_of(
            &touched,
            touched.before.as_ref(),
            touched.after.as_ref(),
            true,
        )];
        self.record(StepKind::Edit, vec![touched]);
        Change {
            kind: StepKind::Edit,
            events,
            periods: 0,
            history: self.state(),
        }
    }

    pub fn create(&mut self, event: Event) -> Result<Change> {
        let created = self.store.create(event)?;
        Ok(self.edited(Touched {
            id: created.event.id.clone(),
            before: None,
            after: Some(created),
        }))
    }

    pub fn update(&mut self, event: Event) -> Result<Change> {
        let before = self.store.get(&event.id)?;
        let after = self.store.update(event)?;
        Ok(self.edited(Touched {
            id: after.event.id.clone(),
            before: Some(before),
            after: Some(after),
        }))
    }

    pub fn delete(&mut self, id: &str) -> Result<Change> {
        let before = self.store.get(id)?;
        self.store.delete(id)?;
        Ok(self.edited(Touched {
            id: id.to_owned(),
            before: Some(before),
            after: None,
        }))
    }

    /// Imports as `Store::import_with_progress` does, and records the whole import as one
    /// step when it is small enough to hold (`import::UNDO_LIMIT`).
    pub fn import_with_progress(
        &mut self,
        events: &[Event],
        coverage: Coverage,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        let imported = self.store.import_tracked(events, coverage, progress)?;
        Ok(self.recorded_import(imported))
    }

    /// An import's outcome, recorded as one step when it can be undone.
    fn recorded_import(
        &mut self,
        (outcome, changes): (ImportOutcome, Vec<Imported>),
    ) -> ImportOutcome {
        if let ImportOutcome::Imported(report) = &outcome {
            if report.undoable {
                self.record(StepKind::Import, tracked(changes));
            }
        }
        outcome
    }

    /// Imports a file read as a stream, as `Store::import_stream_tracked` does, and records
    /// the whole import as one step when it is small enough to hold (`import::UNDO_LIMIT`).
    pub fn import_stream_with_progress(
        &mut self,
        input: &Input,
        total: usize,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        let (outcome, changes, periods) =
            self.store.import_stream_tracked(input, total, progress)?;
        if let ImportOutcome::Imported(report) = &outcome {
            if report.undoable {
                self.record_with_periods(StepKind::Import, tracked(changes), periods);
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

    /// Adds a period (`Store::create_period`) as one undo step.
    pub fn create_period(&mut self, period: Period) -> Result<Period> {
        let after = self.store.create_period(period)?;
        let created = after.period.clone();
        self.record_period(None, Some(after));
        Ok(created)
    }

    /// Changes a period (`Store::update_period`) as one undo step.
    pub fn update_period(&mut self, period: Period) -> Result<Period> {
        let before = self.store.stored_period(&period.id)?;
        let after = self.store.update_period(period)?;
        let updated = after.period.clone();
        self.record_period(Some(before), Some(after));
        Ok(updated)
    }

    /// Deletes a period (`Store::delete_period`) as one undo step.
    pub fn delete_period(&mut self, id: &str) -> Result<()> {
        let before = self.store.stored_period(id)?;
        self.store.delete_period(id)?;
        self.record_period(Some(before), None);
        Ok(())
    }

    fn record_period(
        &mut self,
        before: Option<crate::periods::StoredPeriod>,
        after: Option<crate::periods::StoredPeriod>,
    ) {
        let id = after
            .as_ref()
            .or(before.as_ref())
            .map(|s| s.period.id.clone())
            .unwrap_or_default();
        self.record_with_periods(
            StepKind::Period,
            Vec::new(),
            vec![PeriodChange { id, before, after }],
        );
    }

    /// Applies one change to many events (`Store::bulk_edit_tracked`) in one transaction,
    /// recorded as one step: one undo puts every changed event back exactly as it was.
    /// A change too large to hold (`BulkEdited::undoable` false) is applied but not recorded.
    /// The answer names the changed events without carrying them (thousands may change).
    pub fn bulk_edit(&mut self, edit: &BulkEdit) -> Result<BulkAnswer> {
        let (edited, changes) = self.store.bulk_edit_tracked(edit)?;
        let touched = tracked(changes);
        let events = touched
            .iter()
            .map(|t| effect_of(t, t.before.as_ref(), t.after.as_ref(), false))
            .collect();
        if edited.undoable {
            self.record(StepKind::Bulk, touched);
        }
        Ok(BulkAnswer {
            edited,
            change: Change {
                kind: StepKind::Bulk,
                events,
                periods: 0,
                history: self.state(),
            },
        })
    }

    /// Deletes every event `target` names (`Store::bulk_delete_tracked`) in one transaction,
    /// recorded as one step when it can be undone: one undo puts every event back as it was.
    /// A delete too large to hold is not recorded; its backup is the way back.
    pub fn bulk_delete(&mut self, target: &crate::BulkTarget) -> Result<BulkDeleteAnswer> {
        self.bulk_delete_with_progress(target, &mut |_, _| true)
    }

    /// `bulk_delete`, telling `progress` how many of how many events are deleted so far; when
    /// it answers false the delete stops, nothing is deleted, and the answer is
    /// `Error::DeleteCancelled`.
    pub fn bulk_delete_with_progress(
        &mut self,
        target: &crate::BulkTarget,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<BulkDeleteAnswer> {
        let (deleted, befores) = self.store.bulk_delete_tracked(target, progress)?;
        let touched: Vec<Touched> = befores
            .into_iter()
            .map(|before| Touched {
                id: before.event.id.clone(),
                before: Some(before),
                after: None,
            })
            .collect();
        let events = touched
            .iter()
            .map(|t| effect_of(t, t.before.as_ref(), None, false))
            .collect();
        if deleted.undoable && !touched.is_empty() {
            self.record(StepKind::BulkDelete, touched);
        }
        Ok(BulkDeleteAnswer {
            deleted,
            change: Change {
                kind: StepKind::BulkDelete,
                events,
                periods: 0,
                history: self.state(),
            },
        })
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

    /// Reverts the latest step; `None` when there is nothing to undo (the history is then
    /// unchanged, with nothing to undo). Refused with `Error::Conflict`, changing nothing,
    /// when another writer changed one of its events.
    pub fn undo(&mut self) -> Result<Option<Change>> {
        self.replay(Direction::Back)
    }

    /// Re-applies the latest undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Change>> {
        self.replay(Direction::Forward)
    }

    /// Moves the latest step of one stack to the other, putting the store in the state on
    /// that side of it. A refused or failed step stays where it was.
    fn replay(&mut self, direction: Direction) -> Result<Option<Change>> {
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
        let back = matches!(direction, Direction::Back);
        let result = self
            .store
            .replay_with_periods(&replays, &step.periods, back);
        drop(replays);
        if let Err(e) = result {
            from.push(step);
            return Err(e);
        }
        // An import's or a bulk edit's thousands of events are named, not carried.
        let with_events = !matches!(
            step.kind,
            StepKind::Import | StepKind::Bulk | StepKind::BulkDelete
        );
        let events = step
            .changes
            .iter()
            .map(|c| match direction {
                Direction::Back => effect_of(c, c.after.as_ref(), c.before.as_ref(), with_events),
                Direction::Forward => {
                    effect_of(c, c.before.as_ref(), c.after.as_ref(), with_events)
                }
            })
            .collect();
        let kind = step.kind;
        let periods = u32::try_from(step.periods.len()).unwrap_or(u32::MAX);
        to.push(step);
        Ok(Some(Change {
            kind,
            events,
            periods,
            history: self.state(),
        }))
    }
}

/// How going from `from` to `to` left the event; `with_event` carries it as it now is.
fn effect_of(
    touched: &Touched,
    from: Option<&StoredEvent>,
    to: Option<&StoredEvent>,
    with_event: bool,
) -> EventChange {
    let effect = match (from, to) {
        (None, Some(_)) => Effect::Created,
        (Some(_), None) | (None, None) => Effect::Deleted,
        (Some(_), Some(_)) => Effect::Updated,
    };
    EventChange {
        id: touched.id.clone(),
        effect,
        event: if with_event { to.cloned() } else { None },
    }
}

//! Undo and redo of the session's edits. Every change is recorded as the event before and
//! after it, so replaying either way restores the store exactly.

use crate::error::Result;
use crate::model::{Event, StoredEvent};
use crate::store::Store;

#[derive(Debug, Clone)]
struct Change {
    id: String,
    before: Option<StoredEvent>,
    after: Option<StoredEvent>,
}

/// The store plus the history of this session's changes to it.
pub struct Curator {
    store: Store,
    undo: Vec<Change>,
    redo: Vec<Change>,
}

/// What an undo or redo did, so the UI can show and focus it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Replayed {
    pub id: String,
    /// The event as it now is; `None` when the step removed it.
    pub event: Option<StoredEvent>,
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

    fn record(&mut self, change: Change) {
        self.undo.push(change);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn create(&mut self, event: Event) -> Result<StoredEvent> {
        let created = self.store.create(event)?;
        self.record(Change {
            id: created.event.id.clone(),
            before: None,
            after: Some(created.clone()),
        });
        Ok(created)
    }

    pub fn update(&mut self, event: Event) -> Result<StoredEvent> {
        let before = self.store.get(&event.id)?;
        let after = self.store.update(event)?;
        self.record(Change {
            id: after.event.id.clone(),
            before: Some(before),
            after: Some(after.clone()),
        });
        Ok(after)
    }

    pub fn delete(&mut self, id: &str) -> Result<()> {
        let before = self.store.get(id)?;
        self.store.delete(id)?;
        self.record(Change {
            id: id.to_owned(),
            before: Some(before),
            after: None,
        });
        Ok(())
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

    /// Reverts the latest change; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Replayed>> {
        self.replay(Direction::Back)
    }

    /// Re-applies the latest undone change; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Replayed>> {
        self.replay(Direction::Forward)
    }

    /// Moves the latest change of one stack to the other, putting the store in the state on
    /// that side of it. A failed step stays where it was.
    fn replay(&mut self, direction: Direction) -> Result<Option<Replayed>> {
        let (from, to) = match direction {
            Direction::Back => (&mut self.undo, &mut self.redo),
            Direction::Forward => (&mut self.redo, &mut self.undo),
        };
        let Some(change) = from.pop() else {
            return Ok(None);
        };
        let state = match direction {
            Direction::Back => change.before.clone(),
            Direction::Forward => change.after.clone(),
        };
        if let Err(e) = self.store.restore(&change.id, state.as_ref()) {
            from.push(change);
            return Err(e);
        }
        let replayed = Replayed {
            id: change.id.clone(),
            event: state,
        };
        to.push(change);
        Ok(Some(replayed))
    }
}

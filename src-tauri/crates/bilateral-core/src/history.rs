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

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Reverts the latest change; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Replayed>> {
        let Some(change) = self.undo.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.store.restore(&change.id, change.before.as_ref()) {
            self.undo.push(change);
            return Err(e);
        }
        let replayed = Replayed {
            id: change.id.clone(),
            event: change.before.clone(),
        };
        self.redo.push(change);
        Ok(Some(replayed))
    }

    /// Re-applies the latest undone change; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Replayed>> {
        let Some(change) = self.redo.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.store.restore(&change.id, change.after.as_ref()) {
            self.redo.push(change);
            return Err(e);
        }
        let replayed = Replayed {
            id: change.id.clone(),
            event: change.after.clone(),
        };
        self.undo.push(change);
        Ok(Some(replayed))
    }
}

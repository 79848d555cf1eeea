//! Events lent to a writer one at a time: from a list, from an iterator, or from the batches
//! of an export's reading thread, which are handed back to be filled again instead of being
//! freed event by event.

use std::cell::RefCell;

use serde::ser::SerializeSeq;
use serde::Serialize;

use super::progress::Progress;
use crate::model::Event;

/// The next event to write, borrowed until the one after is asked for; `None` at the end.
pub(crate) trait EventSource {
    fn next_event(&mut self) -> Option<&Event>;
}

impl EventSource for std::slice::Iter<'_, Event> {
    fn next_event(&mut self) -> Option<&Event> {
        self.next()
    }
}

impl EventSource for std::vec::IntoIter<&Event> {
    fn next_event(&mut self) -> Option<&Event> {
        self.next()
    }
}

/// The events of an iterator, each kept until the next is asked for.
pub(crate) struct Owned<'i> {
    events: &'i mut dyn Iterator<Item = Event>,
    current: Option<Event>,
}

impl<'i> Owned<'i> {
    pub(crate) fn new(events: &'i mut dyn Iterator<Item = Event>) -> Self {
        Self {
            events,
            current: None,
        }
    }
}

impl EventSource for Owned<'_> {
    fn next_event(&mut self) -> Option<&Event> {
        self.current = self.events.next();
        self.current.as_ref()
    }
}

/// How a sequence written from an event source shows each event.
pub(crate) trait Shown {
    fn element<S: SerializeSeq>(&self, event: &Event, seq: &mut S) -> Result<(), S::Error>;
}

/// A sequence serialised from an event source, each event as `shown` writes it, ticking
/// `progress` after each: a JSON export of the store without every event in memory.
pub(crate) struct SourceSequence<'e, 'p, 'a, H> {
    pub events: RefCell<&'e mut dyn EventSource>,
    pub progress: RefCell<&'p mut Progress<'a>>,
    pub shown: H,
}

impl<H: Shown> Serialize for SourceSequence<'_, '_, '_, H> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut events = self.events.borrow_mut();
        while let Some(event) = events.next_event() {
            self.shown.element(event, &mut seq)?;
            self.progress.borrow_mut().tick();
        }
        seq.end()
    }
}

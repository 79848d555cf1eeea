//! Events lent to a writer one at a time: from a list, from an iterator, or from the batches
//! of an export's reading thread, which are handed back to be filled again instead of being
//! freed event by event.

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

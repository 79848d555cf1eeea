//! Reading an import's file on a second thread: the parsing (JSON, CSV or GDELT rows into
//! events) runs ahead while the caller's thread plans and writes the events already read, so
//! the two overlap instead of taking turns. At 100,000 events the parsing is about a fifth of an
//! import (preview and commit each read the file).
//!
//! Items cross in batches over a bounded channel, so a few thousand events at most are in
//! memory whatever the file's size, and they reach the caller's sink in file order, exactly
//! as reading on one thread would hand them. The sink never leaves the caller's thread.
//!
//! Work on each item that needs nothing but the item (an import checks and normalises each
//! event) can run on the reading thread too, through `each_mapped`: it is then off the
//! caller's thread, which holds the store and is the one that sets the pace.
//!
//! A GDELT reading also tells how far it has got (`each_watched`), since most of its lines
//! give no item: that crosses in the same batches, in order with the items.
//!
//! A stop on either side stops the other: a sink error drops the receiver, so the reader's
//! next send fails and its parsing ends; a reading error arrives after every item read
//! before it, as it would on one thread.

use std::sync::mpsc;

use super::stream::Item;
use crate::error::{Error, Result};

/// Items per message: one message per event would cost more in the channel than it saves.
const BATCH: usize = 256;
/// Batches read ahead of the sink before the reader waits for it.
const BATCHES_AHEAD: usize = 8;

/// A reading of a whole file, handing each item to the sink given.
pub(crate) type Read<'r> = dyn FnOnce(&mut dyn FnMut(Item) -> Result<()>) -> Result<()> + Send + 'r;

/// Runs `read` (of the file called `name`) on a second thread and hands its items to `sink`
/// on this one, in order. The answer is the sink's error if it stopped the reading, else the
/// reading's own answer.
#[cfg(test)]
pub(crate) fn each(
    name: &str,
    read: Box<Read<'_>>,
    sink: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<()> {
    each_mapped(name, read, &|item| item, sink)
}

/// `each`, with `map` applied to every item on the reading thread before it is handed on.
pub(crate) fn each_mapped<T: Send>(
    name: &str,
    read: Box<Read<'_>>,
    map: &(dyn Fn(Item) -> T + Sync),
    sink: &mut dyn FnMut(T) -> Result<()>,
) -> Result<()> {
    each_watched(
        name,
        Box::new(|items, _| read(items)),
        map,
        sink,
        &mut |_, _| true,
    )
}

/// A reading that also tells how far it has got (lines read, files done), for files most of
/// whose lines give no item (GDELT); its `progress` answers false once the caller stopped.
pub(crate) type WatchedRead<'r> = dyn FnOnce(&mut dyn FnMut(Item) -> Result<()>, &mut dyn FnMut(usize, usize) -> bool) -> Result<()>
    + Send
    + 'r;

/// What crosses from the reading thread: an item, or how far the reading has got.
enum Sent<T> {
    Item(T),
    Lines(usize, usize),
}

/// `each_mapped` of a reading that tells how far it has got: `lines` hears it on this
/// thread, in order with the items, and stops the reading by answering false.
pub(crate) fn each_watched<T: Send>(
    name: &str,
    read: Box<WatchedRead<'_>>,
    map: &(dyn Fn(Item) -> T + Sync),
    sink: &mut dyn FnMut(T) -> Result<()>,
    lines: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<()> {
    let (batches, arriving) = mpsc::sync_channel::<Vec<Sent<T>>>(BATCHES_AHEAD);
    std::thread::scope(|scope| {
        // A thread the system cannot start fails the reading instead of panicking.
        let reader = std::thread::Builder::new()
            .name("import reader".to_owned())
            .spawn_scoped(scope, move || {
                let batch = std::cell::RefCell::new(Vec::with_capacity(BATCH));
                let send = |full: bool| -> bool {
                    let mut batch = batch.borrow_mut();
                    if !full && batch.len() < BATCH {
                        return true;
                    }
                    let next = std::mem::replace(&mut *batch, Vec::with_capacity(BATCH));
                    // Refused only when the sink has stopped: its error is the answer.
                    batches.send(next).is_ok()
                };
                let read = read(
                    &mut |item| {
                        batch.borrow_mut().push(Sent::Item(map(item)));
                        if send(false) {
                            Ok(())
                        } else {
                            Err(Error::Cancelled)
                        }
                    },
                    // Sent at once: a reading whose lines give no item still shows it moves.
                    &mut |lines, files| {
                        batch.borrow_mut().push(Sent::Lines(lines, files));
                        send(true)
                    },
                );
                if !batch.borrow().is_empty() {
                    // Items read before a reading error are handed on before it.
                    send(true);
                }
                read
            })
            .map_err(|e| Error::Read {
                path: name.to_owned(),
                message: format!("could not start a thread to read the file: {e}"),
            })?;
        let mut sunk = Ok(());
        'batches: for batch in &arriving {
            for sent in batch {
                sunk = match sent {
                    Sent::Item(item) => sink(item),
                    Sent::Lines(read, files) if lines(read, files) => Ok(()),
                    Sent::Lines(..) => Err(Error::Cancelled),
                };
                if sunk.is_err() {
                    break 'batches;
                }
            }
        }
        // Closed before the join: a reader still running meets it and ends.
        drop(arriving);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        sunk.and(read)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::formats::parsed::{Location, Rejected};

    fn item(i: usize) -> Item {
        Item::Rejected(Rejected::new(Location::Item(i), "id", "x"))
    }

    fn index(item: &Item) -> usize {
        match item {
            Item::Rejected(Rejected {
                at: Location::Item(i),
                ..
            }) => *i,
            other => panic!("unexpected {other:?}"),
        }
    }

    /// Reads `n` items, or stops at `fail_at` with a reading error; counts what it read.
    fn reading(n: usize, fail_at: Option<usize>, read: &AtomicUsize) -> Box<Read<'_>> {
        Box::new(move |sink| {
            for i in 0..n {
                if Some(i) == fail_at {
                    return Err(Error::invalid("events[7]", "broken"));
                }
                read.fetch_add(1, Ordering::Relaxed);
                sink(item(i))?;
            }
            Ok(())
        })
    }

    #[test]
    fn items_arrive_in_file_order_across_batches() {
        let read = AtomicUsize::new(0);
        let mut seen = Vec::new();
        each("f", reading(3 * BATCH + 5, None, &read), &mut |item| {
            seen.push(index(&item));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, (0..3 * BATCH + 5).collect::<Vec<_>>());
    }

    #[test]
    fn a_mapping_runs_on_the_reading_thread_and_its_items_arrive_in_order() {
        let read = AtomicUsize::new(0);
        let caller = std::thread::current().id();
        let mut seen = Vec::new();
        each_mapped(
            "f",
            reading(2 * BATCH + 1, None, &read),
            &|item| (index(&item), std::thread::current().id() != caller),
            &mut |mapped| {
                seen.push(mapped);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(
            seen,
            (0..2 * BATCH + 1).map(|i| (i, true)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_sink_error_is_the_answer_and_stops_the_reading() {
        let read = AtomicUsize::new(0);
        let total = 1000 * BATCH;
        let mut seen = 0;
        let answer = each("f", reading(total, None, &read), &mut |_| {
            seen += 1;
            if seen == 10 {
                return Err(Error::Cancelled);
            }
            Ok(())
        });
        assert!(matches!(answer, Err(Error::Cancelled)), "{answer:?}");
        assert_eq!(seen, 10);
        // The reader stops once its sends are refused: a few batches ahead at most.
        assert!(
            read.load(Ordering::Relaxed) <= (BATCHES_AHEAD + 3) * BATCH,
            "read {} of {total}",
            read.load(Ordering::Relaxed)
        );
    }

    #[test]
    fn a_reading_error_comes_after_the_items_read_before_it() {
        let read = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let answer = each("f", reading(1000, Some(BATCH + 3), &read), &mut |item| {
            seen.push(index(&item));
            Ok(())
        });
        match answer {
            Err(Error::Invalid { field, message }) => {
                assert_eq!((field.as_str(), message.as_str()), ("events[7]", "broken"));
            }
            other => panic!("expected the reading error, got {other:?}"),
        }
        assert_eq!(seen, (0..BATCH + 3).collect::<Vec<_>>());
    }

    #[test]
    fn how_far_a_reading_has_got_arrives_in_order_with_its_items_and_can_stop_it() {
        let reading = || -> Box<WatchedRead<'static>> {
            Box::new(|sink, lines| {
                for i in 0..10 {
                    sink(item(i))?;
                    if i % 4 == 3 && !lines(i + 1, 0) {
                        // Told to stop: the reading ends there, as a GDELT reading does.
                        return Err(Error::Cancelled);
                    }
                }
                Ok(())
            })
        };
        let mut heard = Vec::new();
        let seen = std::cell::RefCell::new(Vec::new());
        each_watched(
            "f",
            reading(),
            &|item| item,
            &mut |item| {
                seen.borrow_mut().push(index(&item));
                Ok(())
            },
            &mut |lines, _| {
                heard.push((lines, seen.borrow().len()));
                true
            },
        )
        .unwrap();
        assert_eq!(
            heard,
            [(4, 4), (8, 8)],
            "each told after the items before it"
        );

        let mut after = 0;
        let result = each_watched(
            "f",
            reading(),
            &|item| item,
            &mut |_| {
                after += 1;
                Ok(())
            },
            &mut |_, _| false,
        );
        assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
        assert_eq!(after, 4, "no item after the stop");
    }
}

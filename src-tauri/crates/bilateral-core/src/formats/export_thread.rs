//! An export of many events on two threads: the caller's thread reads the events (from the
//! store), a second thread serialises them (JSON, CSV, iCalendar, TimelineJS or Markdown) and writes
//! the bytes, so reading and serialising overlap instead of taking turns. Writing goes with
//! serialising because the reading is the heavier side: with the bytes written on the
//! caller's thread, the copy into the file (about a quarter of a million-event CSV export's
//! time) held the reading up.
//!
//! Events cross in batches over a bounded channel, so at most a few batches are in memory
//! whatever the export's size. A written batch goes back to be filled again: the reading
//! overwrites its events in place, so a long export allocates (and frees, on another thread,
//! which costs the allocator a lock each time) almost nothing per event. The serialiser
//! writes its bytes to `out` in chunks and sends back, after each, how many events are
//! complete; the progress callback is called from those counts on the caller's thread, and
//! never leaves it. The bytes are exactly those of serialising on one thread.
//!
//! A failure on either side stops the other: a write or serialiser error ends the
//! serialiser, which drops its receiver, so the next batch is refused and the reading ends;
//! a reading that ends early drops the channel, so the serialiser sees the end.

use std::cell::Cell;
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use super::event_source::EventSource;
use super::progress::Progress;
use crate::model::Event;

/// Events per message: one message per event would cost more in the channel than it saves.
const BATCH: usize = 256;
/// Batches read ahead of the serialiser before reading waits for it.
const BATCHES_AHEAD: usize = 8;
/// Serialised bytes written at a time.
const CHUNK: usize = 256 << 10;

/// A serialiser of a whole export: the events, in order, to the writer given.
pub(crate) type Serialise<'s> =
    dyn FnOnce(&mut dyn EventSource, &mut dyn Write) -> io::Result<()> + Send + 's;

/// Overwrites an event with the next one to export, keeping its allocations; false at the end.
pub(crate) type Fill<'f> = dyn FnMut(&mut Event) -> bool + 'f;

/// Writes the events `fill` gives to `out` as `serialise` writes them, serialising and
/// writing on a second thread; `progress` ticks as the bytes of each event are written.
pub(crate) fn write(
    fill: &mut Fill<'_>,
    serialise: Box<Serialise<'_>>,
    out: &mut (dyn Write + Send),
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let (batches, batches_in) = mpsc::sync_channel::<Vec<Event>>(BATCHES_AHEAD);
    let (written_out, written_batches) = mpsc::channel::<Vec<Event>>();
    let (done_out, done) = mpsc::channel::<usize>();
    std::thread::scope(|scope| {
        // A thread the system cannot start fails the export instead of panicking.
        let serialiser = std::thread::Builder::new()
            .name("export serialiser".to_owned())
            .spawn_scoped(scope, move || {
                let pulled_count = Cell::new(0);
                let mut writer = ChunkWriter {
                    buffer: Vec::with_capacity(CHUNK),
                    out,
                    done: done_out,
                    pulled: &pulled_count,
                };
                let mut pulled = Pulled {
                    batches: batches_in,
                    written: written_out,
                    batch: Vec::new(),
                    next: 0,
                    pulled: 0,
                    done: &pulled_count,
                };
                serialise(&mut pulled, &mut writer)?;
                writer.write_out()
            })?;
        // The channels are dropped when `feed` returns, before the serialiser is joined: a
        // serialiser still running then meets a closed channel and ends.
        let mut ticks = Ticks {
            counts: done,
            written: 0,
            progress,
        };
        feed(fill, batches, written_batches, &mut ticks);
        let serialised = serialiser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The counts sent before the serialiser ended (its last one included) are still here.
        ticks.catch_up();
        serialised
    })
}

/// The caller's side: fills batches and sends them, ticking `progress` as events are written.
fn feed(
    fill: &mut Fill<'_>,
    batches: SyncSender<Vec<Event>>,
    written_batches: Receiver<Vec<Event>>,
    ticks: &mut Ticks<'_, '_>,
) {
    let mut more = true;
    while more {
        let mut batch = written_batches
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BATCH));
        let mut filled = 0;
        while filled < BATCH {
            if filled == batch.len() {
                batch.push(Event::blank());
            }
            if !fill(&mut batch[filled]) {
                more = false;
                break;
            }
            filled += 1;
        }
        batch.truncate(filled);
        if !batch.is_empty() && batches.send(batch).is_err() {
            // The serialiser stopped: its error is the answer.
            return;
        }
        ticks.catch_up();
    }
}

/// The progress of the export, on the caller's thread, from the counts of events written
/// that the serialiser sends.
struct Ticks<'p, 'a> {
    counts: Receiver<usize>,
    written: usize,
    progress: &'p mut Progress<'a>,
}

impl Ticks<'_, '_> {
    /// Ticks once for each event written since the last call.
    fn catch_up(&mut self) {
        if let Some(last) = self.counts.try_iter().last() {
            for _ in self.written..last {
                self.progress.tick();
            }
            self.written = self.written.max(last);
        }
    }
}

/// The serialiser's events: the batches as they arrive, one event at a time, each batch
/// sent back once written. Asking for the next event means the ones before it are written,
/// which `done` records.
struct Pulled<'d> {
    batches: Receiver<Vec<Event>>,
    written: Sender<Vec<Event>>,
    batch: Vec<Event>,
    next: usize,
    pulled: usize,
    done: &'d Cell<usize>,
}

impl EventSource for Pulled<'_> {
    fn next_event(&mut self) -> Option<&Event> {
        self.done.set(self.pulled);
        if self.next == self.batch.len() {
            let fresh = self.batches.recv().ok()?;
            let written = std::mem::replace(&mut self.batch, fresh);
            if !written.is_empty() {
                // The reading may have ended; then the batch is dropped here.
                let _ = self.written.send(written);
            }
            self.next = 0;
        }
        let at = self.next;
        self.next += 1;
        self.pulled += 1;
        self.batch.get(at)
    }
}

/// The serialiser's output: bytes gathered into chunks, each written to `out`, then the
/// count of events it completes sent to the caller.
struct ChunkWriter<'o, 'd> {
    buffer: Vec<u8>,
    out: &'o mut (dyn Write + Send),
    done: Sender<usize>,
    pulled: &'d Cell<usize>,
}

impl ChunkWriter<'_, '_> {
    fn write_out(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        // The caller has stopped reading counts only when it has stopped altogether.
        let _ = self.done.send(self.pulled.get());
        Ok(())
    }
}

impl Write for ChunkWriter<'_, '_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if !self.buffer.is_empty() && self.buffer.len() + data.len() > CHUNK {
            self.write_out()?;
        }
        self.buffer.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

//! An export of many events on two threads: the caller's thread reads the events (from the
//! store) and writes the bytes, a second thread serialises them (JSON or CSV), so reading and
//! serialising overlap instead of taking turns.
//!
//! Events cross in batches over a bounded channel, so at most a few batches are in memory
//! whatever the export's size. A written batch goes back to be filled again: the reading
//! overwrites its events in place, so a long export allocates (and frees, on another thread,
//! which costs the allocator a lock each time) almost nothing per event. The serialised bytes
//! come back in chunks, in order (one serialiser), and are written to `out` on the caller's
//! thread: `out` and the progress callback never leave it. The bytes are exactly those of
//! serialising on one thread.
//!
//! A failure on either side stops the other: a write error drops the channels, so the
//! serialiser's next send fails and it ends; a serialiser error drops its receiver, so the
//! next batch is refused and the reading ends.

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
/// Serialised bytes sent back at a time.
const CHUNK: usize = 256 << 10;

/// Serialised bytes, and how many events are complete once they are written.
struct Chunk {
    bytes: Vec<u8>,
    done: usize,
}

/// A serialiser of a whole export: the events, in order, to the writer given.
pub(crate) type Serialise<'s> =
    dyn FnOnce(&mut dyn EventSource, &mut dyn Write) -> io::Result<()> + Send + 's;

/// Overwrites an event with the next one to export, keeping its allocations; false at the end.
pub(crate) type Fill<'f> = dyn FnMut(&mut Event) -> bool + 'f;

/// Writes the events `fill` gives to `out` as `serialise` writes them, serialising on a
/// second thread; `progress` ticks as the bytes of each event are written.
pub(crate) fn write(
    fill: &mut Fill<'_>,
    serialise: Box<Serialise<'_>>,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let (batches, batches_in) = mpsc::sync_channel::<Vec<Event>>(BATCHES_AHEAD);
    let (chunks_out, chunks) = mpsc::channel::<Chunk>();
    let (spares, spares_in) = mpsc::channel::<Vec<u8>>();
    let (written_out, written_batches) = mpsc::channel::<Vec<Event>>();
    std::thread::scope(|scope| {
        // A thread the system cannot start fails the export instead of panicking.
        let serialiser = std::thread::Builder::new()
            .name("export serialiser".to_owned())
            .spawn_scoped(scope, move || {
                let done = Cell::new(0);
                let mut writer = ChunkWriter {
                    buffer: Vec::with_capacity(CHUNK),
                    chunks: chunks_out,
                    spares: spares_in,
                    done: &done,
                };
                let mut pulled = Pulled {
                    batches: batches_in,
                    written: written_out,
                    batch: Vec::new(),
                    next: 0,
                    pulled: 0,
                    done: &done,
                };
                serialise(&mut pulled, &mut writer)?;
                writer.send()
            })?;
        // The channels are dropped when `feed` returns, before the serialiser is joined: a
        // serialiser still running then meets a closed channel and ends.
        let channels = Channels {
            batches,
            written: written_batches,
            chunks,
            spares,
        };
        let fed = feed(fill, channels, out, progress);
        let serialised = serialiser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // A write error is the cause; the serialiser's error is then only that it was stopped.
        fed.and(serialised)
    })
}

/// The caller's ends of the channels.
struct Channels {
    batches: SyncSender<Vec<Event>>,
    written: Receiver<Vec<Event>>,
    chunks: Receiver<Chunk>,
    spares: Sender<Vec<u8>>,
}

/// The caller's side: fills batches and sends them, and writes the bytes that come back.
fn feed(
    fill: &mut Fill<'_>,
    channels: Channels,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let Channels {
        batches,
        written: written_batches,
        chunks,
        spares,
    } = channels;
    let mut written = 0;
    let mut forward = |chunk: Chunk| -> io::Result<()> {
        out.write_all(&chunk.bytes)?;
        for _ in written..chunk.done {
            progress.tick();
        }
        written = chunk.done;
        let mut spare = chunk.bytes;
        spare.clear();
        // The serialiser may have finished; a spare nobody takes is simply dropped.
        let _ = spares.send(spare);
        Ok(())
    };
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
            return Ok(());
        }
        while let Ok(chunk) = chunks.try_recv() {
            forward(chunk)?;
        }
    }
    drop(batches);
    for chunk in chunks {
        forward(chunk)?;
    }
    Ok(())
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

/// The serialiser's output: bytes gathered into chunks and sent back, reusing the buffers
/// the caller has written.
struct ChunkWriter<'d> {
    buffer: Vec<u8>,
    chunks: Sender<Chunk>,
    spares: Receiver<Vec<u8>>,
    done: &'d Cell<usize>,
}

impl ChunkWriter<'_> {
    fn send(&mut self) -> io::Result<()> {
        let fresh = self
            .spares
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
        let bytes = std::mem::replace(&mut self.buffer, fresh);
        self.chunks
            .send(Chunk {
                bytes,
                done: self.done.get(),
            })
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the export was stopped"))
    }
}

impl Write for ChunkWriter<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if !self.buffer.is_empty() && self.buffer.len() + data.len() > CHUNK {
            self.send()?;
        }
        self.buffer.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

//! An import that reads its file once. Each event is planned and written as it is read,
//! inside a transaction left open, and what a preview would say comes out of that same
//! reading: the caller looks at it (rejections, counts, likely duplicates), takes the backup
//! it calls for, then finishes the import or drops it, which writes nothing. A preview before
//! the import would read and check the whole file a second time: at a million events, a
//! sixth of the import.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, Transaction};

use crate::backup::{self, Backup};
use crate::error::{Error, Result};
use crate::formats::stream::{Input, Item};
use crate::import::{
    check, likely_duplicate, refusal, Checked, ImportOutcome, ImportPreview, Planner, Step, Writer,
    DUPLICATES_LISTED, STATEMENTS,
};
use crate::model::Event;
use crate::periods::Period;
use crate::store::{committed_reader, Store};

/// A file read and written, not yet committed.
pub struct ReadImport<'s> {
    tx: Transaction<'s>,
    writer: Writer,
    preview: ImportPreview,
    periods: Vec<Period>,
    /// Events read, rejected ones included: the total of the finishing progress.
    events: usize,
    path: Option<PathBuf>,
    /// The rejected items are left out rather than stopping the import.
    skipping: bool,
}

/// How reading an import ended.
pub enum Reading<'s> {
    Read(Box<ReadImport<'s>>),
    /// The progress callback asked to stop after `done` events: nothing was written.
    Cancelled {
        done: usize,
    },
}

impl Store {
    /// Reads `input` once, planning and writing each event as it is read, under the write
    /// lock and inside a transaction that stays open until `ReadImport::finish`. The
    /// preview it holds is what `preview_stream` would say of the same file and store: the
    /// likely duplicates are looked for among the events as committed (read through a
    /// connection of its own; a store in memory has none, and lists none). Once an item is
    /// rejected, nothing will be committed: the rest of the file is only read, so that every
    /// rejected item is listed. `progress(read)` is called after each event; when it
    /// returns `false` the reading stops and nothing is written.
    pub fn read_import(
        &mut self,
        input: &Input,
        mut progress: impl FnMut(usize) -> bool,
    ) -> Result<Reading<'_>> {
        let path = self.path().map(Path::to_owned);
        let tx = self.import_tx()?;
        tx.set_prepared_statement_cache_capacity(STATEMENTS);
        // Opened under the write lock, so it reads the store as the import found it: the
        // import's own rows are not committed, and the indexes a bulk import drops are there.
        // It is read on the thread that reads the file, which has time to spare while this
        // one writes, inside one read: no lookup pays for opening a read of its own.
        let committed = path.as_deref().map(read_committed).transpose()?;
        let mut planner = Planner::new(input.coverage());
        let mut writer = Writer::new(&tx, false, 0)?;
        let mut preview = ImportPreview {
            fields: input.coverage().fields(),
            ..ImportPreview::default()
        };
        let mut periods = Vec::new();
        let mut events = 0;
        let skipping = input.skips_rejected();
        let mut cancelled = false;
        let listed_all = AtomicBool::new(!input.format().lists_likely_duplicates());
        let look_up = |item: Item| -> (Checked, Result<Option<(String, String)>>) {
            let checked = check(item);
            let alike = match (&checked, &committed) {
                (Checked::Event(ready), Some(conn)) if !listed_all.load(Ordering::Relaxed) => {
                    let conn = conn.lock().unwrap_or_else(PoisonError::into_inner);
                    new_and_alike(&conn, &ready.event)
                }
                _ => Ok(None),
            };
            (checked, alike)
        };
        let result = input.each_mapped(&look_up, &mut |(item, alike)| {
            let step = match item {
                Checked::Period(period) => {
                    preview.periods += 1;
                    periods.push(period);
                    return Ok(());
                }
                Checked::Rejected(rejected) => Err(rejected),
                Checked::Event(ready) => planner.step(&tx, |_| alike, ready)?,
            };
            if planner.duplicates.len() >= DUPLICATES_LISTED {
                listed_all.store(true, Ordering::Relaxed);
            }
            events += 1;
            match step {
                Err(rejected) => preview.reject(rejected),
                Ok(step) => {
                    match &step {
                        Step::Create(_) => preview.new += 1,
                        Step::Update { .. } => preview.updated += 1,
                        Step::Keep(_) => preview.unchanged += 1,
                    }
                    if preview.rejected_count == 0 || skipping {
                        writer.apply(&tx, step)?;
                    }
                }
            }
            if !progress(events) {
                cancelled = true;
                return Err(Error::Cancelled);
            }
            Ok(())
        });
        match result {
            Err(Error::Cancelled) if cancelled => return Ok(Reading::Cancelled { done: events }),
            other => other?,
        }
        preview.duplicates = planner.duplicates;
        Ok(Reading::Read(Box::new(ReadImport {
            tx,
            writer,
            preview,
            periods,
            events,
            path,
            skipping,
        })))
    }
}

/// A connection that reads the database at `path` as last committed, inside a read that
/// ends when it is closed.
fn read_committed(path: &Path) -> Result<Mutex<Connection>> {
    let conn = committed_reader(path)?;
    conn.execute_batch("BEGIN")?;
    Ok(Mutex::new(conn))
}

/// For an event whose id the store does not hold: the stored event it may be.
fn new_and_alike(conn: &Connection, event: &Event) -> Result<Option<(String, String)>> {
    let stored: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)")?
        .query_row([&event.id], |r| r.get(0))?;
    if stored {
        return Ok(None);
    }
    likely_duplicate(conn, event)
}

impl ReadImport<'_> {
    /// What the import does: as a preview of the same file would say.
    pub fn preview(&self) -> &ImportPreview {
        &self.preview
    }

    /// How many events the file holds, rejected ones included.
    pub fn events(&self) -> usize {
        self.events
    }

    /// Whether the store as it was needs a backup before this import is committed
    /// (`backup::import_needs_backup`).
    pub fn needs_backup(&self) -> bool {
        let stored = u64::try_from(self.writer.stored).unwrap_or(u64::MAX);
        backup::import_needs_backup(stored, &self.preview)
    }

    /// Saves the store as it was before this import as a `before-import` backup; `None` for
    /// a store in memory, which keeps no backups. Its failure says nothing was imported,
    /// and the caller must then drop the import.
    pub fn back_up(&self) -> Result<Option<Backup>> {
        self.path
            .as_deref()
            .map(backup::before_uncommitted_import)
            .transpose()
    }

    /// Fills the search index, builds the indexes and counts, writes the periods and
    /// commits. `progress(events, events)` is asked between the finishing steps; `false`
    /// writes nothing. Refuses, writing nothing, when an item was rejected, unless the input
    /// skips them (`Input::skipping_rejected`): then the rest is written and the rejected
    /// ones are counted as skipped.
    pub fn finish(
        self: Box<Self>,
        mut progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        let ReadImport {
            tx,
            writer,
            preview,
            periods,
            events,
            skipping,
            ..
        } = *self;
        if !skipping {
            if let Some(refused) = refusal(preview.rejected.first(), preview.rejected_count, events)
            {
                return Err(refused);
            }
        }
        let period_changes = crate::periods::import(&tx, &periods)?;
        let Some((mut report, _)) = writer.finish(&tx, &mut || progress(events, events))? else {
            return Ok(ImportOutcome::Cancelled { done: events });
        };
        report.periods = period_changes.len();
        if skipping {
            report.skipped = preview.rejected_count;
        }
        tx.commit()?;
        Ok(ImportOutcome::Imported(report))
    }
}

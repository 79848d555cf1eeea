//! Importing events into the store. `preview_import` says what an import would do (new,
//! updated, unchanged, rejected with where and why, likely duplicates); `import` does it in
//! one transaction, all or nothing.
//!
//! An event whose id is stored is merged: the file changes only the fields its format can
//! carry (`Format::coverage`), and an event whose carried fields all match is unchanged, so
//! importing an export back changes nothing. New ids become user events. A row without an id
//! gets one derived from its date and title, so importing the same file again updates
//! instead of duplicating.

use std::collections::HashSet;

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::deferred_indexes;
use crate::error::{Error, Result};
use crate::formats::stream::{Input, Item};
use crate::formats::{Location, Rejected};
use crate::maintained_counts;
use crate::merge::{merge, Coverage, Field};
use crate::model::{Event, Origin, StoredEvent};
use crate::periods::{Period, PeriodChange};
use crate::store::{
    load_event, now, unindex_event, write_event_rows, ActorIds, CountedColumns, EventRows, Store,
};

/// Kept here for callers that knew it as an import limit: `Event::validate` enforces it on
/// every path now.
pub use crate::limits::MAX_FIELD_BYTES;

/// An import that changes more events than this is not kept as an undo step (it would hold
/// every changed event twice in memory); the backup taken before it is the way back.
pub const UNDO_LIMIT: usize = 20_000;

/// At most this many likely duplicates are listed in a preview.
pub(crate) const DUPLICATES_LISTED: usize = 200;

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportPreview {
    /// Events whose id is not in the store.
    pub new: usize,
    /// Events that would change a stored event with the same id.
    pub updated: usize,
    /// Events whose every field the file carries matches the stored event.
    pub unchanged: usize,
    /// Events that cannot be imported, each with where (`events[i]`) and why: the first
    /// `MAX_REJECTIONS_LISTED` of them.
    pub rejected: Vec<Rejected>,
    /// How many events cannot be imported, listed or not.
    pub rejected_count: usize,
    /// What this file can change in a stored event; every other field is kept.
    pub fields: Vec<Field>,
    /// New events that look like events already stored (overlapping dates, similar title).
    pub duplicates: Vec<LikelyDuplicate>,
    /// User periods the file carries (Bilateral JSON only); each is added, or replaces the
    /// stored period with its id.
    pub periods: usize,
}

impl ImportPreview {
    /// Counts a rejected item, and lists it while fewer than `MAX_REJECTIONS_LISTED` are.
    pub(crate) fn reject(&mut self, rejected: Rejected) {
        self.rejected_count += 1;
        if self.rejected.len() < crate::limits::MAX_REJECTIONS_LISTED {
            self.rejected.push(rejected);
        }
    }
}

/// A new event that may already be in the store under another id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LikelyDuplicate {
    pub at: Location,
    pub title: String,
    pub existing_id: String,
    pub existing_title: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// The id of every imported event, in input order.
    pub ids: Vec<String>,
    /// Whether Undo can take the whole import back in one step.
    pub undoable: bool,
    /// User periods added or changed.
    pub periods: usize,
    /// Items left out because they were rejected, when the import was asked to skip them
    /// (`Input::skipping_rejected`).
    pub skipped: usize,
}

/// How an import with progress ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported(ImportReport),
    /// The progress callback asked to stop after `done` events: nothing was written.
    Cancelled {
        done: usize,
    },
}

/// One event an import changed: as it was before (`None` when new) and as it is after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub before: Option<StoredEvent>,
    pub after: StoredEvent,
}

/// What to do with one event.
pub(crate) enum Step {
    Create(Event),
    Update {
        event: Event,
        before: Box<StoredEvent>,
    },
    Keep(String),
}

impl Store {
    /// Says what importing `events` from a lossless format would do, without writing.
    pub fn preview_import(&self, events: &[Event]) -> Result<ImportPreview> {
        self.preview_import_as(events, Coverage::ALL)
    }

    /// Says what importing `events`, carrying only `coverage`, would do, without writing.
    /// Each step is counted and dropped as it is planned: a preview never holds a second copy
    /// of the events.
    pub fn preview_import_as(&self, events: &[Event], coverage: Coverage) -> Result<ImportPreview> {
        let mut preview = ImportPreview {
            fields: coverage.fields(),
            ..ImportPreview::default()
        };
        let (rejected, duplicates) = plan_each(
            self.conn(),
            events.iter().cloned(),
            coverage,
            true,
            |step| match step {
                Step::Create(_) => preview.new += 1,
                Step::Update { .. } => preview.updated += 1,
                Step::Keep(_) => preview.unchanged += 1,
            },
        )?;
        for rejected in rejected {
            preview.reject(rejected);
        }
        preview.duplicates = duplicates;
        Ok(preview)
    }

    /// Imports `events` (from a lossless format) in one transaction. If any event is
    /// rejected, nothing is written and the error names the first one.
    pub fn import(&mut self, events: &[Event]) -> Result<ImportReport> {
        match self.import_with_progress(events, Coverage::ALL, |_, _| true)? {
            ImportOutcome::Imported(report) => Ok(report),
            ImportOutcome::Cancelled { .. } => Err(Error::Cancelled),
        }
    }

    /// `import`, merging only the fields in `coverage`, calling `progress(done, total)` after
    /// each event and again between the steps that finish the import (search index, indexes,
    /// counts); when it returns `false` the transaction is rolled back.
    pub fn import_with_progress(
        &mut self,
        events: &[Event],
        coverage: Coverage,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        Ok(self.import_tracked(events, coverage, progress)?.0)
    }

    /// The import, also answering every event it changed (before and after) when there are
    /// at most `UNDO_LIMIT` of them, so the whole import can be undone in one step.
    pub fn import_tracked(
        &mut self,
        events: &[Event],
        coverage: Coverage,
        mut progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<(ImportOutcome, Vec<Imported>)> {
        let count = events.len();
        // IMMEDIATE: the plan is made and carried out under the write lock, so another
        // writer cannot slip a change in between.
        let tx = self.import_tx()?;
        let mut steps = Vec::with_capacity(count);
        let (rejected, _) = plan_each(&tx, events.iter().cloned(), coverage, false, |step| {
            steps.push(step)
        })?;
        if let Some(refused) = refusal(rejected.first(), rejected.len(), count) {
            return Err(refused);
        }
        let changed = steps.iter().filter(|s| !matches!(s, Step::Keep(_))).count();
        let total = steps.len();
        let mut writer = Writer::new(&tx, changed <= UNDO_LIMIT, changed)?;
        for (done, step) in steps.into_iter().enumerate() {
            writer.apply(&tx, step)?;
            if !progress(done + 1, total) {
                return Ok((ImportOutcome::Cancelled { done: done + 1 }, Vec::new()));
            }
        }
        let Some((report, changes)) = writer.finish(&tx, &mut || progress(total, total))? else {
            return Ok((ImportOutcome::Cancelled { done: total }, Vec::new()));
        };
        tx.commit()?;
        Ok((ImportOutcome::Imported(report), changes))
    }

    /// Says what importing `input` would do, without writing, reading the file as a stream:
    /// the preview and how many items the file holds (events and rejected items). Rejections
    /// name the file's line or item.
    pub fn preview_stream(&self, input: &Input) -> Result<(ImportPreview, usize)> {
        self.preview_stream_watched(input, |_| true)?
            .ok_or(Error::Cancelled)
    }

    /// `preview_stream`, telling `progress` how far it has read: after each item, and for
    /// GDELT files every few thousand lines and after each file; `None` when `progress` said
    /// no (the reading stops there, as the import dialog's Cancel asks).
    pub fn preview_stream_watched(
        &self,
        input: &Input,
        progress: impl FnMut(ReadSoFar) -> bool,
    ) -> Result<Option<(ImportPreview, usize)>> {
        let progress = std::cell::RefCell::new(progress);
        let coverage = input.coverage();
        let mut planner = Planner::new(coverage);
        let mut preview = ImportPreview {
            fields: coverage.fields(),
            ..ImportPreview::default()
        };
        let mut read = 0;
        let conn = self.conn();
        conn.set_prepared_statement_cache_capacity(STATEMENTS);
        // One read transaction for the whole preview: every lookup sees the same store, and
        // none of them pays for opening a read of its own.
        let snapshot = conn.unchecked_transaction()?;
        let listing = input.format().lists_likely_duplicates();
        let cancelled = std::cell::Cell::new(false);
        let mut lines = |lines, files_done| {
            let on = (progress.borrow_mut())(ReadSoFar::Lines { lines, files_done });
            cancelled.set(!on);
            on
        };
        let sink = &mut |item| {
            // Periods are counted apart: `read` is the events' progress total.
            read += usize::from(!matches!(item, Checked::Period(_)));
            if !(progress.borrow_mut())(ReadSoFar::Items(read)) {
                cancelled.set(true);
                return Err(Error::Cancelled);
            }
            match item {
                Checked::Rejected(rejected) => preview.reject(rejected),
                Checked::Period(_) => preview.periods += 1,
                Checked::Event(ready) => {
                    let alike = |e: &Event| {
                        if listing {
                            likely_duplicate(conn, e)
                        } else {
                            Ok(None)
                        }
                    };
                    match planner.step(conn, alike, ready)? {
                        Err(rejected) => preview.reject(rejected),
                        Ok(Step::Create(_)) => preview.new += 1,
                        Ok(Step::Update { .. }) => preview.updated += 1,
                        Ok(Step::Keep(_)) => preview.unchanged += 1,
                    }
                }
            }
            Ok(())
        };
        let result = input.each_watched(&check, sink, &mut lines);
        snapshot.rollback()?;
        match result {
            Err(Error::Cancelled) if cancelled.get() => return Ok(None),
            other => other?,
        }
        preview.duplicates = planner.duplicates;
        Ok(Some((preview, read)))
    }

    /// Imports `input` in one transaction, reading it as a stream: each event is planned and
    /// written as it is read, and the search index is filled in bulk before the commit. The
    /// first rejected item stops the import, naming its line or item and field, and nothing is
    /// written. `progress(done, total)` is called after each event, `total` being what the
    /// caller expects (the preview's count), and again between the steps that finish the
    /// import once every event is written; when it returns `false` nothing is written.
    /// Not an undo step beyond `UNDO_LIMIT` changed events (the backup is the way back).
    pub fn import_stream(
        &mut self,
        input: &Input,
        total: usize,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<ImportOutcome> {
        Ok(self.import_stream_tracked(input, total, progress)?.0)
    }

    /// `import_stream`, also answering every event it changed (before and after) when there
    /// are at most `UNDO_LIMIT` of them, so the whole import can be undone in one step, and
    /// every user period it changed. Periods are written after the events, in the same
    /// transaction: a bad period (named by its index and field) stops the whole import.
    pub fn import_stream_tracked(
        &mut self,
        input: &Input,
        total: usize,
        progress: impl FnMut(usize, usize) -> bool,
    ) -> Result<(ImportOutcome, Vec<Imported>, Vec<PeriodChange>)> {
        let tx = self.import_tx()?;
        tx.set_prepared_statement_cache_capacity(STATEMENTS);
        let mut planner = Planner::new(input.coverage());
        let mut writer = Writer::new(&tx, true, total)?;
        let done = std::cell::Cell::new(0);
        let mut read = 0;
        let cancelled = std::cell::Cell::new(false);
        let mut periods = Vec::new();
        let skipping = input.skips_rejected();
        let mut skipped = 0;
        let progress = std::cell::RefCell::new(progress);
        let go_on = |done: usize| {
            let on = (progress.borrow_mut())(done, total.max(done));
            cancelled.set(!on);
            on
        };
        // GDELT rows between other actors give no event: between events, a Cancel is heard
        // every few thousand lines.
        let mut lines = |_, _| go_on(done.get());
        let result = input.each_watched(
            &check,
            &mut |item| {
                read += 1;
                let step = match item {
                    Checked::Period(period) => {
                        periods.push(period);
                        return Ok(());
                    }
                    Checked::Rejected(rejected) => Err(rejected),
                    Checked::Event(ready) => planner.step(&tx, |_| Ok(None), ready)?,
                };
                let step = match step {
                    Ok(step) => step,
                    // Counted in the progress as the preview counted it, so the bar reaches
                    // its end (and says the import is finishing) with rows left out.
                    Err(_) if skipping => {
                        skipped += 1;
                        done.set(done.get() + 1);
                        return if go_on(done.get()) {
                            Ok(())
                        } else {
                            Err(Error::Cancelled)
                        };
                    }
                    Err(rejected) => return Err(rejection(&rejected)),
                };
                writer.apply(&tx, step)?;
                if writer.changed > UNDO_LIMIT {
                    writer.stop_tracking();
                }
                done.set(done.get() + 1);
                if !go_on(done.get()) {
                    return Err(Error::Cancelled);
                }
                Ok(())
            },
            &mut lines,
        );
        let done = done.get();
        let mut progress = progress.into_inner();
        match result {
            Err(Error::Cancelled) if cancelled.get() => {
                return Ok((ImportOutcome::Cancelled { done }, Vec::new(), Vec::new()))
            }
            Err(Error::Invalid { field, message }) => {
                return Err(Error::invalid(
                    field,
                    format!("{message}; nothing was imported ({read} items read)"),
                ))
            }
            other => other?,
        }
        let period_changes = crate::periods::import(&tx, &periods)?;
        let finished = writer.finish(&tx, &mut || progress(done, total.max(done)))?;
        let Some((mut report, changes)) = finished else {
            return Ok((ImportOutcome::Cancelled { done }, Vec::new(), Vec::new()));
        };
        report.periods = period_changes.len();
        report.skipped = skipped;
        tx.commit()?;
        Ok((ImportOutcome::Imported(report), changes, period_changes))
    }
}

/// How far the reading of an import's preview has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadSoFar {
    /// Items read (events and rejected items).
    Items(usize),
    /// Lines of GDELT files read, and files done: most lines give no item.
    Lines { lines: usize, files_done: usize },
}

/// Statements an import keeps prepared: its writes, reads and the duplicate check.
pub(crate) const STATEMENTS: usize = 48;

/// A rejection as the error that stops an import: the field names where (`line 7 kind`,
/// `events[3].start`).
fn rejection(first: &Rejected) -> Error {
    Error::invalid(rejected_field(first), first.message.clone())
}

/// Why an import with `rejected` items among its `total` writes nothing: the first, and how
/// many there are. `None` when none is rejected.
pub(crate) fn refusal(first: Option<&Rejected>, rejected: usize, total: usize) -> Option<Error> {
    let first = first?;
    Some(Error::invalid(
        rejected_field(first),
        format!(
            "{} ({} of {total} events rejected; nothing was imported)",
            first.message, rejected,
        ),
    ))
}

fn rejected_field(first: &Rejected) -> String {
    match first.at {
        Location::Item(_) => format!("{}.{}", first.at, first.field),
        Location::Line(_) => format!("{} {}", first.at, first.field),
    }
}

/// Carries out the steps of an import inside its transaction. Rows are written with cached
/// statements; each written event gets a fresh search row, and its text goes to the
/// full-text index in batches of rising row ids (`search_index::Batch`), the last one written
/// by `finish`, so the index is complete when the import commits.
pub(crate) struct Writer {
    stamp: String,
    /// The text of the events written, not yet in the full-text index.
    batch: crate::search_index::Batch,
    search_rows: crate::search_key::ImportRows,
    track: bool,
    changed: usize,
    report: ImportReport,
    befores: Vec<(String, Option<StoredEvent>)>,
    actor_ids: ActorIds,
    /// Events the store held when the import began, and how many the import expects to
    /// bring (0 when its caller cannot tell): together they decide when it writes in bulk.
    pub(crate) stored: usize,
    expected: usize,
    /// Steps applied so far, kept or written.
    applied: usize,
    /// The count triggers, while a large import has them suspended.
    suspended: Option<crate::schema_objects::Dropped>,
    /// What the events written since then add to the counts; `None` once one was changed
    /// rather than added, which the counts are then rebuilt for.
    tally: Option<crate::import_tally::Tally>,
    /// The indexes a large import builds after its rows instead of row by row.
    deferred: Option<crate::schema_objects::Dropped>,
}

impl Writer {
    /// A writer for an import expected to bring `expected` events (0 when unknown).
    pub(crate) fn new(tx: &Transaction<'_>, track: bool, expected: usize) -> Result<Self> {
        let mut writer = Self {
            stamp: now(),
            batch: crate::search_index::Batch::new(),
            search_rows: crate::search_key::ImportRows::default(),
            track,
            changed: 0,
            report: ImportReport {
                undoable: track,
                ..ImportReport::default()
            },
            befores: Vec::new(),
            actor_ids: ActorIds::new(),
            stored: maintained_counts::stored_events(tx)?,
            expected,
            applied: 0,
            suspended: None,
            tally: None,
            deferred: None,
        };
        writer.write_in_bulk_if_worth(tx)?;
        Ok(writer)
    }

    /// Suspends the count triggers and drops the deferred indexes once the import is known
    /// to be large enough for each: from the start when its caller said how many events it
    /// brings, otherwise as soon as it has brought that many. Either is rebuilt from every
    /// row at the end, so rows written before the switch are counted and indexed the same.
    fn write_in_bulk_if_worth(&mut self, tx: &Transaction<'_>) -> Result<()> {
        let incoming = self.expected.max(self.applied);
        if self.suspended.is_none() && maintained_counts::worth_suspending(incoming, self.stored) {
            self.suspended = Some(maintained_counts::suspend(tx)?);
            self.tally = Some(crate::import_tally::Tally::default());
        }
        if self.deferred.is_none() && deferred_indexes::worth_deferring(incoming, self.stored) {
            self.deferred = Some(deferred_indexes::defer(tx)?);
            crate::search_index::hold_for_bulk(tx, true)?;
        }
        Ok(())
    }

    fn stop_tracking(&mut self) {
        if self.track {
            self.track = false;
            self.report.undoable = false;
            self.befores = Vec::new();
        }
    }

    pub(crate) fn apply(&mut self, tx: &Transaction<'_>, step: Step) -> Result<()> {
        self.applied += 1;
        if self.applied > self.expected && (self.suspended.is_none() || self.deferred.is_none()) {
            self.write_in_bulk_if_worth(tx)?;
        }
        match step {
            Step::Create(event) => {
                let rows = EventRows {
                    origin: Origin::User,
                    edited: false,
                    created_at: &self.stamp,
                    updated_at: &self.stamp,
                    fresh: true,
                };
                let counted = write_event_rows(tx, &event, &rows, &mut self.actor_ids)?;
                if let Some(tally) = &mut self.tally {
                    tally.add(&event, &counted, &self.actor_ids);
                }
                self.search_row(tx, &event, &counted, true)?;
                self.report.created += 1;
                self.changed += 1;
                if self.track {
                    self.befores.push((event.id.clone(), None));
                }
                self.report.ids.push(event.id);
            }
            Step::Update { event, before } => {
                let rows = EventRows {
                    origin: before.origin,
                    edited: before.origin == Origin::Dataset,
                    created_at: &before.created_at,
                    updated_at: &self.stamp,
                    fresh: false,
                };
                let counted = write_event_rows(tx, &event, &rows, &mut self.actor_ids)?;
                self.tally = None;
                self.search_row(tx, &event, &counted, false)?;
                self.report.updated += 1;
                self.changed += 1;
                self.report.ids.push(event.id.clone());
                if self.track {
                    self.befores.push((event.id, Some(*before)));
                }
            }
            Step::Keep(id) => {
                self.report.unchanged += 1;
                self.report.ids.push(id);
            }
        }
        Ok(())
    }

    /// Replaces the event's search row by a new one (keyed for its significance and date
    /// now), whose text goes to the index with its batch. A `fresh` event (new to the store)
    /// has no row to remove.
    fn search_row(
        &mut self,
        tx: &Transaction<'_>,
        event: &Event,
        counted: &CountedColumns,
        fresh: bool,
    ) -> Result<()> {
        if !fresh {
            unindex_event(tx, &event.id)?;
        }
        let significance = counted.origin.significance(event.kind);
        let row = self
            .search_rows
            .insert(tx, &event.id, significance, counted.first_day)?;
        self.batch.add(tx, row, event, &self.actor_ids)
    }

    /// Completes the import before the commit: the last batch of search text, the deferred
    /// indexes (at a million events, a sixth of the import), the text of events whose actor
    /// gained a Chinese name or pinyin after they were indexed, and the counts. `keep_going`
    /// is asked between these steps (a cancel there still writes nothing); `None` when it
    /// said no.
    pub(crate) fn finish(
        mut self,
        tx: &Transaction<'_>,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> Result<Option<(ImportReport, Vec<Imported>)>> {
        self.batch.write(tx)?;
        if let Some(deferred) = self.deferred {
            crate::search_index::hold_for_bulk(tx, false)?;
            if !keep_going() {
                return Ok(None);
            }
            deferred_indexes::build(tx, deferred)?;
        }
        // After the indexes: an actor's events are found through its index.
        crate::search_index::refill_actors(tx, &self.actor_ids.take_changed())?;
        if let Some(suspended) = self.suspended {
            if !keep_going() {
                return Ok(None);
            }
            maintained_counts::resume(tx, suspended, self.tally)?;
        }
        if !keep_going() {
            return Ok(None);
        }
        let mut changes = Vec::with_capacity(self.befores.len());
        for (id, before) in self.befores {
            let after = load_event(tx, &id)?.ok_or_else(|| Error::NotFound { id })?;
            changes.push(Imported { before, after });
        }
        Ok(Some((self.report, changes)))
    }
}

/// The id of an event that came without one: the same date and title always give the same
/// id, so a re-import finds what the first import created.
pub fn content_id(event: &Event) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6c1f_3a0e_8d4b_4f7e_9a21_5b0c_d7e2_f419);
    let title: Vec<String> = event
        .title
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let key = format!("{}|{}", event.start, title.join(" "));
    uuid::Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

/// Checks every event of `events` in order and decides what to do with it, handing each step
/// to `on_step` as it is made; rejected events get no step. Answers the rejected events
/// (`events[i]`) and the likely duplicates (when `find_duplicates`).
fn plan_each(
    conn: &Connection,
    events: impl Iterator<Item = Event>,
    coverage: Coverage,
    find_duplicates: bool,
    mut on_step: impl FnMut(Step),
) -> Result<(Vec<Rejected>, Vec<LikelyDuplicate>)> {
    let mut planner = Planner::new(coverage);
    let mut rejected = Vec::new();
    for (i, event) in events.enumerate() {
        let step = match check_event(event, Location::Item(i)) {
            Ok(ready) => planner.step(
                conn,
                |e| {
                    if find_duplicates {
                        likely_duplicate(conn, e)
                    } else {
                        Ok(None)
                    }
                },
                ready,
            )?,
            Err(r) => Err(r),
        };
        match step {
            Ok(step) => on_step(step),
            Err(r) => rejected.push(r),
        }
    }
    Ok((rejected, planner.duplicates))
}

/// An event as `check_event` leaves it for the planner: its id (derived from its date and
/// title when it came without one: `derived`), checked and normalised.
pub(crate) struct Ready {
    pub(crate) event: Event,
    at: Location,
    derived: bool,
}

/// An item of a file as `check` leaves it for the planner.
pub(crate) enum Checked {
    Event(Ready),
    Rejected(Rejected),
    Period(Period),
}

/// What can be worked out for an item without the store. Reading a file runs this on the
/// reading thread, so the thread that holds the store only looks each event up and writes it.
pub(crate) fn check(item: Item) -> Checked {
    match item {
        Item::Rejected(rejected) => Checked::Rejected(rejected),
        Item::Period(period, _) => Checked::Period(period),
        Item::Event(event, at) => match check_event(event, at) {
            Ok(ready) => Checked::Event(ready),
            Err(rejected) => Checked::Rejected(rejected),
        },
    }
}

/// An event's id when it has none, whether it is valid, its normalised form.
fn check_event(mut event: Event, at: Location) -> std::result::Result<Ready, Rejected> {
    let derived = event.id.trim().is_empty();
    if derived {
        event.id = content_id(&event);
    }
    match event.validate() {
        Err(e) => Err(Rejected::from_error(at, e)),
        Ok(()) => Ok(Ready {
            event: event.normalized(),
            at,
            derived,
        }),
    }
}

/// Decides, one event at a time, what an import does with each: the one plan that the
/// preview reports and the import carries out. It keeps only the ids seen (to refuse an id
/// twice in one file) and the duplicates listed, never the events.
pub(crate) struct Planner {
    coverage: Coverage,
    seen: HashSet<String>,
    pub(crate) duplicates: Vec<LikelyDuplicate>,
}

impl Planner {
    pub(crate) fn new(coverage: Coverage) -> Self {
        Self {
            coverage,
            seen: HashSet::new(),
            duplicates: Vec::new(),
        }
    }

    /// The step for an event `check_event` made ready, or why it is rejected. A new event is
    /// given to `duplicate_of` (while the list is not full), for the preview's list of likely
    /// duplicates: the stored event it may be (id and title).
    pub(crate) fn step(
        &mut self,
        conn: &Connection,
        duplicate_of: impl FnOnce(&Event) -> Result<Option<(String, String)>>,
        ready: Ready,
    ) -> Result<std::result::Result<Step, Rejected>> {
        let Ready { event, at, derived } = ready;
        if !self.seen.insert(event.id.clone()) {
            let message = if derived {
                "an event with the same date and title appears earlier in the same import"
                    .to_owned()
            } else {
                format!(
                    "id {} appears earlier in the same import",
                    crate::limits::excerpt(&event.id)
                )
            };
            return Ok(Err(Rejected::new(at, "id", message)));
        }
        let Some(stored) = load_event(conn, &event.id)? else {
            if self.duplicates.len() < DUPLICATES_LISTED {
                if let Some((id, title)) = duplicate_of(&event)? {
                    self.duplicates.push(LikelyDuplicate {
                        at,
                        title: event.title.clone(),
                        existing_id: id,
                        existing_title: title,
                    });
                }
            }
            return Ok(Ok(Step::Create(event)));
        };
        // Normalising is field by field, so merging the normalised event gives what merging
        // the event as read and normalising the result would.
        let merged = merge(&stored.event, &event, self.coverage).normalized();
        if let Err(e) = merged.validate() {
            return Ok(Err(Rejected::from_error(at, e)));
        }
        Ok(Ok(if stored.event == merged {
            Step::Keep(event.id)
        } else {
            Step::Update {
                event: merged,
                before: Box::new(stored),
            }
        }))
    }
}

/// A stored event whose dates overlap `event`'s and whose title shares most of its words:
/// probably the same happening, stored under another id. The most alike comes first.
pub(crate) fn likely_duplicate(
    conn: &Connection,
    event: &Event,
) -> Result<Option<(String, String)>> {
    crate::duplicates::similar_title(conn, event)
}

//! The facets of any filter on an event's own fields (kinds, sides, origins, verification,
//! actors, tags and dates) from a compact copy of those fields held in memory.
//!
//! At a million events a filter naming an actor or a date matches tens of thousands of events,
//! and counting their actors and tags in SQLite joins each of them: 0.6 to 1 s. The copy
//! answers the same filter in one pass over flat arrays, whatever the filter. It holds about
//! 56 bytes an event with its row id (56 MB at a million).
//!
//! The copy is brought up to date when the data moved (`stamped_copy.rs`): from the log of
//! changed events (migrations 0017, 0019) when it holds every change since the copy was read, by
//! reading only those events, else by reading every event again.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::model::{Kind, Origin, Side};
use crate::search::{count, ActorCount, CellTotals, Facets, TagCount};
use crate::stamped_copy::Copied;
use crate::store::day_number;
use crate::verification::Verification;

/// An event's fields that a filter tests, each enumeration as its place in its `ALL`: 12
/// bytes, a million of them read in each pass.
#[derive(Clone)]
struct Row {
    first_day: i32,
    last_day: i32,
    kind: u8,
    origin: u8,
    verification: u8,
    /// The sides of the event's actors, as `facet_cube::side_mask` sets them, and `DELETED`.
    sides: u8,
}

/// Set in `Row::sides` once the event is deleted: a patched copy keeps its place, never
/// matching. Side masks use the bits below it.
const DELETED: u8 = 0x80;
const _: () = assert!(1 << Side::ALL.len() <= DELETED as usize);

/// Lists of small numbers, one list per event: event `i`'s list is `codes[spans[i]]`. A
/// patched event's new list is appended to `codes`, its old one left unreferenced.
#[derive(Clone)]
struct Lists {
    spans: Vec<(u32, u32)>,
    codes: Vec<u32>,
}

impl Lists {
    /// The lists of `events` events from (event, code) pairs in any order.
    fn from_pairs(events: usize, pairs: &[(u32, u32)]) -> Result<Self> {
        // Checked first: the offsets below are u32.
        if u32::try_from(pairs.len()).is_err() {
            return Err(too_many());
        }
        let mut start = vec![0_u32; events + 1];
        for (event, _) in pairs {
            start[*event as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut codes = vec![0_u32; pairs.len()];
        for (event, code) in pairs {
            let slot = &mut next[*event as usize];
            codes[*slot as usize] = *code;
            *slot += 1;
        }
        let spans = start.windows(2).map(|w| (w[0], w[1])).collect();
        Ok(Self { spans, codes })
    }

    fn of(&self, event: usize) -> &[u32] {
        let (from, to) = self.spans[event];
        &self.codes[from as usize..to as usize]
    }

    /// Makes `codes` event `event`'s list (`event` may be the next one, a new event).
    fn set(&mut self, event: usize, codes: &[u32]) -> Result<()> {
        let from = u32::try_from(self.codes.len()).map_err(|_| too_many())?;
        let to = u32::try_from(self.codes.len() + codes.len()).map_err(|_| too_many())?;
        self.codes.extend_from_slice(codes);
        if event == self.spans.len() {
            self.spans.push((from, to));
        } else {
            self.spans[event] = (from, to);
        }
        Ok(())
    }
}

fn too_many() -> Error {
    Error::Corrupt("too many actor or tag rows to count".into())
}

/// The copy of every event's filtered fields.
#[derive(Clone)]
pub(crate) struct FacetIndex {
    rows: Vec<Row>,
    /// Each event's row id, in the order of `rows` (ascending).
    rowids: Vec<i64>,
    actors_of: Lists,
    tags_of: Lists,
    /// Each actor code's name and side.
    actors: Vec<(String, Side)>,
    /// The code of each actor id.
    actor_code: HashMap<i64, u32>,
    /// Each tag code's text.
    tags: Vec<String>,
    tag_code: HashMap<String, u32>,
    /// Where the log of changed events stood when the copy was last brought up to date.
    logged: Logged,
}

/// A place in the log of changed events (migrations 0017, 0019).
#[derive(Clone, PartialEq, Eq)]
struct Logged {
    /// The log's lineage: a restored backup starts another.
    epoch: String,
    /// The last change read.
    seq: i64,
}

impl Logged {
    fn of(conn: &Connection) -> Result<Self> {
        Ok(Self {
            epoch: conn
                .query_row("SELECT value FROM meta WHERE key = 'copy_epoch'", [], |r| {
                    r.get(0)
                })
                .optional()?
                .unwrap_or_default(),
            seq: conn.query_row("SELECT coalesce(max(seq), 0) FROM copy_log", [], |r| {
                r.get(0)
            })?,
        })
    }
}

/// Asks every copy to read whole when next used: for a write that changed more events than a
/// patch would read (a large import), in place of a log row per event.
pub(crate) fn read_whole_next(tx: &Connection) -> Result<()> {
    tx.execute("INSERT INTO copy_log (event_rowid) VALUES (0)", [])?;
    Ok(())
}

/// Starts a new lineage of the log: a copy read before (a restored backup replaced the data)
/// reads whole when next used.
pub(crate) fn new_epoch(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('copy_epoch', lower(hex(randomblob(8))))
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [],
    )?;
    Ok(())
}

/// A patch reads each changed event by itself; beyond this many (or a twentieth of the
/// events), reading every event in order costs less.
const PATCH_MOST: usize = 5_000;

fn place<T: PartialEq>(all: &[T], value: &T) -> u8 {
    // `ALL` lists every variant, and none has more than 32.
    all.iter()
        .position(|v| v == value)
        .and_then(|p| u8::try_from(p).ok())
        .unwrap_or(u8::MAX)
}

fn parsed<T>(value: Option<T>, what: &str, text: &str) -> Result<T> {
    value.ok_or_else(|| Error::Corrupt(format!("unknown {what} {text:?}")))
}

fn text<'r>(row: &'r rusqlite::Row<'_>, column: usize) -> Result<&'r str> {
    match row.get_ref(column)? {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes)
            .map_err(|_| Error::Corrupt(format!("column {column} is not UTF-8 text"))),
        _ => Err(Error::Corrupt(format!("column {column} is not text"))),
    }
}

/// A day number outside the copy's range, brought to its nearest end: a bound beyond every
/// stored day compares as it would.
fn clamp_day(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
}

/// The event id in column 0, as bytes.
fn id_bytes<'r>(row: &'r rusqlite::Row<'_>) -> Result<&'r [u8]> {
    match row.get_ref(0)? {
        rusqlite::types::ValueRef::Text(bytes) => Ok(bytes),
        _ => Err(Error::Corrupt("an event id is not text".into())),
    }
}

fn day(n: i64) -> Result<i32> {
    i32::try_from(n).map_err(|_| Error::Corrupt(format!("day number {n} out of range")))
}

/// The rows of an (event id, code) query read in event id order, paired with the places of
/// their events as a walk of the events' ids in the same order reaches each: both walks read
/// an index from end to end, where looking each event up would seek once a row.
struct Beside<'s, F> {
    rows: rusqlite::Rows<'s>,
    /// The event id and code of the row read last; `None` once the rows end.
    current: Option<(Vec<u8>, u32)>,
    code: F,
    pairs: Vec<(u32, u32)>,
}

impl<'s, F: FnMut(&rusqlite::Row<'_>) -> Result<u32>> Beside<'s, F> {
    fn new(rows: rusqlite::Rows<'s>, code: F) -> Result<Self> {
        let mut beside = Self {
            rows,
            current: None,
            code,
            pairs: Vec::new(),
        };
        beside.advance()?;
        Ok(beside)
    }

    fn advance(&mut self) -> Result<()> {
        let mut id = self.current.take().map(|(id, _)| id).unwrap_or_default();
        if let Some(row) = self.rows.next()? {
            // Compared as bytes, as SQLite's binary collation orders them: no UTF-8 check.
            id.clear();
            id.extend_from_slice(id_bytes(row)?);
            self.current = Some((id, (self.code)(row)?));
        }
        Ok(())
    }
}

/// One walk beside the events' ids.
trait Pairing {
    /// Pairs the rows of event `id` with its `place`, passing rows of events before it.
    fn pair(&mut self, id: &[u8], place: Option<u32>) -> Result<()>;
}

impl<F: FnMut(&rusqlite::Row<'_>) -> Result<u32>> Pairing for Beside<'_, F> {
    fn pair(&mut self, id: &[u8], place: Option<u32>) -> Result<()> {
        while let Some((event, code)) = &self.current {
            match event.as_slice().cmp(id) {
                std::cmp::Ordering::Greater => return Ok(()),
                std::cmp::Ordering::Equal => {
                    let place = place.ok_or_else(|| {
                        Error::Corrupt(format!(
                            "event {:?} was not read",
                            String::from_utf8_lossy(id)
                        ))
                    })?;
                    self.pairs.push((place, *code));
                }
                std::cmp::Ordering::Less => {}
            }
            self.advance()?;
        }
        Ok(())
    }
}

/// Walks the events' ids once, in id order, with every walk in `beside` keeping pace: one
/// read of the ids for all of them. An event's place is where its row id is in `rowids`.
fn walk_ids(conn: &Connection, rowids: &[i64], beside: &mut [&mut dyn Pairing]) -> Result<()> {
    let mut ids = conn.prepare("SELECT id, rowid FROM events ORDER BY id")?;
    let mut ids = ids.query([])?;
    while let Some(row) = ids.next()? {
        let rowid: i64 = row.get(1)?;
        let place = rowids
            .binary_search(&rowid)
            .ok()
            .and_then(|p| u32::try_from(p).ok());
        let id = id_bytes(row)?;
        for walk in beside.iter_mut() {
            walk.pair(id, place)?;
        }
    }
    Ok(())
}

/// An event's filtered fields from columns `from..from + 6` of `row`: kind, origin,
/// verification, side mask, first and last day.
fn row_at(row: &rusqlite::Row<'_>, from: usize) -> Result<Row> {
    let (kind, origin, state) = (text(row, from)?, text(row, from + 1)?, text(row, from + 2)?);
    let sides: i64 = row.get(from + 3)?;
    Ok(Row {
        first_day: day(row.get(from + 4)?)?,
        last_day: day(row.get(from + 5)?)?,
        kind: place(&Kind::ALL, &parsed(Kind::parse(kind), "kind", kind)?),
        origin: place(
            &Origin::ALL,
            &parsed(Origin::parse(origin), "origin", origin)?,
        ),
        verification: place(
            &Verification::ALL,
            &parsed(Verification::parse(state), "verification", state)?,
        ),
        sides: u8::try_from(sides)
            .ok()
            .filter(|s| *s < 1 << Side::ALL.len())
            .ok_or_else(|| Error::Corrupt(format!("side mask {sides} out of range")))?,
    })
}

const ROW_COLUMNS: &str = "kind, origin, verification, side_mask, first_day, last_day";

/// Reads every actor into `actors`, keeping each known actor's code (a renamed actor keeps
/// its place) and giving each new one the next.
fn read_actors(
    conn: &Connection,
    actors: &mut Vec<(String, Side)>,
    actor_code: &mut HashMap<i64, u32>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id, name, side FROM actors")?;
    let mut found = stmt.query([])?;
    while let Some(row) = found.next()? {
        let side = text(row, 2)?;
        let actor = (row.get(1)?, parsed(Side::parse(side), "side", side)?);
        let id: i64 = row.get(0)?;
        match actor_code.get(&id) {
            Some(code) => actors[*code as usize] = actor,
            None => {
                actor_code.insert(id, u32::try_from(actors.len()).map_err(|_| too_many())?);
                actors.push(actor);
            }
        }
    }
    Ok(())
}

/// The code of `tag`, a new one when it is new.
fn tag_code(tags: &mut Vec<String>, codes: &mut HashMap<String, u32>, tag: &str) -> Result<u32> {
    if let Some(code) = codes.get(tag) {
        return Ok(*code);
    }
    let code = u32::try_from(tags.len()).map_err(|_| too_many())?;
    tags.push(tag.to_owned());
    codes.insert(tag.to_owned(), code);
    Ok(code)
}

fn actor_of(actor_code: &HashMap<i64, u32>, id: i64) -> Result<u32> {
    actor_code
        .get(&id)
        .copied()
        .ok_or_else(|| Error::Corrupt(format!("actor {id} is not in the actors")))
}

impl Copied for FacetIndex {
    fn read(conn: &Connection) -> Result<Self> {
        let logged = Logged::of(conn)?;
        let mut actors = Vec::new();
        let mut actor_code = HashMap::new();
        read_actors(conn, &mut actors, &mut actor_code)?;

        // Read from the index holding just these fields (migration 0018), in its order, then
        // put in row id order here.
        let mut read = Vec::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, {ROW_COLUMNS} FROM events INDEXED BY events_filter_fields"
        ))?;
        let mut found = stmt.query([])?;
        while let Some(row) = found.next()? {
            read.push((row.get::<_, i64>(0)?, row_at(row, 1)?));
        }
        read.sort_unstable_by_key(|(rowid, _)| *rowid);
        let (rowids, rows): (Vec<i64>, Vec<Row>) = read.into_iter().unzip();

        let mut tags = Vec::new();
        let mut codes = HashMap::new();
        let mut actor_rows =
            conn.prepare("SELECT event_id, actor_id FROM event_actors ORDER BY event_id")?;
        let mut tag_rows =
            conn.prepare("SELECT event_id, tag FROM event_tags ORDER BY event_id")?;
        let mut actor_pairs = Beside::new(actor_rows.query([])?, |row| {
            actor_of(&actor_code, row.get(1)?)
        })?;
        let mut tag_pairs = Beside::new(tag_rows.query([])?, |row| {
            tag_code(&mut tags, &mut codes, text(row, 1)?)
        })?;
        walk_ids(conn, &rowids, &mut [&mut actor_pairs, &mut tag_pairs])?;
        let actors_of = Lists::from_pairs(rows.len(), &actor_pairs.pairs)?;
        drop(actor_pairs);
        let tags_of = Lists::from_pairs(rows.len(), &tag_pairs.pairs)?;
        drop(tag_pairs);
        Ok(Self {
            rows,
            rowids,
            actors_of,
            tags_of,
            actors,
            actor_code,
            tags,
            tag_code: codes,
            logged,
        })
    }

    /// Reads the events the log names since the copy was brought up to date, when it still
    /// holds all of them, they are few, and none asks for a whole read; the actors are read
    /// again whatever changed (a rename moves no event).
    fn patch(&mut self, conn: &Connection) -> Result<bool> {
        let now = Logged::of(conn)?;
        if now.epoch != self.logged.epoch || now.seq < self.logged.seq {
            return Ok(false);
        }
        read_actors(conn, &mut self.actors, &mut self.actor_code)?;
        if now.seq > self.logged.seq {
            let kept_from: Option<i64> =
                conn.query_row("SELECT min(seq) FROM copy_log", [], |r| r.get(0))?;
            if kept_from.is_none_or(|first| first > self.logged.seq + 1) {
                return Ok(false);
            }
            let changed: Vec<i64> = conn
                .prepare_cached("SELECT DISTINCT event_rowid FROM copy_log WHERE seq > ?1")?
                .query_map([self.logged.seq], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if changed.contains(&0)
                || changed.len() > PATCH_MOST
                || changed.len() * 20 > self.rows.len().max(20)
            {
                return Ok(false);
            }
            let mut sorted = changed;
            // New events come last in row id order, so each is appended after the others.
            sorted.sort_unstable();
            for rowid in sorted {
                if !self.patch_event(conn, rowid)? {
                    return Ok(false);
                }
            }
        }
        self.logged = now;
        Ok(true)
    }
}

impl FacetIndex {
    /// Reads the event of row id `rowid` into its place (or marks it deleted); false when a
    /// new event falls between stored ones, which a patch cannot place.
    fn patch_event(&mut self, conn: &Connection, rowid: i64) -> Result<bool> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, {ROW_COLUMNS} FROM events WHERE rowid = ?1"
        ))?;
        let mut found = stmt.query([rowid])?;
        let place = self.rowids.binary_search(&rowid);
        let Some(event) = found.next()? else {
            if let Ok(i) = place {
                self.rows[i].sides |= DELETED;
                self.actors_of.set(i, &[])?;
                self.tags_of.set(i, &[])?;
            }
            return Ok(true);
        };
        let i = match place {
            Ok(i) => i,
            Err(end) if end == self.rows.len() => end,
            Err(_) => return Ok(false),
        };
        let row = row_at(event, 1)?;
        let id = text(event, 0)?.to_owned();
        let actors: Vec<u32> = conn
            .prepare_cached("SELECT actor_id FROM event_actors WHERE event_id = ?1")?
            .query_map([&id], |r| r.get::<_, i64>(0))?
            .map(|actor| actor_of(&self.actor_code, actor?))
            .collect::<Result<_>>()?;
        let mut tags = Vec::new();
        let mut stmt = conn.prepare_cached("SELECT tag FROM event_tags WHERE event_id = ?1")?;
        let mut found = stmt.query([&id])?;
        while let Some(tag) = found.next()? {
            tags.push(tag_code(&mut self.tags, &mut self.tag_code, text(tag, 0)?)?);
        }
        if i == self.rows.len() {
            self.rows.push(row);
            self.rowids.push(rowid);
        } else {
            self.rows[i] = row;
        }
        self.actors_of.set(i, &actors)?;
        self.tags_of.set(i, &tags)?;
        Ok(true)
    }
}

/// An event matching a filter within a window, as a window chooses among them.
pub(crate) struct Overlap {
    pub(crate) rowid: i64,
    pub(crate) first_day: i64,
    pub(crate) last_day: i64,
    pub(crate) significance: i64,
}

impl FacetIndex {
    /// The events `filter` (without a thread) matches that overlap [lo, hi], in row id order.
    pub(crate) fn overlapping<'a>(
        &'a self,
        filter: &Filter,
        lo: i64,
        hi: i64,
    ) -> impl Iterator<Item = Overlap> + 'a {
        let wanted = Wanted::of(self, filter);
        let (lo, hi) = (clamp_day(lo), clamp_day(hi));
        self.rows
            .iter()
            .enumerate()
            .filter(move |(i, row)| {
                row.first_day <= hi && row.last_day >= lo && wanted.matches(self, *i, row)
            })
            .map(|(i, row)| Overlap {
                rowid: self.rowids[i],
                first_day: i64::from(row.first_day),
                last_day: i64::from(row.last_day),
                significance: Origin::ALL[usize::from(row.origin)]
                    .significance(Kind::ALL[usize::from(row.kind)]),
            })
    }

    /// The facets of the events `filter` matches; `filter.thread` must be unset (a thread is
    /// reached through links, which the copy does not hold).
    pub(crate) fn facets(&self, filter: &Filter) -> Result<Facets> {
        let wanted = Wanted::of(self, filter);
        const CELLS: usize = Kind::ALL.len() * Verification::ALL.len() * 32;
        let mut cells = vec![0_i64; CELLS];
        let mut per_actor = vec![0_i64; self.actors.len()];
        let mut per_tag = vec![0_i64; self.tags.len()];
        for (i, row) in self.rows.iter().enumerate() {
            if !wanted.matches(self, i, row) {
                continue;
            }
            let cell = (usize::from(row.kind) * Verification::ALL.len()
                + usize::from(row.verification))
                * 32
                + usize::from(row.sides);
            cells[cell] += 1;
            for code in self.actors_of.of(i) {
                per_actor[*code as usize] += 1;
            }
            for code in self.tags_of.of(i) {
                per_tag[*code as usize] += 1;
            }
        }

        let mut totals = CellTotals::default();
        for (cell, n) in cells.into_iter().enumerate().filter(|(_, n)| *n > 0) {
            let sides = cell % 32;
            let state = Verification::ALL[(cell / 32) % Verification::ALL.len()];
            let kind = Kind::ALL[cell / 32 / Verification::ALL.len()];
            totals.add(
                kind.as_str().into(),
                state.as_str().into(),
                i64::try_from(sides).unwrap_or(0),
                n,
            );
        }
        let (total, kinds, sides, verifications) = totals.finish()?;

        // The orders of the counting queries: most first, then name and side (or tag) as
        // SQLite's binary collation sorts them, which is Rust's byte order.
        let mut actors: Vec<(&(String, Side), i64)> = self
            .actors
            .iter()
            .zip(per_actor)
            .filter(|(_, n)| *n > 0)
            .collect();
        actors.sort_by(|((a, a_side), m), ((b, b_side), n)| {
            n.cmp(m)
                .then_with(|| a.cmp(b))
                .then_with(|| a_side.as_str().cmp(b_side.as_str()))
        });
        let mut tags: Vec<(&String, i64)> = self
            .tags
            .iter()
            .zip(per_tag)
            .filter(|(_, n)| *n > 0)
            .collect();
        tags.sort_by(|(a, m), (b, n)| n.cmp(m).then_with(|| a.cmp(b)));
        Ok(Facets {
            total,
            kinds,
            actors: actors
                .into_iter()
                .map(|((name, side), n)| ActorCount {
                    name: name.clone(),
                    side: *side,
                    count: count(n),
                })
                .collect(),
            sides,
            tags: tags
                .into_iter()
                .map(|(tag, n)| TagCount {
                    tag: tag.clone(),
                    count: count(n),
                })
                .collect(),
            verifications,
        })
    }
}

/// A filter turned into tests on a row: bit sets of the wanted places, and flags by code.
struct Wanted {
    kinds: u32,
    origins: u32,
    states: u32,
    /// `None` when any sides will do.
    sides: Option<u8>,
    actors: Option<Vec<bool>>,
    tags: Option<Vec<bool>>,
    from: Option<i32>,
    to: Option<i32>,
}

fn bits<T: PartialEq>(all: &[T], chosen: &[T]) -> u32 {
    if chosen.is_empty() {
        return u32::MAX;
    }
    chosen
        .iter()
        .fold(0, |bits, value| bits | 1 << place(all, value))
}

impl Wanted {
    fn of(index: &FacetIndex, filter: &Filter) -> Self {
        Self {
            kinds: bits(&Kind::ALL, &filter.kinds),
            origins: bits(&Origin::ALL, &filter.origins),
            states: bits(&Verification::ALL, &filter.verification),
            sides: (!filter.sides.is_empty()).then(|| {
                let mask = crate::facet_cube::side_mask_of(&filter.sides);
                u8::try_from(mask).unwrap_or(u8::MAX)
            }),
            actors: (!filter.actors.is_empty()).then(|| {
                index
                    .actors
                    .iter()
                    .map(|(name, _)| filter.actors.contains(name))
                    .collect()
            }),
            tags: (!filter.tags.is_empty())
                .then(|| index.tags.iter().map(|t| filter.tags.contains(t)).collect()),
            from: filter.from.map(|d| clamp_day(day_number(d.first_day()))),
            to: filter.to.map(|d| clamp_day(day_number(d.last_day()))),
        }
    }

    fn matches(&self, index: &FacetIndex, i: usize, row: &Row) -> bool {
        let any = |flags: &Option<Vec<bool>>, codes: &[u32]| match flags {
            None => true,
            Some(flags) => codes.iter().any(|c| flags[*c as usize]),
        };
        row.sides & DELETED == 0
            && self.kinds & 1 << row.kind != 0
            && self.origins & 1 << row.origin != 0
            && self.states & 1 << row.verification != 0
            && self.sides.is_none_or(|mask| row.sides & mask != 0)
            && self.from.is_none_or(|from| row.last_day >= from)
            && self.to.is_none_or(|to| row.first_day <= to)
            && any(&self.actors, index.actors_of.of(i))
            && any(&self.tags, index.tags_of.of(i))
    }
}

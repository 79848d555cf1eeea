//! Every event matching a filter, in time order: what exports and the CLI work from (the
//! window query caps its answer; this does not).

use rusqlite::{params_from_iter, Rows};

use crate::error::Result;
use crate::filter::Filter;
use crate::model::{Actor, Event, Link, Source, StoredEvent};
use crate::store::{
    parse_actor, parse_dates, parse_kind, parse_link, parse_verification, read_source,
    row_to_event, Store, EVENT_COLUMNS, SOURCE_COLUMNS,
};

impl Store {
    /// All events matching `filter`, by first day, last day, then id.
    pub fn all_matching(&self, filter: &Filter) -> Result<Vec<StoredEvent>> {
        let conn = self.conn();
        let (condition, params) = filter.sql();
        let mut stmt = conn.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE {condition} ORDER BY first_day, last_day, id"
        ))?;
        let raws = stmt
            .query_map(params_from_iter(params), row_to_event)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raws.into_iter().map(|raw| raw.complete(conn)).collect()
    }
}

impl Store {
    /// How many events match `filter`.
    pub fn count_matching(&self, filter: &Filter) -> Result<usize> {
        let (condition, params) = filter.sql();
        let n: i64 = self.conn().query_row(
            &format!("SELECT count(*) FROM events WHERE {condition}"),
            params_from_iter(params),
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or_default())
    }

    /// Every event matching `filter`, in the order of `all_matching`, handed to `f` as an
    /// iterator that reads them as it goes: five queries in all (events, actors, tags,
    /// sources, links, each in the same order and merged), not three per event, and never every
    /// event in memory at once.
    pub fn each_matching<T>(
        &self,
        filter: &Filter,
        f: impl FnOnce(&mut dyn Iterator<Item = Result<Event>>) -> Result<T>,
    ) -> Result<T> {
        let conn = self.conn();
        let (condition, params) = filter.sql();
        // Rows are matched to their event by rowid: an integer compare, where the text id
        // would cost a string per child row.
        let chosen =
            format!("SELECT rowid AS rid, id, first_day, last_day FROM events WHERE {condition}");
        // Each child query walks the chosen events in date order and looks their rows up by
        // event (CROSS JOIN keeps the events outer): left to itself, SQLite scans every child
        // row, looks its event up and sorts them all. The rowid (unique, and the last column
        // of every index entry) tells SQLite that each event is one row of the outer loop, so
        // the rows of an event come in position order from the child's own index
        // (`event_actors_order`, `event_tags_order`) with no sort.
        let order = "ORDER BY e.first_day, e.last_day, e.id, e.rid";
        let mut events = conn.prepare(&format!(
            "SELECT id, title, summary, start_text, end_text, kind, location, title_zh, verification,
                    rowid
             FROM events WHERE {condition} ORDER BY first_day, last_day, id"
        ))?;
        let mut actors = conn.prepare(&format!(
            "SELECT e.rid, a.name, a.side, a.name_zh, a.pinyin FROM ({chosen}) e
             CROSS JOIN event_actors ea ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id
             {order}, ea.position"
        ))?;
        let mut tags = conn.prepare(&format!(
            "SELECT e.rid, t.tag FROM ({chosen}) e
             CROSS JOIN event_tags t ON t.event_id = e.id {order}, t.position"
        ))?;
        let mut sources = conn.prepare(&format!(
            "SELECT e.rid, e.id, {SOURCE_COLUMNS}
             FROM ({chosen}) e CROSS JOIN sources s ON s.event_id = e.id {order}, s.position"
        ))?;
        let mut links = conn.prepare(&format!(
            "SELECT e.rid, e.id, l.relation, l.target_id
             FROM ({chosen}) e CROSS JOIN event_links l ON l.event_id = e.id {order}, l.position"
        ))?;
        let mut merged = Merged {
            events: events.query(params_from_iter(params.iter()))?,
            actors: Children::new(actors.query(params_from_iter(params.iter()))?, actor_row),
            tags: Children::new(tags.query(params_from_iter(params.iter()))?, tag_row),
            sources: Children::new(sources.query(params_from_iter(params.iter()))?, source_row),
            links: Children::new(links.query(params_from_iter(params.iter()))?, link_row),
        };
        f(&mut merged)
    }
}

/// The rows of one child table, in event order, each read as (event rowid, item), with the
/// next row read ahead.
struct Children<'s, T> {
    rows: Rows<'s>,
    read: Read<T>,
    ahead: Option<(i64, T)>,
}

type Read<T> = fn(&rusqlite::Row<'_>) -> Result<(i64, T)>;

impl<'s, T> Children<'s, T> {
    fn new(rows: Rows<'s>, read: Read<T>) -> Self {
        Self {
            rows,
            read,
            ahead: None,
        }
    }

    /// The items of the event with rowid `id`, in position order.
    fn of(&mut self, id: i64) -> Result<Vec<T>> {
        let mut items = Vec::new();
        loop {
            if self.ahead.is_none() {
                match self.rows.next()? {
                    Some(row) => self.ahead = Some((self.read)(row)?),
                    None => return Ok(items),
                }
            }
            match self.ahead.take() {
                Some((owner, item)) if owner == id => items.push(item),
                other => {
                    self.ahead = other;
                    return Ok(items);
                }
            }
        }
    }
}

fn actor_row(r: &rusqlite::Row<'_>) -> Result<(i64, Actor)> {
    let actor = parse_actor((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))?;
    Ok((r.get(0)?, actor))
}

fn tag_row(r: &rusqlite::Row<'_>) -> Result<(i64, String)> {
    Ok((r.get(0)?, r.get(1)?))
}

/// The text of column `at`, borrowed from the row.
fn text_at<'r>(r: &'r rusqlite::Row<'_>, at: usize) -> Result<&'r str> {
    Ok(r.get_ref(at)?.as_str().map_err(rusqlite::Error::from)?)
}

/// The event's text id (column 1) names it in an error.
fn source_row(r: &rusqlite::Row<'_>) -> Result<(i64, Source)> {
    let id = text_at(r, 1)?;
    let source = read_source(r, 2, id)?;
    Ok((r.get(0)?, source))
}

fn link_row(r: &rusqlite::Row<'_>) -> Result<(i64, Link)> {
    let id = text_at(r, 1)?;
    let link = parse_link((r.get(2)?, r.get(3)?), id)?;
    Ok((r.get(0)?, link))
}

struct Merged<'s> {
    events: Rows<'s>,
    actors: Children<'s, Actor>,
    tags: Children<'s, String>,
    sources: Children<'s, Source>,
    links: Children<'s, Link>,
}

impl Merged<'_> {
    fn next_event(&mut self) -> Result<Option<Event>> {
        let Some(row) = self.events.next()? else {
            return Ok(None);
        };
        let id: String = row.get(0)?;
        let kind: String = row.get(5)?;
        let start: String = row.get(3)?;
        let end: Option<String> = row.get(4)?;
        let verification: String = row.get(8)?;
        let rowid: i64 = row.get(9)?;
        let (start, end) = parse_dates(&start, end.as_deref(), &id)?;
        let mut event = Event {
            title_zh: row.get(7)?,
            verification: Some(parse_verification(&verification, &id)?),
            title: row.get(1)?,
            summary: row.get(2)?,
            start,
            end,
            kind: parse_kind(&kind, &id)?,
            location: row.get(6)?,
            actors: Vec::new(),
            tags: Vec::new(),
            sources: Vec::new(),
            links: Vec::new(),
            id,
        };
        event.actors = self.actors.of(rowid)?;
        event.tags = self.tags.of(rowid)?;
        event.sources = self.sources.of(rowid)?;
        event.links = self.links.of(rowid)?;
        Ok(Some(event))
    }
}

impl Iterator for Merged<'_> {
    type Item = Result<Event>;

    fn next(&mut self) -> Option<Result<Event>> {
        self.next_event().transpose()
    }
}

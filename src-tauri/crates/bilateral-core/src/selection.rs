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
        let chosen = format!("SELECT id, first_day, last_day FROM events WHERE {condition}");
        // Each child query walks the chosen events in date order and looks their rows up by
        // event (CROSS JOIN keeps the events outer): left to itself, SQLite scans every child
        // row, looks its event up and sorts them all.
        let order = "ORDER BY e.first_day, e.last_day, e.id";
        let mut events = conn.prepare(&format!(
            "SELECT id, title, summary, start_text, end_text, kind, location, title_zh, verification
             FROM events WHERE {condition} ORDER BY first_day, last_day, id"
        ))?;
        let mut actors = conn.prepare(&format!(
            "SELECT ea.event_id, a.name, a.side, a.name_zh, a.pinyin FROM ({chosen}) e
             CROSS JOIN event_actors ea ON ea.event_id = e.id JOIN actors a ON a.id = ea.actor_id
             {order}, ea.position"
        ))?;
        let mut tags = conn.prepare(&format!(
            "SELECT t.event_id, t.tag FROM ({chosen}) e
             CROSS JOIN event_tags t ON t.event_id = e.id {order}, t.position"
        ))?;
        let mut sources = conn.prepare(&format!(
            "SELECT s.event_id, {SOURCE_COLUMNS}
             FROM ({chosen}) e CROSS JOIN sources s ON s.event_id = e.id {order}, s.position"
        ))?;
        let mut links = conn.prepare(&format!(
            "SELECT l.event_id, l.relation, l.target_id
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

/// The rows of one child table, in event order, each read as (event id, item), with the
/// next row read ahead.
struct Children<'s, T> {
    rows: Rows<'s>,
    read: fn(&rusqlite::Row<'_>) -> Result<(String, T)>,
    ahead: Option<(String, T)>,
}

impl<'s, T> Children<'s, T> {
    fn new(rows: Rows<'s>, read: fn(&rusqlite::Row<'_>) -> Result<(String, T)>) -> Self {
        Self {
            rows,
            read,
            ahead: None,
        }
    }

    /// The items of event `id`, in position order.
    fn of(&mut self, id: &str) -> Result<Vec<T>> {
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

fn actor_row(r: &rusqlite::Row<'_>) -> Result<(String, Actor)> {
    let actor = parse_actor((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))?;
    Ok((r.get(0)?, actor))
}

fn tag_row(r: &rusqlite::Row<'_>) -> Result<(String, String)> {
    Ok((r.get(0)?, r.get(1)?))
}

fn source_row(r: &rusqlite::Row<'_>) -> Result<(String, Source)> {
    let id: String = r.get(0)?;
    let source = read_source(r, 1, &id)?;
    Ok((id, source))
}

fn link_row(r: &rusqlite::Row<'_>) -> Result<(String, Link)> {
    let id: String = r.get(0)?;
    let link = parse_link((r.get(1)?, r.get(2)?), &id)?;
    Ok((id, link))
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
            id: id.clone(),
        };
        event.actors = self.actors.of(&id)?;
        event.tags = self.tags.of(&id)?;
        event.sources = self.sources.of(&id)?;
        event.links = self.links.of(&id)?;
        Ok(Some(event))
    }
}

impl Iterator for Merged<'_> {
    type Item = Result<Event>;

    fn next(&mut self) -> Option<Result<Event>> {
        self.next_event().transpose()
    }
}

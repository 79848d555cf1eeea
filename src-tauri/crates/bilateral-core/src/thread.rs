//! The links around one event: what it links to, what links to it, and the thread it
//! belongs to (every event reachable through links in either direction).

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::Relation;
use crate::store::{parse_link, Store};

/// Most events one thread holds. A thread is a chain of replies and follow-ups, tens of
/// events at most; the cap keeps a densely linked import from turning "Show thread" into a
/// walk of the whole store.
pub const MAX_THREAD_EVENTS: usize = 1000;

/// The ids of the thread of the event bound to the one `?` parameter: the event itself first,
/// then outward through links either way, nearest first, at most `MAX_THREAD_EVENTS`.
/// `UNION` drops an id already reached, so a cycle ends the walk instead of looping. Ids of
/// events that no longer exist are passed through (two replies to a deleted event are still
/// one thread) and simply match no event.
pub(crate) fn thread_ids_sql() -> String {
    format!(
        "WITH RECURSIVE reach(id) AS (
             SELECT ?
             UNION SELECT l.target_id FROM reach JOIN event_links l ON l.event_id = reach.id
             UNION SELECT l.event_id FROM reach JOIN event_links l ON l.target_id = reach.id
             LIMIT {MAX_THREAD_EVENTS}
         ) SELECT id FROM reach"
    )
}

/// One end of a link as the panel shows it: the relation, the other event's id, and its
/// title and start while it exists (`None` once it was deleted: the link is dangling).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkedEvent {
    pub relation: Relation,
    pub id: String,
    pub title: Option<String>,
    pub start: Option<PartialDate>,
}

/// The links of one event in both directions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventLinks {
    /// The links the event states, in its order.
    pub outgoing: Vec<LinkedEvent>,
    /// The events that link to it, by start date.
    pub incoming: Vec<LinkedEvent>,
}

/// A link between two events of one view, for the timeline to draw: `from` states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkPair {
    pub from: String,
    pub relation: Relation,
    pub to: String,
}

/// Most ids `links_among` takes: the window answers at most `query::MAX_LIMIT` events.
pub const MAX_AMONG_IDS: usize = crate::query::MAX_LIMIT as usize;

impl Store {
    /// The links whose both ends are among `ids` (the events a view shows), in no set order.
    pub fn links_among(&self, ids: &[String]) -> Result<Vec<LinkPair>> {
        if ids.len() > MAX_AMONG_IDS {
            return Err(Error::invalid(
                "ids",
                format!(
                    "at most {MAX_AMONG_IDS} events at a time, not {}",
                    ids.len()
                ),
            ));
        }
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // One JSON parameter, however many ids: SQLite caps the number of parameters.
        let list = serde_json::to_string(ids).map_err(|e| Error::invalid("ids", e.to_string()))?;
        let mut stmt = self.conn().prepare_cached(
            "WITH shown(id) AS (SELECT value FROM json_each(?1))
             SELECT l.event_id, l.relation, l.target_id FROM event_links l
             WHERE l.event_id IN shown AND l.target_id IN shown",
        )?;
        let rows = stmt
            .query_map([list], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
        rows.into_iter()
            .map(|(from, relation, to)| {
                let link = parse_link((relation, to), &from)?;
                Ok(LinkPair {
                    from,
                    relation: link.relation,
                    to: link.target,
                })
            })
            .collect()
    }

    /// The events that link to `id` (whether or not `id` still exists), earliest first.
    pub fn linked_to(&self, id: &str) -> Result<Vec<LinkedEvent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.relation, e.id, e.title, e.start_text FROM event_links l
             JOIN events e ON e.id = l.event_id
             WHERE l.target_id = ?1 ORDER BY e.first_day, e.last_day, e.id, l.position",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
            })?
            .collect::<rusqlite::Result<Vec<(String, String, String, String)>>>()?;
        rows.into_iter()
            .map(|(relation, other, title, start)| {
                let link = parse_link((relation, id.to_owned()), &other)?;
                Ok(LinkedEvent {
                    relation: link.relation,
                    start: Some(crate::store::parse_date(&start, &other)?),
                    id: other,
                    title: Some(title),
                })
            })
            .collect()
    }

    /// The links `id` states and the links to it, each end with its title.
    pub fn event_links(&self, id: &str) -> Result<EventLinks> {
        let event = self.get(id)?.event;
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT title, start_text FROM events WHERE id = ?1")?;
        let mut outgoing = Vec::with_capacity(event.links.len());
        for link in event.links {
            let found: Option<(String, String)> = stmt
                .query_row([&link.target], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (title, start) = match found {
                Some((title, start)) => (
                    Some(title),
                    Some(crate::store::parse_date(&start, &link.target)?),
                ),
                None => (None, None),
            };
            outgoing.push(LinkedEvent {
                relation: link.relation,
                id: link.target,
                title,
                start,
            });
        }
        Ok(EventLinks {
            outgoing,
            incoming: self.linked_to(id)?,
        })
    }

    /// The ids of the events of `id`'s thread (itself included), by start date.
    pub fn thread(&self, id: &str) -> Result<Vec<String>> {
        if !crate::store::exists(self.conn(), id)? {
            return Err(Error::NotFound { id: id.to_owned() });
        }
        let mut stmt = self.conn().prepare(&format!(
            "SELECT id FROM events WHERE id IN ({}) ORDER BY first_day, last_day, id",
            thread_ids_sql()
        ))?;
        let ids = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }
}

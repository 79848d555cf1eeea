//! The slim form of an event that a window carries: what the timeline needs to draw a mark,
//! label it, lay it in a lane and group it, and nothing the detail panel alone reads
//! (summary, tags, sources), which is fetched when the event is opened. A window answer holds
//! up to 2,000 events on every pan and zoom, so every column left out here is read 2,000
//! times less.

use std::collections::HashMap;

use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::{Kind, Origin, Side};
use crate::query::Damaged;
use crate::store::{parse_dates, parse_kind, parse_origin};

/// An event as the timeline draws it. Its fields are a subset of `StoredEvent`'s, named the
/// same, so the UI can hand either to the code that draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineEvent {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title_zh: Option<String>,
    pub start: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<PartialDate>,
    pub kind: Kind,
    /// Who took part, in the event's order: grouping by side or actor reads them.
    pub actors: Vec<TimelineActor>,
    pub origin: Origin,
    /// True once the user has changed a shipped event (drawn with the user's mark).
    pub edited: bool,
}

/// An actor as the timeline groups by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineActor {
    pub name: String,
    pub side: Side,
}

/// The columns `read_keyed` reads, in order, from `events`, after the row id.
const COLUMNS: &str = "id, title, title_zh, start_text, end_text, kind, origin, edited";

/// The actors of the events whose ids are listed (a JSON array), each event's in its order.
const ACTORS_IN_ORDER: &str = "SELECT ea.event_id, a.name, a.side FROM event_actors ea
     JOIN actors a ON a.id = ea.actor_id
     WHERE ea.event_id IN (SELECT value FROM json_each(?1))
     ORDER BY ea.event_id, ea.position";

/// An `events` row before its text columns are parsed.
struct Raw {
    id: String,
    title: String,
    title_zh: Option<String>,
    start: String,
    end: Option<String>,
    kind: String,
    origin: String,
    edited: bool,
}

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(1)?,
        title: r.get(2)?,
        title_zh: r.get(3)?,
        start: r.get(4)?,
        end: r.get(5)?,
        kind: r.get(6)?,
        origin: r.get(7)?,
        edited: r.get(8)?,
    })
}

impl Raw {
    fn parse(self, actors: Vec<TimelineActor>) -> Result<TimelineEvent> {
        let id = self.id;
        let kind = parse_kind(&self.kind, &id)?;
        let (start, end) = parse_dates(&self.start, self.end.as_deref(), &id)?;
        let origin = parse_origin(&self.origin)?;
        Ok(TimelineEvent {
            id,
            title: self.title,
            title_zh: self.title_zh,
            start,
            end,
            kind,
            actors,
            origin,
            edited: self.edited,
        })
    }
}

/// The events with these row ids, in time order, with their actors: two set-wise queries
/// whatever their number. A row whose stored data cannot be read is set aside, not fatal, so
/// one damaged row never blanks the timeline.
pub(crate) fn read_by_rowid(
    conn: &Connection,
    rowids: &[i64],
) -> Result<(Vec<TimelineEvent>, Vec<Damaged>)> {
    let (events, damaged) = read_keyed(conn, rowids)?;
    Ok((
        events.into_iter().map(|(_, event)| event).collect(),
        damaged,
    ))
}

/// Events read with their row ids, and the rows that could not be read.
pub(crate) type Keyed = (Vec<(i64, TimelineEvent)>, Vec<Damaged>);

/// As `read_by_rowid`, each event with its row id, so a caller that ordered the rows itself
/// (the table's pages) can put them back in its order.
pub(crate) fn read_keyed(conn: &Connection, rowids: &[i64]) -> Result<Keyed> {
    let list = serde_json::to_string(rowids).map_err(|e| Error::Corrupt(e.to_string()))?;
    // Read in row id order and put in order here: SQLite would sort them through a temporary
    // b-tree (0.15 ms of a 1.9 ms window of 500 events).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, {COLUMNS}, first_day, last_day FROM events
         WHERE rowid IN (SELECT value FROM json_each(?1))"
    ))?;
    let mut raws = stmt
        .query_map([&list], |r| {
            Ok((
                (r.get::<_, i64>(9)?, r.get::<_, i64>(10)?),
                r.get::<_, i64>(0)?,
                raw(r)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.sort_unstable_by(|(a_days, _, a), (b_days, _, b)| {
        a_days.cmp(b_days).then_with(|| a.id.cmp(&b.id))
    });

    let mut actors: HashMap<String, Vec<TimelineActor>> = HashMap::with_capacity(raws.len());
    let mut damaged_actor: HashMap<String, String> = HashMap::new();
    // By the ids just read, in position order from the actors' position index (migration
    // 0016): no event is looked up again by its row id, and nothing is sorted.
    let ids = serde_json::to_string(&raws.iter().map(|(_, _, raw)| &raw.id).collect::<Vec<_>>())
        .map_err(|e| Error::Corrupt(e.to_string()))?;
    let mut stmt = conn.prepare_cached(ACTORS_IN_ORDER)?;
    let rows = stmt.query_map([&ids], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, name, side) = row?;
        match Side::parse(&side) {
            Some(side) => actors
                .entry(id)
                .or_default()
                .push(TimelineActor { name, side }),
            None => {
                damaged_actor.insert(id, format!("actor {name:?} has unknown side {side:?}"));
            }
        }
    }

    let mut events = Vec::with_capacity(raws.len());
    let mut damaged = Vec::new();
    for (_, rowid, raw) in raws {
        if let Some(message) = damaged_actor.remove(&raw.id) {
            damaged.push(Damaged {
                id: raw.id,
                message,
            });
            continue;
        }
        let id = raw.id.clone();
        match raw.parse(actors.remove(&id).unwrap_or_default()) {
            Ok(event) => events.push((rowid, event)),
            Err(Error::Corrupt(message)) => damaged.push(Damaged { id, message }),
            Err(other) => return Err(other),
        }
    }
    Ok((events, damaged))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_windows_actors_are_read_in_order_from_an_index_without_sorting() {
        let store = Store::in_memory().unwrap();
        let plan = store.query_plan(ACTORS_IN_ORDER, ["[]"]);
        assert!(
            plan.iter().all(|step| !step.contains("TEMP B-TREE")),
            "every window would sort its actors: {plan:?}"
        );
    }
}

//! One change applied to many events at once, from the table's selection: set the kind, add or
//! remove tags, add or remove an actor. The events are the listed ids, or every event matching
//! a filter (the table's "select all", which the UI never loads row by row). All or nothing:
//! the request is checked before anything is read, every changed event is checked as the
//! editor's save checks it, and everything is written in one transaction.

use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::import::{Imported, UNDO_LIMIT};
use crate::limits::{self, MAX_FIELD_BYTES};
use crate::model::{Actor, Event, Kind, Origin, Side, StoredEvent};
use crate::search_index::Pending;
use crate::store::{
    lead_actor, load_event, now, reindex_later, write_actors, write_tags, ActorIds, Store,
};
use rusqlite::{params, Transaction};

/// Which events a bulk edit changes.
// One value per request: boxing the filter would save nothing worth its noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BulkTarget {
    /// These events; an id that is not stored is refused.
    Ids { ids: Vec<String> },
    /// Every event matching `filter` except those listed in `except`.
    Matching {
        #[serde(default)]
        filter: Filter,
        #[serde(default)]
        except: Vec<String>,
    },
}

/// An actor named for removal: the name and side, as the editor lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActorRef {
    pub name: String,
    pub side: Side,
}

/// The change and the events it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BulkEdit {
    pub target: BulkTarget,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub set_kind: Option<Kind>,
    #[serde(default)]
    pub add_tags: Vec<String>,
    /// Compared without regard to case, as the `tag:` search does.
    #[serde(default)]
    pub remove_tags: Vec<String>,
    #[serde(default)]
    pub add_actors: Vec<Actor>,
    /// Compared by side and, without regard to case, by name.
    #[serde(default)]
    pub remove_actors: Vec<ActorRef>,
}

/// What a bulk edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkEdited {
    /// Events the target named.
    pub matched: u32,
    /// Of those, events the change altered (an event that already has the kind, or the tag,
    /// is left as it was and not marked edited).
    pub changed: u32,
    /// False when the change was too large to keep for undo (`import::UNDO_LIMIT` events).
    pub undoable: bool,
}

impl BulkEdit {
    /// Reads a bulk edit sent by the UI, naming the field that cannot be read
    /// (`set_kind`, `add_actors[0].side`).
    pub fn from_json(value: serde_json::Value) -> Result<BulkEdit> {
        read_json(value, "edit")
    }

    /// The rules a request must meet before any event is read: something to change, and
    /// tags and actor names that could be stored.
    pub fn validate(&self) -> Result<()> {
        if self.set_kind.is_none()
            && self.add_tags.is_empty()
            && self.remove_tags.is_empty()
            && self.add_actors.is_empty()
            && self.remove_actors.is_empty()
        {
            return Err(Error::invalid(
                "edit",
                "choose something to change: a kind, tags or an actor",
            ));
        }
        if let BulkTarget::Ids { ids } = &self.target {
            if ids.is_empty() {
                return Err(Error::invalid("target.ids", "select at least one event"));
            }
        }
        for (field, tags) in [
            ("add_tags", &self.add_tags),
            ("remove_tags", &self.remove_tags),
        ] {
            limits::check_count(tags.len(), limits::MAX_TAGS, field)
                .map_err(|m| Error::invalid(field, m))?;
            for (i, tag) in tags.iter().enumerate() {
                check_line(&format!("{field}[{i}]"), tag, "a tag cannot be empty")?;
            }
        }
        for (i, actor) in self.add_actors.iter().enumerate() {
            check_line(
                &format!("add_actors[{i}].name"),
                &actor.name,
                "an actor needs a name",
            )?;
        }
        for (i, actor) in self.remove_actors.iter().enumerate() {
            check_line(
                &format!("remove_actors[{i}].name"),
                &actor.name,
                "an actor needs a name",
            )?;
        }
        for (field, count) in [
            ("add_actors", self.add_actors.len()),
            ("remove_actors", self.remove_actors.len()),
        ] {
            limits::check_count(count, limits::MAX_ACTORS, field)
                .map_err(|m| Error::invalid(field, m))?;
        }
        Ok(())
    }

    /// The event with this change applied, or `None` when the change alters nothing.
    fn apply(&self, event: &Event) -> Option<Event> {
        let mut next = event.clone();
        if let Some(kind) = self.set_kind {
            next.kind = kind;
        }
        next.tags
            .retain(|t| !self.remove_tags.iter().any(|r| same_text(r, t)));
        for tag in &self.add_tags {
            if !next.tags.iter().any(|t| same_text(t, tag)) {
                next.tags.push(tag.trim().to_owned());
            }
        }
        next.actors.retain(|a| {
            !self
                .remove_actors
                .iter()
                .any(|r| r.side == a.side && same_text(&r.name, &a.name))
        });
        for actor in &self.add_actors {
            let present = next
                .actors
                .iter()
                .any(|a| a.side == actor.side && same_text(&a.name, &actor.name));
            if !present {
                next.actors.push(actor.clone());
            }
        }
        (next != *event).then_some(next)
    }
}

/// Tags and actor names are compared without regard to case or surrounding spaces, as the
/// `tag:` and `actor:` searches compare them: "wang yi" removes "Wang Yi".
fn same_text(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A one-line text the store would accept, with `empty` as the message for a blank one.
fn check_line(field: &str, text: &str, empty: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid(field, empty));
    }
    limits::check_bytes(text, MAX_FIELD_BYTES)
        .and_then(|()| limits::check_line(text))
        .map_err(|m| Error::invalid(field, m))
}

/// Writes only what a bulk edit can change: the kind (the maintained counts follow by
/// trigger), the tag and actor rows, and the search row when those changed. Sources and links
/// are left as they are: rewriting every row of 10,000 events cost several times more.
fn write_change(
    tx: &Transaction<'_>,
    before: &StoredEvent,
    after: &Event,
    stamp: &str,
    actor_ids: &mut ActorIds,
    pending: &mut Pending,
) -> Result<()> {
    let id = after.id.as_str();
    let edited = before.edited || before.origin == Origin::Dataset;
    let tags = after.tags != before.event.tags;
    let actors = after.actors != before.event.actors;
    // Rows replaced go before the event's row changes, and the row takes the side mask of
    // its new actors: the facet cube then moves the event once, not once per side added.
    if tags {
        tx.prepare_cached("DELETE FROM event_tags WHERE event_id = ?1")?
            .execute([id])?;
    }
    if actors {
        tx.prepare_cached("DELETE FROM event_actors WHERE event_id = ?1")?
            .execute([id])?;
    }
    tx.prepare_cached(
        "UPDATE events SET kind = ?2, significance = ?3, edited = ?4, updated_at = ?5,
                           side_mask = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        after.kind.as_str(),
        before.origin.significance(after.kind),
        edited,
        stamp,
        crate::facet_cube::side_mask(&after.actors),
    ])?;
    if tags {
        write_tags(tx, id, &after.tags)?;
    }
    if actors {
        write_actors(tx, id, &after.actors, actor_ids)?;
        tx.prepare_cached("UPDATE events SET lead_actor = ?2 WHERE id = ?1")?
            .execute(params![id, lead_actor(&after.actors)])?;
    }
    // A new kind is a new significance, and the search row's key follows it.
    if tags || actors || after.kind != before.event.kind {
        reindex_later(tx, id, pending)?;
    }
    Ok(())
}

impl BulkTarget {
    /// Reads a target sent by the UI, naming the field that cannot be read
    /// (`target.filter.kinds[0]`).
    pub fn from_json(value: serde_json::Value) -> Result<BulkTarget> {
        // Serde reads a tagged enum's fields through a buffer that loses their path: the tag
        // picks the variant here, and its fields are read with their path.
        #[derive(Deserialize)]
        struct Listed {
            ids: Vec<String>,
        }
        #[derive(Deserialize)]
        struct Matching {
            #[serde(default)]
            filter: Filter,
            #[serde(default)]
            except: Vec<String>,
        }
        let within = |e: Error| match e {
            Error::Invalid { field, message } if field != "target" => {
                Error::invalid(format!("target.{field}"), message)
            }
            other => other,
        };
        let serde_json::Value::Object(mut fields) = value else {
            return Err(Error::invalid("target", "expected an object"));
        };
        let tag = fields.remove("type");
        let rest = serde_json::Value::Object(fields);
        match tag.as_ref().and_then(serde_json::Value::as_str) {
            Some("ids") => {
                let Listed { ids } = read_json(rest, "target").map_err(within)?;
                Ok(BulkTarget::Ids { ids })
            }
            Some("matching") => {
                let Matching { filter, except } = read_json(rest, "target").map_err(within)?;
                Ok(BulkTarget::Matching { filter, except })
            }
            _ => Err(Error::invalid(
                "target.type",
                "expected \"ids\" or \"matching\"",
            )),
        }
    }
}

/// Reads a request sent by the UI, naming the field that cannot be read (`whole` for the
/// request itself).
fn read_json<T: serde::de::DeserializeOwned>(value: serde_json::Value, whole: &str) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { whole.to_owned() } else { path };
        Error::invalid(field, e.inner().to_string())
    })
}

/// The events `target` names, each once, in the order the table lists them for a filter
/// (by date) or as listed. Listed ids are not checked here.
pub(crate) fn target_ids(tx: &Transaction<'_>, target: &BulkTarget) -> Result<Vec<String>> {
    Ok(match target {
        // An id listed twice is one event, changed and counted once.
        BulkTarget::Ids { ids } => {
            let mut seen = std::collections::HashSet::new();
            ids.iter()
                .filter(|id| seen.insert(id.as_str()))
                .cloned()
                .collect()
        }
        BulkTarget::Matching { filter, except } => {
            let (condition, params) = filter.sql();
            let mut stmt = tx.prepare(&format!(
                "SELECT id FROM events WHERE {condition} ORDER BY first_day, last_day, id"
            ))?;
            let ids = stmt
                .query_map(params_from_iter(params), |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let except: std::collections::HashSet<&str> =
                except.iter().map(String::as_str).collect();
            ids.into_iter()
                .filter(|id| !except.contains(id.as_str()))
                .collect()
        }
    })
}

/// The error for a listed id that is not stored: the field names its place in the list.
pub(crate) fn not_stored(target: &BulkTarget, id: &str) -> Error {
    let listed = match target {
        BulkTarget::Ids { ids } => ids.iter().position(|l| l == id).unwrap_or(0),
        BulkTarget::Matching { .. } => 0,
    };
    Error::invalid(
        format!("target.ids[{listed}]"),
        format!("no event with id {id:?}"),
    )
}

impl Store {
    /// Applies `edit` to its events in one transaction and returns each changed event as it
    /// was and as it now is. Shipped events become `edited`, as a save in the editor makes
    /// them. A bad request or an event the change would break writes nothing.
    pub(crate) fn bulk_edit_tracked(
        &mut self,
        edit: &BulkEdit,
    ) -> Result<(BulkEdited, Vec<Imported>)> {
        edit.validate()?;
        let tx = self.write_tx()?;
        let ids = target_ids(&tx, &edit.target)?;
        let stamp = now();
        let mut actor_ids = ActorIds::new();
        let mut pending = Pending::new(&tx)?;
        // Past the undo limit nothing is kept: a change to 100,000 events would otherwise
        // hold every one of them twice.
        let mut befores = Vec::new();
        let mut changed = 0_usize;
        for id in &ids {
            // Only a listed id can be missing: the filter's ids were just read.
            let before = load_event(&tx, id)?.ok_or_else(|| not_stored(&edit.target, id))?;
            let Some(after) = edit.apply(&before.event) else {
                continue;
            };
            after
                .validate()
                .map_err(|e| e.within(&format!("event {id:?}")))?;
            write_change(&tx, &before, &after, &stamp, &mut actor_ids, &mut pending)?;
            changed += 1;
            if changed <= UNDO_LIMIT {
                befores.push(before);
            }
        }
        pending.fill(&tx)?;
        let undoable = changed <= UNDO_LIMIT;
        if !undoable {
            befores.clear();
        }
        let mut changes = Vec::with_capacity(befores.len());
        for before in befores {
            let after = load_event(&tx, &before.event.id)?.ok_or_else(|| Error::NotFound {
                id: before.event.id.clone(),
            })?;
            changes.push(Imported {
                before: Some(before),
                after,
            });
        }
        tx.commit()?;
        let edited = BulkEdited {
            matched: u32::try_from(ids.len()).unwrap_or(u32::MAX),
            changed: u32::try_from(changed).unwrap_or(u32::MAX),
            undoable,
        };
        Ok((edited, changes))
    }

    /// Applies `edit` as `bulk_edit_tracked` does, without keeping what changed.
    pub fn bulk_edit(&mut self, edit: &BulkEdit) -> Result<BulkEdited> {
        self.bulk_edit_tracked(edit).map(|(edited, _)| edited)
    }
}

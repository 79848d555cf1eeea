//! The maintained counts the events of a bulk import add, tallied from each event as it is
//! written while the count triggers are suspended (`maintained_counts`), then added to the
//! stored counts in one statement per group. Recounting every table from its rows instead
//! reads every stored event again and looks each actor and tag row's event up, which at a
//! million events costs more than the tally's few hash-map updates per event.
//!
//! Only new events can be tallied: an event an import changes would first have to be
//! uncounted as it was, and a tally that saw one is given up for the recount.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{params, Transaction};

use crate::error::Result;
use crate::model::Event;
use crate::store::{ActorIds, CountedColumns};

/// A facet cube cell: kind, origin, verification, side mask.
type Cell = (&'static str, &'static str, &'static str, i64);

#[derive(Default)]
pub(crate) struct Tally {
    /// Events starting and ending on each day.
    days: HashMap<i64, (i64, i64)>,
    kinds: HashMap<&'static str, i64>,
    verifications: HashMap<&'static str, i64>,
    actors: HashMap<i64, i64>,
    tags: HashMap<String, i64>,
    /// Events with at least one actor of each side.
    sides: HashMap<&'static str, i64>,
    cells: HashMap<Cell, i64>,
    cell_actors: HashMap<(Cell, i64), i64>,
    cell_tags: HashMap<(Cell, String), i64>,
}

impl Tally {
    /// Counts `event`, new to the store and just written with `counted` (its actor rows
    /// through `actor_ids`).
    pub(crate) fn add(&mut self, event: &Event, counted: &CountedColumns, actor_ids: &ActorIds) {
        self.days.entry(counted.first_day).or_default().0 += 1;
        self.days.entry(counted.last_day).or_default().1 += 1;
        *self.kinds.entry(counted.kind).or_default() += 1;
        *self.verifications.entry(counted.verification).or_default() += 1;
        let cell = (
            counted.kind,
            counted.origin.as_str(),
            counted.verification,
            counted.side_mask,
        );
        *self.cells.entry(cell).or_default() += 1;
        // One row per actor and per tag, as written (`store::write_actors`, `store::write_tags`).
        let mut ids = HashSet::with_capacity(event.actors.len());
        let mut sides = HashSet::with_capacity(event.actors.len());
        for actor in &event.actors {
            if let Some(id) = actor_ids.id(actor).filter(|&id| ids.insert(id)) {
                *self.actors.entry(id).or_default() += 1;
                *self.cell_actors.entry((cell, id)).or_default() += 1;
                sides.insert(actor.side.as_str());
            }
        }
        for side in sides {
            *self.sides.entry(side).or_default() += 1;
        }
        let mut tags = HashSet::with_capacity(event.tags.len());
        for tag in event
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|&t| tags.insert(t))
        {
            *self.tags.entry(tag.to_owned()).or_default() += 1;
            *self.cell_tags.entry((cell, tag.to_owned())).or_default() += 1;
        }
    }

    /// Adds the tally to the stored counts.
    pub(crate) fn write(self, tx: &Transaction<'_>) -> Result<()> {
        let mut day = tx.prepare(
            "INSERT INTO day_counts (day, starts, ends) VALUES (?1, ?2, ?3)
             ON CONFLICT (day) DO UPDATE SET starts = starts + excluded.starts,
                                             ends = ends + excluded.ends",
        )?;
        for (d, (starts, ends)) in self.days {
            day.execute(params![d, starts, ends])?;
        }
        let text = |t: &str| Value::Text(t.to_owned());
        for (table, key, counts) in [
            ("kind_counts", "kind", self.kinds),
            ("verification_counts", "verification", self.verifications),
            ("side_counts", "side", self.sides),
        ] {
            add_all(tx, table, &[key], counts, |k| vec![text(k)])?;
        }
        add_all(tx, "actor_counts", &["actor_id"], self.actors, |id| {
            vec![Value::Integer(id)]
        })?;
        add_all(tx, "tag_counts", &["tag"], self.tags, |tag| {
            vec![Value::Text(tag)]
        })?;
        let cell = |(kind, origin, verification, sides): Cell| {
            vec![
                text(kind),
                text(origin),
                text(verification),
                Value::Integer(sides),
            ]
        };
        const CELL: [&str; 4] = ["kind", "origin", "verification", "sides"];
        add_all(tx, "facet_cells", &CELL, self.cells, cell)?;
        let key = [&CELL[..], &["actor_id"]].concat();
        add_all(
            tx,
            "facet_cell_actors",
            &key,
            self.cell_actors,
            |(c, id)| [cell(c), vec![Value::Integer(id)]].concat(),
        )?;
        let key = [&CELL[..], &["tag"]].concat();
        add_all(tx, "facet_cell_tags", &key, self.cell_tags, |(c, tag)| {
            [cell(c), vec![Value::Text(tag)]].concat()
        })?;
        Ok(())
    }
}

/// Adds each of `counts` to the row of `table` whose `key` columns hold `values(group)`.
fn add_all<K>(
    tx: &Transaction<'_>,
    table: &str,
    key: &[&str],
    counts: HashMap<K, i64>,
    values: impl Fn(K) -> Vec<Value>,
) -> Result<()> {
    let mut add = tx.prepare(&upsert(table, key))?;
    for (group, count) in counts {
        let mut row = values(group);
        row.push(Value::Integer(count));
        add.execute(rusqlite::params_from_iter(row))?;
    }
    Ok(())
}

/// The statement that adds a count (the last parameter) to the row of `table` keyed by `key`.
fn upsert(table: &str, key: &[&str]) -> String {
    let marks: Vec<String> = (1..=key.len() + 1).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {table} ({}, count) VALUES ({})
         ON CONFLICT ({}) DO UPDATE SET count = count + excluded.count",
        key.join(", "),
        marks.join(", "),
        key.join(", "),
    )
}

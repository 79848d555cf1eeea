//! Periods the user defines: a name, a span of partial dates and a colour, drawn as their own
//! band beside the shipped eras (`eras.rs`). They live in the store, are undone like events
//! (`history.rs`) and travel in Bilateral JSON files (`formats/bilateral_json.rs`).
//!
//! Unlike an era, whose end is the successor's first day, a period's end is inclusive and kept
//! at the precision given, as an event's is: "1972 to 1974" covers the whole of 1974.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits::{check_bytes, check_line, check_lines, excerpt, MAX_ID_BYTES};
use crate::store::{day_number, now};
use crate::{Error, PartialDate, Result, Store};

/// The longest name, in characters: it is drawn in a strip 18 pixels high.
pub const MAX_NAME_CHARS: usize = 120;
/// The longest note, in bytes.
pub const MAX_NOTE_BYTES: usize = 4 * 1024;

/// A period's colour: a name from a small palette, not any colour. Each name has a light- and a
/// dark-theme shade in the UI, chosen so the band's label keeps its contrast in both; a free
/// hex colour would be legible in one theme and lost in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    Blue,
    Teal,
    Green,
    Amber,
    Red,
    Purple,
    Grey,
}

impl Colour {
    pub const ALL: [Colour; 7] = [
        Colour::Blue,
        Colour::Teal,
        Colour::Green,
        Colour::Amber,
        Colour::Red,
        Colour::Purple,
        Colour::Grey,
    ];

    /// The name as stored and written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Blue => "blue",
            Colour::Teal => "teal",
            Colour::Green => "green",
            Colour::Amber => "amber",
            Colour::Red => "red",
            Colour::Purple => "purple",
            Colour::Grey => "grey",
        }
    }

    /// The name the colour picker shows.
    pub fn label(self) -> &'static str {
        match self {
            Colour::Blue => "Blue",
            Colour::Teal => "Teal",
            Colour::Green => "Green",
            Colour::Amber => "Amber",
            Colour::Red => "Red",
            Colour::Purple => "Purple",
            Colour::Grey => "Grey",
        }
    }

    pub fn parse(text: &str) -> Option<Colour> {
        Colour::ALL.into_iter().find(|c| c.as_str() == text)
    }

    fn names() -> String {
        Colour::ALL.map(Colour::as_str).join(", ")
    }
}

/// A period as the user gives it and files carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Stable id (UUID v7 for a new period); empty when creating, to get a fresh one.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub start: PartialDate,
    /// The last day, month or year of the period (inclusive); absent while it lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<PartialDate>,
    pub colour: Colour,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// A period as the store holds it, with its timestamps: what undo checks a row against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPeriod {
    pub period: Period,
    pub created_at: String,
    pub updated_at: String,
}

/// One period a step changed: as it was before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodChange {
    pub id: String,
    pub before: Option<StoredPeriod>,
    pub after: Option<StoredPeriod>,
}

impl Period {
    /// Reads a period from JSON (a command's argument, an item of a file), naming the field a
    /// wrong value sits in (`colour`, `start`), then checks it as `validate` does.
    pub fn from_json(value: serde_json::Value) -> Result<Period> {
        let period: Period = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                "period".to_owned()
            } else {
                path
            };
            let message = if field == "colour" {
                format!("not a colour; use one of {}", Colour::names())
            } else {
                e.inner().to_string()
            };
            Error::invalid(field, message)
        })?;
        period.validate()
    }

    /// Checks every rule and answers the period as it is stored: name and note trimmed, a
    /// blank note left out. Names the first field at fault.
    pub fn validate(&self) -> Result<Period> {
        let id = self.id.trim();
        if id != self.id {
            return Err(Error::invalid(
                "id",
                "an id cannot start or end with spaces",
            ));
        }
        check_bytes(id, MAX_ID_BYTES).map_err(|m| Error::invalid("id", m))?;
        check_line(id).map_err(|m| Error::invalid("id", m))?;
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::invalid("name", "a period needs a name"));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid(
                "name",
                format!("a period's name can be at most {MAX_NAME_CHARS} characters"),
            ));
        }
        check_line(name).map_err(|m| Error::invalid("name", m))?;
        if let Some(end) = self.end {
            if end.last_day() < self.start.first_day() {
                return Err(Error::invalid(
                    "end",
                    format!("the end ({end}) is before the start ({})", self.start),
                ));
            }
        }
        let note = self
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        if let Some(note) = note {
            check_bytes(note, MAX_NOTE_BYTES).map_err(|m| Error::invalid("note", m))?;
            check_lines(note).map_err(|m| Error::invalid("note", m))?;
        }
        Ok(Period {
            id: id.to_owned(),
            name: name.to_owned(),
            note: note.map(str::to_owned),
            ..self.clone()
        })
    }
}

const COLUMNS: &str = "id, name, start_text, end_text, colour, note, created_at, updated_at";

fn corrupt(id: &str, what: &str) -> Error {
    Error::Corrupt(format!("period {id:?} has {what}"))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<[Option<String>; 8]> {
    Ok([
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
    ])
}

fn parse_row(columns: [Option<String>; 8]) -> Result<StoredPeriod> {
    let [id, name, start, end, colour, note, created_at, updated_at] = columns;
    let id = id.unwrap_or_default();
    let date = |text: &str| {
        text.parse::<PartialDate>()
            .map_err(|e| corrupt(&id, &format!("a bad date: {e}")))
    };
    let colour_text = colour.unwrap_or_default();
    Ok(StoredPeriod {
        period: Period {
            name: name.unwrap_or_default(),
            start: date(start.as_deref().unwrap_or_default())?,
            end: end.as_deref().map(date).transpose()?,
            colour: Colour::parse(&colour_text)
                .ok_or_else(|| corrupt(&id, &format!("unknown colour {colour_text:?}")))?,
            note,
            id,
        },
        created_at: created_at.unwrap_or_default(),
        updated_at: updated_at.unwrap_or_default(),
    })
}

pub(crate) fn load(conn: &Connection, id: &str) -> Result<Option<StoredPeriod>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM periods WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .map(parse_row)
    .transpose()
}

fn write(tx: &Transaction<'_>, stored: &StoredPeriod) -> Result<()> {
    let p = &stored.period;
    tx.execute(
        "INSERT OR REPLACE INTO periods
             (id, name, start_text, end_text, first_day, colour, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            p.id,
            p.name,
            p.start.to_string(),
            p.end.map(|e| e.to_string()),
            day_number(p.start.first_day()),
            p.colour.as_str(),
            p.note,
            stored.created_at,
            stored.updated_at,
        ],
    )?;
    Ok(())
}

fn remove(tx: &Transaction<'_>, id: &str) -> Result<()> {
    tx.execute("DELETE FROM periods WHERE id = ?1", [id])?;
    Ok(())
}

fn not_found(id: &str) -> Error {
    Error::invalid("id", format!("no period with id {id:?}"))
}

/// Writes `periods` (read from a file, already checked) inside an import's transaction: a new
/// id is added, a known one replaced unless it is the same. Answers what changed.
pub(crate) fn import(tx: &Transaction<'_>, periods: &[Period]) -> Result<Vec<PeriodChange>> {
    let stamp = now();
    let mut changes = Vec::new();
    for period in periods {
        let period = if period.id.is_empty() {
            Period {
                id: uuid::Uuid::now_v7().to_string(),
                ..period.clone()
            }
        } else {
            period.clone()
        };
        let before = load(tx, &period.id)?;
        if before.as_ref().is_some_and(|b| b.period == period) {
            continue;
        }
        let after = StoredPeriod {
            created_at: before
                .as_ref()
                .map_or_else(|| stamp.clone(), |b| b.created_at.clone()),
            updated_at: stamp.clone(),
            period,
        };
        write(tx, &after)?;
        changes.push(PeriodChange {
            id: after.period.id.clone(),
            before,
            after: Some(after),
        });
    }
    Ok(changes)
}

/// Checks that every period is still as the step left it, then puts each as it was on the
/// other side, inside the caller's transaction (undo and redo, with the step's events).
pub(crate) fn replay(tx: &Transaction<'_>, changes: &[PeriodChange], back: bool) -> Result<()> {
    for change in changes {
        let (expect, _) = sides(change, back);
        let current = load(tx, &change.id)?;
        if current.as_ref() != expect {
            return Err(conflict(&change.id, expect, current.as_ref()));
        }
    }
    for change in changes {
        let (_, put) = sides(change, back);
        remove(tx, &change.id)?;
        if let Some(put) = put {
            write(tx, put)?;
        }
    }
    Ok(())
}

fn sides(change: &PeriodChange, back: bool) -> (Option<&StoredPeriod>, Option<&StoredPeriod>) {
    if back {
        (change.after.as_ref(), change.before.as_ref())
    } else {
        (change.before.as_ref(), change.after.as_ref())
    }
}

fn conflict(id: &str, expected: Option<&StoredPeriod>, now: Option<&StoredPeriod>) -> Error {
    let name = |s: &StoredPeriod| format!("the period {}", excerpt(&s.period.name));
    Error::replay_conflict(id, expected.map(name), now.map(|n| (name(n), None)))
}

impl Store {
    /// Every period, oldest start first.
    pub fn periods(&self) -> Result<Vec<Period>> {
        let mut statement = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM periods ORDER BY first_day, name, id"
        ))?;
        let rows = statement
            .query_map([], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|row| parse_row(row).map(|s| s.period))
            .collect()
    }

    /// The stored period `id`, with its timestamps.
    pub fn stored_period(&self, id: &str) -> Result<StoredPeriod> {
        load(self.conn(), id)?.ok_or_else(|| not_found(id))
    }

    /// Adds a period; an empty id gets a fresh UUID v7. Nothing is written if it is invalid.
    pub fn create_period(&mut self, period: Period) -> Result<StoredPeriod> {
        let mut period = period.validate()?;
        if period.id.is_empty() {
            period.id = uuid::Uuid::now_v7().to_string();
        }
        let tx = self.write_tx()?;
        if load(&tx, &period.id)?.is_some() {
            return Err(Error::invalid(
                "id",
                format!("a period with id {:?} already exists", period.id),
            ));
        }
        let stamp = now();
        let stored = StoredPeriod {
            period,
            created_at: stamp.clone(),
            updated_at: stamp,
        };
        write(&tx, &stored)?;
        tx.commit()?;
        Ok(stored)
    }

    /// Replaces a stored period. Nothing is written if it is invalid or unknown.
    pub fn update_period(&mut self, period: Period) -> Result<StoredPeriod> {
        let period = period.validate()?;
        let tx = self.write_tx()?;
        let before = load(&tx, &period.id)?.ok_or_else(|| not_found(&period.id))?;
        let stored = StoredPeriod {
            period,
            created_at: before.created_at,
            updated_at: now(),
        };
        write(&tx, &stored)?;
        tx.commit()?;
        Ok(stored)
    }

    pub fn delete_period(&mut self, id: &str) -> Result<()> {
        let tx = self.write_tx()?;
        if load(&tx, id)?.is_none() {
            return Err(not_found(id));
        }
        remove(&tx, id)?;
        tx.commit()?;
        Ok(())
    }
}

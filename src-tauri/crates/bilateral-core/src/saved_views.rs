//! Saved views: the filter, visible range, grouping and titles language of the timeline, under
//! a name, kept in the store and carried between stores as a `bilateral-views` JSON file.
//!
//! A view is stored as JSON. One this release cannot read whole (a filter field or a kind
//! from a newer release) is listed as unreadable with the reason, and left as it is: it is
//! never dropped, and nothing but an explicit replace by name writes over it.

use std::io::Write;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::store::now;
use crate::{Error, Filter, PartialDate, Result, Store};

/// The `format` of a views file.
pub const FORMAT: &str = "bilateral-views";
/// The version of the views file this release writes and reads.
pub const VERSION: u64 = 1;
/// The longest name, in characters: it has to fit in a menu.
pub const MAX_NAME_CHARS: usize = 80;
/// How the timeline may be grouped (the UI's `GroupBy`).
pub const GROUP_BY: [&str; 4] = ["none", "kind", "side", "actor"];
/// Which titles the app shows (the UI's `TitleLanguage`).
pub const TITLES: [&str; 3] = ["en", "zh", "both"];

/// A named view of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    pub name: String,
    pub filter: Filter,
    /// The first day shown (`YYYY-MM-DD`, or a coarser date); absent: as the timeline opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub from: Option<String>,
    /// The last day shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to: Option<String>,
    /// One of `GROUP_BY`.
    pub group_by: String,
    /// One of `TITLES`.
    pub titles: String,
}

/// A stored view this release cannot read, with why; it stays stored as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnreadableView {
    pub name: String,
    pub message: String,
}

/// Every saved view, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedViews {
    pub views: Vec<SavedView>,
    /// Views stored by a newer release (or damaged): listed so the user knows they are there.
    pub unreadable: Vec<UnreadableView>,
}

/// What an import of a views file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ViewsImported {
    /// The names added.
    pub added: Vec<String>,
    /// The names that were already saved and now hold the file's view.
    pub replaced: Vec<String>,
}

/// Checks a view's name and returns it trimmed.
pub fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "a saved view needs a name"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            format!("a view's name can be at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "a view's name cannot contain line breaks or control characters",
        ));
    }
    Ok(name.to_owned())
}

fn check_date(field: &str, text: Option<&str>) -> Result<Option<PartialDate>> {
    text.map(|t| {
        t.parse::<PartialDate>()
            .map_err(|e| Error::invalid(field, format!("{t:?} is not a date (YYYY-MM-DD): {e}")))
    })
    .transpose()
}

/// Checks a view, returning it with its name trimmed.
pub fn validate(view: &SavedView) -> Result<SavedView> {
    let name = check_name(&view.name)?;
    let from = check_date("from", view.from.as_deref())?;
    let to = check_date("to", view.to.as_deref())?;
    if let (Some(from), Some(to)) = (from, to) {
        if from.first_day() > to.last_day() {
            return Err(Error::invalid(
                "to",
                format!("the range ends ({to}) before it starts ({from})"),
            ));
        }
    }
    if !GROUP_BY.contains(&view.group_by.as_str()) {
        return Err(Error::invalid(
            "group_by",
            format!(
                "{:?} is not a grouping; use one of {}",
                view.group_by,
                GROUP_BY.join(", ")
            ),
        ));
    }
    if !TITLES.contains(&view.titles.as_str()) {
        return Err(Error::invalid(
            "titles",
            format!(
                "{:?} is not a titles language; use one of {}",
                view.titles,
                TITLES.join(", ")
            ),
        ));
    }
    Ok(SavedView {
        name,
        ..view.clone()
    })
}

/// The first key of `given` that reading it as a view would lose: a field this release does
/// not know (`Filter` takes defaults for missing fields and so also skips unknown ones). An
/// empty list or null stands for the default and is not a loss.
fn lost_field(given: &Value, read: &Value, path: &str) -> Option<String> {
    let (Value::Object(given), Value::Object(read)) = (given, read) else {
        return None;
    };
    for (key, value) in given {
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        match read.get(key) {
            Some(kept) => {
                if let Some(lost) = lost_field(value, kept, &here) {
                    return Some(lost);
                }
            }
            None => {
                let default = value.is_null() || value.as_array().is_some_and(Vec::is_empty);
                if !default {
                    return Some(here);
                }
            }
        }
    }
    None
}

/// Reads a view from JSON, naming the field at fault; unknown fields are refused so that a
/// view from a newer release is never read with part of it missing.
pub fn from_value(value: Value) -> Result<SavedView> {
    let view: SavedView = serde_path_to_error::deserialize(value.clone()).map_err(|e| {
        let path = e.path().to_string();
        Error::invalid(
            if path == "." { "view".into() } else { path },
            e.into_inner().to_string(),
        )
    })?;
    let read = serde_json::to_value(&view).map_err(|e| Error::invalid("view", e.to_string()))?;
    if let Some(field) = lost_field(&value, &read, "") {
        return Err(Error::invalid(
            field,
            "not a field this version of Bilateral knows (saved by a newer version?)",
        ));
    }
    Ok(view)
}

/// The stored JSON of a view: everything but the name, which has its own column.
fn stored_json(view: &SavedView) -> Result<String> {
    let mut value =
        serde_json::to_value(view).map_err(|e| Error::invalid("view", e.to_string()))?;
    if let Value::Object(map) = &mut value {
        map.remove("name");
    }
    Ok(value.to_string())
}

/// A stored row as the JSON of a whole view (name included), however it reads.
fn row_value(name: &str, json: &str) -> Result<Value> {
    let mut value: Value =
        serde_json::from_str(json).map_err(|e| Error::invalid("view", format!("not JSON: {e}")))?;
    match &mut value {
        Value::Object(map) => {
            map.insert("name".into(), Value::String(name.to_owned()));
        }
        _ => return Err(Error::invalid("view", "not a JSON object")),
    }
    Ok(value)
}

/// Every stored view as its name and JSON, in name order.
fn stored_rows(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT name, view FROM saved_views ORDER BY name COLLATE NOCASE, name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn is_saved(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM saved_views WHERE name = ?1", [name], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// Writes `json` as the view `name`, new or over the one of that name.
fn write_view(conn: &Connection, name: &str, json: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO saved_views (name, view, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO UPDATE SET view = excluded.view, updated_at = excluded.updated_at",
        params![name, json, now()],
    )?;
    Ok(())
}

fn no_such_view(name: &str) -> Error {
    Error::invalid("name", format!("no saved view is named {name:?}"))
}

fn taken(name: &str) -> Error {
    Error::Conflict {
        id: name.to_owned(),
        message: format!(
            "a view named {name:?} is already saved; replace it or choose another name"
        ),
    }
}

impl Store {
    /// Saves a view under its name. A name already saved is refused with a conflict naming
    /// it unless `replace` says to write over it. Returns the view as stored.
    pub fn save_view(&mut self, view: &SavedView, replace: bool) -> Result<SavedView> {
        let view = validate(view)?;
        let json = stored_json(&view)?;
        let tx = self.write_tx()?;
        let exists = is_saved(&tx, &view.name)?;
        if exists && !replace {
            return Err(taken(&view.name));
        }
        write_view(&tx, &view.name, &json)?;
        tx.commit()?;
        Ok(view)
    }

    /// Every saved view by name, and those this release cannot read, with why.
    pub fn saved_views(&self) -> Result<SavedViews> {
        let mut all = SavedViews::default();
        for (name, json) in stored_rows(self.conn())? {
            match row_value(&name, &json).and_then(from_value) {
                Ok(view) => all.views.push(view),
                Err(e) => all.unreadable.push(UnreadableView {
                    name,
                    message: e.to_string(),
                }),
            }
        }
        Ok(all)
    }

    pub fn delete_view(&mut self, name: &str) -> Result<()> {
        let tx = self.write_tx()?;
        if tx.execute("DELETE FROM saved_views WHERE name = ?1", [name])? == 0 {
            return Err(no_such_view(name));
        }
        tx.commit()?;
        Ok(())
    }

    /// Renames a view (readable or not: only its name changes); the new name must be free.
    /// Returns the new name, trimmed.
    pub fn rename_view(&mut self, name: &str, new_name: &str) -> Result<String> {
        let new_name = check_name(new_name).map_err(|e| match e {
            Error::Invalid { message, .. } => Error::invalid("new_name", message),
            other => other,
        })?;
        let tx = self.write_tx()?;
        if new_name != name {
            let exists = is_saved(&tx, &new_name)?;
            if exists {
                return Err(taken(&new_name));
            }
        }
        let changed = tx.execute(
            "UPDATE saved_views SET name = ?2, updated_at = ?3 WHERE name = ?1",
            params![name, new_name, now()],
        )?;
        if changed == 0 {
            return Err(no_such_view(name));
        }
        tx.commit()?;
        Ok(new_name)
    }

    /// Saves every view in one transaction: all or nothing. A view of a name already saved
    /// is replaced, except one this release cannot read, which is refused (never written over
    /// by a file).
    pub fn import_views(&mut self, views: &[SavedView]) -> Result<ViewsImported> {
        let unreadable: Vec<String> = self
            .saved_views()?
            .unreadable
            .into_iter()
            .map(|u| u.name)
            .collect();
        let mut outcome = ViewsImported {
            added: Vec::new(),
            replaced: Vec::new(),
        };
        let tx = self.write_tx()?;
        for (i, view) in views.iter().enumerate() {
            let view = validate(view).map_err(|e| e.within(&format!("views[{i}]")))?;
            if unreadable.contains(&view.name) {
                return Err(Error::Conflict {
                    id: view.name.clone(),
                    message: format!(
                        "views[{i}]: the saved view {:?} was made by a newer version and is not \
                         replaced by an import; rename it first. Nothing was imported",
                        view.name
                    ),
                });
            }
            let existed = is_saved(&tx, &view.name)?;
            write_view(&tx, &view.name, &stored_json(&view)?)?;
            if existed {
                outcome.replaced.push(view.name);
            } else {
                outcome.added.push(view.name);
            }
        }
        tx.commit()?;
        Ok(outcome)
    }
}

/// Every stored view as a `bilateral-views` file. Views this release cannot read are written
/// as they are stored, so the release that made them can take them back.
pub fn views_file(store: &Store) -> Result<String> {
    let mut views = Vec::new();
    for (name, json) in stored_rows(store.conn())? {
        views.push(row_value(&name, &json).map_err(|e| e.within(&format!("view {name:?}")))?);
    }
    let mut file = Map::new();
    file.insert("format".into(), FORMAT.into());
    file.insert("version".into(), VERSION.into());
    file.insert("views".into(), Value::Array(views));
    serde_json::to_string_pretty(&Value::Object(file))
        .map_err(|e| Error::invalid("views", e.to_string()))
}

/// Reads a `bilateral-views` file, refusing it whole at the first fault with the item and
/// field named (`views[2].group_by`).
pub fn parse_views_file(text: &str, file: &str) -> Result<Vec<SavedView>> {
    let value: Value = serde_json::from_str(text).map_err(|e| Error::json(file, &e))?;
    let Value::Object(mut top) = value else {
        return Err(Error::invalid(
            file,
            "not a views file: expected a JSON object",
        ));
    };
    if top.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(Error::invalid(
            "format",
            format!("not a views file: \"format\" must be {FORMAT:?}"),
        ));
    }
    match top.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        Some(newer) if newer > VERSION => {
            return Err(Error::invalid(
                "version",
                format!("version {newer} was written by a newer Bilateral; this one reads version {VERSION}"),
            ))
        }
        _ => return Err(Error::invalid("version", format!("must be {VERSION}"))),
    }
    let Some(Value::Array(items)) = top.remove("views") else {
        return Err(Error::invalid("views", "must be a list of views"));
    };
    let mut views: Vec<SavedView> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let view = from_value(item)
            .and_then(|v| validate(&v))
            .map_err(|e| e.within(&format!("views[{i}]")))?;
        if views.iter().any(|v| v.name == view.name) {
            return Err(Error::invalid(
                format!("views[{i}].name"),
                format!("{:?} appears twice in the file", view.name),
            ));
        }
        views.push(view);
    }
    Ok(views)
}

/// Writes every view to `path` through a `.part` file renamed into place, so a failed write
/// leaves `path` as it was. Returns how many views were written.
pub fn export_file(store: &Store, path: &Path) -> Result<usize> {
    let text = views_file(store)?;
    let count = store
        .conn()
        .query_row("SELECT count(*) FROM saved_views", [], |r| {
            r.get::<_, i64>(0)
        })?;
    let fail = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let partial = crate::transfer::partial_path(path);
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&partial)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map_err(fail)?;
    Ok(usize::try_from(count).unwrap_or_default())
}

/// Reads the views file at `path` (bounded) and imports it whole, or writes nothing.
pub fn import_file(store: &mut Store, path: &Path) -> Result<ViewsImported> {
    let bytes = crate::formats::input::read_file(path)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| Error::invalid(&name, format!("not UTF-8 text: {e}")))?;
    let views = parse_views_file(text, &name)?;
    store.import_views(&views)
}

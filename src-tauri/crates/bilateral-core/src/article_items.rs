//! What "New from article" writes: the candidates the user accepted, each either a new event
//! or the article added as a source of an event already stored. All of them in one
//! transaction, all or nothing; an error names the item and its field (`items[2].source.url`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::import::Imported;
use crate::limits::excerpt;
use crate::model::{normalize_web_url, Event, Origin, Source, StoredEvent};
use crate::store::{exists, load_event, now, write_event, Store};

/// One accepted candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ArticleItem {
    /// A new event; an empty id gets a fresh UUID v7.
    NewEvent { event: Event },
    /// The article as a source of the stored event `id`: appended, or, when the event already
    /// cites this URL, its quote merged into that source. Every other field is kept.
    AddSource { id: String, source: Source },
}

/// What `add_from_article` did, by event id, in item order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArticleAdded {
    /// The new events.
    pub created: Vec<String>,
    /// Stored events that gained the source (or its quote).
    pub sourced: Vec<String>,
    /// Stored events that already cited the source with this quote: left as they were.
    pub unchanged: Vec<String>,
}

impl ArticleItem {
    /// Reads the items the UI sent, naming the field that cannot be read (`items[1].event.start`).
    /// Each item is read by its `type`, so the path reaches inside it.
    pub fn list_from_json(value: serde_json::Value) -> Result<Vec<ArticleItem>> {
        let serde_json::Value::Array(values) = value else {
            return Err(Error::invalid("items", "expected a list of items"));
        };
        values
            .into_iter()
            .enumerate()
            .map(|(i, value)| {
                let kind = value.get("type").and_then(serde_json::Value::as_str);
                match kind {
                    Some("new_event") => read_fields::<NewEventFields>(value, i)
                        .map(|f| ArticleItem::NewEvent { event: f.event }),
                    Some("add_source") => {
                        read_fields::<AddSourceFields>(value, i).map(|f| ArticleItem::AddSource {
                            id: f.id,
                            source: f.source,
                        })
                    }
                    _ => Err(Error::invalid(
                        format!("items[{i}].type"),
                        "expected \"new_event\" or \"add_source\"",
                    )),
                }
            })
            .collect()
    }
}

#[derive(Deserialize)]
struct NewEventFields {
    event: Event,
}

#[derive(Deserialize)]
struct AddSourceFields {
    id: String,
    source: Source,
}

fn read_fields<T: serde::de::DeserializeOwned>(value: serde_json::Value, item: usize) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            format!("items[{item}]")
        } else {
            format!("items[{item}].{path}")
        };
        Error::invalid(field, e.inner().to_string())
    })
}

/// The quote a source ends up with when `new` is added to `old`: `None` when nothing changes.
/// A quote already held (or holding the other) is not repeated; two different sentences are
/// kept one per line.
pub fn merged_quote(old: Option<&str>, new: Option<&str>) -> Option<String> {
    let new = new.map(str::trim).filter(|q| !q.is_empty())?;
    let old = old.map(str::trim).filter(|q| !q.is_empty());
    match old {
        None => Some(new.to_owned()),
        Some(old) if old.contains(new) => None,
        Some(old) if new.contains(old) => Some(new.to_owned()),
        Some(old) => Some(format!("{old}\n{new}")),
    }
}

/// Adds `source` (whose URL normalises to `url`) to `event`. Returns the index of the source
/// added or changed, or `None` when the event already cites it with this quote.
fn merge_source(event: &mut Event, source: &Source, url: &str) -> Option<usize> {
    let same = event
        .sources
        .iter()
        .position(|s| normalize_web_url(&s.url).is_ok_and(|u| u == url));
    let Some(index) = same else {
        event.sources.push(Source {
            reported_date: None,
            reported_place: None,
            archived_url: None,
            archived_at: None,
            url: url.to_owned(),
            ..source.clone()
        });
        return Some(event.sources.len() - 1);
    };
    let stored = event.sources.get_mut(index)?;
    let mut changed = false;
    if let Some(quote) = merged_quote(stored.quote.as_deref(), source.quote.as_deref()) {
        stored.quote = Some(quote);
        changed = true;
    }
    if stored.publisher.trim().is_empty() && !source.publisher.trim().is_empty() {
        stored.publisher.clone_from(&source.publisher);
        changed = true;
    }
    if stored.published.is_none() && source.published.is_some() {
        stored.published = source.published;
        changed = true;
    }
    changed.then_some(index)
}

/// An invalid field of the event an `AddSource` item changed, named from the item's side: the
/// source it sent is `items[i].source`, anything else `items[i].event`.
fn source_error(error: Error, item: usize, source: usize) -> Error {
    match error {
        Error::Invalid { field, message } => {
            let prefix = format!("sources[{source}]");
            let field = match field.strip_prefix(&prefix) {
                Some(rest) => format!("items[{item}].source{rest}"),
                None if field == "sources" => format!("items[{item}].source"),
                None => format!("items[{item}].event.{field}"),
            };
            Error::Invalid { field, message }
        }
        other => other,
    }
}

impl Store {
    /// Writes every item in one IMMEDIATE transaction: all or nothing. Answers what was done
    /// and each event changed, before and after, so the whole can be undone in one step.
    pub fn add_from_article(
        &mut self,
        items: &[ArticleItem],
    ) -> Result<(ArticleAdded, Vec<Imported>)> {
        let tx = self.write_tx()?;
        let stamp = now();
        let mut report = ArticleAdded::default();
        // Each event touched, with how it was before the first item that touched it.
        let mut touched: Vec<(String, Option<StoredEvent>)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item {
                ArticleItem::NewEvent { event } => {
                    let mut event = event.clone();
                    if event.id.trim().is_empty() {
                        event.id = uuid::Uuid::now_v7().to_string();
                    }
                    event
                        .validate()
                        .map_err(|e| e.within(&format!("items[{i}].event")))?;
                    if exists(&tx, &event.id)? {
                        return Err(Error::invalid(
                            format!("items[{i}].event.id"),
                            format!("an event with id {} already exists", excerpt(&event.id)),
                        ));
                    }
                    write_event(&tx, &event, Origin::User, false, &stamp, &stamp)?;
                    touched.push((event.id.clone(), None));
                    report.created.push(event.id);
                }
                ArticleItem::AddSource { id, source } => {
                    let current = load_event(&tx, id)?.ok_or_else(|| {
                        Error::invalid(
                            format!("items[{i}].id"),
                            format!(
                                "no stored event has the id {}: it may have been deleted since \
                                 the article was read",
                                excerpt(id)
                            ),
                        )
                    })?;
                    let url = normalize_web_url(&source.url)
                        .map_err(|m| Error::invalid(format!("items[{i}].source.url"), m))?;
                    let mut event = current.event.clone();
                    let Some(changed) = merge_source(&mut event, source, &url) else {
                        report.unchanged.push(id.clone());
                        continue;
                    };
                    event.validate().map_err(|e| source_error(e, i, changed))?;
                    // A shipped event the user adds to is theirs now: upgrades keep it.
                    let edited = current.origin == Origin::Dataset || current.edited;
                    write_event(
                        &tx,
                        &event,
                        current.origin,
                        edited,
                        &current.created_at,
                        &stamp,
                    )?;
                    if !touched.iter().any(|(seen, _)| seen == id) {
                        touched.push((id.clone(), Some(current)));
                    }
                    if !report.sourced.contains(id) {
                        report.sourced.push(id.clone());
                    }
                }
            }
        }
        let mut changes = Vec::with_capacity(touched.len());
        for (id, before) in touched {
            let after = load_event(&tx, &id)?.ok_or_else(|| Error::NotFound { id })?;
            changes.push(Imported { before, after });
        }
        tx.commit()?;
        Ok((report, changes))
    }
}

//! The second half of migration 0005 (`migrations/0005_provenance_chinese.sql`): what SQL
//! alone cannot do. Every stored event gets the verification state its sources give it
//! (the rule lives in `verification.rs`, once), and the search index, recreated with its
//! `cjk` column, is filled again.

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

use crate::model::{Event, Kind, Source};
use crate::verification::Verification;

pub(crate) fn after_columns_added(tx: &Transaction<'_>) -> HookResult {
    let hook = |e: crate::error::Error| HookError::Hook(e.to_string());
    let mut events = tx.prepare("SELECT id, start_text, end_text FROM events ORDER BY id")?;
    let mut sources =
        tx.prepare("SELECT url, publisher FROM sources WHERE event_id = ?1 ORDER BY position")?;
    let mut update = tx.prepare("UPDATE events SET verification = ?2 WHERE id = ?1")?;
    let rows = events.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, start, end) = row?;
        // A row whose dates cannot be read is left as it is: the window reports it damaged.
        let (Ok(start), Ok(end)) = (start.parse(), end.map(|e| e.parse()).transpose()) else {
            continue;
        };
        let sources = sources
            .query_map([&id], |r| {
                Ok(Source {
                    url: r.get(0)?,
                    publisher: r.get(1)?,
                    ..Source::default()
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let event = Event {
            links: Vec::new(),
            id: id.clone(),
            title: String::new(),
            title_zh: None,
            summary: String::new(),
            start,
            end,
            kind: Kind::Other,
            actors: Vec::new(),
            location: None,
            tags: Vec::new(),
            sources,
            verification: None,
        };
        update.execute([id.as_str(), Verification::of(&event).as_str()])?;
    }
    crate::search_index::fill_all(tx).map_err(hook)?;
    Ok(())
}

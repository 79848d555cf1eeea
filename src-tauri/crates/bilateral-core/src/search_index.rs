//! What the full-text index holds for an event, written in one place: the single-event
//! writes, bulk imports and migrations all fill `events_fts` with this statement, so a search
//! finds the same words whichever path wrote the event.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction};

use crate::cjk;
use crate::error::Result;

/// Indexes the search rows `rows` (a FROM clause naming `search_rows` as `r`) keeps where
/// `condition` holds, `key` being the row id as read in the order of `rows` (the same value
/// read from another table in the join leaves SQLite to sort every text first): title, summary, actors (with their
/// Chinese names and pinyin), tags, location, each source's quote, title and publisher, and
/// the Chinese text of all of these as character pairs (`cjk.rs`). The rows are read in
/// rowid order as they are written, not materialised first: a million events' text would
/// otherwise be held at once.
fn fill_sql(rows: &str, key: &str, condition: &str) -> String {
    format!(
        "
    WITH texts AS NOT MATERIALIZED (
        SELECT {key} AS rowid, e.title AS title, coalesce(e.title_zh, '') AS title_zh,
               e.summary AS summary,
               coalesce((SELECT group_concat(n, ' ') FROM
                           (SELECT a.name || coalesce(' ' || a.name_zh, '')
                                   || coalesce(' ' || a.pinyin, '') AS n
                            FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                            WHERE ea.event_id = e.id ORDER BY ea.position)), '') AS actors,
               coalesce((SELECT group_concat(tag, ' ') FROM
                           (SELECT t.tag FROM event_tags t
                            WHERE t.event_id = e.id ORDER BY t.position)), '') AS tags,
               coalesce(e.location, '') AS location,
               coalesce((SELECT group_concat(q, ' ') FROM
                           (SELECT coalesce(s.quote, '') || ' ' || s.title || ' '
                                   || s.publisher AS q
                            FROM sources s WHERE s.event_id = e.id
                            ORDER BY s.position)), '') AS quotes
        FROM {rows} JOIN events e ON e.id = r.event_id
        WHERE {condition})
    INSERT INTO events_fts (rowid, title, summary, actors, tags, location, quotes, cjk)
    SELECT rowid, title, summary, actors, tags, location, quotes,
           bilateral_cjk(title || ' ' || title_zh || ' ' || summary || ' ' || actors || ' '
                         || location || ' ' || quotes)
    FROM texts ORDER BY rowid"
    )
}

/// Indexes one search row.
pub(crate) fn fill_one(tx: &Transaction<'_>, rowid: i64) -> Result<()> {
    tx.prepare_cached(&fill_sql("search_rows r", "r.rowid", "r.rowid = ?1"))?
        .execute([rowid])?;
    Ok(())
}

/// Indexes every search row.
pub(crate) fn fill_all(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached(&fill_sql("search_rows r", "r.rowid", "1"))?
        .execute([])?;
    Ok(())
}

/// The second half of migration 0013 (`migrations/0013_search_keys.sql`): the index it
/// recreated, filled under the new row ids.
pub(crate) fn after_renumbering(tx: &Transaction<'_>) -> rusqlite_migration::HookResult {
    fill_all(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

/// The search rows a bulk write added, to be indexed together when it ends: their ids are
/// spread over the bands (`search_key.rs`), and FTS5 takes rows fastest in id order.
pub(crate) struct Pending {
    count: usize,
}

impl Pending {
    pub(crate) fn new(tx: &Transaction<'_>) -> Result<Self> {
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS search_pending (rowid INTEGER PRIMARY KEY);
             DELETE FROM temp.search_pending;",
        )?;
        Ok(Self { count: 0 })
    }

    pub(crate) fn add(&mut self, tx: &Transaction<'_>, rowid: i64) -> Result<()> {
        tx.prepare_cached("INSERT INTO temp.search_pending (rowid) VALUES (?1)")?
            .execute([rowid])?;
        self.count += 1;
        Ok(())
    }

    /// Indexes the rows added, in id order, and forgets them.
    pub(crate) fn fill(self, tx: &Transaction<'_>) -> Result<()> {
        if self.count > 0 {
            tx.prepare_cached(&fill_sql(
                "temp.search_pending p CROSS JOIN search_rows r ON r.rowid = p.rowid",
                "p.rowid",
                "1",
            ))?
            .execute([])?;
        }
        tx.execute("DELETE FROM temp.search_pending", [])?;
        Ok(())
    }
}

/// Defines `bilateral_cjk(text)` on a connection that writes: the pairs `cjk::index_text`
/// makes, for the `cjk` column.
pub(crate) fn register(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "bilateral_cjk",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(cjk::index_text(text.as_deref().unwrap_or_default()))
        },
    )?;
    Ok(())
}

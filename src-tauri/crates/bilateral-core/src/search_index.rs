//! What the full-text index holds for an event, written in one place: the single-event
//! writes, bulk imports and migrations all fill `events_fts` with this statement, so a search
//! finds the same words whichever path wrote the event.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, Transaction};

use crate::cjk;
use crate::error::Result;

/// Indexes the search rows with `rowid` in (?1, ?2]: title, summary, actors (with their
/// Chinese names and pinyin), tags, location, each source's quote, title and publisher, and
/// the Chinese text of all of these as character pairs (`cjk.rs`). The rows are read in
/// rowid order as they are written, not materialised first: a million events' text would
/// otherwise be held at once.
const FILL: &str = "
    WITH texts AS NOT MATERIALIZED (
        SELECT r.rowid AS rowid, e.title AS title, coalesce(e.title_zh, '') AS title_zh,
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
        FROM search_rows r JOIN events e ON e.id = r.event_id
        WHERE r.rowid > ?1 AND r.rowid <= ?2)
    INSERT INTO events_fts (rowid, title, summary, actors, tags, location, quotes, cjk)
    SELECT rowid, title, summary, actors, tags, location, quotes,
           bilateral_cjk(title || ' ' || title_zh || ' ' || summary || ' ' || actors || ' '
                         || location || ' ' || quotes)
    FROM texts ORDER BY rowid";

/// Indexes the search rows numbered after `after` up to `last`, both given as row ids.
pub(crate) fn fill(tx: &Transaction<'_>, after: i64, last: i64) -> Result<()> {
    tx.prepare_cached(FILL)?.execute([after, last])?;
    Ok(())
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

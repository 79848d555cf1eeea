//! What the store already names: its actors (with sides) and its locations, so a candidate
//! event names them the same way the stored events do.

use crate::error::Result;
use crate::model::Side;
use crate::store::Store;

/// The actors stored events name, each once, in name order; a side the model does not know
/// (from a damaged row) is skipped.
pub fn actors(store: &Store) -> Result<Vec<(String, Side)>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT DISTINCT a.name, a.side FROM actors a
         WHERE EXISTS (SELECT 1 FROM event_actors ea WHERE ea.actor_id = a.id)
         ORDER BY a.name, a.side",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, side) = row?;
        if let Some(side) = Side::parse(&side) {
            out.push((name, side));
        }
    }
    Ok(out)
}

/// The locations of stored events, each once, in order.
pub fn locations(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT DISTINCT location FROM events WHERE location IS NOT NULL AND location != ''
         ORDER BY location",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

//! What the full-text index holds for an event, written in one place: the single-event
//! writes, bulk imports and migrations all fill `events_fts` with this statement, so a search
//! finds the same words whichever path wrote the event.

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, Transaction};

use crate::cjk;
use crate::error::Result;
use crate::model::Event;
use crate::store::{first_of_each, stored_tags, ActorIds};

/// Indexes the search rows `rows` (a FROM clause naming `search_rows` as `r`) keeps where
/// `condition` holds, `key` being the row id as read in the order of `rows` (the same value
/// read from another table in the join leaves SQLite to sort every text first): title, summary, actors (with their
/// Chinese names and pinyin), tags, location, each source's quote, title and publisher, and
/// the Chinese text of all of these as character pairs (`cjk.rs`). The rows are read in
/// rowid order as they are written, not materialised first: a million events' text would
/// otherwise be held at once.
fn fill_sql(rows: &str, key: &str, condition: &str) -> String {
    format!(
        "{}
    INSERT INTO events_fts (rowid, title, summary, actors, tags, location, quotes, cjk)
    SELECT rowid, title, summary, actors, tags, location, quotes,
           bilateral_cjk(title || ' ' || title_zh || ' ' || summary || ' ' || actors || ' '
                         || location || ' ' || quotes)
    FROM texts ORDER BY rowid",
        texts(rows, key, condition)
    )
}

/// The `texts` of `fill_sql`: each search row's text as columns, with its event's id.
fn texts(rows: &str, key: &str, condition: &str) -> String {
    format!(
        "
    WITH texts AS NOT MATERIALIZED (
        SELECT {key} AS rowid, r.event_id AS event_id, e.title AS title,
               coalesce(e.title_zh, '') AS title_zh,
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
        WHERE {condition})"
    )
}

/// The indexed text of the events `ids` (those that have a search row), column by column as
/// the index was given it, with the id of each: for marking a search's words in its hits
/// (`snippets.rs`), since the index keeps no copy of the text. Runs on any connection: the
/// Chinese pairs are made here, not by `bilateral_cjk`.
pub(crate) fn texts_of(conn: &Connection, ids: &[&str]) -> Result<Vec<(String, [String; 7])>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let listed = vec!["?"; ids.len()].join(", ");
    let sql =
        format!(
        "{} SELECT event_id, title, title_zh, summary, actors, tags, location, quotes FROM texts",
        texts("search_rows r", "r.rowid", &format!("r.event_id IN ({listed})"))
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(ids), |r| {
        let text = |i: usize| r.get::<_, String>(i);
        let (title, title_zh, summary) = (text(1)?, text(2)?, text(3)?);
        let (actors, tags, location, quotes) = (text(4)?, text(5)?, text(6)?, text(7)?);
        let cjk = cjk_column(&title, &title_zh, &summary, &actors, &location, &quotes);
        Ok((
            text(0)?,
            [title, summary, actors, tags, location, quotes, cjk],
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The `cjk` column of a row: what `bilateral_cjk` makes of its other text.
fn cjk_column(
    title: &str,
    title_zh: &str,
    summary: &str,
    actors: &str,
    location: &str,
    quotes: &str,
) -> String {
    cjk::index_text(&format!(
        "{title} {title_zh} {summary} {actors} {location} {quotes}"
    ))
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

/// How much FTS5 holds in memory before it writes it as a new segment of the index: its own
/// default, for every write but a bulk import's…
const PENDING_BYTES: i64 = 1 << 20;
/// …which holds more, so it writes fewer segments and merges them less (100,000 events:
/// about a tenth of the import's CPU time). At a million events, 64 MiB instead of 16 took
/// the full-text batches from 7.8–9.0 s to 4.4–5.0 s (two interleaved pairs) with the same
/// peak, which the index builds after them set; 128 MiB gained nothing more.
const BULK_PENDING_BYTES: i64 = 64 << 20;

/// Sets how much FTS5 holds in memory before it writes a segment, for a bulk write (`true`)
/// or back to what every other write uses. The setting is stored in the index, inside `tx`.
pub(crate) fn hold_for_bulk(tx: &Transaction<'_>, bulk: bool) -> Result<()> {
    let bytes = if bulk {
        BULK_PENDING_BYTES
    } else {
        PENDING_BYTES
    };
    tx.execute(
        "INSERT INTO events_fts (events_fts, rank) VALUES ('hashsize', ?1)",
        [bytes],
    )?;
    Ok(())
}

/// Indexes again every event of the actors `ids`, whose search text changed after some of
/// their events were indexed with the text before.
pub(crate) fn refill_actors(tx: &Transaction<'_>, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = ids.iter().map(i64::to_string).collect();
    let rows = format!(
        "SELECT r.rowid FROM event_actors ea JOIN search_rows r ON r.event_id = ea.event_id
         WHERE ea.actor_id IN ({})",
        listed.join(", ")
    );
    tx.execute(
        &format!("DELETE FROM events_fts WHERE rowid IN ({rows})"),
        [],
    )?;
    tx.execute(
        &fill_sql("search_rows r", "r.rowid", &format!("r.rowid IN ({rows})")),
        [],
    )?;
    Ok(())
}

/// The second half of migration 0013 (`migrations/0013_search_keys.sql`): the index it
/// recreated, filled under the new row ids.
pub(crate) fn after_renumbering(tx: &Transaction<'_>) -> rusqlite_migration::HookResult {
    fill_all(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

/// The second half of migration 0021 (`migrations/0021_contentless_search.sql`): the index
/// it recreated without a copy of the text, filled as a bulk import fills it.
pub(crate) fn after_dropping_content(tx: &Transaction<'_>) -> rusqlite_migration::HookResult {
    let refill = || -> Result<()> {
        hold_for_bulk(tx, true)?;
        fill_all(tx)?;
        hold_for_bulk(tx, false)
    };
    refill().map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
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

/// The text of the events a bulk write adds, indexed as they are written rather than read
/// back from their rows at the end (at a hundred thousand events, a third of an import went
/// to that reading). FTS5 writes a segment each time a row id comes below the one before, and
/// the rows' ids are spread over the bands (`search_key.rs`): so the rows are held until a
/// batch's worth of text has come, then written in id order.
pub(crate) struct Batch {
    rows: Vec<(i64, [String; 7])>,
    bytes: usize,
}

/// The text a batch holds before it is written: a few segments' worth for FTS5, and little
/// memory beside an import's page cache. Unit tests write many small batches.
const BATCH_BYTES: usize = if cfg!(test) { 2 << 10 } else { 16 << 20 };

impl Batch {
    pub(crate) fn new() -> Self {
        Self {
            rows: Vec::new(),
            bytes: 0,
        }
    }

    /// Adds search row `rowid` of `event`, whose rows (actors through `actors`) are written.
    pub(crate) fn add(
        &mut self,
        tx: &Transaction<'_>,
        rowid: i64,
        event: &Event,
        actors: &ActorIds,
    ) -> Result<()> {
        let columns = columns(event, actors);
        self.bytes += columns.iter().map(String::len).sum::<usize>();
        self.rows.push((rowid, columns));
        if self.bytes >= BATCH_BYTES {
            self.write(tx)?;
        }
        Ok(())
    }

    /// Indexes the rows held, in id order.
    pub(crate) fn write(&mut self, tx: &Transaction<'_>) -> Result<()> {
        self.rows.sort_unstable_by_key(|(rowid, _)| *rowid);
        let mut insert = tx.prepare_cached(
            "INSERT INTO events_fts (rowid, title, summary, actors, tags, location, quotes, cjk)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (rowid, [title, summary, actors, tags, location, quotes, cjk]) in self.rows.drain(..) {
            insert.execute(params![
                rowid, title, summary, actors, tags, location, quotes, cjk
            ])?;
        }
        self.bytes = 0;
        Ok(())
    }
}

/// What `fill_sql` reads from the rows `write_event_rows` makes of `event`: the same text,
/// column by column, made from the event in hand.
fn columns(event: &Event, actor_ids: &ActorIds) -> [String; 7] {
    let title = event.title.trim();
    let summary = event.summary.trim();
    // One row per actor and per tag, as `store::write_actors` and `store::write_tags` write them.
    let ids = first_of_each(event.actors.iter().filter_map(|a| actor_ids.id(a)));
    let actors = join(ids.iter().map(|&id| actor_ids.text(id)));
    let tags = stored_tags(&event.tags);
    let location = event
        .location
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or_default();
    let quotes = join(event.sources.iter().map(|s| {
        let quote = s.quote.as_deref().map(str::trim).unwrap_or_default();
        format!("{quote} {} {}", s.title.trim(), s.publisher.trim())
    }));
    let cjk = cjk_column(
        title,
        event.title_zh.as_deref().unwrap_or_default(),
        summary,
        &actors,
        location,
        &quotes,
    );
    [
        title.to_owned(),
        summary.to_owned(),
        actors,
        tags.join(" "),
        location.to_owned(),
        quotes,
        cjk,
    ]
}

/// The parts with a space between each, as `group_concat(part, ' ')` makes them.
fn join<S: AsRef<str>>(parts: impl Iterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part.as_ref());
    }
    out
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::model::{Actor, Kind, Side, Source};
    use crate::store::Store;

    fn actor(name: &str, side: Side, name_zh: Option<&str>, pinyin: Option<&str>) -> Actor {
        Actor {
            name: name.to_owned(),
            side,
            name_zh: name_zh.map(str::to_owned),
            pinyin: pinyin.map(str::to_owned),
        }
    }

    fn event(id: &str, title: &str, actors: Vec<Actor>) -> Event {
        Event {
            links: Vec::new(),
            id: id.to_owned(),
            title: title.to_owned(),
            summary: format!("  What happened at {title}.  "),
            start: "2023-11-15".parse().expect("date"),
            end: None,
            kind: Kind::Summit,
            actors,
            location: None,
            tags: Vec::new(),
            sources: Vec::new(),
            title_zh: None,
            verification: None,
        }
    }

    /// Every word the index holds, as (event id, column, position, word), in that order.
    fn indexed(conn: &Connection) -> Vec<(String, String, i64, String)> {
        conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.indexed_words
             USING fts5vocab(main, events_fts, instance)",
        )
        .unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT r.event_id, v.col, v.offset, v.term
                 FROM temp.indexed_words v JOIN search_rows r ON r.rowid = v.doc
                 ORDER BY 1, 2, 3",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// An import indexes each event from the event in hand; what it indexes must be what the
    /// statement every other write uses reads from the rows, or a search would find an event
    /// by one path and miss it by the other.
    #[test]
    fn an_import_indexes_what_the_rows_give() {
        let xi =
            |zh: Option<&str>, pinyin: Option<&str>| actor("Xi Jinping", Side::China, zh, pinyin);
        let mut first = event(
            "a",
            " Woodside summit ",
            vec![xi(None, None), actor("Joe Biden", Side::Us, None, None)],
        );
        first.title_zh = Some("伍德赛德峰会".to_owned());
        first.location = Some(" Woodside, California ".to_owned());
        first.tags = vec![
            "summit".to_owned(),
            " fentanyl ".to_owned(),
            "summit".to_owned(),
        ];
        first.sources = vec![
            Source {
                url: "https://example.org/a".to_owned(),
                title: " A report ".to_owned(),
                publisher: "Wire".to_owned(),
                quote: Some(" The leaders met. ".to_owned()),
                ..Source::default()
            },
            Source {
                url: "https://example.org/b".to_owned(),
                title: "Another".to_owned(),
                publisher: String::new(),
                quote: Some("   ".to_owned()),
                ..Source::default()
            },
        ];
        // The same actor twice, a blank location, no actors at all.
        let mut second = event("b", "Bangkok meeting", vec![xi(None, None), xi(None, None)]);
        second.location = Some("  ".to_owned());
        let third = event("c", "A hearing", Vec::new());
        // A later event gives the actor a Chinese name and pinyin: the events indexed before
        // it with the actor's old text must be indexed again.
        let fourth = event(
            "d",
            "Phone call",
            vec![xi(Some("习近平"), Some("Xí Jìnpíng"))],
        );

        // Enough events of other days and kinds for several batches, their row ids spread.
        let others = (0..120).map(|i| {
            let mut other = event(&format!("z{i:03}"), &format!("Talks round {i}"), Vec::new());
            other.start = format!("{}-0{}", 1980 + i % 40, 1 + i % 9)
                .parse()
                .expect("date");
            other.kind = [Kind::Summit, Kind::Meeting, Kind::Statement][i % 3];
            other
        });
        let mut store = Store::in_memory().unwrap();
        let events: Vec<Event> = [first.clone(), second, third, fourth]
            .into_iter()
            .chain(others)
            .collect();
        store.import(&events).unwrap();
        // An update replaces the event's row and text.
        first.summary = "Talks on fentanyl and military channels.".to_owned();
        store.import(&[first]).unwrap();
        // The index written in batches agrees with its own content.
        store
            .conn()
            .execute(
                "INSERT INTO events_fts (events_fts) VALUES ('integrity-check')",
                [],
            )
            .unwrap();
        let imported = indexed(store.conn());
        let events: std::collections::BTreeSet<&str> =
            imported.iter().map(|word| word.0.as_str()).collect();
        assert_eq!(events.len(), 124);
        let actor_words = |id: &str| -> Vec<&str> {
            imported
                .iter()
                .filter(|word| word.0 == id && word.1 == "actors")
                .map(|word| word.3.as_str())
                .collect()
        };
        let mut first_two = events.iter();
        let xi = ["xi", "jinping", "习近平", "xi", "jinping"];
        assert_eq!(
            actor_words(first_two.next().unwrap()),
            [&xi[..], &["joe", "biden"]].concat()
        );
        assert_eq!(actor_words(first_two.next().unwrap()), xi);

        let tx = store.write_tx().unwrap();
        tx.execute("DELETE FROM events_fts", []).unwrap();
        fill_all(&tx).unwrap();
        assert_eq!(indexed(&tx), imported);
    }
}

//! The snippet of each hit of a search: the search's words marked in the column of the event
//! that matches them best. The full-text index keeps no copy of the text it indexes (migration
//! 0021: the copy was the largest table of the store, and writing it a tenth of an import), so
//! the text of a page of hits is made again from their rows, by the statement that indexes
//! them (`search_index::texts_of`), and put in a small index of its own in memory, where
//! FTS5's `snippet()` runs with the search's own expression: the marks it made when the index
//! kept the text.

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::error::Result;

/// The columns and tokenizer of `events_fts` (`migrations/0021_contentless_search.sql`): a
/// test checks the two agree.
const PAGE_INDEX: &str = "CREATE VIRTUAL TABLE page USING fts5(
    title, summary, actors, tags, location, quotes, cjk,
    tokenize = 'unicode61 remove_diacritics 2'
)";

thread_local! {
    /// The page's index, made once per thread: a connection and FTS5's tables for each page
    /// cost more than the page's text.
    static PAGE: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// The snippet of each event of `ids` that matches the FTS5 expression `fts`, by event id:
/// its matched words between `\u{2}` and `\u{3}`, at most 14 words, `…` where cut.
pub(crate) fn marked(
    conn: &Connection,
    fts: &str,
    ids: &[&str],
) -> Result<HashMap<String, String>> {
    let texts = crate::search_index::texts_of(conn, ids)?;
    if texts.is_empty() {
        return Ok(HashMap::new());
    }
    PAGE.with_borrow_mut(|page| {
        let page = match page {
            Some(page) => page,
            None => {
                let made = Connection::open_in_memory()?;
                made.execute_batch(PAGE_INDEX)?;
                page.insert(made)
            }
        };
        mark_page(page, fts, &texts)
    })
}

fn mark_page(
    page: &Connection,
    fts: &str,
    texts: &[(String, [String; 7])],
) -> Result<HashMap<String, String>> {
    // One transaction, rolled back: FTS5 writes its pending rows once, not a segment per
    // row, and the index is left empty for the next page.
    let scratch = page.unchecked_transaction()?;
    let mut insert = scratch.prepare_cached(
        "INSERT INTO page (rowid, title, summary, actors, tags, location, quotes, cjk)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (row, (_, [title, summary, actors, tags, location, quotes, cjk])) in (0_i64..).zip(texts) {
        insert.execute(params![
            row, title, summary, actors, tags, location, quotes, cjk
        ])?;
    }
    let mut stmt = scratch.prepare_cached(
        "SELECT rowid, snippet(page, -1, char(2), char(3), '…', 14) FROM page WHERE page MATCH ?1",
    )?;
    let rows = stmt.query_map([fts], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut marked = HashMap::with_capacity(texts.len());
    for row in rows {
        let (row, snippet) = row?;
        if let Some((id, _)) = usize::try_from(row).ok().and_then(|row| texts.get(row)) {
            marked.insert(id.clone(), snippet);
        }
    }
    Ok(marked)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::store::Store;

    /// Marks made from another tokenizer or other columns would not be the search's.
    #[test]
    fn the_page_index_has_the_columns_and_tokenizer_of_the_store_index() {
        let store = Store::in_memory().unwrap();
        let stored: String = store
            .conn()
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'events_fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let squeezed =
            |sql: &str| -> String { sql.split_whitespace().collect::<Vec<_>>().join(" ") };
        let stored = squeezed(&stored);
        let page = squeezed(PAGE_INDEX);
        let columns = |sql: &str| -> String {
            let inside = &sql[sql.find("fts5(").unwrap() + 5..];
            inside
                .split(',')
                .map(str::trim)
                .filter(|part| !part.contains('='))
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(columns(&stored), columns(&page));
        let tokenize = |sql: &str| -> String {
            sql[sql.find("tokenize").unwrap()..]
                .split('\'')
                .nth(1)
                .unwrap()
                .to_owned()
        };
        assert_eq!(tokenize(&stored), tokenize(&page));
    }
}

-- Search rows are numbered by significance band, then start day, then a sequence
-- (`search_key.rs`): FTS5 reads a word's matches largest id first, so a common word is ranked
-- among its most significant matches without scoring every one. The rows are renumbered
-- here, and the index is filled again by the migration's hook (`search_index::after_renumbering`), which
-- has the `bilateral_cjk` function the fill needs.
CREATE TABLE search_rows_keyed (
    rowid    INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE
) STRICT;

INSERT INTO search_rows_keyed (rowid, event_id)
SELECT base + row_number() OVER (PARTITION BY base ORDER BY id) - 1, id
FROM (SELECT e.id AS id,
             (((e.significance + 10) << 43) | (max(0, min(e.first_day, 4194303)) << 21)) AS base
      FROM events e);

DROP TABLE search_rows;
ALTER TABLE search_rows_keyed RENAME TO search_rows;

DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
    title,
    summary,
    actors,
    tags,
    location,
    quotes,
    cjk,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The words the index holds, for spelling a search's prefixes out as words
-- (`search_terms.rs`); it stores nothing of its own. Made here rather than by the search, so
-- a read connection never writes a schema.
CREATE VIRTUAL TABLE events_fts_terms USING fts5vocab(events_fts, row);

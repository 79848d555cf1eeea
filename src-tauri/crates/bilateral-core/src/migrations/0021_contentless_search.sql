-- The full-text index keeps no copy of the text it indexes. The copy (`events_fts_content`)
-- was the largest table of the store, larger than the events themselves (291 MB at a million
-- events), and writing it was a tenth of an import. Searching needs the index alone; the
-- snippets of a page of hits are made from the events' rows (`snippets.rs`), and a row leaves
-- the index by its id (`contentless_delete`). The index is filled again by the migration's
-- hook (`search_index::after_dropping_content`), which has the `bilateral_cjk` function the
-- fill needs.
DROP TABLE events_fts_terms;
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
    title,
    summary,
    actors,
    tags,
    location,
    quotes,
    cjk,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- As in 0013: the words the index holds, for spelling a search's prefixes out as words.
CREATE VIRTUAL TABLE events_fts_terms USING fts5vocab(events_fts, row);

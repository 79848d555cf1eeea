-- Provenance and Chinese: a Chinese title per event, a Chinese name and pinyin per actor, the
-- date each source reports (and the place whose calendar it uses), an archived copy per
-- source, and each event's verification state (computed from its sources by the core,
-- filled for stored events by this migration's hook, `provenance_backfill.rs`).
ALTER TABLE events ADD COLUMN title_zh TEXT;
ALTER TABLE events ADD COLUMN verification TEXT NOT NULL DEFAULT 'unsourced'
    CHECK (verification IN ('corroborated', 'single_source', 'disputed', 'unsourced'));
ALTER TABLE actors ADD COLUMN name_zh TEXT;
ALTER TABLE actors ADD COLUMN pinyin TEXT;
ALTER TABLE sources ADD COLUMN reported_date TEXT;
ALTER TABLE sources ADD COLUMN reported_place TEXT;
ALTER TABLE sources ADD COLUMN archived_url TEXT;
ALTER TABLE sources ADD COLUMN archived_at TEXT;

CREATE INDEX events_verification ON events (verification, first_day);

-- The verification facet, kept like the other unfiltered counts (migration 0004).
CREATE TABLE verification_counts (
    verification TEXT PRIMARY KEY NOT NULL,
    count        INTEGER NOT NULL
) STRICT;
INSERT INTO verification_counts (verification, count)
SELECT verification, count(*) FROM events GROUP BY verification;

CREATE TRIGGER events_verification_insert AFTER INSERT ON events BEGIN
    INSERT INTO verification_counts (verification, count) VALUES (new.verification, 1)
        ON CONFLICT (verification) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER events_verification_delete AFTER DELETE ON events BEGIN
    UPDATE verification_counts SET count = count - 1 WHERE verification = old.verification;
END;
CREATE TRIGGER events_verification_update AFTER UPDATE OF verification ON events
WHEN old.verification IS NOT new.verification BEGIN
    UPDATE verification_counts SET count = count - 1 WHERE verification = old.verification;
    INSERT INTO verification_counts (verification, count) VALUES (new.verification, 1)
        ON CONFLICT (verification) DO UPDATE SET count = count + 1;
END;

-- Search gains the `cjk` column: Chinese text as overlapping character pairs
-- (`bilateral_cjk`, defined on every connection by the core; see `cjk.rs`), and actors are
-- also found by their Chinese name and pinyin. The index is rebuilt with the new column.
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

-- Scale: a capped window reads about `limit + buckets` rows, density and unfiltered facets
-- read maintained counts, and long events stay out of the window's scan bound.
--
-- Lengths (last_day - first_day) sort events into three sets, each with its own index:
--   short  (≤ 30 days: days, multi-day spans, months) start at most 30 days before a window;
--   medium (31–366 days: years, seasons) start at most 366 days before it;
--   long   (> 366 days: a span of years) are few, and read from their own small index.
-- The tier orders events by significance, then by length class (day < span < month < longer),
-- as the window's "most significant first" rule does; `query.rs` repeats these expressions
-- word for word so SQLite matches them to the indexes.
CREATE INDEX events_tier ON events (
    (significance * 4 + CASE WHEN last_day - first_day = 0 THEN 0
                             WHEN last_day - first_day < 27 THEN 1
                             WHEN last_day - first_day <= 30 THEN 2
                             ELSE 3 END),
    first_day, id, last_day
) WHERE last_day - first_day <= 366;
CREATE INDEX events_medium ON events (first_day, last_day)
    WHERE last_day - first_day > 30 AND last_day - first_day <= 366;
CREATE INDEX events_long ON events (first_day, last_day) WHERE last_day - first_day > 366;

-- How many events start (`starts`) and end (`ends`) on each day, and per calendar year
-- (`year` as a number): the events overlapping [lo, hi] are those starting on or before hi
-- minus those ending before lo, so density and totals are range sums over at most a few
-- hundred rows, whatever the number of events.
CREATE TABLE day_counts (
    day    INTEGER PRIMARY KEY,
    starts INTEGER NOT NULL DEFAULT 0,
    ends   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE year_counts (
    year   INTEGER PRIMARY KEY,
    starts INTEGER NOT NULL DEFAULT 0,
    ends   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Facet counts for the unfiltered case.
CREATE TABLE kind_counts (
    kind  TEXT PRIMARY KEY NOT NULL,
    count INTEGER NOT NULL
) STRICT;
CREATE TABLE actor_counts (
    actor_id INTEGER PRIMARY KEY REFERENCES actors (id),
    count    INTEGER NOT NULL
) STRICT;
CREATE TABLE tag_counts (
    tag   TEXT PRIMARY KEY NOT NULL,
    count INTEGER NOT NULL
) STRICT;

-- Day number 1 is 0001-01-01, julian day 1721425.5.
INSERT INTO day_counts (day, starts, ends)
SELECT day, sum(s), sum(e) FROM (
    SELECT first_day AS day, 1 AS s, 0 AS e FROM events
    UNION ALL SELECT last_day, 0, 1 FROM events)
GROUP BY day;
INSERT INTO year_counts (year, starts, ends)
SELECT CAST(strftime('%Y', 1721424.5 + day) AS INTEGER) AS y, sum(starts), sum(ends)
FROM day_counts GROUP BY y;
INSERT INTO kind_counts (kind, count) SELECT kind, count(*) FROM events GROUP BY kind;
INSERT INTO actor_counts (actor_id, count)
SELECT actor_id, count(*) FROM event_actors GROUP BY actor_id;
INSERT INTO tag_counts (tag, count) SELECT tag, count(*) FROM event_tags GROUP BY tag;

-- Kept in the same transaction as every write, whichever path it came by (edits, imports,
-- undo, dataset upgrades, cascaded deletes).
CREATE TRIGGER events_counts_insert AFTER INSERT ON events BEGIN
    INSERT INTO day_counts (day, starts) VALUES (new.first_day, 1)
        ON CONFLICT (day) DO UPDATE SET starts = starts + 1;
    INSERT INTO day_counts (day, ends) VALUES (new.last_day, 1)
        ON CONFLICT (day) DO UPDATE SET ends = ends + 1;
    INSERT INTO year_counts (year, starts)
        VALUES (CAST(strftime('%Y', 1721424.5 + new.first_day) AS INTEGER), 1)
        ON CONFLICT (year) DO UPDATE SET starts = starts + 1;
    INSERT INTO year_counts (year, ends)
        VALUES (CAST(strftime('%Y', 1721424.5 + new.last_day) AS INTEGER), 1)
        ON CONFLICT (year) DO UPDATE SET ends = ends + 1;
    INSERT INTO kind_counts (kind, count) VALUES (new.kind, 1)
        ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER events_counts_delete AFTER DELETE ON events BEGIN
    UPDATE day_counts SET starts = starts - 1 WHERE day = old.first_day;
    UPDATE day_counts SET ends = ends - 1 WHERE day = old.last_day;
    UPDATE year_counts SET starts = starts - 1
        WHERE year = CAST(strftime('%Y', 1721424.5 + old.first_day) AS INTEGER);
    UPDATE year_counts SET ends = ends - 1
        WHERE year = CAST(strftime('%Y', 1721424.5 + old.last_day) AS INTEGER);
    UPDATE kind_counts SET count = count - 1 WHERE kind = old.kind;
    DELETE FROM kind_counts WHERE kind = old.kind AND count <= 0;
END;

CREATE TRIGGER events_counts_update AFTER UPDATE OF first_day, last_day, kind ON events
WHEN old.first_day IS NOT new.first_day OR old.last_day IS NOT new.last_day
     OR old.kind IS NOT new.kind
BEGIN
    UPDATE day_counts SET starts = starts - 1 WHERE day = old.first_day;
    UPDATE day_counts SET ends = ends - 1 WHERE day = old.last_day;
    UPDATE year_counts SET starts = starts - 1
        WHERE year = CAST(strftime('%Y', 1721424.5 + old.first_day) AS INTEGER);
    UPDATE year_counts SET ends = ends - 1
        WHERE year = CAST(strftime('%Y', 1721424.5 + old.last_day) AS INTEGER);
    UPDATE kind_counts SET count = count - 1 WHERE kind = old.kind;
    DELETE FROM kind_counts WHERE kind = old.kind AND count <= 0;
    INSERT INTO day_counts (day, starts) VALUES (new.first_day, 1)
        ON CONFLICT (day) DO UPDATE SET starts = starts + 1;
    INSERT INTO day_counts (day, ends) VALUES (new.last_day, 1)
        ON CONFLICT (day) DO UPDATE SET ends = ends + 1;
    INSERT INTO year_counts (year, starts)
        VALUES (CAST(strftime('%Y', 1721424.5 + new.first_day) AS INTEGER), 1)
        ON CONFLICT (year) DO UPDATE SET starts = starts + 1;
    INSERT INTO year_counts (year, ends)
        VALUES (CAST(strftime('%Y', 1721424.5 + new.last_day) AS INTEGER), 1)
        ON CONFLICT (year) DO UPDATE SET ends = ends + 1;
    INSERT INTO kind_counts (kind, count) VALUES (new.kind, 1)
        ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER event_actors_counts_insert AFTER INSERT ON event_actors BEGIN
    INSERT INTO actor_counts (actor_id, count) VALUES (new.actor_id, 1)
        ON CONFLICT (actor_id) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER event_actors_counts_delete AFTER DELETE ON event_actors BEGIN
    UPDATE actor_counts SET count = count - 1 WHERE actor_id = old.actor_id;
    DELETE FROM actor_counts WHERE actor_id = old.actor_id AND count <= 0;
END;
CREATE TRIGGER event_actors_counts_update AFTER UPDATE OF actor_id ON event_actors
WHEN old.actor_id IS NOT new.actor_id BEGIN
    UPDATE actor_counts SET count = count - 1 WHERE actor_id = old.actor_id;
    DELETE FROM actor_counts WHERE actor_id = old.actor_id AND count <= 0;
    INSERT INTO actor_counts (actor_id, count) VALUES (new.actor_id, 1)
        ON CONFLICT (actor_id) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER event_tags_counts_insert AFTER INSERT ON event_tags BEGIN
    INSERT INTO tag_counts (tag, count) VALUES (new.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER event_tags_counts_delete AFTER DELETE ON event_tags BEGIN
    UPDATE tag_counts SET count = count - 1 WHERE tag = old.tag;
    DELETE FROM tag_counts WHERE tag = old.tag AND count <= 0;
END;
CREATE TRIGGER event_tags_counts_update AFTER UPDATE OF tag ON event_tags
WHEN old.tag IS NOT new.tag BEGIN
    UPDATE tag_counts SET count = count - 1 WHERE tag = old.tag;
    DELETE FROM tag_counts WHERE tag = old.tag AND count <= 0;
    INSERT INTO tag_counts (tag, count) VALUES (new.tag, 1)
        ON CONFLICT (tag) DO UPDATE SET count = count + 1;
END;

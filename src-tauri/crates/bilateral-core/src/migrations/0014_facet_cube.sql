-- Facets under a filter, and density over wide windows, from maintained counts.
--
-- The facet cube: events counted per cell of the low-cardinality filter fields (kind,
-- origin, verification, and the set of sides the event's actors belong to), with the actors
-- and tags of those events per cell. A filter on those fields alone matches whole cells, so
-- its facets are sums over the matching cells (`search.rs`), whatever the number of events.
--
-- The side set is a bit mask kept on the event (`side_bits` gives each side its bit, in
-- `Side::ALL` order): a side filter matches a cell when the masks share a bit, as the filter's
-- EXISTS over the event's actors does. Triggers on event_actors keep the mask equal to the
-- actors' sides, so every path that writes actors (edits, bulk edits, imports, undo, dataset
-- upgrades) keeps it without knowing of it. A writer may also set the mask its actors will
-- have before writing them (`store.rs` does, so adding them moves nothing): the cube follows
-- whatever mask is stored, and the triggers leave it exact once the actors are written.
CREATE TABLE side_bits (
    side TEXT PRIMARY KEY NOT NULL,
    bit  INTEGER NOT NULL UNIQUE
) STRICT;
INSERT INTO side_bits (side, bit) VALUES
    ('us', 1), ('china', 2), ('taiwan', 4), ('third_party', 8), ('international', 16);

ALTER TABLE events ADD COLUMN side_mask INTEGER NOT NULL DEFAULT 0;
UPDATE events SET side_mask = s.mask FROM (
    SELECT ea.event_id, sum(DISTINCT b.bit) AS mask FROM event_actors ea
    JOIN actors a ON a.id = ea.actor_id JOIN side_bits b ON b.side = a.side
    GROUP BY ea.event_id) s
WHERE s.event_id = events.id;

CREATE TABLE facet_cells (
    kind         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    verification TEXT NOT NULL,
    sides        INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (kind, origin, verification, sides)
) STRICT, WITHOUT ROWID;
CREATE TABLE facet_cell_actors (
    kind         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    verification TEXT NOT NULL,
    sides        INTEGER NOT NULL,
    actor_id     INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (kind, origin, verification, sides, actor_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE facet_cell_tags (
    kind         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    verification TEXT NOT NULL,
    sides        INTEGER NOT NULL,
    tag          TEXT NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (kind, origin, verification, sides, tag)
) STRICT, WITHOUT ROWID;

INSERT INTO facet_cells (kind, origin, verification, sides, count)
SELECT kind, origin, verification, side_mask, count(*) FROM events
GROUP BY kind, origin, verification, side_mask;
INSERT INTO facet_cell_actors (kind, origin, verification, sides, actor_id, count)
SELECT e.kind, e.origin, e.verification, e.side_mask, ea.actor_id, count(*)
FROM event_actors ea JOIN events e ON e.id = ea.event_id
GROUP BY e.kind, e.origin, e.verification, e.side_mask, ea.actor_id;
INSERT INTO facet_cell_tags (kind, origin, verification, sides, tag, count)
SELECT e.kind, e.origin, e.verification, e.side_mask, t.tag, count(*)
FROM event_tags t JOIN events e ON e.id = t.event_id
GROUP BY e.kind, e.origin, e.verification, e.side_mask, t.tag;

-- How many events start and end in each calendar month, keyed by the day number of its
-- 1st (day number 1 is 0001-01-01, julian day 1721425.5, as in 0004): a density strip
-- whose slices hold whole months sums a few hundred months instead of every day.
CREATE TABLE month_counts (
    month  INTEGER PRIMARY KEY,
    starts INTEGER NOT NULL DEFAULT 0,
    ends   INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO month_counts (month, starts, ends)
SELECT day - CAST(strftime('%d', 1721424.5 + day) AS INTEGER) + 1 AS m, sum(starts), sum(ends)
FROM day_counts GROUP BY m;

-- A count that falls to zero keeps its row, as day_counts' do: readers skip zeros, and the
-- rows are bounded by the combinations ever stored.
--
-- Every trigger below keeps one rule: the cube holds each event, and each of its actor and
-- tag rows, in the cell of the event's current columns. A row added or removed is counted in
-- the event's cell first; only then is the side mask brought up to date, and a changed mask
-- moves the event with all its rows. Run in the other order, a row would be moved out of a
-- cell it was never counted in.
CREATE TRIGGER events_cube_insert AFTER INSERT ON events BEGIN
    INSERT INTO facet_cells (kind, origin, verification, sides, count)
    VALUES (new.kind, new.origin, new.verification, new.side_mask, 1)
        ON CONFLICT (kind, origin, verification, sides) DO UPDATE SET count = count + 1;
END;

-- Before, not after: a deleted event's actor and tag rows go by cascade before AFTER DELETE
-- triggers run, and their own triggers no longer find the event to know its cell.
CREATE TRIGGER events_cube_delete BEFORE DELETE ON events BEGIN
    UPDATE facet_cells SET count = count - 1
        WHERE (kind, origin, verification, sides)
            = (old.kind, old.origin, old.verification, old.side_mask);
    UPDATE facet_cell_actors SET count = count - 1
        WHERE (kind, origin, verification, sides)
            = (old.kind, old.origin, old.verification, old.side_mask)
          AND actor_id IN (SELECT actor_id FROM event_actors WHERE event_id = old.id);
    UPDATE facet_cell_tags SET count = count - 1
        WHERE (kind, origin, verification, sides)
            = (old.kind, old.origin, old.verification, old.side_mask)
          AND tag IN (SELECT tag FROM event_tags WHERE event_id = old.id);
END;

CREATE TRIGGER events_cube_update AFTER UPDATE OF kind, origin, verification, side_mask ON events
WHEN old.kind IS NOT new.kind OR old.origin IS NOT new.origin
     OR old.verification IS NOT new.verification OR old.side_mask IS NOT new.side_mask
BEGIN
    UPDATE facet_cells SET count = count - 1
        WHERE (kind, origin, verification, sides)
            = (old.kind, old.origin, old.verification, old.side_mask);
    INSERT INTO facet_cells (kind, origin, verification, sides, count)
    VALUES (new.kind, new.origin, new.verification, new.side_mask, 1)
        ON CONFLICT (kind, origin, verification, sides) DO UPDATE SET count = count + 1;
    UPDATE facet_cell_actors SET count = count - 1
        WHERE (kind, origin, verification, sides)
            = (old.kind, old.origin, old.verification, old.side_mask)
          AND actor_id IN (SELECT actor_id FROM event_actors WHERE event_id = new.id);
    INSERT INTO facet_cell_actors (kind, origin, verification, sides, actor_id, count)
    SELECT new.kind, new.origin, new.verification, new.side_mask, actor_id, 1
    FROM event_actors WHERE event_id = new.id
        ON CONFLICT (kind, origin, verification, sides, actor_id)
        DO UPDATE SET count = count + 1;
    UPDATE facet_cell_tags SET count = count - 1
        WHERE (kind, origin, verification, sides)
            = (old.kind, old.origin, old.verification, old.side_mask)
          AND tag IN (SELECT tag FROM event_tags WHERE event_id = new.id);
    INSERT INTO facet_cell_tags (kind, origin, verification, sides, tag, count)
    SELECT new.kind, new.origin, new.verification, new.side_mask, tag, 1
    FROM event_tags WHERE event_id = new.id
        ON CONFLICT (kind, origin, verification, sides, tag) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER event_actors_cube_insert AFTER INSERT ON event_actors BEGIN
    INSERT INTO facet_cell_actors (kind, origin, verification, sides, actor_id, count)
    SELECT kind, origin, verification, side_mask, new.actor_id, 1
    FROM events WHERE id = new.event_id
        ON CONFLICT (kind, origin, verification, sides, actor_id)
        DO UPDATE SET count = count + 1;
    UPDATE events SET side_mask = side_mask | (SELECT b.bit FROM actors a
        JOIN side_bits b ON b.side = a.side WHERE a.id = new.actor_id)
    WHERE id = new.event_id AND side_mask & (SELECT b.bit FROM actors a
        JOIN side_bits b ON b.side = a.side WHERE a.id = new.actor_id) = 0;
END;

-- A deleted event's rows (a cascade) find no event: nothing to count, no mask to keep.
CREATE TRIGGER event_actors_cube_delete AFTER DELETE ON event_actors BEGIN
    UPDATE facet_cell_actors SET count = count - 1
        WHERE (kind, origin, verification, sides, actor_id)
            = (SELECT kind, origin, verification, side_mask, old.actor_id
               FROM events WHERE id = old.event_id);
    UPDATE events SET side_mask =
        (SELECT coalesce(sum(DISTINCT b.bit), 0) FROM event_actors ea
         JOIN actors a ON a.id = ea.actor_id JOIN side_bits b ON b.side = a.side
         WHERE ea.event_id = old.event_id)
    WHERE id = old.event_id AND NOT EXISTS (
        SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
        WHERE ea.event_id = old.event_id
          AND a.side = (SELECT side FROM actors WHERE id = old.actor_id));
END;

CREATE TRIGGER event_actors_cube_update AFTER UPDATE OF event_id, actor_id ON event_actors
WHEN old.event_id IS NOT new.event_id OR old.actor_id IS NOT new.actor_id BEGIN
    UPDATE facet_cell_actors SET count = count - 1
        WHERE (kind, origin, verification, sides, actor_id)
            = (SELECT kind, origin, verification, side_mask, old.actor_id
               FROM events WHERE id = old.event_id);
    INSERT INTO facet_cell_actors (kind, origin, verification, sides, actor_id, count)
    SELECT kind, origin, verification, side_mask, new.actor_id, 1
    FROM events WHERE id = new.event_id
        ON CONFLICT (kind, origin, verification, sides, actor_id)
        DO UPDATE SET count = count + 1;
    UPDATE events SET side_mask =
        (SELECT coalesce(sum(DISTINCT b.bit), 0) FROM event_actors ea
         JOIN actors a ON a.id = ea.actor_id JOIN side_bits b ON b.side = a.side
         WHERE ea.event_id = events.id)
    WHERE id IN (old.event_id, new.event_id);
END;

CREATE TRIGGER event_tags_cube_insert AFTER INSERT ON event_tags BEGIN
    INSERT INTO facet_cell_tags (kind, origin, verification, sides, tag, count)
    SELECT kind, origin, verification, side_mask, new.tag, 1
    FROM events WHERE id = new.event_id
        ON CONFLICT (kind, origin, verification, sides, tag) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER event_tags_cube_delete AFTER DELETE ON event_tags BEGIN
    UPDATE facet_cell_tags SET count = count - 1
        WHERE (kind, origin, verification, sides, tag)
            = (SELECT kind, origin, verification, side_mask, old.tag
               FROM events WHERE id = old.event_id);
END;
CREATE TRIGGER event_tags_cube_update AFTER UPDATE OF event_id, tag ON event_tags
WHEN old.event_id IS NOT new.event_id OR old.tag IS NOT new.tag BEGIN
    UPDATE facet_cell_tags SET count = count - 1
        WHERE (kind, origin, verification, sides, tag)
            = (SELECT kind, origin, verification, side_mask, old.tag
               FROM events WHERE id = old.event_id);
    INSERT INTO facet_cell_tags (kind, origin, verification, sides, tag, count)
    SELECT kind, origin, verification, side_mask, new.tag, 1
    FROM events WHERE id = new.event_id
        ON CONFLICT (kind, origin, verification, sides, tag) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER events_months_insert AFTER INSERT ON events BEGIN
    INSERT INTO month_counts (month, starts)
    VALUES (new.first_day - CAST(strftime('%d', 1721424.5 + new.first_day) AS INTEGER) + 1, 1)
        ON CONFLICT (month) DO UPDATE SET starts = starts + 1;
    INSERT INTO month_counts (month, ends)
    VALUES (new.last_day - CAST(strftime('%d', 1721424.5 + new.last_day) AS INTEGER) + 1, 1)
        ON CONFLICT (month) DO UPDATE SET ends = ends + 1;
END;
CREATE TRIGGER events_months_delete AFTER DELETE ON events BEGIN
    UPDATE month_counts SET starts = starts - 1
        WHERE month = old.first_day - CAST(strftime('%d', 1721424.5 + old.first_day) AS INTEGER) + 1;
    UPDATE month_counts SET ends = ends - 1
        WHERE month = old.last_day - CAST(strftime('%d', 1721424.5 + old.last_day) AS INTEGER) + 1;
END;
CREATE TRIGGER events_months_update AFTER UPDATE OF first_day, last_day ON events
WHEN old.first_day IS NOT new.first_day OR old.last_day IS NOT new.last_day BEGIN
    UPDATE month_counts SET starts = starts - 1
        WHERE month = old.first_day - CAST(strftime('%d', 1721424.5 + old.first_day) AS INTEGER) + 1;
    UPDATE month_counts SET ends = ends - 1
        WHERE month = old.last_day - CAST(strftime('%d', 1721424.5 + old.last_day) AS INTEGER) + 1;
    INSERT INTO month_counts (month, starts)
    VALUES (new.first_day - CAST(strftime('%d', 1721424.5 + new.first_day) AS INTEGER) + 1, 1)
        ON CONFLICT (month) DO UPDATE SET starts = starts + 1;
    INSERT INTO month_counts (month, ends)
    VALUES (new.last_day - CAST(strftime('%d', 1721424.5 + new.last_day) AS INTEGER) + 1, 1)
        ON CONFLICT (month) DO UPDATE SET ends = ends + 1;
END;

-- An event's actor and tag rows are stored in its order, keyed by (event, position), in one
-- B-tree each. Each table used to be three: its rows by rowid, a UNIQUE (event, actor or
-- tag) index and an order index (event, position, ...) that every read of an event's rows
-- in order used (0016). Now the table is the order index, and an import writes one B-tree
-- per table where it wrote two (and built a third again): at a million events, 1.35 GB of
-- store less about 190 MB. The store keeps one row per actor or tag of an event by dropping
-- repeats before it writes them (`store::write_actors`, `store::write_tags`); positions are
-- numbered again here, in their order, so they run 0, 1, 2... as new writes number them.
--
-- The key's columns come first: SQLite 3.40's integrity_check (still the sqlite3 tool of some
-- systems) reports false NULLs in a WITHOUT ROWID table whose other columns come before them.
--
-- Triggers on `events` that read these tables are dropped first and made again after:
-- renaming a table into place checks every trigger that names it.
DROP TRIGGER events_cube_delete;
DROP TRIGGER events_cube_update;

CREATE TABLE event_actors_keyed (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors (id),
    PRIMARY KEY (event_id, position)
) STRICT, WITHOUT ROWID;
INSERT INTO event_actors_keyed (event_id, actor_id, position)
SELECT event_id, actor_id,
       row_number() OVER (PARTITION BY event_id ORDER BY position, actor_id) - 1
FROM event_actors;
DROP TABLE event_actors;
ALTER TABLE event_actors_keyed RENAME TO event_actors;
CREATE INDEX event_actors_actor ON event_actors (actor_id);

CREATE TABLE event_tags_keyed (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
) STRICT, WITHOUT ROWID;
INSERT INTO event_tags_keyed (event_id, tag, position)
SELECT event_id, tag, row_number() OVER (PARTITION BY event_id ORDER BY position, tag) - 1
FROM event_tags;
DROP TABLE event_tags;
ALTER TABLE event_tags_keyed RENAME TO event_tags;
CREATE INDEX event_tags_tag ON event_tags (tag);

-- The triggers as they were (0009, 0014, and the counts of 0004), on the new tables.
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
CREATE TRIGGER event_actors_sides_insert AFTER INSERT ON event_actors
WHEN NOT EXISTS (SELECT 1 FROM event_actors o JOIN actors a ON a.id = o.actor_id
                 WHERE o.event_id = new.event_id AND o.actor_id <> new.actor_id
                   AND a.side = (SELECT side FROM actors WHERE id = new.actor_id))
BEGIN
    INSERT INTO side_counts (side, count)
    VALUES ((SELECT side FROM actors WHERE id = new.actor_id), 1)
        ON CONFLICT (side) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER event_actors_sides_delete AFTER DELETE ON event_actors
WHEN NOT EXISTS (SELECT 1 FROM event_actors o JOIN actors a ON a.id = o.actor_id
                 WHERE o.event_id = old.event_id
                   AND a.side = (SELECT side FROM actors WHERE id = old.actor_id))
BEGIN
    UPDATE side_counts SET count = count - 1
        WHERE side = (SELECT side FROM actors WHERE id = old.actor_id);
END;
CREATE TRIGGER event_actors_sides_update AFTER UPDATE OF actor_id, event_id ON event_actors
WHEN old.actor_id IS NOT new.actor_id OR old.event_id IS NOT new.event_id BEGIN
    UPDATE side_counts SET count = count - 1
        WHERE side = (SELECT side FROM actors WHERE id = old.actor_id)
          AND NOT EXISTS (SELECT 1 FROM event_actors o JOIN actors a ON a.id = o.actor_id
                          WHERE o.event_id = old.event_id
                            AND a.side = (SELECT side FROM actors WHERE id = old.actor_id));
    INSERT INTO side_counts (side, count)
    SELECT (SELECT side FROM actors WHERE id = new.actor_id), 1
    WHERE NOT EXISTS (SELECT 1 FROM event_actors o JOIN actors a ON a.id = o.actor_id
                      WHERE o.event_id = new.event_id AND o.actor_id <> new.actor_id
                        AND a.side = (SELECT side FROM actors WHERE id = new.actor_id))
        ON CONFLICT (side) DO UPDATE SET count = count + 1;
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

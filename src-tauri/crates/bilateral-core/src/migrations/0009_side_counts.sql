-- The side facet, kept like the other unfiltered counts (migrations 0004, 0005): how many
-- events have at least one actor of each side. An event with two actors of a side counts
-- once for it, so a row changes the count only when it is the event's first (or last) actor
-- of its side. An actor's side never changes: it is part of the actor's identity.
CREATE TABLE side_counts (
    side  TEXT PRIMARY KEY NOT NULL,
    count INTEGER NOT NULL
) STRICT;
INSERT INTO side_counts (side, count)
SELECT a.side, count(DISTINCT ea.event_id) FROM event_actors ea
JOIN actors a ON a.id = ea.actor_id GROUP BY a.side;

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

-- The log of changed events (migration 0017) kept from the events' own rows alone. Every write
-- of an event's actors or tags also writes its row (the side mask and lead actor live there,
-- and bulk edits and imports set them), so the rows of `event_actors` and `event_tags` need no
-- log of their own: logging each of them made a bulk edit of 10,000 events and its undo two to
-- three times slower. An update is logged only when it sets a field the copy holds. The log's
-- ids need no AUTOINCREMENT: only its oldest rows are ever pruned, so the largest id never
-- goes back, and each insert no longer writes `sqlite_sequence` too.
DROP TRIGGER events_log_insert;
DROP TRIGGER events_log_update;
DROP TRIGGER events_log_delete;
DROP TRIGGER event_actors_log_insert;
DROP TRIGGER event_actors_log_update;
DROP TRIGGER event_actors_log_delete;
DROP TRIGGER event_tags_log_insert;
DROP TRIGGER event_tags_log_update;
DROP TRIGGER event_tags_log_delete;
DROP TRIGGER copy_log_prune;
DROP TABLE copy_log;
DELETE FROM sqlite_sequence WHERE name = 'copy_log';

CREATE TABLE copy_log (
    seq INTEGER PRIMARY KEY,
    event_rowid INTEGER NOT NULL
);

CREATE TRIGGER events_log_insert AFTER INSERT ON events BEGIN
    INSERT INTO copy_log (event_rowid) VALUES (new.rowid);
END;
CREATE TRIGGER events_log_update
    AFTER UPDATE OF kind, origin, verification, side_mask, first_day, last_day ON events
BEGIN
    INSERT INTO copy_log (event_rowid) VALUES (new.rowid);
END;
CREATE TRIGGER events_log_delete AFTER DELETE ON events BEGIN
    INSERT INTO copy_log (event_rowid) VALUES (old.rowid);
END;

CREATE TRIGGER copy_log_prune AFTER INSERT ON copy_log WHEN new.seq % 1024 = 0 BEGIN
    DELETE FROM copy_log WHERE seq <= new.seq - 16384;
END;

-- The log starts again: every copy reads whole once.
INSERT INTO copy_log (event_rowid) VALUES (0);

-- The table's sorts by actors and by sources read an index instead of joining, counting and
-- sorting every event for each page. Each event keeps its first actor's name and how many
-- sources it cites, written with its actors and sources (`store::write_event_rows`, and
-- `bulk_edit.rs` for actors).
ALTER TABLE events ADD COLUMN lead_actor TEXT;
UPDATE events SET lead_actor = (
    SELECT a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
    WHERE ea.event_id = events.id AND ea.position = 0);
CREATE INDEX events_lead_actor ON events (lead_actor, first_day);

ALTER TABLE events ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
UPDATE events SET source_count = (SELECT count(*) FROM sources s WHERE s.event_id = events.id);
CREATE INDEX events_source_count ON events (source_count, first_day);

-- The table's sort by actors orders events by their first actor's name. The name is kept on
-- the event (written with its actors, see `store::write_event_rows` and `bulk_edit.rs`) and
-- indexed, so a page is read in order instead of joining and sorting every event's first actor.
ALTER TABLE events ADD COLUMN lead_actor TEXT;
UPDATE events SET lead_actor = (
    SELECT a.name FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
    WHERE ea.event_id = events.id AND ea.position = 0);
CREATE INDEX events_lead_actor ON events (lead_actor, first_day);

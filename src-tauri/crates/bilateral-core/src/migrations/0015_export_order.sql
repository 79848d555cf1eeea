-- An export reads every event in time order with its actors and tags, each child query
-- walking the events in that order and looking their rows up (`selection.rs`). These indexes
-- let every step be read from an index alone, already in order:
-- - the window index also holds the id, so walking the events in (first_day, last_day, id)
--   order reads no table row and sorts nothing (a window query that needs only ids is served
--   from it too);
-- - the actors and tags of an event are read in position order from their own index, instead
--   of looking up every row and sorting it.
-- At a million events this takes the export's reading from about 5.8 to 4.1 s.
DROP INDEX events_window;
CREATE INDEX events_window ON events (first_day, last_day, id);
CREATE INDEX event_actors_order ON event_actors (event_id, position, actor_id);
CREATE INDEX event_tags_order ON event_tags (event_id, position, tag);

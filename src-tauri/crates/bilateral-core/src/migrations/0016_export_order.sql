-- An export reads every event in time order with its actors, tags and sources, each child query
-- walking the events in that order and looking their rows up (`selection.rs`). These indexes
-- let every step be read from an index alone, already in order:
-- - the window index also holds the id, so walking the events in (first_day, last_day, id)
--   order reads no table row and sorts nothing (a window query that needs only ids is served
--   from it too);
-- - the actors and tags of an event are read in position order from their own index, instead
--   of looking up every row and sorting it;
-- - its sources are found in position order, so they are not sorted (a sort per event cost
--   more than reading the sources).
-- At a million events this takes the export's queries from about 5.8 to 2.5 s.
DROP INDEX events_window;
CREATE INDEX events_window ON events (first_day, last_day, id);
CREATE INDEX event_actors_order ON event_actors (event_id, position, actor_id);
CREATE INDEX event_tags_order ON event_tags (event_id, position, tag);
CREATE INDEX sources_order ON sources (event_id, position);

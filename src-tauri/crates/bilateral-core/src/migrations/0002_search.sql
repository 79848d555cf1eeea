-- Full-text search over what a user remembers of an event. Kept in step with `events` by the
-- store's writes (one row per event, keyed by the event id).
CREATE VIRTUAL TABLE events_fts USING fts5(
    id UNINDEXED,
    title,
    summary,
    actors,
    tags,
    location,
    quotes,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO events_fts (id, title, summary, actors, tags, location, quotes)
SELECT e.id, e.title, e.summary,
       coalesce((SELECT group_concat(a.name, ' ') FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                 WHERE ea.event_id = e.id), ''),
       coalesce((SELECT group_concat(t.tag, ' ') FROM event_tags t WHERE t.event_id = e.id), ''),
       coalesce(e.location, ''),
       coalesce((SELECT group_concat(coalesce(s.quote, '') || ' ' || s.title || ' ' || s.publisher, ' ')
                 FROM sources s WHERE s.event_id = e.id), '')
FROM events e;

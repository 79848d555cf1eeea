-- Full-text search over what a user remembers of an event. `search_rows` gives each event a
-- stable integer key (an explicit INTEGER PRIMARY KEY survives VACUUM), which is the FTS
-- row id: rows are replaced and deleted by key, never by scanning the index.
CREATE TABLE search_rows (
    rowid    INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE
) STRICT;

CREATE VIRTUAL TABLE events_fts USING fts5(
    title,
    summary,
    actors,
    tags,
    location,
    quotes,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_rows (event_id) SELECT id FROM events;

INSERT INTO events_fts (rowid, title, summary, actors, tags, location, quotes)
SELECT r.rowid, e.title, e.summary,
       coalesce((SELECT group_concat(a.name, ' ') FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                 WHERE ea.event_id = e.id), ''),
       coalesce((SELECT group_concat(t.tag, ' ') FROM event_tags t WHERE t.event_id = e.id), ''),
       coalesce(e.location, ''),
       coalesce((SELECT group_concat(coalesce(s.quote, '') || ' ' || s.title || ' ' || s.publisher, ' ')
                 FROM sources s WHERE s.event_id = e.id), '')
FROM events e JOIN search_rows r ON r.event_id = e.id;

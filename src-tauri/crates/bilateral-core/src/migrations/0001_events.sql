-- Events and what hangs off them. Dates are kept twice: as the ISO text the user gave
-- (with its precision) and as day numbers of the span they cover, for window queries.
CREATE TABLE events (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary     TEXT NOT NULL DEFAULT '',
    start_text  TEXT NOT NULL,
    end_text    TEXT,
    first_day   INTEGER NOT NULL,
    last_day    INTEGER NOT NULL CHECK (last_day >= first_day),
    kind        TEXT NOT NULL,
    significance INTEGER NOT NULL,
    location    TEXT,
    origin      TEXT NOT NULL CHECK (origin IN ('dataset', 'user')),
    edited      INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Serves "events overlapping [from, to]": range on first_day, filter on last_day.
CREATE INDEX events_window ON events (first_day, last_day);
CREATE INDEX events_significance ON events (significance DESC, first_day);
-- The longest span bounds how far before a window an overlapping event can start.
CREATE INDEX events_span ON events (last_day - first_day);

CREATE TABLE actors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    side TEXT NOT NULL,
    UNIQUE (name, side)
) STRICT;

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, actor_id)
) STRICT;
CREATE INDEX event_actors_actor ON event_actors (actor_id);

CREATE TABLE event_tags (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, tag)
) STRICT;
CREATE INDEX event_tags_tag ON event_tags (tag);

CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    url       TEXT NOT NULL,
    title     TEXT NOT NULL,
    publisher TEXT NOT NULL DEFAULT '',
    published TEXT,
    quote     TEXT,
    UNIQUE (event_id, url)
) STRICT;

-- Shipped events the user deleted: a dataset upgrade must not bring them back.
CREATE TABLE dataset_tombstones (
    id TEXT PRIMARY KEY NOT NULL
) STRICT;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Saved views: a named filter, visible range, grouping and titles language. The view is kept
-- as JSON so that a view saved by a newer release (a filter field this one does not know)
-- survives untouched: it is reported as unreadable, never rewritten. The name lives in its
-- own column so a rename never has to read the JSON.
CREATE TABLE saved_views (
    name       TEXT NOT NULL PRIMARY KEY,
    view       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

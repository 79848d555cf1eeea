-- Periods the user defines ("my posting in Beijing", "trade war"), drawn as their own band
-- beside the shipped eras. Dates keep the precision the user gave, as events' do; `first_day`
-- orders them. `end_text` is NULL while the period lasts. The colour is a name from a small
-- palette (`periods::Colour`), so that each has a light and a dark shade the UI picks by theme.
CREATE TABLE periods (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    start_text TEXT NOT NULL,
    end_text   TEXT,
    first_day  INTEGER NOT NULL,
    colour     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX periods_start ON periods (first_day);

-- The table's sort by title reads titles in order from this index instead of sorting every
-- matching event for each page (the sort is case-insensitive, as the index is).
CREATE INDEX events_title ON events (title COLLATE NOCASE);

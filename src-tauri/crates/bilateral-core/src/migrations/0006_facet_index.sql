-- Filtered facets and filtered windows start from the events of the chosen kinds: without an
-- index on kind each of them read the whole table (218 ms for the facets of one kind at
-- 100,000 events, `benches/queries.rs`). Verification and id ride along so the counts and
-- the joins to actors and tags read the index alone.
CREATE INDEX events_kind ON events (kind, verification, id);

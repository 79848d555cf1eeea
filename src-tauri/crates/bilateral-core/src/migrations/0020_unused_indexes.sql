-- Two indexes of the first schema that no statement reads any more: every write kept them, and
-- a large import built them again, for nothing (about 22 MB at a million events).
-- - `events_significance`: a capped window reads its events by tier (`events_tier`, 0004),
--   and nothing else orders or filters by significance.
-- - `events_span`: the longest span used to bound a window's scan; events over a year now
--   have their own index (`events_long`, 0004), and the planner takes it, or `events_window`
--   and `events_medium`, for every condition on an event's length.
DROP INDEX events_significance;
DROP INDEX events_span;

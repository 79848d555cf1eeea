-- Density strips and window totals now sum the per-day counts from running sums each read
-- connection copies in memory (`day_sums.rs`): any range of days is two binary searches there,
-- so the yearly and monthly roll-ups of migrations 0004 and 0014 are no longer read. They are
-- dropped with the triggers that kept them, so no write pays for them; `day_counts` and the
-- kind counts are kept by the same triggers as before.
DROP TRIGGER events_months_insert;
DROP TRIGGER events_months_delete;
DROP TRIGGER events_months_update;
DROP TABLE month_counts;

DROP TRIGGER events_counts_insert;
DROP TRIGGER events_counts_delete;
DROP TRIGGER events_counts_update;
DROP TABLE year_counts;

CREATE TRIGGER events_counts_insert AFTER INSERT ON events BEGIN
    INSERT INTO day_counts (day, starts) VALUES (new.first_day, 1)
        ON CONFLICT (day) DO UPDATE SET starts = starts + 1;
    INSERT INTO day_counts (day, ends) VALUES (new.last_day, 1)
        ON CONFLICT (day) DO UPDATE SET ends = ends + 1;
    INSERT INTO kind_counts (kind, count) VALUES (new.kind, 1)
        ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER events_counts_delete AFTER DELETE ON events BEGIN
    UPDATE day_counts SET starts = starts - 1 WHERE day = old.first_day;
    UPDATE day_counts SET ends = ends - 1 WHERE day = old.last_day;
    UPDATE kind_counts SET count = count - 1 WHERE kind = old.kind;
    DELETE FROM kind_counts WHERE kind = old.kind AND count <= 0;
END;
CREATE TRIGGER events_counts_update AFTER UPDATE OF first_day, last_day, kind ON events
WHEN old.first_day IS NOT new.first_day OR old.last_day IS NOT new.last_day
     OR old.kind IS NOT new.kind
BEGIN
    UPDATE day_counts SET starts = starts - 1 WHERE day = old.first_day;
    UPDATE day_counts SET ends = ends - 1 WHERE day = old.last_day;
    UPDATE kind_counts SET count = count - 1 WHERE kind = old.kind;
    DELETE FROM kind_counts WHERE kind = old.kind AND count <= 0;
    INSERT INTO day_counts (day, starts) VALUES (new.first_day, 1)
        ON CONFLICT (day) DO UPDATE SET starts = starts + 1;
    INSERT INTO day_counts (day, ends) VALUES (new.last_day, 1)
        ON CONFLICT (day) DO UPDATE SET ends = ends + 1;
    INSERT INTO kind_counts (kind, count) VALUES (new.kind, 1)
        ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;

-- Events may come from GDELT: origin 'gdelt' joins 'dataset' and 'user'.
--
-- SQLite cannot alter a CHECK constraint in place, and the usual rebuild (new table, copy,
-- drop, rename) would, with foreign keys on as every connection has them, cascade-delete every
-- actor link, tag, source and search row of every event when the old table is dropped. A
-- wider CHECK changes no stored row, so this takes the path SQLite documents for such changes
-- ("Making Other Kinds Of Table Schema Changes" in its ALTER TABLE page): edit the table's
-- definition in the schema table, inside this migration's transaction. The hook that runs
-- right after (`origin_constraint.rs`) checks that the edit took, bumps `schema_version` so
-- every connection rereads the schema, turns `writable_schema` off and checks integrity.
-- Only the constraint's text is replaced, so columns and indexes added to `events` by other
-- migrations are kept as they are.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(sql,
                  'CHECK (origin IN (''dataset'', ''user''))',
                  'CHECK (origin IN (''dataset'', ''user'', ''gdelt''))')
WHERE type = 'table' AND name = 'events';

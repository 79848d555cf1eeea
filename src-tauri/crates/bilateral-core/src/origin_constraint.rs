//! The second half of migration 0003 (`migrations/0003_gdelt_origin.sql`), which widens the
//! `origin` CHECK of `events` to admit `gdelt` by editing the schema table: the steps SQL
//! alone cannot take (SQLite's documented procedure for changes that leave stored rows as
//! they are).

use rusqlite::Transaction;
use rusqlite_migration::{HookError, HookResult};

/// Runs inside the migration's transaction, after its SQL: fails (and so rolls the whole
/// migration back) unless the constraint now names `gdelt`; then makes every connection
/// reread the schema and checks the database.
pub(crate) fn after_constraint_edit(tx: &Transaction<'_>) -> HookResult {
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'events'",
        [],
        |r| r.get(0),
    )?;
    if !sql.contains("'user', 'gdelt'") {
        return Err(HookError::Hook(
            "the events table has no origin constraint of the expected form \
             (CHECK (origin IN ('dataset', 'user'))): it cannot be widened to admit gdelt"
                .to_owned(),
        ));
    }
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    let verdict: String = tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(HookError::Hook(format!(
            "the database fails its integrity check after admitting gdelt: {verdict}"
        )));
    }
    Ok(())
}

//! Triggers and indexes a bulk write drops inside its transaction and creates again, from the
//! SQL the schema held, before it commits: a rollback (an error, a cancel, a crash) brings each
//! back unchanged with everything else.

use rusqlite::{OptionalExtension, Transaction};

use crate::error::{Error, Result};

/// The kinds of schema object dropped this way.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Trigger,
    Index,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Trigger => "trigger",
            Kind::Index => "index",
        }
    }
}

/// Objects dropped, as the SQL that creates them.
pub(crate) struct Dropped {
    sql: Vec<String>,
}

/// Drops each of `names` (of `kind`) inside `tx`, keeping its SQL; a missing one is a damaged
/// database, and nothing further is dropped.
pub(crate) fn drop_all(tx: &Transaction<'_>, kind: Kind, names: &[&str]) -> Result<Dropped> {
    let mut sql = Vec::with_capacity(names.len());
    let mut find = tx.prepare("SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2")?;
    for name in names {
        let create: String = find
            .query_row([kind.as_str(), name], |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                Error::Corrupt(format!("the database lacks its {} {name:?}", kind.as_str()))
            })?;
        tx.execute_batch(&format!("DROP {} \"{name}\"", kind.as_str().to_uppercase()))?;
        sql.push(create);
    }
    Ok(Dropped { sql })
}

/// Creates every dropped object again, inside `tx`.
pub(crate) fn create_again(tx: &Transaction<'_>, dropped: Dropped) -> Result<()> {
    for sql in dropped.sql {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}

/// The names of the schema's objects of `kind` that SQL created (not those SQLite made for a
/// constraint), on the tables listed, or every table when none is: for the tests that check
/// each such object is a deliberate choice.
#[cfg(test)]
pub(crate) fn names(
    conn: &rusqlite::Connection,
    kind: Kind,
    tables: &[&str],
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name, tbl_name FROM sqlite_schema WHERE type = ?1 AND sql IS NOT NULL
         ORDER BY name",
    )?;
    let rows = stmt.query_map([kind.as_str()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut names = Vec::new();
    for row in rows {
        let (name, table) = row?;
        if tables.is_empty() || tables.contains(&table.as_str()) {
            names.push(name);
        }
    }
    Ok(names)
}

/// `names` sorted, as owned strings, for comparing with `names`.
#[cfg(test)]
pub(crate) fn sorted(names: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    let mut names: Vec<String> = names.into_iter().map(str::to_owned).collect();
    names.sort();
    names
}

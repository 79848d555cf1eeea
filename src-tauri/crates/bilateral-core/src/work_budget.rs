//! A read tried first in the way that is quick when its answer lies near where it starts (a walk
//! in an index's order that stops at its page), within a budget of SQLite work. When the budget
//! runs out, the caller asks another way, whose cost does not depend on where the answer lies.
//! The budget counts virtual machine instructions, not time, so a read on the same data always
//! takes the same way.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rusqlite::{Connection, ErrorCode};

use crate::error::{Error, Result};

/// Instructions between two looks at the budget.
const OPS_PER_LOOK: u32 = 1_000;

/// Removes the progress handler however the read ends.
struct Installed<'c>(&'c Connection);

impl Drop for Installed<'_> {
    fn drop(&mut self) {
        // Only fails on a connection owned elsewhere, which `within` already refused.
        let _ = self.0.progress_handler(0, None::<fn() -> bool>);
    }
}

/// Runs `read` on `conn`, stopping it after about `ops` SQLite instructions: its answer, or
/// `None` when the budget ran out first. An interruption from elsewhere (a newer request
/// superseding this one) stays an error.
pub(crate) fn within<T>(
    conn: &Connection,
    ops: u32,
    read: impl FnOnce() -> Result<T>,
) -> Result<Option<T>> {
    let spent = Arc::new(AtomicBool::new(false));
    let mut looks_left = ops.div_ceil(OPS_PER_LOOK);
    let flag = Arc::clone(&spent);
    conn.progress_handler(
        i32::try_from(OPS_PER_LOOK).unwrap_or(i32::MAX),
        Some(move || {
            if looks_left == 0 {
                flag.store(true, Ordering::Relaxed);
                return true;
            }
            looks_left -= 1;
            false
        }),
    )?;
    let installed = Installed(conn);
    let answer = read();
    drop(installed);
    match answer {
        Err(Error::Database(rusqlite::Error::SqliteFailure(e, _)))
            if e.code == ErrorCode::OperationInterrupted && spent.load(Ordering::Relaxed) =>
        {
            Ok(None)
        }
        other => other.map(Some),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn count_to(conn: &Connection, n: i64) -> Result<i64> {
        Ok(conn.query_row(
            "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?1)
             SELECT count(*) FROM c",
            [n],
            |r| r.get(0),
        )?)
    }

    #[test]
    fn a_read_within_its_budget_answers_and_one_beyond_it_gives_way() {
        let conn = Connection::open_in_memory().unwrap();
        assert_eq!(
            within(&conn, 1_000_000, || count_to(&conn, 10)).unwrap(),
            Some(10)
        );
        assert_eq!(
            within(&conn, 10_000, || count_to(&conn, 1_000_000)).unwrap(),
            None
        );
        // The budget is gone once the read ends: the next read runs to its end.
        assert_eq!(count_to(&conn, 1_000_000).unwrap(), 1_000_000);
    }

    #[test]
    fn an_interruption_from_elsewhere_stays_an_error() {
        let conn = Connection::open_in_memory().unwrap();
        let interrupt = conn.get_interrupt_handle();
        // Interrupts the connection from inside its running statement, as a newer request
        // superseding this one does.
        conn.create_scalar_function(
            "interrupt_now",
            0,
            rusqlite::functions::FunctionFlags::SQLITE_UTF8,
            move |_| {
                interrupt.interrupt();
                Ok(0)
            },
        )
        .unwrap();
        let answer = within(&conn, 1_000_000_000, || {
            Ok(conn.query_row(
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000)
                 SELECT count(*) FROM c WHERE i > interrupt_now()",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        });
        assert!(
            matches!(
                &answer,
                Err(Error::Database(rusqlite::Error::SqliteFailure(e, _)))
                    if e.code == ErrorCode::OperationInterrupted
            ),
            "{answer:?}"
        );
    }
}

//! Standard output that a reader going away (`bilateral-cli stats | head -1`) does not turn
//! into a panic.
//!
//! Rust ignores SIGPIPE, so a write to a closed pipe fails with `BrokenPipe`, and `println!`
//! panics on that failure. Here the first `BrokenPipe` closes the output quietly: later
//! writes are dropped, the command still finishes its work (an import still imports) and
//! exits as it would have. Any other write error is a failure.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::failure::Failure;

pub struct Output {
    // `Stdout` rather than its lock: an export writes from its serialising thread.
    out: io::Stdout,
    closed: bool,
}

impl Output {
    pub fn stdout() -> Self {
        Self {
            out: io::stdout(),
            closed: false,
        }
    }

    /// Writes one line (`format_args!` without the newline).
    pub fn line(&mut self, args: fmt::Arguments<'_>) -> Result<(), Failure> {
        self.write_with(|out| writeln!(out, "{args}"))
    }

    /// Runs `write` on the output unless the reader has gone.
    pub fn write_with(
        &mut self,
        write: impl FnOnce(&mut (dyn Write + Send)) -> io::Result<()>,
    ) -> Result<(), Failure> {
        if self.closed {
            return Ok(());
        }
        match write(&mut self.out).and_then(|()| self.out.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Failure::Write {
                path: PathBuf::from("standard output"),
                source: e,
            }),
        }
    }
}

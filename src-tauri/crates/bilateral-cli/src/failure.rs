//! Why a command failed, and the exit code that says so.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Core(#[from] bilateral_core::Error),

    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("no database path: give --db or set BILATERAL_DB (HOME is not set)")]
    NoDatabasePath,

    /// A right command that cannot apply to what it was given.
    #[error("{0}")]
    Usage(String),

    #[error("{rejected} of {total} events rejected; nothing was imported")]
    Rejected { rejected: usize, total: usize },

    #[error("{dead} of {total} links are dead")]
    DeadLinks { dead: usize, total: usize },
}

impl Failure {
    /// 1 failed, 2 wrong usage, 3 import rejected rows.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Rejected { .. } => 3,
            _ => 1,
        }
    }
}

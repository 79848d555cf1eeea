//! Errors of the core. Every variant says what went wrong and where (field, line, id).

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value that breaks a rule of the model, with the path of the field (`sources[1].url`).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },

    #[error("no event with id {id:?}")]
    NotFound { id: String },

    /// A file that cannot be read as the expected format, with its 1-based line and column.
    #[error("{file}, line {line}, column {column}: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("cannot open the database at {path}: {message}")]
    Open { path: String, message: String },

    /// A file that is not ours: refused untouched.
    #[error("will not open {path}: {message}; it was left untouched")]
    Foreign { path: String, message: String },

    /// A database whose schema is newer than this build knows.
    #[error(
        "{path} was made by a newer version of Bilateral (schema {found}; this version knows \
         up to {supported}); update Bilateral to open it. It was left untouched"
    )]
    TooNew {
        path: String,
        found: usize,
        supported: usize,
    },

    /// A change the caller did not see: another writer got there first.
    #[error("{message}")]
    Conflict { id: String, message: String },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// A file or stream an import could not read whole (unreadable, or over the size limit).
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },

    #[error("cannot write {path}: {message}")]
    Write { path: String, message: String },

    /// A backup that could not be taken or restored; the message says what was left as it was.
    #[error("{message}")]
    Backup { path: String, message: String },

    #[error("the import was cancelled; nothing was written")]
    Cancelled,

    #[error("the export was cancelled; no file was written")]
    ExportCancelled,

    #[error("the delete was cancelled; nothing was deleted")]
    DeleteCancelled,

    #[error("stored data is damaged: {0}")]
    Corrupt(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An undo or redo refused because the thing it would put back (`expected`: its name, as
    /// the step left it) is no longer as the step left it (`now`: its name, and when it was
    /// changed if that is known).
    pub(crate) fn replay_conflict(
        id: &str,
        expected: Option<String>,
        now: Option<(String, Option<&str>)>,
    ) -> Self {
        let message = match (expected, now) {
            (Some(expected), Some((_, changed_at))) => format!(
                "{expected} was changed elsewhere{} after this step; going back would discard \
                 that change, so nothing was changed",
                changed_at
                    .map(|at| format!(" (at {at})"))
                    .unwrap_or_default()
            ),
            (Some(expected), None) => {
                format!("{expected} was deleted elsewhere after this step, so nothing was changed")
            }
            (None, Some((now, _))) => format!(
                "{now} was added again elsewhere after this step; going back would overwrite it, \
                 so nothing was changed"
            ),
            (None, None) => "nothing to change".to_owned(),
        };
        Self::Conflict {
            id: id.to_owned(),
            message,
        }
    }

    /// A JSON file that serde could not read, at serde's line and column.
    pub fn json(file: &str, e: &serde_json::Error) -> Self {
        Self::Parse {
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Places an invalid field inside a larger whole: `title` within `dataset[3] (id)` becomes
    /// `dataset[3] (id).title`. Other errors are returned as they are.
    pub fn within(self, prefix: &str) -> Self {
        match self {
            Self::Invalid { field, message } => Self::invalid(format!("{prefix}.{field}"), message),
            other => other,
        }
    }

    /// A stable, machine-readable code the UI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid { .. } => "invalid",
            Self::NotFound { .. } => "not_found",
            Self::Parse { .. } => "parse",
            Self::Open { .. } => "open",
            Self::Foreign { .. } => "foreign",
            Self::TooNew { .. } => "too_new",
            Self::Conflict { .. } => "conflict",
            Self::Database(_) | Self::Migration(_) => "database",
            Self::Read { .. } => "read",
            Self::Write { .. } => "write",
            Self::Backup { .. } => "backup",
            Self::Cancelled | Self::ExportCancelled | Self::DeleteCancelled => "cancelled",
            Self::Corrupt(_) => "corrupt",
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_owned(),
            message: match self {
                Self::Invalid { message, .. } => message.clone(),
                other => other.to_string(),
            },
            field: self.field().map(str::to_owned),
        }
    }
}

/// The error as the frontend receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    /// Path of the offending field, when one field is to blame.
    pub field: Option<String>,
}

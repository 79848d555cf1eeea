//! The error the frontend receives: `{ code, message, field? }`.

use bilateral_core::ErrorPayload;
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CommandError(pub ErrorPayload);

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self(ErrorPayload {
            code: code.to_owned(),
            message: message.into(),
            field: None,
        })
    }
}

impl From<bilateral_core::Error> for CommandError {
    fn from(error: bilateral_core::Error) -> Self {
        Self(error.payload())
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

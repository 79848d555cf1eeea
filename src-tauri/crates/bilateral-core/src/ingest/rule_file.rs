//! The rule files beside the code (`ingest/*.toml`): embedded in the binary, read once at
//! first use, and checked by a test so a broken edit fails the build's tests, not a user.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Why a rule file could not be read: kept whole (it is read once and reported many times).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: &'static str,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl From<&RuleError> for Error {
    fn from(e: &RuleError) -> Self {
        Error::Parse {
            file: e.file.to_owned(),
            line: e.line,
            column: e.column,
            message: e.message.clone(),
        }
    }
}

/// Parses the rule file `file` holding `text`.
pub fn parse<T: DeserializeOwned>(text: &str, file: &'static str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let before = text.get(..at).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        RuleError {
            file,
            line,
            column,
            message: e.message().to_owned(),
        }
    })
}

/// Reads every rule file, naming the first that cannot be read: for tests and start-up checks.
pub fn check_all() -> crate::error::Result<()> {
    super::kinds::rules().map(|_| ())?;
    super::actors::rules().map(|_| ())?;
    super::places::rules().map(|_| ())?;
    super::reposts::rules().map(|_| ())?;
    Ok(())
}

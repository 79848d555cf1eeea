//! A time expression as TimeML's TIMEX3 describes it: where it is, what type, what value.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// One time expression. `start`/`end` count Unicode scalar values (chars) into the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 `value`: `2024-01-29`, `2023-11`, `2024-W04`, `2024-FA`, `P3M`, `PAST_REF`, …
    pub value: String,
}

//! A file's bytes as UTF-8 text: the only encoding the formats read. A byte-order mark is
//! dropped; anything not UTF-8 is one error naming the line and column of the first bad byte.

use crate::error::{Error, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn utf8<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::Parse {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: "the file is UTF-16: save it as UTF-8 and import it again".to_owned(),
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Error::Parse {
            file: file.to_owned(),
            line,
            column,
            message: format!(
                "byte 0x{bad:02X} is not valid UTF-8: save the file as UTF-8 and import it again"
            ),
        }
    })
}

/// A `serde_json` syntax error as a parse error of `file` at its line and column.
pub fn json_error(file: &str, error: &serde_json::Error) -> Error {
    // serde_json appends the position, which the error already carries.
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    let message = match error.classify() {
        serde_json::error::Category::Eof => {
            format!("the file ends too early, it looks truncated ({what})")
        }
        _ => what.to_owned(),
    };
    Error::Parse {
        file: file.to_owned(),
        line: error.line(),
        column: error.column(),
        message,
    }
}

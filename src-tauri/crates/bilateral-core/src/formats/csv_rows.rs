//! Reading the rows of a CSV file, with the checks every CSV reader needs: where each row
//! begins, that each row has as many cells as the header, and that quoting is whole.
//!
//! The csv crate reads a quoted cell that never closes as running to the end of the file, and
//! text after a closing quote as part of the cell, without an error. A file cut in half then
//! imports with its last cell cut, and a stray `"` merges cells; both are refused here, naming
//! the line, column and cell where the quote opens.

use ::csv::{Reader, ReaderBuilder, StringRecord};

use crate::error::{Error, Result};
use crate::limits::excerpt;

/// The rows after the header, each with the line it begins on.
pub(crate) struct Rows<'t> {
    reader: Reader<&'t [u8]>,
    lines: LineCounter<'t>,
    header: StringRecord,
    file: &'t str,
}

impl<'t> Rows<'t> {
    /// Reads the header, then checks the quoting of the whole file before any row is read, so a
    /// damaged file fails as a whole instead of importing some rows wrong.
    pub(crate) fn new(text: &'t str, file: &'t str) -> Result<Self> {
        let mut reader = ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
        if let Some(fault) = quote_fault(text) {
            let cell = if fault.in_header {
                format!("column {}", fault.cell + 1)
            } else {
                header
                    .get(fault.cell)
                    .map(|name| format!("{} column", excerpt(name.trim())))
                    .unwrap_or_else(|| format!("column {}", fault.cell + 1))
            };
            return Err(Error::Parse {
                file: file.to_owned(),
                line: fault.line,
                column: fault.column,
                message: fault.kind.message(&cell),
            });
        }
        Ok(Self {
            reader,
            lines: LineCounter::new(text),
            header,
            file,
        })
    }

    pub(crate) fn header(&self) -> &StringRecord {
        &self.header
    }

    /// Reads the next row into `record`; its 1-based line, or `None` at the end.
    pub(crate) fn next(&mut self, record: &mut StringRecord) -> Result<Option<usize>> {
        if self
            .reader
            .read_record(record)
            .map_err(|e| csv_error(self.file, &e))?
        {
            Ok(Some(self.lines.line_of(record)))
        } else {
            Ok(None)
        }
    }

    /// A row with fewer or more cells than the header (a file cut inside a row, a cell lost or
    /// added by hand) as the field `row` and why.
    pub(crate) fn check_width(
        &self,
        record: &StringRecord,
    ) -> std::result::Result<(), (String, String)> {
        if record.len() == self.header.len() {
            return Ok(());
        }
        Err((
            "row".to_owned(),
            format!(
                "the row has {} cells, the header has {}",
                record.len(),
                self.header.len()
            ),
        ))
    }
}

/// What is wrong with a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteFaultKind {
    /// The file ends inside the quoted cell.
    NeverClosed,
    /// Text follows the closing quote: the quote that opened the cell was stray, and closed on
    /// a quote of a later cell.
    TextAfterClose { line: usize, column: usize },
}

impl QuoteFaultKind {
    fn message(self, cell: &str) -> String {
        match self {
            Self::NeverClosed => format!(
                "the quoted cell of the {cell} opened here is never closed: the file looks \
                 truncated, or has a stray \""
            ),
            Self::TextAfterClose { line, column } => format!(
                "the quoted cell of the {cell} opened here closes at line {line}, column \
                 {column} and text follows: a stray \" has merged cells"
            ),
        }
    }
}

/// Where the faulty quote opens: 1-based line and column (in characters), the 0-based index of
/// its cell in the row, and whether that row is the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct QuoteFault {
    kind: QuoteFaultKind,
    line: usize,
    column: usize,
    cell: usize,
    in_header: bool,
}

/// Where a quote opened: line, column, cell and whether in the header.
type Opening = (usize, usize, usize, bool);

/// Reading state, as the csv crate's reader has it (RFC 4180 with `""` inside quotes).
#[derive(Clone, Copy)]
enum State {
    CellStart,
    Unquoted,
    Quoted(Opening),
    /// A `"` inside a quoted cell: the cell closes unless another `"` follows.
    QuoteInQuoted(Opening),
}

/// The first quote that the csv crate would read without error but wrongly, if any.
fn quote_fault(text: &str) -> Option<QuoteFault> {
    let (mut line, mut column, mut cell) = (1, 0, 0);
    // The header is the first row with any character; blank lines before it are skipped.
    let (mut in_header, mut row_has_text) = (true, false);
    let mut state = State::CellStart;
    for c in text.chars() {
        column += 1;
        state = match (state, c) {
            (State::Quoted(open), '"') => State::QuoteInQuoted(open),
            (State::Quoted(open), _) => State::Quoted(open),
            (State::QuoteInQuoted(open), '"') => State::Quoted(open),
            (State::CellStart, '"') => State::Quoted((line, column, cell, in_header)),
            (_, ',') => {
                cell += 1;
                State::CellStart
            }
            (_, '\r' | '\n') => {
                if row_has_text {
                    in_header = false;
                }
                row_has_text = false;
                cell = 0;
                State::CellStart
            }
            (State::QuoteInQuoted((l, col, cl, h)), _) => {
                return Some(QuoteFault {
                    kind: QuoteFaultKind::TextAfterClose { line, column },
                    line: l,
                    column: col,
                    cell: cl,
                    in_header: h,
                })
            }
            _ => State::Unquoted,
        };
        if !matches!(c, '\r' | '\n') {
            row_has_text = true;
        }
        if c == '\n' {
            line += 1;
            column = 0;
        }
    }
    match state {
        State::Quoted((l, col, cl, h)) => Some(QuoteFault {
            kind: QuoteFaultKind::NeverClosed,
            line: l,
            column: col,
            cell: cl,
            in_header: h,
        }),
        _ => None,
    }
}

/// The 1-based line where each record begins, counted from its byte offset (the csv crate's
/// own line count lags by one after CRLF line ends). Records must be asked for in order.
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, record: &StringRecord) -> usize {
        let mut start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.byte)
            .clamp(self.byte, self.text.len());
        // With CRLF the reported start is the LF ending the line before.
        while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.line += self.text[self.byte..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.byte = start;
        self.line
    }
}

fn csv_error(file: &str, error: &::csv::Error) -> Error {
    let line = error
        .position()
        .and_then(|p| usize::try_from(p.line()).ok())
        .unwrap_or(1);
    Error::Parse {
        file: file.to_owned(),
        line,
        column: 1,
        message: error.to_string(),
    }
}

//! Reading the rows of a CSV file, with the checks every CSV reader needs: where each row
//! begins, that each row has as many cells as the header, and that quoting is whole.
//!
//! The csv crate reads a quoted cell that never closes as running to the end of the file, and
//! text after a closing quote as part of the cell, without an error. A file cut in half then
//! imports with its last cell cut, and a stray `"` merges cells; both are refused here, naming
//! the line, column and cell where the quote opens.

use std::io::Read;

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

/// `Rows` over a reader: the file is read in pieces as rows are asked for, never whole. The
/// quoting is checked as the bytes pass; a fault fails the row that reaches it (or the end),
/// naming the line, column and cell where the quote opens, as `Rows` does.
pub(crate) struct StreamRows<R: Read> {
    reader: Reader<Scanned<R>>,
    header: StringRecord,
    file: String,
}

/// A reader that shows every byte it gives to the quote scanner.
struct Scanned<R> {
    inner: R,
    scanner: QuoteScanner,
}

impl<R: Read> Read for Scanned<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.scanner.finish();
        } else {
            self.scanner.feed(&buf[..n]);
        }
        Ok(n)
    }
}

impl<R: Read> StreamRows<R> {
    /// `inner` starts after any byte-order mark.
    pub(crate) fn new(inner: R, file: &str) -> Result<Self> {
        let mut scanner = QuoteScanner::new();
        scanner.track_rows = true;
        let mut reader = ReaderBuilder::new()
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(Scanned { inner, scanner });
        let header = reader.headers().cloned().map_err(|e| csv_error(file, &e));
        let mut rows = Self {
            header: StringRecord::new(),
            reader,
            file: file.to_owned(),
        };
        rows.check_quotes()?;
        rows.header = header?;
        Ok(rows)
    }

    pub(crate) fn header(&self) -> &StringRecord {
        &self.header
    }

    fn check_quotes(&self) -> Result<()> {
        let Some(fault) = self.reader.get_ref().scanner.fault else {
            return Ok(());
        };
        Err(fault_error(&fault, &self.header, &self.file))
    }

    /// Reads the next row into `record`; its 1-based line, or `None` at the end.
    pub(crate) fn next(&mut self, record: &mut StringRecord) -> Result<Option<usize>> {
        let more = self.reader.read_record(record);
        self.check_quotes()?;
        if !more.map_err(|e| csv_error(&self.file, &e))? {
            return Ok(None);
        }
        let at = record.position().map_or(0, ::csv::Position::byte);
        Ok(Some(self.reader.get_mut().scanner.line_of(at)))
    }

    /// As `Rows::check_width`.
    pub(crate) fn check_width(
        &self,
        record: &StringRecord,
    ) -> std::result::Result<(), (String, String)> {
        width_fault(record, &self.header)
    }
}

fn fault_error(fault: &QuoteFault, header: &StringRecord, file: &str) -> Error {
    let cell = if fault.in_header {
        format!("column {}", fault.cell + 1)
    } else {
        header
            .get(fault.cell)
            .map(|name| format!("{} column", excerpt(name.trim())))
            .unwrap_or_else(|| format!("column {}", fault.cell + 1))
    };
    Error::Parse {
        file: file.to_owned(),
        line: fault.line,
        column: fault.column,
        message: fault.kind.message(&cell),
    }
}

fn width_fault(
    record: &StringRecord,
    header: &StringRecord,
) -> std::result::Result<(), (String, String)> {
    if record.len() == header.len() {
        return Ok(());
    }
    Err((
        "row".to_owned(),
        format!(
            "the row has {} cells, the header has {}",
            record.len(),
            header.len()
        ),
    ))
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
    let mut scanner = QuoteScanner::new();
    scanner.feed(text.as_bytes());
    scanner.finish();
    scanner.fault
}

/// `quote_fault`, fed as the bytes arrive, so a file read in pieces is checked as it is read.
/// Columns count characters: every byte except UTF-8 continuation bytes. It also notes
/// where each row begins (outside quotes), so a streamed reader can name a record's line.
struct QuoteScanner {
    line: usize,
    column: usize,
    cell: usize,
    in_header: bool,
    row_has_text: bool,
    state: State,
    fault: Option<QuoteFault>,
    /// Bytes fed so far.
    offset: u64,
    /// Whether the last byte fed ended a line outside quotes (or nothing was fed yet).
    at_row_start: bool,
    /// Byte offset and line of each row start not yet asked for, oldest first.
    row_starts: std::collections::VecDeque<(u64, usize)>,
    track_rows: bool,
}

impl QuoteScanner {
    fn new() -> Self {
        Self {
            line: 1,
            column: 0,
            cell: 0,
            in_header: true,
            row_has_text: false,
            state: State::CellStart,
            fault: None,
            offset: 0,
            at_row_start: true,
            row_starts: std::collections::VecDeque::new(),
            track_rows: false,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
            self.offset += 1;
            if self.fault.is_some() {
                return;
            }
        }
    }

    fn byte(&mut self, b: u8) {
        let newline = matches!(b, b'\r' | b'\n');
        let outside = !matches!(self.state, State::Quoted(_) | State::QuoteInQuoted(_));
        if self.track_rows && self.at_row_start && !newline {
            self.row_starts.push_back((self.offset, self.line));
        }
        if (0x80..0xC0).contains(&b) {
            // A continuation byte: part of the character already counted.
            self.at_row_start = false;
            return;
        }
        self.column += 1;
        self.state = match (self.state, b) {
            (State::Quoted(open), b'"') => State::QuoteInQuoted(open),
            (State::Quoted(open), _) => State::Quoted(open),
            (State::QuoteInQuoted(open), b'"') => State::Quoted(open),
            (State::CellStart, b'"') => {
                State::Quoted((self.line, self.column, self.cell, self.in_header))
            }
            (_, b',') => {
                self.cell += 1;
                State::CellStart
            }
            (_, b'\r' | b'\n') => {
                if self.row_has_text {
                    self.in_header = false;
                }
                self.row_has_text = false;
                self.cell = 0;
                State::CellStart
            }
            (State::QuoteInQuoted((l, col, cl, h)), _) => {
                self.fault = Some(QuoteFault {
                    kind: QuoteFaultKind::TextAfterClose {
                        line: self.line,
                        column: self.column,
                    },
                    line: l,
                    column: col,
                    cell: cl,
                    in_header: h,
                });
                return;
            }
            _ => State::Unquoted,
        };
        if !newline {
            self.row_has_text = true;
        }
        self.at_row_start = newline && (outside || matches!(self.state, State::CellStart));
        if b == b'\n' {
            self.line += 1;
            self.column = 0;
        }
    }

    /// The end of the file: a quote still open never closes.
    fn finish(&mut self) {
        if self.fault.is_some() {
            return;
        }
        if let State::Quoted((l, col, cl, h)) = self.state {
            self.fault = Some(QuoteFault {
                kind: QuoteFaultKind::NeverClosed,
                line: l,
                column: col,
                cell: cl,
                in_header: h,
            });
        }
    }

    /// The line of the row that begins at or after byte `at` (the csv crate reports the line
    /// end before a record as its start after CRLF); rows before it are forgotten.
    fn line_of(&mut self, at: u64) -> usize {
        while let Some(&(offset, line)) = self.row_starts.front() {
            if offset >= at {
                return line;
            }
            self.row_starts.pop_front();
        }
        self.line
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

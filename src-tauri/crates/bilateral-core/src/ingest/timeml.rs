//! Reads TimeML (`.tml`) documents: their text, creation time and gold TIMEX3 annotations,
//! the way the TempEval-3 tools see them; and writes a tagged document back, so our output
//! can be fed to those tools too.
//!
//! The text is the content of `<TEXT>` with every tag removed and every entity decoded
//! (line ends normalised as any XML parser does): exactly what a TempEval system is given.
//! Offsets count Unicode scalar values (chars) into that text, as everywhere in `ingest`.

use std::borrow::Cow;
use std::path::Path;

use chrono::NaiveDate;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::timex::{Timex, TimexType};
use crate::error::{Error, Result};
use crate::formats::{decode, input};

/// One TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file it was read from, for messages.
    pub name: String,
    /// The creation time's TIMEX3 `value` as written (`1998-01-08`, `2013-03-22T10:30`).
    pub dct_value: String,
    /// The day of the creation time: what the tagger anchors on.
    pub dct: NaiveDate,
    /// The content of `<TEXT>`, tags stripped and entities decoded.
    pub text: String,
    /// The TIMEX3s inside `<TEXT>`, in order. Non-consuming (empty) ones are left out: they
    /// have no extent, and the TempEval-3 scorer never sees them either.
    pub timexes: Vec<Timex>,
}

/// Reads the `.tml` file at `path` (at most `limits::MAX_ARTICLE_BYTES`, UTF-8).
pub fn read_file(path: &Path) -> Result<Document> {
    let bytes = input::read_file_within(path, input::ARTICLE)?;
    let name = path.display().to_string();
    parse(decode::utf8(&bytes, &name)?, &name)
}

/// What the parser holds while it walks the document.
#[derive(Default)]
struct State {
    in_dct: bool,
    dct: Option<(String, u64)>,
    /// 0 before `<TEXT>`, 1 inside, 2 after.
    text_stage: u8,
    text: String,
    chars: usize,
    /// The TIMEX3 being read: its start (chars and bytes into `text`), type and value.
    open: Option<Open>,
    timexes: Vec<Timex>,
}

struct Open {
    start: usize,
    start_byte: usize,
    kind: TimexType,
    value: String,
}

impl State {
    fn push(&mut self, text: &str) {
        self.chars += text.chars().count();
        self.text.push_str(text);
    }

    fn in_text(&self) -> bool {
        self.text_stage == 1
    }
}

/// Reads a TimeML document from its markup; `name` names it in errors.
pub fn parse(xml: &str, name: &str) -> Result<Document> {
    let mut reader = Reader::from_str(xml);
    let mut state = State::default();
    loop {
        // Where the event starts, for messages about it.
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position();
            // quick-xml quotes what it found, which can be a long stretch of the file.
            let what = crate::formats::message::clip(&e.to_string(), 160);
            parse_error(xml, name, at, &format!("not well-formed XML: {what}"))
        })?;
        let fail = |message: &str| parse_error(xml, name, at, message);
        match event {
            Event::Eof => break,
            Event::Start(tag) => start(&mut state, &tag, at, false).map_err(|m| fail(&m))?,
            Event::Empty(tag) => start(&mut state, &tag, at, true).map_err(|m| fail(&m))?,
            Event::End(tag) => match tag.name().as_ref() {
                "DCT" => state.in_dct = false,
                "TEXT" => state.text_stage = 2,
                "TIMEX3" if state.in_text() => close(&mut state),
                _ => {}
            },
            Event::Text(text) if state.in_text() => state.push(&text.xml10_content()),
            Event::CData(data) if state.in_text() => state.push(&data.xml10_content()),
            Event::GeneralRef(entity) if state.in_text() => {
                let decoded = entity_text(&entity).map_err(|m| fail(&m))?;
                state.push(&decoded);
            }
            _ => {}
        }
    }
    finish(xml, name, state)
}

/// An opening (or empty) tag.
fn start(
    state: &mut State,
    tag: &BytesStart<'_>,
    at: u64,
    empty: bool,
) -> std::result::Result<(), String> {
    match tag.name().as_ref() {
        "DCT" => state.in_dct = !empty,
        "TEXT" if state.text_stage > 0 => {
            return Err("a second <TEXT>: a TimeML document has one".to_owned())
        }
        "TEXT" => state.text_stage = if empty { 2 } else { 1 },
        "TIMEX3" if state.in_dct && state.dct.is_none() => {
            let function = attribute(tag, "functionInDocument")?;
            if function.as_deref() == Some("CREATION_TIME") {
                let value = attribute(tag, "value")?
                    .ok_or("the creation time's TIMEX3 has no value attribute")?;
                state.dct = Some((value, at));
            }
        }
        // A non-consuming TIMEX3 has no extent to find.
        "TIMEX3" if state.in_text() && !empty => {
            if state.open.is_some() {
                return Err("a TIMEX3 inside another TIMEX3: TimeML does not nest them".into());
            }
            let tid = attribute(tag, "tid")?.unwrap_or_else(|| "without a tid".to_owned());
            let kind = attribute(tag, "type")?
                .ok_or_else(|| format!("TIMEX3 {tid} has no type attribute"))?;
            let kind = timex_type(&kind).ok_or_else(|| {
                format!(
                    "TIMEX3 {tid} has type {kind:?}; TimeML types are DATE, TIME, DURATION and SET"
                )
            })?;
            let value = attribute(tag, "value")?
                .ok_or_else(|| format!("TIMEX3 {tid} has no value attribute"))?;
            state.open = Some(Open {
                start: state.chars,
                start_byte: state.text.len(),
                kind,
                value,
            });
        }
        _ => {}
    }
    Ok(())
}

/// The end of a TIMEX3 in the text: one more gold expression, unless it covers no text
/// (the TempEval-3 scorer drops those too).
fn close(state: &mut State) {
    let Some(open) = state.open.take() else {
        return;
    };
    let text = state.text.get(open.start_byte..).unwrap_or_default();
    if text.trim().is_empty() {
        return;
    }
    state.timexes.push(Timex {
        start: open.start,
        end: state.chars,
        text: text.to_owned(),
        kind: open.kind,
        value: open.value,
    });
}

fn finish(xml: &str, name: &str, state: State) -> Result<Document> {
    let whole = |message: &str| Error::Read {
        path: name.to_owned(),
        message: message.to_owned(),
    };
    if state.text_stage == 0 {
        return Err(whole("it has no <TEXT> element, so no text to tag"));
    }
    let (dct_value, at) = state.dct.ok_or_else(|| {
        whole(
            "it has no creation time: a <DCT> holding a TIMEX3 with \
             functionInDocument=\"CREATION_TIME\"",
        )
    })?;
    let dct = dct_value
        .get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .ok_or_else(|| {
            parse_error(
                xml,
                name,
                at,
                &format!("the creation time {dct_value:?} is not a day (YYYY-MM-DD)"),
            )
        })?;
    Ok(Document {
        name: name.to_owned(),
        dct_value,
        dct,
        text: state.text,
        timexes: state.timexes,
    })
}

/// An attribute's value, entities decoded; `None` when the tag does not have it.
fn attribute(tag: &BytesStart<'_>, key: &str) -> std::result::Result<Option<String>, String> {
    let found = tag
        .try_get_attribute(key)
        .map_err(|e| format!("a malformed attribute: {e}"))?;
    found
        .map(|attr| {
            attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .map_err(|e| format!("attribute {key}: {e}"))
        })
        .transpose()
}

fn timex_type(text: &str) -> Option<TimexType> {
    match text {
        "DATE" => Some(TimexType::Date),
        "TIME" => Some(TimexType::Time),
        "DURATION" => Some(TimexType::Duration),
        "SET" => Some(TimexType::Set),
        _ => None,
    }
}

/// `&amp;` → `&`, `&#233;` → `é`. TimeML declares no entities of its own.
fn entity_text(entity: &BytesRef<'_>) -> std::result::Result<String, String> {
    if let Some(c) = entity
        .resolve_char_ref()
        .map_err(|e| format!("a bad character reference: {e}"))?
    {
        return Ok(c.to_string());
    }
    let name: &str = entity;
    resolve_predefined_entity(name)
        .map(str::to_owned)
        .ok_or_else(|| format!("unknown entity &{name};"))
}

/// A parse error at byte `at` of `xml`, with its 1-based line and column (in chars).
fn parse_error(xml: &str, name: &str, at: u64, message: &str) -> Error {
    let at = usize::try_from(at).unwrap_or(usize::MAX).min(xml.len());
    // Back to a char boundary: the position may fall inside a multi-byte character.
    let at = (0..=at)
        .rev()
        .find(|&i| xml.is_char_boundary(i))
        .unwrap_or(0);
    let before = &xml[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Error::Parse {
        file: name.to_owned(),
        line,
        column: before[line_start..].chars().count() + 1,
        message: message.to_owned(),
    }
}

/// A TimeML document holding `text` tagged with `timexes` (char offsets; their own `text`
/// is ignored, the document's is written), so that the TempEval-3 tools can score it against
/// the gold file. Refuses expressions outside the text, empty or overlapping: XML cannot
/// hold them.
pub fn write(name: &str, dct_value: &str, text: &str, timexes: &[Timex]) -> Result<String> {
    let mut sorted: Vec<&Timex> = timexes.iter().collect();
    sorted.sort_by_key(|t| (t.start, t.end));
    // Byte offset of every char, and of the end.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut out = String::with_capacity(text.len() * 2);
    out.push_str("<?xml version=\"1.0\" ?>\n<TimeML>\n\n");
    out.push_str(&format!("<DOCID>{}</DOCID>\n\n", escape(name, false)));
    out.push_str(&format!(
        "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{v}\" temporalFunction=\"false\" \
         functionInDocument=\"CREATION_TIME\">{v}</TIMEX3></DCT>\n\n<TEXT>",
        v = escape(dct_value, true)
    ));
    let mut done = 0;
    for (n, timex) in sorted.iter().enumerate() {
        let what = |message: String| {
            Error::invalid(
                format!("timexes[{n}]"),
                format!(
                    "{:?} at {}..{}: {message}",
                    timex.text, timex.start, timex.end
                ),
            )
        };
        if timex.start >= timex.end || timex.end >= bytes.len() {
            return Err(what(format!(
                "not a span of the text, which has {} characters",
                bytes.len() - 1
            )));
        }
        if timex.start < done {
            return Err(what("overlaps the expression before it".to_owned()));
        }
        out.push_str(&escape(&text[bytes[done]..bytes[timex.start]], false));
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\">",
            n + 1,
            type_name(timex.kind),
            escape(&timex.value, true)
        ));
        out.push_str(&escape(&text[bytes[timex.start]..bytes[timex.end]], false));
        out.push_str("</TIMEX3>");
        done = timex.end;
    }
    out.push_str(&escape(&text[bytes[done]..], false));
    out.push_str("</TEXT>\n\n</TimeML>\n");
    Ok(out)
}

/// TIMEX3 `type` as TimeML writes it.
pub fn type_name(kind: TimexType) -> &'static str {
    match kind {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// Text (or, with `attribute`, an attribute value) as XML writes it.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            // A line break in an attribute would be read back as a space.
            '\n' if attribute => out.push_str("&#10;"),
            // A carriage return would be normalised away by the reader.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

//! Bilateral JSON: `{"format": "bilateral", "version": 1, "events": [...]}`, each event in
//! exactly the shape of `data/events.json` (the serde form of `Event`). Lossless.
//!
//! Version 2 adds an optional `periods` list after the events: the user's periods
//! (`periods::Period`). A file is written as version 2 only when it carries periods, so a file
//! without them is still read by releases that know version 1 only, and a release that knows
//! version 1 refuses a file with periods ("update Bilateral") instead of dropping them.
//!
//! Import also takes a bare array of events (the dataset file itself). Events are read one at
//! a time, so a bad event is rejected with its index and field while the others are kept. A
//! bad period stops the reading, naming its index and field (`periods[1].colour`): periods
//! are few and hand-made, and importing some of them would quietly lose the others.

use std::cell::RefCell;
use std::fmt;
use std::io::{self, Write};

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::Serialize;

use super::decode::json_error;
use super::event_source::{EventSource, Owned, Shown, SourceSequence};
use super::message;
use super::parsed::{Location, Parsed};
use super::progress::Progress;
use super::stream::Item;
use crate::error::{Error, Result};
use crate::limits::excerpt;
use crate::model::Event;
use crate::periods::Period;

/// The value of the `format` key.
pub const FORMAT: &str = "bilateral";
/// The newest version this build writes and reads.
pub const VERSION: u64 = 2;
/// The version of a file without periods, which older releases read too.
const VERSION_WITHOUT_PERIODS: u64 = 1;

#[derive(Serialize)]
struct Envelope<'a, E: Serialize> {
    format: &'a str,
    version: u64,
    events: E,
    #[serde(skip_serializing_if = "<[Period]>::is_empty")]
    periods: &'a [Period],
}

fn version_for(periods: &[Period]) -> u64 {
    if periods.is_empty() {
        VERSION_WITHOUT_PERIODS
    } else {
        VERSION
    }
}

pub fn write(
    events: &[Event],
    periods: &[Period],
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    write_from(&mut events.iter(), periods, out, progress)
}

/// `write`, taking the events from an iterator as they are read (an export of the whole
/// store): the same bytes, and never every event in memory.
pub fn write_iter(
    events: &mut dyn Iterator<Item = Event>,
    periods: &[Period],
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    write_from(&mut Owned::new(events), periods, out, progress)
}

/// `write`, taking the events from `events` one at a time.
pub(crate) fn write_from(
    events: &mut dyn EventSource,
    periods: &[Period],
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let envelope = Envelope {
        format: FORMAT,
        version: version_for(periods),
        events: SourceSequence {
            events: RefCell::new(events),
            progress: RefCell::new(progress),
            shown: Whole,
        },
        periods,
    };
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &envelope)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Each event as it is: the Bilateral event object.
struct Whole;

impl Shown for Whole {
    fn element<S: SerializeSeq>(&self, event: &Event, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(event)
    }
}

/// The inlined data of the HTML export: the same envelope, on one line.
pub(crate) fn to_compact_string(events: &[Event]) -> serde_json::Result<String> {
    serde_json::to_string(&Envelope {
        format: FORMAT,
        version: VERSION_WITHOUT_PERIODS,
        events,
        periods: &[],
    })
}

pub fn read(text: &str, file: &str) -> Result<Parsed> {
    let mut parsed = Parsed::default();
    let mut de = serde_json::Deserializer::from_str(text);
    each_in(&mut de, file, &mut |item| {
        match item {
            Item::Event(event, at) => parsed.push(event, at),
            Item::Rejected(rejected) => parsed.rejected.push(rejected),
            Item::Period(period, _) => parsed.periods.push(period),
        }
        Ok(())
    })?;
    Ok(parsed)
}

/// Reads events from `reader` one at a time, handing each to `sink` as it is read: the file
/// is never held whole. An error from `sink` stops the reading and is the answer. The
/// envelope's `format` and `version` are checked when the file ends.
pub fn each(
    reader: impl io::Read,
    file: &str,
    sink: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<()> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    each_in(&mut de, file, sink)
}

fn each_in<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    file: &str,
    sink: &mut dyn FnMut(Item) -> Result<()>,
) -> Result<()> {
    let mut stopped = None;
    let top = de
        .deserialize_any(TopLevel {
            sink: Sink {
                sink,
                stopped: &mut stopped,
            },
        })
        .and_then(|top| de.end().map(|()| top));
    if let Some(error) = stopped {
        return Err(error);
    }
    let top = top.map_err(|e| json_error(file, &e))?;
    let not_ours =
        |field: &str, message: String| Error::invalid(field, format!("{file}: {message}"));
    match top {
        Shape::Array => {}
        Shape::Envelope {
            format,
            version,
            has_events,
            unknown,
        } => {
            match format.as_deref() {
                Some(FORMAT) => {}
                Some(other) => {
                    return Err(not_ours(
                        "format",
                        format!("this is a {} file, not a Bilateral one", excerpt(other)),
                    ))
                }
                None => {
                    return Err(not_ours(
                        "format",
                        "a Bilateral file starts with \"format\": \"bilateral\"".to_owned(),
                    ))
                }
            }
            match version {
                Some(v) if (1..=VERSION).contains(&v) => {}
                Some(v) => {
                    return Err(not_ours(
                        "version",
                        format!(
                        "version {v} is not one this app reads (1 to {VERSION}): update Bilateral"
                    ),
                    ))
                }
                None => return Err(not_ours("version", "the file has no version".to_owned())),
            }
            if let Some(key) = unknown {
                return Err(not_ours(
                    &message::field(&key),
                    "not a field of a Bilateral file".to_owned(),
                ));
            }
            if !has_events {
                return Err(not_ours("events", "the file has no events list".to_owned()));
            }
        }
    }
    Ok(())
}

/// What the top level of the file turned out to be.
enum Shape {
    Array,
    Envelope {
        format: Option<String>,
        version: Option<u64>,
        has_events: bool,
        unknown: Option<String>,
    },
}

/// Where the events go, and the error that stopped the reading, if the sink gave one.
struct Sink<'s> {
    sink: &'s mut dyn FnMut(Item) -> Result<()>,
    stopped: &'s mut Option<Error>,
}

impl Sink<'_> {
    fn send<E: serde::de::Error>(&mut self, item: Item) -> Result<(), E> {
        (self.sink)(item).map_err(|error| self.stop(error))
    }

    /// Ends the reading with `error` as its answer.
    fn stop<E: serde::de::Error>(&mut self, error: Error) -> E {
        *self.stopped = Some(error);
        E::custom("stopped")
    }
}

struct TopLevel<'p> {
    sink: Sink<'p>,
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Bilateral file ({\"format\": \"bilateral\", ...}) or a list of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shape, A::Error> {
        Items { sink: self.sink }.visit_seq(seq)?;
        Ok(Shape::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let (mut format, mut version, mut has_events, mut unknown) = (None, None, false, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => format = Some(map.next_value::<String>()?),
                "version" => version = Some(map.next_value::<u64>()?),
                "events" => {
                    map.next_value_seed(Items {
                        sink: Sink {
                            sink: &mut *self.sink.sink,
                            stopped: &mut *self.sink.stopped,
                        },
                    })?;
                    has_events = true;
                }
                "periods" => {
                    map.next_value_seed(PeriodItems {
                        sink: Sink {
                            sink: &mut *self.sink.sink,
                            stopped: &mut *self.sink.stopped,
                        },
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    unknown.get_or_insert(key);
                }
            }
        }
        Ok(Shape::Envelope {
            format,
            version,
            has_events,
            unknown,
        })
    }
}

/// The events list: each item is read on its own, so one bad item does not sink the rest.
struct Items<'p> {
    sink: Sink<'p>,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        // Each item is kept as its text (checked as JSON, not yet read) and then read straight
        // into an event: a bad item is rejected on its own and the reading goes on. A tree of
        // values would cost an allocation per field, and would keep the last of a field given
        // twice, silently dropping the other.
        while let Some(item) = seq.next_element::<Box<serde_json::value::RawValue>>()? {
            let at = Location::Item(index);
            let item = match Event::from_json_text(item.get()) {
                Ok(event) => Item::Event(event, at),
                Err(e) => Item::Rejected(super::Rejected::from_error(at, e)),
            };
            self.sink.send(item)?;
            index += 1;
        }
        Ok(())
    }
}

/// The periods list: each period is checked as it is read, and the first bad one stops the
/// reading with its index and field.
struct PeriodItems<'p> {
    sink: Sink<'p>,
}

impl<'de> DeserializeSeed<'de> for PeriodItems<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PeriodItems<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of periods")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(item) = seq.next_element::<serde_json::Value>()? {
            match Period::from_json(item) {
                Ok(period) => self.sink.send(Item::Period(period, index))?,
                Err(Error::Invalid { field, message }) => {
                    return Err(self.sink.stop(Error::invalid(
                        format!("periods[{index}].{}", message::field(&field)),
                        message::message(&message),
                    )))
                }
                Err(other) => return Err(self.sink.stop(other)),
            }
            index += 1;
        }
        Ok(())
    }
}

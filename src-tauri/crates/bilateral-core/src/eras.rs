//! Eras: the spans of time drawn behind the timeline's lanes (US administrations, the PRC's
//! paramount leaders). They ship as `data/eras.json`, with sources like the events, and are
//! read and checked here; the shell only hands them to the UI.
//!
//! An era covers the days from `start` up to, not including, `end`: the day power passes belongs
//! to the successor, so two eras that meet share that date (`end` of one, `start` of the next)
//! without overlapping. A later step lets users add their own periods as another group.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::web_url::normalize_web_url;
use crate::{Error, PartialDate, Precision, Result, Source};

/// The shipped eras, embedded so the app needs no file at run time.
pub const SHIPPED_JSON: &str = include_str!("../../../../data/eras.json");
const SHIPPED_FILE: &str = "data/eras.json";

/// Which series of eras an era belongs to. Eras of one group never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EraGroup {
    /// US presidential administrations, from inauguration to inauguration.
    UsAdministration,
    /// The PRC's paramount leaders; how the boundaries are dated is in `data/README.md`.
    PrcLeader,
}

impl EraGroup {
    pub const ALL: [EraGroup; 2] = [EraGroup::UsAdministration, EraGroup::PrcLeader];
}

/// One era: a named span of days in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Era {
    /// Stable slug: `<group prefix>-<start year>-<name>` (`us-1969-nixon`).
    pub id: String,
    pub group: EraGroup,
    /// The full name ("Richard Nixon"), spelled as the events' actors are.
    pub name: String,
    /// A shorter label for narrow room ("Nixon").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub short_name: Option<String>,
    /// The name in Chinese, as the events' actors have it.
    pub name_zh: String,
    /// The first day of the era (day precision).
    pub start: PartialDate,
    /// The day the era ended, which is the next era's first day; left out while it lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<PartialDate>,
    /// Pages that confirm the dates, at least one.
    pub sources: Vec<Source>,
}

/// The shipped eras, read and checked once. The file is part of the build, so a fault here is
/// a fault of the release, reported with the era and field at fault.
pub fn shipped() -> Result<Vec<Era>> {
    static SHIPPED: OnceLock<std::result::Result<Vec<Era>, String>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| parse(SHIPPED_JSON, SHIPPED_FILE).map_err(|e| e.to_string()))
        .clone()
        .map_err(|message| Error::invalid(SHIPPED_FILE, message))
}

/// Parses an eras file and checks every era, naming the file, era and field at fault. The eras
/// come back sorted by group, then start.
pub fn parse(json: &str, file: &str) -> Result<Vec<Era>> {
    let mut eras: Vec<Era> = serde_json::from_str(json).map_err(|e| Error::json(file, &e))?;
    let mut ids = HashSet::new();
    for (i, era) in eras.iter().enumerate() {
        let place = format!("{file}[{i}] ({})", era.id);
        validate(era).map_err(|e| e.within(&place))?;
        if !ids.insert(era.id.as_str()) {
            return Err(Error::invalid("id", "this id appears twice in the file").within(&place));
        }
    }
    eras.sort_by_key(|era| (era.group, era.start));
    check_group_order(&eras, file)?;
    Ok(eras)
}

/// The rules one era must keep on its own.
pub fn validate(era: &Era) -> Result<()> {
    if era.id.trim().is_empty() || era.id.trim() != era.id {
        return Err(Error::invalid(
            "id",
            "an era needs an id without surrounding spaces",
        ));
    }
    for (field, text) in [("name", &era.name), ("name_zh", &era.name_zh)] {
        if text.trim().is_empty() {
            return Err(Error::invalid(field, "cannot be empty"));
        }
    }
    if let Some(short) = &era.short_name {
        if short.trim().is_empty() {
            return Err(Error::invalid(
                "short_name",
                "cannot be empty; leave it out instead",
            ));
        }
    }
    check_day("start", era.start)?;
    if let Some(end) = era.end {
        check_day("end", end)?;
        if end <= era.start {
            return Err(Error::invalid(
                "end",
                format!("the end ({end}) must come after the start ({})", era.start),
            ));
        }
    }
    if era.sources.is_empty() {
        return Err(Error::invalid(
            "sources",
            "an era needs at least one source for its dates",
        ));
    }
    for (i, source) in era.sources.iter().enumerate() {
        let field = |name: &str| format!("sources[{i}].{name}");
        normalize_web_url(&source.url).map_err(|m| Error::invalid(field("url"), m))?;
        if source.title.trim().is_empty() {
            return Err(Error::invalid(field("title"), "a source needs a title"));
        }
        if source.publisher.trim().is_empty() {
            return Err(Error::invalid(
                field("publisher"),
                "a source needs a publisher",
            ));
        }
    }
    Ok(())
}

fn check_day(field: &str, date: PartialDate) -> Result<()> {
    if date.precision() != Precision::Day {
        return Err(Error::invalid(
            field,
            format!("{date} is not a day: era boundaries are written YYYY-MM-DD"),
        ));
    }
    Ok(())
}

/// Within a group, each era ends before (or on the day) the next begins, and only the last may
/// be open. `eras` is sorted by group, then start.
fn check_group_order(eras: &[Era], file: &str) -> Result<()> {
    for pair in eras.windows(2) {
        let [earlier, later] = pair else { continue };
        if earlier.group != later.group {
            continue;
        }
        let place = format!("{file} ({})", later.id);
        match earlier.end {
            None => {
                return Err(Error::invalid(
                    "start",
                    format!(
                        "{} has no end, so no era of its group can start after it",
                        earlier.id
                    ),
                )
                .within(&place))
            }
            Some(end) if later.start < end => {
                return Err(Error::invalid(
                    "start",
                    format!(
                        "starts on {} but {} lasts until {end}: eras of a group cannot overlap",
                        later.start, earlier.id
                    ),
                )
                .within(&place))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

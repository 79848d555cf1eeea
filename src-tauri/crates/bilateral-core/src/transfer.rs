//! What the app exports and imports: the selection an export covers, and writing a file so
//! that a failure never leaves half a file behind.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::formats::{self, ExportOptions, Format, Progress};
use crate::import::ImportPreview;
use crate::model::Event;
use crate::store::Store;

/// An export the user asked for: a format and the events of the current view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    /// `json`, `csv`, `md`, `ics`, `timelinejs`, `html`, `svg` or `png`.
    pub format: String,
    /// The selected events; when empty, every event matching `filter`.
    #[serde(default)]
    pub ids: Vec<String>,
    #[serde(default)]
    pub filter: Filter,
    /// Picture size for SVG and PNG, in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub height: Option<u32>,
}

/// A file read for import, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPlan {
    pub file: String,
    pub format: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub preview: ImportPreview,
}

impl ExportRequest {
    pub fn format(&self) -> Result<Format> {
        Format::parse(&self.format)
            .filter(|f| f.can_export())
            .ok_or_else(|| Error::invalid("format", format!("cannot export to {:?}", self.format)))
    }

    pub fn options(&self) -> ExportOptions {
        let defaults = ExportOptions::default();
        ExportOptions {
            width: self.width.unwrap_or(defaults.width).clamp(200, 8000),
            height: self.height.unwrap_or(defaults.height).clamp(150, 8000),
            ..defaults
        }
    }

    /// The events this export covers, in the store's order.
    pub fn events(&self, store: &Store) -> Result<Vec<Event>> {
        if self.ids.is_empty() {
            return Ok(store
                .all_matching(&self.filter)?
                .into_iter()
                .map(|s| s.event)
                .collect());
        }
        self.ids
            .iter()
            .map(|id| store.get(id).map(|s| s.event))
            .collect()
    }
}

/// Writes an export to `path` through a temporary sibling, renamed into place at the end.
pub fn write_file(
    format: Format,
    events: &[Event],
    options: &ExportOptions,
    path: &Path,
) -> Result<()> {
    let fail = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let partial = path.with_extension(format!("{}.part", format.extension()));
    let result = (|| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&partial)?);
        formats::export(
            format,
            events,
            options,
            &mut file,
            &mut Progress::silent(events.len()),
        )?;
        file.flush()?;
        file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map_err(fail)
}

/// How far a long import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

//! Bilateral's core: the event model, the SQLite store and its queries. Never depends on Tauri.

pub mod article_input;
pub mod article_items;
pub mod backup;
pub mod bindings;
pub mod cited_links;
pub mod dataset;
pub mod date;
pub(crate) mod duplicates;
pub mod error;
pub mod filter;
pub mod formats;
pub mod history;
pub mod identity;
pub mod import;
pub mod ingest;
pub mod limits;
pub mod merge;
pub mod model;
mod origin_constraint;
pub mod query;
pub mod readers;
pub mod search;
pub mod selection;
pub mod store;
pub mod transfer;
pub mod web_url;

pub use date::{DateError, PartialDate, Precision};
pub use error::{Error, ErrorPayload, Result};
pub use filter::Filter;
pub use history::{Curator, HistoryState, Replayed, StepKind};
pub use model::{Actor, Event, Kind, Origin, Side, Source, StoredEvent};
pub use query::{Bucket, Extent, Window, WindowQuery};
pub use search::{Facets, SearchHit, SearchQuery};
pub use store::{Store, SyncReport};

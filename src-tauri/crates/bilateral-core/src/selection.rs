//! Every event matching a filter, in time order: what exports and the CLI work from (the
//! window query caps its answer; this does not).

use rusqlite::params_from_iter;

use crate::error::Result;
use crate::filter::Filter;
use crate::model::StoredEvent;
use crate::store::{row_to_event, Store, EVENT_COLUMNS};

impl Store {
    /// All events matching `filter`, by first day, last day, then id.
    pub fn all_matching(&self, filter: &Filter) -> Result<Vec<StoredEvent>> {
        let conn = self.conn();
        let (condition, params) = filter.sql();
        let mut stmt = conn.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE {condition} ORDER BY first_day, last_day, id"
        ))?;
        let raws = stmt
            .query_map(params_from_iter(params), row_to_event)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raws.into_iter().map(|raw| raw.complete(conn)).collect()
    }
}

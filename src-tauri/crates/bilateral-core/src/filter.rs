//! Filters on kind, side, actor, tag, origin, verification, date range and thread: combined with AND across
//! fields, OR within one field ("summits or calls, involving Wang Yi").
//! Leaving GDELT out is one origin filter: every origin but `gdelt` (`Filter::without_gdelt`).

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;
use crate::model::{Kind, Origin, Side};
use crate::store::day_number;
use crate::verification::Verification;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Filter {
    pub kinds: Vec<Kind>,
    pub sides: Vec<Side>,
    pub actors: Vec<String>,
    pub tags: Vec<String>,
    /// Where events came from; empty means every origin.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Origin>>", optional)]
    pub origins: Vec<Origin>,
    /// How well attested; empty means every state.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Verification>>", optional)]
    pub verification: Vec<Verification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub from: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub to: Option<PartialDate>,
    /// Only the thread of this event: it and every event reachable from it through links,
    /// either way ("Show thread").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub thread: Option<String>,
}

/// `n` SQL parameters, comma-separated, for an `IN (…)` list.
pub(crate) fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }

    /// This filter, keeping events of every origin except GDELT.
    pub fn without_gdelt(mut self) -> Filter {
        self.origins = Origin::ALL
            .into_iter()
            .filter(|o| *o != Origin::Gdelt)
            .collect();
        self
    }

    /// The SQL condition on `events` (aliased `events`) and its parameters, in order.
    pub(crate) fn sql(&self) -> (String, Vec<Value>) {
        let mut clause = String::from("1");
        let mut params: Vec<Value> = Vec::new();
        if !self.kinds.is_empty() {
            clause += &format!(" AND events.kind IN ({})", placeholders(self.kinds.len()));
            params.extend(self.kinds.iter().map(|k| Value::Text(k.as_str().into())));
        }
        if !self.sides.is_empty() {
            clause += &format!(
                " AND EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                   WHERE ea.event_id = events.id AND a.side IN ({}))",
                placeholders(self.sides.len())
            );
            params.extend(self.sides.iter().map(|s| Value::Text(s.as_str().into())));
        }
        if !self.actors.is_empty() {
            clause += &format!(
                " AND EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                   WHERE ea.event_id = events.id AND a.name IN ({}))",
                placeholders(self.actors.len())
            );
            params.extend(self.actors.iter().map(|a| Value::Text(a.clone())));
        }
        if !self.tags.is_empty() {
            clause += &format!(
                " AND EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = events.id AND t.tag IN ({}))",
                placeholders(self.tags.len())
            );
            params.extend(self.tags.iter().map(|t| Value::Text(t.clone())));
        }
        if !self.origins.is_empty() {
            clause += &format!(
                " AND events.origin IN ({})",
                placeholders(self.origins.len())
            );
            params.extend(self.origins.iter().map(|o| Value::Text(o.as_str().into())));
        }
        if !self.verification.is_empty() {
            clause += &format!(
                " AND events.verification IN ({})",
                placeholders(self.verification.len())
            );
            params.extend(
                self.verification
                    .iter()
                    .map(|v| Value::Text(v.as_str().into())),
            );
        }
        if let Some(from) = self.from {
            clause += " AND events.last_day >= ?";
            params.push(Value::Integer(day_number(from.first_day())));
        }
        if let Some(to) = self.to {
            clause += " AND events.first_day <= ?";
            params.push(Value::Integer(day_number(to.last_day())));
        }
        if let Some(thread) = &self.thread {
            clause += &format!(" AND events.id IN ({})", crate::thread::thread_ids_sql());
            params.push(Value::Text(thread.clone()));
        }
        (clause, params)
    }
}

//! What an export covers, in words for a reader ("Kinds: Summit, Call", "Dates: 2020 to
//! November 2023"): the title page of a PDF says which filters chose its events.

use super::labels::{date_label, kind_label, side_label};
use crate::filter::Filter;
use crate::model::Origin;

fn origin_label(origin: Origin) -> &'static str {
    match origin {
        Origin::Dataset => "Shipped dataset",
        Origin::User => "Added or imported by the user",
        Origin::Gdelt => "GDELT",
    }
}

fn listed(name: &str, items: impl Iterator<Item = String>) -> Option<String> {
    let items: Vec<String> = items.collect();
    (!items.is_empty()).then(|| format!("{name}: {}", items.join(", ")))
}

/// One line per filter in use; `None` is a hand-picked set of events.
pub fn describe(filter: Option<&Filter>) -> Vec<String> {
    let Some(filter) = filter else {
        return vec!["Events chosen one by one".to_owned()];
    };
    if filter.is_empty() {
        return vec!["All events, no filters".to_owned()];
    }
    let dates = match (filter.from, filter.to) {
        (Some(from), Some(to)) => {
            Some(format!("Dates: {} to {}", date_label(from), date_label(to)))
        }
        (Some(from), None) => Some(format!("Dates: from {} on", date_label(from))),
        (None, Some(to)) => Some(format!("Dates: up to {}", date_label(to))),
        (None, None) => None,
    };
    [
        dates,
        listed(
            "Kinds",
            filter.kinds.iter().map(|k| kind_label(*k).to_owned()),
        ),
        listed(
            "Sides",
            filter.sides.iter().map(|s| side_label(*s).to_owned()),
        ),
        listed("Actors", filter.actors.iter().cloned()),
        listed("Tags", filter.tags.iter().cloned()),
        listed(
            "Origins",
            filter.origins.iter().map(|o| origin_label(*o).to_owned()),
        ),
        listed(
            "Verification",
            filter.verification.iter().map(|v| v.label().to_owned()),
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

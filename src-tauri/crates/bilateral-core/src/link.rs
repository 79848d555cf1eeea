//! Typed links between events: a reply `responds_to` what it answers, a later step
//! `follows_up` an earlier one, a joint statement is `part_of` its summit. A link belongs to
//! the event that states it; its target is an event id that need not exist (an import may
//! bring it later, a delete leaves it dangling).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How an event relates to the one it links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    RespondsTo,
    FollowsUp,
    PartOf,
}

impl Relation {
    pub const ALL: [Relation; 3] = [Relation::RespondsTo, Relation::FollowsUp, Relation::PartOf];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::RespondsTo => "responds_to",
            Relation::FollowsUp => "follows_up",
            Relation::PartOf => "part_of",
        }
    }

    pub fn parse(text: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// The words a file reader names when a relation is not one of ours.
    pub fn expected() -> String {
        let names: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
        names.join(", ")
    }
}

/// One link of an event to another, by the other's id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub relation: Relation,
    pub target: String,
}

/// Links in one text cell: `relation:target` pairs separated by `;`. A relation never holds
/// `:`, so the first `:` ends it and a target may hold more; a target's `%` and `;` are
/// written `%25` and `%3B`, so no id is ever misread.
pub const LINK_SEPARATOR: char = ';';
pub const RELATION_SEPARATOR: char = ':';

fn escape(id: &str) -> String {
    id.replace('%', "%25").replace(';', "%3B")
}

fn unescape(text: &str) -> String {
    text.replace("%3B", ";")
        .replace("%3b", ";")
        .replace("%25", "%")
}

/// Links as one text cell: `responds_to:2018-07-06-us-tariffs;part_of:2023-11-15-summit`.
pub fn encode(links: &[Link]) -> String {
    links
        .iter()
        .map(|l| {
            format!(
                "{}{RELATION_SEPARATOR}{}",
                l.relation.as_str(),
                escape(&l.target)
            )
        })
        .collect::<Vec<_>>()
        .join(&LINK_SEPARATOR.to_string())
}

/// Reads a cell written by `encode`; the error says which link is wrong and why. Spaces
/// around each part are ignored, and an empty cell (or empty parts) means no links.
pub fn decode(cell: &str) -> Result<Vec<Link>, String> {
    let mut links = Vec::new();
    for (n, part) in cell
        .split(LINK_SEPARATOR)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        let (relation, target) = part.split_once(RELATION_SEPARATOR).ok_or_else(|| {
            format!(
                "link {} ({}) is not relation{RELATION_SEPARATOR}event-id",
                n + 1,
                crate::limits::excerpt(part)
            )
        })?;
        let relation = Relation::parse(relation.trim()).ok_or_else(|| {
            format!(
                "link {} has unknown relation {}; expected one of {}",
                n + 1,
                crate::limits::excerpt(relation.trim()),
                Relation::expected()
            )
        })?;
        let target = target.trim();
        if target.is_empty() {
            return Err(format!("link {} has no event id after the relation", n + 1));
        }
        links.push(Link {
            relation,
            target: unescape(target),
        });
    }
    Ok(links)
}

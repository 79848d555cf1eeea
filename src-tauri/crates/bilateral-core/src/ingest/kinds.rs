//! The kind of event a sentence reports, from the trigger words of `kinds.toml`, and the
//! clause rules the candidate extractor reads a sentence with.

use std::sync::OnceLock;

use serde::Deserialize;

use super::rule_file::{self, RuleError};
use super::words::{PhraseList, Word};
use crate::model::Kind;

const FILE: &str = "ingest/kinds.toml";

/// One kind: its trigger phrases and title templates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    pub kind: Kind,
    /// How much this kind outranks others in the same clause: a summit or a visit (3) holds
    /// meetings, a statement (1) announces what others are.
    #[serde(default = "default_tier")]
    pub tier: u8,
    pub words: Vec<String>,
    /// Title when actors of two sides are named: `{a}`, `{b}`, `{place}`, `{trigger}`.
    #[serde(default)]
    pub two: Option<String>,
    /// Title when one actor is named.
    #[serde(default)]
    pub one: Option<String>,
}

/// How clauses are told apart, and which words make a date not an event's date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseRules {
    pub breaks: Vec<String>,
    pub hypothetical: Vec<String>,
    pub scheduled: Vec<String>,
    pub year_after: Vec<String>,
    pub attributions: Vec<String>,
    pub reporting: Vec<String>,
    pub dangling: Vec<String>,
    pub cuts: Vec<String>,
    pub reported: Vec<String>,
}

fn default_tier() -> u8 {
    2
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    kind: Vec<KindRule>,
    clause: ClauseRules,
}

/// The rules, with their phrases indexed for matching.
#[derive(Debug)]
pub struct Rules {
    /// In priority order: on a tie the earlier kind wins.
    pub kinds: Vec<KindRule>,
    /// Every trigger phrase, valued with its kind's index in `kinds`.
    pub triggers: PhraseList<usize>,
    pub breaks: PhraseList<()>,
    pub hypothetical: PhraseList<()>,
    pub scheduled: PhraseList<()>,
    pub attributions: PhraseList<()>,
    /// Words a long title may be cut before.
    pub cuts: PhraseList<()>,
    pub clause: ClauseRules,
}

/// The rules of `kinds.toml`, read once.
pub fn rules() -> Result<&'static Rules, crate::error::Error> {
    static RULES: OnceLock<Result<Rules, RuleError>> = OnceLock::new();
    RULES
        .get_or_init(|| load(include_str!("kinds.toml")))
        .as_ref()
        .map_err(crate::error::Error::from)
}

fn load(text: &str) -> Result<Rules, RuleError> {
    let file: RuleFile = rule_file::parse(text, FILE)?;
    let mut triggers = PhraseList::default();
    for (i, rule) in file.kind.iter().enumerate() {
        for word in &rule.words {
            triggers.add(word, i);
        }
    }
    let list = PhraseList::of;
    Ok(Rules {
        breaks: list(&file.clause.breaks),
        hypothetical: list(&file.clause.hypothetical),
        scheduled: list(&file.clause.scheduled),
        attributions: list(&file.clause.attributions),
        cuts: list(&file.clause.cuts),
        triggers,
        kinds: file.kind,
        clause: file.clause,
    })
}

/// A trigger found in a sentence: its words `[first, last)` and its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    pub first: usize,
    pub last: usize,
    pub rule: usize,
}

impl Rules {
    /// The trigger that decides the kind of the event dated by the words `date` (indices into
    /// `ws`), among the words `sentence`, given the date's `clause`. Words in `masked` (the
    /// story's attributions, other dates) are no trigger.
    pub fn trigger(
        &self,
        text: &str,
        ws: &[Word<'_>],
        sentence: (usize, usize),
        date: (usize, usize),
        clause: (usize, usize),
        masked: &dyn Fn(usize) -> bool,
    ) -> Option<Trigger> {
        let (from, to) = sentence;
        let scope = &ws[from..to];
        // A date written before a noun names that noun's event: "the April first mid-air
        // collision", "today’s meeting".
        let determiner = date.0 > from
            && matches!(
                ws[date.0 - 1].text.to_lowercase().as_str(),
                "the" | "a" | "an" | "this" | "that" | "its" | "their" | "his" | "her"
            );
        let possessive = ws
            .get(date.1)
            .is_some_and(|w| matches!(&text[ws[date.1 - 1].end..w.start], "’" | "'"))
            || text[ws[date.1 - 1].end..].starts_with(['’', '\'']);
        let heads = |first: usize| {
            first >= date.1
                && first - date.1 <= 3
                && (determiner || possessive)
                && (date.1..first).all(|k| !masked(k))
                && !breaks_between(text, ws, date.1 - 1, first)
        };
        // Lower is better: outside the clause, not the noun the date modifies, lower tier,
        // farther, listed later.
        let mut best: Option<(Cost, Trigger)> = None;
        for hit in self.triggers.find(text, scope) {
            let (first, last) = (hit.first + from, hit.last + from);
            if (first..last).any(masked) || (first < date.1 && last > date.0) {
                continue;
            }
            let distance = if last <= date.0 {
                date.0 - last
            } else {
                2 * (first - date.1)
            };
            let outside = first < clause.0 || last > clause.1;
            let tier = self.kinds[hit.value].tier;
            let cost = (outside, !heads(first), u8::MAX - tier, distance, hit.value);
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((
                    cost,
                    Trigger {
                        first,
                        last,
                        rule: hit.value,
                    },
                ));
            }
        }
        best.map(|b| b.1)
    }
}

/// A trigger's rank: outside the clause, not the noun the date modifies, tier (inverted),
/// distance, place in the file.
type Cost = (bool, bool, u8, usize, usize);

/// Whether clause punctuation stands between word `a` and the later word `b`.
fn breaks_between(text: &str, ws: &[Word<'_>], a: usize, b: usize) -> bool {
    (a..b).any(|k| text[ws[k].end..ws[k + 1].start].contains([',', ';', ':', '—', '–', '(', ')']))
}

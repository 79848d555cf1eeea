//! TempEval-3 measures for time expressions: strict and relaxed span F1, type and value
//! accuracy, and value F1, computed the way the task's official scorer computes them, plus
//! the per-document figures and error list a tagger's author works from.
//!
//! The official scorer (TE3-evaluation.py: TimeML-Normalizer, then
//! evaluation-entities/evaluate_entities.py) works like this, and so does this module:
//! - **Pairing.** Walking the text, an expression that starts inside an expression of the
//!   other annotation that is still unpaired is paired with it; otherwise it is new. Each
//!   expression pairs at most once. When both start at the same place the gold one is taken
//!   first. In effect: overlapping expressions pair, one to one, first come first served.
//!   (The normalizer walks tokens; we walk characters, which is the same whenever an
//!   expression starts and ends on token boundaries, as taggers' expressions do.)
//! - **Relaxed match**: a pair. **Strict match**: a pair whose two texts are the same string.
//! - Precision = matches / system expressions, recall = matches / gold expressions, each 0
//!   when its denominator is 0; F1 = 2PR/(P+R), 0 when P+R = 0; but when there are neither
//!   gold nor system expressions every F1 is 1.
//! - **Type and value accuracy**: the share of relaxed matches whose `type` / `value`
//!   strings are equal. **Type F1 and value F1** = that accuracy × relaxed F1, which is the
//!   F1 of counting only the relaxed matches with the right type / value as found.
//! - Counts are summed over documents before any ratio is taken (micro average).
//! - Expressions whose text is blank count for nothing (the normalizer drops them).

use serde::Serialize;

use super::timex::{Timex, TimexType};

/// What a comparison counted: everything the measures are computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    /// Pairs with the same text (exact extent).
    pub strict: usize,
    /// Pairs: overlapping extents, one to one.
    pub relaxed: usize,
    /// Pairs whose `type` is the gold one.
    pub type_match: usize,
    /// Pairs whose `value` is the gold one.
    pub value_match: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.gold += other.gold;
        self.system += other.system;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.type_match += other.type_match;
        self.value_match += other.value_match;
    }
}

impl std::iter::Sum for Counts {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |mut total, counts| {
            total += counts;
            total
        })
    }
}

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The TempEval-3 measures, all between 0 and 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Measures {
    pub strict: Prf,
    pub relaxed: Prf,
    pub type_accuracy: f64,
    pub value_accuracy: f64,
    pub type_f1: f64,
    /// The task's headline figure ("Value F1").
    pub value_f1: f64,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

impl Counts {
    pub fn measures(&self) -> Measures {
        let prf = |matched: usize| {
            let precision = ratio(matched, self.system);
            let recall = ratio(matched, self.gold);
            Prf {
                precision,
                recall,
                f1: f1(precision, recall),
            }
        };
        let mut strict = prf(self.strict);
        let mut relaxed = prf(self.relaxed);
        let type_accuracy = ratio(self.type_match, self.relaxed);
        let value_accuracy = ratio(self.value_match, self.relaxed);
        let (type_f1, value_f1) = if self.gold == 0 && self.system == 0 {
            // Nothing to find and nothing found: a perfect score, as the official scorer says.
            strict.f1 = 1.0;
            relaxed.f1 = 1.0;
            (1.0, 1.0)
        } else {
            (type_accuracy * relaxed.f1, value_accuracy * relaxed.f1)
        };
        Measures {
            strict,
            relaxed,
            type_accuracy,
            value_accuracy,
            type_f1,
            value_f1,
        }
    }
}

/// Pairs `(gold index, system index)` of overlapping expressions, one to one, as
/// TimeML-Normalizer pairs them (see the module's notes). Expressions with `start >= end`
/// never pair.
pub fn pair(gold: &[Timex], system: &[Timex]) -> Vec<(usize, usize)> {
    const GOLD: usize = 0;
    const SYSTEM: usize = 1;
    let mut order: Vec<(usize, usize, usize, usize)> = gold
        .iter()
        .enumerate()
        .map(|(i, t)| (t.start, GOLD, i, t.end))
        .chain(
            system
                .iter()
                .enumerate()
                .map(|(i, t)| (t.start, SYSTEM, i, t.end)),
        )
        .filter(|&(start, _, _, end)| start < end)
        .collect();
    // By start, gold first at the same start, then in the annotation's own order.
    order.sort_unstable();
    // Per side: the id of its last expression, and its latest expression (end, id, index).
    let mut last_id = [0usize; 2];
    let mut latest: [Option<(usize, usize, usize)>; 2] = [None, None];
    let mut next_id = 1;
    let mut pairs = Vec::new();
    for (start, side, index, end) in order {
        let other = 1 - side;
        let id = match latest[other] {
            // Still open here, and not yet paired with anything of this side.
            Some((other_end, other_id, other_index))
                if other_end > start && other_id > last_id[side] =>
            {
                pairs.push(if side == GOLD {
                    (index, other_index)
                } else {
                    (other_index, index)
                });
                other_id
            }
            _ => {
                next_id += 1;
                next_id - 1
            }
        };
        last_id[side] = id;
        latest[side] = Some((end, id, index));
    }
    pairs.sort_unstable();
    pairs
}

/// What kind of mistake an error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A gold expression the tagger did not find at all.
    Missed,
    /// An expression the tagger found that gold does not have.
    Spurious,
    /// Found, but with another extent (a relaxed match that is not strict).
    Span,
    /// Found, with another `type`.
    Type,
    /// Found, with another `value`.
    Value,
    /// The tagger's expression is not a span of the text, or its `text` is not the text at
    /// its offsets (byte offsets instead of chars?). Out-of-text ones are not scored.
    Offsets,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 6] = [
        ErrorKind::Missed,
        ErrorKind::Spurious,
        ErrorKind::Span,
        ErrorKind::Type,
        ErrorKind::Value,
        ErrorKind::Offsets,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::Span => "span",
            ErrorKind::Type => "type",
            ErrorKind::Value => "value",
            ErrorKind::Offsets => "offsets",
        }
    }
}

/// One mistake, with what a developer needs to see it: the text around it, and the gold and
/// system expressions involved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimexError {
    pub kind: ErrorKind,
    pub document: String,
    /// Where it is (chars into the text): the gold expression's start, else the system's.
    pub at: usize,
    /// The text around it on one line, gold extent in `[ ]`, the tagger's in `{ }` (only
    /// `[ ]` when they are the same).
    pub context: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<Timex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<Timex>,
}

/// Counts restricted to one TIMEX3 type: gold counts by the gold type, system counts by the
/// system type.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TypeCounts {
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub gold: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value_match: usize,
    pub system: usize,
    pub spurious: usize,
}

impl TypeCounts {
    fn new(kind: TimexType) -> Self {
        Self {
            kind,
            gold: 0,
            strict: 0,
            relaxed: 0,
            value_match: 0,
            system: 0,
            spurious: 0,
        }
    }

    fn add(&mut self, other: &TypeCounts) {
        self.gold += other.gold;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.value_match += other.value_match;
        self.system += other.system;
        self.spurious += other.spurious;
    }
}

const TYPES: [TimexType; 4] = [
    TimexType::Date,
    TimexType::Time,
    TimexType::Duration,
    TimexType::Set,
];

fn type_index(kind: TimexType) -> usize {
    match kind {
        TimexType::Date => 0,
        TimexType::Time => 1,
        TimexType::Duration => 2,
        TimexType::Set => 3,
    }
}

/// The four TIMEX3 types, each with nothing counted yet.
pub fn empty_by_type() -> [TypeCounts; 4] {
    TYPES.map(TypeCounts::new)
}

/// Adds `part` into `total`, type by type.
pub fn add_by_type(total: &mut [TypeCounts; 4], part: &[TypeCounts; 4]) {
    for (t, p) in total.iter_mut().zip(part) {
        t.add(p);
    }
}

/// One document compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentScore {
    pub name: String,
    pub counts: Counts,
    pub by_type: [TypeCounts; 4],
    pub errors: Vec<TimexError>,
}

impl DocumentScore {
    pub fn measures(&self) -> Measures {
        self.counts.measures()
    }
}

/// The text as chars, with what the error list needs.
struct Text {
    chars: Vec<char>,
}

/// Characters of context shown on each side of an error.
const CONTEXT_CHARS: usize = 50;

impl Text {
    fn span(&self, start: usize, end: usize) -> Option<String> {
        (start < end && end <= self.chars.len()).then(|| self.chars[start..end].iter().collect())
    }

    /// The text around `spans` on one line, each span wrapped in its pair of marks.
    fn context(&self, spans: &[(usize, usize, char, char)]) -> String {
        let lo = spans.iter().map(|s| s.0).min().unwrap_or(0);
        let hi = spans.iter().map(|s| s.1).max().unwrap_or(0);
        let from = lo.saturating_sub(CONTEXT_CHARS);
        let to = hi.saturating_add(CONTEXT_CHARS).min(self.chars.len());
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        for i in from..=to {
            // Closing before opening; at one place, the outer span opens first, closes last.
            for &(_, end, _, close) in spans.iter().rev() {
                if end == i {
                    out.push(close);
                }
            }
            for &(start, _, open, _) in spans {
                if start == i {
                    out.push(open);
                }
            }
            let Some(&c) = self.chars.get(i).filter(|_| i < to) else {
                continue;
            };
            // One line, and nothing that could reorder or control a terminal.
            if c.is_whitespace() || c.is_control() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else if !crate::limits::is_bidi_control(c) {
                out.push(c);
            }
        }
        if to < self.chars.len() {
            out.push('…');
        }
        out
    }
}

/// Compares a tagger's expressions (`system`) with the gold ones of the document `name`
/// whose text is `text`. Gold expressions are trusted to be spans of the text; system ones
/// are checked.
pub fn score_document(name: &str, text: &str, gold: &[Timex], system: &[Timex]) -> DocumentScore {
    let text = Text {
        chars: text.chars().collect(),
    };
    let mut errors = Vec::new();
    let error = |kind, at, context, gold: Option<&Timex>, system: Option<&Timex>| TimexError {
        kind,
        document: name.to_owned(),
        at,
        context,
        gold: gold.cloned(),
        system: system.cloned(),
    };

    // The system's expressions as the text has them: outside the text, or blank, they do
    // not count; with a `text` that is not what the offsets point at, they count as the
    // offsets say (that is where a TimeML writer would put them) and are reported.
    let mut found = Vec::new();
    for timex in system {
        match text.span(timex.start, timex.end) {
            None => errors.push(error(
                ErrorKind::Offsets,
                timex.start,
                format!(
                    "{}..{} is not a span of the text ({} characters)",
                    timex.start,
                    timex.end,
                    text.chars.len()
                ),
                None,
                Some(timex),
            )),
            Some(span) if span.trim().is_empty() => {}
            Some(span) => {
                if span != timex.text {
                    errors.push(error(
                        ErrorKind::Offsets,
                        timex.start,
                        text.context(&[(timex.start, timex.end, '{', '}')]),
                        None,
                        Some(timex),
                    ));
                }
                found.push(Timex {
                    text: span,
                    ..timex.clone()
                });
            }
        }
    }
    let gold_owned: Vec<Timex> = gold
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .cloned()
        .collect();
    let pairs = pair(&gold_owned, &found);

    let mut counts = Counts {
        gold: gold_owned.len(),
        system: found.len(),
        ..Counts::default()
    };
    let mut by_type = empty_by_type();
    for g in &gold_owned {
        by_type[type_index(g.kind)].gold += 1;
    }
    for s in &found {
        by_type[type_index(s.kind)].system += 1;
    }
    let mut gold_paired = vec![false; gold_owned.len()];
    let mut system_paired = vec![false; found.len()];
    for &(gi, si) in &pairs {
        let (g, s) = (&gold_owned[gi], &found[si]);
        gold_paired[gi] = true;
        system_paired[si] = true;
        let row = &mut by_type[type_index(g.kind)];
        counts.relaxed += 1;
        row.relaxed += 1;
        let strict = g.text == s.text;
        if strict {
            counts.strict += 1;
            row.strict += 1;
        }
        if g.kind == s.kind {
            counts.type_match += 1;
        }
        if g.value == s.value {
            counts.value_match += 1;
            row.value_match += 1;
        }
        let marks: Vec<(usize, usize, char, char)> = if (g.start, g.end) == (s.start, s.end) {
            vec![(g.start, g.end, '[', ']')]
        } else {
            // The outer one first, so that marks nest when one holds the other.
            let mut marks = vec![(g.start, g.end, '[', ']'), (s.start, s.end, '{', '}')];
            marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
            marks
        };
        let context = text.context(&marks);
        for (kind, wrong) in [
            (ErrorKind::Span, !strict),
            (ErrorKind::Type, g.kind != s.kind),
            (ErrorKind::Value, g.value != s.value),
        ] {
            if wrong {
                errors.push(error(kind, g.start, context.clone(), Some(g), Some(s)));
            }
        }
    }
    for (g, _) in gold_owned.iter().zip(&gold_paired).filter(|(_, p)| !**p) {
        let context = text.context(&[(g.start, g.end, '[', ']')]);
        errors.push(error(ErrorKind::Missed, g.start, context, Some(g), None));
    }
    for (s, _) in found.iter().zip(&system_paired).filter(|(_, p)| !**p) {
        by_type[type_index(s.kind)].spurious += 1;
        let context = text.context(&[(s.start, s.end, '{', '}')]);
        errors.push(error(ErrorKind::Spurious, s.start, context, None, Some(s)));
    }
    errors.sort_by_key(|e| (e.at, e.kind));
    DocumentScore {
        name: name.to_owned(),
        counts,
        by_type,
        errors,
    }
}

/// The shape of a TIMEX3 value, digits replaced by `9` (`2024-01-29` → `9999-99-99`,
/// `P3M` → `P9M`): value errors grouped by shape show a tagger's systematic mistakes.
pub fn value_shape(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// `text`'s expressions written inline: `[word|DATE|2024]`.
    fn tagged(marked: &str) -> (String, Vec<Timex>) {
        let mut text = String::new();
        let mut timexes = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let close = rest[open..].find(']').expect("closing bracket") + open;
            let mut parts = rest[open + 1..close].split('|');
            let words = parts.next().expect("words");
            let kind = match parts.next().expect("type") {
                "DATE" => TimexType::Date,
                "TIME" => TimexType::Time,
                "DURATION" => TimexType::Duration,
                _ => TimexType::Set,
            };
            let start = text.chars().count();
            text.push_str(words);
            timexes.push(Timex {
                start,
                end: text.chars().count(),
                text: words.to_owned(),
                kind,
                value: parts.next().expect("value").to_owned(),
            });
            rest = &rest[close + 1..];
        }
        text.push_str(rest);
        (text, timexes)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn gold_against_itself_is_perfect() {
        let (text, gold) = tagged(
            "On [Monday|DATE|2024-01-29] the talks lasted [three hours|DURATION|PT3H], \
             as they do [every week|SET|P1W].",
        );
        let score = score_document("d", &text, &gold, &gold);
        let m = score.measures();
        for value in [
            m.strict.precision,
            m.strict.recall,
            m.strict.f1,
            m.relaxed.f1,
            m.type_accuracy,
            m.value_accuracy,
            m.type_f1,
            m.value_f1,
        ] {
            assert!(close(value, 1.0), "{m:?}");
        }
        assert!(score.errors.is_empty(), "{:?}", score.errors);
    }

    #[test]
    fn nothing_to_find_and_nothing_found_scores_one() {
        let m = score_document("d", "No dates here.", &[], &[]).measures();
        assert!(close(m.strict.f1, 1.0) && close(m.relaxed.f1, 1.0) && close(m.value_f1, 1.0));
        assert!(close(m.strict.precision, 0.0), "precision of nothing is 0");
    }

    #[test]
    fn crafted_document_gives_known_figures() {
        // Gold: 4 expressions. System: one exact and right, one shorter with the right value,
        // one exact with a wrong value and type, one spurious; the fourth gold is missed.
        let (text, gold) = tagged(
            "[Monday|DATE|2024-01-29] they met; [last week|DATE|2024-W04] too; \
             [two days|DURATION|P2D] later; and [in June|DATE|2023-06] also, said Tuesday.",
        );
        let system = vec![
            gold[0].clone(),
            Timex {
                start: gold[1].start + 5,
                end: gold[1].end,
                text: "week".into(),
                kind: TimexType::Date,
                value: "2024-W04".into(),
            },
            Timex {
                kind: TimexType::Date,
                value: "2024-01-31".into(),
                ..gold[2].clone()
            },
            {
                let start = text
                    .find("Tuesday")
                    .map(|b| text[..b].chars().count())
                    .unwrap();
                Timex {
                    start,
                    end: start + 7,
                    text: "Tuesday".into(),
                    kind: TimexType::Date,
                    value: "2024-01-30".into(),
                }
            },
        ];
        let score = score_document("d", &text, &gold, &system);
        assert_eq!(
            score.counts,
            Counts {
                gold: 4,
                system: 4,
                strict: 2,
                relaxed: 3,
                type_match: 2,
                value_match: 2,
            }
        );
        let m = score.measures();
        assert!(close(m.strict.precision, 0.5) && close(m.strict.recall, 0.5));
        assert!(close(m.relaxed.precision, 0.75) && close(m.relaxed.recall, 0.75));
        assert!(close(m.relaxed.f1, 0.75));
        assert!(close(m.value_accuracy, 2.0 / 3.0));
        assert!(close(m.value_f1, 0.5), "value F1 = 2/3 × 0.75");
        assert!(close(m.type_f1, 0.5));
        let kinds: Vec<ErrorKind> = score.errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ErrorKind::Span,
                ErrorKind::Type,
                ErrorKind::Value,
                ErrorKind::Missed,
                ErrorKind::Spurious
            ]
        );
        let span = &score.errors[0];
        assert!(span.context.contains("[last {week}]"), "{}", span.context);
        let missed = &score.errors[3];
        assert!(missed.context.contains("[in June]"), "{}", missed.context);
        assert!(score.errors[4].context.contains("{Tuesday}"));
        assert_eq!(score.by_type[0].gold, 3, "DATE gold");
        assert_eq!(score.by_type[0].relaxed, 2);
        assert_eq!(score.by_type[2].relaxed, 1, "DURATION found, typed wrong");
        assert_eq!(score.by_type[0].spurious, 1);
    }

    #[test]
    fn pairing_is_one_to_one() {
        let t = |start, end| Timex {
            start,
            end,
            text: String::new(),
            kind: TimexType::Date,
            value: String::new(),
        };
        // One long gold against two short system ones: only the first pairs.
        assert_eq!(pair(&[t(0, 10)], &[t(0, 3), t(5, 8)]), vec![(0, 0)]);
        // And the other way round.
        assert_eq!(pair(&[t(0, 3), t(5, 8)], &[t(0, 10)]), vec![(0, 0)]);
        // A system expression starting inside a gold one pairs; so does the converse.
        assert_eq!(pair(&[t(3, 10)], &[t(0, 5)]), vec![(0, 0)]);
        assert_eq!(pair(&[t(0, 5)], &[t(3, 10)]), vec![(0, 0)]);
        // Touching is not overlapping.
        assert!(pair(&[t(0, 5)], &[t(5, 10)]).is_empty());
        // A gold expression already paired does not pair again with a later one.
        assert_eq!(
            pair(&[t(0, 3), t(4, 12)], &[t(2, 6), t(8, 9)]),
            vec![(0, 0), (1, 1)]
        );
    }

    #[test]
    fn micro_average_sums_counts_before_ratios() {
        let a = Counts {
            gold: 1,
            system: 1,
            strict: 1,
            relaxed: 1,
            type_match: 1,
            value_match: 1,
        };
        let b = Counts {
            gold: 9,
            system: 1,
            ..Counts::default()
        };
        let total: Counts = [a, b].into_iter().sum();
        let m = total.measures();
        assert!(close(m.relaxed.precision, 0.5));
        assert!(close(m.relaxed.recall, 0.1));
    }

    #[test]
    fn offsets_that_are_not_the_text_are_reported() {
        let text = "Née à Paris le 3 mai 2024, à midi.";
        let gold = vec![Timex {
            start: 15,
            end: 25,
            text: "3 mai 2024".into(),
            kind: TimexType::Date,
            value: "2024-05-03".into(),
        }];
        // Byte offsets: two accented letters before, so two chars late.
        let bytes = Timex {
            start: 17,
            end: 27,
            ..gold[0].clone()
        };
        let outside = Timex {
            start: 40,
            end: 44,
            ..gold[0].clone()
        };
        let score = score_document("d", text, &gold, &[bytes, outside]);
        let offsets = score
            .errors
            .iter()
            .filter(|e| e.kind == ErrorKind::Offsets)
            .count();
        assert_eq!(offsets, 2, "{:?}", score.errors);
        assert_eq!(
            score.counts.system, 1,
            "the one outside the text is not scored"
        );
    }

    #[test]
    fn value_shapes_group_alike_values() {
        assert_eq!(value_shape("2024-01-29"), "9999-99-99");
        assert_eq!(value_shape("PRESENT_REF"), "PRESENT_REF");
        assert_eq!(value_shape("P3M"), "P9M");
    }
}

//! How well the candidate events of an article match the events an editor would add: the
//! gold events of a `.json` file beside a TimeML (`.tml`) document (see `tests/articles/`).
//!
//! - **Pairing.** A candidate and a gold event pair when the candidate's sentence (its
//!   `quote_start..quote_end`) overlaps the place of the gold quote in the text, and their
//!   dates overlap as day ranges (a partial date covers its first to its last day; `end`, when
//!   given, extends the range). Pairs are one to one and as many as possible (augmenting
//!   paths); among the candidates a gold event could take, it prefers one with the same date,
//!   then the larger overlap of text, then the earlier one.
//! - **Events**: precision = pairs / candidates, recall = pairs / gold events, F1 their
//!   harmonic mean (each 0 when its denominator is 0; all 1 when there is neither).
//! - **Among the pairs**: the share with exactly the gold date (same start and end, at the
//!   same precision), the share with the gold kind, and actor recall: the share of the paired
//!   gold events' actors that the candidate names. Names are compared in lower case without
//!   punctuation; one name's words inside the other's count when the shorter has two words or
//!   more ("Antony Blinken" is "Antony J. Blinken", "China" is not "Bank of China").
//! - **Titles**: the share of candidates whose title reads as a headline: at most
//!   `titles::MAX_CHARS` chars and not cut with "…".
//! - Counts are summed over documents before any ratio is taken (micro average).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::candidates::Candidate;
use super::timeml::Document;
use super::words::CharOffsets;
use super::{ArticleRequest, Extraction, PageFormat};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::formats::{decode, input};
use crate::model::{Kind, Side};

/// An actor of a gold event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldActor {
    pub name: String,
    pub side: Side,
}

/// An event an editor would add for an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEvent {
    pub start: PartialDate,
    #[serde(default)]
    pub end: Option<PartialDate>,
    pub kind: Kind,
    pub title: String,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub location: Option<String>,
    /// The sentence or clause of the text that reports it, verbatim.
    pub quote: String,
}

/// The `.json` beside a `.tml`: the page's address and the gold events (other fields are the
/// annotator's notes and are not read).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoldFile {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// Reads the gold events at `path` (at most `limits::MAX_ARTICLE_BYTES`, UTF-8 JSON).
pub fn read_gold(path: &Path) -> Result<GoldFile> {
    let name = path.display().to_string();
    let bytes = input::read_file_within(path, input::ARTICLE)?;
    let text = decode::utf8(&bytes, &name)?;
    serde_json::from_str(text).map_err(|e| Error::Parse {
        file: name,
        line: e.line(),
        column: e.column(),
        message: format!("not a gold events file: {e}"),
    })
}

/// The real pipeline on a TimeML document: its plain text read as a text page, anchored on its
/// creation time, with no database to match against.
pub fn extract_document(doc: &Document, url: Option<&str>) -> Result<Extraction> {
    let request = ArticleRequest {
        input: doc.text.clone(),
        format: PageFormat::Text,
        published: Some(PartialDate::from_naive(doc.dct)),
        url: url.map(str::to_owned),
    };
    super::extract(&request, None, doc.dct)
}

/// What a comparison counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EventCounts {
    pub gold: usize,
    pub candidates: usize,
    /// Pairs: overlapping sentence and dates, one to one.
    pub matched: usize,
    /// Pairs with the gold start and end, at the gold precision.
    pub exact_date: usize,
    /// Pairs with the gold kind.
    pub kind: usize,
    /// Actors of the paired gold events, and those of them the candidate names.
    pub gold_actors: usize,
    pub actors_found: usize,
    /// Candidates whose title is at most `titles::MAX_CHARS` chars and not cut with "…".
    pub headline_titles: usize,
}

impl std::ops::AddAssign for EventCounts {
    fn add_assign(&mut self, o: Self) {
        self.gold += o.gold;
        self.candidates += o.candidates;
        self.matched += o.matched;
        self.exact_date += o.exact_date;
        self.kind += o.kind;
        self.gold_actors += o.gold_actors;
        self.actors_found += o.actors_found;
        self.headline_titles += o.headline_titles;
    }
}

impl std::iter::Sum for EventCounts {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |mut total, c| {
            total += c;
            total
        })
    }
}

/// The measures, all between 0 and 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct EventMeasures {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Among the pairs.
    pub exact_date: f64,
    pub kind_accuracy: f64,
    pub actor_recall: f64,
    /// Among the candidates.
    pub headline_titles: f64,
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

impl EventCounts {
    pub fn measures(&self) -> EventMeasures {
        let (precision, recall, f1) = if self.gold == 0 && self.candidates == 0 {
            (1.0, 1.0, 1.0)
        } else {
            let p = ratio(self.matched, self.candidates);
            let r = ratio(self.matched, self.gold);
            let f = if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            };
            (p, r, f)
        };
        EventMeasures {
            precision,
            recall,
            f1,
            exact_date: ratio(self.exact_date, self.matched),
            kind_accuracy: ratio(self.kind, self.matched),
            actor_recall: ratio(self.actors_found, self.gold_actors),
            headline_titles: ratio(self.headline_titles, self.candidates),
        }
    }
}

/// An event as the error list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventView {
    pub start: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    pub kind: Kind,
    pub title: String,
    pub actors: Vec<String>,
    /// The sentence (a candidate's) or the quote (a gold event's).
    pub sentence: String,
}

/// What went wrong with one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventErrorKind {
    /// A gold event no candidate pairs with.
    Missed,
    /// A candidate no gold event pairs with.
    Unmatched,
    /// A pair whose date, kind or actors differ.
    Differs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventError {
    pub document: String,
    pub kind: EventErrorKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gold: Option<EventView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<EventView>,
    /// For `differs`: what differs ("date", "kind", "actors: Wang Yi").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<String>,
}

/// One document's counts and errors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentEvents {
    pub name: String,
    pub counts: EventCounts,
    pub errors: Vec<EventError>,
}

/// Char range of `quote` in `text` (its first occurrence), if it is there.
fn locate(text: &str, offsets: &CharOffsets, quote: &str) -> Option<(usize, usize)> {
    let quote = quote.trim();
    if quote.is_empty() {
        return None;
    }
    let at = text.find(quote)?;
    Some((offsets.char(at), offsets.char(at + quote.len())))
}

fn days(start: PartialDate, end: Option<PartialDate>) -> (chrono::NaiveDate, chrono::NaiveDate) {
    (start.first_day(), end.unwrap_or(start).last_day())
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Lower-case words of a name, without punctuation; an initialism's dots dropped, so "U.S."
/// is "US".
fn name_words(name: &str) -> Vec<String> {
    let initialism = |w: &str| w.contains('.') && w.split('.').all(|p| p.chars().count() <= 1);
    name.split_whitespace()
        .map(|w| {
            if initialism(w) {
                w.replace('.', "")
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two names name the same actor (see the module's notes).
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_words(a), name_words(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.len() >= 2 && short.iter().all(|w| long.contains(w))
}

fn end_of(start: PartialDate, end: Option<PartialDate>) -> Option<PartialDate> {
    end.filter(|e| *e != start)
}

/// Compares `candidates` (proposed for `text`) with `gold`.
pub fn score_document(
    name: &str,
    text: &str,
    gold: &[GoldEvent],
    candidates: &[Candidate],
) -> DocumentEvents {
    let offsets = CharOffsets::new(text);
    let total_chars = text.chars().count();
    let sentence = |c: &Candidate| {
        let (a, b) = (c.quote_start.min(total_chars), c.quote_end.min(total_chars));
        let (a, b) = (offsets.byte(a), offsets.byte(b.max(a)));
        super::words::one_line(&text[a..b])
    };
    let places: Vec<Option<(usize, usize)>> = gold
        .iter()
        .map(|g| locate(text, &offsets, &g.quote))
        .collect();
    // For each gold event, the candidates it may pair with, best first.
    let options: Vec<Vec<usize>> = gold
        .iter()
        .zip(&places)
        .map(|(g, place)| {
            let Some(place) = *place else {
                return Vec::new();
            };
            let (gf, gl) = days(g.start, g.end);
            let mut found: Vec<(bool, usize, usize)> = candidates
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let shared = overlap(place, (c.quote_start, c.quote_end));
                    let (cf, cl) = days(c.event.start, c.event.end);
                    (shared > 0 && cf <= gl && gf <= cl).then(|| {
                        let exact = c.event.start == g.start
                            && end_of(c.event.start, c.event.end) == end_of(g.start, g.end);
                        (!exact, usize::MAX - shared, i)
                    })
                })
                .collect();
            found.sort_unstable();
            found.into_iter().map(|(_, _, i)| i).collect()
        })
        .collect();
    let pairs = pair(&options, candidates.len());

    let mut counts = EventCounts {
        gold: gold.len(),
        candidates: candidates.len(),
        ..EventCounts::default()
    };
    counts.headline_titles = candidates
        .iter()
        .filter(|c| {
            c.event.title.chars().count() <= super::titles::MAX_CHARS
                && !c.event.title.ends_with('…')
        })
        .count();
    let view_gold = |g: &GoldEvent| EventView {
        start: g.start,
        end: g.end,
        kind: g.kind,
        title: g.title.clone(),
        actors: g.actors.iter().map(|a| a.name.clone()).collect(),
        sentence: g.quote.clone(),
    };
    let view_candidate = |c: &Candidate| EventView {
        start: c.event.start,
        end: c.event.end,
        kind: c.event.kind,
        title: c.event.title.clone(),
        actors: c.event.actors.iter().map(|a| a.name.clone()).collect(),
        sentence: sentence(c),
    };
    let mut errors = Vec::new();
    let mut taken = vec![false; candidates.len()];
    for (g, paired) in gold.iter().zip(&pairs) {
        let Some(ci) = *paired else {
            errors.push(EventError {
                document: name.to_owned(),
                kind: EventErrorKind::Missed,
                gold: Some(view_gold(g)),
                candidate: None,
                differences: Vec::new(),
            });
            continue;
        };
        taken[ci] = true;
        let c = &candidates[ci];
        counts.matched += 1;
        let mut differences = Vec::new();
        if c.event.start == g.start && end_of(c.event.start, c.event.end) == end_of(g.start, g.end)
        {
            counts.exact_date += 1;
        } else {
            differences.push("date".to_owned());
        }
        if c.event.kind == g.kind {
            counts.kind += 1;
        } else {
            differences.push("kind".to_owned());
        }
        counts.gold_actors += g.actors.len();
        let mut lacking = Vec::new();
        for a in &g.actors {
            if c.event.actors.iter().any(|b| same_name(&a.name, &b.name)) {
                counts.actors_found += 1;
            } else {
                lacking.push(a.name.as_str());
            }
        }
        if !lacking.is_empty() {
            differences.push(format!("actors: {}", lacking.join(", ")));
        }
        if !differences.is_empty() {
            errors.push(EventError {
                document: name.to_owned(),
                kind: EventErrorKind::Differs,
                gold: Some(view_gold(g)),
                candidate: Some(view_candidate(c)),
                differences,
            });
        }
    }
    for (c, _) in candidates.iter().zip(&taken).filter(|(_, t)| !**t) {
        errors.push(EventError {
            document: name.to_owned(),
            kind: EventErrorKind::Unmatched,
            gold: None,
            candidate: Some(view_candidate(c)),
            differences: Vec::new(),
        });
    }
    DocumentEvents {
        name: name.to_owned(),
        counts,
        errors,
    }
}

/// As many one-to-one pairs as `options` (each gold event's candidates, best first) allow:
/// for each gold event, the candidate it pairs with.
fn pair(options: &[Vec<usize>], candidates: usize) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; candidates];
    for g in 0..options.len() {
        let mut seen = vec![false; candidates];
        augment(g, options, &mut owner, &mut seen);
    }
    let mut out = vec![None; options.len()];
    for (c, g) in owner.iter().enumerate() {
        if let Some(g) = g {
            out[*g] = Some(c);
        }
    }
    out
}

fn augment(
    g: usize,
    options: &[Vec<usize>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &c in &options[g] {
        if seen[c] {
            continue;
        }
        seen[c] = true;
        let free = match owner[c] {
            None => true,
            Some(other) => augment(other, options, owner, seen),
        };
        if free {
            owner[c] = Some(g);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::model::{Actor, Event};

    fn date(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn gold(start: &str, end: Option<&str>, kind: Kind, actors: &[&str], quote: &str) -> GoldEvent {
        GoldEvent {
            start: date(start),
            end: end.map(date),
            kind,
            title: "t".into(),
            actors: actors
                .iter()
                .map(|n| GoldActor {
                    name: (*n).into(),
                    side: Side::Us,
                })
                .collect(),
            location: None,
            quote: quote.into(),
        }
    }

    fn candidate(
        text: &str,
        sentence: &str,
        start: &str,
        end: Option<&str>,
        kind: Kind,
        actors: &[&str],
        title: &str,
    ) -> Candidate {
        let at = text.find(sentence).expect("sentence in text");
        let quote_start = text[..at].chars().count();
        Candidate {
            event: Event {
                links: Vec::new(),
                title_zh: None,
                verification: None,
                id: "x".into(),
                title: title.into(),
                summary: sentence.into(),
                start: date(start),
                end: end.map(date),
                kind,
                actors: actors
                    .iter()
                    .map(|n| Actor {
                        name_zh: None,
                        pinyin: None,
                        name: (*n).into(),
                        side: Side::Us,
                    })
                    .collect(),
                location: None,
                tags: Vec::new(),
                sources: Vec::new(),
            },
            matches: Vec::new(),
            quote_start,
            quote_end: quote_start + sentence.chars().count(),
            timex: 0,
        }
    }

    const TEXT: &str = "“Héllo” — Blinken met Wang on Monday. Then they talked. Xi spoke in May.";

    #[test]
    fn a_candidate_on_the_gold_sentence_and_date_is_a_match_with_its_qualities() {
        let g = [gold(
            "2024-01-29",
            None,
            Kind::Meeting,
            &["Antony J. Blinken", "Wang Yi"],
            "Blinken met Wang on Monday.",
        )];
        let c = [candidate(
            TEXT,
            "Blinken met Wang on Monday.",
            "2024-01-29",
            None,
            Kind::Meeting,
            &["Antony Blinken", "Wang"],
            "Blinken meets Wang",
        )];
        let d = score_document("d", TEXT, &g, &c);
        assert_eq!(d.counts.matched, 1);
        assert_eq!(d.counts.exact_date, 1);
        assert_eq!(d.counts.kind, 1);
        assert_eq!((d.counts.gold_actors, d.counts.actors_found), (2, 1));
        let m = d.counts.measures();
        assert!((m.f1 - 1.0).abs() < 1e-9);
        assert!((m.actor_recall - 0.5).abs() < 1e-9);
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].kind, EventErrorKind::Differs);
        assert_eq!(d.errors[0].differences, ["actors: Wang Yi"]);
    }

    #[test]
    fn partial_dates_overlap_as_day_ranges_and_exact_needs_the_same_precision() {
        let g = [gold(
            "2024-01",
            None,
            Kind::Meeting,
            &[],
            "met Wang on Monday",
        )];
        let c = [candidate(
            TEXT,
            "Blinken met Wang on Monday.",
            "2024-01-29",
            None,
            Kind::Statement,
            &[],
            "x",
        )];
        let d = score_document("d", TEXT, &g, &c);
        assert_eq!(d.counts.matched, 1, "a day inside the gold month pairs");
        assert_eq!(d.counts.exact_date, 0, "but is not the gold date");
        assert_eq!(d.counts.kind, 0);
        assert_eq!(d.errors[0].differences, ["date", "kind"]);

        // A range reaching into the other date pairs; disjoint dates do not.
        let g = [gold(
            "2024-01-31",
            Some("2024-02-02"),
            Kind::Visit,
            &[],
            "Blinken met",
        )];
        let reach = candidate(
            TEXT,
            "Blinken met Wang on Monday.",
            "2024-02",
            None,
            Kind::Visit,
            &[],
            "x",
        );
        assert_eq!(score_document("d", TEXT, &g, &[reach]).counts.matched, 1);
        let before = candidate(
            TEXT,
            "Blinken met Wang on Monday.",
            "2024-01-30",
            None,
            Kind::Visit,
            &[],
            "x",
        );
        let d = score_document("d", TEXT, &g, &[before]);
        assert_eq!(d.counts.matched, 0);
        let kinds: Vec<EventErrorKind> = d.errors.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [EventErrorKind::Missed, EventErrorKind::Unmatched]);
    }

    #[test]
    fn another_sentence_on_the_same_date_is_no_match() {
        let g = [gold(
            "2024-05",
            None,
            Kind::Statement,
            &[],
            "Xi spoke in May.",
        )];
        let c = [candidate(
            TEXT,
            "Then they talked.",
            "2024-05",
            None,
            Kind::Statement,
            &[],
            "x",
        )];
        let d = score_document("d", TEXT, &g, &c);
        assert_eq!(d.counts.matched, 0);
        let m = d.counts.measures();
        assert_eq!((m.precision, m.recall, m.f1), (0.0, 0.0, 0.0));
        // Offsets are chars, not bytes: the accented text before does not shift them.
        let c = [candidate(
            TEXT,
            "Xi spoke in May.",
            "2024-05",
            None,
            Kind::Statement,
            &[],
            "x",
        )];
        assert_eq!(score_document("d", TEXT, &g, &c).counts.matched, 1);
    }

    #[test]
    fn pairs_are_one_to_one_and_as_many_as_possible() {
        // Gold A could take either candidate; gold B only the first. Both pair.
        let g = [
            gold(
                "2024-01",
                None,
                Kind::Meeting,
                &[],
                "Blinken met Wang on Monday. Then they talked.",
            ),
            gold("2024-01-29", None, Kind::Meeting, &[], "Blinken met Wang"),
        ];
        let c = [
            candidate(
                TEXT,
                "Blinken met Wang on Monday.",
                "2024-01-29",
                None,
                Kind::Meeting,
                &[],
                "x",
            ),
            candidate(
                TEXT,
                "Then they talked.",
                "2024-01-30",
                None,
                Kind::Meeting,
                &[],
                "x",
            ),
        ];
        let d = score_document("d", TEXT, &g, &c);
        assert_eq!(d.counts.matched, 2);
        // Two candidates for one gold event: one pairs, the other is unmatched.
        let g = [gold(
            "2024-01",
            None,
            Kind::Meeting,
            &[],
            "Blinken met Wang on Monday. Then they talked.",
        )];
        let d = score_document("d", TEXT, &g, &c);
        assert_eq!((d.counts.matched, d.counts.candidates), (1, 2));
        assert!((d.counts.measures().precision - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_gold_quote_not_in_the_text_is_missed_and_nothing_at_all_is_perfect() {
        let g = [gold(
            "2024-01-29",
            None,
            Kind::Meeting,
            &[],
            "Not in the text.",
        )];
        let c = [candidate(
            TEXT,
            "Blinken met Wang on Monday.",
            "2024-01-29",
            None,
            Kind::Meeting,
            &[],
            "x",
        )];
        assert_eq!(score_document("d", TEXT, &g, &c).counts.matched, 0);
        let none = score_document("d", TEXT, &[], &[]).counts.measures();
        assert_eq!((none.precision, none.recall, none.f1), (1.0, 1.0, 1.0));
    }

    #[test]
    fn headline_titles_are_short_and_not_cut() {
        let long = "x".repeat(81);
        let c = [
            candidate(
                TEXT,
                "Then they talked.",
                "2024-01-30",
                None,
                Kind::Meeting,
                &[],
                "Blinken meets Wang",
            ),
            candidate(
                TEXT,
                "Then they talked.",
                "2024-01-30",
                None,
                Kind::Meeting,
                &[],
                "Blinken said that…",
            ),
            candidate(
                TEXT,
                "Then they talked.",
                "2024-01-30",
                None,
                Kind::Meeting,
                &[],
                &long,
            ),
        ];
        assert_eq!(score_document("d", TEXT, &[], &c).counts.headline_titles, 1);
    }

    #[test]
    fn names_match_by_their_words() {
        assert!(same_name("Antony J. Blinken", "Antony Blinken"));
        assert!(same_name("U.S. Navy", "u.s. navy"));
        assert!(same_name(
            "Office of the U.S. Trade Representative",
            "Office of the US Trade Representative"
        ));
        assert!(same_name("Antony J. Blinken", "Antony Blinken"));
        assert!(same_name(
            "People's Liberation Army",
            "People’s Liberation Army"
        ));
        assert!(!same_name("China", "Bank of China"));
        assert!(!same_name("Wang Yi", "Wang Wenbin"));
    }

    #[test]
    fn gold_files_read_with_their_events_and_say_where_they_are_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(
            &path,
            r#"{"url": null, "published": "2024-01-31", "events": [{"start": "2024-01", "end": null,
               "kind": "meeting", "title": "T", "actors": [{"name": "Wang Yi", "side": "china"}],
               "location": "Bangkok", "quote": "Q"}]}"#,
        )
        .unwrap();
        let file = read_gold(&path).unwrap();
        assert_eq!(file.events.len(), 1);
        assert_eq!(file.events[0].actors[0].side, Side::China);
        std::fs::write(&path, r#"{"events": [{"start": "2024-13"}]}"#).unwrap();
        let err = read_gold(&path).unwrap_err().to_string();
        assert!(err.contains("a.json") && err.contains("line 1"), "{err}");
    }
}

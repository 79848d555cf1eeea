//! The candidate events of our annotated set against the events an editor would add: each
//! `.tml` under `tests/articles/` run through the real pipeline (anchored on its creation
//! time, no database) and scored against the `.json` beside it.
//!
//! Held out: every fourth article in name order (the 4th, 8th, 12th and 16th), chosen before
//! the extractor was tuned on the scorer's errors, whose errors were not looked at while
//! tuning: `bis-2022-10-07-export-controls-advanced-computing`,
//! `doj-2014-05-19-holder-charges-pla-hackers`, `state-2023-06-19-blinken-visit-prc` and
//! `wh-2018-06-18-statement-trade-with-china`. The other twelve are the development set.

use std::path::PathBuf;

use bilateral_core::ingest::event_score::{self, EventCounts, EventMeasures};
use bilateral_core::ingest::timeml;

const HELD_OUT: [&str; 4] = [
    "bis-2022-10-07-export-controls-advanced-computing",
    "doj-2014-05-19-holder-charges-pla-hackers",
    "state-2023-06-19-blinken-visit-prc",
    "wh-2018-06-18-statement-trade-with-china",
];

/// The counts of the development and the held-out articles.
fn score_set() -> (EventCounts, EventCounts) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    let (mut dev, mut held) = (EventCounts::default(), EventCounts::default());
    for path in &paths {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = timeml::read_file(path).unwrap_or_else(|e| panic!("{e}"));
        let gold =
            event_score::read_gold(&path.with_extension("json")).unwrap_or_else(|e| panic!("{e}"));
        let extraction = event_score::extract_document(&doc, gold.url.as_deref())
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let scored = event_score::score_document(
            &stem,
            &extraction.text,
            &gold.events,
            &extraction.candidates,
        );
        if HELD_OUT.contains(&stem.as_str()) {
            held += scored.counts;
        } else {
            dev += scored.counts;
        }
    }
    (dev, held)
}

fn show(label: &str, c: &EventCounts) -> EventMeasures {
    let m = c.measures();
    println!(
        "{label}: {} gold, {} candidates, {} matched; P {:.3} R {:.3} F1 {:.3}; exact date \
         {:.3}, kind {:.3}, actor recall {:.3}; headline titles {:.3}",
        c.gold,
        c.candidates,
        c.matched,
        m.precision,
        m.recall,
        m.f1,
        m.exact_date,
        m.kind_accuracy,
        m.actor_recall,
        m.headline_titles
    );
    m
}

#[test]
fn the_candidates_of_the_set_match_the_events_an_editor_would_add() {
    let (dev, held) = score_set();
    let d = show("development (12)", &dev);
    let h = show("held out (4)", &held);
    assert_eq!(dev.gold + held.gold, 40, "the set holds 40 gold events");
    // Measured when the scorer came: development 33 gold, 32 candidates, 18 matched (F1 0.554,
    // exact date 0.889, kind 0.778, actor recall 0.500, headline titles 0.875); held out 7
    // gold, 6 candidates, 5 matched (F1 0.769, exact date 0.800, kind 1.000, actor recall
    // 0.500, headline titles 0.833). The floors leave about one event of margin.
    let floor = |what: &str, got: f64, min: f64| {
        assert!(
            got >= min,
            "{what} fell to {got:.3} (floor {min}): the user would get fewer or worse events"
        );
    };
    floor("development F1", d.f1, 0.50);
    floor("development precision", d.precision, 0.50);
    floor("development recall", d.recall, 0.50);
    floor("development exact dates", d.exact_date, 0.80);
    floor("development kinds", d.kind_accuracy, 0.70);
    floor("development actor recall", d.actor_recall, 0.45);
    floor("development headline titles", d.headline_titles, 0.80);
    floor("held-out F1", h.f1, 0.60);
    floor("held-out exact dates", h.exact_date, 0.60);
    floor("held-out kinds", h.kind_accuracy, 0.75);
    floor("held-out actor recall", h.actor_recall, 0.40);
    floor("held-out headline titles", h.headline_titles, 0.65);
}

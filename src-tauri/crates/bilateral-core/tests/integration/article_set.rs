//! The tagger on our own annotated set: real, published US–China texts under `tests/articles/`,
//! each with its gold time expressions (TimeML) and the events an editor would add.

use std::path::PathBuf;

use bilateral_core::ingest::score::{self, Counts};
use bilateral_core::ingest::tagger;
use bilateral_core::ingest::timeml::{self, Document};
use bilateral_core::ingest::TimexType;

fn articles() -> Vec<Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| timeml::read_file(p).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn the_set_holds_at_least_ten_published_articles_with_their_events() {
    let docs = articles();
    assert!(docs.len() >= 10, "only {} annotated articles", docs.len());
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/articles");
    for doc in &docs {
        let stem = doc.name.trim_end_matches(".tml");
        let stem = stem.rsplit('/').next().unwrap_or(stem);
        let meta = std::fs::read_to_string(dir.join(format!("{stem}.json")))
            .unwrap_or_else(|e| panic!("{stem}.json: {e}"));
        let meta: serde_json::Value =
            serde_json::from_str(&meta).unwrap_or_else(|e| panic!("{stem}.json: {e}"));
        let events = meta["events"].as_array().map(Vec::len).unwrap_or(0);
        assert!(events > 0, "{stem} lists no events an editor would add");
        for event in meta["events"].as_array().into_iter().flatten() {
            let quote = event["quote"].as_str().unwrap_or("");
            assert!(
                doc.text.contains(quote),
                "{stem}: the quote {quote:?} is not in the text"
            );
        }
    }
}

#[test]
fn the_tagger_finds_and_resolves_the_sets_time_expressions() {
    let mut total = Counts::default();
    for doc in articles() {
        let ours = tagger::tag(&doc.text, doc.dct);
        total += score::score_document(&doc.name, &doc.text, &doc.timexes, &ours).counts;
    }
    let m = total.measures();
    println!(
        "our set: {} gold; strict F1 {:.3}, relaxed F1 {:.3}, value F1 {:.3}, type F1 {:.3}",
        total.gold, m.strict.f1, m.relaxed.f1, m.value_f1, m.type_f1
    );
    // Measured 0.878 value F1 and 0.857 strict F1 when the set was made; a rule change that
    // costs more than a few expressions shows here.
    assert!(m.value_f1 >= 0.85, "value F1 fell to {:.3}", m.value_f1);
    assert!(
        m.strict.f1 >= 0.82,
        "strict span F1 fell to {:.3}",
        m.strict.f1
    );
    assert!(
        m.relaxed.f1 >= 0.92,
        "relaxed span F1 fell to {:.3}",
        m.relaxed.f1
    );
}

/// The seed article re-posts CNN's story of 30 January 2024, updated after Wray's hearing on
/// Wednesday 31 January: anchored there, every date it gives must land on its day, month,
/// week, season or year.
#[test]
fn every_date_in_the_seed_article_resolves_when_anchored_on_the_day_of_the_story() {
    let seed = articles()
        .into_iter()
        .find(|d| d.name.contains("seed-xi-election-assurance"))
        .unwrap_or_else(|| panic!("the seed article is in the set"));
    assert_eq!(seed.dct.to_string(), "2024-01-31");
    let ours = tagger::tag(&seed.text, seed.dct);
    let mut checked = 0;
    for gold in seed.timexes.iter().filter(|t| t.kind == TimexType::Date) {
        let found = ours
            .iter()
            .find(|t| t.start == gold.start && t.end == gold.end);
        let found =
            found.unwrap_or_else(|| panic!("{:?} at {} was not found", gold.text, gold.start));
        assert_eq!(
            found.value, gold.value,
            "{:?} resolved to {} instead of {}",
            gold.text, found.value, gold.value
        );
        checked += 1;
    }
    for (text, value) in [
        ("Monday", "2024-01-29"),
        ("Wednesday", "2024-01-31"),
        ("Last week", "2024-W04"),
        ("last June", "2023-06"),
        ("November", "2023-11"),
        ("this fall", "2024-FA"),
    ] {
        assert!(
            ours.iter().any(|t| t.text == text && t.value == value),
            "{text:?} should resolve to {value}"
        );
    }
    assert!(checked >= 15, "only {checked} dates checked");
}

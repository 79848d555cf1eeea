//! The shipped dataset, held to a journalist's standard.

use std::collections::{HashMap, HashSet};

use bilateral_core::web_url::{citation_problems, CitationProblem};
use bilateral_core::{dataset, Error, Kind, Precision, Side, Store};

fn shipped() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../data/events.json");
    std::fs::read_to_string(path).expect("data/events.json is readable")
}

#[test]
fn the_shipped_dataset_is_valid_sorted_and_sourced() {
    let json = shipped();
    let events = dataset::parse(&json, "data/events.json").expect("dataset parses and validates");
    assert!(!events.is_empty());
    let mut ids = HashSet::new();
    for e in &events {
        assert!(ids.insert(&e.id), "duplicate id {}", e.id);
        assert!(
            e.id.starts_with(&e.start.to_string()),
            "id {} must start with its date {}",
            e.id,
            e.start
        );
        assert!(
            e.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "id {} must be a lowercase slug",
            e.id
        );
        assert!(!e.sources.is_empty(), "{} has no source", e.id);
        assert!(!e.summary.trim().is_empty(), "{} has no summary", e.id);
        assert!(Kind::ALL.contains(&e.kind));
    }
    let starts: Vec<_> = events.iter().map(|e| e.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "events.json must be sorted by date");
}

/// Shipped sources whose address is an AMP copy or a development server, kept until an
/// editor finds the publisher's canonical page (never guessed). Only those two problems can
/// wait here; the list may only shrink: an entry that is gone or fixed fails the test below
/// until it is taken off.
const AWAITING_CANONICAL_PAGE: &[&str] = &[
    "https://dev.historylink.org/File/8588",
    "https://csmonitor.com/layout/set/amphtml/1981/0813/081334.html",
    "https://csmonitor.com/layout/set/amphtml/1989/1211/ofill11.html",
    "https://www.rferl.org/amp/China_Voices_Outrage_Over_US_Arms_Sales_To_Taiwan/1943689.html",
    "https://amp.mcclatchydc.com/news/nation-world/world/article24745117.html",
    "https://deccanchronicle.com/amp/world/america/090417/donald-trump-xi-jinping-announce-plan-to-avoid-trade-row.html",
    "https://chinatrademonitor.com/china-issues-export-controls-on-semiconductor-raw-materials/amp",
    "https://mothership.sg/2024/01/china-will-not-interfere-us-election/amp",
    "https://gzeromedia.com/amp/sullivan-trip-sets-up-biden-xi-call-2669100094",
    "https://goodmorningamerica.com/amp/news/story/ai-north-korea-trump-biden-xi-discussed-final-115936991",
    "https://aws-origin.meritalk.com/articles/fbi-cisa-say-salt-typhoon-breach-limited-in-government",
    "https://irishtimes-irishtimes-prod.cdn.arcpublishing.com/business/2025/06/10/us-says-trade-talks-with-china-going-well-as-sides-reconvene",
];

/// Readers follow the shipped sources: no tracking parameters, no written-out port, no AMP
/// copy, no development, staging, origin or loopback host (`web_url::citation_problems`).
#[test]
fn every_shipped_source_is_the_public_canonical_address() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset");
    let mut failures = Vec::new();
    let mut awaited = HashSet::new();
    for e in &events {
        for source in &e.sources {
            let problems = citation_problems(&source.url);
            let waits = AWAITING_CANONICAL_PAGE.contains(&source.url.as_str())
                && problems.iter().all(|p| {
                    matches!(
                        p,
                        CitationProblem::Amp(_) | CitationProblem::DevelopmentHost { .. }
                    )
                });
            if waits && !problems.is_empty() {
                awaited.insert(source.url.as_str());
                continue;
            }
            for problem in problems {
                failures.push(format!("{} cites {}: {problem}", e.id, source.url));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "readers would follow these sources to a copy, a tracker or a private server:\n{}",
        failures.join("\n")
    );
    for url in AWAITING_CANONICAL_PAGE {
        assert!(
            awaited.contains(url),
            "{url} is no longer cited, or no longer an AMP or development address: take it off \
             AWAITING_CANONICAL_PAGE"
        );
    }
}

#[test]
fn each_actor_has_one_spelling_and_one_side() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset");
    let mut sides: HashMap<String, Side> = HashMap::new();
    let mut folded: HashMap<String, String> = HashMap::new();
    for e in &events {
        for a in &e.actors {
            if let Some(side) = sides.insert(a.name.clone(), a.side) {
                assert_eq!(side, a.side, "{} is given two sides (in {})", a.name, e.id);
            }
            let key: String = a
                .name
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            if let Some(other) = folded.insert(key, a.name.clone()) {
                assert_eq!(other, a.name, "one actor spelled two ways (in {})", e.id);
            }
        }
    }
}

#[test]
fn the_seed_article_events_are_present() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset");
    let find = |needle: &str| events.iter().find(|e| e.id.contains(needle));
    let woodside = find("woodside-summit").expect("the Woodside summit is in the dataset");
    assert_eq!(woodside.start.to_string(), "2023-11-15");
    assert_eq!(woodside.start.precision(), Precision::Day);
    for needle in [
        "bangkok",
        "shoots-down-chinese-balloon",
        "blinken-postpones",
        "house-select-committee",
    ] {
        assert!(find(needle).is_some(), "missing the seed event {needle}");
    }
}

#[test]
fn a_broken_file_is_reported_with_its_line() {
    let err = dataset::parse("[\n  { \"id\": \"x\",\n    \"title\": }\n]", "events.json")
        .expect_err("broken");
    match err {
        Error::Parse { line, file, .. } => assert_eq!((line, file.as_str()), (3, "events.json")),
        other => panic!("expected a parse error, got {other:?}"),
    }
    let dup = r#"[{"id":"a","title":"A","start":"2020","kind":"other"},{"id":"a","title":"B","start":"2021","kind":"other"}]"#;
    let err = dataset::parse(dup, "events.json").expect_err("duplicate");
    assert_eq!(err.field(), Some("events.json[1] (a).id"));
    let unknown = r#"[{"id":"a","title":"A","start":"2020","kind":"coup"}]"#;
    assert!(matches!(
        dataset::parse(unknown, "f"),
        Err(Error::Parse { .. })
    ));
}

#[test]
fn the_dataset_loads_once_and_a_second_start_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bilateral.db");
    let json = shipped();
    let mut store = Store::open(&path).expect("open");
    let first = dataset::apply(&mut store, &json, "data/events.json").expect("first run");
    assert!(first.added > 0);
    drop(store);
    let mut store = Store::open(&path).expect("reopen");
    let second = dataset::apply(&mut store, &json, "data/events.json").expect("second run");
    assert_eq!(second.added + second.updated + second.removed, 0);
    assert_eq!(
        store.count().expect("count"),
        u64::try_from(first.added).expect("fits")
    );
}

/// `data/schema.json` is what contributors read; the file must agree with it, checked by an
/// independent JSON Schema validator.
#[test]
fn the_shipped_dataset_conforms_to_its_published_schema() {
    let read = |name: &str| {
        let path = format!("{}/../../../data/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("readable");
        serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON")
    };
    let schema = read("schema.json");
    let validator = jsonschema::validator_for(&schema).expect("schema.json is a valid JSON Schema");
    let data = read("events.json");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "events.json breaks data/schema.json: {errors:#?}"
    );

    let mut broken = data.clone();
    broken[0]["kind"] = serde_json::json!("coup");
    broken[1]["sources"] = serde_json::json!([]);
    broken[2]["start"] = serde_json::json!("1972-13");
    assert_eq!(
        validator.iter_errors(&broken).count(),
        3,
        "the schema catches a bad kind, a missing source and a bad month"
    );
}

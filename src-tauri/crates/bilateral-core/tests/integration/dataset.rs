//! The shipped dataset, held to a journalist's standard.

use std::collections::{HashMap, HashSet};

use bilateral_core::web_url::citation_problems;
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

/// Readers follow the shipped sources: no tracking parameters, no written-out port, no AMP
/// copy, no development, staging, origin or loopback host (`web_url::citation_problems`).
#[test]
fn every_shipped_source_is_the_public_canonical_address() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset");
    let mut failures = Vec::new();
    for e in &events {
        for source in &e.sources {
            for problem in citation_problems(&source.url) {
                failures.push(format!("{} cites {}: {problem}", e.id, source.url));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "readers would follow these sources to a copy, a tracker or a private server:\n{}",
        failures.join("\n")
    );
}

/// A chronology a researcher can cite covers the whole relationship: at least 400 events
/// from 1971 to 2025, and no year with fewer than two.
#[test]
fn the_chronology_covers_every_year_since_1971() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset");
    assert!(events.len() >= 400, "only {} events", events.len());
    let mut per_year: HashMap<i32, usize> = HashMap::new();
    for e in &events {
        *per_year
            .entry(chrono::Datelike::year(&e.start.first_day()))
            .or_default() += 1;
    }
    let thin: Vec<String> = (1971..=2025)
        .filter(|y| per_year.get(y).copied().unwrap_or_default() < 2)
        .map(|y| format!("{y}: {}", per_year.get(&y).copied().unwrap_or_default()))
        .collect();
    assert!(
        thin.is_empty(),
        "years with fewer than two events: {thin:?}"
    );
}

/// Every event reads in Chinese too, and every actor has a name in characters and pinyin
/// (with tone marks), the same wherever the actor appears.
#[test]
fn every_event_and_actor_has_its_chinese_name() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset");
    let mut names: HashMap<&str, (&str, &str)> = HashMap::new();
    for e in &events {
        let zh = e.title_zh.as_deref().unwrap_or_default();
        assert!(
            zh.chars().any(bilateral_core::cjk::is_cjk),
            "{} has no Chinese title",
            e.id
        );
        for a in &e.actors {
            let (Some(zh), Some(pinyin)) = (a.name_zh.as_deref(), a.pinyin.as_deref()) else {
                panic!("{} (in {}) has no Chinese name and pinyin", a.name, e.id);
            };
            assert!(
                zh.chars().any(bilateral_core::cjk::is_cjk),
                "{}: {zh}",
                a.name
            );
            assert!(
                !pinyin.chars().any(bilateral_core::cjk::is_cjk),
                "{}: pinyin {pinyin} holds characters",
                a.name
            );
            if let Some(before) = names.insert(&a.name, (zh, pinyin)) {
                assert_eq!(
                    before,
                    (zh, pinyin),
                    "{} is written two ways in Chinese",
                    a.name
                );
            }
        }
    }
}

/// The coding rules of data/README.md that a program can check.
#[test]
fn the_shipped_events_follow_the_coding_rules() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset");
    for e in &events {
        let has = |side: Side| e.actors.iter().any(|a| a.side == side);
        if e.kind == Kind::Summit {
            assert!(
                has(Side::Us) && has(Side::China),
                "{}: a summit is a meeting of the two countries' leaders",
                e.id
            );
        }
        for a in &e.actors {
            let company_of_the_us = [
                "Google",
                "Microsoft",
                "Yahoo",
                "Cisco Systems",
                "CNN",
                "Mandiant",
                "Micron Technology",
                "Boeing",
                "Lockheed Martin",
            ];
            if company_of_the_us.contains(&a.name.as_str()) {
                assert_eq!(a.side, Side::Us, "{}: {} is a US company", e.id, a.name);
            }
            let dissident_of_china = ["Fang Lizhi", "Wang Dan", "Chen Guangcheng"];
            if dissident_of_china.contains(&a.name.as_str()) {
                assert_eq!(
                    a.side,
                    Side::China,
                    "{}: {} is a Chinese dissident",
                    e.id,
                    a.name
                );
            }
        }
        let summary = e.summary.to_lowercase();
        for note in [
            "sources disagree",
            "the only available account",
            "sources do not say",
            "the account comes from",
            "re-posted",
            "widely read as",
            "commentators",
        ] {
            assert!(
                !summary.contains(note),
                "{}: research notes belong in data/research, not in the summary ({note:?})",
                e.id
            );
        }
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

/// Links in the shipped data point at shipped events, never at themselves, and a reply never
/// comes before what it answers: the panel would otherwise offer "Responds to" an event that
/// is not there, or one from the future.
#[test]
fn every_shipped_link_points_at_an_earlier_or_same_day_shipped_event() {
    let events = dataset::parse(&shipped(), "data/events.json").expect("dataset parses");
    let by_id: HashMap<&str, &bilateral_core::Event> =
        events.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut count = 0;
    for e in &events {
        for link in &e.links {
            count += 1;
            assert_ne!(link.target, e.id, "{} links to itself", e.id);
            let target = by_id
                .get(link.target.as_str())
                .unwrap_or_else(|| panic!("{} links to missing {}", e.id, link.target));
            if link.relation == bilateral_core::Relation::RespondsTo {
                assert!(
                    target.start.first_day() <= e.start.last_day(),
                    "{} responds to {}, which starts later",
                    e.id,
                    target.id
                );
            }
        }
    }
    assert!(
        (10..=60).contains(&count),
        "the dataset links its clear cause-and-response pairs ({count} links)"
    );
}

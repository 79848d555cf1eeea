//! Window-query and search figures on a real database file:
//! `cargo bench -p bilateral-core --bench queries`.
//! Prints timings; asserts nothing about speed (that is for people to read, not for CI to flake on).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use bilateral_core::{Actor, Event, Filter, Kind, SearchQuery, Side, Source, Store, WindowQuery};

const WORDS: [&str; 12] = [
    "tariffs",
    "summit",
    "balloon",
    "fentanyl",
    "taiwan",
    "export",
    "semiconductors",
    "climate",
    "hacking",
    "consulate",
    "sanctions",
    "trade",
];

fn synthetic(n: usize) -> Vec<Event> {
    (0..n)
        .map(|i| {
            // Spread over 1971..2025, mixing precisions and kinds like the real data.
            let day = i * 19_700 / n.max(1);
            let date = chrono::NaiveDate::from_ymd_opt(1971, 1, 1).unwrap()
                + chrono::Days::new(u64::try_from(day).unwrap());
            let start = match i % 10 {
                0 => date.format("%Y").to_string(),
                1 | 2 => date.format("%Y-%m").to_string(),
                _ => date.format("%Y-%m-%d").to_string(),
            };
            Event {
                id: format!("bench-{i}"),
                title: format!("Synthetic event {i} {}", WORDS[i % WORDS.len()]),
                summary: format!(
                    "A generated event about {} and {} for measuring queries.",
                    WORDS[(i / 7) % WORDS.len()],
                    WORDS[(i / 13) % WORDS.len()]
                ),
                start: start.parse().unwrap(),
                end: None,
                kind: Kind::ALL[i % Kind::ALL.len()],
                actors: vec![Actor {
                    name: format!("Actor {}", i % 300),
                    side: Side::ALL[i % 5],
                }],
                location: None,
                tags: vec![format!("tag-{}", i % 40)],
                sources: vec![Source {
                    url: format!("https://example.org/{i}"),
                    title: "Source".into(),
                    publisher: "Example".into(),
                    published: None,
                    quote: None,
                }],
            }
        })
        .collect()
}

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    start.elapsed() / runs
}

fn main() {
    for n in [1_000usize, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
        let events = synthetic(n);
        let load = Instant::now();
        store.sync_dataset(&events, "bench").unwrap();
        let load = load.elapsed();
        let query = |from: &str, to: &str| WindowQuery {
            from: from.into(),
            to: to.into(),
            limit: 500,
            buckets: 360,
            filter: None,
        };
        let whole = query("1970-01-01", "2026-12-31");
        let decade = query("2010-01-01", "2019-12-31");
        let month = query("2023-11-01", "2023-11-30");
        let w = store.window(&whole).unwrap();
        println!(
            "{n:>7} events: load {:>8.1} ms | whole span {:>6.2} ms ({} sent of {}, {} buckets) | decade {:>6.2} ms | month {:>6.2} ms",
            load.as_secs_f64() * 1e3,
            time(20, || store.window(&whole).unwrap()).as_secs_f64() * 1e3,
            w.events.len(),
            w.total,
            w.buckets.len(),
            time(20, || store.window(&decade).unwrap()).as_secs_f64() * 1e3,
            time(50, || store.window(&month).unwrap()).as_secs_f64() * 1e3,
        );
        let search = |text: &str, filter: Option<Filter>| SearchQuery {
            text: text.into(),
            limit: 50,
            filter,
        };
        let summits = Filter {
            kinds: vec![Kind::Summit],
            ..Filter::default()
        };
        for (label, query) in [
            ("one word", search("balloon", None)),
            ("prefix", search("semi", None)),
            ("two words", search("taiwan tariffs", None)),
            ("actor", search("actor 42", None)),
            ("word + filter", search("climate", Some(summits))),
        ] {
            let hits = store.search(&query).unwrap().len();
            println!(
                "{n:>7} events: search {label:<13} {:>6.2} ms ({hits} hits)",
                time(20, || store.search(&query).unwrap()).as_secs_f64() * 1e3
            );
        }
    }
}

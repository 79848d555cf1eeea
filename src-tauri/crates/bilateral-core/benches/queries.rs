//! Window-query and search figures on a real database file:
//! `cargo bench -p bilateral-core --bench queries`.
//! Prints timings; asserts nothing about speed (that is for people to read, not for CI to flake on).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use bilateral_core::{Filter, Kind, SearchQuery, Store, WindowQuery};

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

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

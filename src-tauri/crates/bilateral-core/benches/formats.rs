//! Export and import throughput of every format at 100,000 events:
//! `cargo bench -p bilateral-core --bench formats`. Prints figures; asserts nothing about speed.
//!
//! "read" is parsing the file into events. The store part imports into a fresh database file
//! at the sizes in `BILATERAL_BENCH_STORE` (comma-separated; default 100000).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use bilateral_core::formats::{self, ExportOptions, Format, Progress};
use bilateral_core::Store;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

const N: usize = 100_000;

fn per_second(n: usize, took: Duration) -> f64 {
    n as f64 / took.as_secs_f64()
}

fn main() {
    let events = synthetic(N);
    let options = ExportOptions::default();
    println!("{N} events, one run each");
    println!(
        "{:<15} {:>10} {:>12} {:>11} {:>12} {:>11}",
        "format", "size MB", "export ms", "events/s", "read ms", "events/s"
    );
    let mut json = Vec::new();
    for format in Format::ALL.into_iter().filter(|f| f.can_export()) {
        let start = Instant::now();
        let mut out = Vec::with_capacity(64 << 20);
        formats::export(
            format,
            &events,
            &options,
            &mut out,
            &mut Progress::silent(events.len()),
        )
        .unwrap();
        let export = start.elapsed();
        let read = format.can_import().then(|| {
            let start = Instant::now();
            let parsed = formats::read(Some(format), &out, "bench").unwrap();
            let took = start.elapsed();
            assert_eq!(parsed.events.len(), N, "{format} reads every event back");
            took
        });
        println!(
            "{:<15} {:>10.1} {:>12.0} {:>11.0} {:>12} {:>11}",
            format.name(),
            out.len() as f64 / 1e6,
            export.as_secs_f64() * 1e3,
            per_second(N, export),
            read.map_or("-".to_owned(), |t| format!("{:.0}", t.as_secs_f64() * 1e3)),
            read.map_or("-".to_owned(), |t| format!("{:.0}", per_second(N, t))),
        );
        if format == Format::Json {
            json = out;
        }
    }

    // Into the store: preview, the one-transaction import, a re-import of the same events
    // (all unchanged) and the selection an export starts from. Sizes from
    // BILATERAL_BENCH_STORE.
    let sizes: Vec<usize> = std::env::var("BILATERAL_BENCH_STORE")
        .unwrap_or_else(|_| "100000".to_owned())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let parsed = formats::read(Some(Format::Json), &json, "bench.json").unwrap();
    for n in sizes {
        let events = &parsed.events[..n.min(N)];
        let n = events.len();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
        let start = Instant::now();
        let preview = store.preview_import(events).unwrap();
        let previewed = start.elapsed();
        assert_eq!(preview.new, n);
        let start = Instant::now();
        let report = store.import(events).unwrap();
        let imported = start.elapsed();
        assert_eq!(report.created, n);
        let start = Instant::now();
        let again = store.import(events).unwrap();
        let reimported = start.elapsed();
        assert_eq!(again.unchanged, n);
        let start = Instant::now();
        let all = store
            .all_matching(&bilateral_core::Filter::default())
            .unwrap();
        let selected = start.elapsed();
        assert_eq!(all.len(), n);
        println!(
            "store, {n:>6} events: preview {:>7.0} ms | import {:>8.0} ms ({:>6.0} events/s) | \
             re-import unchanged {:>6.0} ms | select all {:>6.0} ms ({:>7.0} events/s)",
            previewed.as_secs_f64() * 1e3,
            imported.as_secs_f64() * 1e3,
            per_second(n, imported),
            reimported.as_secs_f64() * 1e3,
            selected.as_secs_f64() * 1e3,
            per_second(n, selected),
        );
    }
}

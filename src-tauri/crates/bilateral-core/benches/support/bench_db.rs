//! Benchmark databases, built once per N and cached under the cargo target folder
//! (`target/bench-db/`), keyed by N and a stamp of the schema and of the generated data, so a
//! schema change or a change of the generator rebuilds them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use bilateral_core::{Actor, Event, Kind, Side, Source, Store};

use crate::synthetic::synthetic;

/// Bump when the generated events change, so cached databases are rebuilt.
const DATA_VERSION: u32 = 1;

/// The sizes to measure: `BILATERAL_BENCH_N=1000,10000,100000,1000000`, by default 1k–100k.
pub fn sizes() -> Vec<usize> {
    std::env::var("BILATERAL_BENCH_N")
        .ok()
        .map(|list| {
            list.split(',')
                .filter_map(|n| n.trim().replace('_', "").parse().ok())
                .collect::<Vec<usize>>()
        })
        .filter(|sizes| !sizes.is_empty())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// The cargo target folder this benchmark was built into.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("benchmark executable path");
    // target/<profile>/deps/<bench>
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir)
}

/// A few events spanning decades, as real chronologies hold (the normalisation of
/// relations, a long trade dispute): the long-event path of the window query.
fn long_events() -> Vec<Event> {
    [
        ("1971-07", "2025-12"),
        ("1979-01-01", "2019-06-30"),
        ("2001-12-11", "2024-12-31"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (start, end))| Event {
        links: Vec::new(),
        title_zh: None,
        verification: None,
        id: format!("bench-long-{i}"),
        title: format!("Long process {i}"),
        summary: "A process of decades.".into(),
        start: start.parse().expect("date"),
        end: Some(end.parse().expect("date")),
        kind: Kind::Agreement,
        actors: vec![Actor {
            name_zh: None,
            pinyin: None,
            name: "Wang Yi".into(),
            side: Side::China,
        }],
        location: None,
        tags: vec!["trade".into()],
        sources: vec![Source {
            reported_date: None,
            reported_place: None,
            archived_url: None,
            archived_at: None,
            url: format!("https://example.org/long/{i}"),
            title: "History".into(),
            publisher: "Example News".into(),
            published: None,
            quote: None,
        }],
    })
    .collect()
}

/// The database of `n` synthetic events (plus a few long ones), built if not cached.
pub fn bench_db(n: usize) -> PathBuf {
    let stamp = format!(
        "schema{}-data{DATA_VERSION}",
        bilateral_core::store::MIGRATION_COUNT
    );
    let dir = target_dir().join("bench-db");
    let path = dir.join(format!("queries-{n}-{stamp}.db"));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("bench-db folder");
    let building = dir.join(format!("queries-{n}-{stamp}.building.db"));
    // A build killed halfway leaves its file: start again.
    let _ = std::fs::remove_file(&building);
    let start = Instant::now();
    {
        let mut store = Store::open(&building).expect("open bench db");
        let mut events = synthetic(n);
        events.extend(long_events());
        store.sync_dataset(&events, "bench").expect("load bench db");
    }
    // Fold the WAL into the file before it is renamed.
    {
        let conn = rusqlite::Connection::open(&building).expect("reopen");
        let _: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .expect("checkpoint");
    }
    std::fs::rename(&building, &path).expect("cache bench db");
    eprintln!(
        "built {} ({n} events) in {:.1} s",
        path.file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default(),
        start.elapsed().as_secs_f64()
    );
    path
}

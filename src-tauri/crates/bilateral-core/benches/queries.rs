//! Window, density, search, facet and table-page figures on real database files, each beside a baseline
//! measured in the same run on the same file:
//! `cargo bench -p bilateral-core --bench queries`, sizes from `BILATERAL_BENCH_N`
//! (`1000,10000,100000,1000000`; by default 1k–100k). Databases are built once and cached
//! under `target/bench-db/`. Prints timings; asserts nothing about speed (that is for people
//! to read, not for CI to flake on).

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "support/allocator.rs"]
mod allocator;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bilateral_core::readers::{Lane, Readers, Ticket};
use bilateral_core::{
    Filter, Kind, SearchQuery, Side, Store, TableColumn, TableQuery, TableSort, WindowQuery,
};
use rusqlite::{Connection, OpenFlags};

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/bench_db.rs"]
mod bench_db;

/// Median time of a few runs (at least 3, more while they stay under a third of a second).
fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    let first = Instant::now();
    std::hint::black_box(f());
    let first = first.elapsed();
    let runs = (Duration::from_millis(300).as_secs_f64() / first.as_secs_f64().max(1e-6))
        .clamp(3.0, 50.0) as usize;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// What the search box asks for while "trade -tariff" is typed, from the first letter of the
/// excluded word on (`-t` leaves out every event with a word starting with t: the slowest).
const TYPED: [&str; 6] = [
    "trade -t",
    "trade -ta",
    "trade -tar",
    "trade -tari",
    "trade -tarif",
    "trade -tariff",
];

/// The search box's debounce: keystrokes further apart than this each send a search.
const KEYSTROKE: Duration = Duration::from_millis(80);

/// Request numbers across every run, so a run's first search is never older than the last
/// run's.
static SEQ: AtomicU64 = AtomicU64::new(0);

/// Sends `TYPED` one search per keystroke, each on its own thread as the app's commands run,
/// and answers how long after the last keystroke its answer came.
fn typed_last_answer(readers: &Readers, superseding: bool) -> Duration {
    std::thread::scope(|scope| {
        let mut last = None;
        for (i, text) in TYPED.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(KEYSTROKE);
            }
            let query = SearchQuery {
                text: (*text).into(),
                limit: 50,
                filter: None,
            };
            let ticket = Ticket {
                session: 1,
                seq: SEQ.fetch_add(1, Ordering::SeqCst) + 1,
            };
            let sent = Instant::now();
            last = Some(scope.spawn(move || {
                if superseding {
                    readers
                        .latest_only(Lane::Search, ticket, |s| s.search(&query))
                        .unwrap();
                } else {
                    readers.read(Lane::Search, |s| s.search(&query)).unwrap();
                }
                sent.elapsed()
            }));
        }
        last.unwrap().join().unwrap()
    })
}

fn median_of_3(mut f: impl FnMut() -> Duration) -> Duration {
    let mut times = [f(), f(), f()];
    times.sort();
    times[1]
}

struct Row {
    measure: String,
    ours: Duration,
    baseline: Option<Duration>,
    note: String,
}

fn window_query(from: &str, to: &str, filter: Option<Filter>) -> WindowQuery {
    WindowQuery {
        from: from.into(),
        to: to.into(),
        limit: 500,
        buckets: 360,
        filter,
    }
}

/// Day number as the store keeps it (days since 1 January of year 1, that day being 1).
fn day(text: &str) -> i64 {
    let date: chrono::NaiveDate = text.parse().expect("day");
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

/// Raw indexed SQL fetching the same rows by primary key, with the same columns and the
/// actors' names and sides the answer carries: what any answer costs at least.
fn rows_by_id(conn: &Connection, ids: &str) -> usize {
    let mut stmt = conn
        .prepare_cached(
            "SELECT ea.event_id, a.name, a.side FROM event_actors ea
             JOIN actors a ON a.id = ea.actor_id
             WHERE ea.event_id IN (SELECT value FROM json_each(?1))",
        )
        .unwrap();
    let actors = stmt
        .query_map([ids], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap()
        .count();
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, title, title_zh, start_text, end_text, kind, origin, edited FROM events
             WHERE id IN (SELECT value FROM json_each(?1))",
        )
        .unwrap();
    let rows = stmt
        .query_map([ids], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })
        .unwrap();
    rows.count() + actors
}

/// `count(*) GROUP BY` slice over the window, as the plain SQL answer to density.
fn group_by_density(conn: &Connection, from: &str, to: &str, buckets: i64) -> usize {
    let (lo, hi) = (day(from), day(to));
    let longest: i64 = conn
        .query_row(
            "SELECT coalesce(max(last_day - first_day), 0) FROM events",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut stmt = conn
        .prepare_cached(
            "SELECT (max(first_day, ?1) - ?1) * ?2 / ?3 AS slice, count(*) FROM events
             WHERE first_day BETWEEN ?4 AND ?5 AND last_day >= ?1 GROUP BY slice",
        )
        .unwrap();
    let rows = stmt
        .query_map(
            rusqlite::params![lo, buckets, hi - lo + 1, lo - longest, hi],
            |r| r.get::<_, i64>(1),
        )
        .unwrap();
    rows.count()
}

fn bm25_first_page(conn: &Connection, word: &str) -> usize {
    let mut stmt = conn
        .prepare_cached(
            "SELECT rowid FROM events_fts WHERE events_fts MATCH ?1 ORDER BY bm25(events_fts) LIMIT 50",
        )
        .unwrap();
    let rows = stmt.query_map([word], |r| r.get::<_, i64>(0)).unwrap();
    rows.count()
}

fn measure(n: usize) -> Vec<Row> {
    let path = bench_db::bench_db(n);
    let store = Store::open(&path).expect("open bench db");
    let raw = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    // The same page cache the store gives its connections, so the baseline is not slowed by
    // SQLite's small default.
    raw.pragma_update(None, "cache_size", -32_768).unwrap();
    let mut rows = Vec::new();

    let summits = || Filter {
        kinds: vec![Kind::Summit],
        ..Filter::default()
    };
    let with_wang_yi = || Filter {
        actors: vec!["Wang Yi".into()],
        ..Filter::default()
    };
    for (label, from, to, filter) in [
        (
            "window whole span (capped, density)",
            "1970-01-01",
            "2026-12-31",
            None,
        ),
        ("window one year", "2023-01-01", "2023-12-31", None),
        ("window one month", "2023-11-01", "2023-11-30", None),
        (
            "window whole span, summits",
            "1970-01-01",
            "2026-12-31",
            Some(summits()),
        ),
        (
            "window whole span, Wang Yi",
            "1970-01-01",
            "2026-12-31",
            Some(with_wang_yi()),
        ),
        (
            "window one year, summits",
            "2023-01-01",
            "2023-12-31",
            Some(summits()),
        ),
    ] {
        let query = window_query(from, to, filter);
        let answer = store.window(&query).expect("window");
        let ids = serde_json::to_string(
            &answer
                .events
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>(),
        )
        .unwrap();
        rows.push(Row {
            measure: label.into(),
            ours: time(|| store.window(&query).unwrap()),
            baseline: Some(time(|| rows_by_id(&raw, &ids))),
            note: format!(
                "{} sent of {}, {} buckets",
                answer.events.len(),
                answer.total,
                answer.buckets.len()
            ),
        });
    }

    let whole = window_query("1970-01-01", "2026-12-31", None);
    rows.push(Row {
        measure: "density strip, whole span".into(),
        ours: time(|| store.density(&whole).unwrap()),
        baseline: Some(time(|| {
            group_by_density(&raw, "1970-01-01", "2026-12-31", 360)
        })),
        note: "360 buckets".into(),
    });
    // Slices of about ten days: no month lies inside one, every day is read.
    let fine = WindowQuery {
        buckets: 2_000,
        ..whole.clone()
    };
    rows.push(Row {
        measure: "density strip, whole span, fine".into(),
        ours: time(|| store.density(&fine).unwrap()),
        baseline: Some(time(|| {
            group_by_density(&raw, "1970-01-01", "2026-12-31", 2_000)
        })),
        note: "2000 buckets".into(),
    });
    let year = window_query("2023-01-01", "2023-12-31", None);
    rows.push(Row {
        measure: "density strip, one year".into(),
        ours: time(|| store.density(&year).unwrap()),
        baseline: Some(time(|| {
            group_by_density(&raw, "2023-01-01", "2023-12-31", 360)
        })),
        note: "360 buckets".into(),
    });

    let search = SearchQuery {
        text: "trade".into(),
        limit: 50,
        filter: None,
    };
    let answer = store.search_answer(&search).unwrap();
    rows.push(Row {
        measure: "search common word, first page".into(),
        ours: time(|| store.search_answer(&search).unwrap()),
        baseline: Some(time(|| bm25_first_page(&raw, "\"trade\"*"))),
        note: match answer.ranked_among {
            Some(among) => format!(
                "{} hits, ranked among the {among} most significant matches",
                answer.hits.len()
            ),
            None => format!("{} hits, every match ranked", answer.hits.len()),
        },
    });
    // The search syntax's other paths: a word with conditions and an exclusion (one
    // MATCH), and prefixes alone (no MATCH, newest first).
    for (label, text) in [
        (
            "search word, prefix and exclusion",
            "trade kind:summit -tariff",
        ),
        (
            "search prefixes only, newest first",
            "kind:summit before:2020",
        ),
        // The slow end of no MATCH: an exclusion alone, and an actor no event has (every
        // event is checked before the answer is known to be empty).
        ("search exclusion only", "-climate"),
        ("search prefix and exclusion", "kind:summit -climate"),
        // A word in every event: the walk finds nothing to list and gives way.
        ("search exclusion of a word in every event", "-talks"),
        ("search actor matching no one", "actor:nobody"),
    ] {
        let search = SearchQuery {
            text: text.into(),
            limit: 50,
            filter: None,
        };
        let hits = store.search(&search).unwrap().len();
        rows.push(Row {
            measure: label.into(),
            ours: time(|| store.search(&search).unwrap()),
            baseline: None,
            note: format!("{text}: {hits} hits"),
        });
    }

    // Typing an exclusion: each keystroke's search after the debounce. Queued (the baseline),
    // the last keystroke's answer waits for every search before it; superseding, it does not.
    let readers = Readers::open(&path).expect("readers");
    typed_last_answer(&readers, true);
    let superseding = median_of_3(|| typed_last_answer(&readers, true));
    let queued = median_of_3(|| typed_last_answer(&readers, false));
    rows.push(Row {
        measure: "search as typed, last keystroke's answer".into(),
        ours: superseding,
        baseline: Some(queued),
        note: format!(
            "{} typed {} ms apart; baseline: each search queued behind the one before",
            TYPED.join(" / "),
            KEYSTROKE.as_millis()
        ),
    });

    let summits = Filter {
        kinds: vec![Kind::Summit],
        ..Filter::default()
    };
    let china = Filter {
        sides: vec![Side::China],
        ..Filter::default()
    };
    // A date or an actor is not in the facet cube: these are answered from the events'
    // fields copied in memory, against counting the matching events in SQL.
    let summits_since = Filter {
        from: Some("1990".parse().unwrap()),
        ..summits.clone()
    };
    let wang_yi = Filter {
        actors: vec!["Wang Yi".into()],
        ..summits.clone()
    };
    for (label, filter) in [
        ("facets, no filter", Filter::default()),
        ("facets, filtered (summits)", summits.clone()),
        ("facets, filtered (side China)", china),
        (
            "facets, filtered (summits, not GDELT)",
            summits.without_gdelt(),
        ),
        ("facets, filtered (summits since 1990)", summits_since),
        ("facets, filtered (summits, Wang Yi)", wang_yi),
    ] {
        let facets = store.facets(&filter).unwrap();
        assert_eq!(facets, store.facets_counted(&filter).unwrap(), "{label}");
        rows.push(Row {
            measure: label.into(),
            ours: time(|| store.facets(&filter).unwrap()),
            baseline: Some(time(|| store.facets_counted(&filter).unwrap())),
            note: format!(
                "{} events, {} actors, {} tags",
                facets.total,
                facets.actors.len(),
                facets.tags.len()
            ),
        });
    }

    // What the first such filter costs after a change: a fresh connection reads its copy.
    let dated = Filter {
        from: Some("1990".parse().unwrap()),
        ..Filter::default()
    };
    rows.push(Row {
        measure: "facets, copy read on a new connection".into(),
        ours: time(|| {
            Store::open_read_only(&path)
                .unwrap()
                .facets(&dated)
                .unwrap()
        }),
        baseline: None,
        note: "then each filter on actors, tags or dates is a pass over it".into(),
    });
    // After an edit a read connection patches its copy from the log of changed events
    // (migrations 0017, 0019) instead of reading it again. The edit sets one event's kind to
    // what it was, so the cached database keeps its content; only the reader's first answer
    // is timed.
    let reader = Store::open_read_only(&path).unwrap();
    reader.facets(&dated).unwrap();
    let editor = Connection::open(&path).unwrap();
    let mut after_edit: Vec<Duration> = (0..15_i64)
        .map(|i| {
            editor
                .execute(
                    "UPDATE events SET kind = kind WHERE rowid = (SELECT min(rowid) FROM events) + ?1",
                    [i],
                )
                .unwrap();
            let start = Instant::now();
            std::hint::black_box(reader.facets(&dated).unwrap());
            start.elapsed()
        })
        .collect();
    after_edit.sort();
    rows.push(Row {
        measure: "facets, first answer after an edit".into(),
        ours: after_edit[after_edit.len() / 2],
        baseline: None,
        note: "the copy patched with the one event changed, then the pass".into(),
    });

    // The table view's pages at the middle of the rows: what scrolling half-way costs.
    let middle = u32::try_from(n / 2).unwrap();
    for (label, column) in [
        ("table page by date, middle", TableColumn::Date),
        ("table page by kind, middle", TableColumn::Kind),
        ("table page by title, middle", TableColumn::Title),
        ("table page by actors, middle", TableColumn::Actors),
        ("table page by sources, middle", TableColumn::Sources),
    ] {
        let query = TableQuery {
            filter: None,
            sort: TableSort {
                column,
                descending: false,
            },
            offset: middle,
            limit: 200,
        };
        let page = store.table_page(&query).unwrap();
        rows.push(Row {
            measure: label.into(),
            ours: time(|| store.table_page(&query).unwrap()),
            baseline: None,
            note: format!("200 rows from offset {middle} of {}", page.total),
        });
    }
    rows
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported here.
    for n in bench_db::sizes() {
        let rows = measure(n);
        println!("\nN = {n}");
        println!(
            "| {:<38} | {:>10} | {:>13} | {:>7} | note",
            "measure", "ours (ms)", "baseline (ms)", "ratio"
        );
        println!("|{:-<40}|{:->12}|{:->15}|{:->9}|------", "", "", "", "");
        for row in rows {
            let (baseline, ratio) = match row.baseline {
                Some(b) => (
                    format!("{:.3}", ms(b)),
                    format!("{:.2}", ms(row.ours) / ms(b).max(1e-6)),
                ),
                None => ("-".into(), "-".into()),
            };
            println!(
                "| {:<38} | {:>10.3} | {:>13} | {:>7} | {}",
                row.measure,
                ms(row.ours),
                baseline,
                ratio,
                row.note
            );
        }
    }
}

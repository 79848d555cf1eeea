//! Read connections: the timeline and search stay live while the writer holds a long import,
//! and a newer window request supersedes an older one.

use std::sync::mpsc;
use std::sync::Mutex;

use bilateral_core::merge::Coverage;
use bilateral_core::readers::{Answer, Lane, Readers, Ticket};
use bilateral_core::{Curator, Kind, SearchQuery, WindowQuery};

use crate::fixtures::{event, store_on_disk};

/// Built from JSON, as the UI sends it, so fields added later keep their defaults.
fn whole_span() -> WindowQuery {
    serde_json::from_value(serde_json::json!({
        "from": "1900-01-01", "to": "2100-12-31", "limit": 100, "buckets": 10
    }))
    .expect("window query")
}

fn search(text: &str) -> SearchQuery {
    serde_json::from_value(serde_json::json!({ "text": text, "limit": 10 })).expect("search query")
}

#[test]
fn reads_answer_while_an_import_holds_the_write_transaction() {
    let (_dir, store, path) = store_on_disk();
    let mut curator = Curator::new(store);
    curator
        .create(event("kept", "2020-05-01", Kind::Call))
        .expect("create");
    let readers = Readers::open(&path).expect("read connections");

    let batch: Vec<_> = (0..50)
        .map(|i| event(&format!("imported{i}"), "2021-03-01", Kind::Visit))
        .collect();
    let (started, wait_started) = mpsc::channel();
    let (release, wait_release) = mpsc::channel::<()>();
    let wait_release = Mutex::new(wait_release);
    std::thread::scope(|scope| {
        let importer = scope.spawn(move || {
            let mut told = false;
            curator
                .import_with_progress(&batch, Coverage::ALL, |done, _| {
                    // Halfway through, with rows written in an open IMMEDIATE transaction,
                    // the import stops until the reads below are done.
                    if done == 25 && !told {
                        told = true;
                        started.send(()).expect("signal");
                        wait_release.lock().expect("lock").recv().expect("released");
                    }
                    true
                })
                .expect("import");
            curator
        });
        wait_started
            .recv()
            .expect("the import holds the write lock");

        // Each of these would fail with "database is locked" after the busy timeout, or
        // never return, if reads waited for the writer.
        let window = readers
            .read(Lane::Timeline, |s| s.window(&whole_span()))
            .expect("the timeline answers during the import");
        assert_eq!(
            window
                .events
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
            ["kept"],
            "the timeline shows the last committed state, not half an import"
        );
        let hits = readers
            .read(Lane::Search, |s| s.search(&search("Woodside")))
            .expect("search answers during the import");
        assert_eq!(hits.len(), 1, "search sees only committed events: {hits:?}");
        let facets = readers
            .read(Lane::Facets, |s| s.facets(&Default::default()))
            .expect("facets answer during the import");
        assert_eq!(facets.total, 1);

        release.send(()).expect("release the import");
        let curator = importer.join().expect("importer thread");
        assert_eq!(curator.store().count().expect("count"), 51);
    });
    let after = readers
        .read(Lane::Timeline, |s| s.window(&whole_span()))
        .expect("window after the import");
    assert_eq!(
        after.total, 51,
        "once committed, the import shows in the next read"
    );
}

#[test]
fn a_read_connection_is_not_blocked_by_an_open_immediate_transaction() {
    let (_dir, mut store, path) = store_on_disk();
    store
        .create(event("kept", "2020-05-01", Kind::Call))
        .expect("create");
    let readers = Readers::open(&path).expect("read connections");
    let writer = rusqlite::Connection::open(&path).expect("another writer");
    writer
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM event_tags;")
        .expect("hold the write lock with a change pending");
    // Same thread, transaction still open: a read that waited for the writer could only fail.
    let window = readers
        .read(Lane::Timeline, |s| s.window(&whole_span()))
        .expect("a window while the write transaction is open");
    assert_eq!(window.total, 1);
    let facets = readers
        .read(Lane::Facets, |s| s.facets(&Default::default()))
        .expect("facets while the write transaction is open");
    assert_eq!(facets.tags.len(), 2, "the uncommitted delete is not seen");
    writer.execute_batch("ROLLBACK").expect("rollback");
}

#[test]
fn an_older_window_request_is_skipped_once_a_newer_one_was_seen() {
    let (_dir, _store, path) = store_on_disk();
    let readers = Readers::open(&path).expect("read connections");
    let ticket = |session, seq| Ticket { session, seq };
    let mut ran = Vec::new();
    let mut ask = |t: Ticket| {
        readers
            .latest_only(Lane::Timeline, t, |s| {
                ran.push(t.seq);
                s.window(&whole_span())
            })
            .expect("window")
    };
    assert!(matches!(ask(ticket(1, 2)), Answer::Current(_)));
    assert_eq!(
        ask(ticket(1, 1)),
        Answer::Superseded,
        "an answer older than the newest request is never drawn"
    );
    assert!(
        matches!(ask(ticket(9, 1)), Answer::Current(_)),
        "a reloaded page (a new session) starts its own count"
    );
    assert_eq!(ran, [2, 1], "skipped requests do not even run their query");
}

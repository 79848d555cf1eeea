//! Reads never wait for writes, nor for each other: the timeline and search answer while an
//! import holds the writer, and a newer window request or search supersedes an older one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Duration;

use bilateral::files;
use serde_json::{json, Value};
use tauri::ipc::{Channel, InvokeResponseBody};

use crate::harness::TestApp;

fn talks(n: usize) -> String {
    let mut csv = String::from("id,title,start,kind,actors\n");
    for i in 0..n {
        csv.push_str(&format!(
            "talk-{i},Quillwort talk {i},2024-03,meeting,Someone (us)\n"
        ));
    }
    csv
}

fn whole_span() -> Value {
    json!({ "from": "1900-01-01", "to": "2100-12-31", "limit": 50, "buckets": 20 })
}

fn hits(app: &TestApp, text: &str) -> usize {
    app.invoke("search", json!({ "query": { "text": text, "limit": 50 } }))
        .expect("search answers")["hits"]
        .as_array()
        .expect("hits")
        .len()
}

#[test]
fn search_and_the_timeline_answer_while_an_import_is_being_written() {
    let app = TestApp::start();
    let state = app.state();
    let before = app
        .invoke("window_events", json!({ "query": whole_span() }))
        .expect("window before")["total"]
        .clone();
    let woodside_before = hits(&app, "Woodside");
    assert!(woodside_before > 0, "the shipped events mention Woodside");
    files::plan_import(&state, "talks.csv", talks(200).as_bytes()).expect("preview");

    // The import stops at its first progress report, inside its write transaction, until
    // the reads below are done.
    let (started, wait_started) = mpsc::channel();
    let (release, wait_release) = mpsc::channel::<()>();
    let wait_release = Mutex::new(wait_release);
    let told = AtomicBool::new(false);
    let progress = Channel::new(move |_: InvokeResponseBody| {
        if !told.swap(true, Ordering::SeqCst) {
            let _ = started.send(());
            // The timeout only keeps a regression from hanging the run: were the reads to
            // wait for the writer, they would answer after the commit, and fail below.
            let _ = wait_release
                .lock()
                .expect("lock")
                .recv_timeout(Duration::from_secs(30));
        }
        Ok(())
    });

    std::thread::scope(|scope| {
        let importer = scope.spawn(|| files::commit_import(&state, &progress));
        wait_started
            .recv()
            .expect("the import is writing and holds the writer");

        let window = app.invoke(
            "window_events",
            json!({ "query": whole_span(), "seq": 1, "session": 3 }),
        );
        let woodside = hits(&app, "Woodside");
        let quillwort = hits(&app, "Quillwort");
        release.send(()).expect("let the import finish");
        let window = window.expect("the window answers during an import");
        assert_eq!(
            window["total"], before,
            "the timeline shows the store as last committed, not half an import"
        );
        assert_eq!(
            woodside, woodside_before,
            "search finds committed events during an import"
        );
        assert_eq!(
            quillwort, 0,
            "and none of the import's rows before it commits"
        );

        let report = importer.join().expect("import thread").expect("import");
        assert_eq!(report.created, 200);
    });
    assert_eq!(
        hits(&app, "Quillwort"),
        50,
        "once the import commits, search finds its events"
    );
}

#[test]
fn an_answer_to_a_superseded_window_request_is_dropped() {
    let app = TestApp::start();
    let ask = |seq: u64, session: u64| {
        app.invoke(
            "window_events",
            json!({ "query": whole_span(), "seq": seq, "session": session }),
        )
    };
    ask(2, 11).expect("the newest request is answered");
    let stale = ask(1, 11).expect_err("an older request than the newest is not answered");
    assert_eq!(
        stale["code"], "superseded",
        "the UI ignores it instead of drawing an old view: {stale}"
    );
    ask(1, 12).expect("a reloaded page (new session) is answered from its first request");
    app.invoke("window_events", json!({ "query": whole_span() }))
        .expect("a request without a ticket is always answered");
}

#[test]
fn an_answer_to_a_superseded_search_is_dropped_and_windows_keep_their_own_numbers() {
    let app = TestApp::start();
    let search = |text: &str, seq: u64| {
        app.invoke(
            "search",
            json!({ "query": { "text": text, "limit": 50 }, "seq": seq, "session": 5 }),
        )
    };
    let newest = search("Woodside", 4).expect("the newest search is answered");
    assert!(
        !newest["hits"].as_array().expect("hits").is_empty(),
        "and finds the summit: {newest}"
    );
    let stale = search("Woodsid", 3).expect_err("an older search than the newest is not answered");
    assert_eq!(
        stale["code"], "superseded",
        "the search box ignores it instead of showing the hits of a word being typed: {stale}"
    );
    app.invoke(
        "window_events",
        json!({ "query": whole_span(), "seq": 1, "session": 5 }),
    )
    .expect("a window numbered below the searches is still answered: each lane counts its own");
    assert!(
        hits(&app, "Woodside") > 0,
        "a search without a ticket is always answered"
    );
}

#[test]
fn an_import_streamed_from_its_file_can_be_undone_in_one_step() {
    let app = TestApp::start();
    let state = app.state();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("talks.csv");
    std::fs::write(&file, talks(3)).expect("write file");
    let plan = files::plan_import_file(&state, &file).expect("preview");
    assert_eq!(plan.preview.new, 3);
    assert_eq!(plan.file, "talks.csv");
    assert_eq!(plan.format, "csv");
    let quiet = Channel::new(|_: InvokeResponseBody| Ok(()));
    files::commit_import(&state, &quiet).expect("import");
    assert_eq!(hits(&app, "Quillwort"), 3);
    app.invoke("undo", json!({})).expect("undo");
    assert_eq!(hits(&app, "Quillwort"), 0, "one undo takes the import back");
}

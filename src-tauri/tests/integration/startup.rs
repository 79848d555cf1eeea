//! A database the app cannot open leaves the app running, saying why, instead of exiting.

use serde_json::{json, Value};

use crate::harness::TestApp;

#[test]
fn an_unopenable_database_is_explained_and_every_other_command_says_none_is_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "my notes, not a database\n".repeat(20)).expect("write");
    let before = std::fs::read(&path).expect("read");
    let app = TestApp::start_on(dir, &path);

    let problem = app
        .invoke("startup_problem", json!({}))
        .expect("the start-up screen can ask why");
    assert_eq!(problem["code"], "open");
    assert!(
        problem["message"]
            .as_str()
            .is_some_and(|m| m.contains("not a Bilateral database")),
        "{problem}"
    );
    let err = app
        .invoke("extent", json!({}))
        .expect_err("no database is open");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("no database is open")),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is untouched"
    );
}

#[test]
fn a_database_from_a_newer_release_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bilateral.db");
    drop(bilateral::open_store(&path).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "user_version", 42).expect("bump");
    drop(conn);
    let app = TestApp::start_on(dir, &path);
    let problem = app.invoke("startup_problem", json!({})).expect("problem");
    assert_eq!(problem["code"], "too_new");
    assert!(
        problem["message"]
            .as_str()
            .is_some_and(|m| m.contains("made by a newer version of Bilateral")),
        "{problem}"
    );
}

#[test]
fn an_open_database_has_no_startup_problem() {
    let app = TestApp::start();
    assert_eq!(
        app.invoke("startup_problem", json!({})).expect("ok"),
        json!(null)
    );
}

/// While the store opens at start, the window can ask what it is doing (and nothing else
/// answers yet); once it has opened, the start-up screen finds no problem and the timeline
/// its events. An opening that fails ends with its problem in place.
#[test]
fn the_window_can_ask_what_opening_does_until_the_store_is_open() {
    let (app, path) = TestApp::start_opening();
    assert_eq!(
        app.invoke("opening_step", json!({})).expect("step"),
        json!("opening")
    );
    assert!(app.invoke("extent", json!({})).is_err(), "no store yet");
    let mut steps = Vec::new();
    let opened = bilateral::open_store_with_steps(&path, &mut |step| {
        app.state().set_opening_step(step);
        steps.push(
            app.invoke("opening_step", json!({}))
                .expect("asked during the step"),
        );
    });
    assert_eq!(steps, [json!("opening"), json!("updating_chronology")]);
    app.state()
        .finish_opening(opened.map_err(|e| bilateral_core::identity::OpenProblem::new(&path, &e)));
    assert_eq!(
        app.invoke("opening_step", json!({})).expect("step"),
        Value::Null
    );
    assert_eq!(
        app.invoke("startup_problem", json!({})).expect("problem"),
        Value::Null
    );
    let extent = app.invoke("extent", json!({})).expect("the store is open");
    assert!(extent.is_object(), "{extent}");

    let (app, path) = TestApp::start_opening();
    std::fs::write(&path, "my notes, not a database\n".repeat(20)).expect("write");
    let opened = bilateral::open_store_with_steps(&path, &mut |_| {});
    app.state()
        .finish_opening(opened.map_err(|e| bilateral_core::identity::OpenProblem::new(&path, &e)));
    assert_eq!(
        app.invoke("opening_step", json!({})).expect("step"),
        Value::Null
    );
    let problem = app.invoke("startup_problem", json!({})).expect("problem");
    assert_eq!(problem["code"], "open", "{problem}");
}

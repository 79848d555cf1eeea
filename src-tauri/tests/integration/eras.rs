//! The eras the UI draws behind the lanes come from the core through the `eras` command.

use serde_json::{json, Value};

use crate::harness::TestApp;

fn group<'a>(eras: &'a [Value], name: &str) -> Vec<&'a Value> {
    eras.iter().filter(|e| e["group"] == name).collect()
}

#[test]
fn the_eras_command_answers_both_groups_with_their_current_leaders_open() {
    let app = TestApp::start();
    let answer = app
        .invoke("eras", json!({}))
        .expect("the window may ask for the eras");
    let eras = answer.as_array().expect("a list of eras");
    let us = group(eras, "us_administration");
    let prc = group(eras, "prc_leader");
    assert_eq!(us.len(), 11, "every president from Nixon on");
    assert_eq!(prc.len(), 6, "every paramount leader from Mao on");
    assert_eq!(us[0]["name"], "Richard Nixon");
    assert_eq!(us[0]["start"], "1969-01-20");
    assert_eq!(us[0]["end"], "1974-08-09");
    let current = us.last().expect("the current administration");
    assert_eq!(current["id"], "us-2025-trump");
    assert!(
        current.get("end").is_none(),
        "the current era has no end: {current}"
    );
    let xi = prc.last().expect("the current leader");
    assert_eq!(xi["name_zh"], "习近平");
    assert!(xi.get("end").is_none(), "{xi}");
    assert!(
        eras.iter()
            .all(|e| e["sources"].as_array().is_some_and(|s| !s.is_empty())),
        "every era reaches the UI with its sources"
    );
}

#[test]
fn the_eras_answer_even_when_no_database_could_be_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "my notes, not a database\n".repeat(20)).expect("write");
    let app = TestApp::start_on(dir, &path);
    let answer = app
        .invoke("eras", json!({}))
        .expect("the eras need no database");
    assert_eq!(answer.as_array().map(Vec::len), Some(17));
}

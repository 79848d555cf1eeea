//! "New from article" over IPC: reading an article, opening an article file (the dialog is
//! native, so its reader is driven directly), and adding what was accepted in one step.

use serde_json::{json, Value};

use crate::harness::TestApp;

const ARTICLE_URL: &str = "https://news.example.org/2024/01/30/xi-assurance";
const SEED: &str = include_str!("../../../tests/fixtures/seed-article.txt");

fn source(quote: &str) -> Value {
    json!({
        "url": ARTICLE_URL,
        "title": "Biden receives assurance from Xi Jinping",
        "publisher": "news.example.org",
        "published": "2024-01-30",
        "quote": quote,
    })
}

fn new_event(title: &str, start: &str, quote: &str) -> Value {
    json!({
        "type": "new_event",
        "event": {
            "id": "",
            "title": title,
            "summary": "",
            "start": start,
            "kind": "statement",
            "actors": [{ "name": "Christopher Wray", "side": "us" }],
            "tags": [],
            "sources": [source(quote)],
        }
    })
}

fn count(app: &TestApp) -> u64 {
    app.invoke(
        "facets",
        json!({ "filter": { "kinds": [], "sides": [], "actors": [], "tags": [] } }),
    )
    .expect("facets")["total"]
        .as_u64()
        .expect("a total")
}

#[test]
fn extract_article_reads_the_text_and_resolves_against_the_date_given() {
    let app = TestApp::start();
    let extraction = app
        .invoke(
            "extract_article",
            json!({ "request": { "input": SEED, "format": "text", "published": "2024-01-31", "url": ARTICLE_URL } }),
        )
        .expect("extraction");
    assert_eq!(
        extraction["text"].as_str().map(|t| t.chars().count()),
        Some(SEED.chars().count()),
        "the offsets point into the text the dialog shows"
    );
    assert_eq!(extraction["published"]["date"], "2024-01-31");
    assert_eq!(extraction["published"]["from"], "argument");
    assert_eq!(extraction["url"], ARTICLE_URL);
    assert!(extraction["timexes"].is_array());
    assert!(extraction["candidates"].is_array());

    let detected = app
        .invoke(
            "extract_article",
            json!({ "request": { "input": SEED, "format": "text" } }),
        )
        .expect("extraction without a date");
    assert!(
        detected["published"]["date"]
            .as_str()
            .is_some_and(|d| d.len() == 10),
        "an anchor is always a full day: {}",
        detected["published"]
    );
}

#[test]
fn extract_article_refuses_an_oversized_input_naming_it() {
    let app = TestApp::start();
    let huge = "x".repeat(5 * 1024 * 1024 + 1);
    let err = app
        .invoke(
            "extract_article",
            json!({ "request": { "input": huge, "format": "text" } }),
        )
        .expect_err("too large");
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "input");
    assert!(
        err["message"]
            .as_str()
            .unwrap_or_default()
            .contains("5 MiB"),
        "{err}"
    );
}

#[test]
fn an_article_file_is_read_through_the_bounded_reader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("seed-article.txt");
    std::fs::write(&path, SEED).expect("write");
    let file = bilateral_core::article_input::read_file(&path).expect("read");
    assert_eq!(file.name, "seed-article.txt");
    assert_eq!(file.input, SEED);
    let answer = serde_json::to_value(&file).expect("serialises");
    assert_eq!(answer["format"], "text");
    assert!(
        answer.get("url").is_none(),
        "no url key when the file names none"
    );
}

#[test]
fn accepted_items_are_added_in_one_step_and_undone_in_one() {
    let app = TestApp::start();
    let before = count(&app);
    let stored_id = "2024-01-26-sullivan-wang-yi-bangkok-meeting";
    let stored = app
        .invoke("get_event", json!({ "id": stored_id }))
        .expect("a shipped event");

    let added = app
        .invoke(
            "add_from_article",
            json!({ "items": [
                new_event("Wray doubts China's pledge", "2024-01-31", "Wray was asked about Wang's assurance."),
                new_event("FBI court order against Chinese hackers", "2024-01-29", "The FBI used a court order."),
                { "type": "add_source", "id": stored_id, "source": source("Wang echoed the same assurance.") },
            ] }),
        )
        .expect("added");
    assert_eq!(added["created"].as_array().map(Vec::len), Some(2));
    assert_eq!(added["sourced"], json!([stored_id]));
    assert_eq!(count(&app), before + 2);
    let sourced = app
        .invoke("get_event", json!({ "id": stored_id }))
        .expect("sourced");
    let sources = sourced["sources"].as_array().expect("sources");
    assert_eq!(
        sources.last().map(|s| &s["url"]),
        Some(&json!(ARTICLE_URL)),
        "the article is the stored event's last source"
    );
    let hits = app
        .invoke(
            "search",
            json!({ "query": { "text": "Wray doubts", "limit": 5 } }),
        )
        .expect("search");
    assert_eq!(
        hits["hits"][0]["id"], added["created"][0],
        "a new event is searchable at once"
    );

    let undone = app.invoke("undo", json!({})).expect("undo");
    assert_eq!(
        undone["events"].as_array().map(Vec::len),
        Some(3),
        "the undo names every event the article touched"
    );
    assert_eq!(undone["kind"], "article");
    assert_eq!(count(&app), before, "both new events are gone");
    assert_eq!(
        app.invoke("get_event", json!({ "id": stored_id }))
            .expect("restored"),
        stored,
        "the stored event is exactly as it was"
    );
    assert_eq!(
        undone["history"]["can_redo"], true,
        "the undo's answer offers redo"
    );
}

#[test]
fn a_bad_item_comes_back_with_its_field_and_nothing_is_written() {
    let app = TestApp::start();
    let before = count(&app);
    let mut bad = new_event("Bad date", "2024-02-30", "Quote.");
    let err = app
        .invoke(
            "add_from_article",
            json!({ "items": [new_event("Fine", "2024-01-31", "Quote."), bad.clone()] }),
        )
        .expect_err("refused");
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "items[1].event.start", "{err}");

    bad["event"]["start"] = json!("2024-01-30");
    bad["event"]["sources"][0]["url"] = json!("ftp://example.org/a");
    let err = app
        .invoke(
            "add_from_article",
            json!({ "items": [new_event("Fine", "2024-01-31", "Quote."), bad] }),
        )
        .expect_err("refused");
    assert_eq!(err["field"], "items[1].event.sources[0].url", "{err}");
    assert_eq!(count(&app), before, "nothing was written");
    let history = app.invoke("history", json!({})).expect("history");
    assert_eq!(history["can_undo"], false, "a refused write is no step");
}

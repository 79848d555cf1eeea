//! Links between events over IPC: the panel's links both ways, the thread behind "Show
//! thread", and the thread as a timeline filter.

use serde_json::{json, Value};

use crate::harness::TestApp;

fn event(id: &str, title: &str, start: &str, links: Value) -> Value {
    json!({ "event": {
        "id": id, "title": title, "start": start, "kind": "trade_measure",
        "summary": "", "actors": [], "tags": [], "sources": [], "links": links
    }})
}

#[test]
fn the_panel_gets_links_both_ways_and_the_timeline_filters_to_a_thread() {
    let app = TestApp::start();
    app.invoke(
        "create_event",
        event("cause", "Quillwort tariffs", "2018-07-06", json!([])),
    )
    .expect("cause");
    app.invoke(
        "create_event",
        event(
            "reply",
            "Quillwort counter-tariffs",
            "2018-07-06",
            json!([{ "relation": "responds_to", "target": "cause" },
                   { "relation": "part_of", "target": "gone" }]),
        ),
    )
    .expect("reply");

    let links = app
        .invoke("event_links", json!({ "id": "reply" }))
        .expect("links of the reply");
    assert_eq!(links["outgoing"][0]["relation"], "responds_to");
    assert_eq!(links["outgoing"][0]["title"], "Quillwort tariffs");
    assert_eq!(
        links["outgoing"][1]["title"],
        Value::Null,
        "a link to an event that is not there has no title, so the panel says so"
    );
    let links = app
        .invoke("event_links", json!({ "id": "cause" }))
        .expect("links of the cause");
    assert_eq!(links["incoming"][0]["id"], "reply");
    assert_eq!(links["incoming"][0]["title"], "Quillwort counter-tariffs");

    let thread = app
        .invoke("event_thread", json!({ "id": "cause" }))
        .expect("thread");
    assert_eq!(thread, json!(["cause", "reply"]));

    let window = app
        .invoke(
            "window_events",
            json!({ "query": { "from": "1900-01-01", "to": "2100-12-31", "limit": 500,
                               "buckets": 10, "filter": { "kinds": [], "sides": [],
                               "actors": [], "tags": [], "thread": "reply" } } }),
        )
        .expect("window");
    let ids: Vec<&str> = window["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["cause", "reply"],
        "the timeline shows only the thread"
    );
}

#[test]
fn a_self_link_comes_back_as_a_field_error() {
    let app = TestApp::start();
    let error = app
        .invoke(
            "create_event",
            event(
                "loop",
                "Loop",
                "2020",
                json!([{ "relation": "follows_up", "target": "loop" }]),
            ),
        )
        .expect_err("refused");
    assert_eq!(error["field"], "links[0].target", "{error}");
    let error = app
        .invoke(
            "create_event",
            event(
                "bad",
                "Bad",
                "2020",
                json!([{ "relation": "answers", "target": "x" }]),
            ),
        )
        .expect_err("refused");
    assert_eq!(error["field"], "links[0].relation", "{error}");
    let error = app
        .invoke("event_thread", json!({ "id": "nowhere" }))
        .expect_err("no such event");
    assert_eq!(error["code"], "not_found", "{error}");
}

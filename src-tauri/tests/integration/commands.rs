use serde_json::json;

use crate::harness::TestApp;

#[test]
fn extent_covers_the_shipped_dataset() {
    let app = TestApp::start();
    let extent = app.invoke("extent", json!({})).expect("extent");
    assert!(
        extent["first"].as_str().expect("first").starts_with("1971"),
        "{extent}"
    );
    assert!(extent["count"].as_u64().expect("count") >= 100, "{extent}");
}

#[test]
fn extent_of_a_filter_spans_only_the_matching_events() {
    let app = TestApp::start();
    let all = app.invoke("extent", json!({})).expect("extent");
    let summits = app
        .invoke(
            "extent",
            json!({ "filter": { "kinds": ["summit"], "sides": [], "actors": [], "tags": [] } }),
        )
        .expect("extent");
    assert!(
        summits["count"].as_u64() < all["count"].as_u64() && summits["count"].as_u64() > Some(0),
        "{summits} within {all}"
    );
    assert!(
        summits["first"].as_str() >= all["first"].as_str(),
        "{summits}"
    );
    let bad = app
        .invoke(
            "extent",
            json!({ "filter": { "kinds": ["picnic"], "sides": [], "actors": [], "tags": [] } }),
        )
        .expect_err("an unknown kind is refused");
    assert!(
        bad.to_string().contains("picnic") || bad.to_string().contains("kind"),
        "{bad}"
    );
}

#[test]
fn window_events_returns_the_events_of_a_range_in_order() {
    let app = TestApp::start();
    let window = app
        .invoke(
            "window_events",
            json!({ "query": { "from": "2023-11-01", "to": "2023-11-30", "limit": 500, "buckets": 100 } }),
        )
        .expect("window");
    let events = window["events"].as_array().expect("events");
    let ids: Vec<&str> = events.iter().filter_map(|e| e["id"].as_str()).collect();
    assert!(
        ids.contains(&"2023-11-15-woodside-summit"),
        "Woodside is in November 2023: {ids:?}"
    );
    let starts: Vec<&str> = events.iter().filter_map(|e| e["start"].as_str()).collect();
    assert!(starts.iter().all(|s| s.starts_with("2023")), "{starts:?}");
    assert_eq!(window["total"].as_u64(), Some(ids.len() as u64));
    let woodside = events
        .iter()
        .find(|e| e["id"] == "2023-11-15-woodside-summit")
        .expect("woodside");
    assert_eq!(woodside["kind"], "summit");
    assert_eq!(woodside["origin"], "dataset");
    assert!(
        woodside["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .any(|a| a["side"] == "china"),
        "the timeline groups by the actors' sides: {woodside}"
    );
    // The panel opens the whole event: its sources come with get_event, not every window.
    let full = app
        .invoke("get_event", json!({ "id": "2023-11-15-woodside-summit" }))
        .expect("get_event");
    assert!(full["sources"][0]["url"]
        .as_str()
        .expect("url")
        .starts_with("http"));
}

#[test]
fn a_crowded_window_answers_with_density_buckets() {
    let app = TestApp::start();
    let window = app
        .invoke(
            "window_events",
            json!({ "query": { "from": "1970-01-01", "to": "2026-12-31", "limit": 10, "buckets": 56 } }),
        )
        .expect("window");
    assert_eq!(window["events"].as_array().expect("events").len(), 10);
    let buckets = window["buckets"].as_array().expect("buckets");
    assert_eq!(buckets.len(), 56);
    let sum: u64 = buckets.iter().filter_map(|b| b["count"].as_u64()).sum();
    assert_eq!(
        Some(sum),
        window["total"].as_u64(),
        "buckets count every event"
    );
}

#[test]
fn errors_reach_the_ui_as_code_message_and_field() {
    let app = TestApp::start();
    let err = app
        .invoke(
            "window_events",
            json!({ "query": { "from": "2023-02-30", "to": "2023-03-01", "limit": 5, "buckets": 5 } }),
        )
        .expect_err("impossible date");
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "from");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .contains("2023-02-30"),
        "{err}"
    );

    let err = app
        .invoke("get_event", json!({ "id": "no-such-event" }))
        .expect_err("unknown id");
    assert_eq!(err["code"], "not_found");
}

#[test]
fn get_event_returns_the_whole_event() {
    let app = TestApp::start();
    let event = app
        .invoke("get_event", json!({ "id": "2023-11-15-woodside-summit" }))
        .expect("event");
    assert_eq!(event["start"], "2023-11-15");
    let actors = event["actors"].as_array().expect("actors");
    assert!(
        actors
            .iter()
            .any(|a| a["name"] == "Xi Jinping" && a["side"] == "china"),
        "{actors:?}"
    );
}

#[test]
fn open_source_refuses_anything_but_web_links() {
    let app = TestApp::start();
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "not a url",
        "https://",
    ] {
        let err = app
            .invoke("open_source", json!({ "url": url }))
            .expect_err("must be refused");
        assert_eq!(err["code"], "invalid_url", "{url} must be refused: {err}");
    }
}

#[test]
fn table_page_lists_the_shipped_events_sorted_and_paged() {
    let app = TestApp::start();
    let first = app
        .invoke(
            "table_page",
            json!({ "query": { "sort": { "column": "date", "descending": false }, "offset": 0, "limit": 5 } }),
        )
        .expect("table_page");
    let rows = first["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 5, "a page of five rows: {first}");
    assert!(first["total"].as_u64().expect("total") >= 100, "{first}");
    assert!(
        rows[0]["start"]
            .as_str()
            .expect("start")
            .starts_with("1971"),
        "the earliest event first: {}",
        rows[0]
    );
    assert!(rows[0]["sources"].as_u64().is_some(), "{}", rows[0]);
    assert!(rows[0]["verification"].is_string(), "{}", rows[0]);

    let summits = app
        .invoke(
            "table_page",
            json!({ "query": {
                "filter": { "kinds": ["summit"], "sides": [], "actors": [], "tags": [] },
                "sort": { "column": "title", "descending": true }, "offset": 0, "limit": 1000 } }),
        )
        .expect("filtered table_page");
    let rows = summits["rows"].as_array().expect("rows");
    assert_eq!(summits["total"].as_u64(), Some(rows.len() as u64));
    assert!(rows.iter().all(|r| r["kind"] == "summit"), "{summits}");

    let refused = app
        .invoke(
            "table_page",
            json!({ "query": { "sort": { "column": "date", "descending": false }, "offset": 0, "limit": 0 } }),
        )
        .expect_err("a page of no rows is refused");
    assert_eq!(refused["field"], "limit", "{refused}");
}

#[test]
fn table_position_says_which_row_an_event_has_and_none_when_filtered_out() {
    let app = TestApp::start();
    let page = app
        .invoke(
            "table_page",
            json!({ "query": { "sort": { "column": "title", "descending": false }, "offset": 40, "limit": 1 } }),
        )
        .expect("table_page");
    let id = page["rows"][0]["id"].clone();
    let at = app
        .invoke(
            "table_position",
            json!({ "query": { "sort": { "column": "title", "descending": false }, "id": id } }),
        )
        .expect("table_position");
    assert_eq!(at, json!(40), "the row the page put it on");
    let outside = app
        .invoke(
            "table_position",
            json!({ "query": { "filter": { "kinds": ["hearing"] },
                "sort": { "column": "date", "descending": false }, "id": "2023-11-15-woodside-summit" } }),
        )
        .expect("table_position");
    assert!(
        outside.is_null(),
        "a summit has no row among hearings: {outside}"
    );
}

use serde_json::{json, Value};

use crate::harness::TestApp;

fn new_event(title: &str) -> Value {
    json!({
        "id": "",
        "title": title,
        "summary": "Added while reading an article.",
        "start": "2024-01-30",
        "kind": "statement",
        "actors": [{ "name": "Xi Jinping", "side": "china" }],
        "tags": ["election-interference"],
        "sources": [{ "url": "https://example.org/report", "title": "Report", "publisher": "example.org" }]
    })
}

#[test]
fn an_event_added_edited_and_deleted_over_ipc_can_be_undone() {
    let app = TestApp::start();
    let created = app
        .invoke(
            "create_event",
            json!({ "event": new_event("Xi pledges not to interfere") }),
        )
        .expect("create");
    assert_eq!(created["events"][0]["effect"], "created");
    let id = created["events"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(
        created["events"][0]["event"]["origin"], "user",
        "the answer carries the stored event for the panel"
    );
    let history = &created["history"];
    assert_eq!(
        (history["can_undo"].as_bool(), history["can_redo"].as_bool()),
        (Some(true), Some(false)),
        "after an add only undo is offered, said by the add's own answer"
    );
    assert_eq!(
        app.invoke("history", json!({})).expect("history"),
        *history,
        "the answer agrees with the history command bulk writes still use"
    );

    let hits = app
        .invoke(
            "search",
            json!({ "query": { "text": "pledges", "limit": 10 } }),
        )
        .expect("search");
    assert_eq!(
        hits["hits"][0]["id"],
        id.as_str(),
        "the new event is found by search at once"
    );

    let mut edited = new_event("Xi assures Biden on 2024 election");
    edited["id"] = json!(id);
    let updated = app
        .invoke("update_event", json!({ "event": edited }))
        .expect("update");
    assert_eq!(
        updated["events"][0]["event"]["title"],
        "Xi assures Biden on 2024 election"
    );
    let undone = app.invoke("undo", json!({})).expect("undo");
    assert_eq!(undone["events"][0]["effect"], "updated");
    assert_eq!(
        undone["events"][0]["event"]["title"],
        "Xi pledges not to interfere"
    );
    assert_eq!(
        (
            undone["history"]["can_undo"].as_bool(),
            undone["history"]["can_redo"].as_bool()
        ),
        (Some(true), Some(true))
    );
    let now = app.invoke("get_event", json!({ "id": id })).expect("get");
    assert_eq!(
        now["title"], "Xi pledges not to interfere",
        "undo restored the stored event"
    );

    let deleted = app
        .invoke("delete_event", json!({ "id": id }))
        .expect("delete");
    assert_eq!(
        (
            deleted["events"][0]["id"].as_str(),
            &deleted["events"][0]["effect"]
        ),
        (Some(id.as_str()), &json!("deleted"))
    );
    assert_eq!(
        deleted["history"]["can_redo"], false,
        "a new change leaves nothing to redo"
    );
    assert_eq!(
        app.invoke("get_event", json!({ "id": id }))
            .expect_err("gone")["code"],
        "not_found"
    );
    let restored = app.invoke("undo", json!({})).expect("undo delete");
    assert_eq!(
        restored["events"][0]["effect"], "created",
        "undoing a delete brings the event back"
    );
    assert!(
        app.invoke("get_event", json!({ "id": id })).is_ok(),
        "undo brought it back"
    );
    app.invoke("redo", json!({})).expect("redo delete");
    assert!(app.invoke("get_event", json!({ "id": id })).is_err());
    assert_eq!(
        app.invoke("redo", json!({})).expect("nothing to redo"),
        Value::Null,
        "redo with nothing to redo answers null"
    );
}

#[test]
fn a_bad_event_is_refused_with_the_field_to_fix() {
    let app = TestApp::start();
    let mut bad = new_event("Impossible date");
    bad["start"] = json!("2023-02-30");
    let err = app
        .invoke("create_event", json!({ "event": bad }))
        .expect_err("impossible date");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .contains("2023-02-30"),
        "{err}"
    );

    let mut bad = new_event("Bad link");
    bad["sources"][0]["url"] = json!("javascript:alert(1)");
    let err = app
        .invoke("create_event", json!({ "event": bad }))
        .expect_err("bad url");
    assert_eq!(
        (err["code"].as_str(), err["field"].as_str()),
        (Some("invalid"), Some("sources[0].url"))
    );

    let mut bad = new_event("Ends before it starts");
    bad["end"] = json!("2024-01-01");
    let err = app
        .invoke("create_event", json!({ "event": bad }))
        .expect_err("end before start");
    assert_eq!(err["field"], "end");

    let facets = app
        .invoke("facets", json!({ "filter": {} }))
        .expect("facets");
    let shipped = app.invoke("extent", json!({})).expect("extent")["count"].clone();
    assert_eq!(facets["total"], shipped, "no rejected event was written");
}

#[test]
fn facets_and_filtered_windows_count_the_same_events() {
    let app = TestApp::start();
    let filter = json!({ "kinds": ["summit"], "sides": ["china"] });
    let facets = app
        .invoke("facets", json!({ "filter": filter }))
        .expect("facets");
    let window = app
        .invoke(
            "window_events",
            json!({ "query": { "from": "1900-01-01", "to": "2100-12-31", "limit": 2000, "buckets": 10, "filter": filter } }),
        )
        .expect("window");
    assert_eq!(
        facets["total"], window["total"],
        "chip counts and the timeline agree"
    );
    assert!(window["events"]
        .as_array()
        .expect("events")
        .iter()
        .all(|e| e["kind"] == "summit"));
}

/// The table's page of summits, by date.
/// A progress channel the webview would listen on; on the mock runtime nobody does.
const QUIET: &str = "__CHANNEL__:1";

fn summits_page(app: &TestApp) -> Value {
    app.invoke(
        "table_page",
        json!({ "query": { "filter": { "kinds": ["summit"] },
            "sort": { "column": "date", "descending": false }, "offset": 0, "limit": 1000 } }),
    )
    .expect("summits")
}

/// How many summits there are, the ids of the first `n` by date, and those events as stored.
fn first_summits(app: &TestApp, n: usize) -> (u64, Vec<Value>, Vec<Value>) {
    let page = summits_page(app);
    let total = page["total"].as_u64().expect("total");
    assert!(total >= 3, "the shipped data has summits: {page}");
    let ids: Vec<Value> = page["rows"].as_array().expect("rows")[..n]
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    let before = ids
        .iter()
        .map(|id| app.invoke("get_event", json!({ "id": id })).expect("get"))
        .collect();
    (total, ids, before)
}

#[test]
fn a_bulk_edit_over_ipc_changes_the_selection_and_one_undo_takes_it_back() {
    let app = TestApp::start();
    let (summits, ids, before) = first_summits(&app, 3);

    let refused = app
        .invoke(
            "bulk_edit",
            json!({ "edit": { "target": { "type": "ids", "ids": ids }, "set_kind": "sumit" } }),
        )
        .expect_err("an unknown kind is refused");
    assert_eq!(refused["field"], "set_kind", "{refused}");

    let done = app
        .invoke(
            "bulk_edit",
            json!({ "edit": { "target": { "type": "ids", "ids": ids }, "set_kind": "meeting",
                "add_tags": ["bulk-tagged"] } }),
        )
        .expect("bulk edit");
    assert_eq!(done["edited"]["changed"], 3, "{done}");
    assert_eq!(
        done["change"]["events"].as_array().map(Vec::len),
        Some(3),
        "the answer names the changed events: {done}"
    );
    assert_eq!(done["change"]["history"]["can_undo"], true, "{done}");
    for id in &ids {
        let now = app.invoke("get_event", json!({ "id": id })).expect("get");
        assert_eq!(now["kind"], "meeting", "{now}");
        assert_eq!(
            now["edited"], true,
            "a shipped event edited in bulk is marked: {now}"
        );
    }

    let everything = app
        .invoke(
            "bulk_edit",
            json!({ "edit": { "target": { "type": "matching", "filter": { "kinds": ["summit"] } },
                "add_tags": ["all-summits"] } }),
        )
        .expect("select-all edit");
    assert_eq!(
        everything["edited"]["matched"].as_u64(),
        Some(summits - 3),
        "{everything}"
    );
    app.invoke("undo", json!({})).expect("undo select-all edit");

    let undone = app.invoke("undo", json!({})).expect("undo");
    assert_eq!(
        undone["events"].as_array().map(Vec::len),
        Some(3),
        "{undone}"
    );
    assert_eq!(undone["kind"], "bulk", "{undone}");
    for (id, was) in ids.iter().zip(&before) {
        let now = app.invoke("get_event", json!({ "id": id })).expect("get");
        assert_eq!(&now, was, "undo restores the event exactly");
    }
}

#[test]
fn a_bulk_delete_over_ipc_removes_the_selection_and_one_undo_brings_it_back() {
    let app = TestApp::start();
    let (total, ids, before) = first_summits(&app, 2);

    let refused = app
        .invoke(
            "bulk_delete",
            json!({ "target": { "type": "ids", "ids": [ids[0], "no-such-event"] },
                "progress": QUIET }),
        )
        .expect_err("an id that is not stored is refused");
    assert_eq!(refused["field"], "target.ids[1]", "{refused}");
    assert_eq!(
        summits_page(&app)["total"].as_u64(),
        Some(total),
        "nothing deleted"
    );

    let done = app
        .invoke(
            "bulk_delete",
            json!({ "target": { "type": "ids", "ids": ids }, "progress": QUIET }),
        )
        .expect("bulk delete");
    assert_eq!(done["deleted"]["deleted"], 2, "{done}");
    assert_eq!(done["deleted"]["undoable"], true, "{done}");
    assert_eq!(done["change"]["kind"], "bulk_delete", "{done}");
    assert_eq!(summits_page(&app)["total"].as_u64(), Some(total - 2));
    let gone = app
        .invoke("get_event", json!({ "id": ids[0] }))
        .expect_err("deleted");
    assert_eq!(gone["code"], "not_found", "{gone}");

    let undone = app.invoke("undo", json!({})).expect("undo");
    assert_eq!(undone["kind"], "bulk_delete", "{undone}");
    for (id, was) in ids.iter().zip(&before) {
        let now = app.invoke("get_event", json!({ "id": id })).expect("get");
        assert_eq!(&now, was, "undo brings the event back exactly");
    }
}

#[test]
fn a_bulk_delete_cancelled_from_its_progress_deletes_nothing() {
    let app = TestApp::start();
    let (total, ids, _) = first_summits(&app, 3);
    // The user presses Cancel as soon as the first progress report arrives.
    let cancel = tauri::ipc::Channel::new({
        let handle = app.handle();
        move |_: tauri::ipc::InvokeResponseBody| {
            use tauri::Manager;
            handle
                .state::<bilateral::AppState>()
                .cancel_delete
                .store(true, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        }
    });
    let target = bilateral_core::BulkTarget::Ids {
        ids: ids
            .iter()
            .map(|id| id.as_str().expect("id").to_owned())
            .collect(),
    };
    let err =
        bilateral::deleting::bulk_delete(&app.state(), &target, &cancel).expect_err("cancelled");
    assert_eq!(err.code(), "cancelled", "{err}");
    assert_eq!(
        summits_page(&app)["total"].as_u64(),
        Some(total),
        "nothing deleted"
    );
    let history = app.invoke("history", json!({})).expect("history");
    assert_eq!(history["can_undo"], false, "no step recorded: {history}");

    // The next delete starts afresh: the last one's Cancel does not stop it.
    let done = app
        .invoke(
            "bulk_delete",
            json!({ "target": { "type": "ids", "ids": ids }, "progress": QUIET }),
        )
        .expect("bulk delete");
    assert_eq!(done["deleted"]["deleted"], 3, "{done}");
    assert_eq!(summits_page(&app)["total"].as_u64(), Some(total - 3));
}

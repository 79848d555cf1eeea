//! Saved views over IPC: what the Views menu sends, with the real capabilities, stored in a
//! real database that a restart reopens.

use serde_json::json;

use crate::harness::TestApp;

fn view(name: &str, group_by: &str) -> serde_json::Value {
    json!({
        "name": name,
        "filter": { "kinds": ["summit"], "sides": [], "actors": ["Wang Yi"], "tags": [], "origins": ["dataset", "user"] },
        "from": "2017-01-20",
        "to": "2021-01-20",
        "group_by": group_by,
        "titles": "zh",
    })
}

fn names(app: &TestApp) -> Vec<String> {
    let all = app.invoke("saved_views", json!({})).expect("saved_views");
    all["views"]
        .as_array()
        .expect("views")
        .iter()
        .map(|v| v["name"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn the_views_menu_saves_lists_renames_and_deletes_views() {
    let app = TestApp::start();
    let saved = app
        .invoke(
            "save_view",
            json!({ "view": view("Trump years", "actor"), "replace": false }),
        )
        .expect("save_view");
    assert_eq!(saved, view("Trump years", "actor"));

    let again = app
        .invoke(
            "save_view",
            json!({ "view": view("Trump years", "kind"), "replace": false }),
        )
        .expect_err("the name is taken");
    assert_eq!(again["code"], "conflict");
    assert!(
        again["message"].as_str().unwrap().contains("Trump years"),
        "{again}"
    );
    app.invoke(
        "save_view",
        json!({ "view": view("Trump years", "kind"), "replace": true }),
    )
    .expect("replace");
    let all = app.invoke("saved_views", json!({})).unwrap();
    assert_eq!(all["views"][0]["group_by"], "kind");
    assert_eq!(all["unreadable"], json!([]));

    let bad = app
        .invoke(
            "save_view",
            json!({ "view": view("Bad", "year"), "replace": false }),
        )
        .expect_err("unknown grouping");
    assert_eq!(
        (bad["code"].as_str(), bad["field"].as_str()),
        (Some("invalid"), Some("group_by"))
    );
    let mut unknown = view("Bad", "none");
    unknown["filter"]["mood"] = json!("calm");
    let bad = app
        .invoke("save_view", json!({ "view": unknown, "replace": false }))
        .expect_err("unknown filter field");
    assert_eq!(bad["field"], "filter.mood");

    let renamed = app
        .invoke(
            "rename_view",
            json!({ "name": "Trump years", "newName": "First Trump term" }),
        )
        .expect("rename_view");
    assert_eq!(renamed, "First Trump term");
    assert_eq!(names(&app), ["First Trump term"]);
    app.invoke("delete_view", json!({ "name": "First Trump term" }))
        .expect("delete_view");
    assert!(names(&app).is_empty());
}

#[test]
fn saved_views_survive_a_restart() {
    let app = TestApp::start();
    app.invoke(
        "save_view",
        json!({ "view": view("Kept", "side"), "replace": false }),
    )
    .expect("save_view");
    let app = app.restart();
    assert_eq!(names(&app), ["Kept"]);
}

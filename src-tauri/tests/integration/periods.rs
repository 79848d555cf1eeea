use serde_json::json;

use crate::harness::TestApp;

#[test]
fn a_period_added_changed_and_deleted_over_ipc_is_listed_and_undone() {
    let app = TestApp::start();
    assert_eq!(
        app.invoke("periods", json!({})).expect("periods"),
        json!([]),
        "a new store has no periods of its own"
    );
    let created = app
        .invoke(
            "create_period",
            json!({ "period": { "name": "Trade war", "start": "2018-07", "end": "2020-01", "colour": "amber" } }),
        )
        .expect("create");
    let id = created["id"].as_str().expect("id").to_owned();
    assert!(!id.is_empty(), "a new period gets an id");
    let listed = app.invoke("periods", json!({})).expect("periods");
    assert_eq!(listed[0]["name"], "Trade war");
    assert_eq!(listed[0]["start"], "2018-07", "the month is kept as typed");

    app.invoke(
        "update_period",
        json!({ "period": { "id": id, "name": "Tariff war", "start": "2018-07", "colour": "red" } }),
    )
    .expect("update");
    let undone = app.invoke("undo", json!({})).expect("undo");
    assert_eq!(
        undone["kind"], "period",
        "the toast can say a period changed"
    );
    assert_eq!(
        app.invoke("periods", json!({})).expect("periods")[0]["name"],
        "Trade war"
    );

    app.invoke("delete_period", json!({ "id": id }))
        .expect("delete");
    assert_eq!(
        app.invoke("periods", json!({})).expect("periods"),
        json!([])
    );
    app.invoke("undo", json!({})).expect("undo delete");
    assert_eq!(
        app.invoke("periods", json!({})).expect("periods")[0]["id"],
        id.as_str(),
        "undo brought the period back"
    );
}

#[test]
fn a_bad_period_is_refused_with_the_field_to_fix() {
    let app = TestApp::start();
    for (period, field) in [
        (
            json!({ "name": "  ", "start": "2018", "colour": "blue" }),
            "name",
        ),
        (
            json!({ "name": "Backwards", "start": "2018", "end": "2017", "colour": "blue" }),
            "end",
        ),
        (
            json!({ "name": "Pink", "start": "2018", "colour": "#ff00ff" }),
            "colour",
        ),
    ] {
        let err = app
            .invoke("create_period", json!({ "period": period }))
            .expect_err("refused");
        assert_eq!(
            (err["code"].as_str(), err["field"].as_str()),
            (Some("invalid"), Some(field)),
            "{err}"
        );
    }
    assert_eq!(
        app.invoke("periods", json!({})).expect("periods"),
        json!([]),
        "nothing was written"
    );
}

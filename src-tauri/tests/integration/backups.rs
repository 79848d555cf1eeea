use crate::harness::stored;
use bilateral::files;
use bilateral_core::backup::{self, Reason};
use serde_json::json;

use crate::harness::{app_state, quiet, TestApp};

fn meetings(n: usize) -> String {
    let mut csv = String::from("id,title,start,kind,actors\n");
    for i in 0..n {
        csv.push_str(&format!("talk-{i},Talk {i},2024-03,meeting,Someone (us)\n"));
    }
    csv
}

#[test]
fn a_large_import_is_backed_up_and_restoring_it_brings_back_the_earlier_timeline() {
    let (_dir, state) = app_state();
    let before = stored(&state);
    files::plan_import(&state, "talks.csv", meetings(20).as_bytes()).expect("preview");
    files::commit_import(&state, &quiet()).expect("import");
    assert_eq!(stored(&state), before + 20);
    assert!(state.curator().expect("a database is open").can_undo());

    let listed = backup::list(state.curator().expect("a database is open").store()).expect("list");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].reason, Reason::BeforeImport);

    let restored = files::restore_backup(&state, &listed[0].name).expect("restore");
    assert_eq!(u64::from(restored.events), before);
    assert_eq!(stored(&state), before);
    assert_eq!(
        restored.saved.map(|b| b.reason),
        Some(Reason::BeforeRestore),
        "what was replaced is kept"
    );
    assert!(
        !state.curator().expect("a database is open").can_undo(),
        "undo steps of the replaced state are dropped"
    );
}

#[test]
fn an_import_returns_before_its_checkpoint_and_the_database_file_holds_it_after() {
    let (dir, state) = app_state();
    let path = dir.path().join("bilateral.db");
    let size = || {
        std::fs::metadata(&path)
            .map(|m| m.len())
            .expect("database file")
    };
    state.settle_checkpoints();
    let before = size();
    files::plan_import(&state, "talks.csv", meetings(6_000).as_bytes()).expect("preview");
    files::commit_import(&state, &quiet()).expect("import");
    assert_eq!(
        size(),
        before,
        "the import's commit left its pages in the log: it did not wait for a checkpoint"
    );
    state.settle_checkpoints();
    assert!(
        size() > before,
        "the checkpointer copied them into the database file: {} bytes, {before} before",
        size()
    );
    let copy = dir.path().join("copy.db");
    std::fs::copy(&path, &copy).expect("copy the database file");
    let talks: i64 = rusqlite::Connection::open(&copy)
        .expect("open the copy")
        .query_row(
            "SELECT count(*) FROM events WHERE id LIKE 'talk-%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(talks, 6_000, "the file alone holds the import");
}

#[test]
fn a_small_import_is_not_backed_up() {
    let (_dir, state) = app_state();
    files::plan_import(&state, "talks.csv", meetings(2).as_bytes()).expect("preview");
    files::commit_import(&state, &quiet()).expect("import");
    assert!(
        backup::list(state.curator().expect("a database is open").store())
            .expect("list")
            .is_empty()
    );
}

#[test]
fn the_window_may_list_backups_and_restore_only_by_name() {
    let app = TestApp::start();
    assert_eq!(app.invoke("list_backups", json!({})), Ok(json!([])));
    for name in [
        "../bilateral.db",
        "/etc/passwd",
        "bilateral-20200101T000000Z-before-import.db",
    ] {
        let err = app
            .invoke("restore_backup", json!({ "name": name }))
            .expect_err("refused");
        assert_eq!(err["code"], "backup", "{name}: {err}");
    }
}

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

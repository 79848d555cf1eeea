use crate::harness::stored;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use bilateral::files;
use bilateral_core::formats::Location;
use tauri::ipc::{Channel, InvokeResponseBody};

use crate::harness::{app_state, quiet};

const HEADER: &str =
    "id,title,summary,start,start_precision,end,end_precision,kind,actors,location,tags,sources\n";

#[test]
fn a_file_with_a_bad_row_is_previewed_with_its_line_and_cannot_be_committed() {
    let (_dir, state) = app_state();
    let before = stored(&state);
    let csv = format!(
        "{HEADER}a,Good row,,2024-01-30,day,,,other,,,,[]\nb,Bad date,,2023-02-30,day,,,other,,,,[]\n"
    );
    let plan = files::plan_import(&state, "mine.csv", csv.as_bytes()).expect("preview");
    assert_eq!(plan.preview.rejected.len(), 1, "{plan:?}");
    assert_eq!(
        plan.preview.rejected[0].at,
        Location::Line(3),
        "the bad row is named by its line"
    );
    let err = files::commit_import(&state, &quiet()).expect_err("refused");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert_eq!(stored(&state), before);
}

#[test]
fn a_good_file_is_imported_whole() {
    let (_dir, state) = app_state();
    let before = stored(&state);
    files::plan_import(&state, "mine.csv", GOOD.as_bytes()).expect("preview");
    let report = files::commit_import(&state, &quiet()).expect("import");
    assert_eq!(report.created, 2);
    assert_eq!(stored(&state), before + 2);
    let x2 = state
        .curator()
        .expect("a database is open")
        .store()
        .get("x2")
        .expect("x2");
    assert_eq!(
        x2.event.start.to_string(),
        "2024-02",
        "month precision survives the import"
    );
    assert!(
        files::commit_import(&state, &quiet()).is_err(),
        "a preview is committed once"
    );
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let (_dir, state) = app_state();
    let state = Arc::new(state);
    let before = stored(&state);
    files::plan_import(&state, "mine.csv", GOOD.as_bytes()).expect("preview");
    // The user presses Cancel as soon as the first progress report arrives.
    let cancel = Channel::new({
        let state = Arc::clone(&state);
        move |_: InvokeResponseBody| {
            state.cancel_import.store(true, Ordering::SeqCst);
            Ok(())
        }
    });
    let err = files::commit_import(&state, &cancel).expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(stored(&state), before, "all or nothing");
    assert!(state
        .curator()
        .expect("a database is open")
        .store()
        .get("x1")
        .is_err());
}

const GOOD: &str =
    "id,title,summary,start,start_precision,end,end_precision,kind,actors,location,tags,sources\n\
x1,One,,2024-01-30,day,,,other,,,,[]\n\
x2,Two,,2024-02,month,,,call,,,,[]\n";

//! The table view: sort by a column, select several rows, set their kind in one bulk edit,
//! see the rows change, undo, see them back as they were; delete selected rows after the
//! confirmation, see them go, undo, see them back; and the event open in the timeline is the
//! row the table shows when it opens.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;

use crate::harness::{App, Profile};

/// The kind cell of the table's row `index` (0-based, in the sorted order).
fn kind_cell(index: usize) -> String {
    format!("[data-testid=event-table] tr[data-index='{index}'] td.col-kind")
}

/// Waits until every element matching `css` has been read and `done` accepts their texts;
/// returns what they last said.
async fn wait_texts(app: &App, css: &str, done: impl Fn(&[String]) -> bool) -> Vec<String> {
    let mut last = Vec::new();
    for _ in 0..100 {
        let mut texts = Vec::new();
        for element in app.client.find_all(Locator::Css(css)).await.expect("query") {
            // textContent: WebKitWebDriver's rendered text of a table cell comes back empty.
            let text = element.prop("textContent").await.ok().flatten();
            texts.push(text.unwrap_or_default());
        }
        last = texts;
        if done(&last) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

/// The kinds shown in the first three rows, once all three are drawn.
async fn first_kinds(app: &App, done: impl Fn(&[String]) -> bool) -> Vec<String> {
    let cells = (0..3).map(kind_cell).collect::<Vec<_>>().join(", ");
    wait_texts(app, &cells, |t| t.len() == 3 && done(t)).await
}

/// Shift+Down on whatever has focus (Perform Actions: Send Keys cannot release Shift).
async fn shift_down(app: &App) {
    let shift: char = Key::Shift.into();
    let down: char = Key::Down.into();
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: down })
        .then(KeyAction::Up { value: down })
        .then(KeyAction::Up { value: shift });
    app.client.perform_actions(keys).await.expect("key presses");
    let _ = app.client.release_actions().await;
}

#[tokio::test]
async fn bulk_setting_the_kind_of_sorted_rows_changes_them_and_one_undo_puts_them_back() {
    let profile = Profile::new();
    let app = App::launch(&profile).await;
    // Sorted by title, the rows stay where they are when their kind changes.
    table_by_title(&app).await;
    app.wait_for(&kind_cell(2)).await;
    let before = first_kinds(&app, |t| t.iter().all(|k| !k.is_empty())).await;
    assert!(
        before.len() == 3 && before.iter().all(|k| !k.is_empty() && k != "Legislation"),
        "pick rows that are not legislation yet: {before:?}"
    );

    app.click("[data-testid=event-table] tr[data-index='0'] td.col-title")
        .await;
    shift_down(&app).await;
    shift_down(&app).await;
    let selected = wait_texts(
        &app,
        "[data-testid=event-table] tr[aria-selected=true] td.col-kind",
        |t| t.len() == 3,
    )
    .await;
    assert_eq!(selected.len(), 3, "Shift+Down twice selects three rows");
    assert_eq!(
        app.text("[data-testid=table-selection-count]").await,
        "3 selected"
    );

    app.click("[data-testid=bulk-edit]").await;
    app.wait_for("dialog[data-testid=bulk-dialog][open] [data-field=kind]")
        .await
        .select_by_value("legislation")
        .await
        .expect("choose a kind");
    let summary = app.text("[data-testid=bulk-summary]").await;
    assert!(
        summary.contains("Set kind to Legislation on 3 events"),
        "the dialog says what will change: {summary:?}"
    );
    app.click("[data-testid=bulk-apply]").await;

    let after = first_kinds(&app, |t| t.iter().all(|k| k == "Legislation")).await;
    assert_eq!(
        after, ["Legislation"; 3],
        "the three selected rows show their new kind"
    );
    let next = wait_texts(&app, &kind_cell(3), |t| t.len() == 1).await;
    assert_ne!(
        next,
        ["Legislation"],
        "the row after the selection is left alone"
    );

    app.click("[data-testid=undo]").await;
    let undone = first_kinds(&app, |t| t == before.as_slice()).await;
    assert_eq!(undone, before, "one undo puts every row's kind back");
    app.quit().await;
}

/// Switches to the table view, sorted by title.
async fn table_by_title(app: &App) {
    app.wait_for("[data-testid=view-mode]")
        .await
        .select_by_value("table")
        .await
        .expect("choose the table view");
    app.click("[data-testid=event-table] button.sort-button[data-column=title]")
        .await;
    app.wait_for("[data-testid=event-table] th.col-title[aria-sort=ascending]")
        .await;
}

/// The titles shown in the first three rows, once all three are drawn.
async fn first_titles(app: &App, done: impl Fn(&[String]) -> bool) -> Vec<String> {
    let cells = (0..3)
        .map(|i| format!("[data-testid=event-table] tr[data-index='{i}'] td.col-title"))
        .collect::<Vec<_>>()
        .join(", ");
    wait_texts(app, &cells, |t| t.len() == 3 && done(t)).await
}

#[tokio::test]
async fn deleting_selected_rows_asks_first_removes_them_and_one_undo_brings_them_back() {
    let profile = Profile::new();
    let app = App::launch(&profile).await;
    table_by_title(&app).await;
    let before = first_titles(&app, |t| t.iter().all(|k| !k.is_empty())).await;
    let delete = app.wait_for("[data-testid=bulk-delete]").await;
    assert_eq!(
        delete.prop("disabled").await.expect("prop").as_deref(),
        Some("true"),
        "nothing selected, nothing to delete"
    );

    app.click("[data-testid=event-table] tr[data-index='0'] td.col-title")
        .await;
    shift_down(&app).await;
    app.wait_for("[data-testid=event-table] tr[data-index='1'][aria-selected=true]")
        .await;
    assert_eq!(
        app.text("[data-testid=bulk-delete]").await,
        "Delete 2 events…"
    );

    // The Delete key, with the table's rows selected, deletes them all (the button does too).
    app.client
        .active_element()
        .await
        .expect("the table has focus")
        .send_keys(&char::from(Key::Delete).to_string())
        .await
        .expect("Delete");
    let message = app
        .text("dialog[data-testid=confirm-dialog][open] .confirm-message")
        .await;
    assert!(
        message.contains("You can undo this."),
        "the confirmation says it can be undone: {message:?}"
    );
    app.click("[data-testid=confirm-accept]").await;
    let after = first_titles(&app, |t| t[0] == before[2]).await;
    assert_eq!(
        after[0], before[2],
        "the two deleted rows are gone and the third moves up: {before:?} -> {after:?}"
    );
    let toast = app.text("[data-testid=toast]").await;
    assert!(toast.starts_with("Deleted 2 events"), "{toast:?}");
    let count = wait_texts(&app, "[data-testid=table-selection-count]", |t| {
        t == ["No rows selected"]
    })
    .await;
    assert_eq!(
        count,
        ["No rows selected"],
        "the deleted rows are no longer selected"
    );

    app.click("[data-testid=undo]").await;
    let undone = first_titles(&app, |t| t == before.as_slice()).await;
    assert_eq!(undone, before, "one undo brings both rows back");
    app.quit().await;
}

#[tokio::test]
async fn the_event_open_in_the_timeline_is_the_row_shown_and_selected_in_the_table() {
    let profile = Profile::new();
    let app = App::launch(&profile).await;
    app.jump_to("2023-11-15").await;
    app.click_still("div.event[data-event-id='2023-11-15-woodside-summit'] span.label")
        .await;
    app.wait_for("[data-testid=detail-panel]:not([hidden])")
        .await;
    app.wait_for("[data-testid=view-mode]")
        .await
        .select_by_value("table")
        .await
        .expect("choose the table view");
    // Hundreds of rows below the first page: the table finds the row, scrolls to it and
    // marks it, with nothing else selected.
    let selected = wait_texts(
        &app,
        "[data-testid=event-table] tr[aria-selected=true] td.col-title",
        |t| t.len() == 1 && t[0].starts_with("Biden and Xi meet at Woodside"),
    )
    .await;
    assert_eq!(selected.len(), 1, "one row selected: {selected:?}");
    assert!(
        selected[0].starts_with("Biden and Xi meet at Woodside"),
        "the open event's row: {selected:?}"
    );
    let top: f64 = app
        .client
        .execute(
            "const row = document.querySelector('[data-testid=event-table] tr[aria-selected=true]'); \
             const box = row.closest('.table-scroll, [data-testid=table-view]').getBoundingClientRect(); \
             const r = row.getBoundingClientRect(); \
             return r.top >= box.top && r.bottom <= box.bottom + 1 ? 1 : 0;",
            vec![],
        )
        .await
        .expect("row position")
        .as_f64()
        .unwrap_or(0.0);
    assert_eq!(top, 1.0, "the row is scrolled into view");
    app.quit().await;
}

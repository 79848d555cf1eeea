//! Export and import through the real app and the system's own (GTK) file dialogs, which are
//! separate X windows: WebDriver cannot reach them, so xdotool types into them on the app's
//! display, as a person would.

use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{App, Profile};
use crate::native_dialogs::{
    choose_file, file_menu, leading_number, pick_to_import, wait_present, wait_text_containing,
};

/// A word no shipped event contains, so that search finds only the imported event.
const WORD: &str = "Quillwortian";
const CSV_HEADER: &str =
    "id,title,summary,start,start_precision,end,end_precision,kind,actors,location,tags,sources";

#[tokio::test]
async fn the_current_view_exports_to_bilateral_json_through_the_save_dialog() {
    tokio::time::timeout(Duration::from_secs(240), async {
        let profile = Profile::new();
        let out = tempfile::tempdir().expect("a temp dir for the export");
        let target = out.path().join("view.json");
        let app = App::launch(&profile).await;
        let everything = leading_number(&app.text("[data-testid=event-count]").await);

        // Narrow the view to about a year around the Woodside summit.
        app.jump_to("2023-11-15").await;
        let mut in_view = everything;
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let now = leading_number(&app.text("[data-testid=event-count]").await);
            if now == in_view && now != everything {
                break;
            }
            in_view = now;
        }
        assert!(
            in_view > 0 && in_view < everything,
            "a year's view should hold some but not all of the {everything} events, holds {in_view}"
        );

        // File → Export…, Bilateral JSON, the current view.
        file_menu(&app, "menu-export").await;
        app.wait_for("dialog[data-testid=export-dialog][open]")
            .await;
        app.click("[data-testid=export-format-json]").await;
        let scope =
            wait_text_containing(&app, "label:has([data-testid=export-scope-view])", "events")
                .await;
        assert!(
            scope.starts_with(&format!("The current view: {in_view} events")),
            "the dialog should count what the header counts ({in_view}), says {scope:?}"
        );
        app.click("[data-testid=export-submit]").await;

        choose_file(
            &app,
            "Export timeline",
            &target,
            false,
            "[data-testid=toast]:not([hidden])",
        )
        .await;
        let toast = wait_text_containing(&app, "[data-testid=toast]", "view.json").await;
        assert_eq!(
            toast,
            format!("Exported {in_view} events to view.json"),
            "the toast should say how many events went to which file"
        );
        assert!(
            !wait_present(
                &app,
                "dialog[data-testid=export-dialog][open]",
                Duration::from_millis(300)
            )
            .await,
            "the export dialog should close after a successful export"
        );

        let written = std::fs::read_to_string(&target)
            .unwrap_or_else(|e| panic!("the export should be at {}: {e}", target.display()));
        let json: serde_json::Value =
            serde_json::from_str(&written).expect("the export is valid JSON");
        assert_eq!(
            json["format"], "bilateral",
            "the file should say it is Bilateral JSON"
        );
        let events = json["events"].as_array().expect("an events array");
        assert_eq!(
            events.len(),
            in_view,
            "the file should hold exactly the events of the view"
        );
        assert!(
            events
                .iter()
                .any(|e| e["id"] == "2023-11-15-woodside-summit"),
            "the Woodside summit is in the middle of the view, so in the file"
        );
        assert!(
            !out.path().join("view.json.part").exists(),
            "no partial file is left behind"
        );

        app.quit().await;
    })
    .await
    .expect("the export test finished within its time limit");
}

#[tokio::test]
async fn an_import_with_a_bad_row_is_refused_and_the_fixed_file_is_imported() {
    tokio::time::timeout(Duration::from_secs(240), async {
        let profile = Profile::new();
        let files = tempfile::tempdir().expect("a temp dir for the file");
        let csv = files.path().join("colleague.csv");
        let good = format!("x1,{WORD} accord imported,,2024-01-30,day,,,other,,,,[]");
        let bad = "x2,Impossible date,,2023-02-30,day,,,other,,,,[]";
        std::fs::write(&csv, format!("{CSV_HEADER}\n{good}\n{bad}\n")).expect("write the CSV");
        let app = App::launch(&profile).await;

        // File → Import…: the preview names the bad row's line and field and refuses.
        pick_to_import(&app, &csv, "dialog[data-testid=import-dialog][open]").await;
        assert_eq!(app.text("[data-testid=import-file]").await, "colleague.csv");
        assert_eq!(
            app.text("[data-testid=import-new]").await,
            "1",
            "the good row is new; the bad one is only rejected"
        );
        let rows = app
            .client
            .find_all(Locator::Css("[data-testid=rejection]"))
            .await
            .expect("rejection rows");
        assert_eq!(rows.len(), 1, "one row of the file is bad");
        let row = rows[0].text().await.expect("row text");
        assert!(
            row.contains("line 3") && row.contains("start"),
            "the rejection should name line 3 and the start field, says {row:?}"
        );
        let submit = app.wait_for("[data-testid=import-submit]").await;
        assert!(
            !submit.is_enabled().await.expect("enabled state"),
            "the Import button must be disabled while a row is rejected"
        );
        assert!(
            app.text("[data-testid=import-blocked]")
                .await
                .contains("Nothing will be written until the file is fixed"),
            "the preview should say nothing will be written"
        );
        app.click("[data-testid=import-close]").await;
        assert!(
            !wait_present(
                &app,
                "dialog[data-testid=import-dialog][open]",
                Duration::from_millis(500)
            )
            .await,
            "Close should close the preview"
        );

        // Fixed (good rows only), imported again with Ctrl+O.
        std::fs::write(&csv, format!("{CSV_HEADER}\n{good}\n")).expect("rewrite the CSV");
        app.wait_for("[data-testid=timeline]").await;
        app.ctrl('o').await;
        choose_file(
            &app,
            "Import events",
            &csv,
            true,
            "dialog[data-testid=import-dialog][open]",
        )
        .await;
        assert_eq!(app.text("[data-testid=import-new]").await, "1");
        assert!(
            app.client
                .find_all(Locator::Css("[data-testid=rejection]"))
                .await
                .expect("query")
                .is_empty(),
            "the fixed file has no rejections"
        );
        let submit = app.wait_for("[data-testid=import-submit]").await;
        assert_eq!(submit.text().await.expect("label"), "Import 1 event");
        submit.click().await.expect("import");
        let toast = wait_text_containing(&app, "[data-testid=toast]", "Imported").await;
        assert_eq!(toast, "Imported: 1 new, 0 updated · Undo takes it all back");
        assert!(
            !wait_present(
                &app,
                "dialog[data-testid=import-dialog][open]",
                Duration::from_millis(500)
            )
            .await,
            "the dialog closes after the import"
        );

        // Search finds it.
        app.click("[data-testid=search-input]").await;
        app.wait_for("[data-testid=search-input]")
            .await
            .send_keys(WORD)
            .await
            .expect("type the search");
        let hit = wait_text_containing(&app, "[data-testid=search-hit]", WORD).await;
        assert!(
            hit.contains(&format!("{WORD} accord imported")),
            "search should find the imported event, shows {hit:?}"
        );

        app.quit().await;
    })
    .await
    .expect("the import test finished within its time limit");
}

/// A file large enough that reading it for the preview takes a while: the dialog shows the
/// reading as it goes, and Cancel stops it with nothing written.
#[tokio::test]
async fn a_long_reading_shows_its_progress_and_cancel_stops_it() {
    tokio::time::timeout(Duration::from_secs(240), async {
        let profile = Profile::new();
        let files = tempfile::tempdir().expect("a temp dir for the file");
        let csv = files.path().join("archive.csv");
        let mut text = String::from("id,title,start,kind\n");
        for i in 0..400_000 {
            text.push_str(&format!("big-{i},Talks number {i},2020-01-01,meeting\n"));
        }
        std::fs::write(&csv, text).expect("write the CSV");
        let app = App::launch(&profile).await;
        let before = leading_number(&app.text("[data-testid=event-count]").await);

        pick_to_import(
            &app,
            &csv,
            "dialog[data-testid=import-dialog][open] [data-testid=import-reading]",
        )
        .await;
        assert_eq!(app.text("[data-testid=import-file]").await, "archive.csv");
        let reading = wait_text_containing(&app, "[data-testid=import-reading]", "so far").await;
        assert!(reading.starts_with("Reading… "), "{reading}");
        app.click("[data-testid=import-cancel]").await;
        let toast = wait_text_containing(&app, "[data-testid=toast]", "cancelled").await;
        assert_eq!(toast, "Import cancelled — nothing was written");
        assert!(
            !wait_present(
                &app,
                "dialog[data-testid=import-dialog][open]",
                Duration::from_millis(500)
            )
            .await,
            "the dialog closes once the reading has stopped"
        );
        assert_eq!(
            leading_number(&app.text("[data-testid=event-count]").await),
            before,
            "nothing was written"
        );
    })
    .await
    .expect("the reading test finished within its time limit");
}

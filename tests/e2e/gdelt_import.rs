//! GDELT files picked zipped, as downloaded, in the real app's File → Import… dialog (the
//! system's GTK dialog, typed into by xdotool): a 2.0 export, then a year of the 1.0 backfile;
//! each preview says what became of its rows. Then the whole of what was imported is shown
//! alone (Only GDELT events), selected in the table and deleted in one go.

use std::io::Write;
use std::time::Duration;

use bilateral_core::formats::gdelt;

use crate::harness::{App, Profile};
use crate::native_dialogs::{pick_to_import, wait_text_containing};

/// The import dialog, open on its preview.
const PREVIEW: &str = "dialog[data-testid=import-dialog][open]";

/// A GDELT 2.0 row, with its line end, in which `from` visits `to` (CAMEO 042).
fn visit(id: u32, from: (&str, &str), to: (&str, &str)) -> String {
    let url = format!("https://example.org/news/{id}");
    gdelt::sample_row(
        &id.to_string(),
        "20231115",
        from,
        to,
        "042",
        "Beijing, China",
        &url,
    ) + "\n"
}

#[tokio::test]
async fn a_zipped_gdelt_export_is_previewed_with_what_became_of_its_rows_and_imported() {
    tokio::time::timeout(Duration::from_secs(240), async {
        let profile = Profile::new();
        let files = tempfile::tempdir().expect("a temp dir for the export");
        let zipped = files.path().join("20231115121500.export.CSV.zip");
        let mut writer = zip::ZipWriter::new(std::fs::File::create(&zipped).expect("create"));
        writer
            .start_file(
                "20231115121500.export.CSV",
                zip::write::SimpleFileOptions::default(),
            )
            .expect("an entry");
        let (us, china) = (("UNITED STATES", "USA"), ("CHINA", "CHN"));
        let rows = visit(1_100_000_001, us, china)
            + &visit(1_100_000_002, china, us)
            + &visit(1_100_000_003, ("FRANCE", "FRA"), ("GERMANY", "DEU"));
        writer.write_all(rows.as_bytes()).expect("write");
        writer.finish().expect("finish the archive");
        let app = App::launch(&profile).await;

        pick_to_import(&app, &zipped, PREVIEW).await;
        assert_eq!(
            app.text("[data-testid=import-file]").await,
            "20231115121500.export.CSV.zip"
        );
        assert_eq!(
            app.text("[data-testid=import-format]").await,
            "GDELT events"
        );
        assert_eq!(
            app.text("[data-testid=import-new]").await,
            "2",
            "{}",
            app.text("dialog[data-testid=import-dialog]").await
        );
        assert_eq!(
            app.text("[data-testid=import-gdelt]").await,
            "Read 3 rows: 2 rows between the US and China kept and 1 row between other actors left out."
        );
        app.click("[data-testid=import-submit]").await;
        let toast = wait_text_containing(&app, "[data-testid=toast]", "Imported").await;
        assert!(toast.starts_with("Imported: 2 new"), "{toast}");

        // The years before GDELT 2.0: a year of the 1.0 backfile, zipped as published.
        let year = files.path().join("1979.zip");
        let mut writer = zip::ZipWriter::new(std::fs::File::create(&year).expect("create"));
        writer
            .start_file("1979.csv", zip::write::SimpleFileOptions::default())
            .expect("an entry");
        let backfile = |id: &str, day: &str| {
            gdelt::sample_row_in(
                gdelt::Layout::V1Backfile,
                id,
                day,
                china,
                us,
                "042",
                "Washington, District of Columbia, United States",
                "",
            ) + "\n"
        };
        writer
            .write_all(
                (backfile("5", "19790129") + &backfile("7", "19790231") + &backfile("6", "19790130"))
                    .as_bytes(),
            )
            .expect("write");
        writer.finish().expect("finish the archive");
        pick_to_import(&app, &year, PREVIEW).await;
        assert_eq!(app.text("[data-testid=import-new]").await, "2");
        assert_eq!(app.text("[data-testid=import-rejected]").await, "1");
        assert_eq!(
            app.text("[data-testid=import-gdelt]").await,
            "Read 3 rows: 2 rows between the US and China kept, 0 rows between other actors left \
             out and 2 from GDELT 1.0 historical files kept without a source (those files name \
             none)."
        );
        // Its bad day blocks the import until the user chooses to leave that row out.
        app.wait_for("[data-testid=import-submit]:disabled").await;
        app.click("[data-testid=import-skip] input").await;
        app.click("[data-testid=import-submit]:not(:disabled)").await;
        let toast = wait_text_containing(&app, "[data-testid=toast]", "left out").await;
        assert!(
            toast.contains("Imported: 2 new") && toast.contains("1 row left out"),
            "{toast}"
        );
        // Picked again, its two events are found stored: the import wrote them.
        pick_to_import(&app, &year, PREVIEW).await;
        assert_eq!(app.text("[data-testid=import-unchanged]").await, "2");
        app.click("[data-testid=import-close]").await;

        // Only the GDELT events, all selected in the table, deleted together.
        app.click("[data-testid=filter-button]").await;
        app.click("[data-testid=filter-only-gdelt] input").await;
        app.click("[data-testid=filter-done]").await;
        let chip = app
            .wait_for("[data-testid=filter-chips] .chip-text")
            .await
            .prop("textContent")
            .await
            .expect("the chip's text");
        assert_eq!(chip.as_deref(), Some("Only: GDELT events"));
        // The timeline draws them alone too (it used to send no filter for this one).
        let count = wait_text_containing(&app, "[data-testid=event-count]", "4 match").await;
        assert!(count.starts_with("4 match"), "{count}");
        app.wait_for("[data-testid=view-mode]")
            .await
            .select_by_value("table")
            .await
            .expect("choose the table view");
        let status = wait_text_containing(&app, ".table-status", "4 events").await;
        assert!(status.starts_with("4 events"), "the four GDELT events alone: {status}");
        app.click("[data-testid=event-table] tr[data-index='0'] td.col-title")
            .await;
        app.client
            .active_element()
            .await
            .expect("the table has focus")
            .send_keys(&format!("{}a", char::from(fantoccini::key::Key::Control)))
            .await
            .expect("Ctrl+A");
        let count = wait_text_containing(&app, "[data-testid=table-selection-count]", "All").await;
        assert_eq!(count, "All 4 selected");
        app.click("[data-testid=bulk-delete]").await;
        let message = app
            .text("dialog[data-testid=confirm-dialog][open] .confirm-message")
            .await;
        assert!(message.contains("You can undo this."), "{message}");
        app.click("[data-testid=confirm-accept]").await;
        let toast = wait_text_containing(&app, "[data-testid=toast]", "Deleted").await;
        assert!(toast.starts_with("Deleted 4 events"), "{toast}");
        let status = wait_text_containing(&app, ".table-status", "No events").await;
        assert_eq!(status, "No events match the filter.", "none is left");
    })
    .await
    .expect("the GDELT import test finished within its time limit");
}

//! A GDELT export picked zipped, as downloaded, in the real app's File → Import… dialog (the
//! system's GTK dialog, typed into by xdotool): the preview says what became of its rows.

use std::io::Write;
use std::time::Duration;

use crate::harness::{App, Profile};
use crate::native_dialogs::{choose_file, file_menu, wait_text_containing};

/// A GDELT 2.0 row (61 tab-separated columns) in which `from` makes a visit (CAMEO 042) to
/// `to` on 15 November 2023; the columns the reader does not use are empty.
fn visit(id: u32, from: &str, to: &str) -> String {
    // Code, name and country code, then seven empty columns: ten in all.
    let actor = |country: &str| format!("{country}\t{country}\t{country}{}", "\t".repeat(8));
    format!(
        "{id}\t20231115\t202311\t2023\t2023.8658\t{}{}1\t042\t042\t04\t1\t1.9\t10\t2\t10\t-2.35\t{}4\tBeijing, China\t{}20231115121500\thttps://example.org/news/{id}\n",
        actor(from),
        actor(to),
        "\t".repeat(16),
        "\t".repeat(6),
    )
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
        let rows = visit(1_100_000_001, "USA", "CHN")
            + &visit(1_100_000_002, "CHN", "USA")
            + &visit(1_100_000_003, "FRA", "DEU");
        writer.write_all(rows.as_bytes()).expect("write");
        writer.finish().expect("finish the archive");
        let app = App::launch(&profile).await;

        file_menu(&app, "menu-import").await;
        choose_file(
            &app,
            "Import events",
            &zipped,
            true,
            "dialog[data-testid=import-dialog][open]",
        )
        .await;
        assert_eq!(
            app.text("[data-testid=import-file]").await,
            "20231115121500.export.CSV.zip"
        );
        assert_eq!(
            app.text("[data-testid=import-format]").await,
            "GDELT 2.0 event export"
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
    })
    .await
    .expect("the GDELT import test finished within its time limit");
}

use crate::harness::stored;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use bilateral::files;
use bilateral_core::formats::{gdelt, Location};
use bilateral_core::transfer::ReadingUnit;
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

    // Previewed again, and imported leaving the listed row out, as the user may choose.
    files::plan_import(&state, "mine.csv", csv.as_bytes()).expect("preview");
    let report = files::commit_import_skipping(&state, &quiet(), true).expect("import the rest");
    assert_eq!((report.created, report.skipped), (1, 1));
    assert_eq!(stored(&state), before + 1);
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

/// One GDELT 2.0 row, with its line end: the US visits China on `day` (`us_china`), or
/// France visits Germany.
fn gdelt_row(id: &str, day: &str, us_china: bool) -> String {
    let (one, two) = if us_china {
        (("UNITED STATES", "USA"), ("CHINA", "CHN"))
    } else {
        (("FRANCE", "FRA"), ("GERMANY", "DEU"))
    };
    gdelt::sample_row(
        id,
        day,
        one,
        two,
        "042",
        "",
        "https://example.org/news/visit",
    ) + "\n"
}

/// What the dialog does when the user picks several GDELT exports, zipped as downloaded:
/// one preview that says what became of the rows, one import.
#[test]
fn several_gdelt_exports_zipped_or_not_are_previewed_and_imported_as_one() {
    use std::io::Write;
    let (dir, state) = app_state();
    let before = stored(&state);
    let zipped = dir.path().join("20231115121500.export.CSV.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&zipped).expect("create"));
    writer
        .start_file(
            "20231115121500.export.CSV",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("entry");
    let rows =
        gdelt_row("1100000001", "20231115", true) + &gdelt_row("1100000002", "20231115", false);
    writer.write_all(rows.as_bytes()).expect("write");
    writer.finish().expect("finish");
    let plain = dir.path().join("20231115123000.export.CSV");
    std::fs::write(&plain, gdelt_row("1100000003", "20231116", true)).expect("write");

    let plan = files::plan_import_files(&state, &[zipped.clone(), plain.clone()]).expect("preview");
    assert_eq!(plan.file, "2 GDELT exports");
    assert_eq!(plan.format, "gdelt");
    assert_eq!(plan.preview.new, 2);
    let tally = plan
        .gdelt
        .expect("a GDELT preview says what became of the rows");
    assert_eq!(
        (tally.files, tally.rows, tally.kept, tally.elsewhere),
        (2, 3, 2, 1)
    );
    let report = files::commit_import(&state, &quiet()).expect("import");
    assert_eq!(report.created, 2);
    assert_eq!(stored(&state), before + 2);

    // One zipped export alone goes the same way.
    let plan = files::plan_import_files(&state, std::slice::from_ref(&zipped)).expect("preview");
    assert_eq!(plan.file, "20231115121500.export.CSV.zip");
    assert_eq!(plan.preview.unchanged, 1, "already imported");

    // Another format among them is refused before anything is read.
    let json = dir.path().join("mine.json");
    std::fs::write(&json, GOOD).expect("write");
    let err = files::plan_import_files(&state, &[plain, json]).expect_err("refused");
    assert!(
        err.to_string()
            .contains("mine.json is not a GDELT event file"),
        "{err}"
    );
    assert!(
        files::commit_import(&state, &quiet()).is_err(),
        "no preview is pending"
    );
}

/// The GDELT 1.0 backfile as its cloud copies come, unzipped and named by year: told from
/// their rows, previewed as one import that says their events come without sources.
#[test]
fn gdelt_1_0_historical_files_unzipped_are_told_from_their_rows() {
    let (dir, state) = app_state();
    let before = stored(&state);
    let year = |name: &str, id: &str, day: &str| {
        let path = dir.path().join(name);
        let row = gdelt::sample_row_in(
            gdelt::Layout::V1Backfile,
            id,
            day,
            ("UNITED STATES", "USA"),
            ("CHINA", "CHN"),
            "057",
            "",
            "",
        );
        std::fs::write(&path, row + "\n").expect("write");
        path
    };
    let files = [
        year("1979.csv", "1", "19790101"),
        year("1980.csv", "2", "19800917"),
    ];
    let plan = files::plan_import_files(&state, &files).expect("preview");
    assert_eq!(plan.format, "gdelt");
    let tally = plan.gdelt.expect("the rows' tally");
    assert_eq!((tally.files, tally.kept, tally.from_backfile), (2, 2, 2));
    assert_eq!(
        files::commit_import(&state, &quiet())
            .expect("import")
            .created,
        2
    );
    assert_eq!(stored(&state), before + 2);

    let plan = files::plan_import_files(&state, &files[..1]).expect("one file alone");
    assert_eq!(
        (plan.format.as_str(), plan.preview.unchanged),
        ("gdelt", 1),
        "read as GDELT, already imported"
    );
}

/// A BigQuery query of GDELT saved as CSV: picked in the dialog, it is told by its header
/// and previewed as GDELT, with its rows' tally, then imported.
#[test]
fn a_bigquery_export_of_gdelt_is_previewed_as_gdelt_and_imported() {
    let (dir, state) = app_state();
    let before = stored(&state);
    let path = dir.path().join("bq-results-20221201.csv");
    std::fs::write(
        &path,
        "GLOBALEVENTID,SQLDATE,Actor1CountryCode,Actor2CountryCode,EventCode,DATEADDED\n\
         1051234567,20220804,CHN,USA,190,20220804151500\n\
         1051234568,20220804,FRA,DEU,040,20220804151500\n",
    )
    .expect("write");
    let plan = files::plan_import_files(&state, std::slice::from_ref(&path)).expect("preview");
    assert_eq!(plan.format, "gdelt");
    let tally = plan.gdelt.expect("the rows' tally");
    assert_eq!((tally.rows, tally.kept, tally.elsewhere), (2, 1, 1));
    assert_eq!(
        files::commit_import(&state, &quiet())
            .expect("import")
            .created,
        1
    );
    assert_eq!(stored(&state), before + 1);
}

/// The reading before a preview says how far it has got, and the import's Cancel stops it
/// with nothing pending: for one file counted in events, for several in files.
#[test]
fn a_reading_reports_its_progress_and_stops_on_cancel() {
    let (dir, state) = app_state();
    let csv = dir.path().join("mine.csv");
    std::fs::write(&csv, GOOD).expect("write");
    let mut heard = Vec::new();
    let mut watch = files::Watch::new(&state, |reading| heard.push(reading));
    let plan = files::plan_import_files_watched(&state, std::slice::from_ref(&csv), &mut watch)
        .expect("preview")
        .expect("not cancelled");
    drop(watch);
    assert_eq!(plan.preview.new, 2);
    assert_eq!(
        heard[0].file, "mine.csv",
        "the first message names the file"
    );
    assert_eq!((heard[0].items, heard[0].files), (0, 1));

    // Cancel pressed as soon as the dialog hears of the reading.
    let mut watch = files::Watch::new(&state, |_| {
        state.cancel_import.store(true, Ordering::SeqCst);
    });
    let cancelled = files::plan_import_files_watched(&state, &[csv], &mut watch).expect("no error");
    assert!(
        cancelled.is_none(),
        "the reading stopped at its first event"
    );
    assert!(
        files::commit_import(&state, &quiet()).is_err(),
        "no preview is pending"
    );

    let exports: Vec<_> = (0..3)
        .map(|i| {
            let path = dir.path().join(format!("2023111512{i}000.export.CSV"));
            let id = format!("11000000{i}1");
            std::fs::write(&path, gdelt_row(&id, "20231115", true)).expect("write");
            path
        })
        .collect();
    let mut heard = Vec::new();
    let mut watch = files::Watch::new(&state, |reading| {
        if reading.files_done == 1 {
            state.cancel_import.store(true, Ordering::SeqCst);
        }
        heard.push(reading);
    });
    let cancelled =
        files::plan_import_files_watched(&state, &exports, &mut watch).expect("no error");
    drop(watch);
    assert!(cancelled.is_none(), "stopped after the first file");
    assert_eq!(heard[0].file, "3 GDELT exports");
    assert_eq!(heard[0].unit, ReadingUnit::Rows, "GDELT exports count rows");
    assert_eq!(heard.last().map(|r| (r.files_done, r.files)), Some((1, 3)));
    assert!(
        files::commit_import(&state, &quiet()).is_err(),
        "no preview is pending"
    );

    // One long export: its rows are counted as it is read, and Cancel stops it.
    let long = dir.path().join("20231115130000.export.CSV");
    let rows: String = (0..10_000)
        .map(|i| gdelt_row(&format!("12{i:08}"), "20231115", false))
        .collect();
    std::fs::write(&long, rows).expect("write");
    let mut heard = Vec::new();
    let mut watch = files::Watch::new(&state, |reading| {
        state.cancel_import.store(true, Ordering::SeqCst);
        heard.push(reading);
    });
    let cancelled =
        files::plan_import_files_watched(&state, &[long], &mut watch).expect("no error");
    drop(watch);
    assert!(cancelled.is_none(), "stopped at its first count of rows");
    assert_eq!((heard[0].unit, heard[0].files), (ReadingUnit::Rows, 1));
}

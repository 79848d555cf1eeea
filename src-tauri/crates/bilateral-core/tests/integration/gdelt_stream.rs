//! GDELT files imported as a stream (`stream::gdelt`): each US–China row is written as it is
//! read, so an import of GDELT files holds none of their events. What the preview counts and
//! what the import writes must be what a reading held whole would give.

use std::path::PathBuf;

use bilateral_core::formats::stream;
use bilateral_core::formats::{gdelt_files, Format, Location};
use bilateral_core::import::{ImportOutcome, ReadSoFar};

use crate::fixtures::store_on_disk;
use crate::gdelt::fixture;
use crate::gdelt_files::{elsewhere, later, zip};

/// The fixture without its bad day (line 4): a file that imports.
fn good_fixture() -> String {
    fixture()
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .map(|(_, line)| format!("{line}\n"))
        .collect()
}

/// A zipped export, a later plain one, and the first again unzipped.
fn three_exports(dir: &std::path::Path, first: &str) -> Vec<PathBuf> {
    let zipped = zip(
        &dir.join("20231120121500.export.CSV.zip"),
        &[("20231120121500.export.CSV", first)],
    );
    let second = dir.join("20231121120000.export.CSV");
    std::fs::write(&second, later()).expect("write");
    let again = dir.join("20231120121500.export.CSV");
    std::fs::write(&again, first).expect("write");
    vec![zipped, second, again]
}

#[test]
fn gdelt_files_streamed_import_what_a_reading_held_whole_gives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = three_exports(dir.path(), &good_fixture());
    let held = gdelt_files::read_files(&paths).expect("read whole");

    let (_store_dir, mut store, _) = store_on_disk();
    let input = stream::gdelt(paths.clone(), "3 GDELT exports");
    assert_eq!(input.format(), Format::Gdelt);
    assert_eq!(input.gdelt_tally(), None, "nothing read yet");
    let (preview, total) = store.preview_stream(&input).expect("preview");
    assert_eq!(
        (preview.new, preview.updated, preview.rejected.len(), total),
        (4, 0, 0, 4),
        "three events from the first export, one from the second, none twice"
    );
    let tally = input.gdelt_tally().expect("counted by the preview");
    assert_eq!(
        tally, held.tally,
        "counted as the reading held whole counts"
    );
    assert_eq!((tally.files, tally.repeated, tally.kept), (3, 3, 4));

    let outcome = store
        .import_stream(&input, total, |_, _| true)
        .expect("import");
    let ImportOutcome::Imported(report) = outcome else {
        panic!("not cancelled")
    };
    assert_eq!(report.created, 4);
    for event in &held.parsed.events {
        let stored = store.get(&event.id).expect("stored");
        assert_eq!(stored.event.title, event.title);
        assert_eq!(stored.event.sources, event.sources);
    }
    assert_eq!(store.count().expect("count"), 4);

    // Read again, as a second import of the same files: every event is found unchanged.
    let again = stream::gdelt(paths, "3 GDELT exports");
    let (preview, _) = store.preview_stream(&again).expect("preview");
    assert_eq!((preview.new, preview.unchanged), (0, 4));
}

#[test]
fn a_gdelt_file_changed_after_its_preview_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = three_exports(dir.path(), &good_fixture());
    let (_store_dir, mut store, _) = store_on_disk();
    let input = stream::gdelt(paths.clone(), "3 GDELT exports");
    let (_, total) = store.preview_stream(&input).expect("preview");
    // Another quarter hour's row lands in the second export after the preview.
    let changed = later().replace("1100000010", "1100000099");
    std::fs::write(&paths[1], changed).expect("rewrite");
    let err = store
        .import_stream(&input, total, |_, _| true)
        .expect_err("the file is not what was previewed");
    assert!(
        err.to_string().contains("changed after its preview"),
        "{err}"
    );
    assert_eq!(store.count().expect("count"), 0, "nothing was written");
}

#[test]
fn a_rejected_gdelt_row_names_its_file_in_the_preview_and_stops_the_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = three_exports(dir.path(), &fixture());
    let (_store_dir, mut store, _) = store_on_disk();
    let input = stream::gdelt(paths, "3 GDELT exports");
    let (preview, total) = store.preview_stream(&input).expect("preview");
    let places: Vec<(Option<&str>, Location)> = preview
        .rejected
        .iter()
        .map(|r| (r.file.as_deref(), r.at))
        .collect();
    assert_eq!(
        places,
        [
            (Some("20231120121500.export.CSV.zip"), Location::Line(4)),
            (Some("20231120121500.export.CSV"), Location::Line(4)),
        ],
        "the bad day in each copy of the first export, named by file"
    );
    let err = store
        .import_stream(&input, total, |_, _| true)
        .expect_err("a rejected row stops the import");
    assert!(err.to_string().contains("line 4"), "{err}");
    assert_eq!(store.count().expect("count"), 0);
}

#[test]
fn gdelt_rows_from_standard_input_stream_as_a_file_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("20231120121500.export.CSV");
    std::fs::write(&path, good_fixture()).expect("write");
    let (_store_dir, store, _) = store_on_disk();
    let from_file = stream::open(&path, None).expect("open");
    let from_bytes =
        stream::from_bytes(good_fixture().into_bytes(), None, "standard input").expect("bytes");
    assert_eq!(from_bytes.format(), Format::Gdelt, "told by its first row");
    let file_preview = store.preview_stream(&from_file).expect("preview");
    let bytes_preview = store.preview_stream(&from_bytes).expect("preview");
    assert_eq!(file_preview.1, 3);
    assert_eq!(file_preview, bytes_preview);
    assert_eq!(from_file.gdelt_tally(), from_bytes.gdelt_tally());
}

#[test]
fn a_streamed_gdelt_preview_says_how_far_it_has_read_and_stops_when_told() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = dir.path().join("20231121120000.export.CSV");
    std::fs::write(&first, elsewhere(5_000)).expect("write");
    // The second zipped: an archive's lines are told as a file's are.
    let second = zip(
        &dir.path().join("20231121121500.export.CSV.zip"),
        &[("20231121121500.export.CSV", &elsewhere(5_000))],
    );
    let (_store_dir, store, _) = store_on_disk();
    let input = stream::gdelt(vec![first, second], "2 GDELT exports");

    let mut heard = Vec::new();
    let previewed = store
        .preview_stream_watched(&input, |so_far| {
            heard.push(so_far);
            true
        })
        .expect("preview");
    assert!(previewed.is_some());
    assert_eq!(input.gdelt_tally().map(|t| t.rows), Some(10_000));
    assert_eq!(
        heard,
        [
            ReadSoFar::Lines {
                lines: 4_096,
                files_done: 0
            },
            ReadSoFar::Lines {
                lines: 5_000,
                files_done: 1
            },
            ReadSoFar::Lines {
                lines: 9_096,
                files_done: 1
            },
            ReadSoFar::Lines {
                lines: 10_000,
                files_done: 2
            },
        ],
        "rows between other countries give no item, but their lines are told"
    );

    let mut calls = 0;
    let stopped = store
        .preview_stream_watched(&input, |_| {
            calls += 1;
            false
        })
        .expect("no error");
    assert!(stopped.is_none(), "told to stop at its first report");
    assert_eq!(calls, 1);
}

#[test]
fn a_gdelt_import_hears_its_cancel_between_rows_that_give_no_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("20231121120000.export.CSV");
    // Ten thousand rows between other countries, then one US–China row.
    std::fs::write(&path, elsewhere(10_000) + &later()).expect("write");
    let (_store_dir, mut store, _) = store_on_disk();
    let input = stream::gdelt(vec![path], "20231121120000.export.CSV");
    let (_, total) = store.preview_stream(&input).expect("preview");
    assert_eq!(total, 1);
    let mut calls = 0;
    let outcome = store
        .import_stream(&input, total, |_, _| {
            calls += 1;
            false
        })
        .expect("no error");
    assert!(
        matches!(outcome, ImportOutcome::Cancelled { done: 0 }),
        "{outcome:?}"
    );
    assert_eq!(calls, 1, "stopped at the first lines it told of");
    assert_eq!(store.count().expect("count"), 0, "nothing was written");
}

#[test]
fn unreadable_gdelt_rows_are_left_out_when_the_user_asks_and_the_rest_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = three_exports(dir.path(), &fixture());
    let (_store_dir, mut store, _) = store_on_disk();
    let input = stream::gdelt(paths.clone(), "3 GDELT exports").skipping_rejected(true);
    let (preview, total) = store.preview_stream(&input).expect("preview");
    assert_eq!(preview.rejected.len(), 2, "listed as before");
    let ImportOutcome::Imported(report) = store
        .import_stream(&input, total, |_, _| true)
        .expect("import")
    else {
        panic!("not cancelled")
    };
    assert_eq!((report.created, report.skipped), (4, 2));
    assert_eq!(store.count().expect("count"), 4);
    assert!(
        store.get("gdelt-1100000004").is_err(),
        "the bad day is not stored"
    );

    // The CLI's way: one reading, written as it is read.
    let (_store_dir, mut store, _) = store_on_disk();
    let input = stream::gdelt(paths, "3 GDELT exports").skipping_rejected(true);
    let bilateral_core::import_once::Reading::Read(read) =
        store.read_import(&input, |_| true).expect("read")
    else {
        panic!("not cancelled")
    };
    assert_eq!(read.preview().rejected.len(), 2);
    let ImportOutcome::Imported(report) = read.finish(|_, _| true).expect("finish") else {
        panic!("not cancelled")
    };
    assert_eq!((report.created, report.skipped), (4, 2));
    assert_eq!(store.count().expect("count"), 4);
}

/// A GDELT title is two actors and a verb: it looks like many curated events without being
/// one, so a GDELT preview lists no likely duplicates, where a file of our own does.
#[test]
fn a_gdelt_preview_lists_no_likely_duplicates_of_curated_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_store_dir, mut store, _) = store_on_disk();
    let mut curated = crate::fixtures::event("woodside", "2023-11-15", bilateral_core::Kind::Visit);
    curated.title = "United States visits China".to_owned();
    store.import(&[curated]).expect("a curated event");

    let path = dir.path().join("20231115121500.export.CSV");
    std::fs::write(&path, good_fixture()).expect("write");
    let gdelt = stream::gdelt(vec![path], "20231115121500.export.CSV");
    let (preview, _) = store.preview_stream(&gdelt).expect("preview");
    assert_eq!(preview.new, 3);
    assert!(preview.duplicates.is_empty(), "{:?}", preview.duplicates);
    let bilateral_core::import_once::Reading::Read(read) =
        store.read_import(&gdelt, |_| true).expect("read")
    else {
        panic!("not cancelled")
    };
    assert!(read.preview().duplicates.is_empty());
    drop(read);

    let ours = stream::from_bytes(
        b"id,title,start\nmine,United States visits China,2023-11-15\n".to_vec(),
        Some(Format::Csv),
        "mine.csv",
    )
    .expect("csv");
    let (preview, _) = store.preview_stream(&ours).expect("preview");
    assert_eq!(
        preview.duplicates.len(),
        1,
        "our own file's event is checked"
    );
}

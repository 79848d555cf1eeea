//! Importing into the store: what the preview promises is what the import does, all or
//! nothing, and a bad file leaves the database exactly as it was.

use bilateral_core::formats::{self, ExportOptions, Format, Location};
use bilateral_core::import::{ImportOutcome, ImportPreview, MAX_FIELD_BYTES};
use bilateral_core::{Error, Event, Filter, Kind, Origin, Store, StoredEvent};

use crate::fixtures::{event, store_on_disk};

/// Everything the store holds, to compare before and after.
fn snapshot(store: &Store) -> Vec<StoredEvent> {
    store.all_matching(&Filter::default()).expect("read all")
}

/// A store holding one shipped event and one user event.
fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, mut store, _) = store_on_disk();
    store
        .sync_dataset(&[event("shipped", "2023-11-15", Kind::Summit)], "v1")
        .expect("dataset");
    store
        .create(event("mine", "2024-01", Kind::Call))
        .expect("user event");
    (dir, store)
}

#[test]
fn the_preview_counts_new_updated_unchanged_and_rejected() {
    let (_dir, store) = seeded();
    let mut changed = event("shipped", "2023-11-15", Kind::Summit);
    changed.title = "A better title".to_owned();
    let mut bad = event("bad", "2023", Kind::Other);
    bad.sources[0].url = "ftp://example.org/x".to_owned();
    let batch = vec![
        event("fresh", "2020", Kind::Visit),
        changed,
        event("mine", "2024-01", Kind::Call),
        bad,
        event("", "2019", Kind::Other),
    ];
    let before = snapshot(&store);
    let preview = store.preview_import(&batch).expect("preview");
    assert_eq!(
        (preview.new, preview.updated, preview.unchanged),
        (2, 1, 1),
        "{preview:?}"
    );
    assert_eq!(preview.rejected.len(), 1);
    assert_eq!(preview.rejected[0].at, Location::Item(3));
    assert_eq!(preview.rejected[0].field, "sources[0].url");
    assert_eq!(snapshot(&store), before, "a preview writes nothing");
}

#[test]
fn import_creates_user_events_and_updates_existing_ones_like_an_edit() {
    let (_dir, mut store) = seeded();
    let shipped_before = store.get("shipped").expect("shipped");
    let mut shipped = event("shipped", "2023-11-15", Kind::Summit);
    shipped.title = "Edited by import".to_owned();
    let mut mine = event("mine", "2024-01", Kind::Call);
    mine.tags = vec!["imported".to_owned()];
    let report = store
        .import(&[event("fresh", "2020", Kind::Visit), shipped, mine])
        .expect("import");
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (1, 2, 0)
    );
    assert_eq!(report.ids, vec!["fresh", "shipped", "mine"]);

    let fresh = store.get("fresh").expect("fresh");
    assert_eq!((fresh.origin, fresh.edited), (Origin::User, false));
    let shipped = store.get("shipped").expect("shipped");
    assert_eq!(shipped.event.title, "Edited by import");
    assert_eq!(
        (shipped.origin, shipped.edited),
        (Origin::Dataset, true),
        "an imported change to a shipped event protects it from dataset upgrades"
    );
    assert_eq!(shipped.created_at, shipped_before.created_at);
    let mine = store.get("mine").expect("mine");
    assert_eq!((mine.origin, mine.edited), (Origin::User, false));
    assert_eq!(mine.event.tags, vec!["imported"]);
}

#[test]
fn events_without_an_id_get_an_id_from_date_and_title_so_a_second_import_updates() {
    let (_dir, mut store, _) = store_on_disk();
    let batch = [
        event("", "2020", Kind::Other),
        event("  ", "2021", Kind::Other),
    ];
    let first = store.import(&batch).expect("import");
    assert_eq!(first.created, 2);
    for id in &first.ids {
        let uuid = uuid::Uuid::parse_str(id).expect("a UUID");
        assert_eq!(
            uuid.get_version_num(),
            5,
            "{id} is derived from the content"
        );
        assert_eq!(store.get(id).expect("stored").origin, Origin::User);
    }
    let again = store.import(&batch).expect("second import");
    assert_eq!(
        (again.created, again.unchanged),
        (0, 2),
        "importing the same id-less file twice must not duplicate its events"
    );
    assert_eq!(again.ids, first.ids);
    assert_eq!(store.count().expect("count"), 2);
}

#[test]
fn importing_an_export_back_changes_nothing() {
    let (_dir, mut store) = seeded();
    let events: Vec<Event> = snapshot(&store).into_iter().map(|s| s.event).collect();
    let before = snapshot(&store);
    for format in [Format::Json, Format::Csv] {
        let bytes =
            formats::export_to_vec(format, &events, &ExportOptions::default()).expect("export");
        let parsed = formats::read(Some(format), &bytes, "export").expect("read back");
        let report = store.import(&parsed.events).expect("import");
        assert_eq!(
            (report.created, report.updated, report.unchanged),
            (0, 0, events.len()),
            "{format}: re-importing an export is a no-op"
        );
        assert_eq!(snapshot(&store), before, "{format}: nothing was rewritten");
    }
    assert!(!store.get("shipped").expect("shipped").edited);
}

#[test]
fn one_rejected_event_means_nothing_is_imported() {
    let (_dir, mut store) = seeded();
    let before = snapshot(&store);
    let mut bad = event("bad", "2023", Kind::Other);
    bad.title = " ".to_owned();
    let err = store
        .import(&[event("fresh", "2020", Kind::Visit), bad])
        .expect_err("rejected");
    match &err {
        Error::Invalid { field, message } => {
            assert_eq!(field, "events[1].title");
            assert!(message.contains("nothing was imported"), "{message}");
        }
        other => panic!("expected an invalid-field error, got {other}"),
    }
    assert_eq!(snapshot(&store), before, "all or nothing");
}

#[test]
fn the_same_id_twice_in_one_import_is_rejected() {
    let (_dir, store) = seeded();
    let preview = store
        .preview_import(&[
            event("twice", "2020", Kind::Visit),
            event("twice", "2021", Kind::Visit),
        ])
        .expect("preview");
    assert_eq!(preview.new, 1);
    assert_eq!(preview.rejected.len(), 1);
    assert_eq!(
        (preview.rejected[0].at, preview.rejected[0].field.as_str()),
        (Location::Item(1), "id")
    );
}

#[test]
fn progress_is_reported_and_cancelling_writes_nothing() {
    let (_dir, mut store) = seeded();
    let before = snapshot(&store);
    let batch: Vec<Event> = (0..10)
        .map(|i| event(&format!("bulk-{i}"), "2022-05", Kind::Meeting))
        .collect();
    let mut seen = Vec::new();
    let outcome = store
        .import_with_progress(
            &batch,
            bilateral_core::merge::Coverage::ALL,
            |done, total| {
                seen.push((done, total));
                done < 5
            },
        )
        .expect("runs");
    assert_eq!(outcome, ImportOutcome::Cancelled { done: 5 });
    assert_eq!(seen, (1..=5).map(|d| (d, 10)).collect::<Vec<_>>());
    assert_eq!(
        snapshot(&store),
        before,
        "a cancelled import is rolled back"
    );

    let mut seen = Vec::new();
    let outcome = store
        .import_with_progress(
            &batch,
            bilateral_core::merge::Coverage::ALL,
            |done, total| {
                seen.push((done, total));
                true
            },
        )
        .expect("runs");
    assert!(matches!(outcome, ImportOutcome::Imported(ref r) if r.created == 10));
    // Once per event, then again (all done) before the commit, where a cancel still counts.
    assert_eq!(seen[..10], (1..=10).map(|d| (d, 10)).collect::<Vec<_>>());
    assert!(
        seen.len() > 10 && seen[10..].iter().all(|&call| call == (10, 10)),
        "{seen:?}"
    );
    assert_eq!(store.count().expect("count"), 12);
}

/// Reads `bytes` as a file and tries to import it; returns what went wrong, in the words a
/// user would see, after checking the store did not change.
fn import_bad_file(store: &mut Store, format: Format, bytes: &[u8]) -> String {
    let before = snapshot(store);
    let result = formats::read(Some(format), bytes, "bad-file").and_then(|parsed| {
        let preview: ImportPreview = store.preview_import(&parsed.events)?;
        let mut rejected: Vec<String> = parsed.rejected.iter().map(ToString::to_string).collect();
        rejected.extend(
            preview
                .rejected
                .into_iter()
                .map(|r| parsed.locate(r).to_string()),
        );
        if rejected.is_empty() {
            store.import(&parsed.events)?;
            Ok(String::new())
        } else {
            Ok(rejected.join("\n"))
        }
    });
    let message = match result {
        Ok(rejections) => rejections,
        Err(e) => e.to_string(),
    };
    assert_eq!(
        snapshot(store),
        before,
        "a bad file leaves the database unchanged"
    );
    message
}

#[test]
fn a_truncated_json_file_is_one_error_with_its_line_and_nothing_changes() {
    let (_dir, mut store) = seeded();
    let events = vec![
        event("a", "2020", Kind::Visit),
        event("b", "2021", Kind::Visit),
    ];
    let json =
        formats::export_to_vec(Format::Json, &events, &ExportOptions::default()).expect("export");
    let cut = &json[..json.len() * 2 / 3];
    let message = import_bad_file(&mut store, Format::Json, cut);
    let last_line = String::from_utf8_lossy(cut).lines().count();
    assert!(
        message.starts_with(&format!("bad-file, line {last_line}")),
        "{message}"
    );
    assert!(message.contains("truncated"), "{message}");
}

#[test]
fn an_invalid_utf8_file_is_one_error_with_its_line_and_nothing_changes() {
    let (_dir, mut store) = seeded();
    let csv = b"id,title,start\r\nok,Fine,2020\r\nbad,Caf\xe9,2021\r\n";
    let message = import_bad_file(&mut store, Format::Csv, csv);
    assert_eq!(
        message,
        "bad-file, line 3, column 8: byte 0xE9 is not valid UTF-8: save the file as UTF-8 and import it again"
    );
}

#[test]
fn an_impossible_date_is_rejected_with_its_place_and_field_and_nothing_changes() {
    let (_dir, mut store) = seeded();
    let json = r#"{"format": "bilateral", "version": 1, "events": [
        {"id": "ok", "title": "Fine", "start": "2023-02-28", "kind": "call"},
        {"id": "feb30", "title": "Never", "start": "2023-02-30", "kind": "call"}
    ]}"#;
    let message = import_bad_file(&mut store, Format::Json, json.as_bytes());
    assert_eq!(
        message,
        "events[1].start: 2023-02-30 does not exist in the calendar"
    );
    let csv = "id,title,start,kind\nok,Fine,2023-02-28,call\nfeb30,Never,2023-02-30,call\n";
    let message = import_bad_file(&mut store, Format::Csv, csv.as_bytes());
    assert_eq!(
        message,
        "line 3, start: 2023-02-30 does not exist in the calendar"
    );
}

#[test]
fn a_ten_megabyte_field_is_rejected_with_its_place_and_field_and_nothing_changes() {
    let (_dir, mut store) = seeded();
    let mut huge = event("huge", "2020", Kind::Other);
    huge.summary = "x".repeat(10 * 1024 * 1024);
    let events = vec![event("fine", "2020", Kind::Other), huge];
    let json =
        formats::export_to_vec(Format::Json, &events, &ExportOptions::default()).expect("export");
    let message = import_bad_file(&mut store, Format::Json, &json);
    assert_eq!(
        message,
        format!(
            "events[1].summary: 10485760 bytes is more than the {MAX_FIELD_BYTES} one field may hold"
        )
    );
    let csv =
        formats::export_to_vec(Format::Csv, &events, &ExportOptions::default()).expect("export");
    let message = import_bad_file(&mut store, Format::Csv, &csv);
    assert!(
        message.starts_with("line 3, summary: 10485760 bytes"),
        "{message}"
    );
}

#[test]
fn an_import_survives_reopening_the_database_file() {
    let (_dir, mut store, path) = store_on_disk();
    store
        .import(&[event("kept", "2020-02-02", Kind::Agreement)])
        .expect("import");
    drop(store);
    let reopened = Store::open(&path).expect("reopen");
    assert_eq!(
        reopened.get("kept").expect("kept").event,
        event("kept", "2020-02-02", Kind::Agreement).normalized()
    );
}

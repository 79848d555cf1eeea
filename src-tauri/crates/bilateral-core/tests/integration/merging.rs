//! Imports from formats that cannot carry every field merge instead of erasing; id-less rows
//! get stable ids; likely duplicates are flagged.

use bilateral_core::formats::{self, ExportOptions, Format};
use bilateral_core::merge::Field;
use bilateral_core::{Filter, Kind, StoredEvent};

use crate::fixtures::{event, shipped_store, store_on_disk};

fn everything(store: &bilateral_core::Store) -> Vec<StoredEvent> {
    store.all_matching(&Filter::default()).expect("read all")
}

fn reimport(format: Format) {
    let (_dir, mut store, _) = shipped_store();
    let before = everything(&store);
    let events: Vec<_> = before.iter().map(|s| s.event.clone()).collect();
    let bytes = formats::export_to_vec(format, &events, &ExportOptions::default()).expect("export");
    let parsed = formats::read(Some(format), &bytes, "export").expect("read back");
    let preview = store
        .preview_import_as(&parsed.events, parsed.coverage())
        .expect("preview");
    assert_eq!(
        (preview.new, preview.updated, preview.unchanged),
        (0, 0, events.len()),
        "{format}: re-importing the app's own export must change nothing"
    );
    store
        .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
        .expect("import");
    let after = everything(&store);
    assert_eq!(
        after, before,
        "{format}: actors, sources, tags, locations and flags all survive a re-import"
    );
    assert!(
        after.iter().all(|s| !s.edited),
        "{format}: no shipped event became edited"
    );
}

#[test]
fn reimporting_an_ics_export_changes_nothing() {
    reimport(Format::Ics);
}

#[test]
fn reimporting_a_timelinejs_export_changes_nothing() {
    reimport(Format::TimelineJs);
}

#[test]
fn an_ics_import_changes_only_what_ics_carries() {
    let (_dir, mut store, _) = store_on_disk();
    let original = event("e1", "2023-11-15", Kind::Summit);
    store.create(original.clone()).expect("create");
    let mut edited = original.clone();
    edited.title = "Woodside summit".to_owned();
    edited.sources[0].url = "https://example.org/another-report".to_owned();
    let bytes =
        formats::export_to_vec(Format::Ics, &[edited], &ExportOptions::default()).expect("export");
    let parsed = formats::read(Some(Format::Ics), &bytes, "edited.ics").expect("read");
    let preview = store
        .preview_import_as(&parsed.events, parsed.coverage())
        .expect("preview");
    assert_eq!(preview.updated, 1);
    assert!(
        !preview.fields.contains(&Field::Actors) && preview.fields.contains(&Field::Title),
        "the preview says an ICS file can set the title but not the actors: {:?}",
        preview.fields
    );
    store
        .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
        .expect("import");
    let stored = store.get("e1").expect("e1").event;
    assert_eq!(
        stored.title, "Woodside summit",
        "the title the file carries is taken"
    );
    assert_eq!(
        stored.actors, original.actors,
        "actors the file cannot carry are kept"
    );
    assert_eq!(
        stored.sources[0], original.sources[0],
        "the stored source keeps its details"
    );
    assert_eq!(
        stored.sources.len(),
        2,
        "a link the file adds becomes a second source"
    );
}

#[test]
fn an_id_less_timelinejs_file_imported_twice_does_not_duplicate() {
    let (_dir, mut store, _) = store_on_disk();
    let json = r#"{"events": [
        {"start_date": {"year": "2023", "month": "11", "day": "15"},
         "text": {"headline": "Biden and Xi meet at Woodside", "text": "Four hours of talks."}},
        {"start_date": {"year": "2024", "month": "1", "day": "26"},
         "text": {"headline": "Sullivan meets Wang Yi in Bangkok"}}
    ]}"#;
    let parsed = formats::read(Some(Format::TimelineJs), json.as_bytes(), "t.json").expect("read");
    let first = store
        .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
        .expect("first import");
    let second = store
        .preview_import_as(&parsed.events, parsed.coverage())
        .expect("preview");
    assert_eq!(
        (second.new, second.unchanged),
        (0, 2),
        "the second import finds the events the first created: {first:?}"
    );
    assert_eq!(store.count().expect("count"), 2);
}

#[test]
fn the_preview_flags_a_new_event_that_looks_like_a_stored_one() {
    let (_dir, mut store, _) = store_on_disk();
    let mut stored = event("woodside", "2023-11-15", Kind::Summit);
    stored.title = "Biden–Xi summit at Woodside".to_owned();
    store.create(stored).expect("create");
    let mut same = event("", "2023-11-15", Kind::Summit);
    same.title = "Woodside summit: Biden meets Xi".to_owned();
    let mut other = event("", "2023-11-15", Kind::Statement);
    other.title = "Commerce publishes export rules".to_owned();
    let preview = store.preview_import(&[same, other]).expect("preview");
    assert_eq!(preview.new, 2);
    assert_eq!(
        preview.duplicates.len(),
        1,
        "only the look-alike is flagged: {:?}",
        preview.duplicates
    );
    assert_eq!(preview.duplicates[0].existing_id, "woodside");
}

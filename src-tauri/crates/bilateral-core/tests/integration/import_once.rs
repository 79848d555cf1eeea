//! The import that reads its file once (`Store::read_import`, what the CLI runs): it says
//! what a preview says, writes what a previewed import writes, lists every rejected item
//! and writes nothing then, and its backup holds the store as it was before.

use std::path::Path;

use bilateral_core::formats::{stream, Format, Location};
use bilateral_core::import::ImportOutcome;
use bilateral_core::import_once::{ReadImport, Reading};
use bilateral_core::{Event, Filter, Kind, Store};
use rusqlite::Connection;

use crate::fixtures::{event, shipped_store};
use crate::scale::{assert_counts_match, assert_schema_kept, schema};

/// A file of `new` events of our own, then the first shipped events again: twenty changed
/// (kind and date), twenty as stored, and one new id with the title and date of a shipped
/// event (a likely duplicate).
fn mixed_file(store: &Store, new: usize) -> Vec<Event> {
    let mut events: Vec<Event> = (0..new)
        .map(|i| {
            let mut e = event(
                &format!("once-{i}"),
                &format!("{}-{:02}-{:02}", 1975 + i % 50, 1 + i % 12, 1 + i % 28),
                Kind::ALL[i % Kind::ALL.len()],
            );
            e.title = format!("Imported once {i}");
            e.tags = vec![format!("tag {}", i % 9)];
            e
        })
        .collect();
    let shipped: Vec<Event> = store
        .all_matching(&Filter::default())
        .expect("read")
        .into_iter()
        .map(|s| s.event)
        .collect();
    for (i, stored) in shipped.iter().take(40).enumerate() {
        let mut again = stored.clone();
        if i < 20 {
            again.kind = Kind::ALL[(i + 5) % Kind::ALL.len()];
            again.start = "2001-04-01".parse().expect("date");
            again.end = None;
        }
        events.push(again);
    }
    let mut twin = shipped[45].clone();
    twin.id = "a-twin-of-a-shipped-event".to_owned();
    events.push(twin);
    events
}

fn json_input(events: &[Event], name: &str) -> stream::Input {
    stream::from_bytes(
        serde_json::to_vec(events).expect("json"),
        Some(Format::Json),
        name,
    )
    .expect("input")
}

fn stored_events(store: &Store) -> Vec<Event> {
    store
        .all_matching(&Filter::default())
        .expect("read")
        .into_iter()
        .map(|s| s.event)
        .collect()
}

fn read_once<'s>(store: &'s mut Store, input: &stream::Input) -> Box<ReadImport<'s>> {
    match store.read_import(input, |_| true).expect("read") {
        Reading::Read(read) => read,
        Reading::Cancelled { .. } => panic!("nothing cancels this reading"),
    }
}

fn integrity(path: &Path) -> String {
    Connection::open(path)
        .expect("open")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check")
}

#[test]
fn one_reading_says_what_a_preview_says_and_writes_what_a_previewed_import_writes() {
    let (_a, mut previewed, _) = shipped_store();
    let (_b, mut once, once_path) = shipped_store();
    let schema_before = schema(&once_path);
    // Enough new events to write in bulk, which a reading that does not know its size
    // finds out on the way.
    let events = mixed_file(&once, 2_500);
    let input = json_input(&events, "mixed.json");

    let (expected, total) = previewed.preview_stream(&input).expect("preview");
    assert_eq!(
        (expected.new, expected.updated, expected.unchanged),
        (2_501, 20, 20)
    );
    assert_eq!(
        expected.duplicates.len(),
        1,
        "the file's twin of a shipped event: {:?}",
        expected.duplicates
    );
    previewed
        .import_stream(&input, total, |_, _| true)
        .expect("previewed import");

    let read = read_once(&mut once, &input);
    assert_eq!(
        read.preview(),
        &expected,
        "the same preview, from the one reading"
    );
    assert_eq!(read.events(), total);
    assert!(read.needs_backup(), "shipped events are updated");
    let mut asked = 0;
    let outcome = read
        .finish(|done, total| {
            assert_eq!((done, total), (events.len(), events.len()));
            asked += 1;
            true
        })
        .expect("finish");
    let ImportOutcome::Imported(report) = outcome else {
        panic!("imported: {outcome:?}");
    };
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (2_501, 20, 20)
    );
    assert_eq!(
        asked, 3,
        "asked before building the indexes, before the counts and before the commit: it \
         switched to writing in bulk on the way"
    );
    assert_eq!(
        stored_events(&once),
        stored_events(&previewed),
        "the same file gives the same store either way"
    );
    assert_schema_kept(
        &schema_before,
        &schema(&once_path),
        "every trigger and index is back after an import that switched to bulk",
    );
    assert_counts_match(&once_path, "an import read once that switched to bulk");
    assert_eq!(integrity(&once_path), "ok");
}

#[test]
fn every_rejected_item_is_listed_and_nothing_is_written_even_after_switching_to_bulk() {
    let (_dir, mut store, path) = shipped_store();
    let before = stored_events(&store);
    let schema_before = schema(&path);
    let events = mixed_file(&store, 2_500);
    // Both past the point where the import switches to bulk writing (2,000 events).
    let mut value = serde_json::to_value(&events).expect("json");
    value[2_200]["start"] = "2023-02-30".into();
    value[2_400]["kind"] = "picnic".into();
    let input = stream::from_bytes(
        serde_json::to_vec(&value).expect("json"),
        Some(Format::Json),
        "bad.json",
    )
    .expect("input");
    let (expected, _) = store.preview_stream(&input).expect("preview");

    let read = read_once(&mut store, &input);
    let at: Vec<Location> = read.preview().rejected.iter().map(|r| r.at).collect();
    assert_eq!(at, [Location::Item(2_200), Location::Item(2_400)]);
    assert_eq!(read.preview(), &expected, "the preview's list, whole");
    let error = read.finish(|_, _| true).expect_err("refused").to_string();
    assert!(
        error.contains("events[2200].start") && error.contains("nothing was imported"),
        "{error}"
    );
    assert_eq!(stored_events(&store), before, "nothing was written");
    assert_schema_kept(
        &schema_before,
        &schema(&path),
        "a refused import keeps every trigger and index",
    );
    assert_counts_match(&path, "a refused import read once");

    // Cancelled while reading, past the switch: nothing either.
    let good = json_input(&mixed_file(&store, 2_500), "good.json");
    let reading = store.read_import(&good, |done| done < 2_300).expect("read");
    assert!(matches!(reading, Reading::Cancelled { done: 2_300 }));
    drop(reading);
    assert_eq!(stored_events(&store), before);
    assert_schema_kept(
        &schema_before,
        &schema(&path),
        "a cancelled reading keeps every trigger and index",
    );
}

#[test]
fn the_backup_taken_before_the_commit_holds_the_store_as_it_was() {
    let (_dir, mut store, path) = shipped_store();
    let shipped = store.count().expect("count");
    let small = json_input(&mixed_file(&store, 3)[..3], "three.json");
    let read = read_once(&mut store, &small);
    assert!(
        !read.needs_backup(),
        "three new events need no backup: {:?}",
        read.preview()
    );
    drop(read);
    assert_eq!(
        store.count().expect("count"),
        shipped,
        "dropped: nothing written"
    );

    let large = json_input(&mixed_file(&store, 30)[..30], "thirty.json");
    let read = read_once(&mut store, &large);
    assert!(read.needs_backup(), "thirty new events are backed up first");
    // Taken while the thirty events are written but not committed.
    let backup = read.back_up().expect("backup").expect("a store on disk");
    assert_eq!(
        backup.events,
        Some(u32::try_from(shipped).expect("small")),
        "the backup holds the store before the import"
    );
    read.finish(|_, _| true).expect("finish");
    assert_eq!(store.count().expect("count"), shipped + 30);
    let folder = path.parent().expect("folder").join("backups");
    let copy = Connection::open(folder.join(&backup.name)).expect("open the backup");
    let in_copy: i64 = copy
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(
        u64::try_from(in_copy).ok(),
        Some(shipped),
        "the file itself, read after the commit"
    );
}

/// Rows that name an event the store does not hold (`PRAGMA foreign_key_check`).
fn orphans(path: &Path) -> usize {
    let conn = Connection::open(path).expect("open");
    let mut check = conn.prepare("PRAGMA foreign_key_check").expect("check");
    let rows = check.query_map([], |_| Ok(())).expect("rows");
    rows.count()
}

/// Actor and tag rows still naming `id`.
fn rows_naming(path: &Path, id: &str) -> i64 {
    Connection::open(path)
        .expect("open")
        .query_row(
            "SELECT (SELECT count(*) FROM event_actors WHERE event_id = ?1)
                  + (SELECT count(*) FROM event_tags WHERE event_id = ?1)",
            [id],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn every_import_leaves_each_row_with_its_event_and_later_deletes_still_take_their_rows() {
    let (_dir, mut store, path) = shipped_store();
    // Imports write without the foreign-key checks: new events, changed events (whose
    // actor, tag and source rows are written again) and unchanged ones, each way in.
    let once = json_input(&mixed_file(&store, 2_500), "once.json");
    read_once(&mut store, &once)
        .finish(|_, _| true)
        .expect("read once");
    assert_eq!(orphans(&path), 0, "after the import read once");

    // Events the first import brought, each with one more tag: all of them updates.
    let mut streamed = mixed_file(&store, 40)[..40].to_vec();
    for e in &mut streamed {
        e.tags.push("streamed".to_owned());
    }
    let input = json_input(&streamed, "streamed.json");
    let (_, total) = store.preview_stream(&input).expect("preview");
    store
        .import_stream(&input, total, |_, _| true)
        .expect("streamed import");
    let mut changed = stored_events(&store)[..30].to_vec();
    for e in &mut changed {
        e.tags = vec!["changed".to_owned()];
    }
    store.import(&changed).expect("import in memory");
    assert_eq!(
        orphans(&path),
        0,
        "after the streamed and in-memory imports"
    );

    // The checks are back for the next write: deleting an event takes its rows with it
    // (the delete leaves that to the cascade).
    let gone = changed[0].id.clone();
    assert!(rows_naming(&path, &gone) > 0);
    store.delete(&gone).expect("delete");
    assert_eq!(
        rows_naming(&path, &gone),
        0,
        "the delete after the imports cascaded to the event's actor and tag rows"
    );
    assert_eq!(integrity(&path), "ok");
}

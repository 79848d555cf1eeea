use bilateral_core::{Error, Event, Kind, Origin, Store, Verification};

use crate::fixtures::{event, store_on_disk};

/// Breaks one rule of the model in a valid event.
type Breakage = Box<dyn Fn(&mut bilateral_core::Event)>;

#[test]
fn a_created_event_reads_back_field_for_field() {
    let (_dir, mut store, _) = store_on_disk();
    let mut input = event("woodside", "2023-11-15", Kind::Summit);
    input.end = Some("2023-11-16".parse().expect("date"));
    input.title_zh = Some("拜登与习近平在伍德赛德会晤".to_owned());
    input.actors[1].name_zh = Some("习近平".to_owned());
    input.actors[1].pinyin = Some("Xí Jìnpíng".to_owned());
    input.sources[0].reported_date = Some("2023-11-15".parse().expect("date"));
    input.sources[0].reported_place = Some("Woodside".to_owned());
    input.sources[0].archived_url =
        Some("https://web.archive.org/web/2023/https://example.org/".to_owned());
    input.sources[0].archived_at = Some("2023-11-16".parse().expect("date"));
    let stored = store.create(input.clone()).expect("create");
    // The verification state is worked out from the sources, and comes back with them.
    let expected = Event {
        verification: Some(Verification::SingleSource),
        ..input.clone()
    };
    assert_eq!(
        stored.event, expected,
        "what the user saved is what they get back"
    );
    assert_eq!(stored.origin, Origin::User);
    assert!(!stored.edited);
    assert_eq!(store.get("woodside").expect("get").event, expected);
}

/// Actor and tag rows are written a few to a statement: an event with more of them than one
/// statement takes keeps every one, in its order, whether saved or imported.
#[test]
fn many_actors_and_tags_read_back_in_their_order() {
    let (_dir, mut store, _) = store_on_disk();
    let mut input = event("many-rows", "2023-11-15", Kind::Summit);
    input.tags = (0..19).rev().map(|i| format!("tag {i:02}")).collect();
    let first = input.actors[0].clone();
    input.actors = (0..11)
        .map(|i| bilateral_core::Actor {
            name: format!("Negotiator {}", 11 - i),
            ..first.clone()
        })
        .collect();
    let stored = store.create(input.clone()).expect("create");
    assert_eq!(stored.event.tags, input.tags, "saved: every tag, in order");
    assert_eq!(
        stored.event.actors, input.actors,
        "saved: every actor, in order"
    );

    let mut again = input.clone();
    again.id = "many-rows-imported".to_owned();
    again.tags.rotate_left(5);
    again.actors.rotate_left(3);
    store.import(std::slice::from_ref(&again)).expect("import");
    let imported = store.get("many-rows-imported").expect("get").event;
    assert_eq!(imported.tags, again.tags, "imported: every tag, in order");
    assert_eq!(
        imported.actors, again.actors,
        "imported: every actor, in order"
    );
}

#[test]
fn an_event_without_id_gets_a_uuid() {
    let (_dir, mut store, _) = store_on_disk();
    let stored = store
        .create(event("", "2024", Kind::Other))
        .expect("create");
    assert_eq!(
        stored.event.id.len(),
        36,
        "a UUID is assigned: {}",
        stored.event.id
    );
}

#[test]
fn invalid_events_are_rejected_naming_the_field_and_nothing_is_written() {
    let (_dir, mut store, _) = store_on_disk();
    let cases: Vec<(&str, Breakage)> = vec![
        ("title", Box::new(|e| e.title = "   ".to_owned())),
        (
            "end",
            Box::new(|e| e.end = Some("2023-11-14".parse().expect("date"))),
        ),
        (
            "sources[0].url",
            Box::new(|e| e.sources[0].url = "javascript:alert(1)".to_owned()),
        ),
        (
            "sources[0].url",
            Box::new(|e| e.sources[0].url = "file:///etc/passwd".to_owned()),
        ),
        (
            "sources[1].url",
            Box::new(|e| {
                let dup = e.sources[0].clone();
                e.sources.push(dup);
            }),
        ),
        (
            "actors[1].name",
            Box::new(|e| e.actors[1].name = String::new()),
        ),
    ];
    for (field, break_it) in cases {
        let mut bad = event("bad", "2023-11-15", Kind::Summit);
        break_it(&mut bad);
        match store.create(bad) {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected an error on {field}, got {other:?}"),
        }
        assert_eq!(
            store.count().expect("count"),
            0,
            "a rejected event must leave no trace"
        );
    }
}

#[test]
fn a_duplicate_id_is_refused_and_the_first_event_is_unchanged() {
    let (_dir, mut store, _) = store_on_disk();
    store
        .create(event("same", "2023", Kind::Other))
        .expect("first");
    let mut second = event("same", "2024", Kind::Summit);
    second.title = "Second".to_owned();
    let err = store.create(second).expect_err("duplicate id");
    assert_eq!(err.field(), Some("id"));
    assert_eq!(store.get("same").expect("get").event.title, "Event same");
}

#[test]
fn update_and_delete_of_shipped_events_are_remembered() {
    let (_dir, mut store, _) = store_on_disk();
    let shipped = vec![
        event("a", "1972-02-21", Kind::Visit),
        event("b", "1979-01-01", Kind::Agreement),
    ];
    store.sync_dataset(&shipped, "v1").expect("sync");
    let mut edited = shipped[0].clone();
    edited.title = "Nixon in China (my notes)".to_owned();
    let stored = store.update(edited).expect("update");
    assert_eq!(stored.origin, Origin::Dataset);
    assert!(stored.edited, "an edited shipped event is marked as edited");
    store.delete("b").expect("delete");
    assert!(matches!(store.get("b"), Err(Error::NotFound { .. })));
    assert!(matches!(store.delete("b"), Err(Error::NotFound { .. })));
}

#[test]
fn a_dataset_upgrade_keeps_what_the_user_created_edited_or_deleted() {
    let (_dir, mut store, path) = store_on_disk();
    let v1 = vec![
        event("keep-edited", "1972", Kind::Visit),
        event("deleted-by-user", "1979", Kind::Agreement),
        event("changed-upstream", "1982-08-17", Kind::Agreement),
        event("dropped-upstream", "1989-06-04", Kind::MilitaryIncident),
    ];
    let first = store.sync_dataset(&v1, "v1").expect("first sync");
    assert_eq!(first.added, 4);
    let mut mine = v1[0].clone();
    mine.title = "My own wording".to_owned();
    store.update(mine).expect("edit");
    store.delete("deleted-by-user").expect("delete");
    store
        .create(event("user-event", "2024-01-30", Kind::Other))
        .expect("create");

    let mut v2 = v1.clone();
    v2.retain(|e| e.id != "dropped-upstream");
    v2[0].title = "Upstream wording".to_owned();
    v2[2].title = "Corrected upstream".to_owned();
    v2.push(event("new-upstream", "2025-10-30", Kind::Summit));
    drop(store);
    let mut store = Store::open(&path).expect("reopen after upgrade");
    let report = store.sync_dataset(&v2, "v2").expect("upgrade");

    assert_eq!(
        store.get("keep-edited").expect("kept").event.title,
        "My own wording"
    );
    assert!(
        matches!(store.get("deleted-by-user"), Err(Error::NotFound { .. })),
        "deleted stays deleted"
    );
    assert_eq!(
        store.get("changed-upstream").expect("updated").event.title,
        "Corrected upstream"
    );
    assert!(matches!(
        store.get("dropped-upstream"),
        Err(Error::NotFound { .. })
    ));
    assert!(store.get("new-upstream").is_ok());
    assert!(
        store.get("user-event").is_ok(),
        "the user's own event survives"
    );
    assert_eq!(
        (report.added, report.updated, report.removed, report.kept),
        (1, 1, 1, 2)
    );

    let again = store.sync_dataset(&v2, "v2").expect("same version again");
    assert_eq!(
        again,
        bilateral_core::SyncReport::default(),
        "an applied version is a no-op"
    );
}

#[test]
fn a_dataset_with_one_bad_event_writes_nothing() {
    let (_dir, mut store, _) = store_on_disk();
    let mut bad = event("bad", "2023", Kind::Other);
    bad.sources[0].url = "ftp://example.org".to_owned();
    let events = vec![event("good", "2022", Kind::Other), bad];
    let err = store.sync_dataset(&events, "v1").expect_err("bad dataset");
    assert_eq!(err.field(), Some("dataset[1] (bad).sources[0].url"));
    assert_eq!(store.count().expect("count"), 0, "all or nothing");
}

/// Events enough to write a log of more than `WAL_KEPT_BYTES`.
fn log_filling_events() -> Vec<Event> {
    (0..12_000)
        .map(|i| {
            let mut e = event(
                &format!("log-{i}"),
                &format!("{}-{:02}-{:02}", 1980 + i % 40, 1 + i % 12, 1 + i % 28),
                Kind::ALL[i % Kind::ALL.len()],
            );
            e.summary = format!("A summary long enough to fill the pages of event {i}.");
            e
        })
        .collect()
}

fn file_size(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

#[test]
fn a_large_import_returns_before_its_checkpoint_which_the_checkpointer_runs_after() {
    let (_dir, mut store, path) = store_on_disk();
    let checkpointer = bilateral_core::checkpointer::Checkpointer::start(&store)
        .expect("start")
        .expect("a store on disk has a checkpointer");
    let before = file_size(&path);
    store.import(&log_filling_events()).expect("import");
    assert_eq!(
        file_size(&path),
        before,
        "the import's commit copied nothing into the database: it did not wait for a checkpoint"
    );
    assert!(file_size(&path.with_file_name("bilateral.db-wal")) > 8 << 20);
    checkpointer.after_write();
    checkpointer.settle();
    assert!(
        file_size(&path) > before + (8 << 20),
        "the checkpointer copied the log into the database: {} bytes, {before} before",
        file_size(&path)
    );
    // What a new connection reads from the database file alone, the log set aside.
    let copy = path.with_file_name("copy.db");
    std::fs::copy(&path, &copy).expect("copy the database file");
    let alone = rusqlite::Connection::open(&copy).expect("open the copy");
    let events: i64 = alone
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(
        events, 12_000,
        "every imported event is in the database file"
    );
    store
        .create(event("after", "2024-01-01", Kind::Meeting))
        .expect("create");
    let limit = u64::try_from(bilateral_core::store::WAL_KEPT_BYTES).expect("a size");
    assert!(
        file_size(&path.with_file_name("bilateral.db-wal")) <= limit,
        "the next write cut the log back"
    );
}

#[test]
fn the_log_a_large_import_leaves_is_cut_back_at_the_next_write() {
    let (_dir, mut store, path) = store_on_disk();
    let wal = || file_size(&path.with_file_name("bilateral.db-wal"));
    let events = log_filling_events();
    store.import(&events).expect("import");
    let limit = u64::try_from(bilateral_core::store::WAL_KEPT_BYTES).expect("a size");
    let after_import = wal();
    assert!(
        after_import > limit,
        "the import wrote a log larger than the limit ({after_import} bytes), or this test \
         shows nothing"
    );
    store
        .create(event("after", "2024-01-01", Kind::Meeting))
        .expect("create");
    assert!(
        wal() <= limit,
        "the next write cut the log back: {} bytes, limit {limit}",
        wal()
    );
    assert_eq!(store.count().expect("count"), 12_001);
}

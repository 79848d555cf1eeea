use crate::fixtures::store_on_disk;

#[test]
fn migrations_are_valid_and_apply_to_an_empty_database() {
    bilateral_core::store::validate_migrations()
        .expect("every migration applies cleanly to an empty database");
}

#[test]
fn a_new_database_file_has_the_schema_and_pragmas() {
    let (_dir, store, path) = store_on_disk();
    assert!(
        path.exists(),
        "the database file is created, with its folder"
    );
    assert_eq!(store.count().expect("count"), 0);
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("reopen");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(
        mode, "wal",
        "the file is in WAL mode so reads never block on writes"
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    assert_eq!(
        version,
        bilateral_core::store::MIGRATION_COUNT as i64,
        "the schema is at the latest migration"
    );
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
             ('events', 'actors', 'event_actors', 'event_tags', 'sources', 'meta', 'dataset_tombstones')",
            [],
            |r| r.get(0),
        )
        .expect("tables");
    assert_eq!(tables, 7);
}

#[test]
fn reopening_an_existing_database_keeps_its_events() {
    let (_dir, mut store, path) = store_on_disk();
    store
        .create(crate::fixtures::event(
            "kept",
            "2023-11-15",
            bilateral_core::Kind::Summit,
        ))
        .expect("create");
    drop(store);
    let store = bilateral_core::Store::open(&path).expect("reopen");
    assert_eq!(
        store.get("kept").expect("still there").event.title,
        "Event kept"
    );
}

#[test]
fn the_window_query_uses_the_window_index() {
    let (_dir, _store, path) = store_on_disk();
    let conn = rusqlite::Connection::open(&path).expect("reopen");
    let plan: Vec<String> = conn
        .prepare("EXPLAIN QUERY PLAN SELECT id FROM events WHERE first_day BETWEEN 0 AND 10 AND last_day >= 5")
        .expect("plan")
        .query_map([], |r| r.get::<_, String>(3))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("collect");
    assert!(
        plan.iter().any(|step| step.contains("events_window")),
        "window queries must not scan the whole table: {plan:?}"
    );
}

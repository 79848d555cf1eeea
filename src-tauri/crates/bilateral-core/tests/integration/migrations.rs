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

/// Schema 21 kept actor and tag rows by rowid, with positions that had gaps where a repeat
/// was ignored. Upgrading keys them by (event, position): each event keeps its actors and
/// tags in their order, the counts kept beside them still equal a recount, and later writes
/// number their rows afresh.
#[test]
fn actor_and_tag_rows_keyed_by_position_keep_their_order_through_the_upgrade() {
    use bilateral_core::model::{Actor, Side};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("schema-21.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("create");
        bilateral_core::store::migrate_to(&mut conn, 21).expect("schema 21");
        conn.pragma_update(
            None,
            "application_id",
            bilateral_core::identity::APPLICATION_ID,
        )
        .expect("id");
        conn.execute_batch(
            "INSERT INTO events (id, title, start_text, first_day, last_day, kind, significance,
                                 origin, created_at, updated_at)
             VALUES ('talks', 'Trade talks', '2019-05-09', 737188, 737188, 'meeting', 5,
                     'user', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
                    ('call', 'Phone call', '2020-03-27', 737511, 737511, 'call', 5,
                     'user', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
             INSERT INTO actors (id, name, side) VALUES (1, 'Liu He', 'china'),
                 (2, 'Robert Lighthizer', 'us'), (3, 'Steven Mnuchin', 'us');
             INSERT INTO event_actors (event_id, actor_id, position)
                 VALUES ('talks', 3, 0), ('talks', 1, 2), ('talks', 2, 5), ('call', 1, 0);
             INSERT INTO event_tags (event_id, tag, position)
                 VALUES ('talks', 'trade', 0), ('talks', 'tariffs', 3), ('talks', 'deal', 4),
                        ('call', 'covid', 0);",
        )
        .expect("rows as schema 21 kept them");
    }
    let mut store = bilateral_core::Store::open(&path).expect("the file upgrades");
    let talks = store.get("talks").expect("kept").event;
    let names: Vec<&str> = talks.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Steven Mnuchin", "Liu He", "Robert Lighthizer"]);
    assert_eq!(talks.tags, ["trade", "tariffs", "deal"]);
    assert_eq!(store.get("call").expect("kept").event.tags, ["covid"]);
    crate::scale::assert_counts_match(&path, "upgrading schema 21");

    // A repeated tag or actor is written once, at its first place.
    let mut edited = talks.clone();
    edited.tags = vec!["deal".into(), "trade".into(), "deal".into(), "talks".into()];
    edited.actors.push(Actor {
        name: "Liu He".into(),
        side: Side::China,
        name_zh: None,
        pinyin: None,
    });
    store.update(edited).expect("update");
    let after = store.get("talks").expect("kept").event;
    assert_eq!(after.tags, ["deal", "trade", "talks"]);
    assert_eq!(after.actors.len(), 3);
    crate::scale::assert_counts_match(&path, "writing to the upgraded file");

    store.delete("talks").expect("delete");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("reopen");
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM event_actors WHERE event_id = 'talks')
                  + (SELECT count(*) FROM event_tags WHERE event_id = 'talks')",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(left, 0, "deleting the event takes its rows");
    let keyed: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('event_actors', 'event_tags')
             AND sql LIKE '%PRIMARY KEY (event_id, position)%WITHOUT ROWID'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert_eq!(keyed, 2);
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}

//! Opening identifies a file before writing anything: another program's file, a damaged one,
//! or one from a newer release is refused untouched; read-only opens never write.

use std::path::Path;

use bilateral_core::{Error, Kind, Store};

use crate::fixtures::{event, store_on_disk};

/// A digest of every byte of the file, and whether SQLite left a journal beside it.
fn fingerprint(path: &Path) -> (String, bool, bool) {
    use sha2::Digest;
    let with = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::path::PathBuf::from(p).exists()
    };
    let digest = sha2::Sha256::digest(std::fs::read(path).expect("read file"));
    (format!("{digest:x}"), with("-wal"), with("-shm"))
}

fn other_programs_db(path: &Path, application_id: Option<i32>) {
    let conn = rusqlite::Connection::open(path).expect("create");
    conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');")
        .expect("schema");
    if let Some(id) = application_id {
        conn.pragma_update(None, "application_id", id)
            .expect("app id");
    }
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, app_id) in [("plain.db", None), ("tagged.db", Some(0x1234_5678))] {
        let path = dir.path().join(name);
        other_programs_db(&path, app_id);
        let before = fingerprint(&path);
        for result in [
            Store::open(&path).map(|_| ()),
            Store::open_read_only(&path).map(|_| ()),
        ] {
            let err = result.expect_err("another program's file is refused");
            assert!(matches!(err, Error::Foreign { .. }), "{name}: {err}");
            assert!(err.to_string().contains("untouched"), "{err}");
        }
        assert_eq!(
            fingerprint(&path),
            before,
            "{name}: not one byte written, no journal left"
        );
    }
}

#[test]
fn files_that_are_not_databases_are_refused_in_plain_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "these are my notes, not a database\n".repeat(10)).expect("write");
    let short = dir.path().join("short.db");
    std::fs::write(&short, b"SQLite").expect("write");
    for path in [&text, &short] {
        let before = std::fs::read(path).expect("read");
        let err = Store::open(path).map(|_| ()).expect_err("refused");
        assert!(
            err.to_string().contains("not a Bilateral database"),
            "the message says what is wrong: {err}"
        );
        assert_eq!(std::fs::read(path).expect("read"), before);
    }
}

#[test]
fn a_truncated_database_is_reported_as_damaged() {
    let (_dir, mut store, path) = store_on_disk();
    for i in 0..300 {
        store
            .create(event(&format!("e{i}"), "2020", Kind::Other))
            .expect("create");
    }
    drop(store);
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        !Path::new(&format!("{}-wal", path.display())).exists(),
        "checkpointed on close"
    );
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let err = Store::open(&path).map(|_| ()).expect_err("refused");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn a_database_from_a_newer_release_is_refused_untouched() {
    let (_dir, store, path) = store_on_disk();
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "user_version", 99).expect("bump");
    drop(conn);
    let before = fingerprint(&path);
    let err = Store::open(&path).map(|_| ()).expect_err("refused");
    assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err}");
    assert!(
        err.to_string().contains("newer version of Bilateral"),
        "{err}"
    );
    assert_eq!(fingerprint(&path), before);
}

#[test]
fn read_only_open_creates_nothing_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("none").join("bilateral.db");
    Store::open_read_only(&missing)
        .map(|_| ())
        .expect_err("nothing to read");
    assert!(
        !missing.exists() && !missing.parent().expect("dir").exists(),
        "nothing created"
    );

    let (_dir, mut store, path) = store_on_disk();
    store
        .create(event("kept", "2020", Kind::Other))
        .expect("create");
    drop(store);
    let before = fingerprint(&path);
    let mut reader = Store::open_read_only(&path).expect("open read-only");
    assert_eq!(reader.count().expect("count"), 1);
    reader
        .create(event("new", "2021", Kind::Other))
        .expect_err("a read-only store refuses writes");
    drop(reader);
    assert_eq!(fingerprint(&path).0, before.0, "the file is unchanged");
}

#[test]
fn a_database_made_before_the_application_id_is_still_ours() {
    let (_dir, mut store, path) = store_on_disk();
    store
        .create(event("old", "2020", Kind::Other))
        .expect("create");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.pragma_update(None, "application_id", 0)
        .expect("clear");
    drop(conn);
    let store = Store::open(&path).expect("an older Bilateral file opens");
    assert_eq!(store.get("old").expect("kept").event.title, "Event old");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("open");
    let id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("id");
    assert_eq!(
        id,
        bilateral_core::identity::APPLICATION_ID,
        "and now carries our id"
    );
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").expect("touch");
    let store = Store::open(&path).expect("an empty file is nobody's data");
    assert_eq!(store.count().expect("count"), 0);
}

/// The steps the app's start-up screen names: an upgrade and a new chronology only when
/// there is one to do, so an ordinary start says only that it is opening.
#[test]
fn opening_names_the_upgrade_and_the_new_chronology_only_when_they_happen() {
    use bilateral_core::opening::{open_with_steps, OpeningStep};
    let json = crate::fixtures::shipped_json();
    let open = |path: &Path| {
        let mut steps = Vec::new();
        let store = open_with_steps(path, &json, "data/events.json", &mut |s| steps.push(s))
            .expect("opens");
        (store, steps)
    };
    // A first start: nothing there yet, then the whole chronology.
    let dir = tempfile::tempdir().expect("temp dir");
    let fresh = dir.path().join("new").join("bilateral.db");
    let (store, steps) = open(&fresh);
    assert_eq!(
        steps,
        [OpeningStep::Opening, OpeningStep::UpdatingChronology]
    );
    assert!(store.count().expect("count") >= 200);
    drop(store);
    assert_eq!(open(&fresh).1, [OpeningStep::Opening], "an ordinary start");
    // A database of release 0.1.0 (schema 4): upgraded, then given this release's events,
    // with the user's own event kept.
    let old_dir = tempfile::tempdir().expect("temp dir");
    let old = crate::fixtures::release_copy(old_dir.path());
    let before = Store::open_read_only(&old)
        .err()
        .expect("too old to read as it is");
    assert!(before.to_string().contains("must be upgraded"), "{before}");
    let (store, steps) = open(&old);
    assert_eq!(
        steps,
        [OpeningStep::Upgrading, OpeningStep::UpdatingChronology]
    );
    assert!(store.count().expect("count") > 200);
    assert!(store.get("user-note-1").is_ok(), "the user's event is kept");
    assert!(
        store
            .get("2023-11-15-woodside-summit")
            .expect("edited event")
            .event
            .summary
            .ends_with("(My annotation: check the readouts.)"),
        "the user's edit is kept"
    );
    drop(store);
    assert_eq!(open(&old).1, [OpeningStep::Opening]);
}

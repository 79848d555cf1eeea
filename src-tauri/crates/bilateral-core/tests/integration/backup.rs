//! Automatic backups: taken before an upgrade or a large import, five kept, restored exactly,
//! and nothing but a sound Bilateral database ever restored.

use std::path::Path;

use bilateral_core::backup::{self, Reason};
use bilateral_core::{dataset, Error, Event, Filter, Kind, Store, StoredEvent};

use crate::fixtures::{event, shipped_json, shipped_store, store_on_disk};

fn snapshot(store: &Store) -> Vec<StoredEvent> {
    store.all_matching(&Filter::default()).expect("read all")
}

fn names(store: &Store) -> Vec<String> {
    backup::list(store)
        .expect("list backups")
        .into_iter()
        .map(|b| b.name)
        .collect()
}

fn take(store: &Store) -> backup::Backup {
    backup::take(store, Reason::BeforeImport)
        .expect("backup")
        .expect("a store on disk has backups")
}

fn fresh(n: usize) -> Vec<Event> {
    (0..n)
        .map(|i| event(&format!("new-{i}"), "2024-03-01", Kind::Meeting))
        .collect()
}

#[test]
fn a_restored_backup_gives_back_exactly_the_earlier_content() {
    let (_dir, mut store, _) = shipped_store();
    let before = snapshot(&store);
    let taken = take(&store);
    assert_eq!(taken.reason, Reason::BeforeImport);
    assert_eq!(
        taken.events,
        Some(u32::try_from(before.len()).expect("fits")),
        "the list says how many events the backup holds"
    );
    assert!(taken.taken_at.ends_with('Z'), "{}", taken.taken_at);

    store
        .create(event("mine", "2024-01", Kind::Call))
        .expect("create");
    store.delete(&before[0].event.id).expect("delete");
    assert_ne!(snapshot(&store), before);

    let source = backup::find(&store, &taken.name).expect("find by name");
    let restored = backup::restore(&mut store, &source).expect("restore");
    assert_eq!(
        snapshot(&store),
        before,
        "the user gets back exactly what the backup held"
    );
    assert_eq!(restored.events as usize, before.len());
    let saved = restored.saved.expect("the replaced state is saved first");
    assert_eq!(saved.reason, Reason::BeforeRestore);
    assert_eq!(
        saved.events,
        Some(u32::try_from(before.len()).expect("fits")),
        "the before-restore backup holds the state that was replaced (+1 created, -1 deleted)"
    );
    // The same Store keeps working, and a restore of the safety copy undoes the restore.
    store
        .create(event("after", "2025-01", Kind::Call))
        .expect("the store still writes after a restore");
    assert_eq!(names(&store)[0], saved.name, "newest first");
    let back = backup::find(&store, &saved.name).expect("find");
    backup::restore(&mut store, &back).expect("restore the safety copy");
    assert!(store.get("mine").is_ok(), "the replaced state comes back");
}

#[test]
fn only_the_five_newest_backups_are_kept() {
    let (_dir, store, _) = shipped_store();
    let taken: Vec<String> = (0..7).map(|_| take(&store).name).collect();
    let mut unique = taken.clone();
    unique.dedup();
    assert_eq!(
        unique.len(),
        7,
        "backups in the same second get distinct names"
    );
    let listed = names(&store);
    let mut newest: Vec<String> = taken[2..].to_vec();
    newest.reverse();
    assert_eq!(listed, newest, "the five newest are kept, newest first");
    let dir = backup::folder(&store).expect("folder");
    assert_eq!(
        std::fs::read_dir(&dir).expect("read").count(),
        backup::KEEP,
        "no temporary files are left behind"
    );
}

#[test]
fn files_that_are_not_our_backups_are_never_touched() {
    let (_dir, store, _) = shipped_store();
    let dir = backup::folder(&store).expect("folder");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let others = [
        "notes.txt",
        "bilateral-old.db",
        "bilateral-20201201T201500Z-before-lunch.db",
        "bilateral-20201201T201500Z-before-import.db.partial",
        "bilateral-20201201T201500Z-before-import-01.db",
        "bilateral-20201301T201500Z-before-import.db",
    ];
    for name in others {
        std::fs::write(dir.join(name), name).expect("write");
    }
    // An old backup of ours is pruned in its turn.
    let ours = "bilateral-20201201T201500Z-before-upgrade.db";
    std::fs::copy(dir.join(take(&store).name), dir.join(ours)).expect("copy");
    for _ in 0..6 {
        take(&store);
    }
    for name in others {
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).ok().as_deref(),
            Some(name),
            "{name} is not a backup of ours and must be left alone"
        );
    }
    assert!(!dir.join(ours).exists(), "our oldest backup was pruned");
    assert_eq!(names(&store).len(), backup::KEEP);
}

/// Restoring anything but a sound Bilateral database is refused before anything changes.
#[test]
fn a_file_that_is_not_a_bilateral_backup_is_refused_and_the_database_unchanged() {
    let (dir, mut store, path) = shipped_store();
    store
        .create(event("mine", "2024-01", Kind::Call))
        .expect("create");
    let before = snapshot(&store);

    let foreign = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&foreign).expect("foreign db");
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        .expect("foreign content");
    drop(conn);
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "not a database at all").expect("write");
    let good = backup::folder(&store)
        .expect("folder")
        .join(take(&store).name);
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).expect("copy");
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("pretend a newer release made it");
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&good).expect("read backup");
    // Garble the pages after the header page: ours by its header, broken inside.
    let end = bytes.len().min(4096 * 6);
    bytes[4096..end].fill(0x5A);
    std::fs::write(&damaged, bytes).expect("write damaged");
    let backups_before = names(&store);

    for (file, says) in [
        (&foreign, "another program"),
        (&text, "not a Bilateral database"),
        (&newer, "newer version"),
        (&damaged, "damaged"),
        (&dir.path().join("missing.db"), "nothing was restored"),
        (&path, "the open database itself"),
    ] {
        let err = backup::restore(&mut store, file).expect_err("refused");
        assert!(
            err.to_string().contains(says),
            "{}: {err} (expected it to say {says:?})",
            file.display()
        );
        assert_eq!(
            snapshot(&store),
            before,
            "{}: nothing changed",
            file.display()
        );
        assert_eq!(
            names(&store),
            backups_before,
            "{}: a refused restore takes no backup",
            file.display()
        );
    }
    assert!(
        rusqlite::Connection::open(&foreign)
            .and_then(|c| c.query_row("SELECT text FROM notes", [], |r| r.get::<_, String>(0)))
            .is_ok_and(|t| t == "mine"),
        "the other program's file is left as it was"
    );
    assert!(matches!(
        backup::find(&store, "../bilateral.db"),
        Err(Error::Backup { .. })
    ));
}

#[test]
fn a_dataset_upgrade_takes_a_backup_but_the_first_load_does_not() {
    let (_dir, mut store, _) = store_on_disk();
    dataset::apply(&mut store, &shipped_json(), "data/events.json").expect("first load");
    assert!(
        names(&store).is_empty(),
        "a new database has nothing to lose"
    );
    let count = store.count().expect("count");

    let mut events: Vec<serde_json::Value> =
        serde_json::from_str(&shipped_json()).expect("dataset JSON");
    events[0]["title"] = serde_json::json!("A corrected title");
    let upgraded = serde_json::to_string(&events).expect("JSON");
    dataset::apply(&mut store, &upgraded, "data/events.json").expect("upgrade");
    let listed = backup::list(&store).expect("list");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].reason, Reason::BeforeUpgrade);
    assert_eq!(listed[0].events, Some(u32::try_from(count).expect("fits")));

    dataset::apply(&mut store, &upgraded, "data/events.json").expect("same version again");
    assert_eq!(names(&store).len(), 1, "no upgrade, no backup");
}

#[test]
fn a_big_import_takes_a_backup_and_a_small_one_does_not() {
    let (_dir, mut store, _) = shipped_store();
    let small = fresh(3);
    let preview = store.preview_import(&small).expect("preview");
    assert_eq!(backup::before_import(&store, &preview).expect("ok"), None);
    store.import(&small).expect("small import");
    assert!(names(&store).is_empty());

    let big = fresh(50);
    let preview = store.preview_import(&big).expect("preview");
    let taken = backup::before_import(&store, &preview)
        .expect("backup")
        .expect("50 events into a full store need a backup");
    assert_eq!(taken.reason, Reason::BeforeImport);
    let held = store.count().expect("count");
    store.import(&big).expect("big import");
    assert_eq!(taken.events, Some(u32::try_from(held).expect("fits")));

    let mut changed = store.get("new-1").expect("stored").event;
    changed.title = "Renamed by the file".to_owned();
    let preview = store.preview_import(&[changed]).expect("preview");
    assert!(
        backup::before_import(&store, &preview)
            .expect("backup")
            .is_some(),
        "an import that changes a stored event needs a backup, however small"
    );
}

#[test]
fn a_backup_that_cannot_be_written_stops_the_import() {
    let (_dir, store, _) = shipped_store();
    let dir = backup::folder(&store).expect("folder");
    // A file where the folder should be: the backup cannot be written.
    std::fs::write(&dir, "in the way").expect("write");
    let preview = store.preview_import(&fresh(50)).expect("preview");
    let err = backup::before_import(&store, &preview).expect_err("no safety net");
    assert!(
        err.to_string().contains("nothing was imported"),
        "the user is told the import did not happen: {err}"
    );
}

#[test]
fn an_in_memory_store_has_no_backups() {
    let store = Store::in_memory().expect("memory");
    assert_eq!(
        backup::take(&store, Reason::BeforeImport).expect("ok"),
        None
    );
    assert!(backup::list(&store).expect("list").is_empty());
}

#[test]
fn backup_names_are_recognised_exactly() {
    for good in [
        "bilateral-20261201T201500Z-before-import.db",
        "bilateral-20261201T201500Z-before-upgrade-2.db",
        "bilateral-20261201T201500Z-before-restore-13.db",
    ] {
        assert!(backup::is_backup_name(good), "{good}");
    }
    for bad in [
        "bilateral-20261201T201500Z-before-import-1.db",
        "bilateral-20261201T201500Z-before-import.db.partial",
        "bilateral-20261232T201500Z-before-import.db",
        "../bilateral-20261201T201500Z-before-import.db",
        "bilateral-20261201T201500Z-manual.db",
        "bilateral.db",
    ] {
        assert!(!backup::is_backup_name(bad), "{bad}");
    }
    assert!(Path::new(backup::FOLDER).is_relative());
}

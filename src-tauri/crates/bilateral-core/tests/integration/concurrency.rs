//! Two writers on one file (the app and the CLI): a write made while an import holds the
//! database waits for it instead of failing with "database is locked", and nothing is lost.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use bilateral_core::merge::Coverage;
use bilateral_core::{Curator, Kind, Store};

use crate::fixtures::{event, store_on_disk};

#[test]
fn an_edit_during_a_long_import_waits_and_both_are_kept() {
    let (_dir, store, path) = store_on_disk();
    let mut app = Curator::new(store);
    app.create(event("mine", "2020", Kind::Other))
        .expect("create");

    let (started, wait_started) = mpsc::channel();
    let importer = std::thread::spawn(move || {
        let mut cli = Store::open(&path).expect("cli opens the same file");
        let batch: Vec<_> = (0..400)
            .map(|i| event(&format!("imported{i}"), "2021", Kind::Visit))
            .collect();
        let mut told = false;
        cli.import_with_progress(&batch, Coverage::ALL, |_, _| {
            if !told {
                started.send(()).expect("signal");
                told = true;
            }
            // A slow import: the write lock is held for about a second.
            std::thread::sleep(Duration::from_millis(2));
            true
        })
        .expect("import")
    });
    wait_started.recv().expect("the import has begun");
    let mut edit = app.store().get("mine").expect("mine").event;
    edit.title = "Edited while the CLI imports".into();
    let began = Instant::now();
    app.update(edit)
        .expect("the edit waits for the import, then succeeds");
    let waited = began.elapsed();
    let outcome = importer.join().expect("importer");
    let bilateral_core::import::ImportOutcome::Imported(report) = outcome else {
        panic!("the import was not cancelled");
    };
    assert_eq!(report.created, 400);
    assert_eq!(
        app.store().count().expect("count"),
        401,
        "every imported event is there"
    );
    assert_eq!(
        app.store().get("mine").expect("mine").event.title,
        "Edited while the CLI imports",
        "and so is the edit"
    );
    println!("edit waited {waited:?} for the import");
}

#[test]
fn a_write_blocked_past_the_timeout_reports_and_changes_nothing() {
    let (_dir, mut store, path) = store_on_disk();
    let holder = rusqlite::Connection::open(&path).expect("other writer");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    let began = Instant::now();
    let err = store
        .create(event("late", "2020", Kind::Other))
        .expect_err("cannot write while another writer holds the lock");
    assert!(
        began.elapsed() >= bilateral_core::store::BUSY_TIMEOUT - Duration::from_millis(100),
        "the write waited for the busy timeout before giving up ({:?})",
        began.elapsed()
    );
    assert!(
        err.to_string().contains("locked") || err.to_string().contains("busy"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").expect("release");
    assert_eq!(store.count().expect("count"), 0, "nothing half-written");
}

use bilateral_core::{Curator, Error, Kind, Store};

use crate::fixtures::{event, store_on_disk};

#[test]
fn undo_and_redo_replay_add_edit_and_delete_exactly() {
    let (_dir, store, path) = store_on_disk();
    let mut curator = Curator::new(store);
    curator
        .store_mut()
        .sync_dataset(&[event("shipped", "1972-02-21", Kind::Visit)], "v1")
        .expect("dataset");
    let original = curator.store().get("shipped").expect("shipped");

    curator
        .create(event("mine", "2024-01-30", Kind::Other))
        .expect("create");
    let mut changed = original.event.clone();
    changed.title = "Edited".into();
    curator.update(changed).expect("edit");
    curator.delete("shipped").expect("delete");

    let step = curator.undo().expect("undo delete").expect("a step");
    assert_eq!(step.id, "shipped");
    assert_eq!(
        curator.store().get("shipped").expect("back").event.title,
        "Edited"
    );
    curator.undo().expect("undo edit");
    assert_eq!(
        curator.store().get("shipped").expect("restored"),
        original,
        "undo restores every field, flags included"
    );
    curator.undo().expect("undo create");
    assert!(matches!(
        curator.store().get("mine"),
        Err(Error::NotFound { .. })
    ));
    assert!(curator.undo().expect("nothing left").is_none());

    curator.redo().expect("redo create");
    curator.redo().expect("redo edit");
    curator.redo().expect("redo delete");
    assert!(curator.redo().expect("nothing to redo").is_none());
    assert!(curator.store().get("mine").is_ok());
    assert!(matches!(
        curator.store().get("shipped"),
        Err(Error::NotFound { .. })
    ));

    drop(curator);
    let mut store = Store::open(&path).expect("reopen");
    let report = store
        .sync_dataset(&[event("shipped", "1972-02-21", Kind::Visit)], "v2")
        .expect("upgrade");
    assert_eq!(
        report.added, 0,
        "a redone delete of a shipped event survives an upgrade"
    );
}

#[test]
fn a_new_change_clears_redo_and_failed_writes_record_nothing() {
    let (_dir, store, _) = store_on_disk();
    let mut curator = Curator::new(store);
    curator
        .create(event("a", "2020", Kind::Other))
        .expect("create");
    curator.undo().expect("undo");
    assert!(curator.can_redo());
    curator
        .create(event("b", "2021", Kind::Other))
        .expect("create");
    assert!(!curator.can_redo(), "a new change starts a new branch");

    let mut bad = event("b", "2021", Kind::Other);
    bad.title.clear();
    assert!(curator.update(bad).is_err());
    curator.undo().expect("undo");
    assert!(!curator.can_undo(), "the failed edit left no step behind");
}

#[test]
fn undo_refuses_to_overwrite_a_change_another_writer_made() {
    let (_dir, store, path) = store_on_disk();
    let mut app = Curator::new(store);
    let original = event("e", "2024-01-30", Kind::Meeting);
    app.create(original.clone()).expect("create");
    let mut edit = original.clone();
    edit.title = "Edited in the app".into();
    app.update(edit).expect("edit");

    // The CLI, another connection to the same file, imports a newer version.
    let mut cli = Store::open(&path).expect("second writer");
    let mut theirs = original.clone();
    theirs.title = "Imported by the CLI".into();
    cli.import(&[theirs]).expect("cli import");

    let err = app
        .undo()
        .expect_err("undo must not discard the CLI's version");
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    assert!(err.to_string().contains("changed elsewhere"), "{err}");
    assert_eq!(
        app.store().get("e").expect("e").event.title,
        "Imported by the CLI",
        "the other writer's version is still there"
    );
    assert!(app.can_undo(), "the refused step stays on the stack");
}

#[test]
fn an_import_is_one_undo_step_and_redo_puts_it_back() {
    let (_dir, store, _) = store_on_disk();
    let mut app = Curator::new(store);
    app.create(event("kept", "2020", Kind::Other))
        .expect("create");
    let before = app.store().get("kept").expect("kept");
    let mut changed = before.event.clone();
    changed.title = "Changed by the import".into();
    let batch = [
        changed,
        event("new1", "2021", Kind::Visit),
        event("new2", "2022", Kind::Call),
    ];
    app.import_with_progress(&batch, bilateral_core::merge::Coverage::ALL, |_, _| true)
        .expect("import");
    let after = app.store().get("kept").expect("kept");

    let step = app.undo().expect("undo").expect("the import is a step");
    assert_eq!(
        step.count, 3,
        "one step covers every event the import changed"
    );
    assert_eq!(app.store().count().expect("count"), 1);
    assert_eq!(app.store().get("kept").expect("kept"), before);
    let undone_create = app
        .undo()
        .expect("undo create")
        .expect("the create is next");
    assert_eq!(undone_create.id, "kept");

    app.redo().expect("redo create");
    app.redo().expect("redo import");
    assert_eq!(app.store().count().expect("count"), 3);
    assert_eq!(app.store().get("kept").expect("kept"), after);
}

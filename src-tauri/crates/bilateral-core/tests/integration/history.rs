use bilateral_core::{Curator, Effect, Error, HistoryState, Kind, StepKind, Store};

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
    assert_eq!(step.events[0].id, "shipped");
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
        step.events.len(),
        3,
        "one step covers every event the import changed"
    );
    assert_eq!(app.store().count().expect("count"), 1);
    assert_eq!(app.store().get("kept").expect("kept"), before);
    let undone_create = app
        .undo()
        .expect("undo create")
        .expect("the create is next");
    assert_eq!(undone_create.events[0].id, "kept");

    app.redo().expect("redo create");
    app.redo().expect("redo import");
    assert_eq!(app.store().count().expect("count"), 3);
    assert_eq!(app.store().get("kept").expect("kept"), after);
}

#[test]
fn each_write_answers_what_it_changed_and_the_history_after_it() {
    let (_dir, store, _) = store_on_disk();
    let mut app = Curator::new(store);

    let created = app
        .create(event("mine", "2024-01-30", Kind::Meeting))
        .expect("create");
    assert_eq!(created.kind, StepKind::Edit);
    assert_eq!(created.events.len(), 1, "one event was added");
    let added = &created.events[0];
    assert_eq!((added.id.as_str(), added.effect), ("mine", Effect::Created));
    assert_eq!(
        added.event.as_ref().map(|e| e.event.title.as_str()),
        Some("Event mine"),
        "the panel shows the new event from the answer"
    );
    assert_eq!(
        created.history,
        HistoryState {
            can_undo: true,
            can_redo: false
        },
        "after an add only undo is offered"
    );

    let mut edit = app.store().get("mine").expect("mine").event;
    edit.title = "Renamed".into();
    let updated = app.update(edit).expect("update");
    assert_eq!(updated.events[0].effect, Effect::Updated);
    assert_eq!(
        updated.events[0]
            .event
            .as_ref()
            .map(|e| e.event.title.as_str()),
        Some("Renamed")
    );

    let deleted = app.delete("mine").expect("delete");
    assert_eq!(
        (deleted.events[0].effect, deleted.events[0].event.is_none()),
        (Effect::Deleted, true),
        "a deleted event is reported gone, with nothing to show"
    );

    let undone = app.undo().expect("undo").expect("the delete");
    assert_eq!(
        undone.events[0].effect,
        Effect::Created,
        "undoing a delete brings the event back"
    );
    assert_eq!(
        undone.events[0]
            .event
            .as_ref()
            .map(|e| e.event.title.as_str()),
        Some("Renamed"),
        "as it was when deleted"
    );
    assert_eq!(
        undone.history,
        HistoryState {
            can_undo: true,
            can_redo: true
        }
    );

    let undone = app.undo().expect("undo").expect("the rename");
    assert_eq!(undone.events[0].effect, Effect::Updated);
    assert_eq!(
        undone.events[0]
            .event
            .as_ref()
            .map(|e| e.event.title.as_str()),
        Some("Event mine"),
        "undoing an edit answers the event as it was before"
    );
    let undone = app.undo().expect("undo").expect("the add");
    assert_eq!(
        (undone.events[0].effect, undone.history.can_undo),
        (Effect::Deleted, false),
        "undoing the add removes the event and leaves nothing to undo"
    );

    let redone = app.redo().expect("redo").expect("the add");
    assert_eq!(redone.events[0].effect, Effect::Created);
    assert_eq!(
        redone.history,
        HistoryState {
            can_undo: true,
            can_redo: true
        }
    );
}

#[test]
fn an_undone_import_lists_its_events_without_carrying_them() {
    let (_dir, store, _) = store_on_disk();
    let mut app = Curator::new(store);
    let batch = [
        event("new1", "2021", Kind::Visit),
        event("new2", "2022", Kind::Call),
    ];
    app.import_with_progress(&batch, bilateral_core::merge::Coverage::ALL, |_, _| true)
        .expect("import");
    let undone = app.undo().expect("undo").expect("the import");
    assert_eq!(undone.kind, StepKind::Import);
    let mut ids: Vec<(&str, Effect)> = undone
        .events
        .iter()
        .map(|c| (c.id.as_str(), c.effect))
        .collect();
    ids.sort_unstable_by_key(|(id, _)| *id);
    assert_eq!(
        ids,
        [("new1", Effect::Deleted), ("new2", Effect::Deleted)],
        "every imported event is named as removed"
    );
    let redone = app.redo().expect("redo").expect("the import");
    assert!(
        redone
            .events
            .iter()
            .all(|c| c.effect == Effect::Created && c.event.is_none()),
        "an import's events are not sent back whole: the view reads its window"
    );
}

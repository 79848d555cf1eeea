//! Bulk deletes from the table's selection: many events deleted at once, all or nothing, one
//! undo; too many to undo, the store is backed up first.

use bilateral_core::backup::{self, Reason};
use bilateral_core::{
    BulkTarget, Curator, Error, Filter, Kind, Origin, SearchQuery, StepKind, Store,
};
use serde_json::json;

use crate::fixtures::{all_events, curator_of_five, event, listed, store_on_disk};

fn stored_ids(store: &Store) -> Vec<String> {
    all_events(store).into_iter().map(|s| s.event.id).collect()
}

fn found(store: &Store, text: &str) -> Vec<String> {
    let query = SearchQuery {
        text: text.to_owned(),
        limit: 50,
        filter: None,
    };
    let mut ids: Vec<String> = store
        .search(&query)
        .expect("search")
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_bulk_delete_removes_every_listed_event_and_one_undo_puts_them_back_exactly() {
    let (_dir, mut curator) = curator_of_five();
    let before = all_events(curator.store());
    assert_eq!(
        found(curator.store(), "event"),
        ["a", "b", "c", "d", "shipped"]
    );

    let answer = curator
        .bulk_delete(&listed(&["shipped", "b", "c", "b"]))
        .expect("bulk delete");
    assert_eq!(answer.deleted.deleted, 3, "an id listed twice is one event");
    assert!(answer.deleted.undoable);
    assert!(
        answer.deleted.backup.is_none(),
        "an undoable delete needs no backup"
    );
    assert_eq!(
        answer.deleted.compacted, None,
        "a store of five events is not worth compacting"
    );
    assert_eq!(answer.change.kind, StepKind::BulkDelete);
    assert_eq!(
        answer.change.events.len(),
        3,
        "the answer names each deleted event"
    );
    assert!(answer.change.history.can_undo);

    assert_eq!(stored_ids(curator.store()), ["a", "d"]);
    assert_eq!(
        found(curator.store(), "event"),
        ["a", "d"],
        "deleted events leave the search index"
    );
    let facets = curator.store().facets(&Filter::default()).expect("facets");
    assert_eq!(facets.total, 2, "and the counts");
    let visits = facets.kinds.iter().find(|k| k.kind == Kind::Visit);
    assert!(
        visits.is_none(),
        "no visit is left to count: {:?}",
        facets.kinds
    );

    // A shipped event deleted in bulk stays deleted when the dataset is synced again.
    curator
        .store_mut()
        .sync_dataset(&[event("shipped", "1972-02-21", Kind::Visit)], "v2")
        .expect("sync");
    assert!(
        curator.store().get("shipped").is_err(),
        "an upgrade does not revive it"
    );

    let undone = curator.undo().expect("undo").expect("a step");
    assert_eq!(undone.kind, StepKind::BulkDelete);
    assert_eq!(
        undone.events.len(),
        3,
        "one undo brings back the whole delete"
    );
    assert_eq!(
        all_events(curator.store()),
        before,
        "exactly as they were: origin, flags, stamps, actors, sources"
    );
    assert_eq!(
        found(curator.store(), "event"),
        ["a", "b", "c", "d", "shipped"]
    );
    assert_eq!(
        curator
            .store()
            .facets(&Filter::default())
            .expect("facets")
            .total,
        5
    );

    curator.redo().expect("redo").expect("a step");
    assert_eq!(
        stored_ids(curator.store()),
        ["a", "d"],
        "redo deletes them again"
    );
}

#[test]
fn a_bulk_delete_by_filter_reaches_every_matching_event_but_the_exceptions() {
    let (_dir, mut curator) = curator_of_five();
    let target = BulkTarget::Matching {
        filter: Filter {
            origins: vec![Origin::User],
            ..Filter::default()
        },
        except: vec!["b".to_owned()],
    };
    let answer = curator.bulk_delete(&target).expect("bulk delete");
    assert_eq!(answer.deleted.deleted, 3);
    assert_eq!(
        stored_ids(curator.store()),
        ["shipped", "b"],
        "the shipped event is outside the filter, b is excepted"
    );
}

#[test]
fn a_bad_request_names_its_field_and_deletes_nothing() {
    let (_dir, mut curator) = curator_of_five();
    let before = all_events(curator.store());

    let missing = curator
        .bulk_delete(&listed(&["a", "c", "nowhere"]))
        .expect_err("an id that is not stored is refused");
    assert_eq!(missing.field(), Some("target.ids[2]"), "{missing}");
    assert!(missing.to_string().contains("nowhere"), "{missing}");
    assert_eq!(all_events(curator.store()), before, "nothing was deleted");
    let undone = curator.undo().expect("undo").expect("a step");
    assert_eq!(
        (undone.kind, undone.events.len()),
        (StepKind::Edit, 1),
        "no step was recorded for it: undo takes back the last create"
    );
    assert!(curator.store().get("d").is_err());

    let bad_kind = BulkTarget::from_json(json!({
        "type": "matching",
        "filter": { "kinds": ["sumit"] },
    }))
    .expect_err("an unknown kind is refused");
    assert_eq!(
        bad_kind.field(),
        Some("target.filter.kinds[0]"),
        "{bad_kind}"
    );
    let bad_type = BulkTarget::from_json(json!({ "type": "everything" }))
        .expect_err("an unknown target is refused");
    assert_eq!(bad_type.field(), Some("target.type"), "{bad_type}");
    let bad_ids = BulkTarget::from_json(json!({ "type": "ids", "ids": ["a", 7] }))
        .expect_err("an id that is not text is refused");
    assert_eq!(bad_ids.field(), Some("target.ids[1]"), "{bad_ids}");
    assert!(matches!(bad_type, Error::Invalid { .. }));
}

#[test]
fn a_delete_too_large_to_undo_is_backed_up_first_and_the_backup_brings_it_back() {
    let (_dir, store, _) = store_on_disk();
    let mut curator = Curator::new(store);
    let many = bilateral_core::import::UNDO_LIMIT + 1;
    let events: Vec<_> = (0..many)
        .map(|i| {
            let mut e = event(&format!("g{i:05}"), "2020-01-01", Kind::Statement);
            e.tags = vec!["bulk".to_owned()];
            e
        })
        .collect();
    curator.store_mut().import(&events).expect("import");
    curator
        .create(event("kept", "2021-03-18", Kind::Meeting))
        .expect("create");
    let target = BulkTarget::Matching {
        filter: Filter {
            tags: vec!["bulk".to_owned()],
            ..Filter::default()
        },
        except: Vec::new(),
    };

    let answer = curator.bulk_delete(&target).expect("bulk delete");
    assert_eq!(answer.deleted.deleted as usize, many);
    assert!(
        !answer.deleted.undoable,
        "more than the undo limit is not an undo step"
    );
    assert!(
        answer.change.events.is_empty(),
        "and its events are not carried"
    );
    let backup = answer.deleted.backup.expect("a backup was taken first");
    assert_eq!(backup.reason, Reason::BeforeDelete);
    assert!(backup.name.contains("before-delete"), "{}", backup.name);
    assert_eq!(
        backup.events,
        Some(u32::try_from(many + 1).expect("fits")),
        "the backup holds the store as it was before the delete"
    );
    assert_eq!(stored_ids(curator.store()), ["kept"]);
    let compacted = answer
        .deleted
        .compacted
        .expect("all but one event gone: the file is compacted");
    assert!(
        compacted.bytes_after * 4 < compacted.bytes_before,
        "{compacted:?}"
    );
    assert_eq!(
        curator
            .store()
            .facets(&Filter::default())
            .expect("facets")
            .total,
        1
    );
    // Their actor and tag rows went with them (recounted, nothing of theirs is left over).
    let facets = curator.store().facets(&Filter::default()).expect("facets");
    assert!(
        facets.actors.iter().all(|a| a.count == 1),
        "only the kept event's actors are counted: {:?}",
        facets.actors
    );
    assert!(
        facets.tags.iter().all(|t| t.tag != "bulk" && t.count == 1),
        "only the kept event's tags are counted: {:?}",
        facets.tags
    );
    // Most of the store went: its indexes were built again from the one event left.
    assert_eq!(found(curator.store(), "event"), ["kept"]);
    assert_eq!(found(curator.store(), "g00007"), Vec::<String>::new());
    let page = curator
        .store()
        .table_page(&bilateral_core::TableQuery {
            filter: None,
            sort: bilateral_core::TableSort {
                column: bilateral_core::TableColumn::Title,
                descending: false,
            },
            offset: 0,
            limit: 10,
        })
        .expect("table sorted by title, through its rebuilt index");
    assert_eq!(page.total, 1);
    let undone = curator.undo().expect("undo").expect("a step");
    assert_eq!(
        undone.kind,
        StepKind::Edit,
        "undo skips to the step before: the create"
    );
    assert!(curator.store().get("kept").is_err());

    let path = backup::find(curator.store(), &backup.name).expect("listed");
    let restored = curator.restore(&path).expect("restore");
    assert_eq!(
        restored.events as usize,
        many + 1,
        "the backup brings them back"
    );
}

#[test]
fn a_bulk_delete_stopped_part_way_deletes_nothing_and_every_index_reads_as_before() {
    let (_dir, store, _) = store_on_disk();
    let mut curator = Curator::new(store);
    // Enough to be most of the store: its indexes are dropped and built again on the way.
    let events: Vec<_> = (0..3000)
        .map(|i| event(&format!("g{i:05}"), "2020-01-01", Kind::Statement))
        .collect();
    curator.store_mut().import(&events).expect("import");
    let before = stored_ids(curator.store());
    let target = BulkTarget::Matching {
        filter: Filter {
            kinds: vec![Kind::Statement],
            ..Filter::default()
        },
        except: Vec::new(),
    };
    let mut heard = Vec::new();
    let mut stop_at = |done: usize, total: usize| {
        heard.push((done, total));
        done < 1500
    };
    let err = curator
        .bulk_delete_with_progress(&target, &mut stop_at)
        .expect_err("stopped half way");
    assert!(matches!(err, Error::DeleteCancelled), "{err}");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(heard.first(), Some(&(0, 3000)), "told the count first");
    assert_eq!(heard.last(), Some(&(1500, 3000)), "stopped when told to");
    assert_eq!(stored_ids(curator.store()), before, "nothing deleted");
    assert!(!curator.state().can_undo, "and no step recorded");
    assert_eq!(found(curator.store(), "g01234"), ["g01234"]);
    assert_eq!(
        curator
            .store()
            .facets(&Filter::default())
            .expect("facets")
            .total as usize,
        before.len()
    );

    // Stopped after every event is out, while the indexes are built again: still nothing.
    let mut at_the_end = |done: usize, total: usize| done < total;
    let err = curator
        .bulk_delete_with_progress(&target, &mut at_the_end)
        .expect_err("stopped at the end");
    assert!(matches!(err, Error::DeleteCancelled), "{err}");
    assert_eq!(stored_ids(curator.store()), before, "nothing deleted");
    assert_eq!(found(curator.store(), "g02999"), ["g02999"]);

    // Left to run, every report rises to the whole count.
    let mut counts = Vec::new();
    let answer = curator
        .bulk_delete_with_progress(&target, &mut |done, total| {
            counts.push((done, total));
            true
        })
        .expect("bulk delete");
    assert_eq!(answer.deleted.deleted, 3000);
    assert!(
        counts.windows(2).all(|w| w[0].0 <= w[1].0),
        "never goes back"
    );
    assert_eq!(counts.last(), Some(&(3000, 3000)));
}

//! Bulk edits from the table's selection: one change to many events, all or nothing, one undo.

use bilateral_core::{Actor, ActorRef, BulkEdit, BulkTarget, Error, Filter, Kind, Side};
use serde_json::json;

use crate::fixtures::{all_events, curator_of_five, listed};

fn edit(target: BulkTarget) -> BulkEdit {
    BulkEdit {
        target,
        set_kind: None,
        add_tags: Vec::new(),
        remove_tags: Vec::new(),
        add_actors: Vec::new(),
        remove_actors: Vec::new(),
    }
}

#[test]
fn a_bulk_edit_changes_every_listed_event_and_one_undo_restores_them_all_exactly() {
    let (_dir, mut curator) = curator_of_five();
    let before = all_events(curator.store());
    let change = BulkEdit {
        set_kind: Some(Kind::Meeting),
        add_tags: vec!["reviewed".into()],
        remove_tags: vec!["APEC".into()],
        add_actors: vec![Actor {
            name: "Wang Yi".into(),
            side: Side::China,
            name_zh: None,
            pinyin: None,
        }],
        remove_actors: vec![ActorRef {
            name: " joe biden".into(),
            side: Side::Us,
        }],
        ..edit(listed(&["shipped", "b", "c"]))
    };
    let answer = curator.bulk_edit(&change).expect("bulk edit");
    let done = answer.edited;
    assert_eq!((done.matched, done.changed, done.undoable), (3, 3, true));
    assert_eq!(
        answer.change.events.len(),
        3,
        "the answer names every changed event"
    );
    assert!(answer.change.history.can_undo, "and says it can be undone");

    for id in ["shipped", "b", "c"] {
        let stored = curator.store().get(id).expect("edited event");
        assert_eq!(stored.event.kind, Kind::Meeting, "{id} gets the new kind");
        assert!(
            stored.event.tags.contains(&"reviewed".to_owned()),
            "{id} gains the tag"
        );
        assert!(
            !stored.event.tags.iter().any(|t| t == "apec"),
            "{id} loses the tag, whatever its case: {:?}",
            stored.event.tags
        );
        let actors: Vec<_> = stored
            .event
            .actors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(actors, ["Xi Jinping", "Wang Yi"], "{id}'s actors");
    }
    assert!(
        curator.store().get("shipped").expect("shipped").edited,
        "a shipped event changed in bulk is marked edited, so upgrades keep it"
    );
    assert_eq!(
        curator.store().get("a").expect("a").event.kind,
        Kind::MilitaryIncident,
        "an event not selected is left alone"
    );

    let undone = curator.undo().expect("undo").expect("a step");
    assert_eq!(
        undone.events.len(),
        3,
        "one undo step covers the whole bulk edit"
    );
    assert_eq!(
        all_events(curator.store()),
        before,
        "undo restores every event exactly: kind, tags, actors, flags and stamps"
    );
    curator.undo().expect("undo the create before it");
    assert!(
        curator.store().get("d").is_err(),
        "the step before the bulk edit is the last create, not part of it"
    );
    curator.redo().expect("redo create");
    curator.redo().expect("redo bulk edit");
    assert_eq!(
        curator.store().get("b").expect("b").event.kind,
        Kind::Meeting,
        "redo applies it again"
    );
    assert_eq!(
        curator.store().get("shipped").expect("s").event.kind,
        Kind::Meeting
    );
}

#[test]
fn a_bulk_edit_by_filter_reaches_every_matching_event_but_the_exceptions() {
    let (_dir, mut curator) = curator_of_five();
    let before = all_events(curator.store());
    let filter = Filter {
        kinds: vec![Kind::Visit, Kind::Summit, Kind::TradeMeasure],
        ..Filter::default()
    };
    let change = BulkEdit {
        add_tags: vec!["bulk".into()],
        ..edit(BulkTarget::Matching {
            filter,
            except: vec!["c".into()],
        })
    };
    let done = curator
        .bulk_edit(&change)
        .expect("bulk edit by filter")
        .edited;
    assert_eq!(
        (done.matched, done.changed),
        (3, 3),
        "shipped, b and d; c excepted"
    );
    let tagged: Vec<_> = all_events(curator.store())
        .into_iter()
        .filter(|s| s.event.tags.contains(&"bulk".to_owned()))
        .map(|s| s.event.id)
        .collect();
    assert_eq!(tagged, ["shipped", "b", "d"]);
    curator.undo().expect("undo").expect("step");
    assert_eq!(
        all_events(curator.store()),
        before,
        "one undo takes back the whole filter's edit"
    );
}

#[test]
fn events_the_change_would_not_alter_are_left_untouched_and_unmarked() {
    let (_dir, mut curator) = curator_of_five();
    let shipped = curator.store().get("shipped").expect("shipped");
    let change = BulkEdit {
        set_kind: Some(Kind::Visit),
        ..edit(listed(&["shipped", "a", "a"]))
    };
    let done = curator.bulk_edit(&change).expect("bulk edit").edited;
    assert_eq!(
        (done.matched, done.changed),
        (2, 1),
        "an id listed twice counts once; the visit already a visit is not changed"
    );
    assert_eq!(
        curator.store().get("shipped").expect("shipped"),
        shipped,
        "an event that already is a visit is not rewritten nor marked edited"
    );
}

#[test]
fn a_bad_request_names_its_field_and_writes_nothing() {
    let (_dir, mut curator) = curator_of_five();
    let before = all_events(curator.store());

    let bad_kind = BulkEdit::from_json(json!({
        "target": { "type": "ids", "ids": ["a"] },
        "set_kind": "sumit",
    }))
    .expect_err("an unknown kind is refused");
    assert_eq!(bad_kind.field(), Some("set_kind"), "{bad_kind}");

    let bad_side = BulkEdit::from_json(json!({
        "target": { "type": "ids", "ids": ["a"] },
        "add_actors": [{ "name": "Wang Yi", "side": "mars" }],
    }))
    .expect_err("an unknown side is refused");
    assert_eq!(bad_side.field(), Some("add_actors[0].side"), "{bad_side}");

    let cases = [
        (edit(listed(&["a"])), "edit"),
        (
            BulkEdit {
                set_kind: Some(Kind::Call),
                ..edit(listed(&[]))
            },
            "target.ids",
        ),
        (
            BulkEdit {
                add_tags: vec!["ok".into(), "  ".into()],
                ..edit(listed(&["a"]))
            },
            "add_tags[1]",
        ),
        (
            BulkEdit {
                add_actors: vec![Actor {
                    name: "line\nbreak".into(),
                    side: Side::Us,
                    name_zh: None,
                    pinyin: None,
                }],
                ..edit(listed(&["a"]))
            },
            "add_actors[0].name",
        ),
        (
            BulkEdit {
                set_kind: Some(Kind::Call),
                ..edit(listed(&["a", "a", "b", "nope"]))
            },
            "target.ids[3]",
        ),
    ];
    for (change, field) in cases {
        let error = curator.bulk_edit(&change).expect_err("refused");
        assert!(matches!(error, Error::Invalid { .. }), "{error}");
        assert_eq!(error.field(), Some(field), "{error}");
    }
    assert_eq!(
        all_events(curator.store()),
        before,
        "a refused bulk edit writes nothing, not even to the events listed before the bad one"
    );
    assert!(
        !curator.can_undo() || curator.undo().expect("undo").expect("step").events.len() == 1,
        "a refused bulk edit records no step"
    );
}

#[test]
fn search_finds_events_by_a_tag_or_actor_added_in_bulk_and_not_by_one_removed() {
    let (_dir, mut curator) = curator_of_five();
    let change = BulkEdit {
        add_tags: vec!["Zanzibarian".into()],
        add_actors: vec![Actor {
            name: "Quillon Marsh".into(),
            side: Side::ThirdParty,
            name_zh: None,
            pinyin: None,
        }],
        remove_tags: vec!["apec".into()],
        ..edit(listed(&["a", "b"]))
    };
    curator.bulk_edit(&change).expect("bulk edit");
    let store = curator.store();
    let found = |text: &str| {
        let mut ids = crate::fixtures::search_ids(store, text);
        ids.sort();
        ids
    };
    assert_eq!(
        found("zanzibarian"),
        ["a", "b"],
        "the tag added in bulk is searchable"
    );
    assert_eq!(
        found("quillon"),
        ["a", "b"],
        "the actor added in bulk is searchable"
    );
    let apec = crate::fixtures::search_ids(store, "apec");
    assert!(
        !apec.contains(&"a".to_owned()) && apec.contains(&"c".to_owned()),
        "the removed tag no longer finds the edited events: {apec:?}"
    );
}

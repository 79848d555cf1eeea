//! Facets of filters on actors, tags and dates come from a copy of the events' fields held in
//! memory by each connection: a read connection's copy must follow every commit of the writer,
//! and never answer from the state it was read in.

use bilateral_core::merge::Coverage;
use bilateral_core::{Curator, Filter, Kind, Side, Store};

use crate::facet_cube::{actor, copied_filters, varied};
use crate::fixtures::{event, shipped_store};

fn assert_copy_matches(reader: &Store, when: &str) {
    for filter in copied_filters() {
        assert_eq!(
            reader.facets(&filter).expect("facets"),
            reader.facets_counted(&filter).expect("facets"),
            "after {when}, the reader's facets of {filter:?} differ from those counted"
        );
    }
}

#[test]
fn a_read_connections_copy_follows_the_writers_commits() {
    let (_dir, store, path) = shipped_store();
    let mut curator = Curator::new(store);
    curator
        .import_with_progress(&varied(400, "r-"), Coverage::ALL, |_, _| true)
        .expect("import");
    let reader = Store::open_read_only(&path).expect("reader");
    assert_copy_matches(&reader, "an import");

    let with_actor = Filter {
        actors: vec!["Actor 3".into()],
        ..Filter::default()
    };
    let before = reader.facets(&with_actor).expect("facets");
    assert!(before.total > 0, "the varied events name Actor 3");

    let mut new = event("new-1", "2024-05-05", Kind::Summit);
    new.actors.push(actor("Actor 3", Side::China));
    new.tags = vec!["fresh".into()];
    curator.create(new).expect("create");
    let after = reader.facets(&with_actor).expect("facets");
    assert_eq!(after.total, before.total + 1, "the new event is counted");
    assert!(
        after.tags.iter().any(|t| t.tag == "fresh" && t.count == 1),
        "the new event's tag is counted: {:?}",
        after.tags
    );
    assert_copy_matches(&reader, "creating an event");

    curator.delete("new-1").expect("delete");
    assert_eq!(
        reader.facets(&with_actor).expect("facets"),
        before,
        "a deleted event is no longer counted"
    );

    // Written with the triggers suspended and the counts rebuilt, updating earlier events.
    let mut large = varied(2_400, "b-");
    large.extend(varied(200, "r-").into_iter().map(|mut e| {
        e.kind = Kind::Hearing;
        e.actors = vec![actor("Nancy Pelosi", Side::Us)];
        e
    }));
    curator
        .import_with_progress(&large, Coverage::ALL, |_, _| true)
        .expect("a large import");
    assert_copy_matches(&reader, "a large import");
    curator.undo().expect("undo").expect("the large import");
    assert_copy_matches(&reader, "undoing a large import");
}

//! Facets of filters on actors, tags and dates, and the density strip and totals of windows,
//! come from copies held in memory by each connection (the events' filtered fields, the
//! per-day counts): a read connection's copies must follow every commit of the writer, and
//! never answer from the state they were read in.

use bilateral_core::merge::Coverage;
use bilateral_core::{Curator, Filter, Kind, Side, Store, WindowQuery};

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

#[test]
fn a_read_connections_density_and_totals_follow_the_writers_commits() {
    let (_dir, store, path) = shipped_store();
    let mut curator = Curator::new(store);
    let reader = Store::open_read_only(&path).expect("reader");
    // 2024 in 12 slices: with more events than the limit, the window is capped and has them.
    let year = WindowQuery {
        from: "2024-01-01".into(),
        to: "2024-12-31".into(),
        limit: 1,
        buckets: 12,
        filter: None,
    };
    let before = reader.window(&year).expect("window");
    let may = |w: &bilateral_core::Window| w.buckets.get(4).map(|b| b.count).unwrap_or(0);

    let mut may_events: Vec<_> = (0..3)
        .map(|i| event(&format!("may-{i}"), "2024-05-05", Kind::Statement))
        .collect();
    // One began in 2023 and runs into 2024: counted in the first slice.
    let mut long = event("long", "2023-06-01", Kind::Visit);
    long.end = Some("2024-02-10".parse().expect("date"));
    may_events.push(long);
    for e in may_events {
        curator.create(e).expect("create");
    }
    let after = reader.window(&year).expect("window");
    assert_eq!(
        after.total,
        before.total + 4,
        "the new events are in the total"
    );
    assert_eq!(
        may(&after),
        may(&before) + 3,
        "May holds the three new events"
    );
    assert_eq!(
        after.buckets[0].count,
        before.buckets[0].count + 1,
        "the event begun before the window counts in its first slice"
    );
    assert_eq!(
        reader.density(&year).expect("density"),
        curator.store().density(&year).expect("density"),
        "the reader's density is the writer's"
    );

    curator.delete("may-0").expect("delete");
    assert_eq!(
        may(&reader.window(&year).expect("window")),
        may(&before) + 2
    );
}

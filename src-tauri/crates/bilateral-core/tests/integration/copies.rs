//! Facets of filters on actors, tags and dates, and the density strip and totals of windows,
//! come from copies held in memory by each connection (the events' filtered fields, the
//! per-day counts): a read connection's copies must follow every commit of the writer, and
//! never answer from the state they were read in.

use bilateral_core::merge::Coverage;
use bilateral_core::{Curator, Filter, Kind, Side, Store, WindowQuery};

use crate::facet_cube::{actor, copied_filters, cube_filters, varied};
use crate::fixtures::{event, shipped_store};

/// The shipped events and `n` varied ones (ids beginning `prefix`), written through a
/// curator, and the file they are in.
fn curated(n: usize, prefix: &str) -> (tempfile::TempDir, Curator, std::path::PathBuf) {
    let (dir, store, path) = shipped_store();
    let mut curator = Curator::new(store);
    curator
        .import_with_progress(&varied(n, prefix), Coverage::ALL, |_, _| true)
        .expect("import");
    (dir, curator, path)
}

fn assert_facets_match(reader: &Store, filters: Vec<Filter>, when: &str) {
    for filter in filters {
        assert_eq!(
            reader.facets(&filter).expect("facets"),
            reader.facets_counted(&filter).expect("facets"),
            "after {when}, the reader's facets of {filter:?} differ from those counted"
        );
    }
}

fn assert_copy_matches(reader: &Store, when: &str) {
    assert_facets_match(reader, copied_filters(), when);
}

#[test]
fn a_read_connections_copy_follows_the_writers_commits() {
    let (_dir, mut curator, path) = curated(400, "r-");
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

#[test]
fn filtered_windows_from_the_copy_equal_those_answered_in_sql() {
    let (_dir, mut curator, path) = curated(2_400, "w-");
    // Long events, begun before most windows: they count in a window's first slice.
    for (id, start, end) in [
        ("long-1", "1972-02", "2001-12-11"),
        ("long-2", "1980", "1999"),
    ] {
        let mut long = event(id, start, Kind::Visit);
        long.end = Some(end.parse().expect("date"));
        long.actors = vec![actor("Actor 3", Side::China)];
        long.tags = vec!["tag 4".into()];
        curator.create(long).expect("create");
    }
    let reader = Store::open_read_only(&path).expect("reader");
    let (mut crowded, mut extents) = (0, 0);
    for filter in copied_filters().into_iter().chain(cube_filters()) {
        for (from, to, limit, buckets) in [
            ("1970-01-01", "2026-12-31", 48, 100),
            ("1970-01-01", "2026-12-31", 7, 2_000),
            ("1975-01-01", "1985-12-31", 20, 30),
            ("1990-06-15", "1990-07-20", 5, 10),
            ("2000-01-01", "2000-12-31", 2_000, 12),
            ("1976-02-02", "1976-02-02", 1, 1),
        ] {
            let query = WindowQuery {
                from: from.into(),
                to: to.into(),
                limit,
                buckets,
                filter: Some(filter.clone()),
            };
            let copied = reader.window(&query).expect("window");
            let in_sql = reader.window_in_sql(&query).expect("window");
            let ids = |w: &bilateral_core::Window| {
                w.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>()
            };
            let case = format!("{from}..{to} (limit {limit}, {buckets} slices) under {filter:?}");
            assert_eq!(copied.total, in_sql.total, "the total of {case}");
            assert_eq!(ids(&copied), ids(&in_sql), "the events of {case}");
            assert_eq!(copied.buckets, in_sql.buckets, "the density of {case}");
            assert_eq!(copied, in_sql, "{case}");
            if copied.total > limit {
                crowded += 1;
                assert_eq!(
                    reader.density(&query).expect("density"),
                    copied.buckets,
                    "the density strip alone is the window's, {from}..{to} under {filter:?}"
                );
            }
        }
        // Fit all: the first and last day of every event the filter leaves.
        let every = reader
            .window_in_sql(&WindowQuery {
                from: "0001-01-01".into(),
                to: "9999-12-31".into(),
                limit: 2_000,
                buckets: 1,
                filter: Some(filter.clone()),
            })
            .expect("window");
        if every.total > 2_000 {
            // More than one window holds: its events do not all come back.
            continue;
        }
        extents += 1;
        let extent = reader.extent(&filter).expect("extent");
        let first = every.events.iter().map(|e| e.start.first_day()).min();
        let last = every
            .events
            .iter()
            .map(|e| e.end.unwrap_or(e.start).last_day())
            .max();
        assert_eq!(
            extent.map(|x| (x.first, x.last, x.count)),
            first
                .zip(last)
                .map(|(f, l)| (f.to_string(), l.to_string(), every.total)),
            "the extent under {filter:?}"
        );
    }
    assert!(crowded > 20, "most of these windows are capped: {crowded}");
    assert!(extents > 10, "most extents are checked: {extents}");
}

#[test]
fn the_lanes_of_a_file_share_one_copy_that_follows_the_writer() {
    use bilateral_core::readers::{Lane, Readers};
    let (_dir, mut curator, path) = curated(400, "l-");
    let readers = Readers::open(&path).expect("readers");
    let filter = Filter {
        actors: vec!["Actor 3".into()],
        ..Filter::default()
    };
    let whole = whole_span(&filter, 10, 20);
    let facets = || {
        readers
            .read(Lane::Facets, |s| s.facets(&filter))
            .expect("facets")
    };
    let window = || {
        readers
            .read(Lane::Timeline, |s| {
                let answer = s.window(&whole)?;
                assert_eq!(answer, s.window_in_sql(&whole)?, "the lane's window");
                Ok(answer)
            })
            .expect("window")
    };
    let (facets_before, window_before) = (facets(), window());

    let mut new = event("lane-1", "2001-05-05", Kind::Summit);
    new.actors.push(actor("Actor 3", Side::China));
    curator.create(new.clone()).expect("create");
    // The facets lane reads the copy again; the timeline lane then finds it read.
    assert_eq!(facets().total, facets_before.total + 1);
    assert_eq!(window().total, window_before.total + 1);

    // Two commits, the first seen by the facets lane alone: the timeline lane has seen one
    // change where the copy has seen two, and must still not take it as current.
    new.id = "lane-2".into();
    curator.create(new.clone()).expect("create");
    assert_eq!(facets().total, facets_before.total + 2);
    new.id = "lane-3".into();
    curator.create(new).expect("create");
    assert_eq!(window().total, window_before.total + 3);
    assert_eq!(facets().total, facets_before.total + 3);

    for id in ["lane-1", "lane-2", "lane-3"] {
        curator.delete(id).expect("delete");
    }
    // The other way round.
    assert_eq!(window().total, window_before.total);
    assert_eq!(facets(), facets_before);
}

/// A window over every year the test events span, under `filter`.
fn whole_span(filter: &Filter, limit: u32, buckets: u32) -> WindowQuery {
    WindowQuery {
        from: "1970-01-01".into(),
        to: "2026-12-31".into(),
        limit,
        buckets,
        filter: Some(filter.clone()),
    }
}

/// Filters the copy serves that test only an event's own row: dates, kinds.
fn row_filters() -> Vec<Filter> {
    vec![
        Filter {
            from: Some("1980".parse().expect("date")),
            to: Some("2001-06".parse().expect("date")),
            ..Filter::default()
        },
        Filter {
            kinds: vec![Kind::Hearing, Kind::Call, Kind::Visit],
            ..Filter::default()
        },
    ]
}

/// The copy's facets and windows under a few filters, against the same answered in SQL.
fn assert_windows_match(reader: &Store, when: &str) {
    assert_facets_match(reader, row_filters(), when);
    for filter in copied_filters().into_iter().take(4).chain(row_filters()) {
        let query = whole_span(&filter, 12, 40);
        assert_eq!(
            reader.window(&query).expect("window"),
            reader.window_in_sql(&query).expect("window"),
            "after {when}, the reader's window under {filter:?} differs from SQL's"
        );
    }
}

/// After a few changes a read connection brings its copy up to date from the log of changed
/// events (migrations 0017, 0019) instead of reading every event: each kind of change must land in
/// it as a whole read would have it, one patch after another on the same copy.
#[test]
fn a_copy_patched_after_each_kind_of_change_answers_as_sql_does() {
    use bilateral_core::bulk_edit::{BulkEdit, BulkTarget};
    let (_dir, mut curator, path) = curated(600, "p-");
    let reader = Store::open_read_only(&path).expect("reader");
    assert_copy_matches(&reader, "the import");

    // A new event with an actor and a tag the copy has never seen.
    let mut new = event("patch-new", "2021-03-18", Kind::Summit);
    new.actors = vec![
        actor("Actor 3", Side::China),
        actor("Someone New", Side::ThirdParty),
    ];
    new.tags = vec!["never seen".into()];
    curator.create(new.clone()).expect("create");
    let someone_new = Filter {
        actors: vec!["Someone New".into()],
        ..Filter::default()
    };
    assert_eq!(reader.facets(&someone_new).expect("facets").total, 1);
    assert_copy_matches(&reader, "creating an event with a new actor and tag");

    // The same event moved in time, of another kind, with other actors and tags.
    new.start = "1999-05-08".parse().expect("date");
    new.kind = Kind::Statement;
    new.actors = vec![actor("Actor 5", Side::Us)];
    new.tags = vec!["tag 4".into(), "moved".into()];
    curator.update(new).expect("update");
    assert_eq!(
        reader.facets(&someone_new).expect("facets").total,
        0,
        "the actor taken off the event is no longer counted"
    );
    assert_copy_matches(&reader, "editing an event");
    assert_windows_match(&reader, "editing an event");

    // A stored event (not one the copy gained by a patch) edited, then deleted.
    let mut old = curator.store().get("p-7").expect("p-7 is stored").event;
    old.kind = Kind::Hearing;
    old.actors.push(actor("Nancy Pelosi", Side::Us));
    curator.update(old).expect("update");
    assert_copy_matches(&reader, "editing an event read whole");
    curator.delete("p-8").expect("delete");
    assert_copy_matches(&reader, "deleting an event");
    assert_windows_match(&reader, "deleting an event");

    // Undone, the deleted event comes back under a new row id.
    curator.undo().expect("undo").expect("the delete");
    assert_copy_matches(&reader, "undoing a delete");

    // A bulk edit of a handful of events: patched, event by event.
    let ids: Vec<String> = (21..33)
        .filter(|i| i % 5 != 0)
        .map(|i| format!("p-{i}"))
        .collect();
    curator
        .bulk_edit(&BulkEdit {
            target: BulkTarget::Ids { ids },
            set_kind: Some(Kind::Call),
            add_tags: vec!["bulk".into()],
            remove_tags: Vec::new(),
            add_actors: vec![actor("Lai Ching-te", Side::Taiwan)],
            remove_actors: Vec::new(),
        })
        .expect("bulk edit");
    assert_copy_matches(&reader, "a bulk edit");
    assert_windows_match(&reader, "a bulk edit");

    // A large import asks for a whole read; edits after it are patched again.
    curator
        .import_with_progress(&varied(1_500, "q-"), Coverage::ALL, |_, _| true)
        .expect("a large import");
    assert_copy_matches(&reader, "a large import");
    curator.delete("q-3").expect("delete");
    assert_copy_matches(&reader, "a delete after a large import");
    assert_windows_match(&reader, "a delete after a large import");
}

/// A restored backup brings back a log of changes that went another way after the backup was
/// taken: a copy read before the restore must not patch itself from it, even once the log's
/// count has passed the copy's place again.
#[test]
fn a_copy_read_before_a_restore_is_read_whole_after_it() {
    use bilateral_core::backup::{self, Reason};
    let (_dir, mut store, path) = shipped_store();
    store.import(&varied(300, "r-")).expect("import");
    let taken = backup::take(&store, Reason::BeforeImport)
        .expect("backup")
        .expect("a store on disk has backups");
    let reader = Store::open_read_only(&path).expect("reader");
    let mut gone = event("gone-after-restore", "2010-06-01", Kind::Summit);
    gone.actors = vec![actor("Actor 3", Side::China)];
    // Logged in more rows than the first event created after the restore, which takes its
    // row id: a patch from the count alone would miss that event and keep this one.
    gone.tags = (0..10).map(|i| format!("gone {i}")).collect();
    store.create(gone).expect("create");
    let with_actor = Filter {
        actors: vec!["Actor 3".into()],
        ..Filter::default()
    };
    let with_gone = reader.facets(&with_actor).expect("facets");

    let source = backup::find(&store, &taken.name).expect("find");
    backup::restore(&mut store, &source).expect("restore");
    // More changes after the restore than before it, each on an event without Actor 3.
    for i in 0..4 {
        store
            .create(event(&format!("after-{i}"), "2011-01-01", Kind::Call))
            .expect("create");
    }
    let after = reader.facets(&with_actor).expect("facets");
    assert_eq!(
        after.total,
        with_gone.total - 1,
        "the event the restore took away is no longer counted"
    );
    assert_copy_matches(&reader, "a restore and changes after it");
}

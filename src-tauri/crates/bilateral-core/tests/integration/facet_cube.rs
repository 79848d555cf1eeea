//! Facets of filters on kind, origin, verification and side come from the facet cube, those of
//! other filters from the events' fields copied in memory, and the density strip from the day
//! sums copied in memory: each must give exactly what counting the events gives, after every
//! kind of write, after a bulk import and after an upgrade.

use bilateral_core::merge::Coverage;
use bilateral_core::{
    Actor, ActorRef, BulkEdit, BulkTarget, Curator, Event, Filter, Kind, Origin, Side, Store,
    Verification, WindowQuery,
};

use crate::fixtures::{event, release_store, shipped_store};
use crate::scale::assert_counts_match;

/// Filters the cube answers: one field, several, lists of values, and nothing matched.
pub(crate) fn cube_filters() -> Vec<Filter> {
    let f = Filter::default;
    vec![
        Filter {
            kinds: vec![Kind::Summit],
            ..f()
        },
        Filter {
            kinds: vec![Kind::Call, Kind::Meeting, Kind::Visit],
            ..f()
        },
        Filter {
            sides: vec![Side::China],
            ..f()
        },
        Filter {
            sides: vec![Side::Taiwan, Side::International],
            ..f()
        },
        Filter {
            verification: vec![Verification::SingleSource, Verification::Disputed],
            ..f()
        },
        Filter::default().without_gdelt(),
        Filter {
            origins: vec![Origin::Gdelt],
            ..f()
        },
        Filter {
            kinds: vec![Kind::Summit, Kind::Statement],
            sides: vec![Side::Us],
            verification: vec![Verification::Corroborated, Verification::SingleSource],
            ..f()
        }
        .without_gdelt(),
        Filter {
            kinds: vec![Kind::Election],
            sides: vec![Side::ThirdParty],
            ..f()
        },
    ]
}

/// The same filter, plus a date bound every event meets: the cube cannot answer it, so it is
/// answered from the events' fields copied in memory.
fn scanned(filter: &Filter) -> Filter {
    Filter {
        from: Some("0100".parse().expect("date")),
        ..filter.clone()
    }
}

/// Filters only the copy in memory answers: actors, tags, dates, and those with cell fields.
pub(crate) fn copied_filters() -> Vec<Filter> {
    let f = Filter::default;
    let names = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    vec![
        Filter {
            actors: names(&["Actor 3"]),
            ..f()
        },
        Filter {
            actors: names(&["Actor 5", "Lai Ching-te", "Nancy Pelosi", "nobody"]),
            kinds: vec![Kind::Hearing, Kind::Call, Kind::Summit],
            ..f()
        },
        Filter {
            tags: names(&["tag 4"]),
            ..f()
        },
        Filter {
            tags: names(&["bulk", "moved", "tag 1"]),
            sides: vec![Side::Taiwan, Side::Us],
            ..f()
        },
        Filter {
            tags: names(&["no such tag"]),
            ..f()
        },
        Filter {
            from: Some("1990".parse().expect("date")),
            ..f()
        },
        Filter {
            from: Some("1980-03".parse().expect("date")),
            to: Some("2001-06-15".parse().expect("date")),
            verification: vec![Verification::Disputed],
            ..f()
        }
        .without_gdelt(),
        // One day, on which `varied` puts an event: both bounds are inclusive.
        Filter {
            from: Some("1976-02-02".parse().expect("date")),
            to: Some("1976-02-02".parse().expect("date")),
            ..f()
        },
        Filter {
            to: Some("1976".parse().expect("date")),
            actors: names(&["Actor 1", "Actor 2"]),
            tags: names(&["tag 0", "tag 2"]),
            ..f()
        },
    ]
}

fn assert_cube_answers_match(store: &Store, when: &str) {
    for filter in cube_filters() {
        let from_cube = store.facets(&filter).expect("facets");
        let counted = store.facets_counted(&filter).expect("facets");
        assert_eq!(
            from_cube, counted,
            "after {when}, the facets of {filter:?} from the cube differ from those counted"
        );
    }
    for filter in cube_filters().iter().map(scanned).chain(copied_filters()) {
        let copied = store.facets(&filter).expect("facets");
        let counted = store.facets_counted(&filter).expect("facets");
        assert_eq!(
            copied, counted,
            "after {when}, the facets of {filter:?} from the copy differ from those counted"
        );
    }
}

pub(crate) fn actor(name: &str, side: Side) -> Actor {
    Actor {
        name: name.into(),
        side,
        name_zh: None,
        pinyin: None,
    }
}

/// Events of every origin, several verification states and side sets, none and many actors.
pub(crate) fn varied(count: usize, prefix: &str) -> Vec<Event> {
    (0..count)
        .map(|i| {
            let id = if i % 5 == 0 {
                format!("gdelt-{prefix}{i}")
            } else {
                format!("{prefix}{i}")
            };
            let mut e = event(
                &id,
                &format!("{}-{:02}-{:02}", 1975 + i % 50, 1 + i % 12, 1 + i % 28),
                Kind::ALL[i % Kind::ALL.len()],
            );
            e.actors = (0..i % 4)
                .map(|k| {
                    let side = Side::ALL[(i + k) % Side::ALL.len()];
                    actor(&format!("Actor {}", (i * 3 + k) % 17), side)
                })
                .collect();
            e.tags = (0..i % 3).map(|k| format!("tag {}", (i + k) % 9)).collect();
            e.verification = match i % 4 {
                0 => Some(Verification::Disputed),
                1 => None,
                _ => Some(Verification::ALL[i % Verification::ALL.len()]),
            };
            e
        })
        .collect()
}

#[test]
fn cube_facets_equal_the_counted_ones_after_every_kind_of_write() {
    let (_dir, store, path) = shipped_store();
    let mut curator = Curator::new(store);
    curator
        .import_with_progress(&varied(300, "v-"), Coverage::ALL, |_, _| true)
        .expect("a small import");
    assert_counts_match(&path, "a small import of varied events");
    assert_cube_answers_match(curator.store(), "a small import of varied events");

    let mut summit = event("s-1", "2023-11-15", Kind::Summit);
    summit.actors.push(actor("Lai Ching-te", Side::Taiwan));
    curator.create(summit.clone()).expect("create");
    curator
        .create(event("s-2", "2024-01", Kind::Statement))
        .expect("create");
    assert_cube_answers_match(curator.store(), "creating events");

    // Kind, side set and verification change in one edit; then the actors alone.
    summit.kind = Kind::Call;
    summit.actors = vec![actor("António Guterres", Side::International)];
    summit.verification = Some(Verification::Disputed);
    summit.tags = vec!["moved".into(), "apec".into()];
    curator.update(summit.clone()).expect("update");
    assert_counts_match(&path, "an edit of kind, sides and verification");
    assert_cube_answers_match(curator.store(), "an edit of kind, sides and verification");
    summit.actors = Vec::new();
    curator.update(summit).expect("update");
    assert_cube_answers_match(curator.store(), "an edit leaving no actor");

    curator.delete("v-7").expect("delete");
    curator.delete("gdelt-v-10").expect("delete");
    assert_counts_match(&path, "deleting events");
    assert_cube_answers_match(curator.store(), "deleting events");

    let bulk = BulkEdit {
        target: BulkTarget::Matching {
            filter: Filter {
                kinds: vec![Kind::Visit, Kind::Summit],
                ..Filter::default()
            },
            except: Vec::new(),
        },
        set_kind: Some(Kind::Meeting),
        add_tags: vec!["bulk".into()],
        remove_tags: vec!["apec".into()],
        add_actors: vec![actor("Tsai Ing-wen", Side::Taiwan)],
        remove_actors: vec![ActorRef {
            name: "Joe Biden".into(),
            side: Side::Us,
        }],
    };
    curator.bulk_edit(&bulk).expect("bulk edit");
    assert_counts_match(&path, "a bulk edit of kind, tags and sides");
    assert_cube_answers_match(curator.store(), "a bulk edit of kind, tags and sides");

    for step in [
        "the bulk edit",
        "a delete",
        "a delete",
        "an edit",
        "an edit",
    ] {
        curator.undo().expect("undo").expect("a step to undo");
        assert_counts_match(&path, &format!("undoing {step}"));
        assert_cube_answers_match(curator.store(), &format!("undoing {step}"));
    }
    curator.redo().expect("redo").expect("a step to redo");
    assert_cube_answers_match(curator.store(), "redoing an edit");

    // At least 2,000 events and a quarter of the store: written with the triggers suspended
    // and the counts rebuilt, updating earlier events (sides, kinds, verification) as well.
    let mut large = varied(2_400, "b-");
    let mut again = varied(300, "v-");
    for e in &mut again {
        e.kind = Kind::Hearing;
        e.actors = vec![actor("Nancy Pelosi", Side::Us)];
        e.verification = Some(Verification::Unsourced);
    }
    large.extend(again);
    curator
        .import_with_progress(&large, Coverage::ALL, |_, _| true)
        .expect("a large import");
    assert_counts_match(&path, "a large import");
    assert_cube_answers_match(curator.store(), "a large import");
    curator.undo().expect("undo").expect("the large import");
    assert_counts_match(&path, "undoing a large import");
    assert_cube_answers_match(curator.store(), "undoing a large import");
}

#[test]
fn a_release_file_upgrades_with_a_cube_equal_to_a_recount() {
    let (dir, mut store) = release_store();
    let path = dir.path().join("bilateral.db");
    assert_counts_match(&path, "upgrading a schema 4 file");
    assert_cube_answers_match(&store, "upgrading a schema 4 file");
    store
        .create(event("after-upgrade", "2020-02-02", Kind::Summit))
        .expect("create");
    assert_counts_match(&path, "writing to an upgraded file");
    assert_cube_answers_match(&store, "writing to an upgraded file");
}

fn density_query(from: &str, to: &str, buckets: u32, filter: Option<Filter>) -> WindowQuery {
    WindowQuery {
        from: from.into(),
        to: to.into(),
        limit: 1,
        buckets,
        filter,
    }
}

#[test]
fn density_from_the_day_sums_equals_the_events_counted() {
    let (_dir, store, _path) = shipped_store();
    let mut curator = Curator::new(store);
    let mut long = event("long", "1972-02", Kind::Visit);
    long.end = Some("2001-12-11".parse().expect("date"));
    curator.create(long).expect("create");
    curator
        .import_with_progress(&varied(600, "d-"), Coverage::ALL, |_, _| true)
        .expect("import");
    // Matches every event, but is counted from the events.
    let every = scanned(&Filter::default());
    // Whole months per slice, months split by slice edges, slices narrower than a month,
    // windows starting and ending mid-month, a window inside one month.
    for (from, to, buckets) in [
        ("1970-01-01", "2026-12-31", 360),
        ("1970-01-01", "2026-12-31", 57),
        ("1970-01-01", "2026-12-31", 2_000),
        ("1985-03-10", "1999-07-17", 40),
        ("1985-03-10", "1999-07-17", 173),
        ("2000-01-01", "2000-12-31", 12),
        ("2000-01-01", "2000-12-31", 5),
        ("1999-12-31", "2001-01-01", 3),
        ("2023-11-01", "2023-11-30", 4),
        ("1975-02-28", "1975-03-01", 2),
    ] {
        let counted = curator
            .store()
            .density(&density_query(from, to, buckets, None))
            .expect("density");
        let scanned = curator
            .store()
            .density(&density_query(from, to, buckets, Some(every.clone())))
            .expect("density");
        assert_eq!(
            counted, scanned,
            "the density strip over {from}..{to} in {buckets} slices must count what the events hold"
        );
        let total = |filter| {
            curator
                .store()
                .window(&density_query(from, to, buckets, filter))
                .expect("window")
                .total
        };
        assert_eq!(
            total(None),
            total(Some(every.clone())),
            "the number of events overlapping {from}..{to}"
        );
    }
}

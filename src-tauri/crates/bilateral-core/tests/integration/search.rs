use bilateral_core::{Filter, Kind, SearchQuery, Side, Store, WindowQuery};

use crate::fixtures::{event, store_on_disk};

fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, mut store, _) = store_on_disk();
    let mut woodside = event("woodside", "2023-11-15", Kind::Summit);
    woodside.title = "Biden and Xi meet at Woodside".into();
    woodside.summary = "Leaders restore military-to-military communications.".into();
    let mut bangkok = event("bangkok", "2024-01-26", Kind::Meeting);
    bangkok.title = "Sullivan and Wang Yi meet in Bangkok".into();
    bangkok.summary = "Talks on Taiwan and fentanyl.".into();
    bangkok.actors = vec![
        bilateral_core::Actor {
            name_zh: None,
            pinyin: None,
            name: "Jake Sullivan".into(),
            side: Side::Us,
        },
        bilateral_core::Actor {
            name_zh: None,
            pinyin: None,
            name: "Antony Blinken".into(),
            side: Side::Us,
        },
        bilateral_core::Actor {
            name_zh: None,
            pinyin: None,
            name: "Wang Yi".into(),
            side: Side::China,
        },
    ];
    bangkok.tags = vec!["fentanyl".into()];
    bangkok.location = Some("Bangkok, Thailand".into());
    let mut balloon = event("balloon", "2023-02-04", Kind::MilitaryIncident);
    balloon.title = "US shoots down Chinese balloon".into();
    balloon.actors.truncate(1);
    balloon.location = Some("Atlantic Ocean".into());
    balloon.tags = vec!["balloon".into()];
    balloon.sources[0].quote = Some("The balloon was downed off South Carolina.".into());
    for e in [woodside, bangkok, balloon] {
        store.create(e).expect("create");
    }
    (dir, store)
}

fn hits(store: &Store, text: &str, filter: Option<Filter>) -> Vec<String> {
    store
        .search(&SearchQuery {
            text: text.into(),
            limit: 20,
            filter,
        })
        .expect("search")
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn search_finds_events_by_title_actor_tag_location_and_quote() {
    let (_dir, store) = seeded();
    assert_eq!(hits(&store, "woodside", None), ["woodside"]);
    assert_eq!(
        hits(&store, "wang", None),
        ["bangkok"],
        "actor names are searched"
    );
    assert_eq!(
        hits(&store, "fentanyl", None),
        ["bangkok"],
        "tags and summaries are searched"
    );
    assert_eq!(
        hits(&store, "thailand", None),
        ["bangkok"],
        "locations are searched"
    );
    assert_eq!(
        hits(&store, "carolina", None),
        ["balloon"],
        "source quotes are searched"
    );
    assert_eq!(
        hits(&store, "sull", None),
        ["bangkok"],
        "a word being typed matches as a prefix"
    );
    assert!(
        hits(&store, "sullivan woodside", None).is_empty(),
        "every word must match"
    );
}

#[test]
fn search_input_is_never_read_as_query_syntax() {
    let (_dir, store) = seeded();
    for text in [
        "\"",
        "wang OR",
        "NEAR(",
        "*",
        "title:balloon",
        "-",
        "a\"b",
        "   ",
    ] {
        store
            .search(&SearchQuery {
                text: text.into(),
                limit: 5,
                filter: None,
            })
            .unwrap_or_else(|e| panic!("{text:?} must not break search: {e}"));
    }
}

#[test]
fn search_follows_edits_and_deletes_and_marks_matches() {
    let (_dir, mut store) = seeded();
    let mut edited = store.get("balloon").expect("get").event;
    edited.title = "Fighter jet downs surveillance airship".into();
    store.update(edited).expect("update");
    assert!(
        hits(&store, "shoots", None).is_empty(),
        "the old title is forgotten"
    );
    assert_eq!(hits(&store, "airship", None), ["balloon"]);
    let hit = &store
        .search(&SearchQuery {
            text: "airship".into(),
            limit: 5,
            filter: None,
        })
        .expect("search")[0];
    assert!(
        hit.snippet.contains("\u{2}airship\u{3}"),
        "the match is marked: {:?}",
        hit.snippet
    );
    store.delete("balloon").expect("delete");
    assert!(
        hits(&store, "airship", None).is_empty(),
        "a deleted event is not found"
    );
}

#[test]
fn filters_combine_with_and_across_fields_in_search_window_and_facets() {
    let (_dir, store) = seeded();
    let china = Filter {
        sides: vec![Side::China],
        ..Filter::default()
    };
    assert!(hits(&store, "meet", Some(china.clone())).len() == 2);
    let only_meetings = Filter {
        kinds: vec![Kind::Meeting],
        sides: vec![Side::China],
        ..Filter::default()
    };
    assert_eq!(
        hits(&store, "meet", Some(only_meetings.clone())),
        ["bangkok"]
    );

    let window = store
        .window(&WindowQuery {
            from: "2023-01-01".into(),
            to: "2024-12-31".into(),
            limit: 100,
            buckets: 10,
            filter: Some(china.clone()),
        })
        .expect("window");
    let ids: Vec<_> = window.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["woodside", "bangkok"],
        "the balloon event has no Chinese actor"
    );

    let ranged = Filter {
        from: Some("2024".parse().expect("date")),
        ..Filter::default()
    };
    let facets = store.facets(&ranged).expect("facets");
    assert_eq!(facets.total, 1, "a date range filter keeps 2024 only");
    let all = store.facets(&Filter::default()).expect("facets");
    assert_eq!(all.total, 3);
    assert_eq!(all.kinds.len(), 3);
    let biden = all
        .actors
        .iter()
        .find(|a| a.name == "Joe Biden")
        .expect("Biden");
    assert_eq!(biden.count, 2, "actor counts feed autocomplete and chips");
    let tagged = Filter {
        tags: vec!["fentanyl".into()],
        ..Filter::default()
    };
    assert_eq!(store.facets(&tagged).expect("facets").total, 1);
}

#[test]
fn side_facets_count_each_event_once_per_side_with_and_without_a_filter() {
    let (_dir, store) = seeded();
    let sides = |filter: &Filter| -> Vec<(Side, u32)> {
        store
            .facets(filter)
            .expect("facets")
            .sides
            .into_iter()
            .map(|c| (c.side, c.count))
            .collect()
    };
    // Bangkok has two actors on the US side; it counts once for the US.
    assert_eq!(
        sides(&Filter::default()),
        [(Side::Us, 3), (Side::China, 2)],
        "every event has a US actor, the balloon none from China"
    );
    let meetings = Filter {
        kinds: vec![Kind::Meeting],
        ..Filter::default()
    };
    assert_eq!(sides(&meetings), [(Side::Us, 1), (Side::China, 1)]);
}

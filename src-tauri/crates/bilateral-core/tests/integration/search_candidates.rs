//! A word matching more events than a search ranks is ranked among its most significant
//! matches (by where the word is found, then significance, then date), and the answer says
//! so; a store with fewer matches is ranked whole, by bm25.

use bilateral_core::{
    BulkEdit, BulkTarget, Curator, Event, Filter, Kind, SearchAnswer, SearchQuery, Store,
    RANKED_AMONG,
};
use chrono::{Duration, NaiveDate};

use crate::fixtures::{event, store_on_disk};

/// More "Other" events (the least significant curated kind) than a search ranks, one a day
/// from 2000, all saying "tariff". The oldest say nothing else in their title, so over every
/// match they would rank best; the rest carry longer titles.
fn routine_notices() -> Vec<Event> {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
    let count = RANKED_AMONG as usize + 100;
    (0..count)
        .map(|i| {
            let day = first + Duration::days(i as i64);
            let mut e = event(&format!("n{i:04}"), &day.to_string(), Kind::Other);
            e.title = if i < 50 {
                "Tariff".into()
            } else {
                format!("Tariff notice number {i} on goods and services")
            };
            e
        })
        .collect()
}

fn search(store: &Store, text: &str, filter: Option<Filter>) -> SearchAnswer {
    store
        .search_answer(&SearchQuery {
            text: text.into(),
            limit: 50,
            filter,
        })
        .expect("search")
}

fn ids(answer: &SearchAnswer) -> Vec<&str> {
    answer.hits.iter().map(|h| h.id.as_str()).collect()
}

/// Whether an id is one of the notices older than the ranked candidates.
fn outside_candidates(id: &str) -> bool {
    id.strip_prefix('n')
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n < 100)
}

#[test]
fn a_common_word_is_ranked_among_its_most_significant_newest_matches_and_says_so() {
    let (_dir, mut store, _) = store_on_disk();
    store.import(&routine_notices()).expect("import");
    let mut summit = event("summit", "1990-05-01", Kind::Summit);
    summit.title = "Tariff truce".into();
    store.create(summit).expect("create");

    let answer = search(&store, "tariff", None);
    assert_eq!(answer.ranked_among, Some(RANKED_AMONG));
    assert_eq!(answer.hits.len(), 50);
    assert_eq!(
        answer.hits[0].id, "summit",
        "the oldest match is ranked, since a summit outranks every routine notice"
    );
    let outside: Vec<&str> = ids(&answer)
        .into_iter()
        .filter(|id| outside_candidates(id))
        .collect();
    assert!(
        outside.is_empty(),
        "the oldest notices are not among the ranked matches: {outside:?}"
    );

    assert!(
        answer.hits[0]
            .snippet
            .contains(bilateral_core::search::MATCH_START),
        "the matched word is marked: {:?}",
        answer.hits[0].snippet
    );
    let prefix = search(&store, "tari", None);
    assert_eq!(
        ids(&prefix),
        ids(&answer),
        "a prefix finds what its whole word finds"
    );
    assert_eq!(prefix.ranked_among, Some(RANKED_AMONG));

    let filtered = search(
        &store,
        "tariff",
        Some(Filter {
            kinds: vec![Kind::Other],
            ..Filter::default()
        }),
    );
    assert_eq!(filtered.ranked_among, Some(RANKED_AMONG));
    assert!(ids(&filtered).iter().all(|id| !outside_candidates(id)));
    assert!(!ids(&filtered).contains(&"summit"));

    let rare = search(&store, "truce", None);
    assert_eq!(ids(&rare), ["summit"]);
    assert_eq!(rare.ranked_among, None, "one match is ranked whole");
}

#[test]
fn an_edit_that_makes_an_event_more_significant_brings_it_among_the_ranked() {
    let (_dir, mut store, _) = store_on_disk();
    store.import(&routine_notices()).expect("import");
    assert!(!ids(&search(&store, "tariff", None)).contains(&"n0003"));

    let mut raised = store.get("n0003").expect("stored").event;
    raised.kind = Kind::Agreement;
    store.update(raised).expect("update");
    let answer = search(&store, "tariff", None);
    assert_eq!(
        answer.hits[0].id, "n0003",
        "an agreement comes before every notice whose title matches as well"
    );

    store.delete("n0003").expect("delete");
    assert!(!ids(&search(&store, "tariff", None)).contains(&"n0003"));
}

#[test]
fn fewer_matches_than_are_ranked_are_ranked_whole() {
    let (_dir, mut store, _) = store_on_disk();
    let mut notices = routine_notices();
    notices.truncate(RANKED_AMONG as usize - 1);
    store.import(&notices).expect("import");
    let answer = search(&store, "tariff", None);
    assert_eq!(answer.ranked_among, None);
    assert!(
        ids(&answer).iter().all(|id| outside_candidates(id)),
        "the 50 oldest, whose titles match best, come first when every match is ranked"
    );
}

#[test]
fn a_bulk_kind_change_and_its_undo_move_events_among_the_ranked() {
    let (_dir, mut store, _) = store_on_disk();
    store.import(&routine_notices()).expect("import");
    let mut curator = Curator::new(store);
    let summits = BulkEdit {
        target: BulkTarget::Ids {
            ids: vec!["n0005".into(), "n0007".into()],
        },
        set_kind: Some(Kind::Summit),
        add_tags: Vec::new(),
        remove_tags: Vec::new(),
        add_actors: Vec::new(),
        remove_actors: Vec::new(),
    };
    curator.bulk_edit(&summits).expect("bulk edit");
    let raised = search(curator.store(), "tariff", None);
    assert_eq!(
        ids(&raised)[..2],
        ["n0007", "n0005"],
        "two notices made summits rank first, the newer first"
    );

    curator.undo().expect("undo").expect("a step to undo");
    let undone = search(curator.store(), "tariff", None);
    assert!(
        !ids(&undone).contains(&"n0005") && !ids(&undone).contains(&"n0007"),
        "undone, they are routine and old again: {:?}",
        ids(&undone)
    );
    let in_2000 = search(curator.store(), "tariff year:2000", None);
    assert_eq!(
        ids(&in_2000).iter().filter(|id| **id == "n0005").count(),
        1,
        "still found, once, where every match is ranked: {:?}",
        ids(&in_2000)
    );
}

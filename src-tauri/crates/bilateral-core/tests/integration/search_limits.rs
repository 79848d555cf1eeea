//! Search and filters take bounded input, refused with the field to blame.

use bilateral_core::limits::{MAX_FILTER_VALUES, MAX_SEARCH_BYTES, MAX_SEARCH_TERMS};
use bilateral_core::{Filter, Kind, SearchQuery, Store};

use crate::fixtures::{event, store_on_disk};

fn store() -> (tempfile::TempDir, Store) {
    let (dir, mut store, _) = store_on_disk();
    store
        .create(event("woodside", "2023-11-15", Kind::Summit))
        .expect("create");
    (dir, store)
}

fn search(store: &Store, text: String, filter: Option<Filter>) -> bilateral_core::Result<usize> {
    store
        .search(&SearchQuery {
            text,
            limit: 10,
            filter,
        })
        .map(|hits| hits.len())
}

#[test]
fn a_hundred_thousand_words_are_refused_not_searched() {
    let (_dir, store) = store();
    let words: Vec<String> = (0..100_000).map(|n| format!("w{n}")).collect();
    let err = search(&store, words.join(" "), None).expect_err("refused");
    assert_eq!(err.field(), Some("text"));
    assert!(err.to_string().len() < 200, "the error repeats the input");

    let too_many: Vec<String> = (0..=MAX_SEARCH_TERMS).map(|n| format!("w{n}")).collect();
    let err = search(&store, too_many.join(" "), None).expect_err("refused");
    assert_eq!(err.field(), Some("text"));
    assert!(
        err.to_string().contains(&MAX_SEARCH_TERMS.to_string()),
        "{err}"
    );

    let enough: Vec<String> = (0..MAX_SEARCH_TERMS).map(|n| format!("w{n}")).collect();
    assert_eq!(search(&store, enough.join(" "), None).expect("searched"), 0);
}

#[test]
fn a_word_typed_many_times_counts_once_and_the_byte_limit_holds() {
    let (_dir, store) = store();
    let repeated = "event ".repeat(MAX_SEARCH_BYTES / 6);
    assert_eq!(search(&store, repeated, None).expect("searched"), 1);
    let long = "e".repeat(MAX_SEARCH_BYTES + 1);
    let err = search(&store, long, None).expect_err("refused");
    assert_eq!(err.field(), Some("text"));
}

#[test]
fn filters_with_endless_lists_are_refused_by_field() {
    let (_dir, store) = store();
    let tags = Filter {
        tags: (0..=MAX_FILTER_VALUES).map(|n| format!("t{n}")).collect(),
        ..Filter::default()
    };
    let err = store.facets(&tags).expect_err("refused");
    assert_eq!(err.field(), Some("tags"));
    let err = search(&store, "event".into(), Some(tags)).expect_err("refused");
    assert_eq!(err.field(), Some("filter.tags"));

    let kinds = Filter {
        kinds: vec![Kind::Summit; 100_000],
        ..Filter::default()
    };
    assert_eq!(
        store.facets(&kinds).expect_err("refused").field(),
        Some("kinds")
    );

    let actor = Filter {
        actors: vec!["a".repeat(10 * 1024 * 1024)],
        ..Filter::default()
    };
    let err = store.facets(&actor).expect_err("refused");
    assert_eq!(err.field(), Some("actors[0]"));
    assert!(err.to_string().len() < 200);

    let fine = Filter {
        tags: vec!["summit".into()],
        ..Filter::default()
    };
    assert_eq!(store.facets(&fine).expect("facets").total, 1);
}

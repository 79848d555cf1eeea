//! "New from article" writes: accepted events and sources in one transaction, one undo step.

use bilateral_core::article_items::{merged_quote, ArticleItem};
use bilateral_core::{Curator, Error, Kind, Origin, Source, StepKind, Store};

use crate::fixtures::{event, store_on_disk};

const ARTICLE: &str = "https://news.example.org/2024/01/30/xi-assurance";

fn article_source(quote: &str) -> Source {
    Source {
        reported_date: None,
        reported_place: None,
        archived_url: None,
        archived_at: None,
        url: ARTICLE.to_owned(),
        title: "Biden receives assurance from Xi Jinping".to_owned(),
        publisher: "news.example.org".to_owned(),
        published: Some("2024-01-30".parse().expect("date")),
        quote: Some(quote.to_owned()),
    }
}

/// A candidate as the dialog sends it: no id yet, the article as its only source.
fn candidate(title: &str, start: &str, quote: &str) -> bilateral_core::Event {
    let mut e = event("", start, Kind::Statement);
    e.title = title.to_owned();
    e.sources = vec![article_source(quote)];
    e
}

/// A store with one shipped event and one of the user's, as the app has them.
fn curator_with_stored() -> (tempfile::TempDir, Curator, std::path::PathBuf) {
    let (dir, store, path) = store_on_disk();
    let mut curator = Curator::new(store);
    curator
        .store_mut()
        .sync_dataset(&[event("shipped", "2024-01-26", Kind::Meeting)], "v1")
        .expect("dataset");
    curator
        .create(event("mine", "2023-11-15", Kind::Summit))
        .expect("user event");
    (dir, curator, path)
}

#[test]
fn accepted_events_and_an_added_source_land_together_and_survive_reopening() {
    let (_dir, mut curator, path) = curator_with_stored();
    let shipped_before = curator.store().get("shipped").expect("shipped");
    let items = vec![
        ArticleItem::NewEvent {
            event: candidate(
                "Wray doubts China's pledge",
                "2024-01-31",
                "Wray was asked about Wang's assurance.",
            ),
        },
        ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: article_source("Wang echoed the same assurance."),
        },
        ArticleItem::NewEvent {
            event: candidate(
                "Court order against hackers",
                "2024-01-29",
                "The FBI used a court order.",
            ),
        },
    ];
    let added = curator.add_from_article(&items).expect("added");
    assert_eq!(
        added.created.len(),
        2,
        "both accepted candidates are new events"
    );
    assert_eq!(added.sourced, vec!["shipped".to_owned()]);
    assert!(added.unchanged.is_empty());
    drop(curator);

    let store = Store::open(&path).expect("reopen");
    for id in &added.created {
        let stored = store.get(id).expect("a new event is stored");
        assert_eq!(stored.origin, Origin::User);
        assert_eq!(stored.event.sources.len(), 1);
        assert_eq!(stored.event.sources[0].url, ARTICLE);
        assert!(stored.event.sources[0].quote.is_some(), "the quote is kept");
    }
    let shipped = store.get("shipped").expect("shipped");
    assert_eq!(
        shipped.event.sources.len(),
        shipped_before.event.sources.len() + 1,
        "the article is appended to the stored event's sources"
    );
    assert_eq!(
        shipped
            .event
            .sources
            .last()
            .and_then(|s| s.quote.as_deref()),
        Some("Wang echoed the same assurance.")
    );
    let mut rest = shipped.event.clone();
    rest.sources.pop();
    assert_eq!(
        rest.normalized(),
        shipped_before.event,
        "every other field of the stored event is kept"
    );
    assert!(
        shipped.edited,
        "a shipped event that gained a source is the user's now: upgrades keep it"
    );
}

#[test]
fn one_undo_takes_back_everything_the_article_added_and_redo_puts_it_back() {
    let (_dir, mut curator, _) = curator_with_stored();
    let shipped_before = curator.store().get("shipped").expect("shipped");
    let mine_before = curator.store().get("mine").expect("mine");
    let count_before = curator.store().count().expect("count");
    let items = vec![
        ArticleItem::NewEvent {
            event: candidate("One", "2024-01-31", "One."),
        },
        ArticleItem::NewEvent {
            event: candidate("Two", "2024-01", "Two."),
        },
        ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: article_source("Three."),
        },
        ArticleItem::AddSource {
            id: "mine".to_owned(),
            source: article_source("Four."),
        },
    ];
    let added = curator.add_from_article(&items).expect("added");
    let shipped_after = curator.store().get("shipped").expect("shipped");

    let undone = curator.undo().expect("undo").expect("one step");
    assert_eq!(
        undone.events.len(),
        4,
        "one step covers every event the article touched"
    );
    assert_eq!(undone.kind, StepKind::Article);
    assert_eq!(curator.store().count().expect("count"), count_before);
    for id in &added.created {
        assert!(matches!(
            curator.store().get(id),
            Err(Error::NotFound { .. })
        ));
    }
    assert_eq!(
        curator.store().get("shipped").expect("shipped"),
        shipped_before,
        "undo restores the stored event exactly, flags and timestamps included"
    );
    assert_eq!(curator.store().get("mine").expect("mine"), mine_before);
    assert_eq!(
        curator.undo().expect("next").expect("the create").events[0].id,
        "mine",
        "the step before is the user's own create"
    );

    curator.redo().expect("redo create");
    let redone = curator.redo().expect("redo").expect("the article step");
    assert_eq!(redone.kind, StepKind::Article);
    assert_eq!(curator.store().count().expect("count"), count_before + 2);
    assert_eq!(
        curator.store().get("shipped").expect("shipped"),
        shipped_after
    );
}

#[test]
fn a_bad_item_writes_nothing_and_is_named_with_its_field() {
    let (_dir, mut curator, _) = curator_with_stored();
    let count_before = curator.store().count().expect("count");
    let shipped_before = curator.store().get("shipped").expect("shipped");
    let mut bad = candidate("", "2024-01-31", "No title.");
    bad.title = "   ".to_owned();
    let items = vec![
        ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: article_source("Fine."),
        },
        ArticleItem::NewEvent {
            event: candidate("Fine", "2024-01-30", "Fine."),
        },
        ArticleItem::NewEvent { event: bad },
    ];
    let err = curator.add_from_article(&items).expect_err("refused");
    assert_eq!(err.field(), Some("items[2].event.title"), "{err}");
    assert_eq!(
        curator.store().count().expect("count"),
        count_before,
        "all or nothing: the good items before it are not written either"
    );
    assert_eq!(
        curator.store().get("shipped").expect("shipped"),
        shipped_before
    );
    assert_eq!(
        curator.undo().expect("undo").expect("a step").events[0].id,
        "mine",
        "a refused write records no step"
    );

    let mut bad_url = article_source("Quote.");
    bad_url.url = "javascript:alert(1)".to_owned();
    let err = curator
        .add_from_article(&[ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: bad_url,
        }])
        .expect_err("not a web address");
    assert_eq!(err.field(), Some("items[0].source.url"), "{err}");

    let mut no_title = article_source("Quote.");
    no_title.title = String::new();
    let err = curator
        .add_from_article(&[ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: no_title,
        }])
        .expect_err("a source needs a title");
    assert_eq!(err.field(), Some("items[0].source.title"), "{err}");

    let err = curator
        .add_from_article(&[ArticleItem::AddSource {
            id: "gone".to_owned(),
            source: article_source("Quote."),
        }])
        .expect_err("no such event");
    assert_eq!(err.field(), Some("items[0].id"), "{err}");
    assert!(err.to_string().contains("deleted"), "{err}");
}

#[test]
fn the_same_url_is_not_added_twice_its_quote_is_merged() {
    let (_dir, mut curator, _) = curator_with_stored();
    let first = curator
        .add_from_article(&[ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: article_source("Wang echoed the assurance."),
        }])
        .expect("first");
    assert_eq!(first.sourced, vec!["shipped".to_owned()]);
    let sources = curator
        .store()
        .get("shipped")
        .expect("shipped")
        .event
        .sources;

    // The same article again, spelled differently, with the same sentence: nothing to do.
    let mut again = article_source("Wang echoed the assurance.");
    again.url = ARTICLE.replace("https://news", "HTTPS://NEWS");
    let same = curator
        .add_from_article(&[ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: again,
        }])
        .expect("same");
    assert_eq!(same.unchanged, vec!["shipped".to_owned()]);
    assert!(same.sourced.is_empty());
    assert_eq!(
        curator
            .store()
            .get("shipped")
            .expect("shipped")
            .event
            .sources,
        sources
    );
    assert_eq!(
        curator.undo().expect("undo").expect("step").kind,
        StepKind::Article,
        "a write that changed nothing records no step: undo takes back the first"
    );
    curator.redo().expect("redo");

    // Another sentence of the same article: one source, both quotes.
    curator
        .add_from_article(&[ArticleItem::AddSource {
            id: "shipped".to_owned(),
            source: article_source("Sullivan raised the topic in Bangkok."),
        }])
        .expect("second quote");
    let sources = curator
        .store()
        .get("shipped")
        .expect("shipped")
        .event
        .sources;
    let cited: Vec<_> = sources.iter().filter(|s| s.url == ARTICLE).collect();
    assert_eq!(cited.len(), 1, "one source per URL");
    assert_eq!(
        cited[0].quote.as_deref(),
        Some("Wang echoed the assurance.\nSullivan raised the topic in Bangkok.")
    );
}

#[test]
fn quotes_merge_without_repeating_themselves() {
    assert_eq!(merged_quote(None, Some("A.")), Some("A.".to_owned()));
    assert_eq!(merged_quote(Some("A."), None), None);
    assert_eq!(merged_quote(Some("A. B."), Some("B.")), None);
    assert_eq!(
        merged_quote(Some("B."), Some("A. B.")),
        Some("A. B.".to_owned())
    );
    assert_eq!(
        merged_quote(Some("A."), Some("C.")),
        Some("A.\nC.".to_owned())
    );
    assert_eq!(
        merged_quote(Some("  "), Some(" C. ")),
        Some("C.".to_owned())
    );
}

#[test]
fn items_read_from_json_name_the_field_that_cannot_be_read() {
    let good = serde_json::json!([
        { "type": "add_source", "id": "x", "source": { "url": ARTICLE, "title": "T", "publisher": "P" } }
    ]);
    let items = ArticleItem::list_from_json(good).expect("reads");
    assert!(matches!(&items[0], ArticleItem::AddSource { id, .. } if id == "x"));

    let bad = serde_json::json!([
        { "type": "add_source", "id": "x", "source": { "url": ARTICLE, "title": "T", "publisher": "P" } },
        { "type": "new_event", "event": { "id": "", "title": "T", "summary": "", "start": "2023-02-30",
          "kind": "call", "actors": [], "tags": [], "sources": [] } }
    ]);
    let err = ArticleItem::list_from_json(bad).expect_err("bad date");
    assert_eq!(err.field(), Some("items[1].event.start"), "{err}");
}

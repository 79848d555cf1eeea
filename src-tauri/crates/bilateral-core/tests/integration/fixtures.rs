//! Builders for test events and stores on real files.

use bilateral_core::{
    Actor, BulkTarget, Curator, Event, Filter, Kind, Side, Source, Store, StoredEvent,
};

pub fn event(id: &str, start: &str, kind: Kind) -> Event {
    Event {
        title_zh: None,
        verification: None,
        id: id.to_owned(),
        links: Vec::new(),
        title: format!("Event {id}"),
        summary: "A test event.".to_owned(),
        start: start.parse().expect("valid test date"),
        end: None,
        kind,
        actors: vec![
            Actor {
                name_zh: None,
                pinyin: None,
                name: "Joe Biden".to_owned(),
                side: Side::Us,
            },
            Actor {
                name_zh: None,
                pinyin: None,
                name: "Xi Jinping".to_owned(),
                side: Side::China,
            },
        ],
        location: Some("Woodside, California".to_owned()),
        tags: vec!["summit".to_owned(), "apec".to_owned()],
        sources: vec![Source {
            reported_date: None,
            reported_place: None,
            archived_url: None,
            archived_at: None,
            url: format!("https://example.org/{id}"),
            title: "A report".to_owned(),
            publisher: "Example".to_owned(),
            published: Some("2023-11-15".parse().expect("valid date")),
            quote: Some("They met.".to_owned()),
        }],
    }
}

/// A store in a fresh temporary folder; keep the `TempDir` alive as long as the store.
pub fn store_on_disk() -> (tempfile::TempDir, Store, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested").join("bilateral.db");
    let store = Store::open(&path).expect("open store on disk");
    (dir, store, path)
}

/// The shipped dataset, as the app embeds it.
pub fn shipped_json() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../data/events.json");
    std::fs::read_to_string(path).expect("data/events.json is readable")
}

/// A store on disk holding the whole shipped dataset.
pub fn shipped_store() -> (tempfile::TempDir, Store, std::path::PathBuf) {
    let (dir, mut store, path) = store_on_disk();
    bilateral_core::dataset::apply(&mut store, &shipped_json(), "data/events.json")
        .expect("the shipped dataset loads");
    (dir, store, path)
}

/// A database made by release 0.1.0 (schema 4: the shipped events, one of them edited by the
/// user, one event of the user's own), copied to a temporary folder and opened, so upgraded.
pub fn release_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = release_copy(dir.path());
    let store = Store::open(&path).expect("the old database opens and upgrades");
    (dir, store)
}

/// That database, copied into `dir` as it was made (not opened): its path.
pub fn release_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("bilateral.db");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/upgrade/release-0.1.0-schema-4.db"
        ),
        &path,
    )
    .expect("copy the old database");
    path
}

/// The ids of the first ten events a search finds, best first.
pub fn search_ids(store: &Store, text: &str) -> Vec<String> {
    store
        .search(&bilateral_core::SearchQuery {
            text: text.to_owned(),
            limit: 10,
            filter: None,
        })
        .expect("search")
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// The table's selection of these listed events.
pub fn listed(ids: &[&str]) -> BulkTarget {
    BulkTarget::Ids {
        ids: ids.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// A curator over a file with a shipped event ("shipped", a visit) and four user events:
/// "a" (2001, a military incident), "b" (2008, a visit), "c" (2017, a summit) and "d" (2019,
/// a trade measure), each created as its own undo step.
pub fn curator_of_five() -> (tempfile::TempDir, Curator) {
    let (dir, store, _) = store_on_disk();
    let mut curator = Curator::new(store);
    curator
        .store_mut()
        .sync_dataset(&[event("shipped", "1972-02-21", Kind::Visit)], "v1")
        .expect("dataset");
    for (id, date, kind) in [
        ("a", "2001-04-01", Kind::MilitaryIncident),
        ("b", "2008-08-08", Kind::Visit),
        ("c", "2017-04-06", Kind::Summit),
        ("d", "2019-05-10", Kind::TradeMeasure),
    ] {
        curator.create(event(id, date, kind)).expect("create");
    }
    (dir, curator)
}

/// Every stored event, in time order.
pub fn all_events(store: &Store) -> Vec<StoredEvent> {
    store.all_matching(&Filter::default()).expect("read all")
}

//! Saved views: named filters, ranges, groupings and titles kept in the store, and the
//! `bilateral-views` file that carries them to another store.

use bilateral_core::saved_views::{self, SavedView};
use bilateral_core::{Error, Filter, Kind, Side, Store};

use crate::fixtures::store_on_disk;

fn view(name: &str) -> SavedView {
    SavedView {
        name: name.to_owned(),
        filter: Filter {
            kinds: vec![Kind::Summit],
            sides: vec![Side::Us],
            actors: vec!["Wang Yi".into()],
            ..Filter::default()
        },
        from: Some("2017-01-20".into()),
        to: Some("2021-01-20".into()),
        group_by: "actor".into(),
        titles: "both".into(),
    }
}

fn names(store: &Store) -> Vec<String> {
    store
        .saved_views()
        .expect("list views")
        .views
        .into_iter()
        .map(|v| v.name)
        .collect()
}

fn invalid_field(error: Error) -> String {
    match error {
        Error::Invalid { field, .. } => field,
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

#[test]
fn a_saved_view_comes_back_whole_after_the_store_is_reopened() {
    let (_dir, mut store, path) = store_on_disk();
    let saved = store
        .save_view(&view("  Trump years  "), false)
        .expect("save");
    assert_eq!(saved.name, "Trump years", "the name is kept trimmed");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let all = store.saved_views().expect("list");
    assert_eq!(all.views, vec![view("Trump years")]);
    assert!(all.unreadable.is_empty());
}

#[test]
fn saving_over_a_name_needs_an_explicit_replace() {
    let (_dir, mut store, _) = store_on_disk();
    store.save_view(&view("Summits"), false).expect("save");
    let mut other = view("Summits");
    other.group_by = "kind".into();
    match store.save_view(&other, false) {
        Err(Error::Conflict { id, message }) => {
            assert_eq!(id, "Summits");
            assert!(message.contains("\"Summits\""), "{message}");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.saved_views().unwrap().views[0].group_by,
        "actor",
        "the refused save changed nothing"
    );
    store.save_view(&other, true).expect("replace");
    let all = store.saved_views().unwrap().views;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].group_by, "kind");
}

#[test]
fn views_are_listed_by_name_and_can_be_renamed_and_deleted() {
    let (_dir, mut store, _) = store_on_disk();
    for name in ["b view", "A view", "c view"] {
        store.save_view(&view(name), false).expect("save");
    }
    assert_eq!(names(&store), ["A view", "b view", "c view"]);

    assert_eq!(store.rename_view("b view", " Bee ").unwrap(), "Bee");
    assert_eq!(names(&store), ["A view", "Bee", "c view"]);
    assert!(
        matches!(store.rename_view("Bee", "A view"), Err(Error::Conflict { id, .. }) if id == "A view"),
        "renaming onto a saved name is refused"
    );
    assert_eq!(
        invalid_field(store.rename_view("Bee", "   ").unwrap_err()),
        "new_name"
    );
    assert_eq!(
        invalid_field(store.rename_view("missing", "x").unwrap_err()),
        "name"
    );

    store.delete_view("Bee").expect("delete");
    assert_eq!(names(&store), ["A view", "c view"]);
    assert_eq!(invalid_field(store.delete_view("Bee").unwrap_err()), "name");
}

/// Breaks one rule of a view.
type Spoil = fn(&mut SavedView);

#[test]
fn bad_views_are_refused_with_the_field_named() {
    let (_dir, mut store, _) = store_on_disk();
    let cases: [(&str, Spoil); 7] = [
        ("name", |v| v.name = "   ".into()),
        ("name", |v| v.name = "x".repeat(81)),
        ("name", |v| v.name = "two\nlines".into()),
        ("from", |v| v.from = Some("Jan 2020".into())),
        ("to", |v| {
            v.from = Some("2021".into());
            v.to = Some("2020-12-31".into());
        }),
        ("group_by", |v| v.group_by = "year".into()),
        ("titles", |v| v.titles = "fr".into()),
    ];
    for (field, spoil) in cases {
        let mut bad = view("Bad");
        spoil(&mut bad);
        assert_eq!(
            invalid_field(store.save_view(&bad, false).unwrap_err()),
            field
        );
    }
    let mut longest = view("x");
    longest.name = "长".repeat(80);
    store
        .save_view(&longest, false)
        .expect("80 characters, whatever their bytes, fit");
    assert_eq!(names(&store).len(), 1);
}

#[test]
fn a_stored_view_this_release_cannot_read_is_reported_and_kept() {
    let (_dir, mut store, path) = store_on_disk();
    store.save_view(&view("Mine"), false).expect("save");
    drop(store);
    let newer = r#"{"filter":{"kinds":[],"sides":[],"actors":[],"tags":[],"languages":["zh"]},"group_by":"none","titles":"en"}"#;
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.execute(
            "INSERT INTO saved_views (name, view, created_at, updated_at) VALUES ('From the future', ?1, 'x', 'x')",
            [newer],
        )
        .expect("insert a newer release's view");
    }
    let mut store = Store::open(&path).expect("reopen");
    let all = store.saved_views().expect("list");
    assert_eq!(all.views, vec![view("Mine")]);
    assert_eq!(all.unreadable.len(), 1);
    assert_eq!(all.unreadable[0].name, "From the future");
    assert!(
        all.unreadable[0].message.contains("filter.languages"),
        "{}",
        all.unreadable[0].message
    );

    // Renaming keeps its JSON; a save without replace does not write over it; an import neither.
    store
        .rename_view("From the future", "Future")
        .expect("rename");
    assert!(matches!(
        store.save_view(&view("Future"), false),
        Err(Error::Conflict { .. })
    ));
    let mut mine = view("Future");
    mine.titles = "zh".into();
    assert!(matches!(
        store.import_views(&[view("Other"), mine]),
        Err(Error::Conflict { .. })
    ));
    let all = store.saved_views().unwrap();
    assert_eq!(names(&store), ["Mine"], "the refused import wrote nothing");
    assert_eq!(all.unreadable[0].name, "Future");
    let kept: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT view FROM saved_views WHERE name = 'Future'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, newer);
}

#[test]
fn views_exported_to_a_file_import_into_another_store() {
    let (dir, mut store, _) = store_on_disk();
    let mut plain = view("Plain");
    plain.filter = Filter::default();
    plain.from = None;
    plain.to = None;
    plain.group_by = "none".into();
    plain.titles = "en".into();
    store.save_view(&view("Trump years"), false).unwrap();
    store.save_view(&plain, false).unwrap();
    let file = dir.path().join("views.json");
    assert_eq!(saved_views::export_file(&store, &file).expect("export"), 2);
    let text = std::fs::read_to_string(&file).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format"], "bilateral-views");
    assert_eq!(json["version"], 1);

    let (_other_dir, mut other, _) = store_on_disk();
    other.save_view(&plain.clone(), false).unwrap();
    let outcome = saved_views::import_file(&mut other, &file).expect("import");
    assert_eq!(outcome.added, ["Trump years"]);
    assert_eq!(outcome.replaced, ["Plain"]);
    assert_eq!(
        other.saved_views().unwrap().views,
        store.saved_views().unwrap().views
    );
}

#[test]
fn a_bad_views_file_is_refused_whole_with_the_item_and_field_named() {
    let (dir, mut store, _) = store_on_disk();
    store.save_view(&view("Kept"), false).unwrap();
    let good = serde_json::to_value(view("Good")).unwrap();
    let cases = [
        (
            serde_json::json!({"format": "bilateral-views", "version": 1, "views": [good, {"name": "Bad", "filter": {}, "group_by": "year", "titles": "en"}]}),
            "views[1].group_by",
        ),
        (
            serde_json::json!({"format": "bilateral-views", "version": 1, "views": [good, {"name": "Bad", "filter": {"kinds": ["picnic"]}, "group_by": "none", "titles": "en"}]}),
            "views[1].filter.kinds[0]",
        ),
        (
            serde_json::json!({"format": "bilateral-views", "version": 1, "views": [{"name": "Bad", "filter": {"mood": "calm"}, "group_by": "none", "titles": "en"}]}),
            "views[0].filter.mood",
        ),
        (
            serde_json::json!({"format": "bilateral-views", "version": 1, "views": [good, good]}),
            "views[1].name",
        ),
        (
            serde_json::json!({"format": "bilateral-events", "version": 1, "views": []}),
            "format",
        ),
        (
            serde_json::json!({"format": "bilateral-views", "version": 2, "views": []}),
            "version",
        ),
    ];
    let file = dir.path().join("bad.json");
    for (content, field) in cases {
        std::fs::write(&file, content.to_string()).unwrap();
        let error = saved_views::import_file(&mut store, &file).unwrap_err();
        assert_eq!(invalid_field(error), field, "{content}");
        assert_eq!(names(&store), ["Kept"], "nothing was written");
    }
    std::fs::write(&file, "{\"format\": ").unwrap();
    assert!(matches!(
        saved_views::import_file(&mut store, &file),
        Err(Error::Parse { line: 1, .. })
    ));
    assert_eq!(names(&store), ["Kept"]);
}

//! Size, count and character limits hold on every path that stores an event (IPC, import,
//! the shipped dataset), not only on import, and their errors name the field without
//! repeating the input.

use bilateral_core::formats::{self, ExportOptions, Format};
use bilateral_core::limits::{
    MAX_ACTORS, MAX_EXCERPT_CHARS, MAX_FIELD_BYTES, MAX_SOURCES, MAX_TAGS, MAX_TITLE_CHARS,
    MAX_URL_BYTES,
};
use bilateral_core::{dataset, Actor, Curator, Error, Event, Kind, Side, Source};

use crate::fixtures::{event, store_on_disk};

/// Puts a text into one field of an event.
type SetText = fn(&mut Event, String);
/// Changes one field of an event.
type Change = fn(&mut Event);

/// The field an error blames, and its message; panics when the event was accepted.
fn refused(result: bilateral_core::Result<impl std::fmt::Debug>) -> (String, String) {
    match result {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// A message short enough to show, which cannot be repeating a large input.
fn assert_short(message: &str) {
    assert!(
        message.chars().count() < 2 * MAX_EXCERPT_CHARS + 100,
        "the error repeats the input ({} characters)",
        message.chars().count()
    );
}

fn source(n: usize) -> Source {
    Source {
        reported_date: None,
        reported_place: None,
        archived_url: None,
        archived_at: None,
        url: format!("https://example.org/{n}"),
        title: format!("Report {n}"),
        publisher: String::new(),
        published: None,
        quote: None,
    }
}

#[test]
fn create_over_ipc_refuses_a_ten_megabyte_summary_naming_the_field() {
    let (_dir, store, _) = store_on_disk();
    let mut curator = Curator::new(store);
    let mut value = serde_json::to_value(event("huge", "2020", Kind::Other)).expect("json");
    value["summary"] = serde_json::json!("x".repeat(10 * 1024 * 1024));
    // The path `create_event` takes: JSON from the UI, then the curator, then the store.
    let event = Event::from_json(value).expect("a large summary still parses");
    let (field, message) = refused(curator.create(event));
    assert_eq!(field, "summary");
    assert_eq!(
        message,
        format!("10485760 bytes is more than the {MAX_FIELD_BYTES} one field may hold")
    );
    assert_eq!(curator.store().count().expect("count"), 0, "nothing stored");
}

#[test]
fn update_refuses_what_create_refuses() {
    let (_dir, mut store, _) = store_on_disk();
    store
        .create(event("e", "2020", Kind::Other))
        .expect("create");
    let mut changed = event("e", "2020", Kind::Other);
    changed.sources[0].quote = Some("q".repeat(MAX_FIELD_BYTES + 1));
    let (field, _) = refused(store.update(changed));
    assert_eq!(field, "sources[0].quote");
}

#[test]
fn two_hundred_thousand_tags_are_refused_by_their_count() {
    let mut e = event("tags", "2020", Kind::Other);
    e.tags = (0..200_000).map(|n| format!("t{n}")).collect();
    let (field, message) = refused(e.validate());
    assert_eq!(field, "tags");
    assert_eq!(
        message,
        format!("200000 tags is more than the {MAX_TAGS} one event may have")
    );

    let mut e = event("actors", "2020", Kind::Other);
    e.actors = (0..=MAX_ACTORS)
        .map(|n| Actor {
            name_zh: None,
            pinyin: None,
            name: format!("Person {n}"),
            side: Side::Us,
        })
        .collect();
    assert_eq!(refused(e.validate()).0, "actors");

    let mut e = event("sources", "2020", Kind::Other);
    e.sources = (0..=MAX_SOURCES).map(source).collect();
    assert_eq!(refused(e.validate()).0, "sources");

    let mut e = event("at-the-limit", "2020", Kind::Other);
    e.tags = (0..MAX_TAGS).map(|n| format!("t{n}")).collect();
    e.actors = (0..MAX_ACTORS)
        .map(|n| Actor {
            name_zh: None,
            pinyin: None,
            name: format!("Person {n}"),
            side: Side::China,
        })
        .collect();
    e.sources = (0..MAX_SOURCES).map(source).collect();
    e.validate().expect("exactly the limit is allowed");
}

#[test]
fn each_text_field_is_held_to_its_size_by_name() {
    let big = "a".repeat(MAX_FIELD_BYTES + 1);
    let cases: [(&str, SetText); 7] = [
        ("location", |e, t| e.location = Some(t)),
        ("actors[1].name", |e, t| e.actors[1].name = t),
        ("tags[1]", |e, t| e.tags[1] = t),
        ("sources[0].title", |e, t| e.sources[0].title = t),
        ("sources[0].publisher", |e, t| e.sources[0].publisher = t),
        ("sources[0].quote", |e, t| e.sources[0].quote = Some(t)),
        ("id", |e, t| e.id = t),
    ];
    for (field, set) in cases {
        let mut e = event("e", "2020", Kind::Other);
        set(&mut e, big.clone());
        let (blamed, message) = refused(e.validate());
        assert_eq!(blamed, field, "{message}");
        assert_short(&message);
    }

    let mut e = event("e", "2020", Kind::Other);
    e.title = "t".repeat(MAX_TITLE_CHARS + 1);
    assert_eq!(refused(e.validate()).0, "title");
    e.title = "题".repeat(MAX_TITLE_CHARS);
    e.validate()
        .expect("a title is measured in characters, not bytes");
}

#[test]
fn a_long_or_broken_url_is_blamed_on_its_source_without_being_repeated() {
    let mut e = event("e", "2020", Kind::Other);
    e.sources = (0..4).map(source).collect();
    e.sources[3].url = format!("https://example.org/{}", "p".repeat(MAX_URL_BYTES));
    let (field, message) = refused(e.validate());
    assert_eq!(field, "sources[3].url");
    assert_short(&message);

    e.sources[3].url = format!("not a url {}", "x".repeat(1000));
    let (field, message) = refused(e.validate());
    assert_eq!(field, "sources[3].url");
    assert_short(&message);
    assert!(message.contains('…'), "the excerpt is cut: {message}");

    e.sources[3].url = format!("ftp://example.org/{}", "y".repeat(1000));
    let (_, message) = refused(e.validate());
    assert_eq!(
        message,
        "only http and https links are allowed, not \"ftp\":"
    );
}

#[test]
fn an_import_is_refused_by_validate_with_the_item_and_field() {
    let (_dir, mut store, _) = store_on_disk();
    let mut many = event("many", "2020", Kind::Other);
    many.tags = (0..=MAX_TAGS).map(|n| format!("t{n}")).collect();
    let events = vec![event("fine", "2020", Kind::Other), many];
    let json =
        formats::export_to_vec(Format::Json, &events, &ExportOptions::default()).expect("export");
    let parsed = formats::read(Some(Format::Json), &json, "x.json").expect("reads");
    let (field, _) = refused(store.import(&parsed.events));
    assert_eq!(field, "events[1].tags");
    assert_eq!(store.count().expect("count"), 0);
}

// Control characters

#[test]
fn control_and_bidi_characters_are_refused_in_one_line_fields() {
    let cases: [(&str, Change); 8] = [
        ("title", |e| e.title = "Biden\0meets Xi".into()),
        ("title", |e| e.title = "Two\nlines".into()),
        ("title", |e| e.title = "Tab\there".into()),
        ("location", |e| e.location = Some("Bang\u{202E}kok".into())),
        ("actors[0].name", |e| {
            e.actors[0].name = "Wang\u{85}Yi".into()
        }),
        ("tags[1]", |e| e.tags[1] = "apec\u{2066}".into()),
        ("sources[0].title", |e| {
            e.sources[0].title = "A\u{1b}[31mreport".into()
        }),
        ("sources[0].publisher", |e| {
            e.sources[0].publisher = "Line\u{2028}separator".into();
        }),
    ];
    for (field, set) in cases {
        let mut e = event("e", "2020", Kind::Other);
        set(&mut e);
        let (blamed, message) = refused(e.validate());
        assert_eq!(blamed, field, "{message}");
        assert!(
            message
                .chars()
                .all(|c| !c.is_control() && !bilateral_core::limits::is_bidi_control(c)),
            "the message shows the character it refuses: {message:?}"
        );
        assert!(message.contains("U+"), "the character is named: {message}");
    }
}

#[test]
fn multi_line_fields_keep_line_breaks_and_tabs_but_refuse_other_controls() {
    let mut e = event("e", "2020", Kind::Other);
    e.summary = "First line.\nSecond,\tindented.\r\nThird.".into();
    e.sources[0].quote = Some("Quoted\n\tverbatim.".into());
    e.validate()
        .expect("line breaks and tabs are text in a summary or quote");

    let cases: [(&str, &str); 5] = [
        ("summary", "bell\u{7}"),
        ("summary", "lone\rreturn"),
        ("summary", "nul\0"),
        ("summary", "override \u{202D}"),
        ("sources[0].quote", "next line\u{85}"),
    ];
    for (field, text) in cases {
        let mut e = event("e", "2020", Kind::Other);
        if field == "summary" {
            e.summary = text.into();
        } else {
            e.sources[0].quote = Some(text.into());
        }
        assert_eq!(refused(e.validate()).0, field, "{text:?}");
    }
}

#[test]
fn control_characters_are_refused_on_import_and_in_the_dataset() {
    let (_dir, mut store, _) = store_on_disk();
    let json = r#"{"format": "bilateral", "version": 1, "events": [
        {"id": "a", "title": "Fine", "start": "2020", "kind": "call"},
        {"id": "b", "title": "Bad\u0000title", "start": "2020", "kind": "call"}
    ]}"#;
    let parsed = formats::read(Some(Format::Json), json.as_bytes(), "x.json").expect("reads");
    assert_eq!(refused(store.import(&parsed.events)).0, "events[1].title");

    let dataset = r#"[{"id": "a", "title": "A", "start": "2020", "kind": "other",
                       "tags": ["rtl\u202Etag"]}]"#;
    let err = dataset::parse(dataset, "events.json").expect_err("refused");
    assert_eq!(err.field(), Some("events.json[0] (a).tags[0]"));
}

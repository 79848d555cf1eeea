//! Typed links between events: stored with the event, read back in order, carried by JSON
//! and CSV, restored by undo, and walked by the thread filter.

use bilateral_core::formats::{self, ExportOptions, Format, Location, Progress};
use bilateral_core::{Curator, Error, Event, Filter, Kind, Link, Relation, Store};
use chrono::TimeZone;

use crate::fixtures::{event, store_on_disk};

fn link(relation: Relation, target: &str) -> Link {
    Link {
        relation,
        target: target.to_owned(),
    }
}

fn linked(id: &str, start: &str, links: Vec<Link>) -> Event {
    let mut e = event(id, start, Kind::TradeMeasure);
    e.links = links;
    e
}

/// US tariffs, China's reply, a later US round replying to that, and a summit with its
/// statement: two threads.
fn chain(store: &mut Store) {
    store
        .create(event("us-301", "2018-07-06", Kind::TradeMeasure))
        .expect("cause");
    store
        .create(linked(
            "cn-reply",
            "2018-07-06",
            vec![link(Relation::RespondsTo, "us-301")],
        ))
        .expect("reply");
    store
        .create(linked(
            "us-round-2",
            "2018-08-23",
            vec![
                link(Relation::RespondsTo, "cn-reply"),
                link(Relation::FollowsUp, "us-301"),
            ],
        ))
        .expect("second round");
    store
        .create(event("summit", "2023-11-15", Kind::Summit))
        .expect("summit");
    store
        .create(linked(
            "statement",
            "2023-11-15",
            vec![link(Relation::PartOf, "summit")],
        ))
        .expect("statement");
}

fn export(store: &Store, format: Format) -> Vec<u8> {
    let options = ExportOptions {
        filter: None,
        title: "links".to_owned(),
        width: 1200,
        height: 600,
        stamp: chrono::Utc
            .with_ymd_and_hms(2024, 1, 2, 3, 4, 5)
            .single()
            .expect("stamp"),
        periods: Vec::new(),
    };
    let mut out = Vec::new();
    store
        .export_matching(
            &Filter::default(),
            format,
            &options,
            &mut out,
            &mut Progress::silent(0),
        )
        .expect("store reads")
        .expect("export writes");
    out
}

#[test]
fn links_are_stored_in_order_and_read_back_with_the_event() {
    let (_dir, mut store, path) = store_on_disk();
    chain(&mut store);
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(
        store.get("us-round-2").expect("stored").event.links,
        vec![
            link(Relation::RespondsTo, "cn-reply"),
            link(Relation::FollowsUp, "us-301")
        ],
        "the panel lists an event's links in the order they were given"
    );
    let all = store.all_matching(&Filter::default()).expect("all");
    let streamed: Vec<Event> = store
        .each_matching(&Filter::default(), |events| events.collect())
        .expect("streamed");
    assert_eq!(
        streamed,
        all.into_iter().map(|s| s.event).collect::<Vec<_>>(),
        "the streamed export reader gives the same links as reading each event"
    );
}

#[test]
fn a_link_to_itself_is_refused_naming_the_field() {
    let (_dir, mut store, _path) = store_on_disk();
    let error = store
        .create(linked(
            "loop",
            "2020-01-01",
            vec![
                link(Relation::FollowsUp, "elsewhere"),
                link(Relation::RespondsTo, "loop"),
            ],
        ))
        .expect_err("an event cannot respond to itself");
    match error {
        Error::Invalid { field, message } => {
            assert_eq!(field, "links[1].target");
            assert!(message.contains("itself"), "{message}");
        }
        other => panic!("expected an invalid field, got {other:?}"),
    }
    assert_eq!(store.count().expect("count"), 0, "nothing was written");
}

#[test]
fn a_link_may_name_an_event_not_there_yet_and_a_deleted_target_leaves_it_dangling() {
    let (_dir, mut store, _path) = store_on_disk();
    store
        .create(linked(
            "reply",
            "2018-07-06",
            vec![link(Relation::RespondsTo, "cause")],
        ))
        .expect("an import may bring the target later");
    let links = store.event_links("reply").expect("links");
    assert_eq!(links.outgoing.len(), 1);
    assert_eq!(
        links.outgoing[0].title, None,
        "a link whose target is missing is reported as such"
    );

    store
        .create(event("cause", "2018-07-01", Kind::TradeMeasure))
        .expect("target arrives");
    let links = store.event_links("reply").expect("links");
    assert_eq!(links.outgoing[0].title.as_deref(), Some("Event cause"));
    let incoming = store.linked_to("cause").expect("incoming");
    assert_eq!(incoming.len(), 1);
    assert_eq!(incoming[0].id, "reply");
    assert_eq!(incoming[0].relation, Relation::RespondsTo);

    store.delete("cause").expect("delete target");
    assert_eq!(
        store.get("reply").expect("kept").event.links,
        vec![link(Relation::RespondsTo, "cause")],
        "deleting the target keeps the link, dangling"
    );
    assert_eq!(
        store.event_links("reply").expect("links").outgoing[0].title,
        None
    );
}

#[test]
fn undo_and_redo_restore_links_exactly() {
    let (_dir, store, _path) = store_on_disk();
    let mut curator = Curator::new(store);
    chain(curator.store_mut());
    let before = curator.store().get("us-round-2").expect("stored");

    let mut edited = before.event.clone();
    edited.links = vec![link(Relation::PartOf, "summit")];
    curator.update(edited).expect("edit links");
    curator.undo().expect("undo edit");
    assert_eq!(
        curator.store().get("us-round-2").expect("back"),
        before,
        "undoing an edit gives back the links as they were, in order"
    );

    curator.delete("us-round-2").expect("delete");
    assert!(curator
        .store()
        .linked_to("cn-reply")
        .expect("in")
        .is_empty());
    curator.undo().expect("undo delete");
    assert_eq!(curator.store().get("us-round-2").expect("restored"), before);
    assert_eq!(
        curator.store().linked_to("cn-reply").expect("in")[0].id,
        "us-round-2",
        "the restored event links to what it linked to"
    );
    curator.redo().expect("redo delete");
    assert!(matches!(
        curator.store().get("us-round-2"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn json_and_csv_exports_carry_links_through_an_import() {
    for format in [Format::Json, Format::Csv] {
        let (_dir, mut store, _path) = store_on_disk();
        chain(&mut store);
        let bytes = export(&store, format);
        let parsed = formats::read(Some(format), &bytes, "export").expect("reads");
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        let (_dir2, mut fresh, _path2) = store_on_disk();
        fresh.import(&parsed.events).expect("import");
        for id in ["cn-reply", "us-round-2", "statement", "us-301"] {
            assert_eq!(
                fresh.get(id).expect("imported").event.links,
                store.get(id).expect("original").event.links,
                "{format:?} export then import keeps the links of {id}"
            );
        }
    }
}

#[test]
fn the_csv_links_cell_is_relation_colon_id_and_escapes_what_would_be_misread() {
    let (_dir, mut store, _path) = store_on_disk();
    store
        .create(linked(
            "odd",
            "2020-01-01",
            vec![
                link(Relation::RespondsTo, "2018-07-06-us-section-301-tariffs"),
                link(Relation::PartOf, "a;b:c%3B"),
            ],
        ))
        .expect("stored");
    let text = String::from_utf8(export(&store, Format::Csv)).expect("utf-8");
    assert!(
        text.contains("responds_to:2018-07-06-us-section-301-tariffs;part_of:a%3Bb:c%253B"),
        "{text}"
    );
    let parsed = formats::read(Some(Format::Csv), text.as_bytes(), "x.csv").expect("reads");
    assert_eq!(
        parsed.events[0].links,
        store.get("odd").expect("stored").event.links,
        "an id holding the separators reads back as it was"
    );
}

#[test]
fn a_bad_relation_in_a_file_names_the_line_or_item_and_the_field() {
    let csv = "id,title,start,links\n\
               a,Fine,2023-11-15,responds_to:b\n\
               b,Bad,2023-11-16,replies_to:a\n\
               c,No colon,2023-11-17,part_of\n";
    let parsed = formats::read(Some(Format::Csv), csv.as_bytes(), "x.csv").expect("reads");
    assert_eq!(parsed.events.len(), 1);
    let got: Vec<(Location, &str)> = parsed
        .rejected
        .iter()
        .map(|r| (r.at, r.field.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![(Location::Line(3), "links"), (Location::Line(4), "links")]
    );
    assert!(
        parsed.rejected[0].message.contains("\"replies_to\"")
            && parsed.rejected[0]
                .message
                .contains("responds_to, follows_up, part_of"),
        "the message names the bad relation and the good ones: {}",
        parsed.rejected[0].message
    );

    let json = r#"[{"id": "a", "title": "A", "start": "2023", "kind": "other",
                   "links": [{"relation": "replies_to", "target": "b"}]}]"#;
    let parsed = formats::read(Some(Format::Json), json.as_bytes(), "x.json").expect("reads");
    assert_eq!(parsed.rejected.len(), 1);
    assert_eq!(parsed.rejected[0].at, Location::Item(0));
    assert_eq!(parsed.rejected[0].field, "links[0].relation");
}

#[test]
fn a_format_without_links_keeps_the_stored_ones_on_reimport() {
    let (_dir, mut store, _path) = store_on_disk();
    chain(&mut store);
    let ics = export(&store, Format::Ics);
    let parsed = formats::read(Some(Format::Ics), &ics, "x.ics").expect("reads");
    store
        .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
        .expect("import");
    assert_eq!(
        store.get("us-round-2").expect("kept").event.links.len(),
        2,
        "iCalendar cannot say links, so importing it must not erase them"
    );
}

#[test]
fn a_thread_is_every_event_reachable_through_links_either_way() {
    let (_dir, mut store, _path) = store_on_disk();
    chain(&mut store);
    store
        .create(event("unrelated", "2019-01-01", Kind::Call))
        .expect("other");
    let thread = store.thread("cn-reply").expect("thread");
    assert_eq!(
        thread,
        ["cn-reply", "us-301", "us-round-2"],
        "the chain of tariffs and replies, by date (then id), and nothing else"
    );
    assert_eq!(
        store.thread("summit").expect("thread"),
        ["statement", "summit"]
    );
    assert_eq!(store.thread("unrelated").expect("alone"), ["unrelated"]);
    assert!(matches!(
        store.thread("nowhere"),
        Err(Error::NotFound { .. })
    ));

    let filter = Filter {
        thread: Some("us-301".to_owned()),
        ..Filter::default()
    };
    let ids: Vec<String> = store
        .all_matching(&filter)
        .expect("filtered")
        .into_iter()
        .map(|s| s.event.id)
        .collect();
    assert_eq!(ids, ["cn-reply", "us-301", "us-round-2"]);
    assert_eq!(store.count_matching(&filter).expect("count"), 3);
    let facets = store.facets(&filter).expect("facets");
    assert_eq!(facets.total, 3, "the facets count only the thread");
    let window = store
        .window(&bilateral_core::WindowQuery {
            from: "2000-01-01".to_owned(),
            to: "2030-12-31".to_owned(),
            limit: 100,
            buckets: 10,
            filter: Some(filter.clone()),
        })
        .expect("window");
    assert_eq!(window.events.len(), 3, "the timeline shows only the thread");
}

#[test]
fn a_cycle_of_links_ends_the_thread_walk() {
    let (_dir, mut store, _path) = store_on_disk();
    store
        .create(linked(
            "a",
            "2020-01-01",
            vec![link(Relation::FollowsUp, "b")],
        ))
        .expect("a");
    store
        .create(linked(
            "b",
            "2020-01-02",
            vec![link(Relation::FollowsUp, "a")],
        ))
        .expect("b");
    assert_eq!(store.thread("a").expect("thread"), ["a", "b"]);
}

#[test]
fn a_thread_through_a_deleted_event_still_joins_its_replies() {
    let (_dir, mut store, _path) = store_on_disk();
    chain(&mut store);
    store.delete("us-301").expect("delete");
    assert_eq!(
        store.thread("cn-reply").expect("thread"),
        ["cn-reply", "us-round-2"]
    );
}

#[test]
fn links_among_the_events_of_a_view_are_those_with_both_ends_shown() {
    let (_dir, mut store, _path) = store_on_disk();
    chain(&mut store);
    let ids = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut pairs: Vec<(String, Relation, String)> = store
        .links_among(&ids(&["us-301", "cn-reply", "us-round-2", "summit"]))
        .expect("pairs")
        .into_iter()
        .map(|p| (p.from, p.relation, p.to))
        .collect();
    pairs.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    assert_eq!(
        pairs,
        vec![
            (
                "cn-reply".to_owned(),
                Relation::RespondsTo,
                "us-301".to_owned()
            ),
            (
                "us-round-2".to_owned(),
                Relation::RespondsTo,
                "cn-reply".to_owned()
            ),
            (
                "us-round-2".to_owned(),
                Relation::FollowsUp,
                "us-301".to_owned()
            ),
        ],
        "the statement's link to the summit is left out: the statement is not shown"
    );
    assert!(store.links_among(&[]).expect("none").is_empty());
    let too_many: Vec<String> = (0..=bilateral_core::thread::MAX_AMONG_IDS)
        .map(|i| i.to_string())
        .collect();
    assert!(matches!(
        store.links_among(&too_many),
        Err(Error::Invalid { field, .. }) if field == "ids"
    ));
}

fn parsed_cleanly(csv: &str) -> bool {
    formats::read(Some(Format::Csv), csv.as_bytes(), "old.csv")
        .map(|p| p.rejected.is_empty())
        .unwrap_or(false)
}

/// A CSV file as an earlier release wrote it: without the given columns.
fn without_columns(csv: &str, dropped: &[&str]) -> String {
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("header").clone();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !dropped.contains(&&header[i]))
        .collect();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer
        .write_record(keep.iter().map(|&i| &header[i]))
        .expect("header");
    for record in reader.records() {
        let record = record.expect("row");
        writer
            .write_record(keep.iter().map(|&i| &record[i]))
            .expect("row");
    }
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}

#[test]
fn a_csv_from_before_the_links_and_chinese_title_columns_changes_the_rest_and_keeps_them() {
    let (dir, mut store, _path) = store_on_disk();
    chain(&mut store);
    let mut second = store.get("us-round-2").expect("stored").event;
    second.title_zh = Some("第二轮关税".to_owned());
    store.update(second).expect("update");

    let csv = String::from_utf8(export(&store, Format::Csv)).expect("utf-8");
    let old = without_columns(&csv, &["links", "title_zh"])
        .replace("Event us-round-2", "Event us-round-2 retitled");
    assert!(!old.lines().next().unwrap_or("").contains("links"));
    assert!(
        parsed_cleanly(&old),
        "the cut-down file is a well-formed CSV"
    );

    // The whole file read at once (the app's preview of a small file) …
    let parsed = formats::read(Some(Format::Csv), old.as_bytes(), "old.csv").expect("reads");
    store
        .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
        .expect("import");
    let kept = store.get("us-round-2").expect("kept").event;
    assert_eq!(
        kept.title, "Event us-round-2 retitled",
        "what the file says changes"
    );
    assert_eq!(
        kept.links.len(),
        2,
        "a file without a links column must not erase links"
    );
    assert_eq!(
        kept.title_zh.as_deref(),
        Some("第二轮关税"),
        "a file without a title_zh column must not erase the Chinese title"
    );

    // … and streamed from a file on disk (the CLI, and large files in the app).
    let file = dir.path().join("old.csv");
    std::fs::write(&file, old.replace(" retitled", " retitled again")).expect("write");
    let input = formats::stream::open(&file, None).expect("open");
    let total = store.preview_stream(&input).expect("preview").1;
    store
        .import_stream(&input, total, |_, _| true)
        .expect("import");
    let kept = store.get("us-round-2").expect("kept").event;
    assert_eq!(kept.title, "Event us-round-2 retitled again");
    assert_eq!(kept.links.len(), 2, "streamed: links kept");
    assert_eq!(
        kept.title_zh.as_deref(),
        Some("第二轮关税"),
        "streamed: Chinese title kept"
    );
}

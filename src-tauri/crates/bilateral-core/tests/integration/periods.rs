//! User periods: stored with their precision, checked field by field, undone like events and
//! carried by Bilateral JSON files.

use bilateral_core::formats::{self, stream, ExportOptions, Format, Progress};
use bilateral_core::import::ImportOutcome;
use bilateral_core::periods::{Colour, Period};
use bilateral_core::{Curator, Error, Filter, Kind, StepKind, Store};

use crate::fixtures::{event, store_on_disk};

fn period(name: &str, start: &str, end: Option<&str>, colour: Colour) -> Period {
    Period {
        id: String::new(),
        name: name.to_owned(),
        start: start.parse().expect("start"),
        end: end.map(|e| e.parse().expect("end")),
        colour,
        note: None,
    }
}

fn field_of(error: Error) -> String {
    match error {
        Error::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other}"),
    }
}

#[test]
fn a_period_keeps_its_precision_and_an_open_end_across_reopening() {
    let (_dir, mut store, path) = store_on_disk();
    let made = store
        .create_period(Period {
            note: Some("  posted to Beijing  ".into()),
            ..period("  My posting  ", "1972-02", None, Colour::Teal)
        })
        .expect("create");
    assert!(!made.period.id.is_empty(), "a new period gets an id");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let periods = store.periods().expect("list");
    assert_eq!(periods.len(), 1);
    let kept = &periods[0];
    assert_eq!(kept.name, "My posting", "the name is stored trimmed");
    assert_eq!(kept.start.to_string(), "1972-02", "a month stays a month");
    assert_eq!(kept.end, None, "an ongoing period stays open");
    assert_eq!(kept.colour, Colour::Teal);
    assert_eq!(kept.note.as_deref(), Some("posted to Beijing"));
}

#[test]
fn periods_are_listed_oldest_first_and_update_and_delete_change_only_their_own() {
    let (_dir, mut store, _path) = store_on_disk();
    let later = store
        .create_period(period("Later", "2001", Some("2003"), Colour::Red))
        .expect("later");
    store
        .create_period(period("Earlier", "1990-05-04", Some("1991"), Colour::Blue))
        .expect("earlier");
    let names = |s: &Store| -> Vec<String> {
        s.periods()
            .expect("list")
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    assert_eq!(names(&store), ["Earlier", "Later"]);
    store
        .update_period(Period {
            name: "Renamed".into(),
            ..later.period.clone()
        })
        .expect("update");
    assert_eq!(names(&store), ["Earlier", "Renamed"]);
    store.delete_period(&later.period.id).expect("delete");
    assert_eq!(names(&store), ["Earlier"]);
    assert_eq!(
        field_of(store.delete_period("nope").expect_err("unknown id")),
        "id"
    );
}

#[test]
fn a_bad_period_names_its_field_and_writes_nothing() {
    let (_dir, mut store, _path) = store_on_disk();
    let empty = store
        .create_period(period("   ", "1990", None, Colour::Blue))
        .expect_err("empty name");
    assert_eq!(field_of(empty), "name");
    let backwards = store
        .create_period(period("Backwards", "1995", Some("1994-12"), Colour::Blue))
        .expect_err("end before start");
    assert_eq!(field_of(backwards), "end");
    // A year ending in its own year is fine: the end is inclusive.
    store
        .create_period(period("One year", "1994", Some("1994"), Colour::Blue))
        .expect("a one-year period");
    let colour = Period::from_json(serde_json::json!({
        "name": "Pink", "start": "1990", "colour": "#ff00ff"
    }))
    .expect_err("a hex colour is not in the palette");
    assert_eq!(field_of(colour), "colour");
    let date = Period::from_json(serde_json::json!({
        "name": "Feb 30", "start": "1990-02-30", "colour": "blue"
    }))
    .expect_err("no 30 February");
    assert_eq!(field_of(date), "start");
    assert_eq!(
        store.periods().expect("list").len(),
        1,
        "only the valid period was written"
    );
}

#[test]
fn undo_and_redo_take_back_and_replay_period_edits() {
    let (_dir, store, _path) = store_on_disk();
    let mut curator = Curator::new(store);
    let made = curator
        .create_period(period(
            "Trade war",
            "2018-07",
            Some("2020-01"),
            Colour::Amber,
        ))
        .expect("create");
    curator
        .update_period(Period {
            colour: Colour::Purple,
            ..made.clone()
        })
        .expect("recolour");
    curator.delete_period(&made.id).expect("delete");
    assert!(curator.store().periods().expect("list").is_empty());

    let step = curator.undo().expect("undo delete").expect("a step");
    assert_eq!(step.kind, StepKind::Period);
    assert_eq!(step.periods, 1, "the answer says one period changed");
    assert!(step.events.is_empty(), "and no event");
    assert_eq!(
        curator.store().periods().expect("list")[0].colour,
        Colour::Purple,
        "undoing the delete brings back the period as it was"
    );
    curator.undo().expect("undo recolour");
    assert_eq!(
        curator.store().periods().expect("list")[0].colour,
        Colour::Amber
    );
    curator.undo().expect("undo create");
    assert!(curator.store().periods().expect("list").is_empty());
    assert!(!curator.can_undo());

    curator.redo().expect("redo create");
    curator.redo().expect("redo recolour");
    assert_eq!(
        curator.store().periods().expect("list")[0].colour,
        Colour::Purple
    );
}

#[test]
fn undo_refuses_when_another_writer_changed_the_period() {
    let (_dir, store, path) = store_on_disk();
    let mut curator = Curator::new(store);
    let made = curator
        .create_period(period("Mine", "2001", None, Colour::Green))
        .expect("create");
    let mut other = Store::open(&path).expect("second writer");
    other
        .update_period(Period {
            name: "Theirs".into(),
            ..made.clone()
        })
        .expect("other edit");
    let refused = curator.undo().expect_err("a changed period is not removed");
    assert!(matches!(refused, Error::Conflict { .. }), "{refused}");
    assert_eq!(curator.store().periods().expect("list")[0].name, "Theirs");
}

fn export_json(store: &Store) -> String {
    let mut out = Vec::new();
    store
        .export_matching(
            &Filter::default(),
            Format::Json,
            &ExportOptions::default(),
            &mut out,
            &mut Progress::silent(0),
        )
        .expect("read")
        .expect("write");
    String::from_utf8(out).expect("UTF-8")
}

fn import_text(curator: &mut Curator, text: &str) -> bilateral_core::Result<ImportOutcome> {
    let input = stream::from_bytes(text.as_bytes().to_vec(), None, "file.json")?;
    curator.import_stream_with_progress(&input, 0, |_, _| true)
}

#[test]
fn a_json_export_carries_periods_and_imports_them_back_with_the_events() {
    let (_dir, mut store, _path) = store_on_disk();
    store
        .create(event("e1", "1972-02-21", Kind::Visit))
        .expect("event");
    let made = store
        .create_period(Period {
            note: Some("a note".into()),
            ..period("Détente", "1972", Some("1979-01-01"), Colour::Blue)
        })
        .expect("period");
    let text = export_json(&store);
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["version"], 2, "a file with periods is version 2");
    assert_eq!(json["periods"][0]["name"], "Détente");
    assert_eq!(
        json["periods"][0]["start"], "1972",
        "the year is kept as a year"
    );

    let (_dir2, other, _path2) = store_on_disk();
    let mut curator = Curator::new(other);
    let ImportOutcome::Imported(report) = import_text(&mut curator, &text).expect("import") else {
        panic!("not cancelled")
    };
    assert_eq!(report.created, 1);
    assert_eq!(report.periods, 1);
    assert_eq!(
        curator.store().periods().expect("list"),
        vec![made.period.clone()],
        "the period comes back whole, id and note included"
    );
    let again = export_json(curator.store());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).expect("JSON")["periods"],
        json["periods"],
        "a round trip keeps every field of the periods"
    );
    // The import was one step: undo takes back the events and the periods together.
    curator.undo().expect("undo import");
    assert!(curator.store().periods().expect("list").is_empty());
    assert_eq!(curator.store().count().expect("count"), 0);
}

#[test]
fn a_file_without_periods_is_version_1_and_still_imports() {
    let (_dir, mut store, _path) = store_on_disk();
    store
        .create(event("e1", "1972-02-21", Kind::Visit))
        .expect("event");
    let text = export_json(&store);
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        json["version"], 1,
        "older releases can read a file without periods"
    );
    assert!(json.get("periods").is_none());

    let (_dir2, other, _path2) = store_on_disk();
    let mut curator = Curator::new(other);
    import_text(&mut curator, &text).expect("import a version 1 file");
    assert_eq!(curator.store().count().expect("count"), 1);
    assert!(curator.store().periods().expect("list").is_empty());
}

#[test]
fn a_bad_period_rejects_the_whole_import_naming_its_index_and_field() {
    let (_dir, store, _path) = store_on_disk();
    let mut curator = Curator::new(store);
    let e1 = serde_json::to_value(event("e1", "1972-02-21", Kind::Visit)).expect("event");
    let text = serde_json::json!({
        "format": "bilateral",
        "version": 2,
        "events": [e1],
        "periods": [
            {"name": "Fine", "start": "1990", "colour": "green"},
            {"name": "Bad", "start": "1991", "colour": "chartreuse"}
        ]
    })
    .to_string();
    let input = stream::from_bytes(text.as_bytes().to_vec(), None, "file.json").expect("input");
    let preview = curator
        .store()
        .preview_stream(&input)
        .expect_err("preview refuses");
    assert_eq!(field_of(preview), "periods[1].colour");
    let error = import_text(&mut curator, &text).expect_err("import refuses");
    assert_eq!(field_of(error), "periods[1].colour");
    assert_eq!(
        curator.store().count().expect("count"),
        0,
        "no event written"
    );
    assert!(
        curator.store().periods().expect("list").is_empty(),
        "not even the good period"
    );
}

#[test]
fn a_selection_export_carries_the_periods_it_is_given() {
    let mut out = Vec::new();
    let options = ExportOptions {
        periods: vec![Period {
            id: "p1".into(),
            ..period("Given", "2000", None, Colour::Grey)
        }],
        ..ExportOptions::default()
    };
    formats::export(
        Format::Json,
        &[event("e1", "1972-02-21", Kind::Visit)],
        &options,
        &mut out,
        &mut Progress::silent(1),
    )
    .expect("write");
    let parsed = formats::read(Some(Format::Json), &out, "file.json").expect("read");
    assert_eq!(parsed.periods, options.periods);
}

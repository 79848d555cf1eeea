//! Exchange formats: round trips where the format allows, independent parsers for the rest,
//! golden files for what people read.

use std::path::PathBuf;

use bilateral_core::formats::{self, ExportOptions, Format, Location};
use bilateral_core::{Actor, Event, Kind, PartialDate, Side, Source, Verification};
use chrono::TimeZone;
use proptest::prelude::*;

use crate::fixtures::event;

pub(crate) fn options() -> ExportOptions {
    ExportOptions {
        title: "US–China test timeline".to_owned(),
        width: 1200,
        height: 600,
        stamp: chrono::Utc
            .with_ymd_and_hms(2024, 1, 2, 3, 4, 5)
            .single()
            .expect("fixed stamp"),
        filter: Some(bilateral_core::Filter::default()),
        periods: Vec::new(),
    }
}

fn export(format: Format, events: &[Event]) -> String {
    let bytes = formats::export_to_vec(format, events, &options()).expect("export writes");
    String::from_utf8(bytes).expect("every export is UTF-8")
}

fn date(text: &str) -> PartialDate {
    text.parse().expect("valid test date")
}

/// Events that poke at every escaping rule: Markdown, CSV, iCalendar, HTML and XML specials,
/// line breaks, non-Latin text, partial dates and ranges.
pub(crate) fn tricky() -> Vec<Event> {
    let mut woodside = event("2023-11-15-woodside", "2023-11-15", Kind::Summit);
    woodside.title = "Biden & Xi meet: *talks* on [Taiwan] <b>not bold</b> _here_".to_owned();
    woodside.summary = "First line, with a comma; and a semicolon.\nSecond line \\ backslash \"quoted\".\n\nNew paragraph: 习近平 会见 拜登.".to_owned();
    woodside.end = Some(date("2023-11-16"));
    woodside.actors.push(Actor {
        name_zh: None,
        pinyin: None,
        name: "PLA (Navy); Eastern \\ Theater".to_owned(),
        side: Side::China,
    });
    woodside.tags = vec!["apec".to_owned(), "semi;colon".to_owned()];
    woodside.sources.push(Source {
        reported_date: None,
        reported_place: None,
        archived_url: None,
        archived_at: None,
        url: "https://example.org/a_(b)".to_owned(),
        title: "Second report".to_owned(),
        publisher: "Pub [with] brackets".to_owned(),
        published: None,
        quote: None,
    });

    let mut month = event("1979-01-normalization", "1979-01", Kind::Agreement);
    month.title = "=HYPERLINK(\"http://evil.example\") normalisation".to_owned();
    month.location = None;
    month.summary = String::new();

    let mut year = event("1971-table-tennis", "1971", Kind::Visit);
    year.title = "Ping-pong diplomacy".to_owned();
    year.end = Some(date("1972-02"));
    year.tags.clear();
    year.actors.clear();

    let mut script = event("2020-07-22-houston", "2020-07-22", Kind::Statement);
    script.title = "Consulate </script><script>alert(1)</script> closed".to_owned();
    script.summary =
        "Ends with </SCRIPT > and <!-- a comment, and a U+2028\u{2028}here.".to_owned();
    script.location = Some("Houston, Texas; \"USA\"".to_owned());

    vec![woodside, month, year, script]
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
        .join(name)
}

/// Compares with the golden file; `BILATERAL_BLESS=1` rewrites it instead.
fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("BILATERAL_BLESS").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}); run with BILATERAL_BLESS=1",
            path.display()
        )
    });
    assert_eq!(
        actual, expected,
        "{name} changed: what users get from an export would differ (BILATERAL_BLESS=1 accepts it)"
    );
}

fn read(format: Format, text: &str) -> formats::Parsed {
    formats::read(Some(format), text.as_bytes(), "test-file").expect("the file reads")
}

// ---------------------------------------------------------------- strategies

fn partial_date() -> impl Strategy<Value = PartialDate> {
    (1i32..=9999, 1u32..=12, 1u32..=31, 0u8..3).prop_map(|(y, m, d, p)| match p {
        0 => PartialDate::year(y).expect("year in range"),
        1 => PartialDate::month(y, m).expect("month in range"),
        _ => PartialDate::day(y, m, d)
            .or_else(|_| PartialDate::day(y, m, 28))
            .expect("day in range"),
    })
}

fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(Kind::ALL.to_vec())
}

fn side() -> impl Strategy<Value = Side> {
    proptest::sample::select(Side::ALL.to_vec())
}

/// Any text at all, controls and odd Unicode included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s).{0,40}",
        "[=+@'\\-;,\\\\\"<>&()\\[\\] \t\n]{0,12}",
        Just("</script><!--".to_owned()),
    ]
}

/// Text as the store keeps it: trimmed, printable, and not empty.
fn kept_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,30}",
        "[=+@'\\-;,\\\\\"()\\[\\] a-z]{1,12}",
        "[a-z]{1,8}\\([a-z]{1,5}\\)",
    ]
    .prop_map(|t| t.trim().to_owned())
    .prop_filter("not empty once trimmed", |t| !t.is_empty())
}

fn source(text: BoxedStrategy<String>) -> impl Strategy<Value = Source> {
    (
        "[a-z]{1,10}",
        text.clone(),
        text.clone(),
        proptest::option::of(partial_date()),
        proptest::option::of(text),
    )
        .prop_map(|(host, title, publisher, published, quote)| Source {
            reported_date: None,
            reported_place: None,
            archived_url: None,
            archived_at: None,
            url: format!("https://{host}.example/"),
            title,
            publisher,
            published,
            quote,
        })
}

fn event_with(
    text: BoxedStrategy<String>,
    long_text: BoxedStrategy<String>,
) -> impl Strategy<Value = Event> {
    (
        (text.clone(), text.clone(), long_text),
        (partial_date(), proptest::option::of(partial_date()), kind()),
        proptest::collection::vec((text.clone(), side()), 0..3),
        proptest::option::of(text.clone()),
        proptest::collection::vec(text.clone(), 0..3),
        proptest::collection::vec(source(text), 0..3),
    )
        .prop_map(
            |((id, title, summary), (start, end, kind), actors, location, tags, sources)| Event {
                title_zh: None,
                verification: None,
                id,
                links: Vec::new(),
                title,
                summary,
                start,
                end,
                kind,
                actors: actors
                    .into_iter()
                    .map(|(name, side)| Actor {
                        name_zh: None,
                        pinyin: None,
                        name,
                        side,
                    })
                    .collect(),
                location,
                tags,
                sources,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn bilateral_json_gives_back_exactly_what_was_exported(
        events in proptest::collection::vec(event_with(any_text().boxed(), any_text().boxed()), 0..6)
    ) {
        let json = export(Format::Json, &events);
        let parsed = read(Format::Json, &json);
        prop_assert!(parsed.rejected.is_empty(), "rejected: {:?}", parsed.rejected);
        prop_assert_eq!(parsed.events, events, "a JSON export must be lossless");
    }

    #[test]
    fn csv_gives_back_exactly_what_the_store_keeps(
        events in proptest::collection::vec(
            event_with(kept_text().boxed(), prop_oneof!["(?s).{0,60}", kept_text()].boxed()), 0..6)
    ) {
        let csv = export(Format::Csv, &events);
        let parsed = read(Format::Csv, &csv);
        prop_assert!(parsed.rejected.is_empty(), "rejected: {:?}", parsed.rejected);
        prop_assert_eq!(parsed.events, events, "a CSV export must round-trip");
    }
}

// ---------------------------------------------------------------- Bilateral JSON

#[test]
fn bilateral_json_has_its_envelope_and_reads_a_bare_array_too() {
    let events = tricky();
    let json = export(Format::Json, &events);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["format"], "bilateral");
    assert_eq!(value["version"], 1);
    assert_eq!(value["events"].as_array().map(Vec::len), Some(events.len()));

    let bare = serde_json::to_string(&events).expect("serialise");
    let parsed = formats::read(None, bare.as_bytes(), "events.json").expect("bare array reads");
    assert_eq!(
        parsed.events, events,
        "the data/events.json shape imports as is"
    );
}

#[test]
fn a_newer_or_foreign_json_file_is_refused_by_name() {
    for (text, field) in [
        (
            r#"{"format": "bilateral", "version": 3, "events": []}"#,
            "version",
        ),
        (
            r#"{"format": "other", "version": 1, "events": []}"#,
            "format",
        ),
        (r#"{"format": "bilateral", "version": 1}"#, "events"),
        (
            r#"{"format": "bilateral", "version": 1, "events": [], "extra": 1}"#,
            "extra",
        ),
    ] {
        let err = formats::read(Some(Format::Json), text.as_bytes(), "f.json").expect_err(text);
        assert_eq!(err.field(), Some(field), "{text}: {err}");
    }
}

#[test]
fn one_bad_json_event_is_rejected_with_its_index_and_field_and_the_rest_read() {
    let mut good = tricky();
    let mut value = serde_json::to_value(&good).expect("value");
    value[1]["start"] = serde_json::json!("2023-02-30");
    value[2]["sources"][0]["url"] = serde_json::json!(42);
    let text = serde_json::to_string_pretty(&value).expect("text");
    let parsed = read(Format::Json, &text);
    assert_eq!(parsed.events.len(), 2, "good events are still read");
    assert_eq!(parsed.at, vec![Location::Item(0), Location::Item(3)]);
    let rejected: Vec<(Location, &str)> = parsed
        .rejected
        .iter()
        .map(|r| (r.at, r.field.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (Location::Item(1), "start"),
            (Location::Item(2), "sources[0].url")
        ]
    );
    assert!(
        parsed.rejected[0]
            .message
            .contains("2023-02-30 does not exist"),
        "{}",
        parsed.rejected[0].message
    );
    good.remove(2);
    good.remove(1);
    assert_eq!(parsed.events, good);
}

#[test]
fn a_json_event_that_gives_a_field_twice_is_rejected_naming_it_not_read_with_one_value_lost() {
    // Reading the second value and dropping the first would lose what the file says.
    let text = r#"[
      {"id": "a", "title": "Kept", "start": "2023-11-15", "kind": "summit"},
      {"id": "b", "title": "First", "title": "Second", "start": "2023-11-15", "kind": "summit"},
      {"id": "c", "title": "Source", "start": "2023-11-15", "kind": "summit",
       "sources": [{"url": "https://a.example/1", "url": "https://a.example/2",
                    "title": "T", "publisher": "P"}]},
      {"id": "d", "title": "Placed", "start": "2023-11-15", "kind": "summit", "colour": "red"}
    ]"#;
    let parsed = read(Format::Json, text);
    assert_eq!(parsed.at, vec![Location::Item(0)]);
    let rejected: Vec<(Location, &str, &str)> = parsed
        .rejected
        .iter()
        .map(|r| (r.at, r.field.as_str(), r.message.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (Location::Item(1), "title", "duplicate field `title`"),
            (Location::Item(2), "sources[0].url", "duplicate field `url`"),
            (
                Location::Item(3),
                "colour",
                "unknown field `colour`, expected one of `id`, `title`, `title_zh`, `summary`, \
                 `start`, `end`, `kind`, `actors`, `location`, `tags`, `sources`, \
                 `verification`, `links`"
            ),
        ],
        "each names its field, with no place inside the item's text"
    );
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_is_rfc_4180_with_a_header_and_one_row_per_event() {
    let events = tricky();
    let text = export(Format::Csv, &events);
    assert!(
        text.starts_with('\u{feff}'),
        "a BOM tells spreadsheets it is UTF-8"
    );
    assert!(
        text.starts_with(&format!("\u{feff}{}\r\n", formats::csv::COLUMNS.join(",")))
            && text.ends_with("\r\n"),
        "a header row, and records ending in CRLF"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    assert_eq!(header, formats::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        assert_eq!(row.len(), 16);
        assert_eq!(&row[0], e.id);
        assert_eq!(&row[4], e.start.to_string());
        assert_eq!(&row[14], Verification::of(e).as_str());
        let sources: Vec<Source> = if row[13].is_empty() {
            Vec::new()
        } else {
            serde_json::from_str(&row[13]).expect("sources cell is JSON")
        };
        assert_eq!(sources, e.sources);
    }
    assert_eq!(
        &rows[1][1], "'=HYPERLINK(\"http://evil.example\") normalisation",
        "a formula-like title is guarded so spreadsheets do not run it"
    );
    assert_eq!(
        &rows[0][9],
        "Joe Biden (us); Xi Jinping (china); PLA (Navy)\\; Eastern \\\\ Theater (china)"
    );
}

#[test]
fn csv_export_matches_the_golden_file() {
    assert_golden("events.csv", &export(Format::Csv, &tricky()));
}

#[test]
fn csv_import_takes_labels_loose_precision_and_any_column_order() {
    let text = "title,start,start_precision,kind,actors,tags\r\n\
                Talks,2023-11-01,month,Trade measure,Gina Raimondo (US); Wang Wentao (China),a;b\r\n\
                Later,2024,,,,\r\n";
    let parsed = read(Format::Csv, text);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    let e = &parsed.events[0];
    assert_eq!(
        e.start,
        date("2023-11"),
        "month precision cuts 2023-11-01 down"
    );
    assert_eq!(e.kind, Kind::TradeMeasure);
    assert_eq!(e.actors[1].side, Side::China);
    assert_eq!(e.tags, vec!["a", "b"]);
    assert_eq!(parsed.events[1].kind, Kind::Other);
    assert_eq!(parsed.at, vec![Location::Line(2), Location::Line(3)]);
}

#[test]
fn bad_csv_rows_are_rejected_with_their_line_and_field() {
    let text = "id,title,start,start_precision,kind,actors,sources\n\
                a,Fine,2023-11-15,,summit,,\n\
                b,Bad date,2023-02-30,,summit,,\n\
                c,Bad kind,2023,,party,,\n\
                \"d\",\"Multi\nline\",2023,day,summit,,\n\
                e,Bad actor,2023,,summit,Nobody,\n\
                f,Bad source,2023,,summit,,\"[{\"\"url\"\": 1}]\"\n\
                g,Short row\n";
    let parsed = read(Format::Csv, text);
    assert_eq!(parsed.events.len(), 1);
    let got: Vec<String> = parsed
        .rejected
        .iter()
        .map(|r| format!("{} {}", r.at, r.field))
        .collect();
    assert_eq!(
        got,
        vec![
            "line 3 start",
            "line 4 kind",
            "line 5 start_precision",
            "line 7 actors[0]",
            "line 8 sources[0].url",
            "line 9 row",
        ]
    );
}

#[test]
fn a_csv_with_an_unknown_column_or_a_cut_off_quote_is_one_error_with_its_line() {
    let err = formats::read(
        Some(Format::Csv),
        b"title,start,colour\nA,2023,red\n",
        "x.csv",
    )
    .expect_err("unknown column");
    assert!(err.to_string().contains("line 1"), "{err}");
    assert!(err.to_string().contains("colour"), "{err}");

    let cut = "id,title,start\na,Fine,2023\nb,\"Cut off in the mid";
    let err = formats::read(Some(Format::Csv), cut.as_bytes(), "x.csv").expect_err("truncated");
    assert!(err.to_string().contains("x.csv, line 3"), "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_export_matches_the_golden_file() {
    assert_golden("events.md", &export(Format::Markdown, &tricky()));
}

#[test]
fn markdown_shows_dates_at_their_precision_under_year_headings() {
    let md = export(Format::Markdown, &tricky());
    assert!(md.starts_with("# US–China test timeline\n"));
    for needle in [
        "## 1971",
        "- **1971 – February 1972** — Ping-pong diplomacy",
        "- **January 1979** — ",
        "- **15–16 November 2023** — Biden \\& Xi meet: \\*talks\\* on \\[Taiwan\\] \\<b\\>not bold\\</b\\> \\_here\\_",
        "[Pub \\[with\\] brackets](https://example.org/a_%28b%29)",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
    let years: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(years, ["## 1971", "## 1979", "## 2020", "## 2023"]);
}

// ---------------------------------------------------------------- iCalendar

#[test]
fn ics_is_valid_rfc_5545_by_an_independent_parser() {
    let events = tricky();
    let text = export(Format::Ics, &events);
    assert!(
        text.split("\r\n")
            .all(|l| !l.contains('\n') && !l.contains('\r')),
        "every line ends in CRLF"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("icalendar parses it");
    let prop = |props: &[icalendar::parser::Property<'_>], name: &str| -> Option<String> {
        props
            .iter()
            .find(|p| p.name.as_str() == name)
            .map(|p| p.val.clone().unescape_text().as_str().to_owned())
    };
    assert_eq!(
        prop(&calendar.properties, "VERSION").as_deref(),
        Some("2.0")
    );
    assert!(prop(&calendar.properties, "PRODID").is_some());
    let vevents: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(vevents.len(), events.len());
    for (v, e) in vevents.iter().zip(&events) {
        let p = |name| prop(&v.properties, name);
        assert_eq!(p("UID"), Some(format!("{}@bilateral", e.id)));
        assert_eq!(p("DTSTAMP").as_deref(), Some("20240102T030405Z"));
        assert_eq!(
            p("SUMMARY").as_deref(),
            Some(e.title.as_str()),
            "title survives escaping"
        );
        let description = p("DESCRIPTION").unwrap_or_default();
        assert_eq!(description, e.summary, "summary survives escaping");
        assert_eq!(p("LOCATION"), e.location.clone());
        assert_eq!(
            p("URL").as_deref(),
            e.sources.first().map(|s| s.url.as_str())
        );
        assert_eq!(p("CATEGORIES").as_deref(), Some(e.kind.as_str()));
        let start = v.find_prop("DTSTART").expect("DTSTART");
        assert!(
            start
                .params
                .iter()
                .any(|x| x.key.as_str() == "VALUE"
                    && x.val.as_ref().map(|v| v.as_str()) == Some("DATE")),
            "all-day events"
        );
        let first = e.start.first_day().format("%Y%m%d").to_string();
        assert_eq!(start.val.as_str(), first);
        let after = e
            .end
            .unwrap_or(e.start)
            .last_day()
            .succ_opt()
            .expect("next day");
        assert_eq!(
            p("DTEND"),
            Some(after.format("%Y%m%d").to_string()),
            "DTEND is exclusive"
        );
    }
    let month = vevents[1];
    assert_eq!(
        prop(&month.properties, "DTSTART").as_deref(),
        Some("19790101")
    );
    assert_eq!(
        prop(&month.properties, "DTEND").as_deref(),
        Some("19790201")
    );
    assert_eq!(
        prop(&month.properties, "X-BILATERAL-PRECISION").as_deref(),
        Some("month")
    );
}

#[test]
fn ics_folds_long_non_latin_lines_without_splitting_a_character() {
    let mut e = event("fold", "2023-11-15", Kind::Meeting);
    e.summary = "会见".repeat(100);
    let text = export(Format::Ics, &[e.clone()]);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let parsed = read(Format::Ics, &text);
    assert_eq!(parsed.events[0].summary, e.summary);
}

#[test]
fn ics_gives_back_dates_at_their_precision_and_the_fields_it_carries() {
    let mut events = tricky();
    let mut same_day_end = event("same-day-end", "2023-11", Kind::Call);
    same_day_end.end = Some(date("2023-11-30"));
    let mut year_end = event("year-end", "2001-09-11", Kind::MilitaryIncident);
    year_end.end = Some(date("2002"));
    events.push(same_day_end);
    events.push(year_end);
    let parsed = read(Format::Ics, &export(Format::Ics, &events));
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    assert_eq!(parsed.events.len(), events.len());
    for (got, want) in parsed.events.iter().zip(&events) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.title, want.title);
        assert_eq!(got.summary, want.summary);
        assert_eq!((got.start, got.end), (want.start, want.end), "{}", want.id);
        assert_eq!(got.kind, want.kind);
        assert_eq!(got.location, want.location);
        assert_eq!(got.tags, want.tags);
        assert_eq!(
            got.sources.first().map(|s| &s.url),
            want.sources.first().map(|s| &s.url)
        );
        assert!(got.actors.is_empty(), "iCalendar does not carry actors");
    }
}

#[test]
fn ics_from_another_calendar_imports_what_fits() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n\
        BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\nEND:VTIMEZONE\r\n\
        BEGIN:VEVENT\r\nUID:abc123@google.com\r\nDTSTAMP:20240101T000000Z\r\n\
        DTSTART;TZID=America/New_York:20231115T090000\r\n\
        DTEND;TZID=America/New_York:20231116T170000\r\n\
        SUMMARY:Trade talks\\, round 2\r\nDESCRIPTION:Long descr\r\n iption\\nsecond line\r\n\
        CATEGORIES:Work,Meeting\r\nURL:mailto:someone@example.org\r\n\
        BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Not the event\r\nEND:VALARM\r\n\
        END:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:no-summary\r\nDTSTART;VALUE=DATE:20230101\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:bad-date\r\nSUMMARY:x\r\nDTSTART;VALUE=DATE:20230230\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    let parsed = read(Format::Ics, text);
    assert_eq!(parsed.events.len(), 1);
    let e = &parsed.events[0];
    assert_eq!(e.id, "abc123@google.com");
    assert_eq!(e.title, "Trade talks, round 2");
    assert_eq!(e.summary, "Long description\nsecond line");
    assert_eq!(
        (e.start, e.end),
        (date("2023-11-15"), Some(date("2023-11-16")))
    );
    assert_eq!(e.kind, Kind::Other, "Work is not a kind");
    assert_eq!(e.tags, vec!["Work", "Meeting"]);
    assert!(e.sources.is_empty(), "a mailto: URL is no source");
    let got: Vec<String> = parsed
        .rejected
        .iter()
        .map(|r| format!("{} {}", r.at, r.field))
        .collect();
    assert_eq!(
        got,
        vec!["line 22 title", "line 29 start"],
        "the VEVENT missing a title, the DTSTART line"
    );
}

#[test]
fn a_truncated_calendar_is_one_error_with_its_line() {
    let text = export(Format::Ics, &tricky());
    let cut = &text[..text.len() / 2];
    let err = formats::read(Some(Format::Ics), cut.as_bytes(), "cal.ics").expect_err("truncated");
    let message = err.to_string();
    assert!(
        message.contains("truncated") && message.contains("cal.ics, line"),
        "{message}"
    );
}

// ---------------------------------------------------------------- TimelineJS

/// TimelineJS3's documented JSON fields (timeline.knightlab.com/docs/json-format.html); any
/// field Bilateral invents would fail `deny_unknown_fields`.
mod timelinejs3 {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Timeline {
        pub events: Vec<Slide>,
        pub title: Option<Slide>,
        #[allow(dead_code)]
        pub eras: Option<Vec<Era>>,
        #[allow(dead_code)]
        pub scale: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Slide {
        pub start_date: Option<Date>,
        pub end_date: Option<Date>,
        pub text: Option<Text>,
        #[allow(dead_code)]
        pub media: Option<serde_json::Value>,
        pub group: Option<String>,
        #[allow(dead_code)]
        pub display_date: Option<String>,
        #[allow(dead_code)]
        pub background: Option<serde_json::Value>,
        #[allow(dead_code)]
        pub autolink: Option<bool>,
        pub unique_id: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Era {
        #[allow(dead_code)]
        pub start_date: Date,
        #[allow(dead_code)]
        pub end_date: Date,
        #[allow(dead_code)]
        pub text: Option<Text>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Date {
        pub year: String,
        pub month: Option<String>,
        pub day: Option<String>,
        #[allow(dead_code)]
        pub hour: Option<String>,
        #[allow(dead_code)]
        pub minute: Option<String>,
        #[allow(dead_code)]
        pub second: Option<String>,
        #[allow(dead_code)]
        pub millisecond: Option<String>,
        #[allow(dead_code)]
        pub display_date: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Text {
        pub headline: Option<String>,
        pub text: Option<String>,
    }
}

#[test]
fn timelinejs_json_has_only_documented_fields_and_keeps_dates_partial() {
    let events = tricky();
    let json = export(Format::TimelineJs, &events);
    let timeline: timelinejs3::Timeline =
        serde_json::from_str(&json).expect("deserialises into TimelineJS3's documented shape");
    let title = timeline.title.and_then(|t| t.text).and_then(|t| t.headline);
    assert_eq!(title.as_deref(), Some("US–China test timeline"));
    assert_eq!(timeline.events.len(), events.len());
    let parts = |d: &timelinejs3::Date| (d.year.clone(), d.month.clone(), d.day.clone());
    let s = |t: &str| Some(t.to_owned());
    let woodside = &timeline.events[0];
    assert_eq!(
        parts(woodside.start_date.as_ref().expect("start")),
        ("2023".to_owned(), s("11"), s("15"))
    );
    assert_eq!(woodside.group.as_deref(), Some("Summit"));
    assert_eq!(woodside.unique_id.as_deref(), Some("2023-11-15-woodside"));
    let text = woodside.text.as_ref().expect("text");
    assert_eq!(
        text.headline.as_deref(),
        Some("Biden &amp; Xi meet: *talks* on [Taiwan] &lt;b&gt;not bold&lt;/b&gt; _here_"),
        "TimelineJS renders headlines as HTML: text is escaped"
    );
    let body = text.text.as_deref().unwrap_or_default();
    assert!(body.contains("&lt;") || !events[0].summary.contains('<'));
    assert!(body.contains("<a href=\"https://example.org/2023-11-15-woodside\">A report</a>"));
    let month = &timeline.events[1];
    assert_eq!(
        parts(month.start_date.as_ref().expect("start")),
        ("1979".to_owned(), s("1"), None),
        "a month-precise date has no day"
    );
    let year = &timeline.events[2];
    assert_eq!(
        parts(year.start_date.as_ref().expect("start")),
        ("1971".to_owned(), None, None)
    );
    assert_eq!(
        parts(year.end_date.as_ref().expect("end")),
        ("1972".to_owned(), s("2"), None)
    );
    let script = &timeline.events[3];
    let body = script
        .text
        .as_ref()
        .and_then(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        !body.to_lowercase().contains("</script"),
        "summary HTML is escaped: {body}"
    );
}

#[test]
fn timelinejs_json_comes_back_as_the_events_it_can_carry() {
    let events = tricky();
    let parsed = read(Format::TimelineJs, &export(Format::TimelineJs, &events));
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    for (got, want) in parsed.events.iter().zip(&events) {
        assert_eq!(got.id, want.id);
        assert_eq!(
            got.title, want.title,
            "HTML-escaped headline reads back as text"
        );
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            words(&got.summary),
            words(&want.summary),
            "summary text reads back"
        );
        assert_eq!(
            got.summary.matches("\n\n").count(),
            want.summary.matches("\n\n").count(),
            "paragraphs read back"
        );
        assert_eq!((got.start, got.end), (want.start, want.end));
        assert_eq!(got.kind, want.kind, "group label names the kind");
        let urls = |e: &Event| -> Vec<(String, String)> {
            e.sources
                .iter()
                .map(|s| (s.url.clone(), s.title.clone()))
                .collect()
        };
        assert_eq!(urls(got), urls(want), "links read back as sources");
    }
}

#[test]
fn timelinejs_json_from_elsewhere_is_reduced_to_plain_text_and_web_links() {
    let text = r#"{
      "title": {"text": {"headline": "Someone else's timeline"}},
      "events": [
        {"start_date": {"year": 2019, "month": "5", "day": ""},
         "text": {"headline": "<b>Tariffs</b> &amp; <i>more</i>",
                  "text": "<p>Raised to 25%.<script>alert('x')</script></p><p>See <a href=\"https://ustr.gov/x\">USTR</a>, <a href=\"javascript:alert(1)\">bad</a> and <a href='//relative'>rel</a>.<br>Next line</p>"},
         "group": "Trade Measure", "media": {"url": "https://img.example/x.png"}},
        {"start_date": {"year": "2020"}, "text": {"headline": "No group"}},
        {"text": {"headline": "No date"}},
        {"start_date": {"year": "2021", "month": "13"}, "text": {"headline": "Bad month"}},
        {"start_date": {"year": "twenty"}, "text": {"headline": "Bad year"}}
      ],
      "eras": [{"start_date": {"year": "2019"}, "end_date": {"year": "2020"}}]
    }"#;
    let parsed = read(Format::TimelineJs, text);
    assert_eq!(parsed.events.len(), 2);
    let e = &parsed.events[0];
    assert_eq!(e.id, "", "no unique_id: the import gives a UUID");
    assert_eq!(e.title, "Tariffs & more");
    assert_eq!(
        e.summary,
        "Raised to 25%.\n\nSee USTR, bad and rel.\nNext line"
    );
    assert_eq!(
        e.start,
        date("2019-05"),
        "an empty day keeps the month precision"
    );
    assert_eq!(e.kind, Kind::TradeMeasure);
    assert_eq!(e.sources.len(), 1, "only http(s) links become sources");
    assert_eq!(
        (e.sources[0].url.as_str(), e.sources[0].title.as_str()),
        ("https://ustr.gov/x", "USTR")
    );
    assert_eq!(parsed.events[1].kind, Kind::Other);
    let got: Vec<String> = parsed
        .rejected
        .iter()
        .map(|r| format!("{}.{}", r.at, r.field))
        .collect();
    assert_eq!(
        got,
        vec![
            "events[2].start_date",
            "events[3].start_date",
            "events[4].start_date.year"
        ]
    );
}

#[test]
fn the_timelinejs_sheet_template_imports_rows_as_events() {
    let header = formats::timelinejs_csv::COLUMNS.join(",");
    let text = format!(
        "{header}\n\
         ,,,,,,,,,My timeline,Intro,,,,,title,,\n\
         2018,7,6,,2018,7,8,,,First <em>tariffs</em>,\"<p>Section 301 tariffs, see <a href=\"\"https://ustr.gov/a\"\">USTR</a></p>\",,,,,,Trade measure,\n\
         2019,,,,2020,,,,,An era,,,,,,era,,\n\
         1972,2,,,,,,,,Nixon in China,,,,,,,Visit,\n\
         2023,2,30,,,,,,,Impossible,,,,,,,,\n"
    );
    let parsed = read(Format::TimelineJsCsv, &text);
    assert_eq!(parsed.events.len(), 2, "title and era rows are not events");
    let e = &parsed.events[0];
    assert_eq!(e.title, "First tariffs");
    assert_eq!(e.summary, "Section 301 tariffs, see USTR");
    assert_eq!(
        (e.start, e.end),
        (date("2018-07-06"), Some(date("2018-07-08")))
    );
    assert_eq!(e.kind, Kind::TradeMeasure);
    assert_eq!(e.sources[0].url, "https://ustr.gov/a");
    assert_eq!(parsed.events[1].start, date("1972-02"));
    assert_eq!(parsed.events[1].kind, Kind::Visit);
    assert_eq!(parsed.at, vec![Location::Line(3), Location::Line(5)]);
    assert_eq!(parsed.rejected.len(), 1);
    assert_eq!(parsed.rejected[0].at, Location::Line(6));
    assert!(parsed.rejected[0].message.contains("2023-02-30"));
}

// ---------------------------------------------------------------- HTML

fn data_block(html: &str) -> &str {
    json_block(html, "bilateral-data")
}

fn json_block<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).expect("data block") + open.len();
    let end = start + html[start..].find("</script>").expect("data block ends");
    &html[start..end]
}

#[test]
fn html_page_inlines_the_data_safely_and_loads_nothing() {
    let events = tricky();
    let html = export(Format::Html, &events);
    let data = data_block(&html);
    assert!(
        !data.contains('<') && !data.contains('>'),
        "no markup can close the data block"
    );
    let value: serde_json::Value = serde_json::from_str(data).expect("data is JSON");
    let inlined: Vec<Event> =
        serde_json::from_value(value["events"].clone()).expect("events in the data");
    let mut sorted = events.clone();
    sorted.sort_by_key(|e| e.start);
    assert_eq!(inlined, sorted, "the page carries every event, losslessly");

    assert_eq!(
        html.matches("<script").count(),
        3,
        "only the data block, its words and the renderer: the title's </script><script> stays text"
    );
    let csp = formats::html::content_security_policy();
    assert!(html.contains(&format!(
        "http-equiv=\"Content-Security-Policy\" content=\"{csp}\""
    )));
    assert!(csp.starts_with("default-src 'none'"));
    assert!(!csp.contains("http") && !csp.contains("'self'") && !csp.contains('*'));
    for resource in [
        "src=",
        "<link",
        "@import",
        "url(",
        "fetch(",
        "XMLHttpRequest",
        "innerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!html.contains(resource), "the page must not use {resource}");
    }
    assert!(html.contains("<title>US–China test timeline</title>"));
}

#[test]
fn html_page_takes_its_words_and_colours_from_the_core() {
    let mut ranged = event("r", "1971", Kind::Meeting);
    ranged.end = Some("1972".parse().expect("date"));
    let html = export(Format::Html, &[ranged]);
    let words: serde_json::Value =
        serde_json::from_str(json_block(&html, "bilateral-words")).expect("words are JSON");
    assert_eq!(
        words["dates"],
        serde_json::json!(["1971–1972"]),
        "the page shows each event's dates as the core words them"
    );
    let meeting = &words["vocabulary"]["kinds"][1];
    assert_eq!(meeting["label"], "Meeting");
    assert_eq!(
        meeting["colour"],
        serde_json::json!({"light": "#1d4ed8", "dark": "#60a5fa"}),
        "the page colours a meeting as the app does"
    );
    assert_eq!(
        words["vocabulary"]["verifications"][1]["label"],
        "Single source"
    );
    for copy in [
        "Trade measure",
        "Third party",
        "Single source",
        "November",
        "#1d4ed8",
    ] {
        assert!(
            !formats::html::SCRIPT.contains(copy) && !formats::html::STYLE.contains(copy),
            "the page's script and style keep no copy of the vocabulary ({copy})"
        );
    }
}

#[test]
fn html_csp_hashes_match_the_inline_script_and_style() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash = |text: &str| {
        format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
        )
    };
    assert_eq!(
        formats::html::SCRIPT_HASH,
        hash(formats::html::SCRIPT),
        "html.js changed: put this hash in html.rs or the browser blocks the renderer"
    );
    assert_eq!(
        formats::html::STYLE_HASH,
        hash(formats::html::STYLE),
        "html.css changed: put this hash in html.rs or the browser drops the style"
    );
    let html = export(Format::Html, &tricky());
    assert!(html.contains(&format!("<script>{}</script>", formats::html::SCRIPT)));
    assert!(html.contains(&format!("<style>{}</style>", formats::html::STYLE)));
}

// ---------------------------------------------------------------- SVG

#[test]
fn svg_is_well_formed_xml_with_text_as_text() {
    let mut events = tricky();
    let mut controls = event("controls", "2021-03-18", Kind::Meeting);
    controls.title = "Anchorage \u{0} \u{1b}[31m talks \u{FFFF} & 'quotes'".to_owned();
    events.push(controls);
    let svg = export(Format::Svg, &events);
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut texts = Vec::new();
    let mut in_text = false;
    let mut root = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(tag) => {
                in_text = tag.name().as_ref() == "text" || tag.name().as_ref() == "title";
                if root.is_none() {
                    root = Some(tag.into_owned());
                }
            }
            quick_xml::events::Event::Text(t) if in_text => {
                texts.push(t.xml10_content().into_owned());
            }
            quick_xml::events::Event::End(_) => in_text = false,
            _ => {}
        }
    }
    let root = root.expect("root element");
    assert_eq!(root.name().as_ref(), "svg");
    let attr = |name: &str| {
        root.attributes()
            .filter_map(Result::ok)
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.into_owned())
    };
    assert_eq!(attr("width").as_deref(), Some("1200"));
    assert_eq!(attr("height").as_deref(), Some("600"));
    let all = texts.join("\n");
    assert!(all.contains("US–China test timeline"));
    assert!(all.contains("Consulate"), "titles are text: {all}");
    assert!(
        !svg.contains("<script"),
        "no markup from titles: the SVG must stay inert"
    );
    assert!(
        !svg.contains('\u{0}') && !svg.contains('\u{1b}'),
        "no characters XML forbids"
    );
}

#[test]
fn svg_draws_many_events_at_the_chosen_size_and_counts_the_unlabelled() {
    let events: Vec<Event> = (0..400)
        .map(|i| {
            event(
                &format!("e{i}"),
                &format!("{}-06", 1980 + i % 40),
                Kind::ALL[i % 14],
            )
        })
        .collect();
    let svg = export(Format::Svg, &events);
    assert!(svg.contains("viewBox=\"0 0 1200 600\""));
    assert_eq!(
        svg.matches("<g><title>").count(),
        events.len(),
        "every event is drawn"
    );
    assert!(svg.contains("more events shown as marks"));
    let empty = export(Format::Svg, &[]);
    assert!(empty.contains("No events"));
}

// ---------------------------------------------------------------- detection and decoding

#[test]
fn the_format_is_told_from_the_content() {
    let events = tricky();
    for format in [Format::Json, Format::Csv, Format::Ics, Format::TimelineJs] {
        let text = export(format, &events);
        let parsed = formats::read(None, text.as_bytes(), "file").expect("auto reads");
        assert_eq!(parsed.events.len(), events.len(), "{format} detected");
    }
    let sheet = format!(
        "{}\n2019,1,1,,,,,,,Headline,,,,,,,,\n",
        formats::timelinejs_csv::COLUMNS.join(",")
    );
    assert_eq!(formats::detect::format(&sheet), Some(Format::TimelineJsCsv));
    assert_eq!(formats::detect::format("hello"), None);
    assert!(formats::read(None, b"hello", "x").is_err());
}

/// A file is told from its first 64 KiB: a TimelineJS export whose events run past them is
/// still TimelineJS, and a large Bilateral file still Bilateral, each read whole.
#[test]
fn a_large_export_is_told_from_its_head_alone() {
    let events: Vec<Event> = (0..600)
        .map(|i| event(&format!("e{i}"), "2020-01-01", Kind::Meeting))
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    for format in [Format::TimelineJs, Format::Json] {
        let path = dir.path().join(format!("big.{}", format.name()));
        std::fs::write(&path, export(format, &events)).expect("write");
        assert!(std::fs::metadata(&path).expect("size").len() > 64 << 10);
        let input = formats::stream::open(&path, None).expect("open");
        assert_eq!(input.format(), format);
        let mut read = 0;
        input
            .each(&mut |item| {
                read += usize::from(matches!(item, formats::stream::Item::Event(..)));
                Ok(())
            })
            .expect("read");
        assert_eq!(read, events.len(), "{format}");
    }
}

#[test]
fn undecodable_and_utf16_files_are_one_error_with_line_and_column() {
    let err = formats::read(None, b"[\n  {\"id\": \"a\xff\"}]", "bad.json").expect_err("not UTF-8");
    assert_eq!(err.to_string(), "bad.json, line 2, column 12: byte 0xFF is not valid UTF-8: save the file as UTF-8 and import it again");
    let err = formats::read(None, b"\xff\xfet\x00i\x00", "w.csv").expect_err("UTF-16");
    assert!(err.to_string().contains("UTF-16"), "{err}");
}

#[test]
fn markdown_html_and_svg_cannot_be_imported() {
    for format in [Format::Markdown, Format::Html, Format::Svg] {
        let err = formats::read(Some(format), b"x", "f").expect_err("export only");
        assert_eq!(err.field(), Some("format"));
    }
}

/// Distinct colours in a picture: a blank canvas has one or two, a drawn timeline many.
fn colours(png: &[u8]) -> (u32, u32, usize) {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("a PNG that decodes");
    let distinct: std::collections::HashSet<&[u8]> = pixmap.data().chunks(4).collect();
    (pixmap.width(), pixmap.height(), distinct.len())
}

#[test]
fn png_is_the_timeline_picture_at_the_chosen_size() {
    let events = tricky();
    let png = formats::export_to_vec(Format::Png, &events, &options()).expect("png export");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    let (w, h, drawn) = colours(&png);
    assert_eq!(
        (w, h),
        (1200, 600),
        "the picture has the size the user chose"
    );
    let empty = formats::export_to_vec(Format::Png, &[], &options()).expect("empty png");
    let (_, _, blank) = colours(&empty);
    assert!(
        drawn > blank + 20,
        "events, labels and axis must be drawn ({drawn} colours vs {blank} for an empty timeline)"
    );
    let err = formats::read(Some(Format::Png), &png, "picture.png").expect_err("not importable");
    assert!(err.to_string().contains("cannot be imported"), "{err}");
}

/// Chinese titles and names, and what each source reports, survive a CSV and a JSON round
/// trip; the verification state is recomputed, never read from the file.
#[test]
fn chinese_names_and_source_provenance_survive_csv_and_json() {
    let mut e = Event {
        links: Vec::new(),
        id: "call".to_owned(),
        title: "Biden and Xi speak".to_owned(),
        title_zh: Some("习近平同拜登通电话".to_owned()),
        summary: "A call.".to_owned(),
        start: "2022-07-28".parse().expect("date"),
        end: None,
        kind: Kind::Call,
        actors: vec![
            Actor {
                name: "Joe Biden".to_owned(),
                side: Side::Us,
                name_zh: Some("拜登".to_owned()),
                pinyin: Some("Bàidēng".to_owned()),
            },
            Actor {
                name: "White House".to_owned(),
                side: Side::Us,
                name_zh: None,
                pinyin: None,
            },
        ],
        location: None,
        tags: vec![],
        sources: vec![Source {
            url: "https://www.fmprc.gov.cn/eng/x.html".to_owned(),
            title: "Readout".to_owned(),
            publisher: "PRC Foreign Ministry".to_owned(),
            reported_date: Some("2022-07-29".parse().expect("date")),
            reported_place: Some("Beijing".to_owned()),
            archived_url: Some(
                "https://web.archive.org/web/2022/https://www.fmprc.gov.cn/eng/x.html".to_owned(),
            ),
            archived_at: Some("2022-08".parse().expect("date")),
            ..Source::default()
        }],
        verification: None,
    };
    e = e.normalized();
    assert_eq!(e.verification, Some(Verification::Corroborated));
    for format in [Format::Csv, Format::Json] {
        let bytes =
            formats::export_to_vec(format, std::slice::from_ref(&e), &ExportOptions::default())
                .expect("export");
        let text = String::from_utf8(bytes).expect("utf-8");
        let back: Vec<Event> = read(format, &text)
            .events
            .into_iter()
            .map(Event::normalized)
            .collect();
        assert_eq!(back, vec![e.clone()], "{format}");
    }
}

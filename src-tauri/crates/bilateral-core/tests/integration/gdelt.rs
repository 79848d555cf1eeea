//! GDELT event files: the reader on fixtures written here (2.0 exports, and the 1.0 daily and
//! historical layouts), the gdelt origin in the store (ranking, filtering, re-import), and a
//! database from before the origin existed.

use bilateral_core::formats::gdelt::Layout;
use bilateral_core::formats::{self, detect, gdelt, Format, Location};
use bilateral_core::query::WindowQuery;
use bilateral_core::{Filter, Kind, Origin, Side, Store};

use crate::fixtures::{event, store_on_disk};

/// One GDELT 2.0 row: 61 tab-separated columns, the ones the reader uses filled in.
pub(crate) use gdelt::sample_row as row;

pub(crate) const US: (&str, &str) = ("UNITED STATES", "USA");
pub(crate) const CHINA: (&str, &str) = ("CHINA", "CHN");

/// The ids of the events a reading kept, in order.
pub(crate) fn ids(reading: &gdelt::Reading) -> Vec<&str> {
    reading
        .parsed
        .events
        .iter()
        .map(|e| e.id.as_str())
        .collect()
}

/// The fixture: US→China (a visit), China→US (a protest, its source not a web link),
/// US→Russia (left out), a malformed row (a bad day), and US→China again (sanctions).
pub(crate) fn fixture() -> String {
    [
        row(
            "1100000001",
            "20231115",
            US,
            CHINA,
            "042",
            "Beijing, Beijing, China",
            "https://example.org/news/visit",
        ),
        row(
            "1100000002",
            "20231116",
            ("BEIJING", "CHN"),
            ("WASHINGTON", "USA"),
            "141",
            "",
            "ftp://example.org/report",
        ),
        row(
            "1100000003",
            "20231116",
            US,
            ("RUSSIA", "RUS"),
            "036",
            "Moscow, Moscow City, Russia",
            "https://example.org/news/russia",
        ),
        row(
            "1100000004",
            "20231399",
            US,
            CHINA,
            "043",
            "",
            "https://example.org/news/bad",
        ),
        row(
            "1100000005",
            "20231120",
            US,
            CHINA,
            "163",
            "Washington, District of Columbia, United States",
            "http://example.org/news/sanctions",
        ),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn keeps_us_china_rows_in_both_directions_and_drops_the_rest() {
    let text = fixture();
    let reading = gdelt::read_from(text.as_bytes(), "20231120121500.export.CSV").expect("read");
    let t = reading.tally;
    assert_eq!(t.rows, 5, "every row is counted");
    assert_eq!(t.kept, 3, "US→China and China→US rows are kept");
    assert_eq!(
        t.elsewhere, 1,
        "the US→Russia row is left out, not rejected"
    );
    assert_eq!(t.sources_left_out, 1, "the ftp link is left out");
    let ids = ids(&reading);
    assert_eq!(
        ids,
        ["gdelt-1100000001", "gdelt-1100000002", "gdelt-1100000005"],
        "ids come from GlobalEventID, so a re-import updates"
    );
    assert_eq!(
        reading.parsed.at,
        [Location::Line(1), Location::Line(2), Location::Line(5)]
    );

    let visit = &reading.parsed.events[0];
    assert_eq!(visit.title, "United States visits China");
    assert_eq!(
        visit.kind,
        Kind::Visit,
        "CAMEO 042 (make a visit) is a visit"
    );
    assert_eq!(
        visit.start.to_string(),
        "2023-11-15",
        "day precision from Day"
    );
    assert_eq!(visit.location.as_deref(), Some("Beijing, Beijing, China"));
    assert_eq!(visit.sources.len(), 1);
    assert_eq!(visit.sources[0].url, "https://example.org/news/visit");
    assert_eq!(visit.sources[0].publisher, "example.org");
    assert_eq!(
        visit
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.side))
            .collect::<Vec<_>>(),
        [("United States", Side::Us), ("China", Side::China)]
    );
    assert!(
        visit.summary.contains("CAMEO event 042"),
        "{}",
        visit.summary
    );

    let protest = &reading.parsed.events[1];
    assert_eq!(protest.title, "Beijing protests against Washington");
    assert_eq!(
        protest.kind,
        Kind::Statement,
        "CAMEO 14 (protest) is a statement"
    );
    assert_eq!(
        protest.actors[0].side,
        Side::China,
        "China→US keeps its direction"
    );
    assert!(
        protest.sources.is_empty(),
        "a non-web link is not kept as a source"
    );
    assert_eq!(protest.location, None);

    let sanctions = &reading.parsed.events[2];
    assert_eq!(
        sanctions.kind,
        Kind::TradeMeasure,
        "CAMEO 16 (reduce relations)"
    );

    assert_eq!(reading.parsed.rejected.len(), 1, "the bad day is rejected");
    let bad = &reading.parsed.rejected[0];
    assert_eq!(bad.at, Location::Line(4));
    assert_eq!(
        bad.field, "Day (column 2)",
        "the rejection names the column"
    );
    assert!(bad.message.contains("20231399"), "{}", bad.message);
}

#[test]
fn cameo_roots_map_to_kinds() {
    let cases = [
        ("010", Kind::Statement),
        ("020", Kind::Statement),
        ("036", Kind::Statement),
        ("040", Kind::Meeting),
        ("041", Kind::Call),
        ("0431", Kind::Visit),
        ("051", Kind::Statement),
        ("057", Kind::Agreement),
        ("061", Kind::Agreement),
        ("070", Kind::Other),
        ("112", Kind::Statement),
        ("115", Kind::LegalAction),
        ("138", Kind::Statement),
        ("150", Kind::MilitaryIncident),
        ("1631", Kind::TradeMeasure),
        ("171", Kind::Other),
        ("172", Kind::TradeMeasure),
        ("173", Kind::LegalAction),
        ("176", Kind::CyberIntelligence),
        ("190", Kind::MilitaryIncident),
        ("204", Kind::MilitaryIncident),
    ];
    for (code, kind) in cases {
        assert_eq!(gdelt::kind_of(code, &code[..2]), Some(kind), "CAMEO {code}");
    }
    assert_eq!(gdelt::kind_of("210", "21"), None, "there is no root 21");
}

#[test]
fn malformed_rows_name_their_line_and_column() {
    let good = row("7", "20240101", US, CHINA, "040", "", "");
    let short = good.split('\t').take(58).collect::<Vec<_>>().join("\t");
    let bad_root = good.replacen("\t040\t040\t04\t", "\t990\t990\t99\t", 1);
    let bad_id = good.replacen('7', "x7", 1);
    let text = [good.as_str(), &short, &bad_root, &bad_id].join("\n");
    let parsed = formats::read(Some(Format::Gdelt), text.as_bytes(), "f").expect("read");
    assert_eq!(parsed.events.len(), 1);
    let got: Vec<(Location, &str)> = parsed
        .rejected
        .iter()
        .map(|r| (r.at, r.field.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Location::Line(2), "row"),
            (Location::Line(3), "EventRootCode (column 29)"),
            (Location::Line(4), "GlobalEventID (column 1)"),
        ]
    );
    assert!(
        parsed.rejected[0]
            .message
            .contains("58 tab-separated columns")
            && parsed.rejected[0]
                .message
                .contains("rows before it have 61"),
        "a short row in a 2.0 export is refused, not read as GDELT 1.0: {}",
        parsed.rejected[0].message
    );
    let odd = formats::read(Some(Format::Gdelt), "1\t20240101\tx\n".as_bytes(), "f")
        .expect("read")
        .rejected;
    assert!(
        odd[0].message.contains("has 3 tab-separated columns")
            && odd[0].message.contains("58 or 57 in GDELT 1.0"),
        "{}",
        odd[0].message
    );
}

/// The fixture's visit and protest in a GDELT 1.0 layout, and a row between other actors.
fn fixture_in(layout: Layout) -> String {
    let row = |id, day, a1, a2, code, place, url| {
        gdelt::sample_row_in(layout, id, day, a1, a2, code, place, url)
    };
    [
        row(
            "98000001",
            "19790129",
            CHINA,
            US,
            "042",
            "Washington, District of Columbia, United States",
            "https://example.org/news/deng-visit",
        ),
        row(
            "98000002",
            "19790130",
            US,
            ("SOVIET UNION", "SUN"),
            "036",
            "Moscow, Moscow City, Russia",
            "https://example.org/news/elsewhere",
        ),
        row(
            "98000003",
            "19790131",
            US,
            CHINA,
            "0571",
            "Washington, District of Columbia, United States",
            "https://example.org/news/accords",
        ),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn gdelt_1_0_daily_and_historical_files_are_read_by_their_layout() {
    assert_eq!(
        [Layout::V2, Layout::V1Daily, Layout::V1Backfile].map(Layout::columns),
        [61, 58, 57],
        "as the codebooks list them"
    );
    for layout in [Layout::V1Daily, Layout::V1Backfile] {
        let text = fixture_in(layout);
        assert_eq!(
            text.lines().next().expect("row").split('\t').count(),
            layout.columns()
        );
        assert_eq!(detect::format(&text), Some(Format::Gdelt), "{layout:?}");
        let reading = gdelt::read_from(text.as_bytes(), "1979.csv").expect("read");
        assert!(
            reading.parsed.rejected.is_empty(),
            "{:?}",
            reading.parsed.rejected
        );
        let t = reading.tally;
        assert_eq!((t.rows, t.kept, t.elsewhere), (3, 2, 1), "{layout:?}");
        let ids = ids(&reading);
        assert_eq!(
            ids,
            ["gdelt-v1-98000001", "gdelt-v1-98000003"],
            "1.0 numbers its events apart from 2.0"
        );
        let visit = &reading.parsed.events[0];
        assert_eq!(visit.title, "China visits United States");
        assert_eq!(visit.start.to_string(), "1979-01-29");
        assert_eq!(
            visit.location.as_deref(),
            Some("Washington, District of Columbia, United States"),
            "ActionGeo_FullName, two columns earlier than in 2.0"
        );
        assert_eq!(reading.parsed.events[1].kind, Kind::Agreement);
        let urls: Vec<&str> = visit.sources.iter().map(|s| s.url.as_str()).collect();
        if layout == Layout::V1Daily {
            assert_eq!(urls, ["https://example.org/news/deng-visit"], "SOURCEURL");
            assert_eq!((t.sources_left_out, t.from_backfile), (0, 0));
        } else {
            assert!(urls.is_empty(), "the backfile names no source");
            assert_eq!(
                (t.sources_left_out, t.from_backfile),
                (0, 2),
                "counted apart from links that are not web links"
            );
        }
    }
}

#[test]
fn a_row_of_another_layout_than_the_rows_before_it_is_refused_naming_both() {
    let v2 = fixture();
    let v1 = fixture_in(Layout::V1Backfile);
    let text = format!("{v1}{v2}");
    let reading = gdelt::read_from(text.as_bytes(), "mixed.csv").expect("read");
    assert_eq!(reading.tally.kept, 2, "the backfile's two US–China rows");
    assert_eq!(reading.parsed.rejected.len(), 5, "every 2.0 row");
    let first = &reading.parsed.rejected[0];
    assert_eq!(first.at, Location::Line(4));
    assert!(
        first.message.contains("has 61 tab-separated columns")
            && first
                .message
                .contains("rows before it have 57 (a GDELT 1.0 historical file)"),
        "{}",
        first.message
    );
}

#[test]
fn a_bad_cell_of_a_gdelt_1_0_row_names_its_column() {
    let good = gdelt::sample_row_in(Layout::V1Daily, "5", "20130401", US, CHINA, "040", "", "");
    let bad_tone = good.replacen("\t-2.35\t", "\tmuch\t", 1);
    let parsed = formats::read(Some(Format::Gdelt), bad_tone.as_bytes(), "f").expect("read");
    assert_eq!(parsed.rejected[0].field, "AvgTone (column 35)");
}

#[test]
fn the_same_number_in_gdelt_1_0_and_2_0_is_two_events() {
    let (_dir, mut store, _) = store_on_disk();
    let v1 = gdelt::sample_row_in(
        Layout::V1Daily,
        "410000001",
        "20150218",
        US,
        CHINA,
        "040",
        "",
        "https://example.org/news/v1",
    );
    let v2 = row(
        "410000001",
        "20150219",
        US,
        CHINA,
        "043",
        "",
        "https://example.org/news/v2",
    );
    for text in [v1, v2] {
        let parsed = formats::read(None, text.as_bytes(), "f").expect("read");
        store
            .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
            .expect("import");
    }
    let v1 = store.get("gdelt-v1-410000001").expect("1.0 event kept");
    let v2 = store.get("gdelt-410000001").expect("2.0 event stored");
    assert_eq!((v1.origin, v2.origin), (Origin::Gdelt, Origin::Gdelt));
    assert_eq!(
        v1.event.kind,
        Kind::Meeting,
        "not overwritten by the 2.0 visit"
    );
    assert_eq!(v2.event.kind, Kind::Visit);
}

#[test]
fn a_zip_archive_is_refused_with_advice() {
    let err = gdelt::read_from(&b"PK\x03\x04rest"[..], "x.export.CSV.zip").unwrap_err();
    assert!(err.to_string().contains("unzip"), "{err}");
}

#[test]
fn an_overlong_line_stops_the_read() {
    let text = "1\t".repeat(gdelt::MAX_LINE_BYTES);
    let err = gdelt::read_from(text.as_bytes(), "f").unwrap_err();
    assert!(err.to_string().contains("longer than"), "{err}");
}

#[test]
fn detected_by_content_and_by_name() {
    assert_eq!(detect::format(&fixture()), Some(Format::Gdelt));
    assert_eq!(
        detect::format_by_name("20231120121500.export.CSV"),
        Some(Format::Gdelt)
    );
    assert_eq!(
        detect::format_by_name("20231120121500.export.CSV.zip"),
        Some(Format::Gdelt),
        "as GDELT publishes them"
    );
    assert_eq!(detect::format_by_name("events.csv"), None);
    assert_eq!(detect::format_by_name("events.csv.zip"), None);
    assert_eq!(Format::parse("gdelt"), Some(Format::Gdelt));
    assert!(Format::Gdelt.can_import() && !Format::Gdelt.can_export());
}

/// Imports the fixture's good rows into `store`.
fn import_fixture(store: &mut Store) {
    let parsed = formats::read(None, fixture().as_bytes(), "f").expect("read");
    store
        .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
        .expect("import");
}

/// The window of November 2023 (where the fixture's events are), capped at `limit`.
fn november(store: &Store, limit: u32, filter: Option<Filter>) -> bilateral_core::Window {
    store
        .window(&WindowQuery {
            from: "2023-11-01".into(),
            to: "2023-11-30".into(),
            limit,
            buckets: 10,
            filter,
        })
        .expect("window")
}

#[test]
fn gdelt_events_are_marked_ranked_below_curated_and_hidden_by_one_filter() {
    let (_dir, mut store, _path) = store_on_disk();
    store
        .create(event("curated", "2023-11-18", Kind::Other))
        .expect("create");
    import_fixture(&mut store);
    let visit = store.get("gdelt-1100000001").expect("stored");
    assert_eq!(visit.origin, Origin::Gdelt, "GDELT events are marked so");
    assert_eq!(store.get("curated").expect("stored").origin, Origin::User);

    // A window capped at one event keeps the curated one, though its kind (other) weighs
    // less than a GDELT visit or trade measure.
    let window = november(&store, 1, None);
    assert_eq!(window.total, 4);
    assert_eq!(
        window.events[0].id, "curated",
        "a curated event outranks every GDELT event"
    );

    let without = Filter::default().without_gdelt();
    let window = november(&store, 100, Some(without.clone()));
    assert_eq!(window.total, 1, "one filter hides every GDELT event");
    let only = Filter {
        origins: vec![Origin::Gdelt],
        ..Filter::default()
    };
    let facets = store.facets(&only).expect("facets");
    assert_eq!(
        facets.total, 3,
        "and the origin filter counts in facets too"
    );
    let window = november(&store, 100, Some(only));
    assert_eq!(window.total, 3, "one filter shows the GDELT events alone");
    assert!(window.events.iter().all(|e| e.id.starts_with("gdelt-")));
    let json = serde_json::to_value(&without).expect("json");
    assert_eq!(json["origins"], serde_json::json!(["dataset", "user"]));
}

#[test]
fn reimporting_updates_and_keeps_the_users_tags() {
    let (_dir, mut store, _path) = store_on_disk();
    import_fixture(&mut store);
    let mut visit = store.get("gdelt-1100000001").expect("stored").event;
    visit.tags = vec!["checked".into()];
    store.update(visit).expect("tag it");
    let parsed = formats::read(None, fixture().as_bytes(), "f").expect("read");
    let preview = store
        .preview_import_as(&parsed.events, parsed.coverage())
        .expect("preview");
    assert_eq!(
        (preview.new, preview.updated, preview.unchanged),
        (0, 0, 3),
        "the same file again changes nothing"
    );
    store
        .import_with_progress(&parsed.events, parsed.coverage(), |_, _| true)
        .expect("import");
    let visit = store.get("gdelt-1100000001").expect("stored");
    assert_eq!(visit.event.tags, ["checked"], "the user's tags survive");
    assert_eq!(
        visit.origin,
        Origin::Gdelt,
        "an edited GDELT event stays one"
    );
    assert_eq!(store.count().expect("count"), 3);
}

#[test]
fn a_database_from_before_the_gdelt_origin_upgrades_with_everything_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(include_str!("../../src/migrations/0001_events.sql"))
            .expect("0001");
        conn.execute_batch(include_str!("../../src/migrations/0002_search.sql"))
            .expect("0002");
        conn.pragma_update(None, "user_version", 2)
            .expect("version");
        conn.pragma_update(
            None,
            "application_id",
            bilateral_core::identity::APPLICATION_ID,
        )
        .expect("id");
    }
    {
        // The old schema refuses the new origin: the CHECK is real.
        let conn = rusqlite::Connection::open(&path).expect("open");
        let refused = conn.execute(
            "INSERT INTO events (id, title, start_text, first_day, last_day, kind, significance,
                                 origin, created_at, updated_at)
             VALUES ('x', 't', '2023', 1, 1, 'other', 1, 'gdelt', '', '')",
            [],
        );
        assert!(refused.is_err(), "version 2 refuses origin gdelt");
    }
    // An event with an actor, a tag, a source and a search row, as version 2 stored them.
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute(
            "INSERT INTO events (id, title, start_text, first_day, last_day, kind, significance,
                                 origin, created_at, updated_at)
             VALUES ('old', 'Phase one deal', '2020-01-15', 737438, 737438, 'agreement', 9,
                     'user', 'c', 'u')",
            [],
        )
        .expect("event");
        conn.execute_batch(
            "INSERT INTO actors (id, name, side) VALUES (1, 'Liu He', 'china');
             INSERT INTO event_actors VALUES ('old', 1, 0);
             INSERT INTO event_tags VALUES ('old', 'trade', 0);
             INSERT INTO sources (event_id, position, url, title)
                 VALUES ('old', 0, 'https://example.org/deal', 'Deal');
             INSERT INTO search_rows (event_id) VALUES ('old');
             INSERT INTO events_fts (rowid, title, summary, actors, tags, location, quotes)
                 SELECT rowid, 'Phase one deal', '', 'Liu He', 'trade', '', '' FROM search_rows;",
        )
        .expect("children");
    }
    let mut store = Store::open(&path).expect("the old database opens and upgrades");
    let old = store.get("old").expect("kept");
    assert_eq!(old.event.actors.len(), 1, "actor links survive the upgrade");
    assert_eq!(old.event.tags, ["trade"], "tags survive the upgrade");
    assert_eq!(old.event.sources.len(), 1, "sources survive the upgrade");
    let hits = store
        .search(&bilateral_core::SearchQuery {
            text: "phase".into(),
            limit: 10,
            filter: None,
        })
        .expect("search");
    assert_eq!(hits.len(), 1, "the search index survives the upgrade");
    import_fixture(&mut store);
    assert_eq!(
        store.get("gdelt-1100000005").expect("stored").origin,
        Origin::Gdelt,
        "the upgraded database takes GDELT events"
    );
    drop(store);
    // Another connection sees the new constraint too, and still refuses unknown origins.
    let conn = rusqlite::Connection::open(&path).expect("reopen");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, bilateral_core::store::MIGRATION_COUNT as i64);
    let refused = conn.execute("UPDATE events SET origin = 'rumour' WHERE id = 'old'", []);
    assert!(
        refused.is_err(),
        "the constraint still holds for other origins"
    );
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}

/// A comma-separated export with a header row, as BigQuery writes a query of GDELT's events
/// table: `columns` named, then `rows`, quoted where a cell holds a comma.
fn bigquery(columns: &[&str], rows: &[&[&str]]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(columns).expect("header");
    for row in rows {
        out.write_record(*row).expect("row");
    }
    String::from_utf8(out.into_inner().expect("flush")).expect("utf-8")
}

#[test]
fn a_bigquery_export_is_read_by_its_header_names() {
    // `SELECT *` of the 2.0 table: every column, ADM2Code among them, so 2.0 numbering.
    // BigQuery's names: the codebook's, but SQLDATE for Day, and in capitals here.
    let mut v2_header = Layout::V2.names();
    assert_eq!(v2_header.len(), 61);
    v2_header[0] = "GLOBALEVENTID";
    v2_header[1] = "SQLDATE";
    let tab_row = gdelt::sample_row(
        "900000001",
        "20200115",
        US,
        CHINA,
        "057",
        "Washington, District of Columbia, United States",
        "https://example.org/news/phase-one",
    );
    let cells: Vec<&str> = tab_row.split('\t').collect();
    let text = bigquery(&v2_header, &[&cells]);
    assert!(text.contains("\"Washington, District of Columbia, United States\""));
    assert_eq!(
        detect::format(&text),
        Some(Format::Gdelt),
        "told by its header"
    );
    let reading = gdelt::read_from(text.as_bytes(), "bq-results.csv").expect("read");
    assert!(
        reading.parsed.rejected.is_empty(),
        "{:?}",
        reading.parsed.rejected
    );
    let signing = &reading.parsed.events[0];
    assert_eq!(signing.id, "gdelt-900000001");
    assert_eq!(signing.kind, Kind::Agreement);
    assert_eq!(
        signing.location.as_deref(),
        Some("Washington, District of Columbia, United States")
    );
    assert_eq!(signing.sources[0].url, "https://example.org/news/phase-one");
    assert!(
        signing.summary.contains("Goldstein scale 1.9"),
        "{}",
        signing.summary
    );

    // A query of a few columns, in its own order, from the 1.0 table (DATEADDED a day).
    let few = [
        "SOURCEURL",
        "GLOBALEVENTID",
        "SQLDATE",
        "Actor1CountryCode",
        "Actor2CountryCode",
        "EventCode",
        "Actor1Name",
        "DATEADDED",
    ];
    let text = bigquery(
        &few,
        &[
            &[
                "",
                "12",
                "19790129",
                "CHN",
                "USA",
                "042",
                "DENG XIAOPING",
                "19790130",
            ],
            &[
                "https://example.org/x",
                "13",
                "19790130",
                "FRA",
                "USA",
                "040",
                "",
                "19790131",
            ],
        ],
    );
    let reading = gdelt::read_from(text.as_bytes(), "history.csv").expect("read");
    assert!(
        reading.parsed.rejected.is_empty(),
        "{:?}",
        reading.parsed.rejected
    );
    assert_eq!(
        (
            reading.tally.rows,
            reading.tally.kept,
            reading.tally.elsewhere
        ),
        (2, 1, 1)
    );
    let visit = &reading.parsed.events[0];
    assert_eq!(visit.id, "gdelt-v1-12", "DATEADDED a day: GDELT 1.0");
    assert_eq!(visit.title, "Deng Xiaoping visits United States");
    assert_eq!(visit.kind, Kind::Visit, "the root taken from the code");
    assert_eq!(
        visit.summary,
        "Coded by the GDELT Project from news coverage: CAMEO event 042."
    );
    assert!(visit.sources.is_empty());
}

/// A BigQuery export saved again by a spreadsheet, with a byte-order mark and CRLF line ends,
/// reads as it did.
#[test]
fn a_bigquery_export_saved_by_a_spreadsheet_reads_the_same() {
    let columns = [
        "GLOBALEVENTID",
        "SQLDATE",
        "Actor1CountryCode",
        "Actor2CountryCode",
        "EventCode",
        "DATEADDED",
    ];
    let plain = bigquery(
        &columns,
        &[&["8", "20200101", "USA", "CHN", "040", "20200101120000"]],
    );
    let saved = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    assert_eq!(detect::format(&saved), Some(Format::Gdelt));
    let reading = gdelt::read_from(saved.as_bytes(), "saved.csv").expect("read");
    assert!(
        reading.parsed.rejected.is_empty(),
        "{:?}",
        reading.parsed.rejected
    );
    assert_eq!(reading.parsed.events[0].id, "gdelt-8");
}

#[test]
fn a_header_without_what_an_event_needs_is_refused_saying_what_is_missing() {
    let err = gdelt::read_from(
        bigquery(&["GLOBALEVENTID", "SQLDATE", "EventCode"], &[]).as_bytes(),
        "q.csv",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("line 1") && err.contains("no Actor1CountryCode, Actor2CountryCode column"),
        "{err}"
    );
    let undated = bigquery(
        &[
            "GLOBALEVENTID",
            "SQLDATE",
            "Actor1CountryCode",
            "Actor2CountryCode",
            "EventCode",
        ],
        &[],
    );
    let err = gdelt::read_from(undated.as_bytes(), "q.csv")
        .unwrap_err()
        .to_string();
    assert!(err.contains("export DATEADDED with them"), "{err}");

    let cols = [
        "GLOBALEVENTID",
        "SQLDATE",
        "Actor1CountryCode",
        "Actor2CountryCode",
        "EventCode",
        "DATEADDED",
    ];
    let text = bigquery(
        &cols,
        &[
            &["1", "20200101", "USA", "CHN", "040", "2020"],
            &["2", "20200101", "USA", "CHN", "040", "20200101"],
        ],
    ) + "3,20200101,USA\n";
    let reading = gdelt::read_from(text.as_bytes(), "q.csv").expect("read");
    let got: Vec<(Location, &str)> = reading
        .parsed
        .rejected
        .iter()
        .map(|r| (r.at, r.field.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Location::Line(2), "DATEADDED (column 6)"),
            (Location::Line(4), "row")
        ],
        "{:?}",
        reading.parsed.rejected
    );
    assert!(reading.parsed.rejected[1]
        .message
        .contains("but the file's header has 6"));
    assert_eq!(reading.parsed.events[0].id, "gdelt-v1-2");
}

/// GDELT's files are UTF-8, but a row that is not is only refused when it would be kept: a
/// row between other actors is left out whatever bytes it holds.
#[test]
fn a_row_that_is_not_utf8_is_refused_only_when_it_would_be_kept() {
    let latin1 = |row: String| row.replace("Paris", "Par\u{0}is").into_bytes();
    let mut bytes = row("1", "20231115", US, CHINA, "042", "Beijing, China", "").into_bytes();
    bytes.push(b'\n');
    for (id, from, to) in [
        ("2", ("FRANCE", "FRA"), ("GERMANY", "DEU")),
        ("3", US, CHINA),
    ] {
        let mut line = latin1(row(id, "20231116", from, to, "042", "Paris, France", ""));
        let at = line.iter().position(|b| *b == 0).expect("the marked byte");
        line[at] = 0xE9; // "é" in Latin-1: not UTF-8
        bytes.extend(line);
        bytes.push(b'\n');
    }
    let reading = gdelt::read_from(bytes.as_slice(), "mixed.export.CSV").expect("read");
    assert_eq!(ids(&reading), ["gdelt-1"]);
    assert_eq!(reading.tally.elsewhere, 1, "France and Germany: left out");
    assert_eq!(reading.parsed.rejected.len(), 1);
    assert_eq!(reading.parsed.rejected[0].at, Location::Line(3));
    assert!(reading.parsed.rejected[0].message.contains("not UTF-8"));
}

//! Imports read as a stream and exports written as read: a large file imports whole with its
//! search index complete, a bad row in the middle stops everything, and the streamed export
//! writes the same bytes as the export of a list of events.

use std::path::Path;

use bilateral_core::formats::{self, stream, ExportOptions, Format, Progress};
use bilateral_core::import::ImportOutcome;
use bilateral_core::transfer::{export_to_file, partial_path, ExportRequest};
use bilateral_core::{Event, Filter, Kind, Store, StoredEvent};

use crate::fixtures::{event, search_ids, shipped_store, store_on_disk};

fn generated(n: usize) -> Vec<Event> {
    (0..n)
        .map(|i| {
            let mut e = event(
                &format!("gen-{i}"),
                &format!("{}-{:02}-{:02}", 1980 + i % 40, 1 + i % 12, 1 + i % 28),
                Kind::ALL[i % Kind::ALL.len()],
            );
            e.title = format!("Generated event {i}");
            e
        })
        .collect()
}

/// The events `filter` matches, as the store reads them one by one: what an export must hold.
fn matching(store: &Store, filter: &Filter) -> Vec<Event> {
    store
        .all_matching(filter)
        .expect("select")
        .into_iter()
        .map(|s| s.event)
        .collect()
}

fn write(dir: &Path, name: &str, format: Format, events: &[Event]) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    formats::export(
        format,
        events,
        &ExportOptions::default(),
        &mut out,
        &mut Progress::silent(events.len()),
    )
    .expect("write the file");
    path
}

fn snapshot(store: &Store) -> Vec<StoredEvent> {
    store.all_matching(&Filter::default()).expect("read all")
}

#[test]
fn a_large_streamed_file_imports_whole_and_search_finds_its_last_row() {
    let (dir, mut store, _) = store_on_disk();
    let before = store.count().expect("count");
    let mut events = generated(50_000);
    events.last_mut().expect("events").title = "The very last zanzibarian event".to_owned();
    let path = write(dir.path(), "big.json", Format::Json, &events);
    drop(events);
    let input = stream::open(&path, None).expect("open the file");
    assert_eq!(
        input.format(),
        Format::Json,
        "the format is told from the start"
    );
    let (preview, total) = store.preview_stream(&input).expect("preview");
    assert_eq!(
        (preview.new, total, preview.rejected.len()),
        (50_000, 50_000, 0)
    );
    let mut ticks = 0;
    let outcome = store
        .import_stream(&input, total, |done, _| {
            ticks = done;
            true
        })
        .expect("import");
    let ImportOutcome::Imported(report) = outcome else {
        panic!("the import was not cancelled");
    };
    assert_eq!(report.created, 50_000);
    assert!(
        !report.undoable,
        "an import of more than 20,000 events is not an undo step"
    );
    assert_eq!(ticks, 50_000, "progress reaches the end");
    assert_eq!(store.count().expect("count"), before + 50_000);
    // Written in bulk, the maintained counts were rebuilt before the commit: the unfiltered
    // facets and the density agree with the events.
    let facets = store.facets(&Filter::default()).expect("facets");
    let by_kind: u32 = facets.kinds.iter().map(|k| k.count).sum();
    assert_eq!(u64::from(by_kind), before + 50_000, "kind counts add up");
    let sides: u32 = facets.sides.iter().map(|s| s.count).sum();
    assert!(sides > 0, "side counts were rebuilt: {:?}", facets.sides);
    assert_eq!(
        search_ids(&store, "zanzibarian"),
        vec!["gen-49999".to_owned()],
        "search finds the last row of the file as soon as the import returns"
    );
    assert_eq!(
        search_ids(&store, "Woodside").len(),
        10,
        "locations of the imported events are searchable"
    );
}

#[test]
fn a_streamed_csv_imports_and_is_searchable() {
    let (dir, mut store, _) = store_on_disk();
    let mut events = generated(3_000);
    events[2_999].tags.push("quetzalcoatl".to_owned());
    let path = write(dir.path(), "events.csv", Format::Csv, &events);
    let input = stream::open(&path, None).expect("open");
    assert_eq!(input.format(), Format::Csv);
    let (_, total) = store.preview_stream(&input).expect("preview");
    store
        .import_stream(&input, total, |_, _| true)
        .expect("import");
    assert_eq!(
        search_ids(&store, "quetzalcoatl"),
        vec!["gen-2999".to_owned()]
    );
    // Re-importing the same file changes nothing.
    let (again, _) = store.preview_stream(&input).expect("preview");
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 3_000));
}

#[test]
fn a_bad_row_in_the_middle_of_a_streamed_csv_stops_the_whole_import_naming_its_line() {
    let (dir, mut store, _) = store_on_disk();
    let events = generated(2_000);
    let path = write(dir.path(), "events.csv", Format::Csv, &events);
    // Row 1,000 (line 1,001 after the header): an unknown kind.
    let text = std::fs::read_to_string(&path).expect("read");
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
    assert!(lines[1000].starts_with("gen-999,"), "{}", lines[1000]);
    lines[1000] = lines[1000]
        .replace(",summit,", ",picnic,")
        .replace(&format!(",{},", events[999].kind.as_str()), ",picnic,");
    std::fs::write(&path, lines.join("\r\n")).expect("write");
    let before = snapshot(&store);
    let input = stream::open(&path, Some(Format::Csv)).expect("open");
    let error = store
        .import_stream(&input, 2_000, |_, _| true)
        .expect_err("the import stops")
        .to_string();
    assert!(
        error.contains("line 1001") && error.contains("kind") && error.contains("picnic"),
        "the error names the line and field: {error}"
    );
    assert!(error.contains("nothing was imported"), "{error}");
    assert_eq!(
        snapshot(&store),
        before,
        "the 999 rows before it are not kept"
    );
    let (preview, _) = store.preview_stream(&input).expect("preview");
    assert_eq!(preview.rejected.len(), 1);
    assert_eq!(preview.rejected[0].at, formats::Location::Line(1001));

    // Asked to leave it out, the import writes every other row.
    let input = input.skipping_rejected(true);
    let mut last = (0, 0);
    let outcome = store
        .import_stream(&input, 2_000, |done, total| {
            last = (done, total);
            true
        })
        .expect("the rest imports");
    assert_eq!(
        last,
        (2_000, 2_000),
        "the progress reaches its end, the skipped row counted"
    );
    let bilateral_core::import::ImportOutcome::Imported(report) = outcome else {
        panic!("not cancelled")
    };
    assert_eq!((report.created, report.skipped), (1_999, 1));
    assert!(store.get("gen-999").is_err(), "the bad row is left out");
    assert!(store.get("gen-1000").is_ok(), "the rows after it are in");
}

#[test]
fn a_bad_item_in_the_middle_of_a_streamed_json_stops_the_whole_import_naming_it() {
    let (dir, mut store, _) = store_on_disk();
    let mut value = serde_json::to_value(generated(1_000)).expect("json");
    value[500]["start"] = serde_json::Value::from("2023-02-30");
    let path = dir.path().join("events.json");
    std::fs::write(&path, value.to_string()).expect("write");
    let before = snapshot(&store);
    let input = stream::open(&path, None).expect("open");
    let error = store
        .import_stream(&input, 1_000, |_, _| true)
        .expect_err("the import stops")
        .to_string();
    assert!(error.contains("events[500].start"), "{error}");
    assert_eq!(snapshot(&store), before, "nothing is written");
}

#[test]
fn a_quote_never_closed_late_in_a_streamed_csv_fails_the_file_and_changes_nothing() {
    let (dir, mut store, _) = store_on_disk();
    let path = write(dir.path(), "events.csv", Format::Csv, &generated(2_000));
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("late,\"An open quote,");
    std::fs::write(&path, text).expect("write");
    let before = snapshot(&store);
    let input = stream::open(&path, None).expect("open");
    let error = store
        .import_stream(&input, 2_000, |_, _| true)
        .expect_err("the import stops")
        .to_string();
    assert!(
        error.contains("line 2002") && error.contains("never closed"),
        "{error}"
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn cancelling_a_streamed_import_writes_nothing() {
    let (dir, mut store, _) = store_on_disk();
    let path = write(dir.path(), "events.json", Format::Json, &generated(500));
    let before = snapshot(&store);
    let input = stream::open(&path, None).expect("open");
    let outcome = store
        .import_stream(&input, 500, |done, _| done < 100)
        .expect("cancelled, not failed");
    assert_eq!(outcome, ImportOutcome::Cancelled { done: 100 });
    assert_eq!(snapshot(&store), before);
}

#[test]
fn the_streamed_export_of_the_shipped_dataset_is_byte_for_byte_the_list_export() {
    let (_dir, store, _) = shipped_store();
    let events: Vec<Event> = snapshot(&store).into_iter().map(|s| s.event).collect();
    assert!(events.len() >= 200);
    let options = ExportOptions::default();
    for format in [
        Format::Json,
        Format::Csv,
        Format::Ics,
        Format::Markdown,
        Format::TimelineJs,
        // Pictures are drawn from the events' id, title, dates and kind alone.
        Format::Svg,
        Format::Png,
    ] {
        let listed = formats::export_to_vec(format, &events, &options).expect("export");
        let mut streamed = Vec::new();
        store
            .export_matching(
                &Filter::default(),
                format,
                &options,
                &mut streamed,
                &mut Progress::silent(events.len()),
            )
            .expect("read the store")
            .expect("write");
        assert!(
            streamed == listed,
            "{format}: the streamed export differs from the list export"
        );
    }
    // A filter picks the same events either way.
    let filter = Filter {
        kinds: vec![Kind::Summit],
        ..Filter::default()
    };
    let chosen = matching(&store, &filter);
    let mut streamed = Vec::new();
    store
        .export_matching(
            &filter,
            Format::Json,
            &options,
            &mut streamed,
            &mut Progress::silent(0),
        )
        .expect("read")
        .expect("write");
    assert_eq!(
        streamed,
        formats::export_to_vec(Format::Json, &chosen, &options).expect("export")
    );
}

/// A store of `n` generated events, each with actors, tags and a source, some with an end.
fn generated_store(n: usize) -> (tempfile::TempDir, Store) {
    let (dir, mut store, _) = store_on_disk();
    let mut events = generated(n);
    for (i, e) in events.iter_mut().enumerate() {
        e.tags = vec![format!("tag-{}", i % 7), "generated".to_owned()];
        if i % 3 == 0 {
            e.end = Some("2021-06".parse().expect("date"));
            e.start = "2020".parse().expect("date");
        }
    }
    store.import(&events).expect("import");
    (dir, store)
}

#[test]
fn a_streamed_export_of_thousands_of_events_is_the_list_export_and_counts_every_event() {
    // Several batches and several chunks of bytes cross between the reading and the
    // serialising thread: the bytes must still be those of one pass over the list.
    let (_dir, mut store) = generated_store(3_000);
    // Events starting on the first day of 2020 at each precision: the store reads them by
    // their last day (the day, the month, then the year events ending in 2021), Markdown
    // lists them year, month, day, as it lists any events.
    let mut same_day = vec![
        event("2020-the-first-day", "2020-01-01", Kind::Meeting),
        event("2020-the-first-month", "2020-01", Kind::Meeting),
    ];
    same_day[0].title = "On the first day".to_owned();
    same_day[1].title = "In the first month".to_owned();
    store.import(&same_day).expect("import");
    let events: Vec<Event> = snapshot(&store).into_iter().map(|s| s.event).collect();
    let options = ExportOptions::default();
    // Every event the set-wise reading gives is the one the store's own reading does.
    assert!(store.events_matching(&Filter::default()).expect("read") == events);
    let markdown = formats::export_to_vec(Format::Markdown, &events, &options).expect("export");
    let markdown = String::from_utf8(markdown).expect("text");
    let at = |title: &str| markdown.find(title).expect(title);
    assert!(
        at("Generated event 3 _") < at("In the first month")
            && at("In the first month") < at("On the first day"),
        "a day's events in time order, which is not the store's"
    );
    for format in [
        Format::Json,
        Format::Csv,
        Format::Ics,
        Format::TimelineJs,
        Format::Markdown,
    ] {
        let listed = formats::export_to_vec(format, &events, &options).expect("export");
        let mut streamed = Vec::new();
        let mut reported = Vec::new();
        let mut report = |done: usize, total: usize| reported.push((done, total));
        store
            .export_matching(
                &Filter::default(),
                format,
                &options,
                &mut streamed,
                &mut Progress::new(events.len(), &mut report),
            )
            .expect("read the store")
            .expect("write");
        assert!(
            streamed == listed,
            "{format}: the streamed export differs from the list export"
        );
        let expected: Vec<(usize, usize)> = (1..=events.len()).map(|d| (d, events.len())).collect();
        assert!(
            reported == expected,
            "{format}: progress ticks once per event written, in order"
        );
    }
}

/// A writer that takes `room` bytes, then fails as a full disk does.
struct FullDisk {
    room: usize,
    taken: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.taken + data.len() > self.room {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ));
        }
        self.taken += data.len();
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_error_in_the_middle_of_a_streamed_export_is_its_answer() {
    let (_dir, store) = generated_store(3_000);
    for format in [Format::Json, Format::Csv] {
        let mut out = FullDisk {
            room: 300_000,
            taken: 0,
        };
        let mut done = 0;
        let mut report = |d: usize, _: usize| done = d;
        let error = store
            .export_matching(
                &Filter::default(),
                format,
                &ExportOptions::default(),
                &mut out,
                &mut Progress::new(3_000, &mut report),
            )
            .expect("the store was read")
            .expect_err("the write fails");
        assert_eq!(error.kind(), std::io::ErrorKind::StorageFull, "{format}");
        assert!(
            done > 0 && done < 3_000,
            "{format}: stopped part way, after {done} events"
        );
        // The store is still usable: the reading stopped and released its statements.
        assert_eq!(store.count().expect("count"), 3_000);
    }
}

/// The app's export of a view: the events its filter chooses are read as they are written,
/// to the file the user chose, with the bytes of the export of a list.
#[test]
fn the_app_export_of_a_view_writes_the_file_as_it_reads_and_counts_every_event() {
    let (dir, store) = generated_store(3_000);
    let filter = Filter {
        kinds: vec![Kind::Summit, Kind::Call],
        ..Filter::default()
    };
    let chosen = matching(&store, &filter);
    assert!(chosen.len() > 300 && chosen.len() < 3_000);
    let options = ExportOptions::default();
    for format in [Format::Json, Format::Csv, Format::Ics] {
        let request = ExportRequest {
            format: format.name().to_owned(),
            ids: Vec::new(),
            filter: filter.clone(),
            width: None,
            height: None,
        };
        assert_eq!(request.count(&store).expect("count"), chosen.len());
        let path = dir.path().join(format!("view.{}", format.extension()));
        let mut reported = Vec::new();
        let mut report = |done: usize, total: usize| reported.push((done, total));
        export_to_file(
            &store,
            &request,
            &options,
            &path,
            &mut Progress::new(chosen.len(), &mut report),
            &|| false,
        )
        .expect("export");
        let listed = formats::export_to_vec(format, &chosen, &options).expect("export");
        assert!(
            std::fs::read(&path).expect("read") == listed,
            "{format}: the file is the export of the list"
        );
        assert_eq!(
            reported.last(),
            Some(&(chosen.len(), chosen.len())),
            "{format}"
        );
        assert_eq!(reported.len(), chosen.len(), "{format}: one tick per event");
        assert!(!partial_path(&path).exists(), "{format}: no .part left");
    }
}

/// An app export of every event of `store` to `path` in `format`, which the user cancels once
/// `at` events are written: its answer, and the last count of events written it reported.
fn cancelled_after(
    store: &Store,
    path: &Path,
    format: Format,
    at: usize,
) -> (bilateral_core::Result<()>, usize) {
    let request = ExportRequest {
        format: format.name().to_owned(),
        ids: Vec::new(),
        filter: Filter::default(),
        width: None,
        height: None,
    };
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut last = 0;
    let mut report = |done: usize, _: usize| {
        last = done;
        if done == at {
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    };
    let answer = export_to_file(
        store,
        &request,
        &ExportOptions::default(),
        path,
        &mut Progress::new(
            usize::try_from(store.count().expect("count")).expect("small"),
            &mut report,
        ),
        &|| stop.load(std::sync::atomic::Ordering::SeqCst),
    );
    (answer, last)
}

/// Cancelling a long export leaves no file, and a file already at the target as it was.
#[test]
fn a_cancelled_app_export_leaves_no_file_and_the_old_one_as_it_was() {
    let (dir, store) = generated_store(3_000);
    for format in [Format::Json, Format::Csv, Format::Markdown] {
        let path = dir.path().join(format!("kept.{}", format.extension()));
        std::fs::write(&path, b"the user's earlier export").expect("write");
        // The user cancels once a third of the events are written.
        let (answer, _) = cancelled_after(&store, &path, format, 1_000);
        assert!(
            matches!(answer, Err(bilateral_core::Error::ExportCancelled)),
            "{format}: {answer:?}"
        );
        assert_eq!(
            std::fs::read(&path).expect("read"),
            b"the user's earlier export",
            "{format}"
        );
        assert!(!partial_path(&path).exists(), "{format}: no .part left");
    }
}

/// A PDF or a picture is laid out whole before its first byte is written: a cancel stops
/// the layout at the next event rather than after the last one.
#[test]
fn a_cancelled_document_export_stops_laying_out_at_once() {
    let (dir, store) = generated_store(400);
    for format in [Format::Pdf, Format::Svg, Format::Png] {
        let path = dir.path().join(format!("stopped.{}", format.extension()));
        let (answer, last) = cancelled_after(&store, &path, format, 20);
        assert!(
            matches!(answer, Err(bilateral_core::Error::ExportCancelled)),
            "{format}: {answer:?}"
        );
        assert_eq!(last, 20, "{format}: no event laid out after the cancel");
        assert!(!path.exists(), "{format}: no file");
        assert!(!partial_path(&path).exists(), "{format}: no .part left");
    }
}

/// A PDF or a web page of more events than one holds is refused before anything is read or
/// written, saying what to do instead; the data formats carry any number.
#[test]
fn a_document_of_too_many_events_is_refused_before_anything_is_written() {
    let (dir, store) = generated_store(10);
    let path = dir.path().join("big.pdf");
    let request = ExportRequest {
        format: "pdf".to_owned(),
        ids: (0..25_001).map(|i| format!("gen-{i}")).collect(),
        filter: Filter::default(),
        width: None,
        height: None,
    };
    let refused = export_to_file(
        &store,
        &request,
        &ExportOptions::default(),
        &path,
        &mut Progress::silent(0),
        &|| false,
    )
    .expect_err("too many for a PDF");
    assert_eq!(refused.field(), Some("format"));
    assert!(
        refused.to_string().contains(
            "a PDF holds at most 25,000 events, and these are 25,001: choose fewer (a shorter \
             span, more filters), or export JSON or CSV"
        ),
        "{refused}"
    );
    assert!(!path.exists() && !partial_path(&path).exists());
    assert!(Format::Pdf.check_count(25_000).is_ok());
    assert!(Format::Html.check_count(100_000).is_ok());
    assert!(Format::Html.check_count(100_001).is_err());
    for format in [Format::Json, Format::Csv, Format::Ics, Format::Svg] {
        assert!(format.check_count(10_000_000).is_ok(), "{format}");
    }
}

/// The import after a preview reads the file again: if it changed in between, the import
/// would write what the user never saw. It is refused whole, whatever the format and however
/// the file changed, and a new preview of the file imports it.
#[test]
fn a_file_changed_after_its_preview_is_refused_and_nothing_is_written() {
    let (dir, mut store, _) = store_on_disk();
    let before = snapshot(&store);
    let events = generated(300);
    for (name, format) in [
        ("events.json", Format::Json),
        ("events.csv", Format::Csv),
        ("events.ics", Format::Ics),
    ] {
        let path = write(dir.path(), name, format, &events);
        let text = std::fs::read_to_string(&path).expect("read");
        let edits: [(&str, String); 2] = [
            // Same size, other content: a title's word changed in place.
            (
                "same size",
                text.replace("Generated event 299", "Generated eVent 299"),
            ),
            // Longer: an event's title grown.
            (
                "longer",
                text.replace("Generated event 7", "Generated event 7 amended"),
            ),
        ];
        for (how, edited) in edits {
            assert_ne!(edited, text, "{name} {how}: the edit changes the file");
            std::fs::write(&path, &text).expect("write back");
            let input = stream::open(&path, None).expect("open");
            let (preview, total) = store.preview_stream(&input).expect("preview");
            assert_eq!(preview.new, 300, "{name} {how}");
            std::fs::write(&path, &edited).expect("edit");
            let refused = store
                .import_stream(&input, total, |_, _| true)
                .expect_err("the changed file is refused")
                .to_string();
            assert!(
                refused.contains("changed after its preview") && refused.contains(name),
                "{name} {how}: {refused}"
            );
            assert_eq!(
                snapshot(&store),
                before,
                "{name} {how}: nothing was written"
            );
        }
        // Previewed again as it is now, it imports.
        let input = stream::open(&path, None).expect("open");
        let (_, total) = store.preview_stream(&input).expect("preview");
        store
            .import_stream(&input, total, |_, _| true)
            .expect("the file previewed again imports");
        assert!(
            store
                .get("gen-7")
                .expect("gen-7")
                .event
                .title
                .ends_with("amended"),
            "{name}: the import wrote what the new preview read"
        );
        for event in &events {
            store.delete(&event.id).expect("delete");
        }
    }
}

/// A file of many bad rows is told by its first thousand: the preview counts them all and
/// lists no more than `MAX_REJECTIONS_LISTED`, so the dialog and its message stay small.
#[test]
fn a_preview_counts_every_rejected_row_and_lists_the_first_thousand() {
    use bilateral_core::limits::MAX_REJECTIONS_LISTED;
    let (_dir, mut store, _) = store_on_disk();
    let mut csv = String::from("id,title,start\ngood,A good row,2023-01-05\n");
    for i in 0..1_500 {
        csv.push_str(&format!("bad{i},Bad day,2023-02-30\n"));
    }
    let input = stream::from_bytes(csv.into_bytes(), Some(Format::Csv), "bad.csv").expect("csv");
    let (preview, total) = store.preview_stream(&input).expect("preview");
    assert_eq!(
        (total, preview.new, preview.rejected_count),
        (1_501, 1, 1_500)
    );
    assert_eq!(preview.rejected.len(), MAX_REJECTIONS_LISTED);
    assert_eq!(
        preview.rejected[0].at,
        formats::Location::Line(3),
        "the first, in order"
    );
    let bilateral_core::import_once::Reading::Read(read) =
        store.read_import(&input, |_| true).expect("read")
    else {
        panic!("not cancelled")
    };
    assert_eq!(read.preview().rejected_count, 1_500);
    let err = read.finish(|_, _| true).expect_err("refused");
    assert!(
        err.to_string().contains("1500 of 1501 events rejected"),
        "{err}"
    );
}

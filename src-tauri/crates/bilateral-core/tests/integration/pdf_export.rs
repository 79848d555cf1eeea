//! The PDF export read back by an independent reader, poppler's `pdftotext`: what a person
//! sees on the page is what these tests find in the text.

use std::path::Path;
use std::process::Command;

use bilateral_core::formats::labels::span_label;
use bilateral_core::formats::pdf::FontDatabase;
use bilateral_core::formats::{ExportOptions, Format, Progress};
use bilateral_core::{Event, Filter, Kind, PartialDate, Store};

use crate::fixtures::shipped_store;

/// The text of pages `first..=last` (all when `None`) as pdftotext reads it.
fn pdf_text(path: &Path, pages: Option<(u32, u32)>) -> String {
    let mut command = Command::new("pdftotext");
    command.arg("-enc").arg("UTF-8");
    if let Some((first, last)) = pages {
        command
            .args(["-f", &first.to_string()])
            .args(["-l", &last.to_string()]);
    }
    let out = command
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian package poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext cannot read the export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// Text without any whitespace: lines wrap at spaces, between Chinese characters and inside
/// long URLs, so a phrase is found wherever the page broke it.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Exports what `filter` matches to a PDF file; its events in time order, and its path.
fn export(store: &Store, filter: &Filter, dir: &Path) -> (Vec<Event>, std::path::PathBuf) {
    let path = dir.join("chronology.pdf");
    let options = ExportOptions {
        title: "Chronology under test".to_owned(),
        filter: Some(filter.clone()),
        ..ExportOptions::default()
    };
    let mut file = std::fs::File::create(&path).expect("create the file");
    store
        .export_matching(
            filter,
            Format::Pdf,
            &options,
            &mut file,
            &mut Progress::silent(0),
        )
        .expect("the store reads the events")
        .expect("the PDF is written");
    let mut events: Vec<Event> = store
        .all_matching(filter)
        .expect("events")
        .into_iter()
        .map(|s| s.event)
        .collect();
    events.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| a.end.unwrap_or(a.start).cmp(&b.end.unwrap_or(b.start)))
            .then_with(|| a.id.cmp(&b.id))
    });
    (events, path)
}

/// Where each event's date and title stand in the text; each must come after the one before.
fn assert_in_order(text: &str, events: &[Event]) {
    let mut from = 0;
    for event in events {
        let entry = squeezed(&format!(
            "{} {}",
            span_label(event.start, event.end),
            event.title
        ));
        let at = text[from..].find(&entry).unwrap_or_else(|| {
            panic!(
                "the reader does not find {:?} (date, then title) after the entry before it",
                span_label(event.start, event.end) + " " + &event.title
            )
        });
        from += at + entry.len();
    }
}

#[test]
fn a_filtered_export_reads_back_with_its_filters_dates_chinese_titles_and_sources() {
    let (dir, store, _) = shipped_store();
    let filter = Filter {
        kinds: vec![Kind::Visit, Kind::Summit],
        from: Some(PartialDate::year(1971).unwrap()),
        to: Some(PartialDate::year(1979).unwrap()),
        ..Filter::default()
    };
    let (events, path) = export(&store, &filter, dir.path());
    assert!(events.len() >= 3, "the 1970s hold visits and summits");
    let text = pdf_text(&path, None);
    let flat = squeezed(&text);

    assert!(
        text.contains("Chronology under test"),
        "the title page has the title"
    );
    assert!(
        text.contains("Kinds: Visit, Summit") && text.contains("Dates: 1971 to 1979"),
        "the title page says which filters chose the events:\n{}",
        &text[..text.len().min(600)]
    );
    assert!(
        flat.contains(&squeezed(&format!(
            "A chronology of {} events",
            events.len()
        ))),
        "the title page gives the count"
    );
    assert!(
        text.contains("Exported "),
        "the title page gives the export date"
    );
    assert_in_order(&flat, &events);

    // The ping-pong team's visit is known to the month: it reads as the month, no day.
    let ping_pong = events
        .iter()
        .find(|e| e.id == "1971-04-ping-pong-diplomacy")
        .expect("the 1971 visit is exported");
    let label = span_label(ping_pong.start, ping_pong.end);
    assert!(
        !label.starts_with(|c: char| c.is_ascii_digit()),
        "a month-precise date has no day: {label}"
    );
    assert!(
        flat.contains(&squeezed(&format!("1971 {label} {}", ping_pong.title))),
        "the entry reads as {label:?} under the year heading, not pinned to a day"
    );

    for event in &events {
        if let Some(zh) = &event.title_zh {
            assert!(
                flat.contains(&squeezed(zh)),
                "the Chinese title {zh:?} is drawn with a font that has it"
            );
        }
        for source in &event.sources {
            assert!(
                flat.contains(&squeezed(&source.url)),
                "the source {} is printed under its entry",
                source.url
            );
            assert!(
                flat.contains(&squeezed(&source.publisher)),
                "the publisher {} is named",
                source.publisher
            );
        }
    }
    let first_source = &events[0].sources[0];
    let mut note = format!("[1] {} — {}", first_source.publisher, first_source.title);
    if let Some(published) = first_source.published {
        note += &format!(
            " ({})",
            bilateral_core::formats::labels::date_label(published)
        );
    }
    assert!(
        flat.contains(&squeezed(&note)),
        "the first source is footnote 1 with its publisher, title and date: {note}"
    );
}

#[test]
fn every_shipped_event_flows_across_numbered_pages_in_time_order() {
    let (dir, store, _) = shipped_store();
    let (events, path) = export(&store, &Filter::default(), dir.path());
    let text = pdf_text(&path, None);
    assert!(
        text.contains("All events, no filters"),
        "the title page says there is no filter"
    );
    assert_in_order(&squeezed(&text), &events);

    let pages = text.matches('\u{c}').count();
    assert!(
        pages > 20,
        "{} events take many pages, not {pages}",
        events.len()
    );
    for page in [2, pages as u32 / 2, pages as u32] {
        let on_page = pdf_text(&path, Some((page, page)));
        assert!(
            on_page.lines().any(|l| l.trim() == page.to_string()),
            "page {page} shows its number"
        );
    }
}

#[test]
fn without_fonts_the_export_stops_and_says_what_to_install() {
    let events = [crate::fixtures::event("e", "2023-11", Kind::Summit)];
    let mut out = Vec::new();
    let err = bilateral_core::formats::pdf::write_with_fonts(
        &FontDatabase::new(),
        &events,
        &ExportOptions::default(),
        &mut out,
        &mut Progress::silent(1),
    )
    .expect_err("no font, no PDF");
    assert!(
        err.to_string().contains("no Latin font") && err.to_string().contains("install"),
        "the message names the missing font: {err}"
    );

    // The system's fonts without the Chinese ones: a Chinese title cannot be drawn.
    let mut latin_only = FontDatabase::new();
    latin_only.load_system_fonts();
    let chinese: Vec<_> = latin_only
        .faces()
        .filter(|face| {
            face.families
                .iter()
                .any(|(name, _)| name.contains("CJK") || name.contains("Han"))
        })
        .map(|face| face.id)
        .collect();
    for id in chinese {
        latin_only.remove_face(id);
    }
    let mut chinese_title = events[0].clone();
    chinese_title.title_zh = Some("拜登与习近平会晤".to_owned());
    let err = bilateral_core::formats::pdf::write_with_fonts(
        &latin_only,
        &[chinese_title],
        &ExportOptions::default(),
        &mut out,
        &mut Progress::silent(1),
    )
    .expect_err("a Chinese title needs a Chinese font");
    assert!(
        err.to_string().contains("no Chinese font"),
        "the message says a Chinese font is missing: {err}"
    );
    // The same event without its Chinese title still exports with the Latin fonts alone.
    let mut pdf = Vec::new();
    bilateral_core::formats::pdf::write_with_fonts(
        &latin_only,
        &events,
        &ExportOptions::default(),
        &mut pdf,
        &mut Progress::silent(1),
    )
    .expect("Latin text needs no Chinese font");
    assert!(pdf.starts_with(b"%PDF-"));
}

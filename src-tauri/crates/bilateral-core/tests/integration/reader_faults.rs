//! Damaged files that used to import quietly wrong: a TimelineJS sheet cut in half or with a
//! stray quote, an iCalendar event that ends before it starts, a CSV `sources` cell with text
//! after its list. Each is refused, naming the line and the field.

use bilateral_core::formats::{self, Format, Location};
use bilateral_core::Error;

fn sheet(rows: &[&str]) -> String {
    let mut text = formats::timelinejs_csv::COLUMNS.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

const FIRST: &str = "2018,7,6,,,,,,,First tariffs,\"Section 301, in full\",,,,,,Trade measure,";
const SECOND: &str = "2019,5,10,,,,,,,More tariffs,\"A second round, longer\",,,,,,Trade measure,";

fn parse_error(format: Format, text: &str) -> (usize, String) {
    match formats::read(Some(format), text.as_bytes(), "in.csv") {
        Err(Error::Parse { line, message, .. }) => (line, message),
        other => panic!("expected a parse error naming the line, the user got {other:?}"),
    }
}

#[test]
fn a_sheet_cut_inside_a_quoted_cell_is_refused_naming_line_and_column() {
    let whole = sheet(&[FIRST, SECOND]);
    let cut = &whole[..whole.find("longer").expect("text")];
    let (line, message) = parse_error(Format::TimelineJsCsv, cut);
    assert_eq!(line, 3, "the cut row begins on line 3: {message}");
    assert!(
        message.contains("\"Text\" column") && message.contains("truncated"),
        "the user should learn which cell was cut: {message}"
    );
}

#[test]
fn a_sheet_cut_between_cells_rejects_the_short_row_with_its_line() {
    let whole = sheet(&[FIRST, SECOND]);
    let cut = &whole[..whole.find("More tariffs").expect("headline")];
    let parsed = formats::read(Some(Format::TimelineJsCsv), cut.as_bytes(), "in.csv")
        .expect("the whole rows read");
    assert_eq!(parsed.events.len(), 1, "the complete row still reads");
    let rejected: Vec<String> = parsed
        .rejected
        .iter()
        .map(|r| format!("{} {}", r.at, r.field))
        .collect();
    assert_eq!(
        rejected,
        vec!["line 3 row"],
        "the cut row must not import with its cells missing"
    );
}

#[test]
fn a_stray_quote_that_merges_sheet_cells_is_refused_naming_line_and_column() {
    let stray = "2018,7,6,,,,,,,\"First tariffs,Section 301,,,,,,Trade measure,";
    let text = sheet(&[
        stray,
        "2019,5,10,,,,,,,\"More\" tariffs,Body,,,,,,Trade measure,",
    ]);
    let (line, message) = parse_error(Format::TimelineJsCsv, &text);
    assert_eq!(line, 2, "{message}");
    assert!(
        message.contains("\"Headline\" column") && message.contains("stray"),
        "the user should learn where the stray quote is: {message}"
    );
}

#[test]
fn a_whole_sheet_with_quotes_inside_cells_still_reads() {
    let text = sheet(&[
        FIRST,
        "2019,5,10,,,,,,,A 5\" screen,\"He said \"\"no\"\"\",,,,,,Statement,",
    ]);
    let parsed = formats::read(Some(Format::TimelineJsCsv), text.as_bytes(), "in.csv")
        .expect("a well-formed sheet reads");
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    assert_eq!(parsed.events[1].title, "A 5\" screen");
    assert_eq!(parsed.events[1].summary, "He said \"no\"");
}

#[test]
fn our_csv_names_the_column_of_a_quote_that_never_closes() {
    let (line, message) = parse_error(
        Format::Csv,
        "id,title,start,summary\na,Fine,2023,\"ok\"\nb,Cut,2023,\"half a sum",
    );
    assert_eq!(line, 3, "{message}");
    assert!(message.contains("\"summary\" column"), "{message}");
}

fn calendar(event: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Talks\r\n{event}END:VEVENT\r\nEND:VCALENDAR\r\n")
}

#[test]
fn an_ics_event_that_ends_before_it_starts_is_rejected_at_its_dtend() {
    for event in [
        "DTSTART;VALUE=DATE:20231115\r\nDTEND;VALUE=DATE:20231110\r\n",
        "DTSTART:20231115T100000Z\r\nDTEND:20231115T090000Z\r\n",
    ] {
        let text = calendar(event);
        let parsed = formats::read(Some(Format::Ics), text.as_bytes(), "cal.ics")
            .expect("the calendar reads");
        assert!(
            parsed.events.is_empty(),
            "{event}: the event must not import with its end dropped"
        );
        assert_eq!(parsed.rejected.len(), 1, "{event}");
        let r = &parsed.rejected[0];
        assert_eq!(
            (r.at, r.field.as_str()),
            (Location::Line(7), "DTEND"),
            "{r}"
        );
    }
}

#[test]
fn an_ics_all_day_event_whose_dtend_equals_dtstart_is_one_day() {
    let text = calendar("DTSTART;VALUE=DATE:20231115\r\nDTEND;VALUE=DATE:20231115\r\n");
    let parsed =
        formats::read(Some(Format::Ics), text.as_bytes(), "cal.ics").expect("calendar reads");
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    assert_eq!(parsed.events[0].start.to_string(), "2023-11-15");
    assert_eq!(parsed.events[0].end, None);
}

#[test]
fn a_csv_sources_cell_with_text_after_its_list_is_rejected() {
    let text = "id,title,start,sources\n\
                a,Fine,2023,\"[{\"\"url\"\":\"\"https://a.org\"\",\"\"title\"\":\"\"A\"\",\"\"publisher\"\":\"\"P\"\"}]\"\n\
                b,Garbage,2023,\"[{\"\"url\"\":\"\"https://b.org\"\",\"\"title\"\":\"\"B\"\",\"\"publisher\"\":\"\"P\"\"}] oops\"\n";
    let parsed = formats::read(Some(Format::Csv), text.as_bytes(), "x.csv").expect("reads");
    assert_eq!(parsed.events.len(), 1, "{:?}", parsed.rejected);
    assert_eq!(parsed.rejected.len(), 1);
    let r = &parsed.rejected[0];
    assert_eq!(
        (r.at, r.field.as_str()),
        (Location::Line(3), "sources"),
        "{r}"
    );
    assert!(r.message.contains("oops"), "{r}");
}

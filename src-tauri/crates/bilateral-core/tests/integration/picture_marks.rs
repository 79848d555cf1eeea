//! The SVG (and so the PNG) draws events as the app does: in the app's colour of their kind,
//! a dot for a day, a bar for a stretch of days, a span over the month or year of a date
//! known only that well.

use bilateral_core::formats::{self, ExportOptions, Format};
use bilateral_core::{Event, Kind};

use crate::fixtures::event;

fn titled(id: &str, title: &str, start: &str, end: Option<&str>, kind: Kind) -> Event {
    let mut e = event(id, start, kind);
    e.title = title.to_owned();
    e.end = end.map(|d| d.parse().expect("valid date"));
    e
}

fn svg(events: &[Event]) -> String {
    let options = ExportOptions {
        width: 1600,
        height: 600,
        ..ExportOptions::default()
    };
    let bytes = formats::export_to_vec(Format::Svg, events, &options).expect("svg");
    String::from_utf8(bytes).expect("utf-8")
}

/// The `<g>` drawn for the event whose hover title holds `title`.
fn group<'a>(svg: &'a str, title: &str) -> &'a str {
    svg.split("<g><title>")
        .find(|g| {
            g.split("</title>")
                .next()
                .is_some_and(|t| t.contains(title))
        })
        .unwrap_or_else(|| panic!("no mark for {title} in {svg}"))
}

fn attribute(element: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let start = element.find(&key).expect("attribute") + key.len();
    let end = start + element[start..].find('"').expect("closing quote");
    element[start..end].parse().expect("a number")
}

fn events() -> Vec<Event> {
    vec![
        titled("m", "Talks in Geneva", "1971-03-02", None, Kind::Meeting),
        titled(
            "s",
            "Nixon week in China",
            "1972-02-21",
            Some("1972-02-28"),
            Kind::Summit,
        ),
        titled(
            "o",
            "Liaison offices open",
            "1973-05",
            None,
            Kind::Agreement,
        ),
        titled("y", "A year of exchanges", "1975", None, Kind::Visit),
    ]
}

#[test]
fn svg_marks_use_the_apps_colour_of_their_kind() {
    let svg = svg(&events());
    let meeting = group(&svg, "Talks in Geneva");
    assert!(
        meeting.contains("fill=\"#1d4ed8\""),
        "a meeting is the app's blue: {meeting}"
    );
    assert!(
        svg.contains("fill=\"#1d4ed8\"/><text"),
        "the legend shows the same colour for Meeting"
    );
    let summit = group(&svg, "Nixon week in China");
    assert!(summit.contains("stroke=\"#b91c1c\""), "{summit}");
}

#[test]
fn svg_draws_a_day_as_a_dot_a_range_as_a_bar_and_a_vague_date_as_a_span() {
    let svg = svg(&events());
    assert!(group(&svg, "Talks in Geneva").contains("<circle"));

    let bar = group(&svg, "Nixon week in China");
    assert!(
        bar.contains("<rect class=\"bar\""),
        "a ranged event is a bar: {bar}"
    );
    let month = group(&svg, "Liaison offices open");
    assert!(month.contains("<rect class=\"span\""), "{month}");
    let year = group(&svg, "A year of exchanges");
    assert!(year.contains("<rect class=\"span\""), "{year}");

    // Four years over about 1,570 pixels: a week is ~7 px, a month ~31, a year ~370.
    let width = |g: &str| attribute(&g[g.find("<rect").expect("a rect")..], "width");
    let (week, month, year) = (width(bar), width(month), width(year));
    assert!(
        (4.0..15.0).contains(&week),
        "the bar covers the week: {week}"
    );
    assert!(
        (20.0..45.0).contains(&month),
        "the span covers May: {month}"
    );
    assert!(
        (300.0..450.0).contains(&year),
        "the span covers 1975: {year}"
    );
}

/// `n` events spread over 1990–2009, every third a trade measure, the rest meetings.
fn many(n: usize) -> Vec<Event> {
    let template = event("t", "1990-01-01", Kind::Meeting);
    (0..n)
        .map(|i| {
            let mut e = template.clone();
            e.id = format!("e{i}");
            e.title = format!("Event {i}");
            let year = 1990 + i % 20;
            let day = 1 + (i / 20) % 28;
            e.start = format!("{year}-06-{day:02}").parse().expect("valid date");
            e.kind = if i % 3 == 0 {
                Kind::TradeMeasure
            } else {
                Kind::Meeting
            };
            e
        })
        .collect()
}

/// The number before " more events shown as marks", the picture's count of what has no row.
fn unplaced(svg: &str) -> usize {
    let end = svg
        .find(" more events shown as marks")
        .expect("the count of the rest");
    let start = svg[..end].rfind('>').expect("its text element") + 1;
    svg[start..end].parse().expect("a count")
}

#[test]
fn past_two_thousand_events_without_a_row_the_ticks_become_cells_that_count_them_all() {
    let svg = svg(&many(20_000));
    let rest = unplaced(&svg);
    assert!(rest > 2_000, "most of 20,000 events find no row: {rest}");
    // Each cell says how many events it holds; together they hold every one of the rest.
    let counted: usize = svg
        .split("<g><title>")
        .skip(1)
        .filter_map(|g| g.split_once(" event")?.0.parse::<usize>().ok())
        .sum();
    assert_eq!(counted, rest, "the cells count every event with no row");
    // The PNG's SVG reader stops at a million nodes: drawn one by one, half a million events
    // with no row would not draw at all.
    let groups = svg.matches("<g>").count();
    assert!(
        groups < 3_000,
        "the picture draws a few thousand groups at most, not one per event: {groups}"
    );
    // A cell of the 1990 column says when its events fall and takes a kind's colour.
    let cell = group(&svg, "events, ");
    assert!(cell.contains("fill=\"#"), "{cell}");
}

#[test]
fn a_few_events_without_a_row_are_still_drawn_one_by_one() {
    let svg = svg(&many(1_500));
    let rest = unplaced(&svg);
    assert!((1..=2_000).contains(&rest), "{rest}");
    let ticks = svg
        .split("<g><title>")
        .skip(1)
        .filter(|g| g.contains("height=\"6\""))
        .count();
    assert_eq!(ticks, rest, "one tick per event, each with its own title");
}

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

//! A static timeline picture (SVG) of the given events at a chosen size: a time axis with
//! year (or month) ticks, each event drawn as the app draws it, in the app's colour of its
//! kind (`vocabulary.rs`): a dot for a single day, a bar over a stretch of known days, a soft
//! dashed span over the month or year of a date known only that well. Each is labelled with
//! its title where there is room. Events that find no free row are drawn as ticks above the
//! axis and counted; past a couple of thousand of them, as a strip of cells a few pixels wide,
//! each saying how many events it holds. Each event drawn carries a `<title>` (its date and full
//! title) that viewers show on hover.
//!
//! Text stays text (`<text>`), so the picture can be searched and read by screen readers;
//! every text is XML-escaped, and characters XML cannot hold are dropped. Export only.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};

use super::labels::{kind_label, span_label};
use super::progress::Progress;
use super::{chronological, ExportOptions};
use crate::date::{PartialDate, Precision};
use crate::limits::{MAX_IMAGE_SIDE, MIN_IMAGE_HEIGHT, MIN_IMAGE_WIDTH};
use crate::model::{Event, Kind};
use crate::vocabulary::{kind_colour, shape_label, Shape, MONTH_SHORT};

const MARGIN: f64 = 16.0;
const LANE: f64 = 20.0;
/// A dot's diameter and a bar's height.
const BAR: f64 = 10.0;
/// A span is taller and softer than a bar: it says "somewhere in here".
const SPAN: f64 = 14.0;
/// The narrowest bar or span drawn, so a short one stays visible at any scale.
const MIN_SHAPE: f64 = 4.0;
const FONT: f64 = 12.0;
/// Space kept between neighbours in one row.
const GAP: f64 = 6.0;
/// Events with no free row are drawn one by one up to this many. Beyond, they are drawn as a
/// strip of `CELL`-wide cells: more ticks than pixels only make the file large, and a few
/// hundred thousand of them would not draw at all (the PNG's SVG reader stops at a million
/// nodes).
const TICKS_ONE_BY_ONE: usize = 2_000;
const CELL: f64 = 3.0;

/// The events of one cell of the strip above the axis.
struct Cell {
    count: usize,
    right: f64,
    first: PartialDate,
    last: PartialDate,
    /// How many of each kind (`Kind::ALL` order): the cell takes the colour of the most.
    kinds: [usize; Kind::ALL.len()],
}

/// The events drawn above the axis, one by one while they are few, as cells past that.
struct Unplaced {
    count: usize,
    ticks: String,
    cells: std::collections::BTreeMap<i64, Cell>,
}

impl Unplaced {
    fn new() -> Self {
        Self {
            count: 0,
            ticks: String::new(),
            cells: std::collections::BTreeMap::new(),
        }
    }

    /// `tip` (the event's hover text) is asked for only while events are drawn one by one.
    fn add(&mut self, event: &Event, x0: f64, x1: f64, tip: impl Fn() -> String, axis_y: f64) {
        self.count += 1;
        if self.count <= TICKS_ONE_BY_ONE {
            let _ = writeln!(
                self.ticks,
                "<g><title>{}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
                 height=\"6\" fill=\"{}\" fill-opacity=\"0.6\"/></g>",
                tip(),
                x0 - 1.0,
                axis_y - 8.0,
                (x1 - x0).max(2.0),
                kind_colour(event.kind).light
            );
        }
        let end = event.end.unwrap_or(event.start);
        let kind = Kind::ALL.iter().position(|k| *k == event.kind).unwrap_or(0);
        // Truncation is the point: the cell the tick's left edge falls in.
        #[allow(clippy::cast_possible_truncation)]
        let key = (x0 / CELL).floor() as i64;
        let cell = self.cells.entry(key).or_insert_with(|| Cell {
            count: 0,
            right: x1,
            first: event.start,
            last: end,
            kinds: [0; Kind::ALL.len()],
        });
        cell.count += 1;
        cell.right = cell.right.max(x1);
        if event.start.first_day() < cell.first.first_day() {
            cell.first = event.start;
        }
        if end.last_day() > cell.last.last_day() {
            cell.last = end;
        }
        if let Some(n) = cell.kinds.get_mut(kind) {
            *n += 1;
        }
    }

    fn write(self, svg: &mut String, axis_y: f64) {
        if self.count <= TICKS_ONE_BY_ONE {
            svg.push_str(&self.ticks);
            return;
        }
        for (key, cell) in self.cells {
            #[allow(clippy::cast_precision_loss)]
            let x = key as f64 * CELL;
            let most = Kind::ALL
                .into_iter()
                .zip(cell.kinds)
                .max_by_key(|&(_, n)| n)
                .map_or(Kind::Other, |(kind, _)| kind);
            let _ = writeln!(
                svg,
                "<g><title>{} event{}, {}</title><rect x=\"{x:.1}\" y=\"{:.1}\" \
                 width=\"{:.1}\" height=\"6\" fill=\"{}\" fill-opacity=\"0.6\"/></g>",
                cell.count,
                if cell.count == 1 { "" } else { "s" },
                escape_xml(&span_label(cell.first, Some(cell.last))),
                axis_y - 8.0,
                (cell.right - x).max(CELL),
                kind_colour(most).light
            );
        }
    }
}

/// Text as XML holds it literally; characters XML 1.0 forbids are dropped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Rough width of `text` at the label size: wide (CJK) characters count double.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c >= '\u{2E80}' { FONT } else { FONT * 0.56 })
        .sum()
}

/// `text` cut (with an ellipsis) to fit in `width`; empty when almost nothing fits.
fn fit(text: &str, width: f64) -> String {
    if text_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = text_width("…");
    for c in text.chars() {
        used += text_width(c.encode_utf8(&mut [0; 4]));
        if used > width {
            break;
        }
        out.push(c);
    }
    if out.chars().count() < 4 {
        String::new()
    } else {
        out.trim_end().to_owned() + "…"
    }
}

fn day_number(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

/// Maps days to x positions across the plot.
struct Scale {
    first: f64,
    last: f64,
    left: f64,
    right: f64,
}

impl Scale {
    fn x(&self, day: f64) -> f64 {
        self.left + (day - self.first) / (self.last - self.first) * (self.right - self.left)
    }
}

/// How an event is drawn, decided from its dates alone, as the app decides.
fn shape_of(event: &Event) -> Shape {
    if event.start.precision() != Precision::Day {
        return Shape::Span;
    }
    let last = event.end.unwrap_or(event.start).last_day();
    if last > event.start.first_day() {
        Shape::Bar
    } else {
        Shape::Point
    }
}

fn first_of_year(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// Axis ticks: (day, label), years at a readable step, or months when a year is wide.
fn ticks(scale: &Scale) -> Vec<(f64, String)> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_num_days_from_ce_opt(scale.first as i32),
        NaiveDate::from_num_days_from_ce_opt(scale.last as i32),
    ) else {
        return Vec::new();
    };
    let per_year = (scale.right - scale.left) / ((scale.last - scale.first) / 365.25);
    let mut ticks = Vec::new();
    if per_year >= 12.0 * 44.0 {
        let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1);
        while let Some(m) = month.filter(|m| *m <= to) {
            if m >= from {
                let name = MONTH_SHORT.get(m.month0() as usize).copied().unwrap_or("");
                let label = if m.month() == 1 {
                    format!("{name} {}", m.year())
                } else {
                    name.to_owned()
                };
                ticks.push((day_number(m), label));
            }
            month = m.checked_add_months(chrono::Months::new(1));
        }
        return ticks;
    }
    let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .find(|s| f64::from(*s) * per_year >= 56.0)
        .unwrap_or(1000);
    let mut year = from.year() + (step - from.year().rem_euclid(step)) % step;
    while let Some(day) = first_of_year(year).filter(|d| *d <= to) {
        if day >= from {
            ticks.push((day_number(day), format!("{year}")));
        }
        year += step;
    }
    ticks
}

/// The size the picture is drawn at, in pixels: a request below the minimum is drawn at the
/// minimum (the legend and axis need the room); one above `MAX_IMAGE_SIDE` is refused, since
/// the writers are called straight from the CLI as well as from the app, and a PNG of
/// 20,000 × 20,000 needs gigabytes.
pub fn picture_size(options: &ExportOptions) -> io::Result<(u32, u32)> {
    for (side, value) in [("width", options.width), ("height", options.height)] {
        if value > MAX_IMAGE_SIDE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("the picture {side} is {value} pixels; at most {MAX_IMAGE_SIDE} are drawn"),
            ));
        }
    }
    Ok((
        options.width.max(MIN_IMAGE_WIDTH),
        options.height.max(MIN_IMAGE_HEIGHT),
    ))
}

pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let (width, height) = picture_size(options)?;
    let (width, height) = (f64::from(width), f64::from(height));
    let sorted = chronological(events);
    let mut svg = String::new();
    let title = escape_xml(&options.title);
    let summary = format!(
        "{} event{}",
        sorted.len(),
        if sorted.len() == 1 { "" } else { "s" }
    );
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" \
         font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"{FONT}\">\n\
         <title id=\"chart-title\">{title}</title>\n\
         <desc id=\"chart-desc\">A timeline of {summary}.</desc>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"{MARGIN}\" y=\"28\" font-size=\"18\" font-weight=\"600\" fill=\"#1b1f24\">{title}</text>\n"
    );

    // Legend: the kinds present, in their usual order.
    let mut x = MARGIN;
    for kind in Kind::ALL {
        if !sorted.iter().any(|e| e.kind == kind) {
            continue;
        }
        let label = kind_label(kind);
        let item = 14.0 + text_width(label) + 16.0;
        if x + item > width - MARGIN {
            break;
        }
        let _ = writeln!(
            svg,
            "<rect x=\"{x:.1}\" y=\"42\" width=\"10\" height=\"10\" rx=\"2\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"51\" fill=\"#57606a\">{}</text>",
            kind_colour(kind).light,
            x + 14.0,
            escape_xml(label)
        );
        x += item;
    }

    draw_shape_legend(&mut svg, 60.0);

    let axis_y = height - 32.0;
    let top = 80.0;
    if sorted.is_empty() {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#57606a\">No events</text>",
            width / 2.0,
            (top + axis_y) / 2.0
        );
    } else {
        draw_events(&mut svg, &sorted, width, top, axis_y, progress);
        progress.go_on()?;
    }
    svg.push_str("</svg>\n");
    let mut out = io::BufWriter::new(out);
    out.write_all(svg.as_bytes())?;
    out.flush()
}

/// What the shapes mean, in a row at `y`, drawn as the events are (in a neutral grey).
fn draw_shape_legend(svg: &mut String, y: f64) {
    const GREY: &str = "#6b7280";
    let mid = y + 4.5;
    let mut x = MARGIN;
    for shape in Shape::ALL {
        let width = match shape {
            Shape::Point => BAR,
            Shape::Bar | Shape::Span => 22.0,
        };
        mark(svg, shape, x, x + width, mid, GREY);
        let label = shape_label(shape);
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#57606a\">{}</text>",
            x + width + 4.0,
            y + 9.0,
            escape_xml(label)
        );
        x += width + 4.0 + text_width(label) + 16.0;
    }
}

/// One event's mark between `x0` and `x1`, centred on `mid`.
fn mark(svg: &mut String, shape: Shape, x0: f64, x1: f64, mid: f64, colour: &str) {
    let _ = match shape {
        Shape::Point => write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{mid:.1}\" r=\"{:.1}\" fill=\"{colour}\" \
             stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
            (x0 + x1) / 2.0,
            BAR / 2.0
        ),
        Shape::Bar => write!(
            svg,
            "<rect class=\"bar\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
             height=\"{BAR:.1}\" rx=\"3\" fill=\"{colour}\" fill-opacity=\"0.32\" \
             stroke=\"{colour}\" stroke-width=\"1.5\"/>",
            mid - BAR / 2.0,
            x1 - x0
        ),
        Shape::Span => write!(
            svg,
            "<rect class=\"span\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
             height=\"{SPAN:.1}\" rx=\"4\" fill=\"{colour}\" fill-opacity=\"0.14\" \
             stroke=\"{colour}\" stroke-opacity=\"0.6\" stroke-dasharray=\"3 2\"/>",
            mid - SPAN / 2.0,
            x1 - x0
        ),
    };
}

fn draw_events(
    svg: &mut String,
    sorted: &[&Event],
    width: f64,
    top: f64,
    axis_y: f64,
    progress: &mut Progress<'_>,
) {
    let first = sorted
        .iter()
        .map(|e| day_number(e.start.first_day()))
        .fold(f64::MAX, f64::min);
    let last = sorted
        .iter()
        .map(|e| day_number(e.end.unwrap_or(e.start).last_day()) + 1.0)
        .fold(f64::MIN, f64::max);
    let pad = ((last - first) / 50.0).max(1.0);
    let scale = Scale {
        first: first - pad,
        last: last + pad,
        left: MARGIN,
        right: width - MARGIN,
    };

    let _ = writeln!(
        svg,
        "<line x1=\"{:.1}\" y1=\"{axis_y:.1}\" x2=\"{:.1}\" y2=\"{axis_y:.1}\" stroke=\"#8c959f\"/>",
        scale.left, scale.right
    );
    for (day, label) in ticks(&scale) {
        let x = scale.x(day);
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#eaeef2\"/>\
             <line x1=\"{x:.1}\" y1=\"{axis_y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#8c959f\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#57606a\">{}</text>",
            axis_y,
            axis_y + 5.0,
            axis_y + 18.0,
            escape_xml(&label)
        );
    }

    let lanes = (((axis_y - 14.0 - top) / LANE).floor().max(0.0)) as usize;
    let mut lane_end = vec![f64::MIN; lanes];
    let mut unplaced = Unplaced::new();
    for event in sorted {
        if progress.stopped() {
            return;
        }
        let shape = shape_of(event);
        let mut x0 = scale.x(day_number(event.start.first_day()));
        let mut x1 = scale.x(day_number(event.end.unwrap_or(event.start).last_day()) + 1.0);
        if shape == Shape::Point {
            let centre = (x0 + x1) / 2.0;
            (x0, x1) = (centre - BAR / 2.0, centre + BAR / 2.0);
        } else if x1 - x0 < MIN_SHAPE {
            let centre = (x0 + x1) / 2.0;
            (x0, x1) = (centre - MIN_SHAPE / 2.0, centre + MIN_SHAPE / 2.0);
        }
        let (mark_start, mark_end) = (x0, x1);
        // The label goes right of the mark, or left of it when only the left has room.
        let title = event.title.trim();
        let right_room = scale.right - (mark_end + 4.0);
        let left_room = mark_start - 4.0 - scale.left;
        let right_label = fit(title, right_room);
        let on_left = right_label != title && left_room > right_room;
        let label = if on_left {
            fit(title, left_room)
        } else {
            right_label
        };
        let label_width = text_width(&label);
        let (span_start, span_end, text_x) = if on_left {
            (mark_start - 4.0 - label_width, mark_end, mark_start - 4.0)
        } else {
            (mark_start, mark_end + 4.0 + label_width, mark_end + 4.0)
        };
        let with_label = (!label.is_empty())
            .then(|| lane_end.iter().position(|end| end + GAP <= span_start))
            .flatten();
        let (lane, label, end) = match with_label {
            Some(lane) => (Some(lane), label, span_end),
            None => (
                lane_end.iter().position(|end| end + 2.0 <= mark_start),
                String::new(),
                mark_end,
            ),
        };
        let colour = kind_colour(event.kind).light;
        // Past a couple of thousand events without a row, theirs is never written: made on demand.
        let tip = || {
            escape_xml(&format!(
                "{} — {} ({})",
                span_label(event.start, event.end),
                event.title.trim(),
                kind_label(event.kind)
            ))
        };
        match lane {
            Some(lane) => {
                if let Some(slot) = lane_end.get_mut(lane) {
                    *slot = end;
                }
                let y = top + LANE * lane as f64;
                let mid = y + LANE / 2.0;
                let _ = write!(svg, "<g><title>{}</title>", tip());
                mark(svg, shape, x0, x1, mid, colour);
                if !label.is_empty() {
                    let _ = write!(
                        svg,
                        "<text x=\"{text_x:.1}\" y=\"{:.1}\"{} fill=\"#1b1f24\">{}</text>",
                        mid + FONT * 0.35,
                        if on_left { " text-anchor=\"end\"" } else { "" },
                        escape_xml(&label)
                    );
                }
                svg.push_str("</g>\n");
            }
            None => unplaced.add(event, x0, x1, tip, axis_y),
        }
        progress.tick();
    }
    let unplaced_count = unplaced.count;
    unplaced.write(svg, axis_y);
    if unplaced_count > 0 {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"69\" text-anchor=\"end\" fill=\"#57606a\">{unplaced_count} more \
             event{} shown as marks above the axis</text>",
            scale.right,
            if unplaced_count == 1 { "" } else { "s" }
        );
    }
}

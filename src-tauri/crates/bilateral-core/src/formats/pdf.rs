//! A printable chronology (A4 PDF): a title page (title, what the events were chosen by,
//! when it was exported, how many events and the dates they span), then one entry per
//! event in time order under a heading per year:
//!
//! ```text
//! 15 November 2023                                  date at its real precision
//! Biden and Xi meet at Filoli                       title, then `title_zh` (CJK font)
//! 拜登与习近平在斐洛丽庄园会晤
//! Summit · Joe Biden (US), Xi Jinping (China) · …   kind, actors, place, attestation
//! The two leaders agreed to … [1] [2]               summary, with its source numbers
//! [1] The White House — Readout … (15 November 2023)
//!     https://…                                     (a link)
//! ```
//!
//! Sources are numbered through the whole document, so a number points at one source.
//! Entries flow across pages; a page is numbered at its foot, and the document outline has
//! a bookmark per year. Dates use the same wording as every other export (`labels`).
//!
//! Entries are laid out one at a time and their lines kept only until their page is drawn,
//! so a long export holds one page of lines besides the events; the finished pages are kept
//! (compressed) by krilla until the file is written. 10,000 events make about 3,100 pages
//! and 15 MB.

use std::io::{self, Write};

use chrono::Datelike;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::Document;

use super::filter_wording::describe;
use super::labels::{date_label, kind_label, side_label, span_label};
use super::pdf_fonts::Fonts;
use super::pdf_text::{lines, Line, Weight};
use super::progress::Progress;
use super::{chronological, ExportOptions};
use crate::date::PartialDate;
use crate::model::Event;

/// A4, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where the body ends: the page number sits below it.
const BODY_BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
const NOTE_INDENT: f32 = 18.0;

/// Text colours: body text, secondary text, and dates, headings and links.
#[derive(Clone, Copy)]
enum Tone {
    Ink,
    Muted,
    Accent,
}

impl Tone {
    fn fill(self) -> Fill {
        let (r, g, b) = match self {
            Tone::Ink => (0x1a, 0x1a, 0x1a),
            Tone::Muted => (0x5c, 0x5c, 0x5c),
            Tone::Accent => (0x1f, 0x4e, 0x8c),
        };
        Fill {
            paint: rgb::Color::new(r, g, b).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }
    }
}

fn failure(message: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("cannot write the PDF: {message}"))
}

/// One line as it goes on a page.
struct Row {
    line: Line,
    indent: f32,
    /// Space above the line, dropped at the top of a page.
    gap: f32,
    color: Tone,
    link: Option<String>,
    /// The year this row starts, for the outline.
    year: Option<i32>,
    /// Goes on the same page as the next row: an entry's date, titles and kind line stay
    /// with its first summary line, a source's number with its URL.
    keep_with_next: bool,
}

fn keep_together(rows: &mut [Row]) {
    let last = rows.len().saturating_sub(1);
    for row in &mut rows[..last] {
        row.keep_with_next = true;
    }
}

/// How a kind of line is set: face, size, colour, indent and the space above it.
struct Style {
    weight: Weight,
    size: f32,
    tone: Tone,
    indent: f32,
    gap: f32,
}

const fn style(weight: Weight, size: f32, tone: Tone, indent: f32, gap: f32) -> Style {
    Style {
        weight,
        size,
        tone,
        indent,
        gap,
    }
}

const DOC_TITLE: Style = style(Weight::Bold, 26.0, Tone::Ink, 0.0, 0.0);
const SUBTITLE: Style = style(Weight::Regular, 14.0, Tone::Muted, 0.0, 10.0);
const FIRST_SECTION: Style = style(Weight::Bold, 11.0, Tone::Accent, 0.0, 40.0);
const SECTION: Style = style(Weight::Bold, 11.0, Tone::Accent, 0.0, 24.0);
const TEXT: Style = style(Weight::Regular, 11.0, Tone::Ink, 0.0, 2.0);
const HINT: Style = style(Weight::Regular, 9.0, Tone::Muted, 0.0, 24.0);
const YEAR: Style = style(Weight::Bold, 18.0, Tone::Accent, 0.0, 18.0);
const DATE: Style = style(Weight::Bold, 9.5, Tone::Accent, 0.0, 12.0);
const TITLE: Style = style(Weight::Bold, 12.0, Tone::Ink, 0.0, 1.0);
const TITLE_ZH: Style = style(Weight::Regular, 11.0, Tone::Ink, 0.0, 1.0);
const META: Style = style(Weight::Regular, 8.5, Tone::Muted, 0.0, 2.0);
const SUMMARY: Style = style(Weight::Regular, 10.0, Tone::Ink, 0.0, 3.0);
/// A source note; its first line hangs out to the margin (`Setter::add_note`).
const NOTE: Style = style(Weight::Regular, 8.0, Tone::Ink, NOTE_INDENT, 2.0);
const URL: Style = style(Weight::Regular, 8.0, Tone::Accent, NOTE_INDENT, 0.0);

/// Text set in rows.
struct Setter<'f> {
    fonts: &'f Fonts,
}

impl Setter<'_> {
    /// Sets `text` in `style`; the index of its first row (`rows.len()` when it is empty).
    fn add(&self, rows: &mut Vec<Row>, text: &str, style: &Style) -> io::Result<usize> {
        let first = rows.len();
        let width = BODY_WIDTH - style.indent;
        for (i, line) in lines(self.fonts, text, style.weight, style.size, width)?
            .into_iter()
            .enumerate()
        {
            rows.push(Row {
                line,
                indent: style.indent,
                gap: if i == 0 { style.gap } else { 0.0 },
                color: style.tone,
                link: None,
                year: None,
                keep_with_next: false,
            });
        }
        Ok(first)
    }

    /// Sets `url` as a link to itself.
    fn add_link(&self, rows: &mut Vec<Row>, url: &str, style: &Style) -> io::Result<usize> {
        let first = self.add(rows, url, style)?;
        for row in &mut rows[first..] {
            row.link = Some(url.to_owned());
        }
        Ok(first)
    }
}

fn leading(size: f32) -> f32 {
    size * 1.32
}

/// The height of `rows[at]` and of the rows kept with it, the gap above the first left out
/// (it is not drawn at the top of a page).
fn kept_height(rows: &[Row], at: usize) -> f32 {
    let mut height = 0.0;
    for (i, row) in rows.iter().enumerate().skip(at) {
        height += if i == at { 0.0 } else { row.gap } + leading(row.line.size);
        if !row.keep_with_next {
            break;
        }
    }
    height
}

fn draw_line(surface: &mut Surface<'_>, fonts: &Fonts, line: &Line, x: f32, baseline: f32) {
    for run in &line.runs {
        surface.draw_glyphs(
            Point::from_xy(x + run.x, baseline),
            &run.glyphs,
            fonts.face(run.face).pdf.clone(),
            &line.text,
            line.size,
            false,
        );
    }
}

/// The rows of one event: a year heading when the year changes, then the entry.
fn entry_rows(
    setter: &Setter<'_>,
    event: &Event,
    year: &mut Option<i32>,
    next_note: &mut usize,
) -> io::Result<Vec<Row>> {
    let mut rows = Vec::new();
    let this_year = event.start.first_day().year();
    if *year != Some(this_year) {
        let heading = setter.add(&mut rows, &format!("{this_year:04}"), &YEAR)?;
        if let Some(row) = rows.get_mut(heading) {
            row.year = Some(this_year);
        }
        *year = Some(this_year);
    }
    let date = span_label(event.start, event.end);
    setter.add(&mut rows, &date, &DATE)?;
    setter.add(&mut rows, &event.title, &TITLE)?;
    if let Some(zh) = event.title_zh.as_deref().filter(|t| !t.trim().is_empty()) {
        setter.add(&mut rows, zh, &TITLE_ZH)?;
    }
    let mut meta = vec![kind_label(event.kind).to_owned()];
    if !event.actors.is_empty() {
        let actors: Vec<String> = event
            .actors
            .iter()
            .map(|a| format!("{} ({})", a.name.trim(), side_label(a.side)))
            .collect();
        meta.push(actors.join(", "));
    }
    if let Some(place) = event.location.as_deref().filter(|p| !p.trim().is_empty()) {
        meta.push(place.trim().to_owned());
    }
    meta.push(event.attested().label().to_owned());
    setter.add(&mut rows, &meta.join(" · "), &META)?;
    // The heading lines and the first summary line below them.
    let head = rows.len() + 1;
    let first_note = *next_note;
    *next_note += event.sources.len();
    let mut summary = event.summary.trim().to_owned();
    if !summary.is_empty() && !event.sources.is_empty() {
        let marks: Vec<String> = (first_note..*next_note).map(|n| format!("[{n}]")).collect();
        summary = format!("{summary} {}", marks.join(" "));
    }
    setter.add(&mut rows, &summary, &SUMMARY)?;
    let head = head.min(rows.len());
    keep_together(&mut rows[..head]);
    for (n, source) in (first_note..).zip(&event.sources) {
        let mut note = format!("[{n}]");
        let publisher = source.publisher.trim();
        let title = source.title.trim();
        if !publisher.is_empty() {
            note = format!("{note} {publisher}");
        }
        if !title.is_empty() {
            note = if publisher.is_empty() {
                format!("{note} {title}")
            } else {
                format!("{note} — {title}")
            };
        }
        if let Some(published) = source.published {
            note = format!("{note} ({})", date_label(published));
        }
        let first = setter.add(&mut rows, &note, &NOTE)?;
        // A hanging indent: the number stands out at the margin, the rest lines up.
        if let Some(row) = rows.get_mut(first) {
            row.indent = 0.0;
        }
        setter.add_link(&mut rows, source.url.trim(), &URL)?;
        keep_together(&mut rows[first..]);
    }
    Ok(rows)
}

/// The title page's rows.
fn title_rows(
    setter: &Setter<'_>,
    events: &[&Event],
    options: &ExportOptions,
) -> io::Result<Vec<Row>> {
    let mut rows = Vec::new();
    setter.add(&mut rows, &options.title, &DOC_TITLE)?;
    let count = match events.len() {
        1 => "1 event".to_owned(),
        n => format!("{n} events"),
    };
    // Events are in order of their start; the last to end may be an earlier one.
    let last_day = events
        .iter()
        .map(|e| e.end.unwrap_or(e.start).max(e.start))
        .max();
    let span = match (events.first(), last_day) {
        (Some(first), Some(end)) => format!(", {}", span_label(first.start, Some(end))),
        _ => String::new(),
    };
    setter.add(
        &mut rows,
        &format!("A chronology of {count}{span}"),
        &SUBTITLE,
    )?;
    setter.add(&mut rows, "Events", &FIRST_SECTION)?;
    for line in describe(options.filter.as_ref()) {
        setter.add(&mut rows, &line, &TEXT)?;
    }
    let stamp = options.stamp;
    let exported = format!(
        "Exported {}, {} UTC, from Bilateral",
        date_label(PartialDate::from_naive(stamp.date_naive())),
        stamp.format("%H:%M")
    );
    setter.add(&mut rows, "Export", &SECTION)?;
    setter.add(&mut rows, &exported, &TEXT)?;
    setter.add(
        &mut rows,
        "Dates are given as precisely as they are known: a year, a month or a day. \
         Numbers in brackets point to the sources listed under each entry.",
        &HINT,
    )?;
    Ok(rows)
}

/// Pages being filled: the open page's rows and links, the page count and the outline.
struct Pages<'f> {
    fonts: &'f Fonts,
    document: Document,
    /// Rows waiting for the page that is open; drawn when it is full or at the end.
    rows: Vec<(Row, f32)>,
    /// Top of the free space on the open page.
    y: f32,
    /// Pages finished so far.
    count: usize,
    outline: Outline,
}

impl<'f> Pages<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Pages {
            fonts,
            document: Document::new(),
            rows: Vec::new(),
            y: MARGIN,
            count: 0,
            outline: Outline::new(),
        }
    }

    fn room(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    /// Puts `rows` on the pages, starting a new page before a row that does not fit with
    /// the rows kept with it (unless they would not fit on a page of their own either).
    fn place(&mut self, rows: Vec<Row>) -> io::Result<()> {
        let kept: Vec<f32> = (0..rows.len()).map(|i| kept_height(&rows, i)).collect();
        for (row, kept) in rows.into_iter().zip(kept) {
            let gap = if self.rows.is_empty() { 0.0 } else { row.gap };
            let kept = if kept > BODY_BOTTOM - MARGIN {
                leading(row.line.size)
            } else {
                kept
            };
            if gap + kept > self.room() && !self.rows.is_empty() {
                self.finish_page()?;
                self.push(row, 0.0);
            } else {
                self.push(row, gap);
            }
        }
        Ok(())
    }

    fn push(&mut self, row: Row, gap: f32) {
        let line_height = leading(row.line.size);
        let baseline = self.y + gap + row.line.size;
        if let Some(year) = row.year {
            self.outline.push_child(OutlineNode::new(
                format!("{year:04}"),
                XyzDestination::new(self.count, Point::from_xy(0.0, self.y)),
            ));
        }
        self.y += gap + line_height;
        self.rows.push((row, baseline));
    }

    /// Draws the open page's rows and its number, and closes it.
    fn finish_page(&mut self) -> io::Result<()> {
        let number = self.count + 1;
        let footer = (number > 1)
            .then(|| {
                lines(
                    self.fonts,
                    &format!("{number}"),
                    Weight::Regular,
                    9.0,
                    BODY_WIDTH,
                )
            })
            .transpose()?
            .and_then(|mut l| l.pop());
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| failure("the page size is invalid"))?;
        let mut page = self.document.start_page_with(settings);
        let mut links = Vec::new();
        {
            let mut surface = page.surface();
            for (row, baseline) in &self.rows {
                let x = MARGIN + row.indent;
                surface.set_fill(Some(row.color.fill()));
                draw_line(&mut surface, self.fonts, &row.line, x, *baseline);
                if let Some(url) = &row.link {
                    let top = baseline - row.line.size;
                    if let Some(rect) =
                        Rect::from_xywh(x, top, row.line.width.max(1.0), leading(row.line.size))
                    {
                        links.push((rect, url.clone()));
                    }
                }
            }
            if let Some(footer) = footer {
                surface.set_fill(Some(Tone::Muted.fill()));
                let x = (PAGE_WIDTH - footer.width) / 2.0;
                draw_line(
                    &mut surface,
                    self.fonts,
                    &footer,
                    x,
                    PAGE_HEIGHT - MARGIN / 2.0,
                );
            }
            surface.finish();
        }
        for (rect, url) in links {
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Action(Action::Link(LinkAction::new(url)))),
                None,
            ));
        }
        page.finish();
        self.rows.clear();
        self.y = MARGIN;
        self.count += 1;
        Ok(())
    }

    fn finish(mut self, title: &str) -> io::Result<Vec<u8>> {
        if !self.rows.is_empty() || self.count == 0 {
            self.finish_page()?;
        }
        self.document.set_outline(self.outline);
        self.document.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .creator("Bilateral".to_owned())
                .language("en".to_owned()),
        );
        self.document
            .finish()
            .map_err(|e| failure(format!("{e:?}")))
    }
}

/// The font database an export picks its faces from (the system's, unless a caller gives
/// its own).
pub use resvg::usvg::fontdb::Database as FontDatabase;

/// Writes the PDF with the system's fonts.
pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    write_with_fonts(
        super::system_fonts::database(),
        events,
        options,
        out,
        progress,
    )
}

/// Writes the PDF with the faces `fonts` offers. Fails, naming what to install, when none
/// draws Latin text, or when a Chinese title needs a face that none has.
pub fn write_with_fonts(
    fonts: &FontDatabase,
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let fonts = Fonts::from_database(fonts)?;
    let setter = Setter { fonts: &fonts };
    let events = chronological(events);
    let mut pages = Pages::new(&fonts);
    // The title stands a quarter of the way down its page.
    pages.y = PAGE_HEIGHT / 4.0;
    pages.place(title_rows(&setter, &events, options)?)?;
    pages.finish_page()?;
    let mut year = None;
    let mut next_note = 1;
    for event in events {
        progress.go_on()?;
        let rows = entry_rows(&setter, event, &mut year, &mut next_note)?;
        pages.place(rows)?;
        progress.tick();
    }
    let bytes = pages.finish(&options.title)?;
    out.write_all(&bytes)?;
    out.flush()
}

//! A PNG picture of the timeline: our own SVG export, rasterised with resvg (system fonts),
//! so the picture and the SVG always agree.

use std::io::{self, Write};
use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use super::system_fonts::is_serif;
use super::{svg, ExportOptions, Progress};
use crate::limits::MAX_IMAGE_SIDE;
use crate::model::Event;

fn failure(message: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("cannot draw the PNG: {message}"))
}

/// Draws the picture at the size `svg::picture_size` allows: a side over `MAX_IMAGE_SIDE` is
/// refused before anything is drawn, so the pixels never need more than
/// `MAX_IMAGE_SIDE² × 4` bytes.
pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    svg::picture_size(options)?;
    let mut text = Vec::new();
    svg::write(events, options, &mut text, progress)?;
    let parse = usvg::Options {
        fontdb: Arc::clone(super::system_fonts::database()),
        font_resolver: usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: sans_first_fallback(),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(&text, &parse).map_err(failure)?;
    let size = tree.size().to_int_size();
    // The SVG is ours and drawn at the allowed size; checked again so that a change there
    // can never make this allocate an unbounded pixmap.
    if size.width() > MAX_IMAGE_SIDE || size.height() > MAX_IMAGE_SIDE {
        return Err(failure(format!(
            "the picture is {} × {} pixels, more than {MAX_IMAGE_SIDE} on a side",
            size.width(),
            size.height()
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| failure("the picture size is zero"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    out.write_all(&pixmap.encode_png().map_err(failure)?)
}

/// For a character the chosen font lacks (Chinese in a Latin font), a sans-serif face that
/// has it, so a Chinese title matches the Latin text around it; a serif face only when no
/// other has the character.
fn sans_first_fallback() -> usvg::FallbackSelectionFn<'static> {
    let fallback = usvg::FontResolver::default_fallback_selector();
    Box::new(move |c, used, db| {
        let mut skip = used.to_vec();
        skip.extend(db.faces().filter(|f| is_serif(f)).map(|f| f.id));
        fallback(c, &skip, db).or_else(|| fallback(c, used, db))
    })
}

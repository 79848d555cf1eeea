//! A PNG picture of the timeline: our own SVG export, rasterised with resvg (system fonts),
//! so the picture and the SVG always agree.

use std::io::{self, Write};

use resvg::{tiny_skia, usvg};

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
    let mut parse = usvg::Options::default();
    parse.fontdb_mut().load_system_fonts();
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

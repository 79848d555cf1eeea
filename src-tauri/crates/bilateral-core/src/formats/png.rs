//! A PNG picture of the timeline: our own SVG export, rasterised with resvg (system fonts),
//! so the picture and the SVG always agree.

use std::io::{self, Write};

use resvg::{tiny_skia, usvg};

use super::{svg, ExportOptions, Progress};
use crate::model::Event;

fn failure(message: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("cannot draw the PNG: {message}"))
}

pub fn write(
    events: &[Event],
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &mut Progress<'_>,
) -> io::Result<()> {
    let mut text = Vec::new();
    svg::write(events, options, &mut text, progress)?;
    let mut parse = usvg::Options::default();
    parse.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_data(&text, &parse).map_err(failure)?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| failure("the picture size is zero"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    out.write_all(&pixmap.encode_png().map_err(failure)?)
}

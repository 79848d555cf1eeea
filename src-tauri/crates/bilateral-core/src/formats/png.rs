//! A PNG picture of the timeline: our own SVG export, rasterised with resvg (system fonts),
//! so the picture and the SVG always agree.

use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb::{Database, FaceInfo};
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
    let parse = usvg::Options {
        fontdb: Arc::clone(system_fonts()),
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

/// Families tried, in order, for the generic `sans-serif` the SVG asks for. fontdb maps it to
/// Arial unless told otherwise, and most Linux systems have no Arial: every text would then
/// resolve to no font and vanish from the picture without a word.
const SANS_SERIF: &[&str] = &[
    "Arial",
    "Helvetica",
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
    "Segoe UI",
    "Cantarell",
    "Ubuntu",
];

fn family_names(face: &FaceInfo) -> impl Iterator<Item = &str> {
    face.families.iter().map(|(name, _)| name.as_str())
}

fn is_serif(face: &FaceInfo) -> bool {
    family_names(face).any(|name| name.contains("Serif") && !name.contains("Sans"))
}

/// The system's fonts, read once per process (reading them takes a while), with `sans-serif`
/// (and the `serif` usvg falls back to) set to a family that is installed.
fn system_fonts() -> &'static Arc<Database> {
    static FONTS: OnceLock<Arc<Database>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = Database::new();
        db.load_system_fonts();
        let installed = |family: &str| db.faces().any(|f| family_names(f).any(|n| n == family));
        let sans = SANS_SERIF
            .iter()
            .find(|family| installed(family))
            .map(|family| (*family).to_owned())
            .or_else(|| {
                let any_sans = db.faces().find(|f| !is_serif(f)).or(db.faces().next());
                any_sans.and_then(|f| family_names(f).next().map(str::to_owned))
            });
        if let Some(sans) = sans {
            db.set_sans_serif_family(sans.clone());
            db.set_serif_family(sans);
        }
        Arc::new(db)
    })
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

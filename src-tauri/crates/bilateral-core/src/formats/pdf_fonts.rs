//! The fonts a PDF export draws with, found among the system's fonts through fontdb (the
//! same database the PNG export's resvg loads): a sans-serif for Latin text in regular and
//! bold, and a font with Chinese characters for `title_zh` and any other CJK text. Only
//! the glyphs used end up in the file: krilla embeds a subset of each font.

use std::io;
use std::sync::Arc;

use resvg::usvg::fontdb::{Database, Family, Query, Source, Stretch, Style, Weight, ID};
use skrifa::MetadataProvider;

/// One font face: its bytes (shared by the shaper and the PDF writer) and its index in a
/// collection file.
#[derive(Clone)]
pub struct Face {
    pub data: Arc<Vec<u8>>,
    pub index: u32,
    pub pdf: krilla::text::Font,
    pub units_per_em: f32,
    /// The shaper's tables, read once per export rather than once per run of text.
    pub shaper: Arc<harfrust::ShaperData>,
}

impl Face {
    fn load(db: &Database, id: ID) -> Option<Face> {
        let (source, index) = db.face_source(id)?;
        let data = match source {
            Source::Binary(bytes) => bytes.as_ref().as_ref().to_vec(),
            Source::File(path) | Source::SharedFile(path, _) => std::fs::read(path).ok()?,
        };
        let data = Arc::new(data);
        let pdf = krilla::text::Font::new(krilla::Data::from(Arc::clone(&data)), index)?;
        let units_per_em = pdf.units_per_em();
        let shaper = Arc::new(harfrust::ShaperData::new(
            &harfrust::FontRef::from_index(&data, index).ok()?,
        ));
        Some(Face {
            data,
            index,
            pdf,
            units_per_em,
            shaper,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        skrifa::FontRef::from_index(&self.data, self.index)
            .is_ok_and(|font| font.charmap().map(c).is_some())
    }
}

/// The faces of one export; `cjk` is `None` when the system has no font with Chinese
/// characters (an error only once some text needs one).
#[derive(Clone)]
pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
    pub cjk: Option<Face>,
}

/// Sans-serif families tried in order after the system's own default.
const LATIN_FAMILIES: [&str; 6] = [
    "DejaVu Sans",
    "Noto Sans",
    "Liberation Sans",
    "Arial",
    "Helvetica",
    "Open Sans",
];

/// Families with Simplified Chinese (the dataset's `title_zh`), best first.
const CJK_FAMILIES: [&str; 9] = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
];

/// The error when no font can draw a piece of text.
pub fn missing(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!(
            "cannot write the PDF: no {what} font is installed on this system \
             (install a sans-serif font such as DejaVu Sans or Noto Sans, and Noto Sans CJK \
             for Chinese titles)"
        ),
    )
}

impl Fonts {
    /// Picks the faces from `db`. Fails when none draws Latin text.
    pub fn from_database(db: &Database) -> io::Result<Fonts> {
        let mut latin: Vec<Family<'_>> = vec![Family::SansSerif];
        latin.extend(LATIN_FAMILIES.iter().map(|name| Family::Name(name)));
        let regular = pick(db, &latin, Weight::NORMAL, 'A')
            .or_else(|| any_covering(db, 'A', Weight::NORMAL))
            .ok_or_else(|| missing("Latin"))?;
        let bold = pick(db, &latin, Weight::BOLD, 'A').unwrap_or_else(|| regular.clone());
        let cjk_families: Vec<Family<'_>> =
            CJK_FAMILIES.iter().map(|name| Family::Name(name)).collect();
        let cjk = pick(db, &cjk_families, Weight::NORMAL, '中')
            .or_else(|| any_covering(db, '中', Weight::NORMAL));
        Ok(Fonts { regular, bold, cjk })
    }
}

/// The best face of the first of `families` the system has, if it draws `probe`.
fn pick(db: &Database, families: &[Family<'_>], weight: Weight, probe: char) -> Option<Face> {
    families.iter().find_map(|family| {
        let query = Query {
            families: std::slice::from_ref(family),
            weight,
            stretch: Stretch::Normal,
            style: Style::Normal,
        };
        let face = Face::load(db, db.query(&query)?)?;
        face.covers(probe).then_some(face)
    })
}

/// Any upright face of about `weight` that draws `probe`: the last resort on a system
/// without any of the usual families.
fn any_covering(db: &Database, probe: char, weight: Weight) -> Option<Face> {
    db.faces()
        .filter(|info| info.style == Style::Normal && info.weight.0.abs_diff(weight.0) <= 100)
        .find_map(|info| {
            let face = Face::load(db, info.id)?;
            face.covers(probe).then_some(face)
        })
}

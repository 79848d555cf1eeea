//! The system's fonts, read once per process, for the exports that draw text themselves
//! (PNG through resvg, PDF through krilla).

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb::{Database, FaceInfo};

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

pub(crate) fn is_serif(face: &FaceInfo) -> bool {
    family_names(face).any(|name| name.contains("Serif") && !name.contains("Sans"))
}

/// The system's fonts, read once per process (reading them takes a while), with `sans-serif`
/// (and the `serif` usvg falls back to) set to a family that is installed. The PNG and the
/// PDF export both draw with it.
pub(crate) fn database() -> &'static Arc<Database> {
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

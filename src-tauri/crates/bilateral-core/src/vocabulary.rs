//! The words and colours a reader sees for the closed lists of the model: each kind's label
//! and colour (light and dark theme), each side's and verification state's label, what each
//! mark shape means, the month names. Defined here once; the UI gets them as a generated module and stylesheet
//! (`ui_vocabulary.rs`), the HTML export as JSON inlined in the page, and the SVG, PNG,
//! Markdown and other exports read them directly. The colours are the app's: what users see
//! on screen is what every export shows.

use serde::Serialize;

use crate::model::{Kind, Side};
use crate::verification::Verification;

/// How an event is drawn, decided from its dates alone (the app's `ui/src/timeline/items.ts`
/// and the SVG export decide it the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One known day: a dot.
    Point,
    /// A stretch of known days: a bar.
    Bar,
    /// A date known only to the month or year: a soft span over the whole month or year.
    Span,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Point, Shape::Bar, Shape::Span];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Point => "point",
            Shape::Bar => "bar",
            Shape::Span => "span",
        }
    }
}

/// What a shape says about the event's dates, as the legend puts it.
pub fn shape_label(shape: Shape) -> &'static str {
    match shape {
        Shape::Point => "Day",
        Shape::Bar => "Several days",
        Shape::Span => "Month or year",
    }
}

/// A colour per theme, as CSS hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Colour {
    pub light: &'static str,
    pub dark: &'static str,
}

pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Summit => "Summit",
        Kind::Meeting => "Meeting",
        Kind::Call => "Call",
        Kind::Visit => "Visit",
        Kind::Statement => "Statement",
        Kind::Agreement => "Agreement",
        Kind::TradeMeasure => "Trade measure",
        Kind::Legislation => "Legislation",
        Kind::MilitaryIncident => "Military incident",
        Kind::CyberIntelligence => "Cyber / intelligence",
        Kind::LegalAction => "Legal action",
        Kind::Hearing => "Hearing",
        Kind::Election => "Election",
        Kind::Other => "Other",
    }
}

/// The colour of a kind's marks, chosen so neighbours in the legend stay apart and each
/// reads on its theme's background.
pub fn kind_colour(kind: Kind) -> Colour {
    let (light, dark) = match kind {
        Kind::Summit => ("#b91c1c", "#f87171"),
        Kind::Meeting => ("#1d4ed8", "#60a5fa"),
        Kind::Call => ("#0369a1", "#38bdf8"),
        Kind::Visit => ("#6d28d9", "#a78bfa"),
        Kind::Statement => ("#4338ca", "#818cf8"),
        Kind::Agreement => ("#15803d", "#4ade80"),
        Kind::TradeMeasure => ("#a16207", "#facc15"),
        Kind::Legislation => ("#a21caf", "#e879f9"),
        Kind::MilitaryIncident => ("#c2410c", "#fb923c"),
        Kind::CyberIntelligence => ("#0f766e", "#2dd4bf"),
        Kind::LegalAction => ("#7c2d12", "#d6a77a"),
        Kind::Hearing => ("#be185d", "#f472b6"),
        Kind::Election => ("#4d7c0f", "#a3e635"),
        Kind::Other => ("#6b7280", "#9ca3af"),
    };
    Colour { light, dark }
}

pub fn side_label(side: Side) -> &'static str {
    match side {
        Side::Us => "US",
        Side::China => "China",
        Side::Taiwan => "Taiwan",
        Side::ThirdParty => "Third party",
        Side::International => "International",
    }
}

/// How a reader sees the state: "Corroborated", "Single source".
pub fn verification_label(state: Verification) -> &'static str {
    match state {
        Verification::Corroborated => "Corroborated",
        Verification::SingleSource => "Single source",
        Verification::Disputed => "Disputed",
        Verification::Unsourced => "Unsourced",
    }
}

/// What the state means, in one sentence.
pub fn verification_note(state: Verification) -> &'static str {
    match state {
        Verification::Corroborated => {
            "Reported by two independent publishers, or by a government's or a court's own record."
        }
        Verification::SingleSource => "Reported by one publisher only.",
        Verification::Disputed => "Its sources give different dates.",
        Verification::Unsourced => "No source recorded.",
    }
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const MONTH_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Joins the two ends of a range whose ends share nothing ("1971–1972"); a range whose ends
/// are phrases of several words gets spaces around it ("30 November – 2 December 2023").
pub const RANGE_DASH: &str = "\u{2013}";

#[derive(Debug, Clone, Serialize)]
pub struct KindEntry {
    pub code: &'static str,
    pub label: &'static str,
    pub colour: Colour,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerificationEntry {
    pub code: &'static str,
    pub label: &'static str,
    pub note: &'static str,
}

/// The whole vocabulary, in display order (the order of the legend and the filters).
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub kinds: Vec<KindEntry>,
    pub sides: Vec<Entry>,
    pub verifications: Vec<VerificationEntry>,
    pub shapes: Vec<Entry>,
    pub months: [&'static str; 12],
    pub months_short: [&'static str; 12],
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        kinds: Kind::ALL
            .into_iter()
            .map(|kind| KindEntry {
                code: kind.as_str(),
                label: kind_label(kind),
                colour: kind_colour(kind),
            })
            .collect(),
        sides: Side::ALL
            .into_iter()
            .map(|side| Entry {
                code: side.as_str(),
                label: side_label(side),
            })
            .collect(),
        verifications: Verification::ALL
            .into_iter()
            .map(|state| VerificationEntry {
                code: state.as_str(),
                label: verification_label(state),
                note: verification_note(state),
            })
            .collect(),
        shapes: Shape::ALL
            .into_iter()
            .map(|shape| Entry {
                code: shape.as_str(),
                label: shape_label(shape),
            })
            .collect(),
        months: MONTH_NAMES,
        months_short: MONTH_SHORT,
    }
}

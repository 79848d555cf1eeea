//! Human names for kinds, sides and dates. The names come from `vocabulary.rs`, which the UI
//! gets generated; the date wording here is the one the UI's `formatDateRange` is checked
//! against (the generated module carries examples of it).

use chrono::Datelike;

use crate::date::{PartialDate, Precision};
use crate::model::{Kind, Side};
pub use crate::vocabulary::{kind_label, side_label};
use crate::vocabulary::{MONTH_NAMES, RANGE_DASH};

/// Lower-case letters and digits only: "Cyber / intelligence", "cyber_intelligence" and
/// "CYBER-INTELLIGENCE" all become "cyberintelligence".
fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A kind from its code (`trade_measure`) or its label (`Trade measure`), in any case.
pub fn kind_from_label(text: &str) -> Option<Kind> {
    let key = squash(text);
    Kind::ALL
        .into_iter()
        .find(|k| squash(k.as_str()) == key || squash(kind_label(*k)) == key)
}

/// A side from its code (`third_party`) or its label (`Third party`), in any case.
pub fn side_from_label(text: &str) -> Option<Side> {
    let key = squash(text);
    Side::ALL
        .into_iter()
        .find(|s| squash(s.as_str()) == key || squash(side_label(*s)) == key)
}

fn month_name(date: PartialDate) -> &'static str {
    let index = usize::try_from(date.first_day().month0()).unwrap_or(0);
    MONTH_NAMES.get(index).copied().unwrap_or("")
}

/// A date at its real precision: "15 November 2023", "November 2023", "2023".
pub fn date_label(date: PartialDate) -> String {
    let day = date.first_day();
    match date.precision() {
        Precision::Year => format!("{:04}", day.year()),
        Precision::Month => format!("{} {:04}", month_name(date), day.year()),
        Precision::Day => format!("{} {} {:04}", day.day(), month_name(date), day.year()),
    }
}

/// A start and optional end: "15 November 2023", "15–16 November 2023",
/// "30 November – 2 December 2023", "1971–1972", "1971 – March 1972".
pub fn span_label(start: PartialDate, end: Option<PartialDate>) -> String {
    let Some(end) = end.filter(|e| *e != start) else {
        return date_label(start);
    };
    let (a, b) = (start.first_day(), end.first_day());
    let same_year = a.year() == b.year();
    match (start.precision(), end.precision()) {
        (Precision::Year, Precision::Year) => {
            format!("{:04}{RANGE_DASH}{:04}", a.year(), b.year())
        }
        (Precision::Month, Precision::Month) if same_year => format!(
            "{}{RANGE_DASH}{} {:04}",
            month_name(start),
            month_name(end),
            b.year()
        ),
        (Precision::Day, Precision::Day) if same_year && a.month() == b.month() => format!(
            "{}{RANGE_DASH}{} {} {:04}",
            a.day(),
            b.day(),
            month_name(end),
            b.year()
        ),
        (Precision::Day, Precision::Day) if same_year => format!(
            "{} {} {RANGE_DASH} {} {} {:04}",
            a.day(),
            month_name(start),
            b.day(),
            month_name(end),
            b.year()
        ),
        _ => format!("{} {RANGE_DASH} {}", date_label(start), date_label(end)),
    }
}

//! How well an event is attested, worked out from its sources alone, so that the same rule
//! holds in the panel, the filters and every export.
//!
//! - *corroborated*: two independent publishers, or a primary record (a government's or a
//!   court's own document);
//! - *single source*: one publisher only;
//! - *disputed*: its sources give dates that cannot all be right (or a source's date
//!   contradicts the event's);
//! - *unsourced*: no source at all (a user's own note).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::PartialDate;
use crate::model::{Event, Side, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    Corroborated,
    SingleSource,
    Disputed,
    Unsourced,
}

impl Verification {
    pub const ALL: [Verification; 4] = [
        Verification::Corroborated,
        Verification::SingleSource,
        Verification::Disputed,
        Verification::Unsourced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Corroborated => "corroborated",
            Verification::SingleSource => "single_source",
            Verification::Disputed => "disputed",
            Verification::Unsourced => "unsourced",
        }
    }

    /// How a reader sees the state: "Corroborated", "Single source".
    pub fn label(self) -> &'static str {
        crate::vocabulary::verification_label(self)
    }

    pub fn parse(text: &str) -> Option<Verification> {
        Verification::ALL.into_iter().find(|v| v.as_str() == text)
    }

    /// The state of `event`, from its sources and dates.
    pub fn of(event: &Event) -> Verification {
        if event.sources.is_empty() {
            return Verification::Unsourced;
        }
        if is_disputed(event) {
            return Verification::Disputed;
        }
        let primary = event.sources.iter().any(|s| record_of(&s.url).is_some());
        if primary || independent_publishers(&event.sources) >= 2 {
            Verification::Corroborated
        } else {
            Verification::SingleSource
        }
    }
}

/// Hosts whose pages are a government's, a court's or an international body's own record
/// (host suffixes, matched at a dot boundary), with the side that published them. Archives
/// that publish the documents themselves (the American Presidency Project, the Avalon
/// Project, the Wilson Center's digital archive) count as the record they hold.
const RECORDS: &[(&str, Option<Side>)] = &[
    ("gov", Some(Side::Us)),
    ("mil", Some(Side::Us)),
    ("presidency.ucsb.edu", Some(Side::Us)),
    ("avalon.law.yale.edu", None),
    ("digitalarchive.wilsoncenter.org", None),
    ("courtlistener.com", Some(Side::Us)),
    ("gov.cn", Some(Side::China)),
    ("gov.tw", Some(Side::Taiwan)),
    ("un.org", Some(Side::International)),
    ("wto.org", Some(Side::International)),
    ("pca-cpa.org", Some(Side::International)),
];

/// Missions abroad publish their government's readouts on sites of their own, under many
/// country domains (`chinaembassy.ee`, `usembassy-china.org.cn`): known by the first label
/// of their domain name.
const MISSIONS: &[(&str, Side)] = &[
    ("chinaembassy", Side::China),
    ("china-embassy", Side::China),
    ("chineseembassy", Side::China),
    ("chinaconsulate", Side::China),
    ("usembassy", Side::Us),
    ("usconsulate", Side::Us),
];

/// The host of a URL, lower-cased, without a leading `www.`.
fn host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

/// Whether `url` is a primary record, and if so whose: `Some(None)` for a record of no one
/// side (an archive of treaties), `None` for a news report or anything else.
pub fn record_of(url: &str) -> Option<Option<Side>> {
    let host = host(url)?;
    let listed = RECORDS
        .iter()
        .find(|(suffix, _)| host == *suffix || host.ends_with(&format!(".{suffix}")))
        .map(|(_, side)| *side);
    listed.or_else(|| {
        host.split('.')
            .find_map(|label| {
                MISSIONS
                    .iter()
                    .find(|(prefix, _)| label.starts_with(prefix))
                    .map(|(_, side)| *side)
            })
            .map(Some)
    })
}

/// The positions of a US and a PRC government readout among `sources`, when the event has
/// both: the panel shows their quotes side by side.
pub fn readouts(sources: &[Source]) -> Option<(usize, usize)> {
    let of = |side: Side| {
        sources
            .iter()
            .position(|s| s.quote.is_some() && record_of(&s.url) == Some(Some(side)))
    };
    Some((of(Side::Us)?, of(Side::China)?))
}

/// How many different publishers the sources come from. A publisher is known by its name
/// (case, a leading "The" and anything in parentheses aside), or by its host when unnamed.
fn independent_publishers(sources: &[Source]) -> usize {
    let mut seen: Vec<String> = Vec::new();
    for source in sources {
        let name = publisher_key(&source.publisher)
            .or_else(|| host(&source.url))
            .unwrap_or_default();
        if !name.is_empty() && !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.len()
}

fn publisher_key(publisher: &str) -> Option<String> {
    let mut text = String::new();
    let mut depth = 0_u32;
    for c in publisher.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let lower = text.trim().to_lowercase();
    let key = lower
        .strip_prefix("the ")
        .unwrap_or(&lower)
        .trim()
        .to_owned();
    (!key.is_empty()).then_some(key)
}

/// Two dates disagree when the days they cover do not meet, allowing one day between them
/// when they are read in different places (Washington's evening is Beijing's next morning).
fn disagree(a: PartialDate, a_place: Option<&str>, b: PartialDate, b_place: Option<&str>) -> bool {
    let slack = match (a_place, b_place) {
        (Some(x), Some(y)) if !x.trim().eq_ignore_ascii_case(y.trim()) => 1,
        (Some(_), None) | (None, Some(_)) => 1,
        _ => 0,
    };
    let gap = if a.last_day() < b.first_day() {
        (b.first_day() - a.last_day()).num_days()
    } else if b.last_day() < a.first_day() {
        (a.first_day() - b.last_day()).num_days()
    } else {
        0
    };
    gap > slack
}

fn is_disputed(event: &Event) -> bool {
    let reported: Vec<(PartialDate, Option<&str>)> = event
        .sources
        .iter()
        .filter_map(|s| Some((s.reported_date?, s.reported_place.as_deref())))
        .collect();
    let span = match event.end {
        Some(end) => (event.start, Some(end)),
        None => (event.start, None),
    };
    let against_event = reported.iter().any(|&(date, place)| {
        let (start, end) = span;
        let inside_end = end.map_or(date.first_day() <= start.last_day(), |end| {
            date.first_day() <= end.last_day()
        });
        if date.last_day() >= start.first_day() && inside_end {
            return false;
        }
        let nearest = if date.last_day() < start.first_day() {
            start
        } else {
            end.unwrap_or(start)
        };
        disagree(date, place, nearest, None)
    });
    against_event
        || reported.iter().enumerate().any(|(i, &(a, ap))| {
            reported[i + 1..]
                .iter()
                .any(|&(b, bp)| disagree(a, ap, b, bp))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missions_abroad_are_their_governments_records() {
        for (url, side) in [
            ("https://www.chinaembassy.ee/eng/x.htm", Side::China),
            ("http://www.chineseembassy.org/eng/x.htm", Side::China),
            (
                "http://www.chinaconsulatechicago.org/eng/x.htm",
                Side::China,
            ),
            ("https://us.china-embassy.gov.cn/eng/x.htm", Side::China),
            ("https://china.usembassy-china.org.cn/x/", Side::Us),
            ("https://cn.usembassy.gov/x/", Side::Us),
            ("https://www.fmprc.gov.cn/eng/x.html", Side::China),
        ] {
            assert_eq!(record_of(url), Some(Some(side)), "{url}");
        }
        assert_eq!(record_of("https://www.reuters.com/world/china/x"), None);
        assert_eq!(record_of("https://www.chinadaily.com.cn/x"), None);
    }
}

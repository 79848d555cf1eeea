//! Where a GDELT file keeps the columns the reader uses. GDELT's own files have no header and
//! are read by position, in one of the three layouts it has published (`Layout`). A file that
//! starts with a header row, as the events table comes out of BigQuery (where most people
//! query GDELT since 1979), is read by the names in it: comma- or tab-separated, any of the
//! table's columns in any order, as long as those an event needs are there (`Shape::of_header`).

use super::gdelt::{ID_PREFIX, V1_ID_PREFIX};

/// How many tab-separated columns a GDELT 2.0 event row has.
pub const COLUMNS: usize = 61;

/// The layouts GDELT has published its event rows in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// GDELT 2.0 exports, every 15 minutes since 19 February 2015: 61 columns.
    V2,
    /// GDELT 1.0 daily files, since 1 April 2013: 58 columns, no ADM2Code in the place
    /// blocks.
    V1Daily,
    /// The GDELT 1.0 historical backfile, 1979 to 31 March 2013: the daily layout without
    /// SOURCEURL, 57 columns.
    V1Backfile,
}

impl Layout {
    pub(crate) fn version(self) -> Version {
        match self {
            Self::V2 => Version::V2,
            Self::V1Daily | Self::V1Backfile => Version::V1,
        }
    }

    /// The layout of a row of `columns` columns, if GDELT has one.
    pub fn of(columns: usize) -> Option<Self> {
        [Self::V2, Self::V1Daily, Self::V1Backfile]
            .into_iter()
            .find(|layout| layout.columns() == columns)
    }

    pub const fn columns(self) -> usize {
        match self {
            Self::V2 => COLUMNS,
            Self::V1Daily => COLUMNS - 3,
            Self::V1Backfile => COLUMNS - 4,
        }
    }

    /// How a message names the files of this layout.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::V2 => "a GDELT 2.0 export",
            Self::V1Daily => "a GDELT 1.0 daily file",
            Self::V1Backfile => "a GDELT 1.0 historical file",
        }
    }

    /// The 0-based position of 2.0 column `v2` in this layout, `None` when it has no such
    /// column. Up to AvgTone the layouts agree; 1.0 lacks each place block's ADM2Code and,
    /// in the backfile, SOURCEURL.
    pub(crate) fn position(self, v2: usize) -> Option<usize> {
        if self == Self::V2 {
            return Some(v2);
        }
        if NAMES[v2].ends_with("ADM2Code") || (self == Self::V1Backfile && v2 == col::SOURCE_URL) {
            return None;
        }
        Some(
            v2 - NAMES[..v2]
                .iter()
                .filter(|n| n.ends_with("ADM2Code"))
                .count(),
        )
    }

    /// Every column's name, in file order, as the codebooks name them.
    pub fn names(self) -> Vec<&'static str> {
        (0..self.columns()).map(|i| self.name(i)).collect()
    }

    /// The name of this layout's column at 0-based `i`, for messages.
    pub(crate) fn name(self, i: usize) -> &'static str {
        (0..COLUMNS)
            .find(|&v2| self.position(v2) == Some(i))
            .map_or("", |v2| NAMES[v2])
    }
}

/// Column names, in file order, for messages ("column 2 (Day)").
pub(crate) const NAMES: [&str; COLUMNS] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// 0-based positions of the columns read.
pub(crate) mod col {
    pub const GLOBAL_EVENT_ID: usize = 0;
    pub const DAY: usize = 1;
    pub const ACTOR1_NAME: usize = 6;
    pub const ACTOR1_COUNTRY: usize = 7;
    pub const ACTOR2_NAME: usize = 16;
    pub const ACTOR2_COUNTRY: usize = 17;
    pub const EVENT_CODE: usize = 26;
    pub const EVENT_ROOT_CODE: usize = 28;
    pub const GOLDSTEIN: usize = 30;
    pub const NUM_MENTIONS: usize = 31;
    pub const NUM_SOURCES: usize = 32;
    pub const NUM_ARTICLES: usize = 33;
    pub const AVG_TONE: usize = 34;
    pub const ACTION_GEO_FULL_NAME: usize = 52;
    pub const DATE_ADDED: usize = 59;
    pub const SOURCE_URL: usize = 60;
}

/// Which GDELT numbered an event: 1.0 and 2.0 number their events apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V1,
    V2,
}

impl Version {
    pub(crate) fn id_prefix(self) -> String {
        match self {
            Self::V2 => ID_PREFIX.to_owned(),
            Self::V1 => format!("{ID_PREFIX}{V1_ID_PREFIX}"),
        }
    }
}

/// The 0-based position of each column read; `None` for those a file may leave out.
#[derive(Debug, Clone)]
pub(crate) struct Positions {
    pub id: usize,
    pub day: usize,
    pub actor1_name: Option<usize>,
    pub actor1_country: usize,
    pub actor2_name: Option<usize>,
    pub actor2_country: usize,
    pub code: usize,
    pub root: Option<usize>,
    pub goldstein: Option<usize>,
    pub mentions: Option<usize>,
    pub sources: Option<usize>,
    pub articles: Option<usize>,
    pub tone: Option<usize>,
    pub place: Option<usize>,
    pub url: Option<usize>,
    pub date_added: Option<usize>,
}

/// How a file's rows are laid out, set by its first line.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    /// Cells in every row.
    pub width: usize,
    /// GDELT's own layout, read by position; `None` for a file read by its header's names.
    pub layout: Option<Layout>,
    /// Comma-separated (a header-named export), where GDELT's own files use tabs.
    pub comma: bool,
    pub at: Positions,
    /// Every column's name, for messages.
    names: Vec<String>,
    /// Which GDELT numbered the rows; for a header without a 2.0-only column, the first row's
    /// DATEADDED says (`Shape::version_of`).
    pub version: Option<Version>,
}

impl Shape {
    pub(crate) fn of_layout(layout: Layout) -> Self {
        let at = |v2: usize| layout.position(v2);
        let must = |v2: usize| at(v2).unwrap_or(v2);
        Self {
            width: layout.columns(),
            layout: Some(layout),
            comma: false,
            at: Positions {
                id: must(col::GLOBAL_EVENT_ID),
                day: must(col::DAY),
                actor1_name: at(col::ACTOR1_NAME),
                actor1_country: must(col::ACTOR1_COUNTRY),
                actor2_name: at(col::ACTOR2_NAME),
                actor2_country: must(col::ACTOR2_COUNTRY),
                code: must(col::EVENT_CODE),
                root: at(col::EVENT_ROOT_CODE),
                goldstein: at(col::GOLDSTEIN),
                mentions: at(col::NUM_MENTIONS),
                sources: at(col::NUM_SOURCES),
                articles: at(col::NUM_ARTICLES),
                tone: at(col::AVG_TONE),
                place: at(col::ACTION_GEO_FULL_NAME),
                url: at(col::SOURCE_URL),
                date_added: at(col::DATE_ADDED),
            },
            names: layout.names().into_iter().map(str::to_owned).collect(),
            version: Some(layout.version()),
        }
    }

    /// The shape a header row names, or why it cannot be read: the columns an event needs,
    /// by the names of GDELT's codebooks or BigQuery's tables (`SQLDATE` or `Day`), in any
    /// case.
    pub(crate) fn of_header(cells: &[&str], comma: bool) -> Result<Self, String> {
        let names: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
        let find = |wanted: &[&str]| {
            names
                .iter()
                .position(|n| wanted.iter().any(|w| n.eq_ignore_ascii_case(w)))
        };
        let mut missing = Vec::new();
        let mut must = |wanted: &[&'static str]| {
            find(wanted).unwrap_or_else(|| {
                missing.push(wanted[0]);
                0
            })
        };
        let at = Positions {
            id: must(&["GLOBALEVENTID"]),
            day: must(&["SQLDATE", "Day"]),
            actor1_country: must(&["Actor1CountryCode"]),
            actor2_country: must(&["Actor2CountryCode"]),
            code: must(&["EventCode"]),
            actor1_name: find(&["Actor1Name"]),
            actor2_name: find(&["Actor2Name"]),
            root: find(&["EventRootCode"]),
            goldstein: find(&["GoldsteinScale"]),
            mentions: find(&["NumMentions"]),
            sources: find(&["NumSources"]),
            articles: find(&["NumArticles"]),
            tone: find(&["AvgTone"]),
            place: find(&["ActionGeo_FullName"]),
            url: find(&["SOURCEURL"]),
            date_added: find(&["DATEADDED"]),
        };
        if !missing.is_empty() {
            return Err(format!(
                "the header has no {} column: a GDELT event needs GLOBALEVENTID, SQLDATE, \
                 Actor1CountryCode, Actor2CountryCode and EventCode",
                missing.join(", ")
            ));
        }
        let has_adm2 = names
            .iter()
            .any(|n| n.to_ascii_lowercase().ends_with("adm2code"));
        if !has_adm2 && at.date_added.is_none() {
            return Err(
                "the header has neither DATEADDED nor an ADM2Code column, so it cannot \
                 say whether the rows come from GDELT 1.0 or 2.0, which number their events \
                 apart: export DATEADDED with them"
                    .to_owned(),
            );
        }
        Ok(Self {
            width: names.len(),
            layout: None,
            comma,
            at,
            names,
            version: has_adm2.then_some(Version::V2),
        })
    }

    /// The GDELT 1.0 historical backfile, which names no source.
    pub(crate) fn is_backfile(&self) -> bool {
        self.layout == Some(Layout::V1Backfile)
    }

    /// "Day (column 2)": how a rejection names the column at 0-based `i`.
    pub(crate) fn column(&self, i: usize) -> String {
        format!(
            "{} (column {})",
            self.names.get(i).map_or("", String::as_str),
            i + 1
        )
    }

    /// Which GDELT numbered a row of a header-named file: DATEADDED is the day in 1.0
    /// (YYYYMMDD), the quarter hour in 2.0 (YYYYMMDDHHMMSS).
    pub(crate) fn version_of(&self, cells: &[&str]) -> Result<Version, (usize, String)> {
        if let Some(version) = self.version {
            return Ok(version);
        }
        let i = self.at.date_added.unwrap_or(0);
        let added = cells.get(i).map_or("", |c| c.trim());
        match added.len() {
            8 if added.bytes().all(|b| b.is_ascii_digit()) => Ok(Version::V1),
            14 if added.bytes().all(|b| b.is_ascii_digit()) => Ok(Version::V2),
            _ => Err((
                i,
                format!(
                    "{} is neither a GDELT 1.0 day (YYYYMMDD) nor a GDELT 2.0 time \
                     (YYYYMMDDHHMMSS), so the row's event number cannot be placed",
                    crate::limits::excerpt(added)
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 1.0 columns after AvgTone, as the V1.03 codebook lists them: each place block
    /// without ADM2Code, then DATEADDED and (daily files only) SOURCEURL.
    #[test]
    fn gdelt_1_0_columns_are_the_2_0_columns_without_adm2_codes() {
        let names = |layout: Layout| -> Vec<&str> {
            (35..layout.columns()).map(|i| layout.name(i)).collect()
        };
        let geo = |block: &str| {
            [
                "Type",
                "FullName",
                "CountryCode",
                "ADM1Code",
                "Lat",
                "Long",
                "FeatureID",
            ]
            .map(|field| format!("{block}Geo_{field}"))
        };
        let mut daily: Vec<String> = ["Actor1", "Actor2", "Action"]
            .into_iter()
            .flat_map(geo)
            .collect();
        daily.extend(["DATEADDED".to_owned(), "SOURCEURL".to_owned()]);
        assert_eq!(names(Layout::V1Daily), daily);
        assert_eq!(names(Layout::V1Backfile), daily[..daily.len() - 1]);
        assert_eq!(
            Layout::V1Daily.position(col::ACTION_GEO_FULL_NAME),
            Some(50)
        );
        assert_eq!(Layout::V1Backfile.position(col::SOURCE_URL), None);
        assert_eq!(names(Layout::V2), NAMES[35..]);
    }
}

//! Full-text search (FTS5) and the facets that feed filters and autocomplete.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Params, Statement};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cjk::is_cjk;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::limits::{MAX_FIELD_BYTES, MAX_FILTER_VALUES};
use crate::model::{Kind, Side};
use crate::search_syntax::{self, ParsedSearch};
use crate::store::Store;
use crate::verification::Verification;

/// Marks the start and end of a matched term in `SearchHit::snippet`.
pub const MATCH_START: char = '\u{2}';
pub const MATCH_END: char = '\u{3}';

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchQuery {
    pub text: String,
    pub limit: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub filter: Option<Filter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub start: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<PartialDate>,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title_zh: Option<String>,
    /// Plain text around the match; matched terms sit between U+0002 and U+0003.
    pub snippet: String,
}

/// What a search answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchAnswer {
    /// Best first.
    pub hits: Vec<SearchHit>,
    /// Set when the words match more events than a search ranks (`RANKED_AMONG`): the hits
    /// are then the best of that many most significant matches, newest first among equals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ranked_among: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KindCount {
    pub kind: Kind,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActorCount {
    pub name: String,
    pub side: Side,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagCount {
    pub tag: String,
    pub count: u32,
}

/// Events with at least one actor of a side (an event with both sides counts for each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SideCount {
    pub side: Side,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerificationCount {
    pub verification: Verification,
    pub count: u32,
}

/// What the events matching a filter contain, with counts: for filter chips and autocomplete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facets {
    pub total: u32,
    pub kinds: Vec<KindCount>,
    pub actors: Vec<ActorCount>,
    pub sides: Vec<SideCount>,
    pub tags: Vec<TagCount>,
    pub verifications: Vec<VerificationCount>,
}

/// Reads (kind, count) rows.
fn kind_counts(stmt: &mut Statement<'_>, params: impl Params) -> Result<Vec<KindCount>> {
    stmt.query_map(params, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?
    .map(|row| {
        let (kind, n) = row?;
        let kind =
            Kind::parse(&kind).ok_or_else(|| Error::Corrupt(format!("unknown kind {kind:?}")))?;
        Ok(KindCount {
            kind,
            count: count(n),
        })
    })
    .collect()
}

/// Reads (name, side, count) rows.
fn actor_counts(stmt: &mut Statement<'_>, params: impl Params) -> Result<Vec<ActorCount>> {
    stmt.query_map(params, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?
    .map(|row| {
        let (name, side, n) = row?;
        let side =
            Side::parse(&side).ok_or_else(|| Error::Corrupt(format!("unknown side {side:?}")))?;
        Ok(ActorCount {
            name,
            side,
            count: count(n),
        })
    })
    .collect()
}

/// Reads (side, count) rows into counts, in `Side::ALL` order.
fn side_counts(stmt: &mut Statement<'_>, params: impl Params) -> Result<Vec<SideCount>> {
    let mut counts = stmt
        .query_map(params, |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .map(|row| {
            let (side, n) = row?;
            let side = Side::parse(&side)
                .ok_or_else(|| Error::Corrupt(format!("unknown side {side:?}")))?;
            Ok(SideCount {
                side,
                count: count(n),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    counts.sort_by_key(|c| Side::ALL.iter().position(|s| *s == c.side));
    Ok(counts)
}

/// Reads (state, count) rows into counts, in `Verification::ALL` order, leaving out zeros.
fn verification_counts(
    rows: impl Iterator<Item = rusqlite::Result<(String, i64)>>,
) -> Result<Vec<VerificationCount>> {
    let mut counts = Vec::new();
    for row in rows {
        let (state, n) = row?;
        let verification = Verification::parse(&state)
            .ok_or_else(|| Error::Corrupt(format!("unknown verification {state:?}")))?;
        if n > 0 {
            counts.push(VerificationCount {
                verification,
                count: count(n),
            });
        }
    }
    counts.sort_by_key(|c| Verification::ALL.iter().position(|v| *v == c.verification));
    Ok(counts)
}

/// Reads (tag, count) rows.
fn tag_counts(stmt: &mut Statement<'_>, params: impl Params) -> Result<Vec<TagCount>> {
    Ok(stmt
        .query_map(params, |r| {
            Ok(TagCount {
                tag: r.get(0)?,
                count: count(r.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Facets from three statements over the same parameters: (kind, verification, side mask,
/// count) rows; (name, side, count) actors, most first; (tag, count) tags, most first. The
/// facet cube and the count in SQL differ only in what they read.
pub(crate) fn facets_from(
    conn: &rusqlite::Connection,
    [cells, actors, tags]: [&str; 3],
    params: &[Value],
) -> Result<Facets> {
    let mut totals = CellTotals::default();
    totals.add_rows(
        conn.prepare_cached(cells)?
            .query(params_from_iter(params))?,
    )?;
    let actors = actor_counts(&mut *conn.prepare_cached(actors)?, params_from_iter(params))?;
    let tags = tag_counts(&mut *conn.prepare_cached(tags)?, params_from_iter(params))?;
    let (total, kinds, sides, verifications) = totals.finish()?;
    Ok(Facets {
        total,
        kinds,
        actors,
        sides,
        tags,
        verifications,
    })
}

/// The total, kinds, sides and verification states of events counted per (kind, state, side
/// mask): one grouping answers all four, from the events or from the facet cube alike.
#[derive(Default)]
pub(crate) struct CellTotals {
    per_kind: std::collections::BTreeMap<String, i64>,
    per_state: std::collections::BTreeMap<String, i64>,
    per_side: [i64; Side::ALL.len()],
}

/// What `CellTotals` answers: the total, kinds, sides and verification states.
pub(crate) type Totals = (u32, Vec<KindCount>, Vec<SideCount>, Vec<VerificationCount>);

impl CellTotals {
    /// Adds `n` events of `kind` and `verification` whose actors have the sides of `mask`.
    pub(crate) fn add(&mut self, kind: String, verification: String, mask: i64, n: i64) {
        *self.per_kind.entry(kind).or_default() += n;
        *self.per_state.entry(verification).or_default() += n;
        for (side, sum) in Side::ALL.iter().zip(self.per_side.iter_mut()) {
            if mask & crate::facet_cube::side_bit(*side) != 0 {
                *sum += n;
            }
        }
    }

    /// Adds each (kind, verification, side mask, count) row of `rows`.
    fn add_rows(&mut self, mut rows: rusqlite::Rows<'_>) -> Result<()> {
        while let Some(row) = rows.next()? {
            self.add(row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        }
        Ok(())
    }

    /// The total; kinds most frequent first (then by name, as `ORDER BY count DESC, kind`
    /// sorts); sides in `Side::ALL` and states in `Verification::ALL` order; zeros left out.
    pub(crate) fn finish(self) -> Result<Totals> {
        let total: i64 = self.per_kind.values().sum();
        let mut kinds = self
            .per_kind
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(kind, n)| {
                let parsed = Kind::parse(&kind)
                    .ok_or_else(|| Error::Corrupt(format!("unknown kind {kind:?}")))?;
                Ok((kind, parsed, n))
            })
            .collect::<Result<Vec<_>>>()?;
        kinds.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        let kinds = kinds
            .into_iter()
            .map(|(_, kind, n)| KindCount {
                kind,
                count: count(n),
            })
            .collect();
        let sides = Side::ALL
            .into_iter()
            .zip(self.per_side)
            .filter(|(_, n)| *n > 0)
            .map(|(side, n)| SideCount {
                side,
                count: count(n),
            })
            .collect();
        let verifications = verification_counts(self.per_state.into_iter().map(Ok))?;
        Ok((count(total), kinds, sides, verifications))
    }
}

pub const MAX_HITS: u32 = 200;

/// The text around the first place where one of the CJK runs of `text` occurs in `fields`,
/// the run marked as `snippet()` marks matches: the pairs column FTS5 would quote is not
/// for reading.
fn cjk_snippet(text: &str, fields: &[&str]) -> Option<String> {
    let wanted: Vec<&str> = crate::cjk::runs(text).collect();
    for field in fields {
        for run in &wanted {
            if let Some(at) = field.find(run) {
                let before: String = {
                    let chars: Vec<char> = field[..at].chars().collect();
                    let from = chars.len().saturating_sub(24);
                    let mut s: String = chars[from..].iter().collect();
                    if from > 0 {
                        s.insert(0, '…');
                    }
                    s
                };
                let after_start = at + run.len();
                let tail: Vec<char> = field[after_start..].chars().collect();
                let mut after: String = tail.iter().take(40).collect();
                if tail.len() > 40 {
                    after.push('…');
                }
                return Some(format!("{before}{MATCH_START}{run}{MATCH_END}{after}"));
            }
        }
    }
    None
}

/// Refuses a filter whose lists are longer, or whose names are larger, than anything stored
/// could match: each value is one more SQL parameter, and SQLite caps those. Fields are
/// named as in the filter (`actors`, `tags[2]`).
pub fn check_filter(filter: &Filter) -> Result<()> {
    let lists = [
        ("kinds", filter.kinds.len()),
        ("sides", filter.sides.len()),
        ("actors", filter.actors.len()),
        ("tags", filter.tags.len()),
        ("verification", filter.verification.len()),
    ];
    for (field, count) in lists {
        if count > MAX_FILTER_VALUES {
            return Err(Error::invalid(
                field,
                format!("a filter may hold at most {MAX_FILTER_VALUES} {field}, not {count}"),
            ));
        }
    }
    if let Some(thread) = &filter.thread {
        if thread.len() > crate::limits::MAX_ID_BYTES {
            return Err(Error::invalid(
                "thread",
                format!(
                    "{} bytes is more than any event id holds ({})",
                    thread.len(),
                    crate::limits::MAX_ID_BYTES
                ),
            ));
        }
    }
    let names = filter
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (format!("actors[{i}]"), a))
        .chain(
            filter
                .tags
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("tags[{i}]"), t)),
        );
    for (field, name) in names {
        if name.len() > MAX_FIELD_BYTES {
            return Err(Error::invalid(
                field,
                format!(
                    "{} bytes is more than any stored name holds ({MAX_FIELD_BYTES})",
                    name.len()
                ),
            ));
        }
    }
    Ok(())
}

/// Search ranks by bm25 with these column weights (title, summary, actors, tags, location,
/// quotes, Chinese pairs): title and actors weigh most.
const BM25: &str = "bm25(events_fts, 10.0, 2.0, 6.0, 4.0, 3.0, 1.0, 8.0)";

/// What every search reads for each hit (`HitRow`). A hit's snippet, its words marked, is
/// made afterwards for the page alone (`snippets.rs`).
const HIT_COLUMNS: &str = "events.id, events.title, events.start_text, events.end_text, \
     events.kind, events.title_zh, events.summary";

/// How many best-ranked rows the index hands on per hit wanted, for the final order (ties
/// broken by date) to choose from.
const RANKED_SHARE: u32 = 4;

/// A word's matches are ranked among at most this many of them: the most significant, newest
/// first, which FTS5 reads in row id order (`search_key.rs`) without scoring the rest. Scoring
/// every match of a common word takes seconds at a million events; a store with fewer
/// matches than this is ranked whole.
pub const RANKED_AMONG: u32 = 2_000;

/// The statement of a ranked search: `candidate_rows` (a `candidates` statement) gives at
/// most `RANKED_AMONG` rows (`rid`, `score`) of the index, with the match as `?1`. The page is
/// chosen from them, best first.
fn ranked(candidate_rows: &str, limit: u32) -> String {
    let wide = limit.saturating_mul(RANKED_SHARE);
    format!(
        "WITH candidates AS MATERIALIZED ({candidate_rows}),
         best AS MATERIALIZED (SELECT rid, score FROM candidates ORDER BY score LIMIT {wide})
         SELECT {HIT_COLUMNS}
         FROM best JOIN search_rows r ON r.rowid = best.rid
         JOIN events ON events.id = r.event_id
         ORDER BY best.score, events.first_day DESC LIMIT {limit}"
    )
}

/// The statement of a ranked search's candidates: `columns` of at most `limit` rows of the
/// index that match `?1` (and `condition` on `events`, whose parameters follow), largest id,
/// so most significant, first (`search_key.rs`). Without a condition the index is read alone.
fn candidates(columns: &str, condition: Option<&str>, limit: u32) -> String {
    match condition {
        None => format!(
            "SELECT {columns} FROM events_fts WHERE events_fts MATCH ?1
             ORDER BY events_fts.rowid DESC LIMIT {limit}"
        ),
        Some(condition) => format!(
            "SELECT {columns} FROM events_fts
             JOIN search_rows r ON r.rowid = events_fts.rowid
             JOIN events ON events.id = r.event_id
             WHERE events_fts MATCH ?1 AND {condition}
             ORDER BY events_fts.rowid DESC LIMIT {limit}"
        ),
    }
}

/// What a ranked search wants: its wanted words (`matching`), the words it leaves out, and any
/// SQL condition on `events` with its parameters.
struct Wanted<'q> {
    matching: &'q str,
    excluded: Option<&'q str>,
    condition: Option<&'q str>,
    params: &'q [Value],
}

/// The expression every hit matches: the wanted words, less the excluded ones.
fn fts_expression(matching: &str, excluded: Option<&str>) -> String {
    match excluded {
        Some(excluded) => format!("({matching}) NOT ({excluded})"),
        None => matching.to_owned(),
    }
}

/// The columns of the index a wanted word may be found in, weighted as `BM25` weighs them.
const WEIGHTED_COLUMNS: [(&str, u32); 7] = [
    ("title", 10),
    ("summary", 2),
    ("actors", 6),
    ("tags", 4),
    ("location", 3),
    ("quotes", 1),
    ("cjk", 8),
];

/// How much SQLite work a search with no word may spend walking the events newest first
/// before it asks for every match at once instead: a kind or tag prefix tests an event in
/// 7–14 instructions (measured on the shipped data), so about 7,000–14,000 events, 5–18 ms at
/// a million (a million instructions took 90 ms there, mostly reading event rows). A page
/// found among the newest events of the prefixes' range is read in that walk; prefixes that
/// match few events, or only old ones, give way to the set-wise query.
const WALK_OPS: u32 = 100_000;

/// A walk that leaves out a word looks up this many events per hit wanted in the full-text
/// index (about 60 µs each at a million events): 200 for a page of 50, which a word found in
/// a fifth of the events (`-climate`) leaves full.
const EXCLUSION_SHARE: u32 = 4;

/// How the events of a search with no word are read.
#[derive(Clone, Copy)]
enum Order {
    /// In the window index, newest first, stopping at the page.
    Walked,
    /// As SQLite plans it: every match, then sorted.
    Planned,
}

/// The statement of a search with no word to rank by (only prefixes and exclusions): bm25
/// needs a MATCH, so the hits come newest first.
///
/// `excluded` is the FTS5 expression of the words left out (`parsed.excluded`, or the same
/// spelt out for a walk). Read as planned, its matches are gathered once, before the first
/// event. Walked, only the `EXCLUSION_SHARE` × `limit` newest events the prefixes allow are
/// looked up in the index, one by one; a page they do not fill is not known to be complete
/// (`newest_first` then reads as planned).
fn unranked(
    parsed: &ParsedSearch,
    excluded: Option<&str>,
    filter_condition: &str,
    filter_params: Vec<Value>,
    limit: u32,
    order: Order,
) -> (String, Vec<Value>) {
    const NEWEST: &str = "events.first_day DESC, events.last_day DESC, events.id";
    let condition = format!("{filter_condition} AND {}", parsed.condition());
    let sql = match (excluded, order) {
        (None, Order::Planned) => format!(
            "SELECT {HIT_COLUMNS} FROM events WHERE {condition} ORDER BY {NEWEST} LIMIT {limit}"
        ),
        (None, Order::Walked) => format!(
            "SELECT {HIT_COLUMNS} FROM events INDEXED BY events_window WHERE {condition}
             ORDER BY {NEWEST} LIMIT {limit}"
        ),
        // The matches are gathered as search row ids, each event's found by its id: joining
        // every match to its event id first took twice as long (1.1 s for a word in every
        // event at a million). An event without a search row matches no word.
        (Some(_), Order::Planned) => format!(
            "SELECT {HIT_COLUMNS} FROM events
             LEFT JOIN search_rows searched ON searched.event_id = events.id
             WHERE {condition} AND (searched.rowid IS NULL OR searched.rowid NOT IN
                 (SELECT rowid FROM events_fts WHERE events_fts MATCH ?))
             ORDER BY {NEWEST} LIMIT {limit}"
        ),
        (Some(_), Order::Walked) => format!(
            "SELECT {HIT_COLUMNS}
             FROM (SELECT events.rowid AS rid FROM events INDEXED BY events_window
                   WHERE {condition} ORDER BY {NEWEST}
                   LIMIT {}) newest
             JOIN events ON events.rowid = newest.rid
             WHERE NOT EXISTS (SELECT 1 FROM search_rows r
                 JOIN events_fts ON events_fts.rowid = r.rowid
                 WHERE r.event_id = events.id AND events_fts MATCH ?)
             ORDER BY {NEWEST} LIMIT {limit}",
            limit.saturating_mul(EXCLUSION_SHARE)
        ),
    };
    let params = filter_params
        .into_iter()
        .chain(parsed.params.iter().cloned())
        .chain(excluded.map(|e| Value::Text(e.to_owned())))
        .collect();
    (sql, params)
}

pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What a search reads for each hit, in this order.
type HitRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
);

/// A hit's columns (`HIT_COLUMNS`, in its order), starting at column `from`.
fn hit_row(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<HitRow> {
    Ok((
        r.get(from)?,
        r.get(from + 1)?,
        r.get(from + 2)?,
        r.get(from + 3)?,
        r.get(from + 4)?,
        r.get(from + 5)?,
        r.get(from + 6)?,
    ))
}

/// The start of a summary, as the snippet of a hit found without a word to mark.
fn summary_start(summary: &str) -> String {
    const CHARS: usize = 90;
    let mut out: String = summary.chars().take(CHARS).collect();
    if summary.chars().nth(CHARS).is_some() {
        out.push('…');
    }
    out
}

impl Store {
    /// Events matching `query.text` read as search syntax (`search_syntax.rs`): best first
    /// (title and actors weigh most) when words are wanted, newest first when the text is only
    /// prefixes and exclusions.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        Ok(self.search_answer(query)?.hits)
    }

    /// The hits of `search`, and whether a common word's hits were ranked among only its
    /// most significant matches.
    pub fn search_answer(&self, query: &SearchQuery) -> Result<SearchAnswer> {
        if query.limit == 0 || query.limit > MAX_HITS {
            return Err(Error::invalid("limit", format!("must be 1..={MAX_HITS}")));
        }
        if let Some(filter) = &query.filter {
            check_filter(filter).map_err(|e| e.within("filter"))?;
        }
        let parsed = search_syntax::parse(&query.text)?;
        if parsed.is_empty() {
            return Ok(SearchAnswer::default());
        }
        let (filter_condition, filter_params) = query.filter.clone().unwrap_or_default().sql();
        let mut ranked_among = None;
        let rows = match &parsed.matching {
            Some(matching) => {
                let unconditioned = parsed.conditions.is_empty()
                    && query.filter.as_ref().is_none_or(Filter::is_empty);
                let condition = if unconditioned {
                    None
                } else {
                    Some(format!("{filter_condition} AND {}", parsed.condition()))
                };
                let condition_params: Vec<Value> = if unconditioned {
                    Vec::new()
                } else {
                    filter_params
                        .into_iter()
                        .chain(parsed.params.iter().cloned())
                        .collect()
                };
                let wanted = Wanted {
                    matching,
                    excluded: parsed.excluded.as_deref(),
                    condition: condition.as_deref(),
                    params: &condition_params,
                };
                match self.ranked_among_significant(&wanted, query.limit)? {
                    Some(rows) => {
                        ranked_among = Some(RANKED_AMONG);
                        rows
                    }
                    None => {
                        let sql = ranked(
                            &candidates(
                                &format!("events_fts.rowid AS rid, {BM25} AS score"),
                                condition.as_deref(),
                                RANKED_AMONG,
                            ),
                            query.limit,
                        );
                        let fts = fts_expression(matching, parsed.excluded.as_deref());
                        let params = std::iter::once(Value::Text(fts))
                            .chain(condition_params.iter().cloned());
                        self.hit_rows(&sql, params)?
                    }
                }
            }
            None => self.newest_first(
                &parsed,
                &filter_condition,
                filter_params,
                query.limit,
                WALK_OPS,
            )?,
        };
        let has_cjk = parsed.wanted_cjk.chars().any(is_cjk);
        let mut marked = match &parsed.matching {
            Some(matching) => {
                let ids: Vec<&str> = rows.iter().map(|row| row.0.as_str()).collect();
                let fts = fts_expression(matching, parsed.excluded.as_deref());
                crate::snippets::marked(self.conn(), &fts, &ids)?
            }
            None => std::collections::HashMap::new(),
        };
        let hits = rows
            .into_iter()
            .map(|row| {
                let (id, title, start, end, kind, title_zh, summary) = row;
                let snippet = marked.remove(&id).unwrap_or_default();
                let snippet = if parsed.matching.is_none() {
                    summary_start(&summary)
                } else if has_cjk {
                    let fields = [title_zh.as_deref().unwrap_or_default(), &title, &summary];
                    cjk_snippet(&parsed.wanted_cjk, &fields).unwrap_or(snippet)
                } else {
                    snippet
                };
                let bad = |what: &str| Error::Corrupt(format!("event {id:?} has a bad {what}"));
                Ok(SearchHit {
                    start: start.parse().map_err(|_| bad("start"))?,
                    end: end.map(|e| e.parse()).transpose().map_err(|_| bad("end"))?,
                    kind: Kind::parse(&kind).ok_or_else(|| bad("kind"))?,
                    id,
                    title,
                    title_zh,
                    snippet,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchAnswer { hits, ranked_among })
    }

    /// The page of a search with no word to rank by, newest first. The events are walked
    /// newest first within `walk_ops` of SQLite work (`WALK_OPS`); when that does not find the
    /// page, every match is read and sorted (146 ms for `kind:summit before:2020` at a million
    /// events, against 0.2 ms walked; 165 ms for `-climate`, against about 12 ms).
    fn newest_first(
        &self,
        parsed: &ParsedSearch,
        filter_condition: &str,
        filter_params: Vec<Value>,
        limit: u32,
        walk_ops: u32,
    ) -> Result<Vec<HitRow>> {
        let excluded = match &parsed.excluded {
            // A prefix standing for too many words to spell out would be merged again for
            // every event looked up (seconds at a million events): not walked.
            Some(excluded) => Some(crate::search_terms::expand(self.conn(), excluded)?)
                .filter(|spelt| !spelt.contains('*')),
            None => None,
        };
        if parsed.excluded.is_none() || excluded.is_some() {
            let (sql, params) = unranked(
                parsed,
                excluded.as_deref(),
                filter_condition,
                filter_params.clone(),
                limit,
                Order::Walked,
            );
            let walked = crate::work_budget::within(self.conn(), walk_ops, || {
                self.hit_rows(&sql, params.into_iter())
            })?;
            match walked {
                // A walk leaving a word out reads a bounded share of the events: a page it
                // did not fill may be missing older hits.
                Some(rows) if excluded.is_none() || rows.len() >= limit as usize => {
                    return Ok(rows)
                }
                _ => {}
            }
        }
        let (sql, params) = unranked(
            parsed,
            parsed.excluded.as_deref(),
            filter_condition,
            filter_params,
            limit,
            Order::Planned,
        );
        self.hit_rows(&sql, params.into_iter())
    }

    /// The rows a hit statement answers, in its order.
    fn hit_rows(&self, sql: &str, params: impl Iterator<Item = Value>) -> Result<Vec<HitRow>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params_from_iter(params), |r| hit_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// When the words match more events than a search ranks, the page of hits ranked among
    /// the `RANKED_AMONG` most significant matches, newest first (the largest search row ids,
    /// `search_key.rs`); `None` when every match can be ranked.
    ///
    /// bm25 cannot rank them: it counts every match of each word to weigh it, 20–50 ms at a
    /// million events before the first row. They are ranked instead by where the words are
    /// found (each column a row matches in adds that column's weight), then by significance
    /// and date. Prefixes are spelt out as their words first (`search_terms.rs`), so each of
    /// these reads stops at the candidates.
    fn ranked_among_significant(
        &self,
        wanted: &Wanted<'_>,
        limit: u32,
    ) -> Result<Option<Vec<HitRow>>> {
        let conn = self.conn();
        // Spelt out once each: listing a common prefix's words reads its whole word list.
        let matching = crate::search_terms::expand(conn, wanted.matching)?;
        let excluded = wanted
            .excluded
            .map(|excluded| crate::search_terms::expand(conn, excluded))
            .transpose()?;
        let fts = fts_expression(&matching, excluded.as_deref());
        let among = usize::try_from(RANKED_AMONG).unwrap_or(usize::MAX);
        let sql = candidates("events_fts.rowid", wanted.condition, RANKED_AMONG + 1);
        let mut candidates: Vec<i64> = conn
            .prepare_cached(&sql)?
            .query_map(
                params_from_iter(
                    std::iter::once(Value::Text(fts.clone())).chain(wanted.params.iter().cloned()),
                ),
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        if candidates.len() <= among {
            return Ok(None);
        }
        candidates.truncate(among);
        let lowest = candidates.last().copied().unwrap_or_default();
        let mut scores: std::collections::HashMap<i64, u32> =
            candidates.iter().map(|rowid| (*rowid, 0)).collect();
        let mut in_column = conn.prepare_cached(
            "SELECT rowid FROM events_fts WHERE events_fts MATCH ?1 AND rowid >= ?2",
        )?;
        for (column, weight) in WEIGHTED_COLUMNS {
            let found = in_column.query_map(
                rusqlite::params![format!("{{{column}}} : ({matching})"), lowest],
                |r| r.get::<_, i64>(0),
            )?;
            for rowid in found {
                if let Some(score) = scores.get_mut(&rowid?) {
                    *score += weight;
                }
            }
        }
        let mut ranked: Vec<(u32, i64)> = scores.into_iter().map(|(r, s)| (s, r)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        ranked.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let page: Vec<i64> = ranked.into_iter().map(|(_, rowid)| rowid).collect();
        let (Some(first), Some(last)) = (page.iter().min(), page.iter().max()) else {
            return Ok(Some(Vec::new()));
        };
        // The page's ids are written in: they are integers this function read.
        let listed = page
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn.prepare(&format!(
            "SELECT r.rowid, {HIT_COLUMNS}
             FROM search_rows r JOIN events ON events.id = r.event_id
             WHERE r.rowid BETWEEN ?1 AND ?2 AND r.rowid IN ({listed})"
        ))?;
        let mut found: std::collections::HashMap<i64, HitRow> = stmt
            .query_map(rusqlite::params![first, last], |r| {
                Ok((r.get::<_, i64>(0)?, hit_row(r, 1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(
            page.iter()
                .filter_map(|rowid| found.remove(rowid))
                .collect(),
        ))
    }

    /// Kinds, actors and tags of the events matching `filter`, most frequent first. The whole
    /// store and filters on kind, origin, verification and side are answered from maintained
    /// counts; filters on actors, tags or dates from the events' fields copied in memory
    /// (`facet_index.rs`); a thread by counting its events.
    pub fn facets(&self, filter: &Filter) -> Result<Facets> {
        check_filter(filter)?;
        if filter.is_empty() {
            return self.facets_unfiltered();
        }
        if crate::facet_cube::serves(filter) {
            return crate::facet_cube::facets(self.conn(), filter);
        }
        if filter.thread.is_some() {
            return self.facets_counted(filter);
        }
        self.facet_copy()
            .with(self.conn(), |index| index.facets(filter))
    }

    /// The facets of `filter` counted from the matching events in SQL, one by one: the answer
    /// every faster path must equal, which tests and benchmarks compare them with.
    pub fn facets_counted(&self, filter: &Filter) -> Result<Facets> {
        check_filter(filter)?;
        // The events matching the filter drive each count (CROSS JOIN keeps them the outer
        // loop): the planner otherwise walks every actor or tag row and looks its event up.
        // Actors are counted by id first and named after, once each rather than once a row.
        // Kinds, sides and states come from one grouping: an event's side mask (migration
        // 0014) says which sides its actors have, without joining them.
        let (condition, params) = filter.sql();
        facets_from(
            self.conn(),
            [
                &format!(
                    "SELECT kind, verification, side_mask, count(*) FROM events WHERE {condition}
                     GROUP BY kind, verification, side_mask"
                ),
                &format!(
                    "SELECT a.name, a.side, c.n FROM
                       (SELECT ea.actor_id, count(*) AS n FROM events
                        CROSS JOIN event_actors ea ON ea.event_id = events.id
                        WHERE {condition} GROUP BY ea.actor_id) c
                     JOIN actors a ON a.id = c.actor_id ORDER BY c.n DESC, a.name, a.side"
                ),
                &format!(
                    "SELECT t.tag, count(*) FROM events
                     CROSS JOIN event_tags t ON t.event_id = events.id
                     WHERE {condition} GROUP BY t.tag ORDER BY count(*) DESC, t.tag"
                ),
            ],
            &params,
        )
    }

    /// The facets of the whole store, from the counts every write maintains (migration
    /// 0004): no scan of the events, whatever their number.
    fn facets_unfiltered(&self) -> Result<Facets> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT kind, count FROM kind_counts WHERE count > 0 ORDER BY count DESC, kind",
        )?;
        let kinds = kind_counts(&mut stmt, [])?;
        let total = kinds.iter().map(|k| u64::from(k.count)).sum::<u64>();
        let mut stmt = conn.prepare_cached(
            "SELECT a.name, a.side, c.count FROM actor_counts c JOIN actors a ON a.id = c.actor_id
             WHERE c.count > 0 ORDER BY c.count DESC, a.name, a.side",
        )?;
        let actors = actor_counts(&mut stmt, [])?;
        let mut stmt =
            conn.prepare_cached("SELECT side, count FROM side_counts WHERE count > 0")?;
        let sides = side_counts(&mut stmt, [])?;
        let mut stmt = conn.prepare_cached(
            "SELECT tag, count FROM tag_counts WHERE count > 0 ORDER BY count DESC, tag",
        )?;
        let tags = tag_counts(&mut stmt, [])?;
        let mut stmt =
            conn.prepare_cached("SELECT verification, count FROM verification_counts")?;
        let verifications =
            verification_counts(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?)?;
        Ok(Facets {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            kinds,
            actors,
            sides,
            tags,
            verifications,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::Kind;

    /// The shipped chronology, imported: events of every kind and side over fifty years,
    /// with days shared by several events.
    fn shipped() -> Store {
        let json = include_str!("../../../../data/events.json");
        let mut store = Store::in_memory().unwrap();
        store
            .import(&crate::dataset::parse(json, "events.json").unwrap())
            .unwrap();
        store
    }

    /// The statement of `text` under `filter` read in `order`, a walk's exclusion spelt out.
    fn statement(
        store: &Store,
        text: &str,
        filter: &Filter,
        limit: u32,
        order: Order,
    ) -> (String, Vec<Value>) {
        let parsed = search_syntax::parse(text).unwrap();
        let (condition, params) = filter.clone().sql();
        let excluded = match order {
            Order::Walked => parsed
                .excluded
                .as_deref()
                .map(|e| crate::search_terms::expand(store.conn(), e).unwrap()),
            Order::Planned => parsed.excluded.clone(),
        };
        unranked(
            &parsed,
            excluded.as_deref(),
            &condition,
            params,
            limit,
            order,
        )
    }

    fn ids(rows: Vec<HitRow>) -> Vec<String> {
        rows.into_iter().map(|row| row.0).collect()
    }

    fn page(store: &Store, text: &str, filter: &Filter, limit: u32, order: Order) -> Vec<String> {
        let (sql, params) = statement(store, text, filter, limit, order);
        ids(store.hit_rows(&sql, params.into_iter()).unwrap())
    }

    /// The search's own answer: walked within `walk_ops`, else read as planned.
    fn answer(
        store: &Store,
        text: &str,
        filter: &Filter,
        limit: u32,
        walk_ops: u32,
    ) -> Vec<String> {
        let parsed = search_syntax::parse(text).unwrap();
        let (condition, params) = filter.clone().sql();
        ids(store
            .newest_first(&parsed, &condition, params, limit, walk_ops)
            .unwrap())
    }

    #[test]
    fn a_walk_newest_first_finds_the_page_every_match_sorted_finds() {
        let store = shipped();
        let meetings = Filter {
            kinds: vec![Kind::Meeting, Kind::Summit],
            ..Filter::default()
        };
        let texts = [
            "kind:summit",
            "side:china",
            "year:2023",
            "before:1990",
            "after:2019-06",
            "tag:taiwan",
            "tag:tariffs before:2020",
            "actor:xi",
            "actor:nobody",
            "kind:summit OR kind:call",
            "-kind:statement",
            "-side:us year:2019",
            "kind:visit before:1980",
            "-taiwan",
            "-trade kind:summit",
            "-\"phone call\" after:2010",
            "-ta -kind:statement",
            "-xi side:us",
        ];
        let mut pages = 0;
        for text in texts {
            for filter in [&Filter::default(), &meetings] {
                for limit in [1, 7, 50] {
                    let walked = page(&store, text, filter, limit, Order::Walked);
                    let planned = page(&store, text, filter, limit, Order::Planned);
                    let at = format!("{text:?} under {filter:?}, {limit} a page");
                    // A walk leaving a word out reads only the newest events the prefixes
                    // allow: the page is whole when full, else the hits among them.
                    let excluding = text.contains('-');
                    if !excluding || walked.len() == limit as usize {
                        assert_eq!(walked, planned, "{at}");
                    } else {
                        assert!(planned.starts_with(&walked), "{at}: {walked:?} {planned:?}");
                    }
                    assert_eq!(
                        answer(&store, text, filter, limit, WALK_OPS),
                        planned,
                        "{at}"
                    );
                    pages += usize::from(!planned.is_empty());
                }
            }
        }
        assert!(pages > 60, "most pages hold hits: {pages}");
    }

    #[test]
    fn a_walk_out_of_work_gives_way_to_the_sorted_read() {
        let store = shipped();
        let all = Filter::default();
        // Only the oldest events name him, and no index leads the walk to them; the second
        // search also looks each event it reads up in the full-text index.
        for text in ["actor:\"zhou enlai\"", "-taiwan actor:\"zhou enlai\""] {
            let oldest = answer(&store, text, &all, 20, 1_000);
            assert!(!oldest.is_empty(), "{text}");
            assert_eq!(oldest, answer(&store, text, &all, 20, u32::MAX), "{text}");
            let planned = page(&store, text, &all, 20, Order::Planned);
            assert_eq!(oldest, planned, "{text}");
            // The budget did run out: walking to the oldest events takes more than it allows.
            let (sql, params) = statement(&store, text, &all, 20, Order::Walked);
            let walked = crate::work_budget::within(store.conn(), 1_000, || {
                store.hit_rows(&sql, params.into_iter())
            })
            .unwrap();
            assert_eq!(walked, None, "{text}");
        }
    }
}

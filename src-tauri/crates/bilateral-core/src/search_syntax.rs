//! What analysts type in the search box, read into a structured query and then into an FTS5
//! expression plus SQL conditions.
//!
//! - plain words must all match, each as the start of a word (`nix` finds Nixon), as before;
//!   a run of Chinese characters matches as written (`cjk.rs`);
//! - `"exact phrase"` matches those words in that order, whole; an unclosed quote runs to the
//!   end of the text and its last word matches as a prefix, so a phrase being typed finds
//!   hits as it grows;
//! - `a OR b` (capital OR) matches either; `AND` is accepted and changes nothing;
//! - `-word`, `-"a phrase"`, `-kind:call` leave out what they match;
//! - `kind:summit` (also `kind:"trade measure"`, `kind:Trade-Measure`), `side:china`,
//!   `actor:wang` (an actor whose name, Chinese name or pinyin contains the text),
//!   `tag:apec` (a tag, whole, any case), `year:2023` (events overlapping that year),
//!   `before:2020` / `after:2019-06` (events starting before the date begins or after it
//!   ends) become SQL conditions. Any other `word:` is plain text, as it always was (so
//!   `10:30` or a pasted address still search).
//!
//! Every word reaches FTS5 inside double quotes and holds letters and digits only, so no
//! character typed is ever read as FTS5 syntax.

use rusqlite::types::Value;

use crate::cjk::{self, is_cjk};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::limits::{MAX_SEARCH_BYTES, MAX_SEARCH_TERMS};
use crate::model::{Kind, Side};
use crate::store::day_number;

/// A search read from text: what FTS5 must match, what it must not, and conditions on
/// `events`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedSearch {
    /// The FTS5 expression every hit matches; `None` when no word or phrase is wanted.
    pub matching: Option<String>,
    /// The FTS5 expression no hit may match; `None` when nothing is excluded by text.
    pub excluded: Option<String>,
    /// SQL conditions on `events`, ANDed, with their parameters in order (anonymous `?`s,
    /// so they sit anywhere in a statement).
    pub conditions: Vec<String>,
    pub params: Vec<Value>,
    /// The Chinese text of the wanted words, for marking matches in snippets.
    pub wanted_cjk: String,
}

impl ParsedSearch {
    /// Whether the text asked for nothing at all (blank, or only punctuation).
    pub fn is_empty(&self) -> bool {
        self.matching.is_none() && self.excluded.is_none() && self.conditions.is_empty()
    }

    /// The SQL conditions as one, `1` when there are none.
    pub fn condition(&self) -> String {
        if self.conditions.is_empty() {
            "1".to_owned()
        } else {
            self.conditions.join(" AND ")
        }
    }
}

/// The field prefixes, as typed before the colon.
const FIELDS: [&str; 7] = ["kind", "side", "actor", "tag", "year", "before", "after"];

#[derive(Debug, Clone, PartialEq)]
enum Body {
    /// A run of text without spaces.
    Bare(String),
    /// Text between double quotes; `closed` is false when the closing quote is missing.
    Quoted { text: String, closed: bool },
}

impl Body {
    fn text(&self) -> &str {
        match self {
            Body::Bare(t) | Body::Quoted { text: t, .. } => t,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Or,
    Item {
        negated: bool,
        field: Option<&'static str>,
        body: Body,
    },
}

/// Splits the text into operators and items, reading quotes and `field:` prefixes.
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let quoted = |i: &mut usize| {
        // `*i` is just past the opening quote.
        let start = *i;
        while *i < chars.len() && chars[*i] != '"' {
            *i += 1;
        }
        let text: String = chars[start..*i].iter().collect();
        let closed = *i < chars.len();
        if closed {
            *i += 1;
        }
        Body::Quoted { text, closed }
    };
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        if chars[i] == '-' {
            match chars.get(i + 1) {
                Some(c) if !c.is_whitespace() => {
                    negated = true;
                    i += 1;
                }
                // A lone dash asks for nothing.
                _ => {
                    i += 1;
                    continue;
                }
            }
        }
        if chars[i] == '"' {
            i += 1;
            let body = quoted(&mut i);
            out.push(Token::Item {
                negated,
                field: None,
                body,
            });
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let bare: String = chars[start..i].iter().collect();
        if !negated && bare == "OR" {
            out.push(Token::Or);
            continue;
        }
        if !negated && bare == "AND" {
            continue;
        }
        let field = bare
            .split_once(':')
            .and_then(|(name, _)| FIELDS.into_iter().find(|f| f.eq_ignore_ascii_case(name)));
        let body = match field {
            Some(name) => {
                let value = &bare[name.len() + 1..];
                if value.is_empty() && chars.get(i) == Some(&'"') {
                    i += 1;
                    quoted(&mut i)
                } else {
                    Body::Bare(value.to_owned())
                }
            }
            None => Body::Bare(bare),
        };
        out.push(Token::Item {
            negated,
            field,
            body,
        });
    }
    out
}

/// One item, ready to combine: an FTS5 expression or an SQL condition.
enum Part {
    Text { negated: bool, fts: String },
    Condition { sql: String, params: Vec<Value> },
}

/// Counts the distinct words and prefixes of a search against `MAX_SEARCH_TERMS`: each word
/// is one more prefix scan of the index, and a pasted book held the store for most of a
/// minute.
#[derive(Default)]
struct Budget {
    words: Vec<String>,
    conditions: usize,
}

impl Budget {
    fn word(&mut self, word: &str) -> Result<()> {
        if self.words.iter().any(|w| w == word) {
            return Ok(());
        }
        self.words.push(word.to_owned());
        self.check()
    }

    fn condition(&mut self) -> Result<()> {
        self.conditions += 1;
        self.check()
    }

    fn check(&self) -> Result<()> {
        if self.words.len() + self.conditions > MAX_SEARCH_TERMS {
            return Err(Error::invalid(
                "text",
                format!(
                    "a search may hold at most {MAX_SEARCH_TERMS} different words and prefixes"
                ),
            ));
        }
        Ok(())
    }
}

/// The words of `text`: its runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Splits `text` into its stretches written with spaces between words and its CJK runs.
fn script_runs(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let cjk = is_cjk(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_cjk(c) != cjk)
            .map_or(rest.len(), |(i, _)| i);
        let (part, tail) = rest.split_at(end);
        out.push((cjk, part));
        rest = tail;
    }
    out
}

/// The FTS5 expression of unquoted text: every word as a prefix, every CJK run as its
/// phrase of pairs, all ANDed. `None` when the text holds no word.
fn bare_fts(text: &str, budget: &mut Budget) -> Result<Option<String>> {
    let mut parts = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for word in words(text) {
        budget.word(word)?;
        if seen.contains(&word) {
            continue;
        }
        seen.push(word);
        for (cjk, run) in script_runs(word) {
            parts.push(if cjk {
                cjk::query(run)
            } else {
                format!("\"{run}\"*")
            });
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join(" AND ")))
}

/// The FTS5 expression of quoted text: its words as one phrase (the last a prefix when the
/// quote is still open), its CJK runs as their own phrases of pairs.
fn phrase_fts(text: &str, closed: bool, budget: &mut Budget) -> Result<Option<String>> {
    let mut parts = Vec::new();
    let runs = script_runs(text);
    let last = runs.len().saturating_sub(1);
    for (n, (cjk, run)) in runs.into_iter().enumerate() {
        let run_words: Vec<&str> = words(run).collect();
        if run_words.is_empty() {
            continue;
        }
        for w in &run_words {
            budget.word(w)?;
        }
        if cjk {
            parts.extend(run_words.into_iter().map(cjk::query));
        } else {
            let star = if !closed && n == last { "*" } else { "" };
            parts.push(format!("\"{}\"{star}", run_words.join(" ")));
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join(" AND ")))
}

/// A kind named as stored (`trade_measure`) or as labelled (`Trade measure`), in any case,
/// with spaces, dashes or underscores between its words.
fn parse_kind(value: &str) -> Result<Kind> {
    let wanted = normalise_name(value);
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            Error::invalid(
                "text",
                format!("unknown kind \"{value}\"; kinds are {}", names.join(", ")),
            )
        })
}

fn parse_side(value: &str) -> Result<Side> {
    let wanted = normalise_name(value);
    Side::ALL
        .into_iter()
        .find(|s| s.as_str() == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = Side::ALL.iter().map(|s| s.as_str()).collect();
            Error::invalid(
                "text",
                format!("unknown side \"{value}\"; sides are {}", names.join(", ")),
            )
        })
}

fn normalise_name(value: &str) -> String {
    value
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

fn parse_date(field: &str, value: &str) -> Result<PartialDate> {
    value.trim().parse().map_err(|_| {
        Error::invalid(
            "text",
            format!(
                "{field}:\"{value}\" is not a date; write a year, a month or a day, \
                 e.g. {field}:2020, {field}:2020-03 or {field}:2020-03-15"
            ),
        )
    })
}

/// `%text%` for LIKE with `\` as its escape, so `%` and `_` typed are matched as themselves.
fn contains_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The SQL condition on `events` of one `field:value`.
fn field_condition(field: &str, value: &str) -> Result<(String, Vec<Value>)> {
    if value.trim().is_empty() {
        let example = match field {
            "kind" => "kind:summit",
            "side" => "side:china",
            "actor" => "actor:\"Wang Yi\"",
            "tag" => "tag:apec",
            "year" => "year:2023",
            "before" => "before:2020",
            _ => "after:2019",
        };
        return Err(Error::invalid(
            "text",
            format!("{field}: needs a value, e.g. {example}"),
        ));
    }
    const SIDE: &str = "EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                         WHERE ea.event_id = events.id AND a.side = ?)";
    // The few actors whose names match are found once; each event then only checks its ids.
    // The first test reads no event, so SQLite answers it once, before reading any: when no
    // actor matches, no event is read (a million were, newest first, to find none).
    const ACTOR: &str = "(EXISTS (SELECT 1 FROM actors
                            WHERE name LIKE ? ESCAPE '\\' OR name_zh LIKE ? ESCAPE '\\'
                               OR pinyin LIKE ? ESCAPE '\\')
                          AND EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = events.id
                          AND ea.actor_id IN (SELECT id FROM actors
                            WHERE name LIKE ? ESCAPE '\\' OR name_zh LIKE ? ESCAPE '\\'
                               OR pinyin LIKE ? ESCAPE '\\')))";
    Ok(match field {
        "kind" => (
            "events.kind = ?".into(),
            vec![Value::Text(parse_kind(value)?.as_str().into())],
        ),
        "side" => (
            SIDE.into(),
            vec![Value::Text(parse_side(value)?.as_str().into())],
        ),
        "actor" => {
            let pattern = Value::Text(contains_pattern(value.trim()));
            (ACTOR.into(), vec![pattern; 6])
        }
        "tag" => (
            "EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id = events.id
                     AND t.tag = ? COLLATE NOCASE)"
                .into(),
            vec![Value::Text(value.trim().to_owned())],
        ),
        "year" => {
            let year = value
                .trim()
                .parse::<PartialDate>()
                .ok()
                .filter(|d| d.precision() == crate::date::Precision::Year)
                .ok_or_else(|| {
                    Error::invalid(
                        "text",
                        format!(
                            "year:\"{value}\" is not a year; write four digits, e.g. year:2023"
                        ),
                    )
                })?;
            (
                "events.last_day >= ? AND events.first_day <= ?".into(),
                vec![
                    Value::Integer(day_number(year.first_day())),
                    Value::Integer(day_number(year.last_day())),
                ],
            )
        }
        "before" => (
            "events.first_day < ?".into(),
            vec![Value::Integer(day_number(
                parse_date(field, value)?.first_day(),
            ))],
        ),
        _ => (
            "events.first_day > ?".into(),
            vec![Value::Integer(day_number(
                parse_date(field, value)?.last_day(),
            ))],
        ),
    })
}

/// Reads what was typed into a search. Refuses text over `MAX_SEARCH_BYTES`, more than
/// `MAX_SEARCH_TERMS` distinct words and prefixes, an unknown kind or side, a date that is
/// not one, and OR groups that cannot be searched (see `combine`).
pub fn parse(text: &str) -> Result<ParsedSearch> {
    if text.len() > MAX_SEARCH_BYTES {
        return Err(Error::invalid(
            "text",
            format!(
                "the search is {} bytes long; at most {MAX_SEARCH_BYTES} are searched",
                text.len()
            ),
        ));
    }
    let mut budget = Budget::default();
    let mut wanted_cjk = String::new();
    // Groups of parts joined by OR; a part left empty (a lone quote) drops out.
    let mut groups: Vec<Vec<Part>> = Vec::new();
    let mut joined = false;
    for token in tokens(text) {
        let (negated, field, body) = match token {
            Token::Or => {
                joined = !groups.is_empty();
                continue;
            }
            Token::Item {
                negated,
                field,
                body,
            } => (negated, field, body),
        };
        let part = match field {
            Some(field) => {
                budget.condition()?;
                let (sql, params) = field_condition(field, body.text())?;
                let sql = if negated { format!("NOT ({sql})") } else { sql };
                Part::Condition { sql, params }
            }
            None => {
                let fts = match &body {
                    Body::Bare(t) => bare_fts(t, &mut budget)?,
                    Body::Quoted { text, closed } => phrase_fts(text, *closed, &mut budget)?,
                };
                let Some(fts) = fts else { continue };
                if !negated {
                    wanted_cjk.push(' ');
                    wanted_cjk.push_str(body.text());
                }
                Part::Text { negated, fts }
            }
        };
        match groups.last_mut() {
            Some(group) if joined => group.push(part),
            _ => groups.push(vec![part]),
        }
        joined = false;
    }
    combine(groups, wanted_cjk)
}

/// Joins the groups: words and phrases into the FTS5 expressions, prefixes into SQL. An OR
/// group holds either words and phrases or prefixes: a hit found by the index OR by a
/// condition on the table is a different query from the one that finds ranked matches, and
/// an exclusion inside OR would match nearly every event.
fn combine(groups: Vec<Vec<Part>>, wanted_cjk: String) -> Result<ParsedSearch> {
    let mut matching = Vec::new();
    let mut excluded = Vec::new();
    let mut conditions = Vec::new();
    let mut params = Vec::new();
    for group in groups {
        let texts = group
            .iter()
            .filter(|p| matches!(p, Part::Text { .. }))
            .count();
        if group.len() > 1 {
            if texts != 0 && texts != group.len() {
                return Err(Error::invalid(
                    "text",
                    "OR joins words and phrases, or prefixes such as kind:summit, not one of each",
                ));
            }
            if group
                .iter()
                .any(|p| matches!(p, Part::Text { negated: true, .. }))
            {
                return Err(Error::invalid(
                    "text",
                    "OR cannot join a word left out with -; put the -word outside the OR",
                ));
            }
        }
        if texts > 0 {
            let mut exprs: Vec<String> = Vec::new();
            let mut negated = false;
            for part in group {
                if let Part::Text { negated: n, fts } = part {
                    negated = n;
                    exprs.push(fts);
                }
            }
            let expr = if exprs.len() == 1 {
                exprs.remove(0)
            } else {
                format!("({})", exprs.join(") OR ("))
            };
            // A word typed twice is looked up once, as it always was.
            let into = if negated {
                &mut excluded
            } else {
                &mut matching
            };
            if !into.contains(&expr) {
                into.push(expr);
            }
        } else {
            let mut sqls = Vec::new();
            for part in group {
                if let Part::Condition { sql, params: p } = part {
                    sqls.push(format!("({sql})"));
                    params.extend(p);
                }
            }
            conditions.push(format!("({})", sqls.join(" OR ")));
        }
    }
    let and = |exprs: Vec<String>| -> Option<String> {
        match exprs.len() {
            0 => None,
            1 => exprs.into_iter().next(),
            _ => Some(format!("({})", exprs.join(") AND ("))),
        }
    };
    let or = |exprs: Vec<String>| -> Option<String> {
        match exprs.len() {
            0 => None,
            1 => exprs.into_iter().next(),
            _ => Some(format!("({})", exprs.join(") OR ("))),
        }
    };
    Ok(ParsedSearch {
        matching: and(matching),
        excluded: or(excluded),
        conditions,
        params,
        wanted_cjk,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ParsedSearch {
        parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn fts(text: &str) -> (Option<String>, Option<String>) {
        let parsed = read(text);
        (parsed.matching, parsed.excluded)
    }

    #[test]
    fn plain_words_are_prefixes_anded_as_before() {
        assert_eq!(
            fts("wang yi wang").0.as_deref(),
            Some("(\"wang\"*) AND (\"yi\"*)"),
            "a word typed twice is looked up once"
        );
        assert_eq!(fts("nix").0.as_deref(), Some("\"nix\"*"));
        assert_eq!(
            fts("US-China-us").0.as_deref(),
            Some("\"US\"* AND \"China\"* AND \"us\"*"),
            "words are split at punctuation"
        );
        assert_eq!(fts("习近平").0.as_deref(), Some("cjk : \"习近 近平\""));
    }

    #[test]
    fn phrases_or_and_exclusions_become_fts5_operators() {
        assert_eq!(fts("\"wang yi\"").0.as_deref(), Some("\"wang yi\""));
        assert_eq!(
            fts("\"wang y").0.as_deref(),
            Some("\"wang y\"*"),
            "an open quote is a phrase being typed"
        );
        assert_eq!(
            fts("trade OR tariff").0.as_deref(),
            Some("(\"trade\"*) OR (\"tariff\"*)")
        );
        assert_eq!(
            fts("summit -apec -\"g20 meeting\""),
            (
                Some("\"summit\"*".into()),
                Some("(\"apec\"*) OR (\"g20 meeting\")".into())
            )
        );
        assert_eq!(fts("OR trade OR").0.as_deref(), Some("\"trade\"*"));
    }

    #[test]
    fn fields_become_sql_conditions() {
        let parsed = read("kind:summit OR kind:\"Trade measure\" tag:APEC");
        assert_eq!(parsed.matching, None);
        assert_eq!(
            parsed.conditions[0],
            "((events.kind = ?) OR (events.kind = ?))"
        );
        assert_eq!(
            parsed.params,
            [
                Value::Text("summit".into()),
                Value::Text("trade_measure".into()),
                Value::Text("APEC".into())
            ]
        );
        assert_eq!(
            read("actor:100%_").params[0],
            Value::Text("%100\\%\\_%".into()),
            "LIKE wildcards typed are matched as themselves"
        );
        assert!(
            read("title:balloon").conditions.is_empty(),
            "an unknown prefix is plain text"
        );
    }
}

//! The tagger's rules, read from `timex_rules.toml`: vocabularies, and patterns with the value
//! each match gets. This module compiles them; `tagger.rs` applies them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::timex::TimexType;

const RULES: &str = include_str!("timex_rules.toml");

/// The shipped rules, compiled once.
#[allow(clippy::expect_used)]
pub fn shipped() -> &'static Rules {
    static RULES_ONCE: OnceLock<Rules> = OnceLock::new();
    // The file is part of the binary; a test compiles it, so failing here is a build fault.
    RULES_ONCE.get_or_init(|| Rules::parse(RULES).expect("the shipped timex rules compile"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    vocab: BTreeMap<String, Vec<(String, String)>>,
    rule: Vec<RuleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    pattern: String,
    value: String,
    #[serde(default, rename = "type")]
    kind: Option<TimexType>,
    not_before: Option<String>,
    not_after: Option<String>,
    after: Option<String>,
    before: Option<String>,
    split: Option<SplitSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SplitSpec {
    first_until: String,
    second_from: String,
    value: String,
}

/// One list of words with the value each stands for (`Jan.` → `01`).
pub struct Vocab {
    alternation: String,
    entries: Vec<(Regex, String)>,
}

impl Vocab {
    /// The value of a word the list matched; `=` in the list keeps the word itself.
    pub fn value_of(&self, word: &str) -> Option<String> {
        self.entries
            .iter()
            .find(|(re, _)| re.is_match(word))
            .map(|(_, value)| {
                if value == "=" {
                    word.to_string()
                } else {
                    value.clone()
                }
            })
    }
}

/// A value to compute: text with placeholders, or a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Template(Vec<Piece>),
    Call(String, Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A capture group by its regex name (`day_2` for `{day:2}`).
    Group(String),
}

pub struct Split {
    pub first_until: String,
    pub second_from: String,
    pub value: Expr,
}

pub struct Rule {
    pub regex: Regex,
    pub kind: TimexType,
    pub value: Expr,
    pub not_before: Option<Regex>,
    pub not_after: Option<Regex>,
    pub after: Option<Regex>,
    pub before: Option<Regex>,
    pub split: Option<Split>,
    /// Capture group name → the vocabulary or built-in that normalises it.
    pub groups: Vec<(String, String)>,
}

pub struct Rules {
    pub vocab: BTreeMap<String, Vocab>,
    pub rules: Vec<Rule>,
}

/// Built-in placeholders: patterns whose values are read by `builtin_value`.
const BUILTINS: &[(&str, &str)] = &[
    ("year", r"(?:19|20)\d\d"),
    ("yy", r"'?\d\d"),
    ("day", r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"),
    ("mm", r"(?:1[0-2]|0?[1-9])"),
    ("dd", r"(?:[12]\d|3[01]|0?[1-9])"),
    ("hour", r"(?:1[0-2]|0?[1-9])"),
    ("minute", r"[0-5]\d"),
    ("ampm", r"[ap]\.?\s?m\.?"),
    ("decade", r"(?:19|20)\d0'?s|'\d0s"),
];

/// Builtin groups turned into the digits the value functions take.
pub fn builtin_value(name: &str, text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match name {
        "year" | "mm" | "dd" | "hour" | "minute" => Some(digits),
        "day" => Some(digits),
        "yy" => {
            let two: u32 = digits.parse().ok()?;
            // News rarely names a two-digit year more than a generation ahead.
            Some(if two < 50 { 2000 + two } else { 1900 + two }.to_string())
        }
        "ampm" => Some(
            if text.to_ascii_lowercase().starts_with('p') {
                "pm"
            } else {
                "am"
            }
            .into(),
        ),
        "decade" => match digits.len() {
            4 => Some(digits[..3].to_string()),
            // '90s
            2 => Some(format!(
                "{}{}",
                if digits.starts_with('0') || digits.starts_with('1') || digits.starts_with('2') {
                    "20"
                } else {
                    "19"
                },
                &digits[..1]
            )),
            _ => None,
        },
        _ => None,
    }
}

/// Spaces in a rule stand for any run of whitespace: news text wraps lines mid-expression.
fn flexible_spaces(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut escaped = false;
    for c in pattern.chars() {
        match c {
            _ if escaped => {
                escaped = false;
                out.push(c);
            }
            '\\' => {
                escaped = true;
                out.push(c);
            }
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            ' ' if !in_class => out.push_str(r"\s+"),
            _ => out.push(c),
        }
    }
    out
}

impl Rules {
    /// Compiles a rule file; errors name the rule and what is wrong with it.
    pub fn parse(source: &str) -> Result<Rules, String> {
        let file: RuleFile = toml::from_str(source).map_err(|e| e.to_string())?;
        let mut vocab = BTreeMap::new();
        for (name, entries) in file.vocab {
            let mut compiled = Vec::with_capacity(entries.len());
            let mut alternatives = Vec::with_capacity(entries.len());
            for (pattern, value) in entries {
                let pattern = flexible_spaces(&pattern);
                let re = Regex::new(&format!("(?i)^(?:{pattern})$"))
                    .map_err(|e| format!("vocabulary {name}: {e}"))?;
                alternatives.push(format!("(?:{pattern})"));
                compiled.push((re, value));
            }
            vocab.insert(
                name,
                Vocab {
                    alternation: alternatives.join("|"),
                    entries: compiled,
                },
            );
        }
        let mut rules = Vec::with_capacity(file.rule.len());
        for (index, spec) in file.rule.into_iter().enumerate() {
            let at = |e: String| format!("rule {} ({}): {e}", index + 1, spec.pattern);
            let (body, groups) = expand(&spec.pattern, &vocab).map_err(at)?;
            let regex = Regex::new(&format!("(?i){body}")).map_err(|e| at(e.to_string()))?;
            let edge = |p: &Option<String>, anchor_end: bool| -> Result<Option<Regex>, String> {
                p.as_ref()
                    .map(|p| {
                        // Context patterns may name vocabularies too ("not before a month").
                        let (p, _) = expand(p, &vocab).map_err(at)?;
                        let full = if anchor_end {
                            format!("(?i)(?:{p})$")
                        } else {
                            format!("(?i)^(?:{p})")
                        };
                        Regex::new(&full).map_err(|e| at(e.to_string()))
                    })
                    .transpose()
            };
            let value = parse_expr(&spec.value).map_err(at)?;
            check_groups(&value, &groups).map_err(at)?;
            let split = match &spec.split {
                Some(s) => {
                    let value = parse_expr(&s.value).map_err(at)?;
                    check_groups(&value, &groups).map_err(at)?;
                    Some(Split {
                        first_until: group_name(&s.first_until),
                        second_from: group_name(&s.second_from),
                        value,
                    })
                }
                None => None,
            };
            rules.push(Rule {
                regex,
                kind: spec.kind.unwrap_or(TimexType::Date),
                value,
                not_before: edge(&spec.not_before, false)?,
                not_after: edge(&spec.not_after, true)?,
                after: edge(&spec.after, true)?,
                before: edge(&spec.before, false)?,
                split,
                groups,
            });
        }
        Ok(Rules { vocab, rules })
    }
}

/// `{day:2}` → `day_2`: regex group names cannot hold a colon.
fn group_name(placeholder: &str) -> String {
    placeholder.replace(':', "_")
}

/// Replaces placeholders by named groups; returns the regex and each group's normaliser.
fn expand(
    pattern: &str,
    vocab: &BTreeMap<String, Vocab>,
) -> Result<(String, Vec<(String, String)>), String> {
    let pattern = flexible_spaces(pattern);
    let mut out = String::new();
    let mut groups = Vec::new();
    let mut rest = pattern.as_str();
    while let Some(open) = rest.find('{') {
        // `\d{2}`-style counted repetitions are regex, not placeholders.
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or("unclosed {")?;
        let inner = &rest[open + 1..close];
        if inner.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            continue;
        }
        out.push_str(&rest[..open]);
        let base = inner.split(':').next().unwrap_or(inner);
        let name = group_name(inner);
        let body = if let Some(v) = vocab.get(base) {
            v.alternation.clone()
        } else if let Some((_, p)) = BUILTINS.iter().find(|(n, _)| *n == base) {
            (*p).to_string()
        } else {
            return Err(format!("unknown placeholder {{{inner}}}"));
        };
        out.push_str(&format!("(?P<{name}>{body})"));
        groups.push((name, base.to_string()));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok((out, groups))
}

fn check_groups(expr: &Expr, groups: &[(String, String)]) -> Result<(), String> {
    match expr {
        Expr::Template(pieces) => {
            for piece in pieces {
                if let Piece::Group(g) = piece {
                    if !groups.iter().any(|(n, _)| n == g) {
                        return Err(format!("value uses {{{g}}}, which the pattern lacks"));
                    }
                }
            }
            Ok(())
        }
        Expr::Call(_, args) => args.iter().try_for_each(|a| check_groups(a, groups)),
    }
}

/// Parses `name(arg, …)` or a template.
pub fn parse_expr(source: &str) -> Result<Expr, String> {
    let source = source.trim();
    if let Some(open) = source.find('(') {
        let name = &source[..open];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            let inner = source[open + 1..]
                .strip_suffix(')')
                .ok_or_else(|| format!("{source}: missing )"))?;
            let mut args = Vec::new();
            let mut depth = 0usize;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    ',' if depth == 0 => {
                        args.push(parse_expr(&inner[start..i])?);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            args.push(parse_expr(&inner[start..])?);
            return Ok(Expr::Call(name.to_string(), args));
        }
    }
    let mut pieces = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| format!("{source}: unclosed {{"))?;
        if open > 0 {
            pieces.push(Piece::Text(rest[..open].to_string()));
        }
        pieces.push(Piece::Group(group_name(&rest[open + 1..close])));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    Ok(Expr::Template(pieces))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_compile() {
        let rules = Rules::parse(RULES).unwrap_or_else(|e| panic!("{e}"));
        assert!(rules.rules.len() > 50, "{} rules", rules.rules.len());
    }

    #[test]
    fn a_rule_naming_an_unknown_placeholder_is_refused_with_its_number() {
        let source = "[vocab]\n[[rule]]\npattern = '{nope}'\nvalue = 'x'\n";
        let error = Rules::parse(source).err().unwrap_or_default();
        assert!(
            error.contains("rule 1") && error.contains("{nope}"),
            "{error}"
        );
    }
}

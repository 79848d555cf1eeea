//! Whether a text re-posts another outlet's story ("as reported by CNN"), and which outlet:
//! the original's date may be the better anchor for its relative dates.

use std::sync::OnceLock;

use serde::Deserialize;

use super::rule_file::{self, RuleError};
use super::words::{words, PhraseList, Word};

const FILE: &str = "ingest/outlets.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    before: Vec<String>,
    before_known: Vec<String>,
    after: Vec<String>,
    outlets: Vec<String>,
}

/// The rules of `outlets.toml`, indexed.
#[derive(Debug)]
pub struct Rules {
    before: PhraseList<()>,
    before_known: PhraseList<()>,
    after: PhraseList<()>,
    outlets: PhraseList<()>,
    names: Vec<String>,
}

/// The rules of `outlets.toml`, read once.
pub fn rules() -> Result<&'static Rules, crate::error::Error> {
    static RULES: OnceLock<Result<Rules, RuleError>> = OnceLock::new();
    RULES
        .get_or_init(|| load(include_str!("outlets.toml")))
        .as_ref()
        .map_err(crate::error::Error::from)
}

fn load(text: &str) -> Result<Rules, RuleError> {
    let file: RuleFile = rule_file::parse(text, FILE)?;
    let list = PhraseList::of;
    Ok(Rules {
        before: list(&file.before),
        before_known: list(&file.before_known),
        after: list(&file.after),
        outlets: list(&file.outlets),
        names: file.outlets,
    })
}

/// Whether `name` is a known news outlet ("CNN", "The Washington Post").
pub fn is_outlet(name: &str) -> bool {
    rules().is_ok_and(|r| r.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
}

/// The outlet whose story `text` re-posts, from its first mention; `publisher` (the page's own
/// name) is never a re-post of itself.
pub fn find(text: &str, publisher: Option<&str>) -> Option<String> {
    let rules = rules().ok()?;
    let ws = words(text);
    let own = |name: &str| publisher.is_some_and(|p| p.eq_ignore_ascii_case(name));
    for i in 0..ws.len() {
        let outlet = found_at(rules, text, &ws, i);
        if let Some(name) = outlet.filter(|n| !own(n)) {
            return Some(name);
        }
    }
    None
}

/// A re-post phrase with its outlet starting at word `i`.
fn found_at(rules: &Rules, text: &str, ws: &[Word<'_>], i: usize) -> Option<String> {
    let written = |first: usize, last: usize| text[ws[first].start..ws[last - 1].end].to_owned();
    let known_at = |j: usize| -> Option<(usize, usize)> {
        let at = if ws.get(j)?.text.eq_ignore_ascii_case("the")
            && rules.outlets.at(text, ws, j).is_empty()
        {
            j + 1
        } else {
            j
        };
        let (n, ()) = rules.outlets.at(text, ws, at).into_iter().next()?;
        Some((j, at + n))
    };
    if let Some((n, ())) = rules.before.at(text, ws, i).into_iter().next() {
        let j = i + n;
        if let Some((first, last)) = known_at(j) {
            return Some(written(first, last));
        }
        let j = match ws.get(j) {
            Some(w) if w.text == "the" => j + 1,
            _ => j,
        };
        return capitalised_name(text, ws, j);
    }
    if let Some((n, ())) = rules.before_known.at(text, ws, i).into_iter().next() {
        if let Some((first, last)) = known_at(i + n) {
            return Some(written(first, last));
        }
    }
    if let Some((first, last)) = known_at(i) {
        if !rules.after.at(text, ws, last).is_empty() && separated_by_space(text, ws, last) {
            return Some(written(first, last));
        }
    }
    None
}

fn separated_by_space(text: &str, ws: &[Word<'_>], at: usize) -> bool {
    at > 0 && at < ws.len() && text[ws[at - 1].end..ws[at].start].trim().is_empty()
}

/// A name of capitalised words at word `at` ("The Daily Example"), with "of", "and", "the"
/// inside it, up to six words, ending at punctuation.
fn capitalised_name(text: &str, ws: &[Word<'_>], at: usize) -> Option<String> {
    let upper = |w: &Word<'_>| w.text.chars().next().is_some_and(char::is_uppercase);
    let linking = |w: &Word<'_>| matches!(w.text, "of" | "and" | "the" | "for");
    let first = ws.get(at).filter(|w| upper(w))?;
    let mut last = at;
    let mut j = at + 1;
    while j < ws.len() && j - at < 6 {
        let sep = &text[ws[j - 1].end..ws[j].start];
        if !(sep == " " || sep == "'" || sep == "’" || sep == "-" || sep == " & ") {
            break;
        }
        if upper(&ws[j]) {
            last = j;
        } else if !linking(&ws[j]) {
            break;
        }
        j += 1;
    }
    let name = &text[first.start..ws[last].end];
    // "The" alone is no outlet.
    (name != "The" && name.chars().count() >= 2).then(|| name.to_owned())
}

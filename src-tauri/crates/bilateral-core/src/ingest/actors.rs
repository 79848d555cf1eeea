//! Who a sentence names: actors with their sides, from the store's actors, the list in
//! `actors.toml`, and people the article introduces with a title ("Chinese Foreign Minister
//! Wang Yi"). A surname alone ("Sullivan") is resolved against the whole article.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::rule_file::{self, RuleError};
use super::words::{PhraseList, Word};
use crate::model::{Actor, Side};

const FILE: &str = "ingest/actors.toml";

/// An actor of the rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    pub side: Side,
    #[serde(default)]
    pub person: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    roles: Vec<String>,
    body_words: Vec<String>,
    attributions: Vec<String>,
    topics: Vec<String>,
    locative: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    actor: Vec<Entry>,
    #[serde(default)]
    metonym: Vec<Entry>,
    sides: HashMap<Side, Vec<String>>,
    #[serde(default)]
    titles: HashMap<Side, Vec<String>>,
    names: Names,
}

/// The rules of `actors.toml`, indexed.
#[derive(Debug)]
pub struct Rules {
    actors: Vec<Entry>,
    metonyms: Vec<Entry>,
    sides: PhraseList<Side>,
    /// Titles that give a side by themselves ("Defense Secretary").
    titles: PhraseList<Side>,
    roles: PhraseList<()>,
    attributions: PhraseList<()>,
    /// Words after which a clause's names are its topic, not its participants.
    pub topics: PhraseList<()>,
    pub locative: PhraseList<()>,
    body_words: HashSet<String>,
}

/// The rules of `actors.toml`, read once.
pub fn rules() -> Result<&'static Rules, crate::error::Error> {
    static RULES: OnceLock<Result<Rules, RuleError>> = OnceLock::new();
    RULES
        .get_or_init(|| load(include_str!("actors.toml")))
        .as_ref()
        .map_err(crate::error::Error::from)
}

fn load(text: &str) -> Result<Rules, RuleError> {
    let file: RuleFile = rule_file::parse(text, FILE)?;
    let list = PhraseList::of;
    // A fixed order, so a phrase listed for two sides always gives the same one.
    let sided = |map: &HashMap<Side, Vec<String>>| {
        let mut list = PhraseList::default();
        for side in Side::ALL {
            for phrase in map.get(&side).into_iter().flatten() {
                list.add(phrase, side);
            }
        }
        list
    };
    let sides = sided(&file.sides);
    let titles = sided(&file.titles);
    Ok(Rules {
        actors: file.actor,
        metonyms: file.metonym,
        sides,
        titles,
        roles: list(&file.names.roles),
        attributions: list(&file.names.attributions),
        topics: list(&file.names.topics),
        locative: list(&file.names.locative),
        body_words: file.names.body_words.into_iter().collect(),
    })
}

/// An actor the article may name.
#[derive(Debug, Clone)]
struct Known {
    name: String,
    side: Side,
    person: bool,
    /// A news outlet: the story's source when it follows "according to", "told".
    outlet: bool,
}

/// What a phrase of the cast finds.
#[derive(Debug, Clone)]
enum Target {
    /// A known actor by a full name or alias.
    Full(usize),
    /// A known government by a place name that stands for it ("Beijing").
    Metonym(usize),
    /// A surname shared by these known people.
    Surname(Vec<usize>),
}

/// Where the article names an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: Actor,
    /// Words `[first, last)` of the name as found.
    pub first: usize,
    pub last: usize,
    /// The name as the text writes it, with a capitalised title before it ("FBI Director
    /// Christopher Wray"): for titles.
    pub written: String,
    pub person: bool,
    /// A place name standing for a government ("Beijing"): kept only when the sentence names
    /// nobody else of its side.
    pub metonym: bool,
}

/// The actors an article names, resolved across the whole article.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    pub mentions: Vec<Mention>,
}

/// Everyone who may be named: the store's actors (`(name, side)`), then the rule file's.
fn base(rules: &Rules, stored: &[(String, Side)], outlets: &dyn Fn(&str) -> bool) -> Vec<Known> {
    let mut known: Vec<Known> = Vec::new();
    let mut index: HashMap<(String, Side), usize> = HashMap::new();
    let mut push = |known: &mut Vec<Known>, k: Known| {
        let key = (k.name.clone(), k.side);
        match index.get(&key) {
            Some(&i) => {
                let existing: &mut Known = &mut known[i];
                existing.person |= k.person;
            }
            None => {
                index.insert(key, known.len());
                known.push(k);
            }
        }
    };
    for (name, side) in stored {
        let person = looks_like_person(name, &rules.body_words);
        let outlet = outlets(name);
        push(
            &mut known,
            Known {
                name: name.clone(),
                side: *side,
                person,
                outlet,
            },
        );
    }
    for e in rules.actors.iter().chain(rules.metonyms.iter()) {
        push(
            &mut known,
            Known {
                name: e.name.clone(),
                side: e.side,
                person: e.person,
                outlet: outlets(&e.name),
            },
        );
    }
    known
}

/// A name of two or more capitalised words, none of them a body's word ("Department").
fn looks_like_person(name: &str, body_words: &HashSet<String>) -> bool {
    let parts: Vec<&str> = name.split_whitespace().collect();
    parts.len() >= 2
        && parts.len() <= 4
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(char::is_uppercase)
                && !p.chars().any(|c| c.is_ascii_digit())
                && !body_words.contains(*p)
        })
}

/// The surname a person is named by alone: the family name, first in a Chinese or Taiwanese
/// name of two parts ("Xi Jinping", "Lai Ching-te"), last otherwise ("Jake Sullivan").
fn surname(name: &str, side: Side) -> Option<&str> {
    let parts: Vec<&str> = name
        .split_whitespace()
        .filter(|p| {
            !matches!(
                p.trim_end_matches(['.', ',']),
                "Jr" | "Sr" | "II" | "III" | "IV"
            )
        })
        .collect();
    let family_first = matches!(side, Side::China | Side::Taiwan) && parts.len() == 2;
    let s = if family_first {
        parts.first()
    } else {
        parts.last()
    }?;
    let s = s.trim_end_matches(['.', ',']);
    (s.chars().count() >= 2).then_some(s)
}

/// The full-name phrases of `known` (names and rule-file aliases), and the place names that
/// stand for a government.
fn full_names(rules: &Rules, known: &[Known]) -> PhraseList<Target> {
    let mut list = PhraseList::default();
    let index: HashMap<(&str, Side), usize> = known
        .iter()
        .enumerate()
        .map(|(i, k)| ((k.name.as_str(), k.side), i))
        .collect();
    for (i, k) in known.iter().enumerate() {
        list.add(&k.name, Target::Full(i));
    }
    for e in &rules.actors {
        if let Some(&i) = index.get(&(e.name.as_str(), e.side)) {
            for alias in &e.aliases {
                list.add(alias, Target::Full(i));
            }
        }
    }
    for e in &rules.metonyms {
        if let Some(&i) = index.get(&(e.name.as_str(), e.side)) {
            for alias in &e.aliases {
                list.add(alias, Target::Metonym(i));
            }
        }
    }
    list
}

impl Cast {
    /// Finds every actor `text` names. `stored` are the store's actors; `outlets` tells a
    /// news outlet's name; `places` are word ranges that name places (an actor's name inside
    /// one is part of the place: "Xi'an").
    pub fn read(
        text: &str,
        ws: &[Word<'_>],
        stored: &[(String, Side)],
        outlets: &dyn Fn(&str) -> bool,
        places: &[(usize, usize)],
    ) -> crate::error::Result<Cast> {
        let rules = rules()?;
        let mut known = base(rules, stored, outlets);
        let introduced = introduced_by_title(rules, text, ws, &full_names(rules, &known), &known);
        // A titled name the cast knows without its initials ("Lloyd J. Austin III" is Lloyd
        // Austin) is another way to write it; any other is a new person.
        let mut written_as: Vec<(String, usize)> = Vec::new();
        for (name, side) in introduced {
            let plain = plain_name(&name);
            match known
                .iter()
                .position(|k| k.name == name || (k.person && k.name == plain))
            {
                Some(i) => written_as.push((name, i)),
                None => known.push(Known {
                    name,
                    side,
                    person: true,
                    outlet: false,
                }),
            }
        }
        let mut list = full_names(rules, &known);
        for (name, i) in &written_as {
            list.add(name, Target::Full(*i));
        }
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in known.iter().enumerate() {
            if let Some(s) = k.person.then(|| surname(&k.name, k.side)).flatten() {
                by_surname.entry(s.to_owned()).or_default().push(i);
            }
        }
        for (s, people) in &by_surname {
            list.add(s, Target::Surname(people.clone()));
        }
        let in_place = |first: usize, last: usize| {
            places
                .iter()
                .any(|&(a, b)| first >= a && last <= b && (first, last) != (a, b))
        };
        let hits: Vec<_> = list
            .find(text, ws)
            .into_iter()
            .filter(|h| !in_place(h.first, h.last))
            .collect();
        // Named in full somewhere in the article: a surname alone most likely means them.
        let named: HashSet<usize> = hits
            .iter()
            .filter_map(|h| match h.value {
                Target::Full(i) => Some(i),
                Target::Metonym(_) | Target::Surname(_) => None,
            })
            .collect();
        let mut mentions = Vec::new();
        for hit in hits {
            let metonym = matches!(hit.value, Target::Metonym(_));
            let i = match &hit.value {
                Target::Full(i) | Target::Metonym(i) => *i,
                Target::Surname(people) => {
                    let in_article: Vec<usize> = people
                        .iter()
                        .copied()
                        .filter(|p| named.contains(p))
                        .collect();
                    match (in_article.as_slice(), people.as_slice()) {
                        ([one], _) | ([], [one]) => *one,
                        _ => continue,
                    }
                }
            };
            let k = &known[i];
            if k.outlet && follows(&rules.attributions, text, ws, hit.first, 3) {
                continue;
            }
            if metonym && follows(&rules.locative, text, ws, hit.first, 1) {
                continue;
            }
            let first = title_start(rules, &list, text, ws, hit.first);
            mentions.push(Mention {
                actor: Actor {
                    name_zh: None,
                    pinyin: None,
                    name: k.name.clone(),
                    side: k.side,
                },
                first: hit.first,
                last: hit.last,
                written: super::words::one_line(&text[ws[first].start..ws[hit.last - 1].end]),
                person: k.person,
                metonym,
            });
        }
        Ok(Cast { mentions })
    }

    /// The actors named in words `[from, to)`, in order, each once: metonyms only for a side
    /// nobody else stands for.
    pub fn within(&self, from: usize, to: usize) -> Vec<&Mention> {
        // Mentions are in text order: the sentence's are one run of them.
        let begin = self.mentions.partition_point(|m| m.first < from);
        let inside: Vec<&Mention> = self.mentions[begin..]
            .iter()
            .take_while(|m| m.first < to)
            .filter(|m| m.last <= to)
            .collect();
        let mut seen = HashSet::new();
        inside
            .iter()
            .copied()
            .filter(|m| {
                !m.metonym
                    || !inside
                        .iter()
                        .any(|o| !o.metonym && o.actor.side == m.actor.side)
            })
            .filter(|m| seen.insert((m.actor.name.clone(), m.actor.side)))
            .collect()
    }
}

/// Whether a phrase of `list` ends within `window` words before word `at`.
fn follows(list: &PhraseList<()>, text: &str, ws: &[Word<'_>], at: usize, window: usize) -> bool {
    let from = at.saturating_sub(window + 3);
    (from..at).any(|j| {
        list.at(text, ws, j)
            .iter()
            .any(|(n, _)| j + n <= at && at - (j + n) < window)
    })
}

/// Whether the words `[first, last)` are all capitalised.
fn capitalised(ws: &[Word<'_>], first: usize, last: usize) -> bool {
    ws[first..last].iter().all(|w| {
        w.text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

/// Whether only spaces (or an initial's period) separate word `a` from the next.
fn joined(text: &str, ws: &[Word<'_>], a: usize) -> bool {
    let sep = &text[ws[a].end..ws[a + 1].start];
    sep == " " || sep == ". " || sep == "."
}

/// Where the capitalised title before the name at word `at` begins ("FBI Director", "Chinese
/// Foreign Minister", "President"); `at` when there is none.
fn title_start(
    rules: &Rules,
    names: &PhraseList<Target>,
    text: &str,
    ws: &[Word<'_>],
    at: usize,
) -> usize {
    let mut first = at;
    loop {
        // The longest title first: "Foreign Minister" before "Minister".
        let found = (first.saturating_sub(4)..first).find(|&j| {
            let len = first - j;
            (j..first).all(|k| joined(text, ws, k))
                && capitalised(ws, j, first)
                && (rules.roles.at(text, ws, j).iter().any(|(n, _)| *n == len)
                    || rules.sides.at(text, ws, j).iter().any(|(n, _)| *n == len)
                    || names
                        .at(text, ws, j)
                        .iter()
                        .any(|(n, t)| *n == len && matches!(t, Target::Full(_))))
        });
        match found {
            Some(j) => first = j,
            None => break,
        }
    }
    first
}

/// People the article introduces by a title with a side and a name it does not otherwise
/// know: "Chinese Foreign Minister Qin Gang" gives (Qin Gang, china), "Defense Secretary
/// Robert M. Gates" gives (Robert M. Gates, us).
fn introduced_by_title(
    rules: &Rules,
    text: &str,
    ws: &[Word<'_>],
    names: &PhraseList<Target>,
    known: &[Known],
) -> Vec<(String, Side)> {
    let mut out = Vec::new();
    let unknown_name_at = |start: usize| {
        if start >= ws.len()
            || !joined(text, ws, start - 1)
            || !names.at(text, ws, start).is_empty()
        {
            return None;
        }
        name_at(text, ws, start)
    };
    for role in rules.roles.find(text, ws) {
        let Some(name) = unknown_name_at(role.last) else {
            continue;
        };
        if let Some(side) = side_before(rules, names, known, text, ws, role.first) {
            out.push((name, side));
        }
    }
    for title in rules.titles.find(text, ws) {
        if let Some(name) = unknown_name_at(title.last) {
            let side =
                side_before(rules, names, known, text, ws, title.first).unwrap_or(title.value);
            out.push((name, side));
        }
    }
    out
}

/// Initials and generational suffixes: not what a person is called by.
fn is_initial_or_suffix(part: &str) -> bool {
    let bare = part.trim_end_matches(['.', ',']);
    (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase))
        || matches!(bare, "Jr" | "Sr" | "II" | "III" | "IV")
}

/// A name without its initials and suffixes: "Lloyd J. Austin III" is "Lloyd Austin".
fn plain_name(name: &str) -> String {
    name.split_whitespace()
        .filter(|p| !is_initial_or_suffix(p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person's name of two or three capitalised parts starting at word `at` ("Qin Gang",
/// "Lai Ching-te"), with initials and a suffix ("Lloyd J. Austin III"), as written.
fn name_at(text: &str, ws: &[Word<'_>], at: usize) -> Option<String> {
    let upper = |w: &Word<'_>| w.text.chars().next().is_some_and(char::is_uppercase);
    let initial = |w: &Word<'_>| w.text.chars().count() == 1 && upper(w);
    if !upper(&ws[at]) || initial(&ws[at]) {
        return None;
    }
    let mut last = at;
    let mut parts = 1;
    while last + 1 < ws.len() {
        let sep = &text[ws[last].end..ws[last + 1].start];
        let next = &ws[last + 1];
        let after_initial = initial(&ws[last]) && (sep == ". " || sep == " ");
        if sep == "-" {
            last += 1;
        } else if (sep == " " || after_initial) && upper(next) && parts < 3 {
            last += 1;
            if !initial(next) && !is_initial_or_suffix(next.text) {
                parts += 1;
            }
        } else {
            break;
        }
    }
    (parts >= 2 && !initial(&ws[last])).then(|| text[ws[at].start..ws[last].end].to_owned())
}

/// The side a word ("Chinese") or a known actor ("FBI") before a title gives, within four
/// words of it.
fn side_before(
    rules: &Rules,
    names: &PhraseList<Target>,
    known: &[Known],
    text: &str,
    ws: &[Word<'_>],
    role: usize,
) -> Option<Side> {
    for j in (role.saturating_sub(4)..role).rev() {
        if let Some((n, side)) = rules.sides.at(text, ws, j).into_iter().next() {
            if j + n <= role {
                return Some(side);
            }
        }
        for (n, target) in names.at(text, ws, j) {
            if let (Target::Full(i), true) = (target, j + n == role) {
                return Some(known[i].side);
            }
        }
    }
    None
}

//! Words of a text with where they are, and phrase lists matched against them: what the rule
//! matchers (kinds, actors, places, outlets) walk.
//!
//! A word is a run of letters and digits; everything between two words is their separator.
//! A phrase matches when its words match in order and each separator matches too, after
//! normalising (spaces around marks are ignored, whitespace alone is one space, curly
//! apostrophes are `'`, dashes are `-`), so "U.S. House" matches "U.S. House" but not
//! "U.S House", "H.R." matches "H. R.", and "Biden-Xi" holds "Biden" and "Xi".
//!
//! Case: a phrase written with a capital letter matches only as written ("Xi", "Act"); a phrase
//! written all in lower case matches in any case ("summit" matches "Summit"). A phrase whose last
//! word ends in `*` matches any word starting with it ("sanction*": sanctions, sanctioned).

use std::collections::HashMap;

/// One word: its text and byte offsets into the text it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

/// A separator as phrases compare it: its marks without spaces ("." for ". "), or one space
/// when it is only whitespace.
fn normal_separator(sep: &str) -> String {
    let marks: String = sep
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
            other => other,
        })
        .collect();
    if marks.is_empty() && !sep.is_empty() {
        " ".to_owned()
    } else {
        marks
    }
}

/// A phrase of a rule list, split as the text is.
#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<String>,
    seps: Vec<String>,
    exact_case: bool,
    /// The last word matches any word it begins.
    prefix: bool,
}

impl Phrase {
    fn parse(text: &str) -> Option<Phrase> {
        let (body, prefix) = match text.trim().strip_suffix('*') {
            Some(body) => (body, true),
            None => (text.trim(), false),
        };
        let ws = words(body);
        if ws.is_empty() {
            return None;
        }
        let seps = ws
            .windows(2)
            .map(|p| normal_separator(&body[p[0].end..p[1].start]))
            .collect();
        let exact_case = body.chars().any(char::is_uppercase);
        Some(Phrase {
            words: ws
                .iter()
                .map(|w| {
                    if exact_case {
                        w.text.to_owned()
                    } else {
                        w.text.to_lowercase()
                    }
                })
                .collect(),
            seps,
            exact_case,
            prefix,
        })
    }

    fn word_matches(&self, i: usize, word: &str) -> bool {
        let want = &self.words[i];
        let last = i + 1 == self.words.len();
        let eq = |a: &str| {
            if self.prefix && last {
                a.starts_with(want.as_str())
            } else {
                a == want
            }
        };
        if self.exact_case {
            eq(word)
        } else {
            eq(&word.to_lowercase())
        }
    }

    /// How many words of `ws` from `at` it covers, if it matches there.
    fn matches(&self, text: &str, ws: &[Word<'_>], at: usize) -> Option<usize> {
        let n = self.words.len();
        if at + n > ws.len() {
            return None;
        }
        for i in 0..n {
            if !self.word_matches(i, ws[at + i].text) {
                return None;
            }
            if i > 0 {
                let sep = &text[ws[at + i - 1].end..ws[at + i].start];
                if normal_separator(sep) != self.seps[i - 1] {
                    return None;
                }
            }
        }
        Some(n)
    }
}

/// Where a phrase of a list was found: word indices `[first, last]` and the phrase's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<T> {
    pub first: usize,
    /// One past the last word.
    pub last: usize,
    pub value: T,
}

/// A list of phrases, each with a value, indexed by first word.
#[derive(Debug, Clone)]
pub struct PhraseList<T> {
    phrases: Vec<(Phrase, T)>,
    by_first: HashMap<String, Vec<usize>>,
    /// Prefix phrases of one word, tried against every word.
    prefixes: Vec<usize>,
}

impl<T> Default for PhraseList<T> {
    fn default() -> Self {
        Self {
            phrases: Vec::new(),
            by_first: HashMap::new(),
            prefixes: Vec::new(),
        }
    }
}

impl PhraseList<()> {
    /// A list of phrases that only need to be found, not told apart.
    pub fn of(phrases: &[String]) -> Self {
        let mut list = PhraseList::default();
        for p in phrases {
            list.add(p, ());
        }
        list
    }
}

impl<T: Clone> PhraseList<T> {
    /// Adds `phrase`; a phrase without any word is ignored.
    pub fn add(&mut self, phrase: &str, value: T) {
        let Some(parsed) = Phrase::parse(phrase) else {
            return;
        };
        let index = self.phrases.len();
        if parsed.prefix && parsed.words.len() == 1 {
            self.prefixes.push(index);
        } else {
            self.by_first
                .entry(parsed.words[0].to_lowercase())
                .or_default()
                .push(index);
        }
        self.phrases.push((parsed, value));
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Every phrase that matches at word `at`, as (words covered, value), longest first, and
    /// among equally long ones in the order they were added.
    pub fn at(&self, text: &str, ws: &[Word<'_>], at: usize) -> Vec<(usize, T)> {
        let Some(word) = ws.get(at) else {
            return Vec::new();
        };
        let key = word.text.to_lowercase();
        let mut found: Vec<(usize, usize, T)> = self
            .by_first
            .get(&key)
            .into_iter()
            .flatten()
            .chain(self.prefixes.iter())
            .filter_map(|&i| {
                let (phrase, value) = &self.phrases[i];
                phrase.matches(text, ws, at).map(|n| (n, i, value.clone()))
            })
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(n, _, v)| (n, v)).collect()
    }

    /// The phrases found in `ws`, left to right, longest first at each word, never overlapping.
    pub fn find(&self, text: &str, ws: &[Word<'_>]) -> Vec<Hit<T>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            match self.at(text, ws, i).into_iter().next() {
                Some((n, value)) => {
                    out.push(Hit {
                        first: i,
                        last: i + n,
                        value,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Text for a one-line field: whitespace collapsed to single spaces, control and bidi
/// characters dropped (a web page may hold them; a stored field may not).
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            part.chars()
                .filter(|&c| !c.is_control() && !crate::limits::is_bidi_control(c)),
        );
    }
    out
}

/// Byte offset ↔ char offset of one text: offsets the UI and TimeML see count chars.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every char, plus the text's length at the end.
    bytes: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Self { bytes }
    }

    /// The byte offset of char `index` (the end of the text past the last char).
    pub fn byte(&self, index: usize) -> usize {
        let last = self.bytes.len() - 1;
        self.bytes[index.min(last)]
    }

    /// The char index of byte offset `byte` (rounded down to a char boundary).
    pub fn char(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

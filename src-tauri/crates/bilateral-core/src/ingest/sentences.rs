//! Splits plain text into sentences, with char offsets into it.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes and brackets after it) when the
//! next text starts a sentence: a capital letter, a digit or an opening quote after whitespace.
//! A period does not end a sentence after a known abbreviation ("Mr.", "Jan.", "Gen.", "No.")
//! or after an initial ("U.S.", "H. R. McMaster"), unless the next word is one that usually
//! opens a sentence ("... in the U.S. The next day ..."). Paragraphs always end a sentence: a
//! blank line, or a line break after a short line (a heading, a byline, a dateline) or after a
//! sentence's end. Other line breaks are wrapped text and do not.

/// A sentence: char offsets `[start, end)` into the text, trimmed of surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Abbreviations written before a name or a number: a period after them never ends a
/// sentence (compared without the period, ignoring case).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "sen", "rep", "gov", "pres", "amb", "rev", "hon", "st", "mt", "ft", "no", "nos", "vol", "art",
    "sec", "dept", "vs", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// Abbreviations that may also close a sentence: a period after them ends one only before a
/// word that usually opens a sentence.
const ENDINGS: &[&str] = &[
    "inc", "corp", "co", "ltd", "bros", "etc", "jr", "sr", "est", "e.g", "i.e", "a.m", "p.m",
    "u.s", "u.k", "u.n", "d.c",
];

/// Words that open a sentence often enough that a period after an initial before them ends
/// the sentence ("... the U.S. The next day ...").
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "As",
    "Its",
    "His",
    "Her",
    "Their",
    "There",
    "However",
    "Meanwhile",
    "Still",
    "Yet",
    "So",
    "Since",
    "After",
    "Before",
    "When",
    "While",
    "If",
];

/// A line shorter than this that ends without punctuation stands alone (heading, byline).
const SHORT_LINE: usize = 60;

/// The sentences of `text`, in order.
pub fn split(text: &str) -> Vec<Sentence> {
    let offsets = super::words::CharOffsets::new(text);
    split_bytes(text)
        .into_iter()
        .map(|(s, e)| Sentence {
            start: offsets.char(s),
            end: offsets.char(e),
        })
        .collect()
}

/// The sentences of `text` as byte ranges.
pub fn split_bytes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in boundaries(text) {
        push_trimmed(text, start, end, &mut out);
        start = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// Byte offsets where a sentence ends (just after its last char), in order.
fn boundaries(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c == '\n' {
            if let Some(end) = line_break(text, &chars, i) {
                out.push(end);
            }
            i += 1;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Take the whole run of terminal marks and closing quotes or brackets.
        let mut j = i + 1;
        while at(j).is_some_and(|c| matches!(c, '.' | '!' | '?' | '…')) {
            j += 1;
        }
        while at(j).is_some_and(is_closing) {
            j += 1;
        }
        // What follows must be whitespace and then a sentence start.
        let mut k = j;
        let mut spaced = false;
        while at(k).is_some_and(|c| c.is_whitespace()) {
            spaced = true;
            k += 1;
        }
        let ends = match at(k) {
            None => true,
            Some(next) if spaced && starts_sentence(next) => {
                c != '.' || j > i + 1 || !abbreviation_before(text, byte(i), &text[byte(k)..])
            }
            _ => false,
        };
        if ends {
            out.push(byte(j));
        }
        i = j.max(i + 1);
    }
    out.dedup();
    out
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
}

/// Whether the period at byte `dot` closes an abbreviation or an initial rather than a
/// sentence, given the text after it (`rest`, from the next word).
fn abbreviation_before(text: &str, dot: usize, rest: &str) -> bool {
    let before = &text[..dot];
    // The token before the period: letters and inner periods ("U.S", "e.g", "Jan").
    let token_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &before[token_start..];
    if token.is_empty() {
        return false;
    }
    let next_word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    let opener = OPENERS.contains(&next_word.as_str());
    let lower = token.to_lowercase();
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    // An initial: one capital letter, or capitals joined by periods ("U.S", "D.C").
    let initial = token.split('.').all(|p| p.chars().count() == 1)
        && token.chars().all(|c| c.is_uppercase() || c == '.');
    if initial {
        return !opener;
    }
    if TITLES.contains(&lower.as_str()) {
        return true;
    }
    if ENDINGS.contains(&lower.as_str()) {
        return !opener;
    }
    // A lone lower-case letter ("p. 5").
    letters == 1 && token.chars().count() == 1 && !opener
}

/// Whether the line break at char `i` ends a sentence, and where (the end of the line's text).
fn line_break(text: &str, chars: &[(usize, char)], i: usize) -> Option<usize> {
    let newline = chars[i].0;
    let line_start = text[..newline].rfind('\n').map_or(0, |p| p + 1);
    let line = text[line_start..newline].trim_end();
    if line.trim().is_empty() {
        return None;
    }
    let end = line_start + line.len();
    // A blank line after this one: a paragraph ends.
    let rest = &text[newline + 1..];
    let next_line = rest.split('\n').next().unwrap_or("");
    if next_line.trim().is_empty() {
        return Some(end);
    }
    // A short line before a line that starts a sentence stands alone, unless it visibly
    // runs on (a comma, a hyphen); a sentence end before a line break is found by its mark.
    let runs_on = line.ends_with([',', '-', ';']);
    let next_starts = next_line
        .trim_start()
        .chars()
        .next()
        .is_some_and(starts_sentence);
    if line.trim().chars().count() < SHORT_LINE && next_starts && !runs_on {
        return Some(end);
    }
    None
}

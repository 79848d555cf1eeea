//! Which way a relative expression points: "on Friday" in "will meet on Friday" is ahead of the
//! anchor, in "met on Friday" behind it. Read from the verbs nearest the expression.

use std::sync::OnceLock;

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

// The markers are fixed text; the tagger's tests compile them, so failing here is a build fault.
#[allow(clippy::expect_used)]
fn markers() -> &'static [(Regex, Tense); 3] {
    static MARKERS: OnceLock<[(Regex, Tense); 3]> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let re = |p: &str| Regex::new(&format!(r"(?i)\b(?:{p})\b")).expect("tense markers compile");
        [
            (
                re(r"will|won't|shall|'ll|going to|plans?|planning|planned|scheduled|expects?|expected|is to|are to|set to|due to|intends? to|to be held|upcoming|would|could|might|may|should|must|hopes? to|aims? to|next"),
                Tense::Future,
            ),
            (
                re(r"was|were|had|did|said|told|met|spoke|held|made|took|gave|came|went|announced|signed|began|ended|agreed|(?-i:[a-z]{2,}ed)"),
                Tense::Past,
            ),
            (re(r"is|are|says|say|has|have|does"), Tense::Present),
        ]
    })
}

/// The sentence around `[start, end)` (byte offsets): from the last sentence end before it to
/// the next one after it.
pub fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let before = &text[..start];
    let from = before
        .rfind(['.', '!', '?', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let after = &text[end..];
    let to = after
        .find(['.', '!', '?', '\n'])
        .map(|i| end + i)
        .unwrap_or(text.len());
    (from, to)
}

/// Words right before a date that make it a deadline or a schedule: "payable Dec. 15", "by
/// Jan. 14", "effective Feb. 1".
#[allow(clippy::expect_used)]
fn ahead_of_it() -> &'static Regex {
    static AHEAD: OnceLock<Regex> = OnceLock::new();
    AHEAD.get_or_init(|| {
        Regex::new(r"(?i)\b(?:by|until|till|through|effective|payable|starting|beginning|due|expires?|expiring|scheduled for|planned for|set for|slated for|as early as|as soon as|in time for|ahead of|no later than)(?:\s+(?:the|on|in|at|early|late|mid-?))?\s*$")
            .expect("schedule words compile")
    })
}

/// The tense of the verb nearest to the expression, within its sentence; past when none is
/// found, as news reports mostly do.
pub fn around(text: &str, start: usize, end: usize) -> Tense {
    let (from, to) = sentence(text, start, end);
    let mut lead = start.saturating_sub(30).max(from);
    while !text.is_char_boundary(lead) {
        lead += 1;
    }
    if ahead_of_it().is_match(&text[lead..start]) {
        return Tense::Future;
    }
    let mut best: Option<(usize, Tense)> = None;
    for (re, tense) in markers() {
        for m in re.find_iter(&text[from..to]) {
            let (ms, me) = (from + m.start(), from + m.end());
            if ms < end && me > start {
                continue;
            }
            // The verb that governs an expression mostly comes before it.
            let distance = if me <= start {
                start - me
            } else {
                (ms - end) * 2
            };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, *tense));
            }
        }
    }
    best.map(|(_, t)| t).unwrap_or(Tense::Past)
}

//! Chinese (and Japanese, Korean) text for full-text search. FTS5's `unicode61` tokenizer
//! keeps a run of Han characters as one token, so 习近平会见拜登 is a single word and a
//! search for 拜登 finds nothing; the trigram tokenizer cannot match two characters at all.
//! So each run is indexed as overlapping character pairs (习近 近平 平会 会见 见拜 拜登)
//! plus its last character alone, the way search engines index CJK text, in a column of its
//! own; a search turns each run it is given into the same pairs, as a phrase.

/// Whether `c` is written without spaces between words: Han ideographs, kana, Hangul.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // hiragana, katakana
        | 0x3400..=0x4DBF     // Han extension A
        | 0x4E00..=0x9FFF     // Han
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // Han compatibility
        | 0x20000..=0x2FA1F) // Han extensions B–F, compatibility supplement
}

/// The maximal runs of CJK characters in `text`.
pub fn runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_cjk(c)).filter(|r| !r.is_empty())
}

/// The pairs of one run, in order (a single character is its own "pair").
fn pairs(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() == 1 {
        return vec![run.to_owned()];
    }
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// What the search column holds for `text`: every run's pairs and its last character,
/// separated by spaces. Empty when the text has no CJK characters.
pub fn index_text(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for run in runs(text) {
        let chars = run.chars().count();
        out.extend(pairs(run));
        if chars > 1 {
            out.push(run.chars().last().map(String::from).unwrap_or_default());
        }
    }
    out.join(" ")
}

/// The FTS5 query for one run a user typed: its pairs as a phrase in the `cjk` column; a
/// single character matches as the start of a pair (or a run's last character).
pub fn query(run: &str) -> String {
    let pairs = pairs(run);
    if pairs.len() == 1 && run.chars().count() == 1 {
        format!("cjk : \"{run}\"*")
    } else {
        format!("cjk : \"{}\"", pairs.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_indexed_as_pairs_and_its_last_character() {
        assert_eq!(
            index_text("Xi: 习近平会见拜登。"),
            "习近 近平 平会 会见 见拜 拜登 登"
        );
        assert_eq!(index_text("中"), "中");
        assert_eq!(index_text("no Chinese here"), "");
    }

    #[test]
    fn a_typed_run_becomes_a_phrase_of_pairs() {
        assert_eq!(query("拜登"), "cjk : \"拜登\"");
        assert_eq!(query("习近平"), "cjk : \"习近 近平\"");
        assert_eq!(query("美"), "cjk : \"美\"*");
    }
}

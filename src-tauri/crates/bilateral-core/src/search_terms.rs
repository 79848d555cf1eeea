//! A search's word prefixes spelt out as the indexed words they stand for. FTS5 answers a
//! prefix (`"trade"*`) by merging the lists of every word that starts with it, whole, before
//! giving its first row (30 ms at a million events for a word in every event, and again at
//! each use); the same words listed (`"trade" OR "trader" OR …`) are read lazily, largest row
//! id first, so a common word's most significant matches come without reading the rest.

use rusqlite::Connection;

use crate::error::Result;

/// A prefix standing for more indexed words than this is left as a prefix.
const MOST_WORDS: usize = 32;

/// The highest character: every word starting with a prefix sorts below the prefix plus it.
const LAST_CHAR: char = '\u{10FFFF}';

/// `fts` (an expression `search_syntax` wrote) with each one-word prefix (`"trade"*`) replaced
/// by the indexed words it stands for, ORed, or by a phrase no row holds when it stands for
/// none. Only plain ASCII letters and digits are spelt out: for them the index's folding
/// (lower case, diacritics removed) is lower case alone, so the words listed are exactly the
/// ones the prefix matches. Anything else stays as written.
pub(crate) fn expand(conn: &Connection, fts: &str) -> Result<String> {
    let mut out = String::with_capacity(fts.len());
    let mut rest = fts;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else {
            out.push_str(&rest[open..]);
            return Ok(out);
        };
        let word = &after[..close];
        let tail = &after[close + 1..];
        let plain = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric());
        if plain && tail.starts_with('*') {
            out.push_str(&spelt_out(conn, &word.to_ascii_lowercase())?);
            rest = &tail[1..];
        } else {
            // Quoted text, kept whole (a doubled quote inside is FTS5's escape, and falls
            // through here as an empty word between two quotes).
            out.push_str(&rest[open..open + close + 2]);
            rest = tail;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The words of the index starting with `prefix`, as `("a" OR "b")`; the prefix itself when
/// there are too many to list.
fn spelt_out(conn: &Connection, prefix: &str) -> Result<String> {
    let upper = format!("{prefix}{LAST_CHAR}");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT term FROM events_fts_terms WHERE term >= ?1 AND term < ?2 LIMIT {}",
        MOST_WORDS + 1
    ))?;
    let words = stmt
        .query_map([prefix, upper.as_str()], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    if words.len() > MOST_WORDS {
        return Ok(format!("\"{prefix}\"*"));
    }
    let listed: Vec<String> = words
        .iter()
        .filter(|w| w.starts_with(prefix))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    Ok(if listed.is_empty() {
        // No indexed word starts with it: the prefix itself, as cheap, still matches nothing.
        format!("\"{prefix}\"*")
    } else {
        format!("({})", listed.join(" OR "))
    })
}

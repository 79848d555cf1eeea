//! The search box's syntax: phrases, OR, exclusions and field prefixes over a real store
//! file, hostile input, and plain queries answering exactly as they did before the syntax.

use std::path::PathBuf;

use bilateral_core::SearchQuery;

use crate::fixtures::shipped_store;

/// What a user types without any operator, from English words and prefixes to Chinese runs.
const PLAIN_QUERIES: &[&str] = &[
    "trade",
    "wang yi",
    "taiwan strait",
    "summit",
    "xi biden",
    "tariffs 2018",
    "sanction",
    "military-to-military",
    "US-China",
    "nix",
    "ping pong",
    "beijing apec",
    "human rights",
    "Nixon's visit",
    "or",
    "习近平",
    "拜登",
    "中美",
    "南海 arbitration",
    "美",
];

/// Every hit's id and snippet for each plain query, one per line.
fn plain_answers(store: &bilateral_core::Store) -> String {
    let mut out = String::new();
    for text in PLAIN_QUERIES {
        out += &format!("## {text}\n");
        let hits = store
            .search(&SearchQuery {
                text: (*text).to_owned(),
                limit: 50,
                filter: None,
            })
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        for hit in hits {
            out += &format!("{}\t{}\n", hit.id, hit.snippet.replace('\n', " "));
        }
    }
    out
}

#[test]
fn plain_queries_answer_as_before_the_syntax() {
    let (_dir, store, _) = shipped_store();
    let actual = plain_answers(&store);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/plain_search.txt");
    if std::env::var_os("BILATERAL_BLESS").is_some() {
        std::fs::write(&path, &actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is missing ({e})", path.display()));
    assert!(
        actual == expected,
        "plain searches answer differently from before the syntax (BILATERAL_BLESS=1 accepts it)"
    );
}

//! The search box's syntax: phrases, OR, exclusions and field prefixes over a real store
//! file, hostile input, and plain queries answering exactly as they did before the syntax.

use std::path::PathBuf;

use bilateral_core::{Actor, Event, Filter, Kind, SearchQuery, Side, Store};

use crate::fixtures::{event, shipped_store, store_on_disk};

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

fn actor(name: &str, side: Side, name_zh: Option<&str>) -> Actor {
    Actor {
        name: name.into(),
        side,
        name_zh: name_zh.map(Into::into),
        pinyin: None,
    }
}

fn with(
    id: &str,
    start: &str,
    kind: Kind,
    title: &str,
    summary: &str,
    actors: Vec<Actor>,
    tags: &[&str],
) -> Event {
    let mut e = event(id, start, kind);
    e.title = title.into();
    e.summary = summary.into();
    e.actors = actors;
    e.tags = tags.iter().map(|t| (*t).to_owned()).collect();
    e.location = None;
    e.sources[0].quote = None;
    e
}

/// Seven events on a store file, one of each shape the syntax reaches.
fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, mut store, _) = store_on_disk();
    let biden = || actor("Joe Biden", Side::Us, None);
    let xi = || actor("Xi Jinping", Side::China, Some("习近平"));
    let mut tariffs = with(
        "tariffs",
        "2018-07-06",
        Kind::TradeMeasure,
        "US imposes tariffs on Chinese goods",
        "Section 301 tariffs take effect; China retaliates.",
        vec![actor("Donald Trump", Side::Us, None)],
        &["trade-war"],
    );
    tariffs.title_zh = Some("美国对中国商品加征关税".into());
    let mut taipei = with(
        "taipei",
        "2019-03-01",
        Kind::Statement,
        "Taipei responds to trade talks",
        "A statement on the talks.",
        vec![actor("Tsai Ing-wen", Side::Taiwan, None)],
        &["Human Rights"],
    );
    taipei.location = Some("Taipei, Taiwan".into());
    let mut hk = with(
        "hk",
        "2020-06-30",
        Kind::Legislation,
        "Hong Kong national security law",
        "Beijing passes the law.",
        vec![actor("National People's Congress", Side::China, None)],
        &["human rights"],
    );
    hk.title_zh = Some("香港国安法".into());
    let events = [
        tariffs,
        taipei,
        hk,
        with(
            "call",
            "2022-07-28",
            Kind::Call,
            "Biden and Xi hold a phone call",
            "Talks on Taiwan.",
            vec![biden(), xi()],
            &["taiwan"],
        ),
        with(
            "balloon",
            "2023-02-04",
            Kind::MilitaryIncident,
            "US shoots down Chinese balloon",
            "The balloon was downed off South Carolina.",
            vec![biden()],
            &["balloon"],
        ),
        with(
            "woodside",
            "2023-11-15",
            Kind::Summit,
            "Biden and Xi meet at Woodside",
            "Leaders restore military-to-military communications.",
            vec![biden(), xi()],
            &["summit", "apec"],
        ),
        with(
            "bangkok",
            "2024-01-26",
            Kind::Meeting,
            "Sullivan and Wang Yi meet in Bangkok",
            "Talks on Taiwan and fentanyl.",
            vec![
                actor("Jake Sullivan", Side::Us, None),
                actor("Wang Yi", Side::China, Some("王毅")),
            ],
            &["fentanyl"],
        ),
    ];
    for e in events {
        store.create(e).expect("create");
    }
    (dir, store)
}

fn run(store: &Store, text: &str, filter: Option<Filter>) -> bilateral_core::Result<Vec<String>> {
    Ok(store
        .search(&SearchQuery {
            text: text.into(),
            limit: 20,
            filter,
        })?
        .into_iter()
        .map(|h| h.id)
        .collect())
}

fn ids(store: &Store, text: &str) -> Vec<String> {
    run(store, text, None).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// The same ids in any order: ranks among equally good hits are not what these tests hold.
fn set(store: &Store, text: &str) -> Vec<String> {
    let mut found = ids(store, text);
    found.sort();
    found
}

fn refused(store: &Store, text: &str) -> String {
    let err = run(store, text, None).expect_err(text);
    assert_eq!(err.code(), "invalid", "{text:?}: {err}");
    err.payload().message
}

#[test]
fn quotes_match_a_phrase_in_order() {
    let (_dir, store) = seeded();
    assert_eq!(ids(&store, "\"wang yi\""), ["bangkok"]);
    assert!(ids(&store, "\"yi wang\"").is_empty(), "order counts");
    assert_eq!(
        ids(&store, "\"meet at\""),
        ["woodside"],
        "Bangkok's title says meet in"
    );
    assert!(
        ids(&store, "\"wood\"").is_empty(),
        "a closed phrase matches whole words"
    );
    assert_eq!(
        ids(&store, "\"meet at wood"),
        ["woodside"],
        "an open quote is a phrase still being typed"
    );
}

#[test]
fn or_matches_either_side() {
    let (_dir, store) = seeded();
    assert_eq!(set(&store, "woodside OR bangkok"), ["bangkok", "woodside"]);
    assert_eq!(
        set(&store, "taiwan woodside OR bangkok"),
        ["bangkok"],
        "OR binds the words beside it; the other words still must match"
    );
    assert_eq!(
        set(&store, "\"phone call\" OR \"wang yi\" OR tariffs"),
        ["bangkok", "call", "tariffs"]
    );
    assert_eq!(
        set(&store, "woodside or"),
        Vec::<String>::new(),
        "a lower-case or is a word"
    );
    assert_eq!(
        ids(&store, "woodside OR"),
        ["woodside"],
        "a dangling OR is ignored"
    );
}

#[test]
fn a_dash_leaves_out_what_it_matches() {
    let (_dir, store) = seeded();
    assert_eq!(set(&store, "biden"), ["balloon", "call", "woodside"]);
    assert_eq!(set(&store, "biden -balloon"), ["call", "woodside"]);
    assert_eq!(set(&store, "biden -\"phone call\" -woodside"), ["balloon"]);
    assert_eq!(
        set(&store, "biden -kind:call"),
        ["balloon", "woodside"],
        "a prefix can be left out too"
    );
    assert_eq!(
        ids(&store, "-biden -taiwan"),
        ["hk", "tariffs"],
        "exclusions alone list the other events, newest first"
    );
    assert_eq!(
        set(&store, "military-to-military"),
        ["woodside"],
        "a dash inside a word is not an exclusion"
    );
}

#[test]
fn kind_accepts_stored_names_and_labels_in_any_case() {
    let (_dir, store) = seeded();
    for text in [
        "kind:trade_measure",
        "kind:\"trade measure\"",
        "kind:\"Trade measure\"",
        "KIND:Trade-Measure",
    ] {
        assert_eq!(ids(&store, text), ["tariffs"], "{text}");
    }
    assert_eq!(ids(&store, "kind:summit"), ["woodside"]);
    assert_eq!(
        ids(&store, "-kind:\"trade measure\" before:2020"),
        ["taipei"],
        "a quoted kind can be left out"
    );
    assert_eq!(
        ids(&store, "kind:summit OR kind:meeting OR kind:call"),
        ["bangkok", "woodside", "call"],
        "prefixes alone list their events newest first"
    );
    let message = refused(&store, "kind:parade");
    assert!(
        message.starts_with("unknown kind \"parade\"; kinds are summit, meeting, call,"),
        "{message}"
    );
    assert!(message.contains("trade_measure"), "{message}");
    assert!(refused(&store, "biden kind:").contains("kind: needs a value"));
}

#[test]
fn actor_matches_part_of_a_name_in_any_script() {
    let (_dir, store) = seeded();
    assert_eq!(ids(&store, "actor:\"Wang Yi\""), ["bangkok"]);
    assert_eq!(ids(&store, "actor:wang"), ["bangkok"]);
    assert_eq!(
        ids(&store, "actor:王毅"),
        ["bangkok"],
        "Chinese names count"
    );
    assert_eq!(
        ids(&store, "actor:biden"),
        ["woodside", "balloon", "call"],
        "newest first"
    );
    assert_eq!(ids(&store, "actor:biden actor:xi -kind:call"), ["woodside"]);
    assert!(
        ids(&store, "actor:%").is_empty(),
        "a LIKE wildcard typed is a character, not any name"
    );
    assert!(ids(&store, "actor:\"Wang Yi\" balloon").is_empty());
    assert!(
        ids(&store, "actor:nobody").is_empty(),
        "no actor has that name"
    );
    assert_eq!(
        set(&store, "-actor:nobody"),
        set(&store, "-actor:zzzz"),
        "leaving out an actor no event has leaves every event"
    );
    assert!(set(&store, "-actor:nobody").contains(&"bangkok".to_owned()));
    assert!(!set(&store, "-actor:wang").contains(&"bangkok".to_owned()));
}

#[test]
fn tag_side_and_dates_narrow_the_match() {
    let (_dir, store) = seeded();
    assert_eq!(ids(&store, "tag:apec"), ["woodside"]);
    assert!(ids(&store, "tag:ape").is_empty(), "a tag matches whole");
    assert_eq!(
        ids(&store, "tag:\"HUMAN RIGHTS\""),
        ["hk", "taipei"],
        "tags match in any case"
    );
    assert_eq!(ids(&store, "side:taiwan"), ["taipei"]);
    assert_eq!(ids(&store, "talks side:Taiwan"), ["taipei"]);
    assert_eq!(
        refused(&store, "side:mars"),
        "unknown side \"mars\"; sides are us, china, taiwan, third_party, international"
    );
    assert_eq!(ids(&store, "year:2023"), ["woodside", "balloon"]);
    assert_eq!(ids(&store, "before:2020"), ["taipei", "tariffs"]);
    assert_eq!(ids(&store, "after:2023"), ["bangkok"]);
    assert_eq!(ids(&store, "after:2023-06 before:2024"), ["woodside"]);
    assert_eq!(
        set(&store, "biden after:2022-07-28"),
        ["balloon", "woodside"],
        "after a day means starting on a later day"
    );
    assert!(refused(&store, "year:20").contains("not a year"));
    assert!(refused(&store, "before:soon").contains("before:\"soon\" is not a date"));
}

#[test]
fn prefixes_combine_with_the_active_filter() {
    let (_dir, store) = seeded();
    let meetings = Filter {
        kinds: vec![Kind::Meeting],
        ..Filter::default()
    };
    assert_eq!(
        run(
            &store,
            "kind:summit OR kind:meeting",
            Some(meetings.clone())
        )
        .unwrap(),
        ["bangkok"]
    );
    assert_eq!(
        run(&store, "-fentanyl", Some(meetings.clone())).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(
        run(&store, "taiwan -kind:call", Some(meetings)).unwrap(),
        ["bangkok"]
    );
}

#[test]
fn chinese_runs_work_with_every_operator() {
    let (_dir, store) = seeded();
    assert_eq!(ids(&store, "关税"), ["tariffs"]);
    assert_eq!(ids(&store, "\"中国商品\""), ["tariffs"]);
    assert_eq!(set(&store, "关税 OR 国安"), ["hk", "tariffs"]);
    assert_eq!(ids(&store, "kind:legislation 香港"), ["hk"]);
    assert!(ids(&store, "香港 -国安").is_empty());
    assert_eq!(ids(&store, "习近平 -kind:call"), ["woodside"]);
    let hit = &store
        .search(&SearchQuery {
            text: "kind:trade_measure 关税".into(),
            limit: 5,
            filter: None,
        })
        .unwrap()[0];
    assert!(
        hit.snippet.contains("\u{2}关税\u{3}"),
        "the Chinese match is marked, not the prefix: {:?}",
        hit.snippet
    );
}

#[test]
fn fts5_syntax_typed_is_searched_as_text_never_run() {
    let (_dir, store) = seeded();
    let specials = [
        "\"",
        "\"\"",
        "(",
        ")",
        "*",
        ":",
        "^",
        "+",
        "-",
        "--",
        "- -",
        ".",
        ",",
        ";",
        "{",
        "}",
        "[",
        "]",
        "'",
        "\\",
        "%",
        "_",
        "NEAR",
        "NEAR(",
        "AND",
        "OR",
        "NOT",
        "OR OR",
        "AND OR NOT",
        "\" OR \"",
        "-\"\"",
        "-\"",
        "''",
        "\u{0}",
        "col:",
        "{title summary}:",
    ];
    for text in specials {
        run(&store, text, None).unwrap_or_else(|e| panic!("{text:?} must not break search: {e}"));
    }
    for text in [
        "(woodside",
        "woodside)",
        "woodside*",
        "^woodside",
        "+woodside",
        "woodside:",
        "\"woodside",
        "woodside\"",
        "woodside\"biden",
        "woodside AND",
        "AND woodside",
        "'woodside'",
        "woodside;",
        "woodside%",
    ] {
        assert!(
            ids(&store, text).contains(&"woodside".to_owned()),
            "{text:?} still finds the event named in it"
        );
    }
    assert_eq!(
        set(&store, "NOT woodside"),
        Vec::<String>::new(),
        "NOT is a word (none of these events says not)"
    );
}

#[test]
fn unknown_prefixes_are_plain_words() {
    let (_dir, store) = seeded();
    assert_eq!(
        ids(&store, "balloon:woodside"),
        ids(&store, "balloon woodside")
    );
    assert_eq!(ids(&store, "carolina: balloon"), ["balloon"]);
    assert_eq!(ids(&store, "section:301"), ["tariffs"]);
}

#[test]
fn misused_or_is_refused_with_the_reason() {
    let (_dir, store) = seeded();
    assert!(refused(&store, "woodside OR kind:call").starts_with("OR joins words and phrases"));
    assert!(refused(&store, "-woodside OR bangkok").starts_with("OR cannot join a word left out"));
}

#[test]
fn prefix_only_listings_respect_the_limit() {
    let (_dir, store) = seeded();
    let found = store
        .search(&SearchQuery {
            text: "-zzz".into(),
            limit: 3,
            filter: None,
        })
        .unwrap();
    let found: Vec<&str> = found.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(found, ["bangkok", "woodside", "balloon"]);
}

/// 6,000 events, one a day from 2000: a search with no word lists its hits newest first,
/// whether they lie only among the oldest events, partly among the newest, or throughout.
#[test]
fn searches_without_words_list_their_hits_newest_first_wherever_they_lie() {
    let (_dir, mut store, _) = store_on_disk();
    let first = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
    let events: Vec<Event> = (0..6_000_i64)
        .map(|i| {
            let day = first + chrono::Duration::days(i);
            let kind = if i < 60 {
                Kind::Summit
            } else if !(160..5_990).contains(&i) {
                Kind::Hearing
            } else {
                Kind::Statement
            };
            let mut e = event(
                &format!("day-{i}"),
                &day.format("%Y-%m-%d").to_string(),
                kind,
            );
            if i >= 5_970 {
                e.title = format!("Climate talks, day {i}");
            }
            e
        })
        .collect();
    store.import(&events).expect("import");
    let ids = |text: &str| -> Vec<String> {
        store
            .search(&SearchQuery {
                text: text.into(),
                limit: 50,
                filter: None,
            })
            .expect("search")
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    let days = |range: Vec<i64>| -> Vec<String> {
        range.into_iter().map(|i| format!("day-{i}")).collect()
    };
    assert_eq!(
        ids("kind:summit"),
        days((10..60).rev().collect()),
        "summits only among the oldest events"
    );
    assert_eq!(
        ids("kind:hearing"),
        days((5_990..6_000).rev().chain((120..160).rev()).collect()),
        "ten hearings among the newest, the rest of the page from the oldest"
    );
    assert_eq!(
        ids("-climate"),
        days((5_920..5_970).rev().collect()),
        "the newest events without the word"
    );
    assert_eq!(
        ids("kind:statement before:2016"),
        days(
            (160..5_990)
                .filter(|i| first + chrono::Duration::days(*i)
                    < chrono::NaiveDate::from_ymd_opt(2016, 1, 1).expect("date"))
                .rev()
                .take(50)
                .collect()
        ),
        "a common kind before a date"
    );
}

//! The shipped eras (US administrations, PRC paramount leaders) and the rules every eras file
//! must keep.

use std::collections::HashMap;

use bilateral_core::eras::{self, Era, EraGroup};
use bilateral_core::web_url::citation_problems;
use bilateral_core::{dataset, Error, PartialDate};

fn read(name: &str) -> String {
    let path = format!("{}/../../../data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("data/{name} is readable: {e}"))
}

fn shipped() -> Vec<Era> {
    eras::parse(&read("eras.json"), "data/eras.json").expect("data/eras.json parses and validates")
}

fn group(eras: &[Era], group: EraGroup) -> Vec<&Era> {
    eras.iter().filter(|e| e.group == group).collect()
}

fn day(text: &str) -> PartialDate {
    text.parse().expect("a test date")
}

#[test]
fn the_app_reads_the_same_eras_as_the_file() {
    assert_eq!(
        eras::shipped().expect("the embedded eras are valid"),
        shipped()
    );
}

#[test]
fn every_president_since_nixon_is_an_era_in_order() {
    let eras = shipped();
    let names: Vec<&str> = group(&eras, EraGroup::UsAdministration)
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Richard Nixon",
            "Gerald Ford",
            "Jimmy Carter",
            "Ronald Reagan",
            "George H. W. Bush",
            "Bill Clinton",
            "George W. Bush",
            "Barack Obama",
            "Donald Trump",
            "Joe Biden",
            "Donald Trump",
        ],
        "the US band would skip or misorder a president"
    );
}

#[test]
fn every_paramount_leader_since_mao_is_an_era_in_order() {
    let eras = shipped();
    let names: Vec<&str> = group(&eras, EraGroup::PrcLeader)
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Mao Zedong",
            "Hua Guofeng",
            "Deng Xiaoping",
            "Jiang Zemin",
            "Hu Jintao",
            "Xi Jinping"
        ],
        "the PRC band would skip or misorder a leader"
    );
}

/// History has no gap in either series: each era ends on the day the next begins, and only the
/// current one is open.
#[test]
fn each_group_is_contiguous_and_only_its_last_era_is_open() {
    let eras = shipped();
    for g in EraGroup::ALL {
        let series = group(&eras, g);
        assert!(!series.is_empty(), "{g:?} has no eras");
        for pair in series.windows(2) {
            assert_eq!(
                pair[0].end,
                Some(pair[1].start),
                "{} must end on the day {} begins: the band would show a gap or an overlap",
                pair[0].id,
                pair[1].id
            );
        }
        let last = series.last().expect("non-empty");
        assert_eq!(
            last.end, None,
            "{} is the current era and has no end",
            last.id
        );
    }
}

/// Presidents take office on 20 January of the year after an election, or on the day their
/// predecessor leaves office early (Ford, 9 August 1974).
#[test]
fn us_eras_begin_on_inauguration_day() {
    let eras = shipped();
    let series = group(&eras, EraGroup::UsAdministration);
    assert_eq!(series[0].start, day("1969-01-20"));
    for era in &series {
        let text = era.start.to_string();
        let year: i32 = text[..4].parse().expect("year");
        let scheduled = text.ends_with("-01-20") && year % 4 == 1;
        let succession = era.id == "us-1974-ford" && text == "1974-08-09";
        assert!(
            scheduled || succession,
            "{} starts on {text}, which is neither an inauguration day nor Ford's succession",
            era.id
        );
    }
    let trump_second = series
        .iter()
        .find(|e| e.id == "us-2025-trump")
        .expect("Trump's second term");
    assert_eq!(trump_second.start, day("2025-01-20"));
}

/// data/README.md states the rule for PRC eras and lists each boundary; the file must say the
/// same, so the documentation and the drawing never disagree.
#[test]
fn prc_eras_follow_the_documented_table() {
    let readme = read("README.md");
    let documented: HashMap<String, String> = readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let id = cells.get(1)?.strip_prefix("`prc-")?.strip_suffix('`')?;
            Some((format!("prc-{id}"), (*cells.get(2)?).to_owned()))
        })
        .collect();
    let eras = shipped();
    let series = group(&eras, EraGroup::PrcLeader);
    assert_eq!(
        documented.len(),
        series.len(),
        "data/README.md documents {documented:?}"
    );
    for era in series {
        assert_eq!(
            documented.get(&era.id).map(String::as_str),
            Some(era.start.to_string().as_str()),
            "{} starts on {}, but data/README.md documents another day",
            era.id,
            era.start
        );
    }
}

#[test]
fn every_era_is_sourced_by_a_public_page_and_named_like_the_events_actors() {
    let events = dataset::parse(&read("events.json"), "data/events.json").expect("dataset");
    let actors: HashMap<&str, Option<&str>> = events
        .iter()
        .flat_map(|e| &e.actors)
        .map(|a| (a.name.as_str(), a.name_zh.as_deref()))
        .collect();
    for era in shipped() {
        assert!(!era.sources.is_empty(), "{} has no source", era.id);
        for source in &era.sources {
            let problems = citation_problems(&source.url);
            assert!(
                problems.is_empty(),
                "{} cites {}: {problems:?}",
                era.id,
                source.url
            );
            assert!(
                source
                    .quote
                    .as_deref()
                    .is_some_and(|q| !q.trim().is_empty()),
                "{} cites {} without the sentence that gives the day",
                era.id,
                source.url
            );
        }
        assert_eq!(
            actors.get(era.name.as_str()),
            Some(&Some(era.name_zh.as_str())),
            "{}: {} / {} must be spelled as the events' actor is",
            era.id,
            era.name,
            era.name_zh
        );
        let prefix = match era.group {
            EraGroup::UsAdministration => "us-",
            EraGroup::PrcLeader => "prc-",
        };
        assert!(
            era.id
                .starts_with(&format!("{prefix}{}-", &era.start.to_string()[..4])),
            "{} must be <group>-<start year>-<name>",
            era.id
        );
    }
}

const ONE: &str = r#"{"id": "us-1969-nixon", "group": "us_administration", "name": "Richard Nixon",
    "name_zh": "尼克松", "start": "1969-01-20", "end": "1974-08-09",
    "sources": [{"url": "https://example.org/nixon", "title": "Nixon", "publisher": "Example"}]}"#;

fn invalid(json: &str) -> (String, String) {
    match eras::parse(json, "eras.json") {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

#[test]
fn overlapping_eras_of_a_group_are_refused_naming_the_later_one() {
    let later = r#"{"id": "us-1974-ford", "group": "us_administration", "name": "Gerald Ford",
        "name_zh": "福特", "start": "1974-08-01",
        "sources": [{"url": "https://example.org/ford", "title": "Ford", "publisher": "Example"}]}"#;
    let (field, message) = invalid(&format!("[{ONE}, {later}]"));
    assert_eq!(field, "eras.json (us-1974-ford).start");
    assert!(message.contains("us-1969-nixon"), "{message}");
}

#[test]
fn eras_of_different_groups_may_overlap() {
    let prc = r#"{"id": "prc-1949-mao", "group": "prc_leader", "name": "Mao Zedong",
        "name_zh": "毛泽东", "start": "1949-10-01", "end": "1976-09-09",
        "sources": [{"url": "https://example.org/mao", "title": "Mao", "publisher": "Example"}]}"#;
    let eras = eras::parse(&format!("[{ONE}, {prc}]"), "eras.json").expect("valid");
    assert_eq!(eras.len(), 2);
}

#[test]
fn an_era_that_ends_before_it_starts_is_refused_naming_its_end() {
    let json = format!("[{}]", ONE.replace("1974-08-09", "1968-01-01"));
    let (field, message) = invalid(&json);
    assert_eq!(field, "eras.json[0] (us-1969-nixon).end");
    assert!(message.contains("1968-01-01"), "{message}");
}

#[test]
fn a_boundary_must_be_a_day() {
    let json = format!("[{}]", ONE.replace("1969-01-20", "1969-01"));
    let (field, _) = invalid(&json);
    assert_eq!(field, "eras.json[0] (us-1969-nixon).start");
}

#[test]
fn an_unsourced_era_is_refused() {
    let json = format!(
        "[{}]",
        ONE.replace(
            r#"[{"url": "https://example.org/nixon", "title": "Nixon", "publisher": "Example"}]"#,
            "[]"
        )
    );
    let (field, _) = invalid(&json);
    assert_eq!(field, "eras.json[0] (us-1969-nixon).sources");
}

#[test]
fn a_source_that_is_not_a_web_page_is_refused() {
    let json = format!(
        "[{}]",
        ONE.replace("https://example.org/nixon", "file:///etc/passwd")
    );
    let (field, _) = invalid(&json);
    assert_eq!(field, "eras.json[0] (us-1969-nixon).sources[0].url");
}

#[test]
fn an_unknown_group_or_field_is_a_parse_error_with_its_line() {
    let json = format!("[{}]", ONE.replace("us_administration", "user_period"));
    match eras::parse(&json, "eras.json") {
        Err(Error::Parse { file, line, .. }) => {
            assert_eq!(file, "eras.json");
            assert_eq!(line, 1);
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn only_the_last_era_of_a_group_may_be_open() {
    let open = ONE.replace(r#", "end": "1974-08-09""#, "");
    let later = r#"{"id": "us-1977-carter", "group": "us_administration", "name": "Jimmy Carter",
        "name_zh": "卡特", "start": "1977-01-20", "end": "1981-01-20",
        "sources": [{"url": "https://example.org/carter", "title": "Carter", "publisher": "Example"}]}"#;
    let (field, message) = invalid(&format!("[{open}, {later}]"));
    assert_eq!(field, "eras.json (us-1977-carter).start");
    assert!(message.contains("us-1969-nixon has no end"), "{message}");
}

//! The rule files of the ingest module (kinds, actors, places, outlets): they parse, they
//! match as documented, and hostile pages cost little and never panic.

use bilateral_core::ingest::rule_file::{self, check_all};
use bilateral_core::ingest::words::{words, PhraseList};
use bilateral_core::ingest::{article, candidates, published, PageFormat, Timex, TimexType};
use bilateral_core::Kind;
use proptest::prelude::*;

#[test]
fn every_rule_file_parses() {
    check_all().expect("kinds.toml, actors.toml, places.toml and outlets.toml parse");
}

#[test]
fn a_broken_rule_file_is_reported_with_its_line() {
    #[derive(Debug, serde::Deserialize)]
    struct Shape {
        #[allow(dead_code)]
        words: Vec<String>,
    }
    let err = rule_file::parse::<Shape>("# a comment\nwords = [\"a\",\n  oops]\n", "test.toml")
        .expect_err("not TOML");
    assert_eq!(err.file, "test.toml");
    assert_eq!(err.line, 3, "{err:?}");
}

fn matches(phrase: &str, text: &str) -> bool {
    let mut list = PhraseList::default();
    list.add(phrase, ());
    !list.find(text, &words(text)).is_empty()
}

#[test]
fn phrases_match_as_the_rule_files_say() {
    assert!(
        matches("summit", "The Summit opened"),
        "lower case matches any case"
    );
    assert!(matches("Xi", "Xi said"));
    assert!(!matches("Xi", "XI said"), "a capital matches as written");
    assert!(matches("sanction*", "new sanctions on"));
    assert!(
        !matches("sanction*", "unsanctioned"),
        "a prefix starts a word"
    );
    assert!(matches("U.S. House", "the U.S. House voted"));
    assert!(!matches("U.S. House", "the U.S House voted"));
    assert!(
        matches("H. R. McMaster", "H.R. McMaster"),
        "spaces around marks are ignored"
    );
    assert!(matches(
        "China's Foreign Ministry",
        "China’s Foreign Ministry said"
    ));
    assert!(matches("Biden", "the Biden-Xi summit"));
    assert!(!matches("Wang Yi", "Wang, Yi"));
}

/// The kind of the one event in `sentence`, dated by `phrase` (valued 2024-01-29).
fn kind_of(sentence: &str, phrase: &str) -> Kind {
    let page = article::read(sentence, PageFormat::Text);
    let start = sentence[..sentence.find(phrase).expect("phrase")]
        .chars()
        .count();
    let timexes = vec![Timex {
        start,
        end: start + phrase.chars().count(),
        text: phrase.to_owned(),
        kind: TimexType::Date,
        value: "2024-01-29".to_owned(),
    }];
    let anchor = published::given("2024-01-31".parse().expect("date"));
    let found = candidates::propose(&page, None, &anchor, &timexes, None).expect("candidates");
    assert_eq!(found.len(), 1, "{sentence}");
    found[0].event.kind
}

#[test]
fn the_trigger_nearest_the_date_gives_the_kind() {
    for (sentence, want) in [
        ("Biden and Xi spoke by phone on Monday.", Kind::Call),
        ("Biden and Xi held a summit on Monday.", Kind::Summit),
        (
            "Commerce added 140 firms to the entity list on Monday.",
            Kind::TradeMeasure,
        ),
        ("The Senate passed the bill on Monday.", Kind::Legislation),
        (
            "A Chinese fighter jet intercepted a U.S. plane on Monday.",
            Kind::MilitaryIncident,
        ),
        (
            "Hackers breached Treasury systems on Monday.",
            Kind::CyberIntelligence,
        ),
        (
            "Prosecutors indicted five officers on Monday.",
            Kind::LegalAction,
        ),
        (
            "Wray testified before the committee on Monday.",
            Kind::Hearing,
        ),
        ("Blinken visited Beijing on Monday.", Kind::Visit),
        ("Sullivan met Wang in Vienna on Monday.", Kind::Meeting),
        ("Taiwan elected Lai on Monday.", Kind::Election),
        (
            "The two sides agreed on Monday to resume talks.",
            Kind::Agreement,
        ),
        (
            "The ministry said on Monday that it was ready.",
            Kind::Statement,
        ),
        ("Nothing much happened on Monday.", Kind::Other),
        ("Xi held telephone talks with Trump on Monday.", Kind::Call),
        // Announcing is weaker than what is announced, in the same clause.
        (
            "We are announcing an indictment against five officers on Monday.",
            Kind::LegalAction,
        ),
        // A visit holds its meetings.
        (
            "Blinken traveled to Beijing for meetings with Xi on Monday.",
            Kind::Visit,
        ),
        // The clause of the date decides: the balloon was shot down some other time.
        (
            "Biden told donors on Monday that Xi was upset when the military shot down a balloon.",
            Kind::Statement,
        ),
        // An attribution ("reported") is not what happened.
        (
            "The FBI disrupted the hacking through a court order, as reported by CNN on Monday.",
            Kind::LegalAction,
        ),
    ] {
        assert_eq!(kind_of(sentence, "Monday"), want, "{sentence}");
    }
}

#[test]
fn deeply_nested_or_bracketed_pages_are_read_whole() {
    let nested = format!(
        "{}<p>Deep text.</p>{}",
        "<article><div>".repeat(5000),
        "</div></article>".repeat(5000)
    );
    let page = article::read(&nested, PageFormat::Html);
    assert_eq!(page.text, "Deep text.");
    let brackets = format!("{}{}", "[".repeat(50_000), "](x)".repeat(1000));
    let md = article::read(&brackets, PageFormat::Markdown);
    assert!(!md.text.is_empty());
    let links = "[a](b) ".repeat(20_000);
    assert_eq!(
        article::read(&links, PageFormat::Markdown).text.len(),
        "a ".repeat(20_000).trim().len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any input, any time expressions (even out of range): no panic, and every candidate is
    /// an event the store accepts.
    #[test]
    fn any_input_reads_without_panicking(
        input in "[ a-zA-Z0-9.,;:!?'\"“”’—\\-\\n<>/=\\[\\]()#*_`é中]{0,400}",
        spans in proptest::collection::vec((0usize..450, 0usize..40, 0usize..6), 0..8),
        format in 0usize..3,
    ) {
        let format = [PageFormat::Text, PageFormat::Html, PageFormat::Markdown][format];
        let page = article::read(&input, format);
        let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).expect("date");
        let anchor = published::detect(&input, format, &page, today);
        let values = ["2024-01-29", "2023-11", "2024", "2024-W04", "2024-FA", "PAST_REF"];
        let timexes: Vec<Timex> = spans
            .iter()
            .map(|&(start, len, v)| Timex {
                start,
                end: start + len,
                text: String::new(),
                kind: TimexType::Date,
                value: values[v].to_owned(),
            })
            .collect();
        let found = candidates::propose(&page, Some("https://example.org/a"), &anchor, &timexes, None)
            .expect("candidates");
        for c in found {
            prop_assert!(c.event.validate().is_ok());
            prop_assert!(c.quote_start <= c.quote_end);
        }
    }
}

//! Source URLs are stored in one normal form, and normalising is idempotent.

use bilateral_core::formats::Format;
use bilateral_core::import::ImportOutcome;
use bilateral_core::merge::{merge, Coverage, Field};
use bilateral_core::model::normalize_web_url;
use bilateral_core::{dataset, Event, Kind, Store};
use proptest::prelude::*;

use crate::fixtures::event;

#[test]
fn scheme_and_host_are_lower_cased_and_spaces_trimmed() {
    let cases = [
        (
            "  HTTPS://Example.ORG/Path?Q=A#Frag  ",
            "https://example.org/Path?Q=A#Frag",
        ),
        ("http://WWW.STATE.GOV", "http://www.state.gov/"),
        ("https://example.org:443/x", "https://example.org/x"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://example.org/a b", "https://example.org/a%20b"),
        ("https://例え.jp/", "https://xn--r8jz45g.jp/"),
    ];
    for (typed, stored) in cases {
        assert_eq!(normalize_web_url(typed).as_deref(), Ok(stored), "{typed:?}");
        assert_eq!(
            normalize_web_url(stored).as_deref(),
            Ok(stored),
            "normalising {stored:?} again changes it"
        );
    }
}

#[test]
fn credentials_in_a_url_are_refused_without_being_repeated() {
    for url in [
        "https://user:secret-password@example.org/x",
        "https://user@example.org/",
        "https://:secret-password@example.org/",
    ] {
        let message = normalize_web_url(url).expect_err("credentials are refused");
        assert!(message.contains("user name or password"), "{message}");
        assert!(
            !message.contains("secret"),
            "the password is repeated: {message}"
        );
    }
    let mut e = event("e", "2020", Kind::Other);
    e.sources[0].url = "https://a:b@example.org/".into();
    let err = e.validate().expect_err("refused");
    assert_eq!(err.field(), Some("sources[0].url"));
}

#[test]
fn tabs_and_line_breaks_inside_a_url_are_refused_not_silently_dropped() {
    for url in [
        "https://exa\tmple.org/",
        "https://example.org/a\nb",
        "https://example.org/\u{202E}",
    ] {
        assert!(normalize_web_url(url).is_err(), "{url:?} was accepted");
    }
}

#[test]
fn two_spellings_of_one_url_are_one_source() {
    let mut e = event("e", "2020", Kind::Other);
    let mut second = e.sources[0].clone();
    second.url = " HTTPS://Example.ORG/e".into();
    e.sources.push(second);
    let err = e.validate().expect_err("a repeated source is refused");
    assert_eq!(err.field(), Some("sources[1].url"));
}

#[test]
fn tracking_parameters_are_dropped_and_the_rest_of_the_query_kept() {
    let cases = [
        (
            "https://www.scmp.com/news/article/3156279/xi?utm_source=rss_feed",
            "https://www.scmp.com/news/article/3156279/xi",
        ),
        (
            "https://news.org/story?id=82426&utm_medium=rss&page=1&fbclid=IwAR",
            "https://news.org/story?id=82426&page=1",
        ),
        (
            "HTTPS://News.ORG:443/a?gclid=1&msclkid=2&mc_cid=3&mc_eid=4&igshid=5&_ga=6&_gl=7",
            "https://news.org/a",
        ),
    ];
    for (typed, stored) in cases {
        assert_eq!(normalize_web_url(typed).as_deref(), Ok(stored), "{typed:?}");
    }
}

#[test]
fn a_link_that_differs_only_by_tracking_is_the_same_source() {
    let mut e = event("e", "2020", Kind::Other);
    e.sources[0].url = "https://news.org/a?id=1".into();
    let mut second = e.sources[0].clone();
    second.url = "https://news.org/a?utm_source=rss&id=1".into();
    e.sources.push(second);
    let err = e.validate().expect_err("a repeated source is refused");
    assert_eq!(err.field(), Some("sources[1].url"));
}

#[test]
fn every_save_and_import_stores_the_cleaned_link() {
    let mut store = Store::in_memory().expect("store");
    let mut saved = event("saved", "2020", Kind::Other);
    saved.sources[0].url = "https://News.org/saved?utm_campaign=x&id=1".into();
    store.create(saved).expect("create");
    assert_eq!(
        store.get("saved").expect("saved").event.sources[0].url,
        "https://news.org/saved?id=1",
        "the editor saved a tracking parameter"
    );
    let mut imported = event("imported", "2021", Kind::Other);
    imported.sources[0].url = "https://news.org/imported/?fbclid=abc".into();
    store.import(&[imported]).expect("import");
    assert_eq!(
        store.get("imported").expect("imported").event.sources[0].url,
        "https://news.org/imported/",
        "an import stored a tracking parameter"
    );
}

/// A calendar file adds its link as a source unless the event has it already: the same
/// page with a tracking parameter is not a second source.
#[test]
fn a_merging_import_does_not_add_a_link_the_event_already_cites() {
    let mut store = Store::in_memory().expect("store");
    let mut stored = event("e", "2020", Kind::Other);
    stored.sources[0].url = "https://news.org/a?id=1".into();
    store.create(stored.clone()).expect("create");
    let mut incoming = stored.clone();
    incoming.sources[0].url = "https://NEWS.org/a?id=1&utm_source=calendar".into();
    let outcome = store
        .import_with_progress(&[incoming], Format::Ics.coverage(), |_, _| true)
        .expect("import");
    assert!(matches!(outcome, ImportOutcome::Imported(_)));
    let sources = store.get("e").expect("e").event.sources;
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert_eq!(sources[0].url, "https://news.org/a?id=1");
}

fn messy() -> Event {
    let mut e = event("messy", "2020", Kind::Summit);
    e.title = "  Leaders meet  ".into();
    e.summary = "\n  Talks.  \n".into();
    e.location = Some("   ".into());
    e.actors[0].name = " Joe Biden ".into();
    e.actors.push(e.actors[0].clone());
    e.actors[2].name = "Joe Biden".into();
    e.tags = vec![" apec".into(), "apec ".into(), "summit".into()];
    e.sources[0].url = " HTTPS://Example.org:443 ".into();
    e.sources[0].title = " A report ".into();
    e.sources[0].publisher = " Example ".into();
    e.sources[0].quote = Some("  ".into());
    e
}

#[test]
fn an_event_is_normalised_as_the_store_keeps_it_and_only_once() {
    let e = messy();
    e.validate().expect("a messy but valid event");
    let once = e.normalized();
    assert_eq!(once.title, "Leaders meet");
    assert_eq!(once.summary, "Talks.");
    assert_eq!(once.location, None);
    assert_eq!(once.actors.len(), 2, "one Joe Biden (US) and Xi Jinping");
    assert_eq!(once.actors[0].name, "Joe Biden");
    assert_eq!(once.tags, ["apec", "summit"]);
    assert_eq!(once.sources[0].url, "https://example.org/");
    assert_eq!(once.sources[0].title, "A report");
    assert_eq!(once.sources[0].publisher, "Example");
    assert_eq!(once.sources[0].quote, None);
    once.validate()
        .expect("a normalised valid event stays valid");
    assert_eq!(
        once.clone().normalized(),
        once,
        "normalising twice changes the event"
    );
}

#[test]
fn an_invalid_url_is_left_for_validate_to_refuse() {
    let mut e = event("e", "2020", Kind::Other);
    e.sources[0].url = " ftp://example.org ".into();
    let normal = e.normalized();
    assert_eq!(normal.sources[0].url, "ftp://example.org");
    assert!(normal.validate().is_err());
}

/// The shipped events must already be in normal form: otherwise each release would mark
/// them as changed.
#[test]
fn the_shipped_dataset_validates_and_is_already_normalised() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../data/events.json");
    let json = std::fs::read_to_string(path).expect("data/events.json is readable");
    let events = dataset::parse(&json, "data/events.json").expect("the dataset validates");
    for e in &events {
        let normal = e.clone().normalized();
        assert_eq!(normal.clone().normalized(), normal, "{}", e.id);
        normal
            .validate()
            .expect("normalised dataset events validate");
        // The verification state is computed, never written in the file.
        let written = Event {
            verification: None,
            ..normal
        };
        assert_eq!(&written, e, "{} is not in normal form", e.id);
    }
}

proptest! {
    #[test]
    fn normalising_a_url_is_idempotent(
        scheme in "(?i)https?",
        host in "[A-Za-z0-9.-]{1,20}",
        port in proptest::option::of(0u16..),
        path in "[ -~\u{a0}-\u{3000}]{0,40}",
        query in proptest::option::of(proptest::collection::vec(
            "(utm_[a-z]{1,6}|UTM_Source|fbclid|gclid|_ga|%75tm_x|id|page|amp|[a-z%+=]{0,5})(=[a-z0-9%+=&]{0,6})?",
            0..5,
        )),
    ) {
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        let query = query.map(|q| format!("?{}", q.join("&"))).unwrap_or_default();
        let typed = format!(" {scheme}://{host}{port}/{path}{query} ");
        if let Ok(once) = normalize_web_url(&typed) {
            prop_assert_eq!(normalize_web_url(&once), Ok(once.clone()), "{:?}", typed);
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["(?s).{0,12}", "[ a-cA-C\t\n]{0,8}"]
}

/// An event holding whatever the strategies give: stray spaces, repeated actors and tags,
/// URLs in any case, with or without a default port.
fn messy_event(
    title: String,
    summary: String,
    location: Option<String>,
    names: Vec<String>,
    tags: Vec<String>,
    urls: Vec<String>,
    quote: Option<String>,
) -> Event {
    let mut e = event("e", "2020", Kind::Other);
    e.title = title;
    e.summary = summary;
    e.location = location;
    for (i, name) in names.into_iter().enumerate() {
        e.actors.push(bilateral_core::Actor {
            name,
            side: bilateral_core::Side::ALL[i % 5],
            name_zh: None,
            pinyin: None,
        });
    }
    e.tags.extend(tags);
    for url in urls {
        let mut source = e.sources[0].clone();
        source.url = url;
        source.quote = quote.clone();
        e.sources.push(source);
    }
    e
}

fn any_messy_event() -> impl Strategy<Value = Event> {
    (
        text(),
        text(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..4),
        proptest::collection::vec(text(), 0..4),
        proptest::collection::vec("[ ]?(?i)https?://[a-cA-C]{1,3}(:443)?/[a-c ]{0,3}", 0..3),
        proptest::option::of(text()),
    )
        .prop_map(|(title, summary, location, names, tags, urls, quote)| {
            messy_event(title, summary, location, names, tags, urls, quote)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever an event holds, normalising it twice gives what normalising once gave, and a
    /// valid event stays valid: the store may normalise before or after validating.
    #[test]
    fn normalising_an_event_is_idempotent_and_keeps_it_valid(e in any_messy_event()) {
        let once = e.clone().normalized();
        prop_assert_eq!(once.clone().normalized(), once.clone());
        if e.validate().is_ok() {
            prop_assert!(once.validate().is_ok(), "{:?}", once.validate());
        }
    }

    /// An import normalises each event as it is read, before it meets the stored one: merging
    /// it then gives what merging the event as read, then normalising, gave, whatever the file
    /// carries (every importable format, and a file of links only).
    #[test]
    fn merging_a_normalised_event_gives_the_normalised_merge(stored in any_messy_event(), incoming in any_messy_event()) {
        let stored = stored.normalized();
        let links_only = Coverage::of(&[Field::Title, Field::SourceLinks]);
        let coverages = [Format::Json, Format::Csv, Format::Ics, Format::TimelineJs, Format::TimelineJsCsv, Format::Gdelt]
            .map(Format::coverage)
            .into_iter()
            .chain([links_only]);
        for coverage in coverages {
            prop_assert_eq!(
                merge(&stored, &incoming.clone().normalized(), coverage).normalized(),
                merge(&stored, &incoming, coverage).normalized(),
                "{:?}", coverage.fields()
            );
        }
    }
}

//! Candidate events from the seed article, with time expressions as a correct tagger gives
//! them (anchored on 2024-01-31, the day of the story's last update), against a store holding
//! the shipped dataset.

use bilateral_core::ingest::actors::Cast;
use bilateral_core::ingest::{self, article, candidates, store_names, words, Candidate};
use bilateral_core::ingest::{PageFormat, Timex, TimexType};
use bilateral_core::{Kind, Side, Store};

use crate::fixtures::shipped_store;

pub fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/ingest/seed-article.txt"
    ))
    .expect("the seed article is readable")
}

/// The `nth` (from 0) occurrence of `phrase` in `text` as a time expression.
fn timex(text: &str, phrase: &str, nth: usize, kind: TimexType, value: &str) -> Timex {
    let byte = text
        .match_indices(phrase)
        .nth(nth)
        .unwrap_or_else(|| panic!("{phrase:?} occurs {} times", nth + 1))
        .0;
    let start = text[..byte].chars().count();
    Timex {
        start,
        end: start + phrase.chars().count(),
        text: phrase.to_owned(),
        kind,
        value: value.to_owned(),
    }
}

/// The seed's time expressions as TimeML annotates them (the corpus's gold, plus the page's
/// own date line), in text order.
pub fn seed_timexes(text: &str) -> Vec<Timex> {
    use TimexType::{Date, Duration};
    let mut all = vec![
        timex(text, "Thursday, April 18, 2024", 0, Date, "2024-04-18"),
        timex(text, "2024", 2, Date, "2024"),
        timex(text, "months", 0, Duration, "PXM"),
        timex(text, "this fall", 0, Date, "2024-FA"),
        timex(text, "recent months", 0, Duration, "PXM"),
        timex(text, "2016", 0, Date, "2016"),
        timex(text, "2016", 1, Date, "2016"),
        timex(text, "2024", 3, Date, "2024"),
        timex(text, "several months", 0, Duration, "PXM"),
        timex(text, "Monday", 0, Date, "2024-01-29"),
        timex(text, "Wednesday", 0, Date, "2024-01-31"),
        timex(text, "2024", 4, Date, "2024"),
        timex(text, "the years", 0, Duration, "PXY"),
        timex(text, "2020", 0, Date, "2020"),
        timex(text, "December", 0, Date, "2023-12"),
        timex(text, "2022", 0, Date, "2022"),
        timex(text, "September", 0, Date, "2023-09"),
        timex(text, "Last week", 0, Date, "2024-W04"),
        timex(text, "2024", 5, Date, "2024"),
        timex(text, "this year", 0, Date, "2024"),
        timex(text, "2020", 1, Date, "2020"),
        timex(text, "2024", 6, Date, "2024"),
        timex(text, "A Year", 0, Duration, "P1Y"),
        timex(text, "2024", 7, Date, "2024"),
        timex(text, "the last year", 0, Duration, "P1Y"),
        timex(text, "November", 0, Date, "2023-11"),
        timex(text, "last June", 0, Date, "2023-06"),
        timex(text, "several months", 1, Duration, "PXM"),
    ];
    all.sort_by_key(|t| t.start);
    all
}

fn anchor() -> ingest::Published {
    ingest::published::given("2024-01-31".parse().expect("date"))
}

const URL: &str = "https://example.org/2024/01/30/xi-assurance";

fn propose_seed(store: Option<&Store>, url: Option<&str>) -> (String, Vec<Timex>, Vec<Candidate>) {
    let text = seed();
    let page = article::read(&text, PageFormat::Text);
    let timexes = seed_timexes(&text);
    let found = candidates::propose(&page, url, &anchor(), &timexes, store).expect("candidates");
    (text, timexes, found)
}

fn by_start<'c>(found: &'c [Candidate], start: &str) -> &'c Candidate {
    found
        .iter()
        .find(|c| c.event.start.to_string() == start)
        .unwrap_or_else(|| panic!("no candidate starts on {start}: {:#?}", titles(found)))
}

fn titles(found: &[Candidate]) -> Vec<String> {
    found
        .iter()
        .map(|c| format!("{} {}", c.event.start, c.event.title))
        .collect()
}

fn actors(c: &Candidate) -> Vec<(String, Side)> {
    c.event
        .actors
        .iter()
        .map(|a| (a.name.clone(), a.side))
        .collect()
}

fn actor(name: &str, side: Side) -> (String, Side) {
    (name.to_owned(), side)
}

#[test]
fn the_seed_gives_one_candidate_per_dated_happening() {
    let (_dir, store, _path) = shipped_store();
    let (_, timexes, found) = propose_seed(Some(&store), Some(URL));
    let dated: Vec<(String, Option<String>, &str)> = found
        .iter()
        .map(|c| {
            (
                c.event.start.to_string(),
                c.event.end.map(|e| e.to_string()),
                timexes[c.timex].text.as_str(),
            )
        })
        .collect();
    for want in [
        ("2024-01-29", None, "Monday"),
        ("2024-01-31", None, "Wednesday"),
        ("2023-12", None, "December"),
        ("2023-09", None, "September"),
        ("2024-01-22", Some("2024-01-28"), "Last week"),
        ("2023-11", None, "November"),
        ("2023-06", None, "last June"),
    ] {
        let want = (want.0.to_owned(), want.1.map(str::to_owned), want.2);
        assert!(dated.contains(&want), "missing {want:?} in {dated:#?}");
    }
    for c in &found {
        let t = &timexes[c.timex];
        assert!(
            ![
                "Thursday, April 18, 2024",
                "this fall",
                "2016",
                "2022",
                "2024",
                "this year"
            ]
            .contains(&t.text.as_str()),
            "{:?} does not date an event that happened: {}",
            t.text,
            c.event.title
        );
        assert!(
            c.event.validate().is_ok(),
            "{:?} must be acceptable as is",
            c.event
        );
        assert!(c.event.title.chars().count() <= 81, "{}", c.event.title);
    }
}

#[test]
fn the_woodside_summit_matches_the_stored_woodside_events() {
    let (_dir, store, _path) = shipped_store();
    let (_, _, found) = propose_seed(Some(&store), Some(URL));
    let summit = by_start(&found, "2023-11");
    assert_eq!(summit.event.kind, Kind::Summit);
    assert_eq!(
        summit.event.title,
        "Biden and Xi hold summit in Woodside, California"
    );
    assert_eq!(
        actors(summit),
        vec![
            actor("Joe Biden", Side::Us),
            actor("Xi Jinping", Side::China)
        ],
        "Beijing stands for China only when nobody else does"
    );
    assert_eq!(
        summit.event.location.as_deref(),
        Some("Woodside, California, United States"),
        "a place the store knows is written as the store writes it"
    );
    assert_eq!(
        summit.matches.first().map(String::as_str),
        Some("2023-11-15-woodside-summit"),
        "the stored summit is offered first: {:?}",
        summit.matches
    );
    assert_eq!(
        summit.matches,
        ["2023-11-15-woodside-summit"],
        "the summit's outcomes (military talks, fentanyl, continued contacts) are part of the one \
         stored summit, not events of their own"
    );
}

#[test]
fn the_hearing_the_court_order_and_the_fundraiser_are_found_in_the_store() {
    let (_dir, store, _path) = shipped_store();
    let (_, _, found) = propose_seed(Some(&store), Some(URL));
    let hearing = by_start(&found, "2024-01-31");
    assert_eq!(hearing.event.kind, Kind::Hearing);
    assert_eq!(
        hearing.event.title,
        "FBI Director Christopher Wray testifies at U.S. House hearing"
    );
    assert!(actors(hearing).contains(&actor("Christopher Wray", Side::Us)));
    assert!(
        !actors(hearing).iter().any(|(n, _)| n == "Wang Yi"),
        "Wang is what Wray was asked about, not a participant: {:?}",
        actors(hearing)
    );
    assert_eq!(
        hearing.matches.first().map(String::as_str),
        Some("2024-01-31-house-select-committee-ccp-cyber-hearing")
    );

    let order = by_start(&found, "2024-01-29");
    assert_eq!(
        order.event.kind,
        Kind::LegalAction,
        "{}",
        order.event.summary
    );
    assert_eq!(
        actors(order),
        vec![
            actor("FBI", Side::Us),
            actor("US Department of Justice", Side::Us)
        ],
        "CNN is the story's source here, not an actor"
    );
    // "Monday" dates CNN's report of the court order, and a report is a source, not an event:
    // the store holds the operation once, on the day the Justice Department announced it.
    assert!(
        !order.matches.iter().any(|m| m.contains("reports")),
        "a media report is not a stored event: {:?}",
        order.matches
    );
    let announced = one_dated(
        "The FBI and the Justice Department have attempted to mitigate the impact of the Chinese \
         hacking operation through a court order, as announced on Wednesday.",
        "Wednesday",
        "2024-01-31",
        Some(&store),
    );
    assert_eq!(announced.len(), 1);
    assert_eq!(announced[0].event.kind, Kind::LegalAction);
    assert!(
        announced[0]
            .matches
            .contains(&"2024-01-31-doj-announces-kv-botnet-disruption".to_owned()),
        "the court order is found in the store: {:?}",
        announced[0].matches
    );

    let fundraiser = by_start(&found, "2023-06");
    assert_eq!(fundraiser.event.kind, Kind::Statement);
    assert!(fundraiser
        .event
        .title
        .starts_with("Biden told attendees of a private fundraiser"));
    assert_eq!(
        fundraiser.matches.first().map(String::as_str),
        Some("2023-06-20-biden-says-xi-embarrassed-by-balloon")
    );
}

#[test]
fn surnames_resolve_to_the_stored_actor_the_article_names() {
    let (_dir, store, _path) = shipped_store();
    let text = seed();
    let ws = words::words(&text);
    let stored = store_names::actors(&store).expect("actors");
    assert!(
        stored.contains(&actor("Dan Sullivan", Side::Us)),
        "the store has two Sullivans, so the surname alone is ambiguous without the article"
    );
    let cast = Cast::read(&text, &ws, &stored, &|_| false, &[]).expect("cast");
    let named = |written: &str| -> Vec<(String, Side)> {
        cast.mentions
            .iter()
            .filter(|m| text[ws[m.first].start..ws[m.last - 1].end] == *written)
            .map(|m| (m.actor.name.clone(), m.actor.side))
            .collect()
    };
    let sullivans = named("Sullivan");
    assert!(!sullivans.is_empty(), "the seed says \"Sullivan\" alone");
    assert!(
        sullivans
            .iter()
            .all(|a| *a == actor("Jake Sullivan", Side::Us)),
        "{sullivans:?}"
    );
    let wangs = named("Wang");
    assert!(!wangs.is_empty());
    assert!(
        wangs.iter().all(|a| *a == actor("Wang Yi", Side::China)),
        "{wangs:?}"
    );
    assert!(named("Xi")
        .iter()
        .all(|a| *a == actor("Xi Jinping", Side::China)));
    assert!(named("Wray")
        .iter()
        .all(|a| *a == actor("Christopher Wray", Side::Us)));
}

/// A page of `text` with one time expression: `phrase` valued `value`.
fn one_dated(text: &str, phrase: &str, value: &str, store: Option<&Store>) -> Vec<Candidate> {
    let page = article::read(text, PageFormat::Text);
    let timexes = vec![timex(text, phrase, 0, TimexType::Date, value)];
    candidates::propose(&page, Some(URL), &anchor(), &timexes, store).expect("candidates")
}

#[test]
fn a_meeting_is_titled_from_its_actors_and_place() {
    let (_dir, store, _path) = shipped_store();
    let text = "U.S. national security adviser Jake Sullivan met Chinese Foreign Minister Wang Yi \
                in Bangkok on Friday. Sullivan and Wang spoke for 12 hours.";
    let found = one_dated(text, "Friday", "2024-01-26", Some(&store));
    assert_eq!(found.len(), 1);
    let meeting = &found[0];
    assert_eq!(meeting.event.kind, Kind::Meeting);
    assert_eq!(
        meeting.event.title,
        "Jake Sullivan meets Chinese Foreign Minister Wang Yi in Bangkok"
    );
    assert_eq!(
        actors(meeting),
        vec![
            actor("Jake Sullivan", Side::Us),
            actor("Wang Yi", Side::China)
        ]
    );
    assert_eq!(meeting.event.location.as_deref(), Some("Bangkok, Thailand"));
    assert_eq!(
        meeting.matches.first().map(String::as_str),
        Some("2024-01-26-sullivan-wang-yi-bangkok-meeting")
    );
}

#[test]
fn an_empty_store_still_knows_leaders_bodies_and_titled_people() {
    let text = "Chinese Foreign Minister Qin Gang met Blinken in Beijing on Sunday, the State \
                Department said.";
    let found = one_dated(text, "Sunday", "2023-06-18", None);
    assert_eq!(found.len(), 1);
    let c = &found[0];
    assert_eq!(
        actors(c),
        vec![
            actor("Qin Gang", Side::China),
            actor("Antony Blinken", Side::Us),
            actor("US Department of State", Side::Us),
        ],
        "a title with a nationality gives the side; Beijing after \"in\" is a place"
    );
    assert_eq!(c.event.location.as_deref(), Some("Beijing, China"));
    assert_eq!(
        c.event.title,
        "Chinese Foreign Minister Qin Gang meets Blinken in Beijing"
    );
    assert!(c.matches.is_empty());

    let (_, _, seed_found) = propose_seed(None, Some(URL));
    let summit = by_start(&seed_found, "2023-11");
    assert_eq!(
        actors(summit),
        vec![
            actor("Joe Biden", Side::Us),
            actor("Xi Jinping", Side::China)
        ]
    );
}

#[test]
fn a_titled_name_with_initials_is_the_stored_person_and_the_two_are_the_previous_ones() {
    let (_dir, store, _path) = shipped_store();
    let text = "Secretary of Defense Lloyd J. Austin III stressed open lines of communication in \
                his first meeting with Chinese Defense Minister Dong Jun.\n\n\
                The two met today in Singapore on the margins of the Shangri-La Dialogue.";
    let found = one_dated(text, "today", "2024-01-26", Some(&store));
    assert_eq!(found.len(), 1);
    assert_eq!(
        actors(&found[0]),
        vec![
            actor("Lloyd Austin", Side::Us),
            actor("Dong Jun", Side::China)
        ],
        "\"the two\" are the people the sentence before names"
    );
    assert_eq!(found[0].event.kind, Kind::Meeting);
    assert_eq!(found[0].event.location.as_deref(), Some("Singapore"));

    let unknown =
        "HANOI, Vietnam, Oct. 11, 2010 – Defense Secretary Robert M. Gates said today that \
                   he accepted an invitation.";
    let found = one_dated(unknown, "today", "2024-01-26", None);
    assert_eq!(actors(&found[0]), vec![actor("Robert M. Gates", Side::Us)]);
    assert_eq!(
        found[0].event.title,
        "Defense Secretary Robert M. Gates said that he accepted an invitation",
        "the dateline and the date are not part of the title"
    );
}

#[test]
fn the_article_is_the_source_when_its_address_is_known() {
    let (_, _, found) = propose_seed(None, Some(URL));
    assert!(!found.is_empty());
    for c in &found {
        assert_eq!(c.event.sources.len(), 1);
        let source = &c.event.sources[0];
        assert_eq!(source.url, URL);
        assert_eq!(
            source.title,
            "Biden receives assurance from Xi Jinping about China’s non-interference in 2024 election"
        );
        assert_eq!(
            source.published.map(|d| d.to_string()).as_deref(),
            Some("2024-01-31")
        );
        assert_eq!(source.quote.as_deref(), Some(c.event.summary.as_str()));
        assert!(c.event.tags.is_empty());
    }
    let (_, _, without) = propose_seed(None, None);
    assert_eq!(without.len(), found.len());
    assert!(
        without
            .iter()
            .all(|c| c.event.sources.is_empty() && c.event.validate().is_ok()),
        "without an address there is no source to cite, and the event is still valid"
    );
}

#[test]
fn candidates_point_at_their_sentence_and_keep_their_ids() {
    let (text, timexes, found) = propose_seed(None, Some(URL));
    let chars: Vec<char> = text.chars().collect();
    for c in &found {
        let quote: String = chars[c.quote_start..c.quote_end].iter().collect();
        assert_eq!(
            quote.split_whitespace().collect::<Vec<_>>().join(" "),
            c.event.summary
        );
        let t = &timexes[c.timex];
        assert!(
            c.quote_start <= t.start && t.end <= c.quote_end,
            "the date is in the sentence"
        );
        assert!(uuid_like(&c.event.id), "{}", c.event.id);
    }
    let (_, _, again) = propose_seed(None, Some(URL));
    let ids: Vec<&str> = found.iter().map(|c| c.event.id.as_str()).collect();
    let again_ids: Vec<&str> = again.iter().map(|c| c.event.id.as_str()).collect();
    assert_eq!(ids, again_ids, "the same article gives the same ids");
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

fn uuid_like(id: &str) -> bool {
    id.len() == 36 && id.chars().filter(|&c| c == '-').count() == 4
}

#[test]
fn the_date_line_of_the_page_is_not_an_event() {
    let text = seed();
    let page = article::read(&text, PageFormat::Text);
    let detected = ingest::published::detect(&text, PageFormat::Text, &page, anchor_day());
    assert_eq!(detected.date.to_string(), "2024-04-18");
    let timexes = seed_timexes(&text);
    let found = candidates::propose(&page, None, &detected, &timexes, None).expect("candidates");
    assert!(
        found
            .iter()
            .all(|c| timexes[c.timex].text != "Thursday, April 18, 2024"),
        "{:#?}",
        titles(&found)
    );
}

fn anchor_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 5, 1).expect("date")
}

#[test]
fn a_long_article_is_read_quickly() {
    // About 5,500 words: the seed five times over, each copy with its time expressions.
    let one = seed();
    let text = one.repeat(5);
    let shift = one.chars().count();
    let timexes: Vec<Timex> = (0..5)
        .flat_map(|k| {
            seed_timexes(&one).into_iter().map(move |mut t| {
                t.start += k * shift;
                t.end += k * shift;
                t
            })
        })
        .collect();
    let (_dir, store, _path) = shipped_store();
    let page = article::read(&text, PageFormat::Text);
    let started = std::time::Instant::now();
    let found = candidates::propose(&page, Some(URL), &anchor(), &timexes, Some(&store))
        .expect("candidates");
    let took = started.elapsed();
    println!(
        "candidates for {} words: {} in {took:?}",
        text.split_whitespace().count(),
        found.len()
    );
    assert!(found.len() >= 35);
    let started = std::time::Instant::now();
    let again =
        candidates::propose(&page, Some(URL), &anchor(), &timexes, None).expect("candidates");
    println!(
        "without a store: {} in {:?}",
        again.len(),
        started.elapsed()
    );
    // Speed is the `ingest` benchmark's to print; this test holds the result.
    assert_eq!(
        again.len(),
        found.len(),
        "matching against a store must not change what is proposed"
    );
}

//! Candidate events from the seed article, with time expressions as a correct tagger gives
//! them (anchored on 2024-01-31, the day of the story's last update), against a store holding
//! the shipped dataset.

use bilateral_core::date::PartialDate;
use bilateral_core::ingest::{self, candidates, PageFormat, Timex, TimexType};
use bilateral_core::{Kind, Side};

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

#[test]
fn debug_print_seed_candidates() {
    let text = seed();
    let page = ingest::article::read(&text, PageFormat::Text);
    let timexes = seed_timexes(&text);
    let (_dir, store, _path) = shipped_store();
    let found = candidates::propose(
        &page,
        Some("https://example.org/seed"),
        &anchor(),
        &timexes,
        Some(&store),
    )
    .expect("candidates");
    for c in &found {
        println!(
            "{} {:?} {:?} | {} | {:?} | {:?} | {:?}\n   matches {:?}",
            c.event.start,
            c.event.end,
            c.event.kind,
            c.event.title,
            c.event
                .actors
                .iter()
                .map(|a| format!("{}:{}", a.name, a.side.as_str()))
                .collect::<Vec<_>>(),
            c.event.location,
            timexes[c.timex].text,
            c.matches
        );
    }
    let _ = (Kind::Summit, Side::Us, PartialDate::year(2024));
}

//! Reading text for events: TIMEX3 values as calendar dates at their real precision, and
//! sentences split where a reader would split them.

use bilateral_core::ingest::sentences::split;
use bilateral_core::ingest::{Timex, TimexType};

fn dates(kind: TimexType, value: &str) -> Option<(String, Option<String>)> {
    let timex = Timex {
        start: 0,
        end: 1,
        text: "x".to_owned(),
        kind,
        value: value.to_owned(),
    };
    timex
        .dates()
        .map(|(start, end)| (start.to_string(), end.map(|e| e.to_string())))
}

fn span(start: &str, end: Option<&str>) -> Option<(String, Option<String>)> {
    Some((start.to_owned(), end.map(str::to_owned)))
}

#[test]
fn timex_values_map_to_dates_at_their_precision() {
    use TimexType::{Date, Time};
    let cases = [
        (Date, "2024-01-29", span("2024-01-29", None)),
        (Date, "2023-11", span("2023-11", None)),
        (Date, "2024", span("2024", None)),
        (Date, "2024-W04", span("2024-01-22", Some("2024-01-28"))),
        (Date, "2020-W53", span("2020-12-28", Some("2021-01-03"))),
        (Date, "2024-W04-WE", span("2024-01-27", Some("2024-01-28"))),
        (Date, "2024-SP", span("2024-03", Some("2024-05"))),
        (Date, "2024-SU", span("2024-06", Some("2024-08"))),
        (Date, "2024-FA", span("2024-09", Some("2024-11"))),
        (Date, "2024-WI", span("2024-12", Some("2025-02"))),
        (Date, "2024-Q1", span("2024-01", Some("2024-03"))),
        (Date, "2024-Q4", span("2024-10", Some("2024-12"))),
        (Date, "2024-H2", span("2024-07", Some("2024-12"))),
        (Date, "199", span("1990", Some("1999"))),
        (Date, "19", span("1900", Some("1999"))),
        (Time, "2024-01-29T14:00", span("2024-01-29", None)),
        (Time, "2024-01-29TMO", span("2024-01-29", None)),
        (Date, "2024-01-29T09:30", span("2024-01-29", None)),
    ];
    for (kind, value, want) in cases {
        assert_eq!(dates(kind, value), want, "{value}");
    }
}

#[test]
fn vague_or_unknown_values_have_no_dates() {
    use TimexType::{Date, Duration, Set, Time};
    for (kind, value) in [
        (Date, "PAST_REF"),
        (Date, "PRESENT_REF"),
        (Date, "FUTURE_REF"),
        (Date, "XXXX-01-29"),
        (Date, "2024-XX"),
        (Date, "XXXX-WXX-1"),
        (Date, "2024-02-30"),
        (Date, "2024-13"),
        (Date, "2024-W54"),
        (Date, "2024-XY"),
        (Date, "P3M"),
        (Duration, "P3M"),
        (Duration, "2024"),
        (Set, "P1W"),
        (Time, "T14:00"),
        (Time, "XXXX-XX-XXTMO"),
        (Date, ""),
        (Date, "abcd"),
    ] {
        assert_eq!(
            dates(kind, value),
            None,
            "{value} names no stretch of the calendar"
        );
    }
}

/// The sentences of `text` as strings.
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    split(text)
        .into_iter()
        .map(|s| chars[s.start..s.end].iter().collect())
        .collect()
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    let text = "Mr. Biden met Gen. Li at No. 10 on Jan. 26. Dr. Wang left. \
                The U.S. Navy and H. R. McMaster agreed. It rained in Washington, D.C. on Monday.";
    assert_eq!(
        sentences(text),
        vec![
            "Mr. Biden met Gen. Li at No. 10 on Jan. 26.",
            "Dr. Wang left.",
            "The U.S. Navy and H. R. McMaster agreed.",
            "It rained in Washington, D.C. on Monday.",
        ]
    );
}

#[test]
fn an_initial_before_a_sentence_opener_ends_the_sentence() {
    assert_eq!(
        sentences("Talks were held in the U.S. The next day they left."),
        vec!["Talks were held in the U.S.", "The next day they left."]
    );
}

#[test]
fn quotes_stay_with_their_sentence() {
    let text =
        "“China [has] made many promises over the years, so I’ll believe it when I see it,” \
                Wray told lawmakers. He said, “We will see.” Then he left. “Is it over?” he asked. \
                \"Yes.\" She nodded.";
    assert_eq!(
        sentences(text),
        vec![
            "“China [has] made many promises over the years, so I’ll believe it when I see it,” Wray told lawmakers.",
            "He said, “We will see.”",
            "Then he left.",
            "“Is it over?” he asked.",
            "\"Yes.\"",
            "She nodded.",
        ]
    );
}

#[test]
fn paragraphs_and_short_lines_end_sentences_but_wrapped_lines_do_not() {
    let text = "48.6 F\nThursday, April 18, 2024\n\nA headline without a period\n\n\
                WASHINGTON — The first sentence of the story runs on past the end of\n\
                this line and ends here. A second one follows\nafter a wrap.";
    assert_eq!(
        sentences(text),
        vec![
            "48.6 F",
            "Thursday, April 18, 2024",
            "A headline without a period",
            "WASHINGTON — The first sentence of the story runs on past the end of\nthis line and ends here.",
            "A second one follows\nafter a wrap.",
        ]
    );
}

#[test]
fn sentence_offsets_count_chars_into_the_text() {
    let text = "Wang’s visit — “historic”. Xi met Biden.";
    let found = split(text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[1].start,
        text.chars().position(|c| c == 'X').expect("X")
    );
    assert_eq!(found[1].end, text.chars().count());
}

#[test]
fn numbers_and_ellipses_are_read_sensibly() {
    assert_eq!(
        sentences("Tariffs rose 12.5 percent. Then… Officials left... The end"),
        vec![
            "Tariffs rose 12.5 percent.",
            "Then…",
            "Officials left...",
            "The end"
        ]
    );
}

use bilateral_core::{DateError, PartialDate, Precision};

fn d(text: &str) -> PartialDate {
    text.parse()
        .unwrap_or_else(|e| panic!("{text} should parse: {e}"))
}

#[test]
fn parses_each_precision_and_writes_it_back_unchanged() {
    for (text, precision) in [
        ("1979", Precision::Year),
        ("1979-01", Precision::Month),
        ("1979-01-01", Precision::Day),
        ("2024-02-29", Precision::Day),
    ] {
        let date = d(text);
        assert_eq!(
            date.precision(),
            precision,
            "{text} has the wrong precision"
        );
        assert_eq!(date.to_string(), text, "{text} must round-trip as written");
    }
}

#[test]
fn rejects_impossible_and_malformed_dates_with_the_reason() {
    assert!(
        matches!(
            "2023-02-30".parse::<PartialDate>(),
            Err(DateError::Day { .. })
        ),
        "30 February must be rejected"
    );
    assert!(matches!(
        "2023-02-29".parse::<PartialDate>(),
        Err(DateError::Day { .. })
    ));
    assert!(matches!(
        "2023-13".parse::<PartialDate>(),
        Err(DateError::Month(13))
    ));
    assert!(matches!(
        "2023-00".parse::<PartialDate>(),
        Err(DateError::Month(0))
    ));
    assert!(matches!(
        "0000".parse::<PartialDate>(),
        Err(DateError::Year(0))
    ));
    for bad in [
        "",
        "79",
        "1979-1",
        "1979-01-1",
        "1979/01/01",
        "1979-01-01-01",
        "+979",
        "197a",
        "1979-01-01T00",
    ] {
        assert!(
            matches!(bad.parse::<PartialDate>(), Err(DateError::Shape(_))),
            "{bad:?} must be rejected as malformed"
        );
    }
}

#[test]
fn spans_cover_the_whole_month_or_year_not_the_first() {
    let month = d("2023-11");
    assert_eq!(month.first_day().to_string(), "2023-11-01");
    assert_eq!(
        month.last_day().to_string(),
        "2023-11-30",
        "November has 30 days"
    );
    assert_eq!(
        d("2024-02").last_day().to_string(),
        "2024-02-29",
        "leap February"
    );
    assert_eq!(d("2023-02").last_day().to_string(), "2023-02-28");
    assert_eq!(
        d("2023-12").last_day().to_string(),
        "2023-12-31",
        "December ends the year"
    );
    assert_eq!(d("1979").first_day().to_string(), "1979-01-01");
    assert_eq!(d("1979").last_day().to_string(), "1979-12-31");
    assert_eq!(d("2023-11-15").last_day(), d("2023-11-15").first_day());
}

#[test]
fn sorts_chronologically_with_coarser_dates_first_on_ties() {
    let mut dates = [
        d("2023-01-01"),
        d("2022-12-31"),
        d("2023-01"),
        d("2023"),
        d("1972-02-21"),
    ];
    dates.sort();
    let texts: Vec<String> = dates.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        ["1972-02-21", "2022-12-31", "2023", "2023-01", "2023-01-01"]
    );
}

#[test]
fn serialises_as_iso_text_and_rejects_bad_text_in_json() {
    let json = serde_json::to_string(&d("2023-11")).expect("serialise");
    assert_eq!(json, "\"2023-11\"");
    let back: PartialDate = serde_json::from_str("\"1979-01-01\"").expect("deserialise");
    assert_eq!(back, d("1979-01-01"));
    let err = serde_json::from_str::<PartialDate>("\"2023-02-30\"").expect_err("impossible date");
    assert!(
        err.to_string().contains("2023-02-30"),
        "error names the date: {err}"
    );
}

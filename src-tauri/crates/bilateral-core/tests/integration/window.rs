use bilateral_core::{Filter, Kind, Store, WindowQuery};

use crate::fixtures::{event, store_on_disk};

fn q(from: &str, to: &str, limit: u32) -> WindowQuery {
    WindowQuery {
        from: from.to_owned(),
        to: to.to_owned(),
        limit,
        buckets: 12,
        filter: None,
    }
}

fn ids(store: &Store, query: &WindowQuery) -> Vec<String> {
    store
        .window(query)
        .expect("window")
        .events
        .into_iter()
        .map(|e| e.id)
        .collect()
}

#[test]
fn returns_events_overlapping_the_window_in_time_order() {
    let (_dir, mut store, _) = store_on_disk();
    let mut long = event("long", "2023-10-30", Kind::Visit);
    long.end = Some("2023-11-02".parse().expect("date"));
    for e in [
        event("before", "2023-10-15", Kind::Call),
        long,
        event("month", "2023-11", Kind::Statement),
        event("inside", "2023-11-15", Kind::Summit),
        event("year", "2023", Kind::Other),
        event("after", "2023-12-01", Kind::Call),
    ] {
        store.create(e).expect("create");
    }
    assert_eq!(
        ids(&store, &q("2023-11-01", "2023-11-30", 100)),
        ["year", "long", "month", "inside"],
        "a window over November holds the year, the bar reaching into it, the month and the day"
    );
    assert!(ids(&store, &q("2022-01-01", "2022-12-31", 100)).is_empty());
}

#[test]
fn a_crowded_window_keeps_the_significant_events_and_adds_density() {
    let (_dir, mut store, _) = store_on_disk();
    for day in 1..=28 {
        store
            .create(event(
                &format!("s{day}"),
                &format!("2023-02-{day:02}"),
                Kind::Statement,
            ))
            .expect("create");
    }
    store
        .create(event("summit", "2023-02-14", Kind::Summit))
        .expect("create");
    let window = store
        .window(&q("2023-02-01", "2023-02-28", 5))
        .expect("window");
    assert_eq!(window.total, 29, "the total counts every overlapping event");
    assert_eq!(window.events.len(), 5, "no more than the limit is sent");
    assert!(
        window.events.iter().any(|e| e.id == "summit"),
        "the summit outranks statements"
    );
    let sum: u32 = window.buckets.iter().map(|b| b.count).sum();
    assert_eq!(sum, 29, "density buckets account for every event");
    assert_eq!(window.buckets.len(), 12);
    assert_eq!(window.buckets[0].start, "2023-02-01");
    assert_eq!(
        window.buckets[11].end, "2023-02-28",
        "buckets tile the window exactly"
    );

    let roomy = store
        .window(&q("2023-02-01", "2023-02-28", 100))
        .expect("window");
    assert!(roomy.buckets.is_empty(), "no density when everything fits");
}

#[test]
fn bad_window_arguments_name_the_argument() {
    let (_dir, store, _) = store_on_disk();
    for (query, field) in [
        (q("2023-02-30", "2023-03-01", 10), "from"),
        (q("2023-01-01", "2023-13-01", 10), "to"),
        (q("2023-03-01", "2023-01-01", 10), "to"),
        (q("2023-01", "2023-03-01", 10), "from"),
        (q("2023-01-01", "2023-03-01", 0), "limit"),
    ] {
        let err = store.window(&query).expect_err("bad query");
        assert_eq!(err.field(), Some(field), "{query:?}");
    }
}

#[test]
fn extent_spans_all_events_and_is_empty_for_an_empty_store() {
    let (_dir, mut store, _) = store_on_disk();
    assert!(store.extent(&Filter::default()).expect("extent").is_none());
    store
        .create(event("a", "1971-04", Kind::Visit))
        .expect("create");
    store
        .create(event("b", "2025", Kind::Other))
        .expect("create");
    let extent = store
        .extent(&Filter::default())
        .expect("extent")
        .expect("some");
    assert_eq!(
        (extent.first.as_str(), extent.last.as_str(), extent.count),
        ("1971-04-01", "2025-12-31", 2)
    );
}

#[test]
fn extent_covers_only_the_events_matching_a_filter() {
    let (_dir, mut store, _) = store_on_disk();
    for (id, date, kind) in [
        ("early-visit", "1972-02", Kind::Visit),
        ("summit-a", "1985-07-23", Kind::Summit),
        ("summit-b", "2017-04", Kind::Summit),
        ("late-other", "2025", Kind::Other),
    ] {
        store.create(event(id, date, kind)).expect("create");
    }
    let summits = Filter {
        kinds: vec![Kind::Summit],
        ..Filter::default()
    };
    let extent = store.extent(&summits).expect("extent").expect("some");
    assert_eq!(
        (extent.first.as_str(), extent.last.as_str(), extent.count),
        ("1985-07-23", "2017-04-30", 2),
        "Fit all with a kind filter spans only that kind"
    );
    let none = Filter {
        kinds: vec![Kind::Hearing],
        ..Filter::default()
    };
    assert!(store.extent(&none).expect("extent").is_none());
    let too_many = Filter {
        tags: (0..500).map(|i| format!("t{i}")).collect(),
        ..Filter::default()
    };
    let err = store.extent(&too_many).expect_err("refused");
    assert!(err.field().is_some_and(|f| f.contains("tags")), "{err}");
}

#[test]
fn a_crowded_stretch_does_not_crowd_out_a_quiet_one() {
    let (_dir, mut store, _) = store_on_disk();
    for i in 0..60 {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        store
            .create(event(
                &format!("busy-{i}"),
                &format!("2023-{month:02}-{day:02}"),
                Kind::Statement,
            ))
            .expect("create");
    }
    for year in [2001, 2005, 2010] {
        store
            .create(event(
                &format!("quiet-{year}"),
                &format!("{year}-06-01"),
                Kind::Other,
            ))
            .expect("create");
    }
    let window = store
        .window(&q("2000-01-01", "2023-12-31", 24))
        .expect("window");
    let ids: Vec<_> = window.events.iter().map(|e| e.id.as_str()).collect();
    for quiet in ["quiet-2001", "quiet-2005", "quiet-2010"] {
        assert!(
            ids.contains(&quiet),
            "a lone event of a quiet stretch stays on the timeline even when a busy year outranks it: {ids:?}"
        );
    }
    assert!(ids.len() <= 24, "the cap still holds");
    assert_eq!(window.total, 63);
}

#[test]
fn a_capped_window_fills_its_limit_when_the_limit_is_not_a_multiple_of_the_stretches() {
    // Three events a year over 24 years: every stretch has more than one to offer. Asked for
    // 47, the answer used to hold 24 (one a stretch), leaving the timeline's lanes half empty.
    let (_dir, mut store, _) = store_on_disk();
    for year in 2000..2024 {
        for month in [2, 6, 10] {
            store
                .create(event(
                    &format!("e-{year}-{month}"),
                    &format!("{year}-{month:02}-15"),
                    Kind::Meeting,
                ))
                .expect("create");
        }
    }
    for limit in [30, 47, 60] {
        let window = store
            .window(&q("2000-01-01", "2023-12-31", limit))
            .expect("window");
        assert_eq!(
            window.events.len(),
            usize::try_from(limit).expect("small"),
            "asked for {limit} of {}",
            window.total
        );
    }
}

#[test]
fn a_window_within_the_cap_returns_every_event_however_they_bunch() {
    let (_dir, mut store, _) = store_on_disk();
    for day in 1..=20 {
        store
            .create(event(
                &format!("d{day}"),
                &format!("2023-03-{day:02}"),
                Kind::Statement,
            ))
            .expect("create");
    }
    let window = store
        .window(&q("2000-01-01", "2023-12-31", 30))
        .expect("window");
    assert_eq!(
        window.events.len(),
        20,
        "nothing is held back when all fit under the cap"
    );
    assert!(window.buckets.is_empty());
}

#[test]
fn a_damaged_row_is_skipped_and_reported_not_fatal() {
    let (_dir, mut store, path) = store_on_disk();
    for (id, day) in [
        ("a", "2020-01-01"),
        ("b", "2020-02-01"),
        ("c", "2020-03-01"),
    ] {
        store.create(event(id, day, Kind::Meeting)).expect("create");
    }
    let other = rusqlite::Connection::open(&path).expect("open");
    other
        .execute("UPDATE events SET kind = 'parade' WHERE id = 'b'", [])
        .expect("damage kind");
    other
        .execute(
            "UPDATE events SET start_text = '2020-13-45' WHERE id = 'c'",
            [],
        )
        .expect("damage date");
    let window = store
        .window(&q("2019-01-01", "2021-01-01", 100))
        .expect("window");
    let shown: Vec<&str> = window.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(shown, ["a"], "the readable event is still shown");
    let damaged: Vec<&str> = window.damaged.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(damaged, ["b", "c"], "each damaged row is reported by id");
    assert!(
        window.damaged[0].message.contains("parade"),
        "{:?}",
        window.damaged
    );
}

#[test]
fn a_window_carries_what_the_timeline_draws_and_groups_by_and_the_panel_gets_the_rest() {
    let (_dir, mut store, _) = store_on_disk();
    let mut summit = event("woodside", "2023-11-15", Kind::Summit);
    summit.title_zh = Some("伍德赛德会晤".to_owned());
    summit.end = Some("2023-11-16".parse().expect("date"));
    store.create(summit.clone()).expect("create");

    let window = store
        .window(&q("2023-11-01", "2023-11-30", 10))
        .expect("window");
    let shown = &window.events[0];
    assert_eq!(shown.title, summit.title, "the label's title");
    assert_eq!(shown.title_zh, summit.title_zh, "the Chinese title setting");
    assert_eq!(
        (&shown.start, &shown.end),
        (&summit.start, &summit.end),
        "its mark's extent"
    );
    assert_eq!(shown.kind, Kind::Summit, "its colour and kind group");
    let actors: Vec<(&str, bilateral_core::Side)> = shown
        .actors
        .iter()
        .map(|a| (a.name.as_str(), a.side))
        .collect();
    assert_eq!(
        actors,
        [
            ("Joe Biden", bilateral_core::Side::Us),
            ("Xi Jinping", bilateral_core::Side::China)
        ],
        "grouping by side or actor needs every actor, in order, with its side"
    );

    let full = store.get("woodside").expect("get");
    assert_eq!(
        (full.event.summary, full.event.sources, full.event.tags),
        (summit.summary, summit.sources, summit.tags),
        "opening the event fetches what the window leaves out"
    );
}

#[test]
fn each_density_bucket_counts_the_days_its_dates_cover() {
    let (_dir, mut store, _) = store_on_disk();
    // One event a day over ten days, read in three buckets: the days do not divide evenly,
    // so a bucket's dates must be the days counted in it, not a rounding away from them.
    for day in 1..=10 {
        let date = format!("2024-03-{day:02}");
        store
            .create(event(&format!("d{day}"), &date, Kind::Meeting))
            .expect("create");
    }
    for filter in [
        None,
        Some(Filter {
            kinds: vec![Kind::Meeting],
            ..Filter::default()
        }),
    ] {
        let query = WindowQuery {
            buckets: 3,
            filter: filter.clone(),
            ..q("2024-03-01", "2024-03-10", 1)
        };
        let buckets = store.density(&query).expect("density");
        assert_eq!(buckets.len(), 3);
        let mut next = "2024-03-01".to_owned();
        for bucket in &buckets {
            assert_eq!(bucket.start, next, "buckets follow each other: {buckets:?}");
            let start: u32 = bucket.start[8..].parse().expect("day");
            let end: u32 = bucket.end[8..].parse().expect("day");
            assert_eq!(
                bucket.count,
                end - start + 1,
                "one event a day, so a bucket counts its days ({filter:?}): {buckets:?}"
            );
            next = format!("2024-03-{:02}", end + 1);
        }
        assert_eq!(buckets[2].end, "2024-03-10");
    }
}

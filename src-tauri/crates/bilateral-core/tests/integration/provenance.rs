//! Issue 12's model: Chinese titles and names, what each source reports, the verification
//! state worked out from the sources, search in Chinese, and an upgrade of a database made by
//! the previous release.

use bilateral_core::{dataset, Filter, Kind, SearchQuery, Source, Verification};

use crate::fixtures::{event, search_ids, shipped_json, store_on_disk};

fn source(url: &str, publisher: &str) -> Source {
    Source {
        url: url.to_owned(),
        title: format!("Report by {publisher}"),
        publisher: publisher.to_owned(),
        ..Source::default()
    }
}

#[test]
fn verification_follows_the_sources() {
    let mut e = event("e", "2001-04-01", Kind::MilitaryIncident);
    e.sources = vec![];
    assert_eq!(Verification::of(&e), Verification::Unsourced);

    e.sources = vec![source("https://apnews.com/a", "Associated Press")];
    assert_eq!(Verification::of(&e), Verification::SingleSource);

    // The same publisher twice is still one source; spelled differently, still one.
    e.sources
        .push(source("https://apnews.com/b", "The Associated Press"));
    assert_eq!(Verification::of(&e), Verification::SingleSource);

    e.sources
        .push(source("https://www.reuters.com/c", "Reuters"));
    assert_eq!(Verification::of(&e), Verification::Corroborated);

    // A government's own record is enough on its own.
    e.sources = vec![source(
        "https://history.state.gov/milestones/x",
        "Office of the Historian",
    )];
    assert_eq!(Verification::of(&e), Verification::Corroborated);
    e.sources = vec![source(
        "https://www.fmprc.gov.cn/eng/x.html",
        "PRC Foreign Ministry",
    )];
    assert_eq!(Verification::of(&e), Verification::Corroborated);
}

#[test]
fn sources_that_report_different_days_make_an_event_disputed_unless_the_date_line_explains_it() {
    let mut e = event("ep3", "2001-04-01", Kind::MilitaryIncident);
    let mut washington = source("https://apnews.com/a", "Associated Press");
    washington.reported_date = Some("2001-03-31".parse().expect("date"));
    washington.reported_place = Some("Washington".to_owned());
    let mut beijing = source("https://www.xinhuanet.com/b", "Xinhua");
    beijing.reported_date = Some("2001-04-01".parse().expect("date"));
    beijing.reported_place = Some("Beijing".to_owned());
    e.sources = vec![washington.clone(), beijing.clone()];
    assert_eq!(
        Verification::of(&e),
        Verification::Corroborated,
        "one day apart in two calendars is the same moment"
    );

    beijing.reported_place = None;
    beijing.reported_date = Some("2001-04-03".parse().expect("date"));
    e.sources = vec![washington, beijing];
    assert_eq!(Verification::of(&e), Verification::Disputed);

    // A month-precise report agrees with any day of its month.
    let mut month = source("https://apnews.com/m", "Associated Press");
    month.reported_date = Some("2001-04".parse().expect("date"));
    let mut day = source("https://www.reuters.com/d", "Reuters");
    day.reported_date = Some("2001-04-01".parse().expect("date"));
    e.sources = vec![month, day.clone()];
    assert_eq!(Verification::of(&e), Verification::Corroborated);

    // A source whose day contradicts the event's own date disputes it.
    day.reported_date = Some("2001-05-09".parse().expect("date"));
    e.sources = vec![day];
    assert_eq!(Verification::of(&e), Verification::Disputed);
}

#[test]
fn verification_is_stored_filtered_and_counted() {
    let (_dir, mut store, _) = store_on_disk();
    let mut single = event("single", "2020-01-01", Kind::Call);
    single.sources = vec![source("https://apnews.com/a", "Associated Press")];
    let mut both = event("both", "2020-02-01", Kind::Call);
    both.sources = vec![
        source("https://apnews.com/b", "Associated Press"),
        source("https://www.reuters.com/b", "Reuters"),
    ];
    store.create(single).expect("create");
    store.create(both.clone()).expect("create");

    let filter = Filter {
        verification: vec![Verification::Corroborated],
        ..Filter::default()
    };
    let facets = store.facets(&filter).expect("facets");
    assert_eq!(facets.total, 1);
    let all = store.facets(&Filter::default()).expect("facets");
    let count = |v: Verification| {
        all.verifications
            .iter()
            .find(|c| c.verification == v)
            .map_or(0, |c| c.count)
    };
    assert_eq!(count(Verification::Corroborated), 1);
    assert_eq!(count(Verification::SingleSource), 1);

    // Removing a source changes the state, and the maintained counts follow.
    both.sources.pop();
    store.update(both).expect("update");
    let all = store.facets(&Filter::default()).expect("facets");
    assert_eq!(
        all.verifications
            .iter()
            .find(|c| c.verification == Verification::SingleSource)
            .map(|c| c.count),
        Some(2)
    );
    assert!(all
        .verifications
        .iter()
        .all(|c| c.verification != Verification::Corroborated));
}

#[test]
fn search_finds_chinese_text_including_two_character_names() {
    let (_dir, mut store, _) = store_on_disk();
    let mut meeting = event("meeting", "2023-11-15", Kind::Summit);
    meeting.title_zh = Some("习近平会见拜登".to_owned());
    store.create(meeting).expect("create");
    let mut other = event("other", "2024-01-26", Kind::Meeting);
    other.title_zh = Some("王毅同沙利文在曼谷会谈".to_owned());
    other.actors[0].name_zh = Some("沙利文".to_owned());
    other.actors[0].pinyin = Some("Shālìwén".to_owned());
    store.create(other).expect("create");

    assert_eq!(
        search_ids(&store, "拜登"),
        ["meeting"],
        "a two-character name"
    );
    assert_eq!(search_ids(&store, "习近平"), ["meeting"]);
    assert_eq!(search_ids(&store, "会见"), ["meeting"]);
    assert_eq!(search_ids(&store, "曼谷"), ["other"]);
    assert_eq!(
        search_ids(&store, "谷"),
        ["other"],
        "one character, last of its run"
    );
    assert_eq!(
        search_ids(&store, "沙利文"),
        ["other"],
        "an actor's Chinese name"
    );
    assert_eq!(
        search_ids(&store, "shaliwen"),
        ["other"],
        "pinyin without tone marks"
    );
    assert!(
        search_ids(&store, "拜文").is_empty(),
        "characters that never sit together"
    );
    assert_eq!(
        search_ids(&store, "Woodside 拜登"),
        ["meeting"],
        "English and Chinese together"
    );

    let hit = store
        .search(&SearchQuery {
            text: "拜登".to_owned(),
            limit: 5,
            filter: None,
        })
        .expect("search")
        .remove(0);
    assert_eq!(hit.title_zh.as_deref(), Some("习近平会见拜登"));
    assert_eq!(hit.snippet, "习近平会见\u{2}拜登\u{3}");
}

#[test]
fn an_actors_chinese_name_is_kept_when_an_event_does_not_repeat_it() {
    let (_dir, mut store, _) = store_on_disk();
    let mut first = event("first", "2023-11-15", Kind::Summit);
    first.actors[1].name_zh = Some("习近平".to_owned());
    first.actors[1].pinyin = Some("Xí Jìnpíng".to_owned());
    store.create(first).expect("create");
    // A CSV row or a quick edit that names Xi without his Chinese name.
    store
        .create(event("second", "2024-11-16", Kind::Meeting))
        .expect("create");
    let second = store.get("second").expect("get").event;
    assert_eq!(second.actors[1].name_zh.as_deref(), Some("习近平"));
    assert_eq!(second.actors[1].pinyin.as_deref(), Some("Xí Jìnpíng"));
}

/// A database made by release 0.1.0 (schema 4): the shipped events, one of them edited by
/// the user, and one event of the user's own with Chinese in its title.
#[test]
fn a_database_from_the_previous_release_upgrades_with_its_events_and_edits() {
    let (_dir, mut store) = crate::fixtures::release_store();
    assert_eq!(store.count().expect("count"), 206);

    let edited = store
        .get("2023-11-15-woodside-summit")
        .expect("edited event");
    assert!(edited.edited);
    assert!(edited
        .event
        .summary
        .ends_with("(My annotation: check the readouts.)"));
    let mine = store.get("user-note-1").expect("the user's event");
    assert_eq!(mine.event.verification, Some(Verification::SingleSource));

    // Every event has its state, and the maintained counts add up to the events.
    let facets = store.facets(&Filter::default()).expect("facets");
    let counted: u32 = facets.verifications.iter().map(|c| c.count).sum();
    assert_eq!(counted, 206);
    assert_eq!(
        edited.event.verification,
        Some(Verification::of(&edited.event))
    );

    // The rebuilt index finds English as before, and now Chinese.
    assert!(search_ids(&store, "Woodside").contains(&"2023-11-15-woodside-summit".to_owned()));
    assert_eq!(search_ids(&store, "拜登"), ["user-note-1"]);

    // The release's dataset then arrives without touching the user's edit.
    let json = shipped_json();
    let events = dataset::parse(&json, "data/events.json").expect("dataset");
    store
        .sync_dataset(&events, &dataset::version(&json))
        .expect("sync");
    let after = store
        .get("2023-11-15-woodside-summit")
        .expect("still there");
    assert_eq!(after.event.summary, edited.event.summary);
    // The user's own event is kept as written. Its actors are the store's actors, and an actor
    // has one Chinese name in the store: the names the release brings reach it too.
    let mut expected = mine.event.clone();
    for actor in &mut expected.actors {
        let shipped = events
            .iter()
            .flat_map(|e| &e.actors)
            .find(|a| a.name == actor.name)
            .expect("the user's actors are shipped actors");
        actor.name_zh.clone_from(&shipped.name_zh);
        actor.pinyin.clone_from(&shipped.pinyin);
    }
    assert_eq!(store.get("user-note-1").expect("kept").event, expected);
}

//! What keeps windows, density and facets fast at any size: the maintained counts stay equal to
//! a recount after every kind of write, the tiered window picks what the full ranking picked,
//! long events are never lost, and an existing file upgrades in place.

use std::path::Path;

use bilateral_core::model::{Actor, Side};
use bilateral_core::{Curator, Event, Filter, Kind, Store, WindowQuery};
use rusqlite::Connection;

use crate::fixtures::{event, shipped_store, store_on_disk};

/// The side mask of event `e` worked out from its actors (bits in `Side::ALL` order), beside
/// which the stored mask and the facet cube are checked.
const MASK: &str = "(SELECT coalesce(sum(DISTINCT CASE a.side WHEN 'us' THEN 1 WHEN 'china' THEN 2
      WHEN 'taiwan' THEN 4 WHEN 'third_party' THEN 8 WHEN 'international' THEN 16 END), 0)
      FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id)";

/// Every maintained count, beside the same figure recounted from the events.
pub(crate) fn assert_counts_match(path: &Path, when: &str) {
    let conn = Connection::open(path).expect("open");
    let pairs: [(&str, &str, &str); 11] = [
        (
            "day starts",
            "SELECT day, starts FROM day_counts WHERE starts <> 0 ORDER BY day",
            "SELECT first_day, count(*) FROM events GROUP BY first_day ORDER BY first_day",
        ),
        (
            "day ends",
            "SELECT day, ends FROM day_counts WHERE ends <> 0 ORDER BY day",
            "SELECT last_day, count(*) FROM events GROUP BY last_day ORDER BY last_day",
        ),
        (
            "kinds",
            "SELECT kind, count FROM kind_counts WHERE count <> 0 ORDER BY kind",
            "SELECT kind, count(*) FROM events GROUP BY kind ORDER BY kind",
        ),
        (
            "actors",
            "SELECT actor_id, count FROM actor_counts WHERE count <> 0 ORDER BY actor_id",
            "SELECT actor_id, count(*) FROM event_actors GROUP BY actor_id ORDER BY actor_id",
        ),
        (
            "tags",
            "SELECT tag, count FROM tag_counts WHERE count <> 0 ORDER BY tag",
            "SELECT tag, count(*) FROM event_tags GROUP BY tag ORDER BY tag",
        ),
        (
            "sides",
            "SELECT side, count FROM side_counts WHERE count <> 0 ORDER BY side",
            "SELECT a.side, count(DISTINCT ea.event_id) FROM event_actors ea
             JOIN actors a ON a.id = ea.actor_id GROUP BY a.side ORDER BY a.side",
        ),
        (
            "verification",
            "SELECT verification, count FROM verification_counts WHERE count <> 0
             ORDER BY verification",
            "SELECT verification, count(*) FROM events GROUP BY verification
             ORDER BY verification",
        ),
        (
            "side mask",
            "SELECT id, side_mask FROM events ORDER BY id",
            &format!("SELECT e.id, {MASK} FROM events e ORDER BY e.id"),
        ),
        (
            "facet cube events",
            "SELECT kind || '/' || origin || '/' || verification || '/' || sides, count
             FROM facet_cells WHERE count <> 0 ORDER BY 1",
            &format!(
                "SELECT e.kind || '/' || e.origin || '/' || e.verification || '/' || {MASK},
                        count(*) FROM events e GROUP BY 1 ORDER BY 1"
            ),
        ),
        (
            "facet cube actors",
            "SELECT kind || '/' || origin || '/' || verification || '/' || sides || '/' || actor_id,
                    count FROM facet_cell_actors WHERE count <> 0 ORDER BY 1",
            &format!(
                "SELECT e.kind || '/' || e.origin || '/' || e.verification || '/' || {MASK}
                        || '/' || x.actor_id, count(*)
                 FROM events e JOIN event_actors x ON x.event_id = e.id GROUP BY 1 ORDER BY 1"
            ),
        ),
        (
            "facet cube tags",
            "SELECT kind || '/' || origin || '/' || verification || '/' || sides || '/' || tag,
                    count FROM facet_cell_tags WHERE count <> 0 ORDER BY 1",
            &format!(
                "SELECT e.kind || '/' || e.origin || '/' || e.verification || '/' || {MASK}
                        || '/' || x.tag, count(*)
                 FROM events e JOIN event_tags x ON x.event_id = e.id GROUP BY 1 ORDER BY 1"
            ),
        ),
    ];
    for (what, kept, recount) in pairs {
        let read = |sql: &str| -> Vec<(String, i64)> {
            conn.prepare(sql)
                .expect("prepare")
                .query_map([], |r| {
                    let key: rusqlite::types::Value = r.get(0)?;
                    Ok((format!("{key:?}"), r.get(1)?))
                })
                .expect("query")
                .collect::<Result<_, _>>()
                .expect("rows")
        };
        assert_eq!(
            read(kept),
            read(recount),
            "after {when}, the maintained {what} counts differ from a recount: density or facets would show wrong numbers"
        );
    }
}

fn window(from: &str, to: &str, limit: u32, filter: Option<Filter>) -> WindowQuery {
    WindowQuery {
        from: from.to_owned(),
        to: to.to_owned(),
        limit,
        buckets: 50,
        filter,
    }
}

/// How events of equal significance are ranked.
#[derive(Clone, Copy)]
enum Rule {
    /// Before tiers: the longer first.
    ExactLength,
    /// With tiers: by length class (a day, a span of days, a month, longer; long events by
    /// their length), then the earlier first.
    LengthClass,
}

const CLASS: &str = "(CASE WHEN last_day - first_day = 0 THEN 0
                           WHEN last_day - first_day < 27 THEN 1
                           WHEN last_day - first_day <= 30 THEN 2 ELSE 3 END)";

/// The window answer computed by ranking every overlapping event, as the implementation
/// before tiers did (with `Rule::ExactLength`).
fn ranked_ids(path: &Path, query: &WindowQuery, rule: Rule) -> Vec<String> {
    let conn = Connection::open(path).expect("open");
    let day = |t: &str| {
        let d: chrono::NaiveDate = t.parse().expect("day");
        i64::from(chrono::Datelike::num_days_from_ce(&d))
    };
    let (lo, hi) = (day(&query.from), day(&query.to));
    let longest: i64 = conn
        .query_row("SELECT max(last_day - first_day) FROM events", [], |r| {
            r.get(0)
        })
        .expect("longest");
    let total: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE first_day <= ?1 AND last_day >= ?2",
            [hi, lo],
            |r| r.get(0),
        )
        .expect("total");
    let per = if total > i64::from(query.limit) {
        i64::from(query.limit.div_ceil(24))
    } else {
        i64::from(query.limit)
    };
    let length = match rule {
        Rule::ExactLength => "last_day - first_day".to_owned(),
        Rule::LengthClass => format!(
            "{CLASS} * 100000 + CASE WHEN last_day - first_day > 366 THEN last_day - first_day ELSE 0 END"
        ),
    };
    let mut ids: Vec<String> = conn
        .prepare(&format!(
            "SELECT id FROM (
                 SELECT id, significance, {length} AS length, first_day,
                        row_number() OVER (
                            PARTITION BY (max(first_day, ?1) - ?1) * 24 / ?2
                            ORDER BY significance DESC, {length} DESC, first_day, id
                        ) AS rank_in_stretch
                 FROM events WHERE first_day BETWEEN ?3 AND ?4 AND last_day >= ?1)
             WHERE rank_in_stretch <= ?5
             ORDER BY significance DESC, length DESC, first_day, id LIMIT ?6"
        ))
        .expect("prepare")
        .query_map(
            rusqlite::params![lo, hi - lo + 1, lo - longest, hi, per, query.limit],
            |r| r.get(0),
        )
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    ids.sort();
    ids
}

/// The significance and length class of each event, sorted: what a choice of events shows.
fn kinds_and_classes(path: &Path, ids: &[String]) -> Vec<(i64, i64)> {
    let conn = Connection::open(path).expect("open");
    let mut out: Vec<(i64, i64)> = ids
        .iter()
        .map(|id| {
            conn.query_row(
                &format!("SELECT significance, {CLASS} FROM events WHERE id = ?1"),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("event")
        })
        .collect();
    out.sort_unstable();
    out
}

fn window_ids(store: &Store, query: &WindowQuery) -> Vec<String> {
    let mut ids: Vec<String> = store
        .window(query)
        .expect("window")
        .events
        .into_iter()
        .map(|e| e.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn counts_stay_equal_to_a_recount_after_every_kind_of_write() {
    let (_dir, store, path) = shipped_store();
    assert_counts_match(&path, "loading the shipped dataset");
    let mut curator = Curator::new(store);

    let mut long = event("long", "1979-01-01", Kind::Agreement);
    long.end = Some("2019-06".parse().expect("date"));
    curator.create(long).expect("create");
    curator
        .create(event("new", "2023-11-15", Kind::Summit))
        .expect("create");
    assert_counts_match(&path, "creating events");

    let mut edited = event("new", "2021-02", Kind::Call);
    edited.tags = vec!["moved".into()];
    edited.actors.truncate(1);
    curator.update(edited).expect("update");
    assert_counts_match(&path, "editing the date, kind, actors and tags of an event");

    let shipped = curator
        .store()
        .window(&window("1970-01-01", "2026-12-31", 1, None))
        .expect("window")
        .events[0]
        .id
        .clone();
    curator.delete(&shipped).expect("delete");
    curator.delete("long").expect("delete");
    assert_counts_match(&path, "deleting events");

    let imported: Vec<Event> = (1..=30)
        .map(|i| {
            event(
                &format!("imp-{i}"),
                &format!("2010-{:02}", 1 + i % 12),
                Kind::Visit,
            )
        })
        .chain([event("new", "2022-05-05", Kind::Hearing)])
        .collect();
    curator
        .import_with_progress(&imported, bilateral_core::merge::Coverage::ALL, |_, _| true)
        .expect("import");
    assert_counts_match(&path, "an import that adds and updates");

    let bulk = bilateral_core::BulkEdit {
        target: bilateral_core::BulkTarget::Matching {
            filter: Filter {
                kinds: vec![Kind::Visit, Kind::Summit],
                ..Filter::default()
            },
            except: Vec::new(),
        },
        set_kind: Some(Kind::Meeting),
        add_tags: vec!["bulk".into()],
        remove_tags: vec!["apec".into()],
        add_actors: vec![bilateral_core::Actor {
            name: "Wang Yi".into(),
            side: bilateral_core::Side::China,
            name_zh: None,
            pinyin: None,
        }],
        remove_actors: Vec::new(),
    };
    curator.bulk_edit(&bulk).expect("bulk edit");
    assert_counts_match(&path, "a bulk edit of kind, tags and actors");
    curator.undo().expect("undo").expect("the bulk edit");
    assert_counts_match(&path, "undoing a bulk edit");
    curator.redo().expect("redo").expect("the bulk edit");
    curator.undo().expect("undo").expect("the bulk edit");

    for step in ["the import", "a delete", "a delete", "an edit", "a create"] {
        curator.undo().expect("undo").expect("a step to undo");
        assert_counts_match(&path, &format!("undoing {step}"));
    }
    curator.redo().expect("redo").expect("a step to redo");
    assert_counts_match(&path, "redoing a create");
}

/// Enough events that the import writes in bulk (counts rebuilt once, not kept row by row),
/// updating shipped events too: their kind, dates, actors, tags and sources change.
fn bulk_import(store: &Store) -> Vec<Event> {
    let shipped = store.all_matching(&Filter::default()).expect("read all");
    let mut events: Vec<Event> = (0..2_600)
        .map(|i| {
            let mut e = event(
                &format!("bulk-{i}"),
                &format!("{}-{:02}-{:02}", 1975 + i % 50, 1 + i % 12, 1 + i % 28),
                Kind::ALL[i % Kind::ALL.len()],
            );
            e.tags = vec![format!("bulk tag {}", i % 7)];
            e
        })
        .collect();
    for (i, stored) in shipped.iter().take(200).enumerate() {
        let mut changed = stored.event.clone();
        changed.kind = Kind::ALL[(i + 3) % Kind::ALL.len()];
        changed.start = "2001-04-01".parse().expect("date");
        changed.end = None;
        changed.tags.push("re-dated".into());
        changed.actors.truncate(1);
        changed.sources.truncate(1);
        events.push(changed);
    }
    events
}

/// A bulk import that only adds events counts them as it writes them, and adds that to the
/// counts the store kept, instead of counting every stored row again: the sum must be what a
/// recount finds, for every kind of count, origin and side.
#[test]
fn a_bulk_import_of_new_events_adds_to_the_counts_what_a_recount_finds() {
    let (_dir, mut store, path) = shipped_store();
    let actor = |name: &str, side: Side| Actor {
        name: name.to_owned(),
        side,
        name_zh: None,
        pinyin: None,
    };
    let events: Vec<Event> = (0..2_600)
        .map(|i| {
            // Some from GDELT (another origin), some on a day the shipped events hold.
            let id = if i % 5 == 0 {
                format!("{}bulk-{i}", bilateral_core::formats::gdelt::ID_PREFIX)
            } else {
                format!("bulk-{i}")
            };
            let start = if i % 11 == 0 {
                "2023-11-15".to_owned()
            } else {
                format!("{}-{:02}-{:02}", 1975 + i % 50, 1 + i % 12, 1 + i % 28)
            };
            let mut e = event(&id, &start, Kind::ALL[i % Kind::ALL.len()]);
            if i % 3 == 0 {
                let year = if i % 11 == 0 { 2024 } else { 1976 + i % 50 };
                e.end = Some(year.to_string().parse().expect("date"));
            }
            // Actors stored and new, of every side, none at all, the same one twice.
            e.actors = match i % 4 {
                0 => Vec::new(),
                1 => vec![actor(
                    &format!("Envoy {}", i % 9),
                    Side::ALL[i % Side::ALL.len()],
                )],
                2 => vec![
                    actor("Xi Jinping", Side::China),
                    actor("Xi Jinping", Side::China),
                ],
                _ => vec![
                    actor("Joe Biden", Side::Us),
                    actor("Tsai Ing-wen", Side::Taiwan),
                ],
            };
            e.tags = vec![
                format!("bulk tag {}", i % 7),
                "trade".into(),
                " trade ".into(),
            ];
            if i % 2 == 0 {
                e.sources.clear();
            }
            e
        })
        .collect();
    let report = store.import(&events).expect("import");
    assert_eq!(report.created, events.len(), "every event is new");
    assert_counts_match(&path, "a bulk import of new events");
    // The import held more of the search index in memory than other writes may.
    let held: i64 = Connection::open(&path)
        .expect("open")
        .query_row(
            "SELECT v FROM events_fts_config WHERE k = 'hashsize'",
            [],
            |r| r.get(0),
        )
        .expect("the setting");
    assert_eq!(
        held,
        1 << 20,
        "what FTS5 holds in memory is back to its default"
    );
}

/// Every trigger and index, as the schema holds it: a bulk import drops the count triggers
/// and the indexes it builds after its rows, and must put each back as it was.
pub(crate) fn schema(path: &Path) -> Vec<(String, String)> {
    let conn = Connection::open(path).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index') \
             AND sql IS NOT NULL ORDER BY name",
        )
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("read");
    rows
}

/// Fails naming each trigger or index that `after` lacks or holds changed.
pub(crate) fn assert_schema_kept(
    before: &[(String, String)],
    after: &[(String, String)],
    what: &str,
) {
    let lost: Vec<&str> = before
        .iter()
        .filter(|b| !after.contains(b))
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        lost.is_empty() && after.len() == before.len(),
        "{what}: lost or changed {lost:?}; {} objects before, {} after",
        before.len(),
        after.len()
    );
}

#[test]
fn a_bulk_import_leaves_the_counts_equal_to_a_recount_and_the_triggers_and_indexes_in_place() {
    let (_dir, store, path) = shipped_store();
    let before = schema(&path);
    assert!(
        before.iter().any(|(name, _)| name == "events_title")
            && before
                .iter()
                .any(|(name, _)| name == "events_counts_insert"),
        "the schema read holds the indexes and triggers"
    );
    let events = bulk_import(&store);
    let mut curator = Curator::new(store);

    // Cancelled half-way: nothing changes, the triggers included.
    let outcome = curator
        .import_with_progress(&events, bilateral_core::merge::Coverage::ALL, |done, _| {
            done < 1_000
        })
        .expect("import");
    assert!(matches!(
        outcome,
        bilateral_core::import::ImportOutcome::Cancelled { .. }
    ));
    assert_schema_kept(
        &before,
        &schema(&path),
        "a cancelled import keeps every trigger and index",
    );
    assert_counts_match(&path, "a cancelled bulk import");

    // Cancelled after its last event, while it finishes (search index, indexes, counts):
    // still nothing is written, whether the events were read whole or streamed from a file.
    let stored = |p: &Path| -> i64 {
        Connection::open(p)
            .expect("open")
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .expect("count")
    };
    let stored_before = stored(&path);
    // Says yes to each event's report, then no: the first question after the last event.
    let events_only = |n: usize| {
        let mut calls = 0;
        move |_: usize, _: usize| {
            calls += 1;
            calls <= n
        }
    };
    let whole = curator
        .import_with_progress(
            &events,
            bilateral_core::merge::Coverage::ALL,
            events_only(events.len()),
        )
        .expect("import");
    let file = serde_json::to_vec(&events).expect("json");
    let input = bilateral_core::formats::stream::from_bytes(
        file,
        Some(bilateral_core::formats::Format::Json),
        "bulk.json",
    )
    .expect("input");
    let streamed = curator
        .import_stream_with_progress(&input, events.len(), events_only(events.len()))
        .expect("import");
    for (outcome, how) in [(whole, "read whole"), (streamed, "streamed")] {
        assert!(
            matches!(
                outcome,
                bilateral_core::import::ImportOutcome::Cancelled { done } if done == events.len()
            ),
            "an import {how}, cancelled while finishing, is cancelled: {outcome:?}"
        );
    }
    assert_eq!(stored(&path), stored_before, "nothing was written");
    assert_schema_kept(
        &before,
        &schema(&path),
        "an import cancelled while finishing keeps every trigger and index",
    );
    assert_counts_match(&path, "a bulk import cancelled while finishing");

    curator
        .import_with_progress(&events, bilateral_core::merge::Coverage::ALL, |_, _| true)
        .expect("import");
    assert_schema_kept(
        &before,
        &schema(&path),
        "the import puts every trigger and index back",
    );
    assert_counts_match(&path, "a bulk import that adds and updates");
    // Each index built after the rows holds exactly the rows of its table.
    let check: String = Connection::open(&path)
        .expect("open")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok", "the database after a bulk import");

    // The triggers work again: a single edit after the import is counted.
    let mut edited = event("bulk-5", "1999-09-09", Kind::Summit);
    edited.tags = vec!["after".into()];
    curator.update(edited).expect("update");
    assert_counts_match(&path, "an edit after a bulk import");

    for step in ["the edit", "the bulk import"] {
        curator.undo().expect("undo").expect("a step to undo");
        assert_counts_match(&path, &format!("undoing {step}"));
    }
}

#[test]
fn density_and_facets_from_counts_equal_those_recounted_with_a_filter_that_matches_all() {
    let (_dir, mut store, _path) = shipped_store();
    let mut long = event("long", "1972-02-21", Kind::Visit);
    long.end = Some("2001-12-11".parse().expect("date"));
    store.create(long).expect("create");
    // Every shipped and test event has a kind and ends after the year 100, so this filter
    // matches all, but takes the path that reads the events.
    let all_kinds = Filter {
        kinds: Kind::ALL.to_vec(),
        from: Some("0100".parse().expect("date")),
        ..Filter::default()
    };
    for (from, to) in [
        ("1970-01-01", "2026-12-31"),
        ("1985-03-10", "1999-07-31"),
        ("2023-11-01", "2023-11-30"),
        ("2001-12-11", "2001-12-11"),
    ] {
        let counted = store.density(&window(from, to, 1, None)).expect("density");
        let scanned = store
            .density(&window(from, to, 1, Some(all_kinds.clone())))
            .expect("density");
        assert_eq!(
            counted, scanned,
            "the density strip over {from}..{to} must count what the events hold"
        );
        let w = store.window(&window(from, to, 1, None)).expect("window");
        let wf = store
            .window(&window(from, to, 1, Some(all_kinds.clone())))
            .expect("window");
        assert_eq!(w.total, wf.total, "the window total over {from}..{to}");
        assert_eq!(
            w.buckets.iter().map(|b| b.count).sum::<u32>(),
            w.total,
            "the buckets over {from}..{to} account for every event"
        );
    }
    let counted = store.facets(&Filter::default()).expect("facets");
    let scanned = store.facets(&all_kinds).expect("facets");
    assert_eq!(
        counted, scanned,
        "the unfiltered facets (from counts) equal those read from the events"
    );
}

#[test]
fn the_capped_window_picks_what_ranking_every_event_picked_on_the_shipped_dataset() {
    let (_dir, store, path) = shipped_store();
    let mut differences = Vec::new();
    let mut compared = 0;
    for (from, to) in [
        ("1970-01-01", "2026-12-31"),
        ("1971-01-01", "1989-12-31"),
        ("1990-01-01", "2009-12-31"),
        ("2010-01-01", "2026-12-31"),
        ("2018-01-01", "2020-12-31"),
        ("2023-01-01", "2023-12-31"),
    ] {
        for limit in [5, 24, 48, 100, 150] {
            let query = window(from, to, limit, None);
            let ours = window_ids(&store, &query);
            compared += 1;
            assert_eq!(
                ours,
                ranked_ids(&path, &query, Rule::LengthClass),
                "{from}..{to} limit {limit}: the tiered window must pick what ranking every event picks"
            );
            // Against the rule before tiers, only events of equal significance and length
            // class may trade places (a longer span of days no longer beats an earlier one).
            let before = ranked_ids(&path, &query, Rule::ExactLength);
            if kinds_and_classes(&path, &ours) != kinds_and_classes(&path, &before) {
                differences.push(format!(
                    "{from}..{to} limit {limit}: {ours:?} vs {before:?}"
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "of {compared} windows, these pick events of another significance or length class than before:\n{}",
        differences.join("\n")
    );
}

#[test]
fn the_tier_walk_picks_what_ranking_every_event_picked_in_a_crowded_window() {
    // Enough events that the window walks the tiers instead of ranking all: several kinds,
    // single days, spans of days, months and years, all on distinct lengths per class.
    let (_dir, mut store, path) = store_on_disk();
    let kinds = [
        Kind::Summit,
        Kind::Call,
        Kind::Statement,
        Kind::Other,
        Kind::Visit,
    ];
    let mut events = Vec::new();
    for i in 0..1_500_u32 {
        let date = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date")
            + chrono::Days::new(u64::from(i * 7 % 3_650));
        let start = match i % 5 {
            0 => date.format("%Y").to_string(),
            1 => date.format("%Y-%m").to_string(),
            _ => date.format("%Y-%m-%d").to_string(),
        };
        let mut e = event(
            &format!("e{i:04}"),
            &start,
            kinds[(i as usize / 3) % kinds.len()],
        );
        if i % 5 == 2 {
            e.end = Some(
                (date + chrono::Days::new(3))
                    .format("%Y-%m-%d")
                    .to_string()
                    .parse()
                    .expect("date"),
            );
        }
        events.push(e);
    }
    store.import(&events).expect("import");
    for (from, to, limit) in [
        ("2000-01-01", "2009-12-31", 48),
        ("2000-01-01", "2009-12-31", 100),
        ("2003-05-17", "2004-02-02", 5),
        ("1999-06-01", "2011-01-01", 150),
    ] {
        let query = window(from, to, limit, None);
        let total = store.window(&query).expect("window").total;
        assert!(
            total > limit * 8,
            "{from}..{to} is crowded enough to walk tiers"
        );
        assert_eq!(
            window_ids(&store, &query),
            ranked_ids(&path, &query, Rule::LengthClass),
            "{from}..{to} limit {limit}: the tier walk must keep the ranking's choice"
        );
    }
}

#[test]
fn a_window_crowded_with_gdelt_events_shows_them_after_the_curated_ones() {
    // A few curated events among many GDELT ones (which weigh less than any curated event):
    // the curated come first, and the GDELT events fill the rest of the window, ranked by
    // their own weights (negative: a trade measure's -3 above a meeting's -4).
    let (_dir, mut store, path) = store_on_disk();
    let mut events = Vec::new();
    for i in 0..1_500_u32 {
        let date = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).expect("date")
            + chrono::Days::new(u64::from(i * 5 % 1_800));
        let id = if i % 100 == 0 {
            format!("curated-{i:04}")
        } else {
            format!("gdelt-{i:04}")
        };
        let kind = if i % 29 == 0 {
            Kind::TradeMeasure
        } else {
            Kind::Meeting
        };
        let mut e = event(&id, &date.format("%Y-%m-%d").to_string(), kind);
        // Single days and spans of days: two length classes.
        if i % 4 == 1 {
            let end = date + chrono::Days::new(u64::from(2 + i % 9));
            e.end = Some(end.format("%Y-%m-%d").to_string().parse().expect("date"));
        }
        events.push(e);
    }
    // Long GDELT events, ranked below some of the short ones beside them.
    for (id, start, end, kind) in [
        ("gdelt-long-1", "2015-02-01", "2018-06-30", Kind::Meeting),
        ("gdelt-long-2", "2016-01", "2019-01", Kind::Statement),
    ] {
        let mut e = event(id, start, kind);
        e.end = Some(end.parse().expect("date"));
        events.push(e);
    }
    store.import(&events).expect("import");
    // Windows of more than 8 times their limit walk the tiers of each stretch; the others
    // read the window's tiers in turn until every stretch has its share: both are checked.
    let mut crowded = 0;
    for (from, to, limit) in [
        ("2015-01-01", "2019-12-31", 80),
        ("2015-01-01", "2019-12-31", 30),
        ("2016-03-01", "2017-08-31", 40),
        ("2015-01-01", "2019-12-31", 250),
        ("2016-03-01", "2017-08-31", 100),
        ("2016-03-01", "2016-04-15", 7),
    ] {
        let query = window(from, to, limit, None);
        let answer = store.window(&query).expect("window");
        if answer.total > limit * 8 {
            crowded += 1;
        }
        assert_eq!(
            answer.events.len(),
            limit as usize,
            "{from}..{to}: a window with more events than its limit is filled to the limit"
        );
        assert_eq!(
            window_ids(&store, &query),
            ranked_ids(&path, &query, Rule::LengthClass),
            "{from}..{to} limit {limit}: the tier walk must keep the ranking's choice"
        );
    }
    assert_eq!(
        crowded, 3,
        "three windows walk each stretch's tiers, three do not"
    );
}

#[test]
fn a_long_event_appears_in_every_window_it_overlaps() {
    let (_dir, mut store, _path) = store_on_disk();
    let mut long = event("normalisation", "1971-07", Kind::Agreement);
    long.end = Some("2025-12".parse().expect("date"));
    store.create(long).expect("create");
    // A crowd of lesser events around it, every month.
    let crowd: Vec<Event> = (0..600)
        .map(|i| {
            event(
                &format!("crowd-{i}"),
                &format!("{}-{:02}-15", 1972 + i / 12, 1 + i % 12),
                Kind::Statement,
            )
        })
        .collect();
    store.import(&crowd).expect("import");
    for (from, to, limit) in [
        ("1971-07-01", "1971-07-31", 10),
        ("1980-02-01", "1980-02-29", 10),
        ("1999-01-01", "1999-12-31", 5),
        ("2025-12-31", "2025-12-31", 10),
        ("1960-01-01", "2030-12-31", 30),
        ("2024-01-01", "2024-01-01", 1),
    ] {
        let ids = window_ids(&store, &window(from, to, limit, None));
        assert!(
            ids.iter().any(|id| id == "normalisation"),
            "the 1971–2025 process must stay on the timeline over {from}..{to}: {ids:?}"
        );
    }
    assert!(
        window_ids(&store, &window("2026-01-01", "2026-12-31", 10, None))
            .iter()
            .all(|id| id != "normalisation"),
        "and not after it ended"
    );
}

#[test]
fn a_database_made_before_the_counts_upgrades_in_place_with_correct_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    {
        // The schema of the release before this one, written as that release wrote it.
        let mut conn = Connection::open(&path).expect("create");
        rusqlite_migration::Migrations::new(vec![
            rusqlite_migration::M::up(include_str!("../../src/migrations/0001_events.sql")),
            rusqlite_migration::M::up(include_str!("../../src/migrations/0002_search.sql")),
        ])
        .to_latest(&mut conn)
        .expect("old schema");
        conn.pragma_update(
            None,
            "application_id",
            bilateral_core::identity::APPLICATION_ID,
        )
        .expect("application id");
        conn.execute_batch(
            "INSERT INTO events (id, title, start_text, end_text, first_day, last_day, kind,
                                 significance, origin, created_at, updated_at)
             VALUES ('a', 'A summit', '2023-11-15', NULL, 738839, 738839, 'summit', 10, 'user', 'x', 'x'),
                    ('b', 'A call', '2023-11', NULL, 738825, 738854, 'call', 6, 'user', 'x', 'x'),
                    ('c', 'Decades', '1979-01-01', '2025-06-30', 722450, 739432, 'agreement', 9, 'user', 'x', 'x');
             INSERT INTO actors (id, name, side) VALUES (1, 'Wang Yi', 'china'), (2, 'Joe Biden', 'us');
             INSERT INTO event_actors VALUES ('a', 1, 0), ('a', 2, 1), ('b', 1, 0), ('c', 2, 0);
             INSERT INTO event_tags VALUES ('a', 'apec', 0), ('b', 'apec', 0), ('c', 'trade', 0);
             INSERT INTO sources (event_id, position, url, title) VALUES
                    ('a', 0, 'https://example.org/a', 'A'), ('b', 0, 'https://example.org/b', 'B'),
                    ('c', 0, 'https://example.org/c', 'C');",
        )
        .expect("old rows");
    }
    let mut store = Store::open(&path).expect("the old file opens and upgrades");
    assert_counts_match(&path, "upgrading a file made before the counts");
    let facets = store.facets(&Filter::default()).expect("facets");
    assert_eq!(facets.total, 3, "facets count every event of the old file");
    let w = store
        .window(&window("2023-11-01", "2023-11-30", 1, None))
        .expect("window");
    assert_eq!(
        w.total, 3,
        "the November 2023 window holds the summit, the call and the decades-long agreement"
    );
    store
        .create(event("d", "2023-11-16", Kind::Meeting))
        .expect("write after upgrade");
    assert_counts_match(&path, "writing to an upgraded file");
}

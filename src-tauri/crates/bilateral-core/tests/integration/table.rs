use bilateral_core::model::{Actor, Source};
use bilateral_core::{
    Error, Filter, Kind, Side, Store, TableColumn, TablePage, TableQuery, TableSort,
};

use crate::fixtures::{event, store_on_disk};

fn actor(name: &str, side: Side) -> Actor {
    Actor {
        name: name.to_owned(),
        side,
        name_zh: None,
        pinyin: None,
    }
}

/// Four events that each column orders differently.
fn four_events() -> (tempfile::TempDir, Store, std::path::PathBuf) {
    let (dir, mut store, path) = store_on_disk();
    let template = event("x", "2020-01-01", Kind::Other).sources[0].clone();
    let sources = |id: &str, n: usize| -> Vec<Source> {
        (0..n)
            .map(|i| Source {
                url: format!("https://example.org/{id}/{i}"),
                ..template.clone()
            })
            .collect()
    };
    let mut a = event("a", "2020-01-01", Kind::Meeting);
    a.title = "banana".into();
    a.sources = sources("a", 1);
    let mut b = event("b", "2021-06", Kind::Summit);
    b.title = "Apple".into();
    b.actors = vec![actor("Wang Yi", Side::China)];
    b.sources = sources("b", 3);
    let mut c = event("c", "2019", Kind::Call);
    c.title = "cherry".into();
    c.actors = Vec::new();
    c.sources = sources("c", 2);
    let mut d = event("d", "2022-03-05", Kind::Statement);
    d.title = "date".into();
    d.actors = vec![actor("Antony Blinken", Side::Us)];
    d.sources = Vec::new();
    for e in [a, b, c, d] {
        store.create(e).expect("create");
    }
    (dir, store, path)
}

fn page(
    store: &Store,
    column: TableColumn,
    descending: bool,
    offset: u32,
    limit: u32,
) -> TablePage {
    store
        .table_page(&TableQuery {
            filter: None,
            sort: TableSort { column, descending },
            offset,
            limit,
        })
        .expect("table page")
}

fn ids(page: &TablePage) -> Vec<&str> {
    page.rows.iter().map(|r| r.event.id.as_str()).collect()
}

#[test]
fn each_column_sorts_both_ways() {
    let (_dir, store, _) = four_events();
    for (column, ascending) in [
        (TableColumn::Date, ["c", "a", "b", "d"]),
        (TableColumn::Title, ["b", "a", "c", "d"]),
        (TableColumn::Kind, ["c", "a", "d", "b"]),
        (TableColumn::Actors, ["c", "d", "a", "b"]),
        (TableColumn::Sources, ["d", "a", "c", "b"]),
    ] {
        let up = page(&store, column, false, 0, 100);
        assert_eq!(ids(&up), ascending, "sorted by {column:?}, ascending");
        let down = page(&store, column, true, 0, 100);
        let mut descending = ascending.to_vec();
        descending.reverse();
        assert_eq!(ids(&down), descending, "sorted by {column:?}, descending");
    }
    let by_state = page(&store, TableColumn::Verification, false, 0, 100);
    let states: Vec<&str> = by_state
        .rows
        .iter()
        .map(|r| r.verification.as_str())
        .collect();
    let mut sorted = states.clone();
    sorted.sort_unstable();
    assert_eq!(states, sorted, "sorted by verification");
    let reversed = page(&store, TableColumn::Verification, true, 0, 100);
    let mut down = ids(&reversed);
    down.reverse();
    assert_eq!(
        down,
        ids(&by_state),
        "verification descending is the reverse"
    );
}

#[test]
fn a_row_carries_what_the_columns_show() {
    let (_dir, store, _) = four_events();
    let first = page(&store, TableColumn::Sources, true, 0, 1);
    let row = &first.rows[0];
    assert_eq!(row.event.id, "b");
    assert_eq!(
        row.sources, 3,
        "the sources column counts the event's sources"
    );
    assert_eq!(row.event.title, "Apple");
    assert_eq!(
        row.event.start.to_string(),
        "2021-06",
        "the date keeps its precision"
    );
    assert_eq!(row.event.actors[0].name, "Wang Yi");
    let unsourced = page(&store, TableColumn::Sources, false, 0, 1);
    assert_eq!(unsourced.rows[0].sources, 0);
    assert_eq!(unsourced.rows[0].verification.as_str(), "unsourced");
}

#[test]
fn pages_are_slices_of_the_sorted_rows_with_the_total() {
    let (_dir, store, _) = four_events();
    let middle = page(&store, TableColumn::Date, false, 1, 2);
    assert_eq!(ids(&middle), ["a", "b"], "rows 1 and 2 by date");
    assert_eq!(middle.total, 4, "the total counts every matching row");
    let last = page(&store, TableColumn::Date, false, 3, 2);
    assert_eq!(ids(&last), ["d"], "the last page is short");
    let past = page(&store, TableColumn::Date, false, 10, 2);
    assert!(past.rows.is_empty(), "past the end is empty, not an error");
    assert_eq!(past.total, 4);
    let err = store
        .table_page(&TableQuery {
            filter: None,
            sort: TableSort {
                column: TableColumn::Date,
                descending: false,
            },
            offset: 0,
            limit: 0,
        })
        .expect_err("a page of no rows is refused");
    assert!(
        matches!(&err, Error::Invalid { field, .. } if field == "limit"),
        "{err:?}"
    );
}

#[test]
fn the_filter_is_honoured() {
    let (_dir, store, _) = four_events();
    let filtered = store
        .table_page(&TableQuery {
            filter: Some(Filter {
                kinds: vec![Kind::Summit, Kind::Call],
                ..Filter::default()
            }),
            sort: TableSort {
                column: TableColumn::Date,
                descending: false,
            },
            offset: 0,
            limit: 100,
        })
        .expect("filtered page");
    assert_eq!(ids(&filtered), ["c", "b"]);
    assert_eq!(filtered.total, 2, "the row count is the filter's");

    // The actors sort joins the first actor; a filter on sides joins actors too.
    let china = store
        .table_page(&TableQuery {
            filter: Some(Filter {
                sides: vec![Side::China],
                ..Filter::default()
            }),
            sort: TableSort {
                column: TableColumn::Actors,
                descending: true,
            },
            offset: 0,
            limit: 100,
        })
        .expect("filtered page sorted by actors");
    assert_eq!(
        ids(&china),
        ["b", "a"],
        "Wang Yi, then Joe Biden (with Xi Jinping)"
    );
    assert_eq!(china.total, 2);
}

#[test]
fn a_damaged_row_is_reported_not_fatal() {
    let (_dir, store, path) = four_events();
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute("UPDATE events SET kind = 'parade' WHERE id = 'a'", [])
        .expect("damage kind");
    let all = page(&store, TableColumn::Date, false, 0, 100);
    assert_eq!(
        ids(&all),
        ["c", "b", "d"],
        "the readable rows are still listed"
    );
    assert_eq!(all.damaged.len(), 1);
    assert_eq!(all.damaged[0].id, "a");
    assert!(
        all.damaged[0].message.contains("parade"),
        "{:?}",
        all.damaged
    );
}

/// The ids of every event sorted by their first actor's name (then date and row), as read from
/// the events themselves: what the table's actors sort must show.
fn expected_by_first_actor(store: &Store) -> Vec<String> {
    let all = page(store, TableColumn::Date, false, 0, 1000);
    let mut keyed: Vec<(Option<String>, usize, String)> = all
        .rows
        .iter()
        .enumerate()
        .map(|(date_order, row)| {
            let first = store.get(&row.event.id).expect("event").event.actors;
            (
                first.first().map(|a| a.name.clone()),
                date_order,
                row.event.id.clone(),
            )
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, _, id)| id).collect()
}

#[test]
fn the_actors_sort_follows_edits_and_bulk_edits_of_the_first_actor() {
    let (_dir, store, _) = four_events();
    let mut curator = bilateral_core::Curator::new(store);
    // "a" takes a new first actor through the editor; "c" gains one in bulk.
    let mut a = curator.store().get("a").expect("a").event;
    a.actors.insert(0, actor("Zhou Enlai", Side::China));
    curator.update(a).expect("update");
    curator
        .bulk_edit(&bilateral_core::BulkEdit {
            target: bilateral_core::BulkTarget::Ids {
                ids: vec!["c".into()],
            },
            set_kind: None,
            add_tags: Vec::new(),
            remove_tags: Vec::new(),
            add_actors: vec![actor("Henry Kissinger", Side::Us)],
            remove_actors: Vec::new(),
        })
        .expect("bulk edit");
    let sorted = page(curator.store(), TableColumn::Actors, false, 0, 100);
    assert_eq!(
        ids(&sorted),
        expected_by_first_actor(curator.store()),
        "sorted by the first actor as the events now have it"
    );
    assert_eq!(ids(&sorted), ["d", "c", "b", "a"]);
    curator.undo().expect("undo").expect("the bulk edit");
    curator.undo().expect("undo").expect("the edit");
    assert_eq!(
        ids(&page(curator.store(), TableColumn::Actors, false, 0, 100)),
        ["c", "d", "a", "b"],
        "undo puts the order back"
    );
}

#[test]
fn a_database_from_before_the_sort_indexes_sorts_by_actors_and_sources_once_upgraded() {
    let (_dir, store) = crate::fixtures::release_store();
    let sorted = page(&store, TableColumn::Actors, false, 0, 1000);
    assert_eq!(sorted.rows.len(), 206);
    assert_eq!(ids(&sorted), expected_by_first_actor(&store));

    // Sources too: each row's count is what the event cites, and the order follows it.
    let by_sources = page(&store, TableColumn::Sources, false, 0, 1000);
    let counts: Vec<u32> = by_sources.rows.iter().map(|r| r.sources).collect();
    for row in &by_sources.rows {
        let cited = store.get(&row.event.id).expect("event").event.sources.len();
        assert_eq!(row.sources as usize, cited, "{}", row.event.id);
    }
    let mut ascending = counts.clone();
    ascending.sort_unstable();
    assert_eq!(counts, ascending, "sorted by how many sources");
    assert!(
        counts.first() < counts.last(),
        "the counts differ: {counts:?}"
    );
}

#[test]
fn an_events_position_is_its_row_in_every_sort_and_none_when_filtered_out() {
    let (_dir, store, _) = crate::fixtures::shipped_store();
    let columns = [
        TableColumn::Date,
        TableColumn::Title,
        TableColumn::Kind,
        TableColumn::Actors,
        TableColumn::Sources,
        TableColumn::Verification,
    ];
    let summits = Filter {
        kinds: vec![Kind::Summit],
        ..Filter::default()
    };
    for filter in [None, Some(summits.clone())] {
        for column in columns {
            for descending in [false, true] {
                let sort = TableSort { column, descending };
                let all = store
                    .table_page(&TableQuery {
                        filter: filter.clone(),
                        sort,
                        offset: 0,
                        limit: 1000,
                    })
                    .expect("page");
                for (row, event) in all.rows.iter().enumerate().step_by(7) {
                    let at = store
                        .table_position(&bilateral_core::TablePositionQuery {
                            filter: filter.clone(),
                            sort,
                            id: event.event.id.clone(),
                        })
                        .expect("position");
                    assert_eq!(
                        at,
                        Some(row as u32),
                        "{} sorted by {column:?} (descending {descending}, filter {})",
                        event.event.id,
                        filter.is_some()
                    );
                }
            }
        }
    }
    let visit = store
        .table_page(&TableQuery {
            filter: Some(Filter {
                kinds: vec![Kind::Visit],
                ..Filter::default()
            }),
            sort: TableSort {
                column: TableColumn::Date,
                descending: false,
            },
            offset: 0,
            limit: 1,
        })
        .expect("a visit")
        .rows[0]
        .event
        .id
        .clone();
    let outside = store
        .table_position(&bilateral_core::TablePositionQuery {
            filter: Some(summits),
            sort: TableSort {
                column: TableColumn::Date,
                descending: false,
            },
            id: visit,
        })
        .expect("position");
    assert_eq!(outside, None, "a visit has no row among summits");
}

#[test]
fn an_event_without_actors_is_found_first_in_the_actors_sort() {
    let (_dir, store, _) = four_events();
    let at = |id: &str, descending: bool| {
        store
            .table_position(&bilateral_core::TablePositionQuery {
                filter: None,
                sort: TableSort {
                    column: TableColumn::Actors,
                    descending,
                },
                id: id.to_owned(),
            })
            .expect("position")
    };
    assert_eq!((at("c", false), at("b", false)), (Some(0), Some(3)));
    assert_eq!((at("c", true), at("b", true)), (Some(3), Some(0)));
}

//! What a bulk edit from the table costs: setting the kind and adding a tag on 10,000 of
//! 100,000 events (listed ids, and "select all" of a filter), and undoing it; then deleting
//! the 10,000 (an undo step) and undoing that, and deleting every event of a filter (half the
//! database, backed up first), on a copy of the cached benchmark database:
//! `cargo bench -p bilateral-core --bench bulk_edit`, database sizes from `BILATERAL_BENCH_N`
//! (default 100,000). Prints timings; asserts only that the edit did what it says.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "support/allocator.rs"]
mod allocator;
use std::time::Instant;

use bilateral_core::{
    BulkEdit, BulkTarget, Curator, Filter, Kind, PartialDate, Store, TableColumn, TableQuery,
    TableSort,
};

#[path = "support/synthetic.rs"]
mod synthetic;

#[path = "support/bench_db.rs"]
mod bench_db;

/// Events a listed bulk edit changes: 10,000, or a tenth of a smaller database (the table's
/// first rows by date must be there to select).
const EDITED: u32 = 10_000;

fn change(target: BulkTarget, kind: Kind) -> BulkEdit {
    BulkEdit {
        target,
        set_kind: Some(kind),
        add_tags: vec!["bulk-bench".into()],
        remove_tags: Vec::new(),
        add_actors: Vec::new(),
        remove_actors: Vec::new(),
    }
}

fn main() {
    let sizes = std::env::var("BILATERAL_BENCH_N")
        .ok()
        .map(|_| bench_db::sizes())
        .unwrap_or_else(|| vec![100_000]);
    for n in sizes {
        let cached = bench_db::bench_db(n);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bulk.db");
        std::fs::copy(&cached, &path).expect("copy the benchmark database");
        let mut curator = Curator::new(Store::open(&path).expect("open"));

        // The first rows of the table sorted by date, as Shift+click would select them.
        let edited = EDITED.min(u32::try_from(n / 10).unwrap().max(1));
        let mut ids = Vec::new();
        for offset in (0..edited).step_by(1000) {
            let page = curator
                .store()
                .table_page(&TableQuery {
                    filter: None,
                    sort: TableSort {
                        column: TableColumn::Date,
                        descending: false,
                    },
                    offset,
                    limit: 1000.min(edited - offset),
                })
                .expect("page");
            ids.extend(page.rows.into_iter().map(|r| r.event.id));
        }

        let start = Instant::now();
        let kind_only = BulkEdit {
            add_tags: Vec::new(),
            ..change(BulkTarget::Ids { ids: ids.clone() }, Kind::Call)
        };
        curator.bulk_edit(&kind_only).expect("kind only");
        let kind_only = start.elapsed();
        curator.undo().expect("undo").expect("a step");

        let start = Instant::now();
        let done = curator
            .bulk_edit(&change(BulkTarget::Ids { ids: ids.clone() }, Kind::Other))
            .expect("bulk edit by ids");
        let by_ids = start.elapsed();
        assert_eq!(done.edited.matched, edited);
        let start = Instant::now();
        curator.undo().expect("undo").expect("a step");
        let undo = start.elapsed();

        // "Select all" of a filter that matches about as many events.
        let filter = Filter {
            to: Some("1990".parse::<PartialDate>().expect("year")),
            ..Filter::default()
        };
        let matching = curator.store().count_matching(&filter).expect("count");
        let start = Instant::now();
        let done = curator
            .bulk_edit(&change(
                BulkTarget::Matching {
                    filter,
                    except: Vec::new(),
                },
                Kind::Other,
            ))
            .expect("bulk edit by filter");
        let by_filter = start.elapsed();
        assert_eq!(done.edited.matched as usize, matching);

        // Deleting the listed events (small enough to undo), and undoing it.
        let stored = curator.store().count().expect("count");
        let start = Instant::now();
        let deleted = curator
            .bulk_delete(&BulkTarget::Ids { ids })
            .expect("bulk delete by ids");
        let delete_ids = start.elapsed();
        assert_eq!(deleted.deleted.deleted, edited);
        let start = Instant::now();
        curator.undo().expect("undo").expect("a step");
        let undo_delete = start.elapsed();
        assert_eq!(curator.store().count().expect("count"), stored);

        // Deleting every event of a filter: about half, past the undo limit from 100,000 on,
        // so the store is backed up first.
        let half = Filter {
            from: Some("2002".parse::<PartialDate>().expect("year")),
            ..Filter::default()
        };
        let start = Instant::now();
        let wide = curator
            .bulk_delete(&BulkTarget::Matching {
                filter: half,
                except: Vec::new(),
            })
            .expect("bulk delete by filter");
        let delete_wide = start.elapsed();
        let backup_bytes = wide.deleted.backup.as_ref().map_or(0, |b| b.bytes);

        println!("\nN = {n}");
        println!(
            "bulk edit of {edited} listed events (kind only): {:.0} ms",
            kind_only.as_secs_f64() * 1000.0
        );
        println!(
            "bulk edit of {edited} listed events (kind + tag): {:.0} ms",
            by_ids.as_secs_f64() * 1000.0
        );
        println!(
            "undo of it (one step): {:.0} ms",
            undo.as_secs_f64() * 1000.0
        );
        println!(
            "bulk edit of every event matching a filter ({} events): {:.0} ms",
            done.edited.matched,
            by_filter.as_secs_f64() * 1000.0
        );
        println!(
            "bulk delete of {edited} listed events: {:.0} ms; its undo: {:.0} ms",
            delete_ids.as_secs_f64() * 1000.0,
            undo_delete.as_secs_f64() * 1000.0
        );
        println!(
            "bulk delete of every event matching a filter ({} events, undoable: {}, backup of \
             {:.0} MB taken first): {:.0} ms",
            wide.deleted.deleted,
            wide.deleted.undoable,
            backup_bytes as f64 / 1e6,
            delete_wide.as_secs_f64() * 1000.0
        );
    }
}

//! Compaction: a delete of most of the store gives its room back to the disk, and every view
//! (the copies held in memory among them) still reads the events left.

use std::collections::BTreeMap;

use bilateral_core::{BulkTarget, Curator, Filter, Kind, Store};
use rusqlite::{Connection, OpenFlags};

use crate::fixtures::{event, search_ids, store_on_disk};

/// Each event's row id, by event id, read from the file as another program would.
fn rowids(path: &std::path::Path) -> BTreeMap<String, i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let mut stmt = conn
        .prepare("SELECT id, rowid FROM events")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

/// Every statement: two events in three of `curator_of`.
fn statements() -> BulkTarget {
    BulkTarget::Matching {
        filter: Filter {
            kinds: vec![Kind::Statement],
            ..Filter::default()
        },
        except: Vec::new(),
    }
}

fn summits() -> Filter {
    Filter {
        tags: vec!["summit".to_owned()],
        ..Filter::default()
    }
}

/// A store of `n` events with long summaries (a GDELT import's worth of room, scaled down),
/// one in three a meeting, the others statements.
fn curator_of(n: usize) -> (tempfile::TempDir, Curator, std::path::PathBuf) {
    let (dir, store, path) = store_on_disk();
    let mut curator = Curator::new(store);
    let events: Vec<_> = (0..n)
        .map(|i| {
            let kind = if i % 3 == 0 {
                Kind::Meeting
            } else {
                Kind::Statement
            };
            let mut e = event(&format!("e{i:05}"), "2021-03-18", kind);
            e.summary = format!("topic{i}end ").repeat(200);
            e
        })
        .collect();
    curator.store_mut().import(&events).expect("import");
    (dir, curator, path)
}

#[test]
fn a_delete_of_most_of_the_store_compacts_it_and_every_view_reads_the_events_left() {
    let (_dir, mut curator, path) = curator_of(3000);
    // The copy of the filtered fields, read before the delete, is patched after it by row id.
    assert_eq!(
        curator.store().facets(&summits()).expect("facets").total,
        3000
    );
    let before = rowids(&path);
    // Another connection reading meanwhile, as the app's readers do, does not stop it.
    let reader =
        Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    reader.execute_batch("BEGIN").expect("begin");
    let counted: i64 = reader
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(counted, 3000);

    let answer = curator.bulk_delete(&statements()).expect("bulk delete");
    assert_eq!(answer.deleted.deleted, 2000);
    let compacted = answer
        .deleted
        .compacted
        .expect("two thirds of the file free: compacted");
    assert!(
        compacted.bytes_after * 2 < compacted.bytes_before,
        "{compacted:?}"
    );
    let counted: i64 = reader
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(counted, 3000, "the reader still reads what it began with");
    drop(reader);

    // Every event left keeps its row id: the copies and the log of changes name them so.
    let kept: BTreeMap<String, i64> = before
        .into_iter()
        .filter(|(id, _)| id[1..].parse::<usize>().expect("number") % 3 == 0)
        .collect();
    assert_eq!(rowids(&path), kept);
    let store = curator.store();
    assert_eq!(
        store.facets(&summits()).expect("facets"),
        store.facets_counted(&summits()).expect("counted"),
        "the patched copy counts what the events say"
    );
    assert_eq!(store.facets(&summits()).expect("facets").total, 1000);
    assert_eq!(search_ids(store, "topic3end"), ["e00003"]);
    assert_eq!(search_ids(store, "topic4end"), Vec::<String>::new());

    // Undo puts the deleted events back, into the compacted file.
    curator.undo().expect("undo").expect("a step");
    let store = curator.store();
    assert_eq!(store.facets(&summits()).expect("facets").total, 3000);
    assert_eq!(search_ids(store, "topic4end"), ["e00004"]);

    // Closed (and so checkpointed), the file on disk is the compacted size.
    let bytes_undone = std::fs::metadata(&path).expect("file").len();
    curator
        .bulk_delete(&statements())
        .expect("bulk delete again");
    drop(curator);
    let on_disk = std::fs::metadata(&path).expect("file").len();
    assert!(
        on_disk * 2 < bytes_undone.max(compacted.bytes_before),
        "{on_disk} bytes on disk after the delete, {bytes_undone} before"
    );
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.facets(&summits()).expect("facets").total, 1000);
}

#[test]
fn a_small_share_deleted_leaves_the_file_as_it_is() {
    let (_dir, mut curator, _path) = curator_of(3000);
    let answer = curator
        .bulk_delete(&BulkTarget::Ids {
            ids: vec!["e00001".to_owned(), "e00002".to_owned()],
        })
        .expect("bulk delete");
    assert_eq!(answer.deleted.deleted, 2);
    assert_eq!(
        answer.deleted.compacted, None,
        "two events of 3,000: too little room freed"
    );
}

#[test]
fn compacting_on_demand_keeps_every_event_and_reports_the_sizes() {
    let (_dir, mut curator, path) = curator_of(300);
    let before = rowids(&path);
    let compacted = curator.store_mut().compact().expect("compact");
    assert!(
        compacted.bytes_after <= compacted.bytes_before,
        "{compacted:?}"
    );
    assert_eq!(rowids(&path), before);
    assert_eq!(search_ids(curator.store(), "topic299end"), ["e00299"]);
}

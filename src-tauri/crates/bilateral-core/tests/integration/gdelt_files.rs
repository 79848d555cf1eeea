//! GDELT exports as downloaded: zipped (read in place) and many at once, on files and zip
//! archives written here.

use std::io::Write;
use std::path::{Path, PathBuf};

use bilateral_core::formats::Location;
use bilateral_core::formats::{gdelt, gdelt_files};

use crate::fixtures::store_on_disk;
use crate::gdelt::{fixture, ids, row, CHINA, US};

/// A zip archive at `path` holding `entries` (name, text), deflated as GDELT's are.
pub fn zip(path: &Path, entries: &[(&str, &str)]) -> PathBuf {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in entries {
        writer.start_file(*name, options).expect("entry");
        writer.write_all(text.as_bytes()).expect("write");
    }
    writer.finish().expect("finish");
    path.to_owned()
}

/// A second export, a quarter of an hour later: one new US–China meeting and one row
/// between other countries.
pub fn later() -> String {
    [
        row(
            "1100000010",
            "20231121",
            CHINA,
            US,
            "040",
            "Beijing, Beijing, China",
            "https://example.org/news/meeting",
        ),
        row(
            "1100000011",
            "20231121",
            ("FRANCE", "FRA"),
            ("GERMANY", "DEU"),
            "040",
            "",
            "https://example.org/news/elsewhere",
        ),
    ]
    .join("\n")
        + "\n"
}

#[test]
fn a_zipped_export_reads_as_the_file_inside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("20231120121500.export.CSV");
    std::fs::write(&plain, fixture()).expect("write");
    let zipped = zip(
        &dir.path().join("20231120121500.export.CSV.zip"),
        &[("20231120121500.export.CSV", &fixture())],
    );
    let from_plain = gdelt_files::read_file(&plain).expect("read the file");
    let from_zip = gdelt_files::read_file(&zipped).expect("read inside the archive");
    assert_eq!(from_zip.parsed.events, from_plain.parsed.events);
    assert_eq!(
        from_zip.parsed.at, from_plain.parsed.at,
        "lines of the file inside"
    );
    assert_eq!(from_zip.tally, from_plain.tally);
    assert_eq!(
        (
            from_zip.tally.files,
            from_zip.tally.rows,
            from_zip.tally.kept
        ),
        (1, 5, 3)
    );
    assert_eq!(
        from_zip.parsed.rejected.len(),
        1,
        "the bad day is rejected from inside the archive too"
    );
}

#[test]
fn several_exports_read_as_one_import_with_each_event_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = zip(
        &dir.path().join("20231120121500.export.CSV.zip"),
        &[("20231120121500.export.CSV", &fixture())],
    );
    let second = dir.path().join("20231121120000.export.CSV");
    std::fs::write(&second, later()).expect("write");
    // The first export chosen a second time, unzipped: its events are read once.
    let again = dir.path().join("20231120121500.export.CSV");
    std::fs::write(&again, fixture()).expect("write");

    let reading = gdelt_files::read_files(&[first, second.clone(), again]).expect("read the three");
    let t = reading.tally;
    assert_eq!(t.files, 3);
    assert_eq!(t.rows, 5 + 2 + 5, "every row of every file is counted");
    assert_eq!(
        t.kept, 4,
        "three from the first export, one from the second"
    );
    assert_eq!(t.repeated, 3, "the first export's events, read again");
    assert_eq!(
        t.sources_left_out, 1,
        "the ftp link of the first export, counted once though read twice"
    );
    assert_eq!(t.elsewhere, 1 + 1 + 1);
    let ids = ids(&reading);
    assert_eq!(
        ids,
        [
            "gdelt-1100000001",
            "gdelt-1100000002",
            "gdelt-1100000005",
            "gdelt-1100000010"
        ],
        "in the order of the files"
    );
    assert_eq!(reading.parsed.at[3], Location::Line(1));
    // The bad day of the first export, in both copies: each says which file it is in.
    let places: Vec<(Option<&str>, Location)> = reading
        .parsed
        .rejected
        .iter()
        .map(|r| (r.file.as_deref(), r.at))
        .collect();
    assert_eq!(
        places,
        [
            (Some("20231120121500.export.CSV.zip"), Location::Line(4)),
            (Some("20231120121500.export.CSV"), Location::Line(4)),
        ]
    );
    assert!(
        reading.parsed.rejected[0]
            .to_string()
            .starts_with("20231120121500.export.CSV.zip, line 4, Day (column 2): "),
        "{}",
        reading.parsed.rejected[0]
    );

    // Written as one import: four events, each once.
    let (_dir, mut store, _) = store_on_disk();
    let good = gdelt_files::read_files(&[second, dir.path().join("20231120121500.export.CSV.zip")])
        .expect("read");
    assert!(good.parsed.rejected.len() == 1);
    store
        .import_with_progress(&good.parsed.events, good.parsed.coverage(), |_, _| true)
        .expect("import");
    assert_eq!(store.count().expect("count"), 4);
}

#[test]
fn an_archive_of_several_exports_reads_them_in_name_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let both = zip(
        &dir.path().join("week.zip"),
        &[
            ("exports/20231121120000.export.CSV", &later()),
            ("exports/", ""),
            ("exports/20231120121500.export.CSV", &fixture()),
            // What macOS adds when it zips a folder: skipped, not read as rows.
            (
                "__MACOSX/exports/._20231120121500.export.CSV",
                "\u{0}\u{5}\u{16}\u{7}Mac OS X",
            ),
        ],
    );
    let reading = gdelt_files::read_file(&both).expect("read");
    assert_eq!(reading.tally.files, 2);
    assert_eq!(
        reading.parsed.rejected.len(),
        1,
        "only the bad day: {:?}",
        reading.parsed.rejected
    );
    assert_eq!(reading.tally.kept, 4);
    assert_eq!(
        reading.parsed.events[0].id, "gdelt-1100000001",
        "the earlier export first"
    );
    assert_eq!(
        reading.parsed.rejected[0].file.as_deref(),
        Some("20231120121500.export.CSV"),
        "the export inside the archive"
    );
}

#[test]
fn an_archive_holding_anything_else_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mixed = zip(
        &dir.path().join("mixed.zip"),
        &[
            ("20231120121500.export.CSV", &fixture()),
            ("20231120121500.mentions.CSV", "1\t2\n"),
        ],
    );
    let err = gdelt_files::read_file(&mixed).unwrap_err().to_string();
    assert!(
        err.contains("20231120121500.mentions.CSV") && err.contains("nothing was imported"),
        "{err}"
    );

    let empty = zip(&dir.path().join("empty.zip"), &[]);
    let err = gdelt_files::read_file(&empty).unwrap_err().to_string();
    assert!(err.contains("no GDELT event file"), "{err}");

    let broken = dir.path().join("broken.export.CSV.zip");
    std::fs::write(&broken, b"PK\x03\x04 this archive was cut short").expect("write");
    let err = gdelt_files::read_file(&broken).unwrap_err().to_string();
    assert!(
        err.contains("broken.export.CSV.zip") && err.contains("not a readable zip archive"),
        "{err}"
    );
}

#[test]
fn a_gdelt_1_0_historical_archive_reads_as_downloaded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let backfile = bilateral_core::formats::gdelt::Layout::V1Backfile;
    let rows = [
        gdelt::sample_row_in(backfile, "1", "19790101", US, CHINA, "061", "", ""),
        gdelt::sample_row_in(backfile, "2", "19790301", CHINA, US, "042", "", ""),
    ]
    .join("\n");
    let year = zip(&dir.path().join("1979.zip"), &[("1979.csv", &rows)]);
    assert!(gdelt_files::is_read_as_gdelt("1979.zip"));
    let reading = gdelt_files::read_file(&year).expect("read");
    assert!(
        reading.parsed.rejected.is_empty(),
        "{:?}",
        reading.parsed.rejected
    );
    assert_eq!((reading.tally.kept, reading.tally.from_backfile), (2, 2));

    let month = zip(&dir.path().join("200601.zip"), &[("200601.CSV", &rows)]);
    assert_eq!(gdelt_files::read_file(&month).expect("read").tally.kept, 2);
    let twice = gdelt_files::read_files(&[year.clone(), year.clone()]).expect("read");
    assert_eq!(
        (
            twice.tally.kept,
            twice.tally.repeated,
            twice.tally.from_backfile
        ),
        (2, 2, 2),
        "a file chosen twice: its events, and their missing sources, counted once"
    );

    let other = zip(&dir.path().join("tables.zip"), &[("budget.csv", &rows)]);
    let err = gdelt_files::read_file(&other).unwrap_err().to_string();
    assert!(
        err.contains("budget.csv") && err.contains("YYYY.csv"),
        "{err}"
    );
    assert!(!gdelt::is_backfile_name("19790.csv") && !gdelt::is_backfile_name("1979.tsv"));
    assert!(
        !gdelt_files::is_read_as_gdelt("1979.csv"),
        "a plain 1979.csv may be anybody's table: its content says whether it is GDELT"
    );
}

#[test]
fn a_file_named_otherwise_is_told_by_its_first_row_but_a_pipe_is_left_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let year = dir.path().join("1979.csv");
    let backfile = gdelt::Layout::V1Backfile;
    std::fs::write(
        &year,
        gdelt::sample_row_in(backfile, "1", "19790101", US, CHINA, "061", "", ""),
    )
    .expect("write");
    assert!(gdelt_files::is_gdelt_file(&year));
    let table = dir.path().join("1980.csv");
    std::fs::write(&table, "id,title,start\nx,Talks,1980\n").expect("write");
    assert!(!gdelt_files::is_gdelt_file(&table), "a table of our own");

    let fifo = dir.path().join("rows.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // Opening a pipe with no writer would block, and reading it would take its rows.
    assert!(!gdelt_files::is_gdelt_file(&fifo));
}

/// A GDELT file is bounded by the rows it leaves in memory, not by its size: an archive of
/// endless unreadable lines stops at the limit, with nothing imported. (Where a reading stops
/// is tested with a small limit in `gdelt`.)
#[test]
fn an_archive_of_endless_unreadable_rows_stops_at_the_rows_held() {
    use bilateral_core::limits::MAX_GDELT_ROWS_HELD;
    let dir = tempfile::tempdir().expect("tempdir");
    let junk = "x\n".repeat(MAX_GDELT_ROWS_HELD + 1);
    let zipped = zip(&dir.path().join("junk.zip"), &[("junk.export.CSV", &junk)]);
    let err = gdelt_files::read_file(&zipped).unwrap_err().to_string();
    assert!(
        err.contains("more than 1000000 kept or unreadable rows")
            && err.contains("junk.zip/junk.export.CSV")
            && err.contains("nothing was imported"),
        "{err}"
    );
    // Streamed into an import, the events are written as they come, and only the
    // unreadable rows are held.
    let (_store_dir, store, _) = store_on_disk();
    let input = bilateral_core::formats::stream::gdelt(vec![zipped], "junk.zip");
    let err = store.preview_stream(&input).unwrap_err().to_string();
    assert!(
        err.contains("more than 1000000 unreadable rows")
            && err.contains("junk.zip/junk.export.CSV"),
        "{err}"
    );
}

#[test]
fn names_of_exports_zipped_or_not() {
    assert!(gdelt_files::is_export_file("20231120121500.export.CSV"));
    assert!(gdelt_files::is_export_file("20231120121500.export.CSV.zip"));
    assert!(gdelt_files::is_export_file("20231120121500.EXPORT.csv.ZIP"));
    assert!(!gdelt_files::is_export_file(
        "20231120121500.mentions.CSV.zip"
    ));
    assert!(!gdelt_files::is_export_file("events.zip"));
    assert!(gdelt_files::is_zip_name("events.ZIP"));
    assert!(gdelt_files::is_read_as_gdelt("20231120121500.export.CSV"));
    assert!(
        gdelt_files::is_read_as_gdelt("events.zip"),
        "its reader says what it holds"
    );
    assert!(!gdelt_files::is_read_as_gdelt("events.csv"));
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 200,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    /// A damaged archive (bytes changed, the file cut short) is read or refused with a
    /// message, never a panic: archives come from downloads that can break.
    #[test]
    fn a_damaged_archive_is_read_or_refused_never_a_crash(
        changes in proptest::collection::vec((0usize..4096, proptest::num::u8::ANY), 0..8),
        cut in proptest::option::of(0usize..4096),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = zip(
            &dir.path().join("20231120121500.export.CSV.zip"),
            &[("20231120121500.export.CSV", &fixture()), ("later.export.CSV", &later())],
        );
        let mut bytes = std::fs::read(&path).expect("read");
        for (at, byte) in changes {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % (bytes.len() + 1));
        }
        std::fs::write(&path, &bytes).expect("write");
        if let Err(e) = gdelt_files::read_file(&path) {
            proptest::prop_assert!(e.to_string().len() < 1000, "{e}");
        }
    }
}

/// An export of `n` rows between France and Germany (left out), for readings long enough to
/// report their progress.
pub fn elsewhere(n: usize) -> String {
    (0..n)
        .map(|i| {
            row(
                &(1_200_000_000 + i).to_string(),
                "20231121",
                ("FRANCE", "FRA"),
                ("GERMANY", "DEU"),
                "040",
                "",
                "https://example.org/news/elsewhere",
            ) + "\n"
        })
        .collect()
}

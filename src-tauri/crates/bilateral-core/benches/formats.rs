//! Export and import of every format, and import/export of JSON and CSV through the store
//! beside the `sqlite3` command-line tool doing the same work:
//! `cargo bench -p bilateral-core --bench formats`. Prints figures; asserts nothing about speed.
//!
//! `BILATERAL_BENCH_N` (comma-separated; default `1000,10000,100000`) sets the sizes; any size
//! is run as asked, never capped. Each import and export runs in a child process (this binary
//! run again), so its peak memory (`VmHWM`) is its own. Baselines, in the same run:
//! - import (the way the CLI does: one reading of the file): `sqlite3` `.import` of the same
//!   rows as CSV into a table with a column per CSV column, a primary key and a date index
//!   (checked: every row stored, no warning);
//! - export: `sqlite3 -json` / `-csv` of the same rows.
//!
//! GDELT: an export of N rows, all between the US and China, imported as it streams and
//! previewed (no baseline: no other tool reads GDELT into a store).
//!
//! The `web` part opens the exported web page (up to its limit) in headless Chromium and
//! prints the time to its first screen.
//!
//! Without a `sqlite3` binary the baselines are skipped with a message. Generated files are
//! cached under the target folder (`bench-formats/`), one set per size.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "support/allocator.rs"]
mod allocator;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bilateral_core::checkpointer::Checkpointer;
use bilateral_core::formats::{self, ExportOptions, Format, Progress};
use bilateral_core::import_once::Reading;
use bilateral_core::Store;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

/// The environment variable that makes this binary a child measuring one task.
const CHILD: &str = "BILATERAL_BENCH_CHILD";

fn per_second(n: usize, took: Duration) -> f64 {
    n as f64 / took.as_secs_f64()
}

fn sizes() -> Vec<usize> {
    std::env::var("BILATERAL_BENCH_N")
        .unwrap_or_else(|_| "1000,10000,100000".to_owned())
        .split(',')
        .filter_map(|n| n.trim().replace('_', "").parse().ok())
        .collect()
}

/// Peak resident memory of this process so far, in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Imports `file` into the database at `db` the way the CLI does: one reading of the file,
/// as a stream, then the finishing steps and the commit.
fn import_file(db: &Path, file: &Path, format: Format) {
    let mut store = Store::open(db).unwrap();
    let input = formats::stream::open(file, Some(format)).unwrap();
    let Reading::Read(read) = store.read_import(&input, |_| true).unwrap() else {
        panic!("the reading was not cancelled");
    };
    assert!(
        read.preview().rejected.is_empty(),
        "{:?}",
        read.preview().rejected.first()
    );
    let outcome = read.finish(|_, _| true).unwrap();
    assert!(matches!(
        outcome,
        bilateral_core::import::ImportOutcome::Imported(_)
    ));
}

/// Imports `file` into the database at `db` the way the app does once the user has seen the
/// preview: with the total known, and the checkpoint handed to the checkpointer's thread.
/// Timed up to the import's return, which is when the dialog closes; then the checkpoint
/// the thread ran after it, timed apart.
fn import_file_in_app(db: &Path, file: &Path, format: Format) -> (f64, f64) {
    let mut store = Store::open(db).unwrap();
    let checkpointer = Checkpointer::start(&store).unwrap().unwrap();
    let input = formats::stream::open(file, Some(format)).unwrap();
    let (_, total) = store.preview_stream(&input).unwrap();
    let start = Instant::now();
    let outcome = store.import_stream(&input, total, |_, _| true).unwrap();
    let took = start.elapsed().as_secs_f64();
    assert!(matches!(
        outcome,
        bilateral_core::import::ImportOutcome::Imported(_)
    ));
    let start = Instant::now();
    checkpointer.after_write();
    checkpointer.settle();
    (took, start.elapsed().as_secs_f64())
}

/// Previews `file` against the database at `db`, as the import dialog does before anything
/// is written (and the CLI's dry run).
fn preview_file(db: &Path, file: &Path, format: Format) {
    let store = Store::open(db).unwrap();
    let input = formats::stream::open(file, Some(format)).unwrap();
    let (preview, _) = store.preview_stream(&input).unwrap();
    assert!(
        preview.rejected.is_empty(),
        "{:?}",
        preview.rejected.first()
    );
}

/// Exports every event of the database at `db` to `out` the way the CLI does.
fn export_file(db: &Path, out: &Path, format: Format) {
    let store = Store::open_read_only(db).unwrap();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    store
        .export_matching(
            &bilateral_core::Filter::default(),
            format,
            &ExportOptions::default(),
            &mut file,
            &mut Progress::silent(0),
        )
        .unwrap()
        .unwrap();
}

/// The child: one task, then `seconds peak_mb` on standard output.
fn child(task: &str) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let format = Format::parse(&args[1]).unwrap();
    if task == "import-in-app" {
        // Times itself: the preview before it is not part of it.
        let (took, checkpoint) =
            import_file_in_app(Path::new(&args[3]), Path::new(&args[2]), format);
        println!("{took} {} {checkpoint}", peak_mb());
        return;
    }
    let start = Instant::now();
    match task {
        "import" => import_file(Path::new(&args[3]), Path::new(&args[2]), format),
        "preview" => preview_file(Path::new(&args[3]), Path::new(&args[2]), format),
        "export" => export_file(Path::new(&args[2]), Path::new(&args[3]), format),
        other => panic!("unknown task {other}"),
    }
    println!("{} {}", start.elapsed().as_secs_f64(), peak_mb());
}

/// Runs this binary as a child for `task`; its time and peak memory.
fn measure(task: &str, args: &[&Path], format: Format) -> (f64, f64) {
    let (took, peak, _) = measure_with(task, args, format);
    (took, peak)
}

/// `measure`, with the third figure a child may print (0 when it prints two).
fn measure_with(task: &str, args: &[&Path], format: Format) -> (f64, f64, f64) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, task)
        .arg("child")
        .arg(format.name())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{task} child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace().map(|p| p.parse::<f64>().unwrap());
    (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap_or(0.0),
    )
}

/// `sqlite3` with `args`, under `/usr/bin/time` when there is one: seconds and peak MB.
fn sqlite3(args: &[&str], stdout: Option<&Path>) -> (f64, f64) {
    let timed = Path::new("/usr/bin/time").exists();
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M", "sqlite3"]);
        c
    } else {
        Command::new("sqlite3")
    };
    command.args(args);
    match stdout {
        Some(path) => command.stdout(std::fs::File::create(path).unwrap()),
        None => command.stdout(std::process::Stdio::null()),
    };
    let start = Instant::now();
    let out = command.output().unwrap();
    let took = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "sqlite3 failed: {stderr}");
    let mut lines: Vec<&str> = stderr.lines().collect();
    let peak = if timed { lines.pop() } else { None }
        .and_then(|l| l.trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0);
    // A warning is a row the baseline did not store as asked: its time would not compare.
    assert!(
        lines.is_empty(),
        "sqlite3 warned: {}",
        lines.iter().take(3).copied().collect::<Vec<_>>().join("; ")
    );
    (took, peak)
}

fn have_sqlite3() -> bool {
    Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The folder generated files are cached in.
fn cache() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target"),
        PathBuf::from,
    );
    target.join("bench-formats")
}

/// The JSON and CSV files of `n` synthetic events, and the CSV without its byte-order mark
/// for `sqlite3`, written once per size.
fn files(n: usize) -> (PathBuf, PathBuf, PathBuf) {
    let dir = cache().join(n.to_string());
    let (json, csv, plain) = (
        dir.join("events.json"),
        dir.join("events.csv"),
        dir.join("plain.csv"),
    );
    if !plain.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let events = synthetic(n);
        for (format, path) in [(Format::Json, &json), (Format::Csv, &csv)] {
            let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
            formats::export(
                format,
                &events,
                &ExportOptions::default(),
                &mut out,
                &mut Progress::silent(n),
            )
            .unwrap();
        }
        let bytes = std::fs::read(&csv).unwrap();
        std::fs::write(
            &plain,
            bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes),
        )
        .unwrap();
    }
    (json, csv, plain)
}

/// A GDELT 2.0 export of `n` rows, every one between the US and China (so every one is
/// kept and written), in both directions, over the years GDELT covers, written once per size.
fn gdelt_file(n: usize) -> PathBuf {
    use std::io::Write;
    let path = cache()
        .join(n.to_string())
        .join("20240101000000.export.CSV");
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let us = ("UNITED STATES", "USA");
    let china = ("CHINA", "CHN");
    let codes = [
        "036", "042", "043", "057", "061", "112", "130", "163", "172", "190",
    ];
    for i in 0..n {
        let day = chrono::NaiveDate::from_ymd_opt(1979, 1, 1).unwrap()
            + chrono::Days::new((i * 7919 % 16_800) as u64);
        let (one, two) = if i % 2 == 0 { (us, china) } else { (china, us) };
        let row = formats::gdelt::sample_row(
            &(100_000_000 + i).to_string(),
            &day.format("%Y%m%d").to_string(),
            one,
            two,
            codes[i % codes.len()],
            "Beijing, Beijing, China",
            &format!("https://news{}.example.org/story/{i}", i % 97),
        );
        writeln!(out, "{row}").unwrap();
    }
    out.flush().unwrap();
    path
}

/// The baseline's table: one TEXT column per column of the CSV file (its header, read
/// here, so a column added to the export is one more column here), keyed by id, with an
/// index on the dates. A table narrower than the file made `sqlite3` drop the last columns of
/// every row, shift the others, and print a warning per row: a baseline that did less work.
fn baseline_table(plain: &Path) -> String {
    let mut reader = csv::Reader::from_path(plain).unwrap();
    let columns: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|name| format!("\"{name}\" TEXT"))
        .collect();
    format!(
        "CREATE TABLE events ({}, PRIMARY KEY (\"id\")); \
         CREATE INDEX events_dates ON events (\"start\", \"end\");",
        columns.join(", ")
    )
}

/// The full-text index of the first reference: the text our search index holds (title,
/// summary, actors, tags, location), without a copy of it, filled from the imported rows.
const BASELINE_SEARCH: &str = "CREATE VIRTUAL TABLE events_fts USING fts5 \
    (title, summary, actors, tags, location, content=''); \
    INSERT INTO events_fts (rowid, title, summary, actors, tags, location) \
    SELECT rowid, title, summary, actors, tags, location FROM events;";

/// Checks the baseline stored what was asked of it: `n` rows, each with its title.
fn check_baseline(db: &str, n: usize) {
    let out = Command::new("sqlite3")
        .args([db, "SELECT count(*), count(title) FROM events"])
        .output()
        .unwrap();
    let counted = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(
        counted,
        format!("{n}|{n}"),
        "the baseline stored other rows"
    );
}

const EXPORT_ROWS: &str = "SELECT id, title, summary, start_text, end_text, kind, location, \
    origin, created_at, updated_at FROM events ORDER BY first_day, last_day, id";

fn ratio(ours: f64, base: Option<f64>) -> String {
    base.map_or("-".to_owned(), |b| format!("{:.1}x", ours / b))
}

/// One line of the store table: ours (seconds, peak MB) beside the baseline's, when it has one.
fn row(label: &str, took: f64, peak: f64, base: Option<(f64, f64)>) -> String {
    format!(
        "{label:<22} {took:>9.2} {peak:>9.0} {:>11} {:>11} {:>8}",
        base.map_or("-".to_owned(), |b| format!("{:.2}", b.0)),
        base.map_or("-".to_owned(), |b| format!("{:.0}", b.1)),
        ratio(took, base.map(|b| b.0)),
    )
}

fn store_table(n: usize, baseline: bool) {
    let (json, csv, plain) = files(n);
    let work = tempfile::tempdir().unwrap();
    let base_import = baseline.then(|| {
        let db = work.path().join("baseline.db");
        let db = db.to_str().unwrap();
        let took = sqlite3(
            &[
                db,
                &baseline_table(&plain),
                &format!(".import --csv --skip 1 {} events", plain.display()),
            ],
            None,
        );
        check_baseline(db, n);
        took
    });
    println!(
        "{:<22} {:>9} {:>9} {:>11} {:>11} {:>8}",
        "", "ours s", "peak MB", "sqlite3 s", "sqlite3 MB", "ratio"
    );
    let mut last_db = None;
    for (format, file) in [(Format::Json, &json), (Format::Csv, &csv)] {
        let db = work.path().join(format!("{}.db", format.name()));
        let (took, peak) = measure("import", &[file, &db], format);
        let label = format!("import {} {n}", format.name());
        println!("{}", row(&label, took, peak, base_import));
        last_db = Some(db);
    }
    if baseline {
        // Two references beside the baseline, for what SQLite alone takes: the baseline with a
        // full-text index of its text complete when it returns, as ours is; and our own
        // store's tables and indexes written with nothing to parse, check or tokenise (a copy
        // of the imported store, every B-tree in key order, no log).
        let db = work.path().join("baseline-fts.db");
        let db = db.to_str().unwrap();
        let (took, peak) = sqlite3(
            &[
                db,
                &baseline_table(&plain),
                &format!(".import --csv --skip 1 {} events", plain.display()),
                BASELINE_SEARCH,
            ],
            None,
        );
        check_baseline(db, n);
        println!(
            "{}",
            row(&format!("ref: +fts5 {n}"), took, peak, base_import)
        );
        let copy = work.path().join("copy.db");
        let into = format!("VACUUM INTO '{}'", copy.display());
        let (took, peak) = sqlite3(&[last_db.as_ref().unwrap().to_str().unwrap(), &into], None);
        let mb = std::fs::metadata(&copy).map_or(0.0, |m| m.len() as f64 / 1e6);
        println!(
            "{}   (our store of {mb:.0} MB, copied by sqlite3)",
            row(&format!("ref: store copy {n}"), took, peak, base_import)
        );
        std::fs::remove_file(&copy).unwrap();
    }
    // The app's import after its preview, up to its return (the checkpoint left to its thread).
    for (format, file) in [(Format::Json, &json), (Format::Csv, &csv)] {
        let db = work.path().join(format!("app-{}.db", format.name()));
        let (took, peak, checkpoint) = measure_with("import-in-app", &[file, &db], format);
        let label = format!("app import {} {n}", format.name());
        println!(
            "{}   then its checkpoint, on its thread: {checkpoint:.2} s",
            row(&label, took, peak, None)
        );
    }
    // The preview alone: what the import dialog waits for before it asks.
    for (format, file) in [(Format::Json, &json), (Format::Csv, &csv)] {
        let db = work.path().join("preview.db");
        let (took, peak) = measure("preview", &[file, &db], format);
        let label = format!("preview {} {n}", format.name());
        println!("{}", row(&label, took, peak, None));
    }
    let db = last_db.unwrap();
    for (format, mode) in [(Format::Json, "-json"), (Format::Csv, "-csv")] {
        let out = work.path().join(format!("out.{}", format.extension()));
        let (took, peak) = measure("export", &[&db, &out], format);
        let base = baseline.then(|| {
            sqlite3(
                &[mode, db.to_str().unwrap(), EXPORT_ROWS],
                Some(&work.path().join("base.out")),
            )
        });
        let label = format!("export {} {n}", format.name());
        println!("{}", row(&label, took, peak, base));
    }
}

/// GDELT rows, every one kept, imported as they stream (each event written as it is read),
/// and previewed.
fn gdelt_table(n: usize) {
    let gdelt = gdelt_file(n);
    let work = tempfile::tempdir().unwrap();
    println!("{:<22} {:>9} {:>9}", "", "ours s", "peak MB");
    for task in ["import", "preview"] {
        let db = work.path().join("gdelt.db");
        let (took, peak) = measure(task, &[&gdelt, &db], Format::Gdelt);
        println!(
            "{:<22} {took:>9.2} {peak:>9.0}",
            format!("{task} gdelt {n}")
        );
    }
}

/// A PDF is a document to read, thousands of pages at 10,000 events: larger runs would only
/// measure page layout at a size nobody prints.
const PDF_MAX: usize = 10_000;

fn format_table(n: usize) {
    let events = synthetic(n);
    let options = ExportOptions::default();
    println!(
        "{:<15} {:>10} {:>12} {:>11} {:>12} {:>11}",
        "format", "size MB", "export ms", "events/s", "read ms", "events/s"
    );
    for format in Format::ALL.into_iter().filter(|f| f.can_export()) {
        if format == Format::Pdf && n > PDF_MAX {
            println!(
                "{:<15} (a document to read: measured up to {PDF_MAX} events)",
                format.name()
            );
            continue;
        }
        let start = Instant::now();
        let mut out = Vec::with_capacity(64 << 20);
        formats::export(
            format,
            &events,
            &options,
            &mut out,
            &mut Progress::silent(events.len()),
        )
        .unwrap();
        let export = start.elapsed();
        let read = format.can_import().then(|| {
            let start = Instant::now();
            let parsed = formats::read(Some(format), &out, "bench").unwrap();
            let took = start.elapsed();
            assert_eq!(parsed.events.len(), n, "{format} reads every event back");
            took
        });
        println!(
            "{:<15} {:>10.1} {:>12.0} {:>11.0} {:>12} {:>11}",
            format.name(),
            out.len() as f64 / 1e6,
            export.as_secs_f64() * 1e3,
            per_second(n, export),
            read.map_or("-".to_owned(), |t| format!("{:.0}", t.as_secs_f64() * 1e3)),
            read.map_or("-".to_owned(), |t| format!("{:.0}", per_second(n, t))),
        );
    }
}

/// The exported web page opened in headless Chromium, timed to its first screenshot with
/// Chromium's own start included: what a reader waits for after double-clicking the file.
fn web_page(n: usize) {
    let most = bilateral_core::limits::MOST_HTML_EVENTS;
    if n > most {
        println!("web page: a page holds at most {most} events, not timed at {n}");
        return;
    }
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| Command::new(name).arg("--version").output().is_ok())
    else {
        println!("no Chromium: the web page is not timed (install the chromium package)");
        return;
    };
    let events = synthetic(n);
    let mut out = Vec::new();
    formats::export(
        Format::Html,
        &events,
        &ExportOptions::default(),
        &mut out,
        &mut Progress::silent(events.len()),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, &out).unwrap();
    let start = Instant::now();
    let status = Command::new(chromium)
        // `--no-sandbox`: benchmarks may run as root, where the sandbox cannot start.
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1280,800",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!(
            "--screenshot={}",
            dir.path().join("first.png").display()
        ))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "Chromium failed on the page");
    println!(
        "web page in Chromium: first screen in {:.2} s ({:.1} MB page, Chromium's start included)",
        start.elapsed().as_secs_f64(),
        out.len() as f64 / 1e6
    );
}

fn main() {
    if let Ok(task) = std::env::var(CHILD) {
        child(&task);
        return;
    }
    // `cargo bench` passes `--bench`; a filter argument picks the part: `store`, `gdelt`,
    // `formats` or `web`.
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let baseline = have_sqlite3();
    if !baseline {
        println!("no sqlite3 binary: baselines skipped (install the sqlite3 package)");
    }
    for n in sizes() {
        println!("\n== {n} events ==");
        if only.is_none() || only.as_deref() == Some("formats") {
            format_table(n);
        }
        if only.is_none() || only.as_deref() == Some("web") {
            web_page(n);
        }
        if only.is_none() || only.as_deref() == Some("store") {
            store_table(n, baseline);
        }
        if only.is_none() || only.as_deref() == Some("gdelt") {
            gdelt_table(n);
        }
    }
}

//! The real `bilateral-cli` binary against a database file in a temporary folder.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "support/loopback.rs"]
mod loopback;

/// Events in the shipped `data/events.json`.
fn shipped_count() -> usize {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../data/events.json");
    let text = std::fs::read_to_string(path).expect("dataset");
    let events: Vec<serde_json::Value> = serde_json::from_str(&text).expect("dataset JSON");
    events.len()
}

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// A folder with a database created by `init`, as after the app's first start.
    fn new() -> Self {
        let sandbox = Self::empty();
        sandbox.ok(&["init"]);
        sandbox
    }

    /// A folder with no database yet.
    fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("bilateral.db")
    }

    fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write input file");
        path
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bilateral-cli"));
        command
            .arg("--db")
            .arg(self.db())
            .env_remove("BILATERAL_DB")
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command()
            .args(args)
            .output()
            .expect("run bilateral-cli")
    }

    /// Runs and expects success; returns standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Everything in the database, as a Bilateral JSON export.
    fn contents(&self) -> Vec<serde_json::Value> {
        let json: serde_json::Value =
            serde_json::from_str(&self.ok(&["export", "--format", "json"])).expect("JSON");
        json["events"].as_array().expect("events").clone()
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited with a code")
}

#[test]
fn every_command_explains_itself() {
    let sandbox = Sandbox::empty();
    for (args, expect) in [
        (vec!["--help"], "export"),
        (vec!["export", "--help"], "--format <FORMAT>"),
        (vec!["import", "--help"], "--dry-run"),
        (vec!["list", "--help"], "--kind <KIND>"),
        (vec!["stats", "--help"], "Usage"),
        (vec!["backups", "--help"], "Usage"),
        (vec!["restore", "--help"], "NAME_OR_PATH"),
        (vec!["delete", "--help"], "--dry-run"),
        (vec!["compact", "--help"], "room of deleted events"),
        (vec!["extract", "--help"], "--published <YYYY-MM-DD>"),
        (vec!["score-timex", "--help"], "--errors"),
        (vec!["score-events", "--help"], "--errors"),
        (
            vec!["check-links", "--help"],
            "Exit codes: 0 no link is dead",
        ),
    ] {
        let out = sandbox.run(&args);
        assert_eq!(code(&out), 0, "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(expect),
            "{args:?} help lacks {expect}: {text}"
        );
    }
    assert!(!sandbox.db().exists(), "help touches no database");
}

#[test]
fn wrong_usage_exits_2_and_says_why() {
    let sandbox = Sandbox::new();
    for (args, says) in [
        (vec!["export"], "--format"),
        (vec!["export", "--format", "gif"], "not a format"),
        (
            vec!["export", "--format", "timelinejs-csv"],
            "cannot be exported",
        ),
        (vec!["list", "--from", "2023-02-30"], "does not exist"),
        (vec!["list", "--kind", "party"], "not a kind"),
        (vec!["import"], "FILE"),
        (
            vec!["import", "x.md", "--format", "md"],
            "cannot be imported",
        ),
        (vec!["frobnicate"], "unrecognized"),
        (vec!["check-links", "--concurrency", "0"], "from 1 to 64"),
        (vec!["check-links", "--timeout", "never"], "seconds"),
        (vec!["check-links", "--file", "events.json"], "not both"),
    ] {
        let out = sandbox.run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn first_use_creates_the_database_with_the_shipped_events() {
    let sandbox = Sandbox::empty();
    for args in [&["stats"][..], &["list"], &["export", "--format", "json"]] {
        let out = sandbox.run(args);
        assert!(!out.status.success(), "{args:?} has nothing to read");
        assert!(
            stderr(&out).contains("bilateral-cli init"),
            "{}",
            stderr(&out)
        );
        assert!(
            !sandbox.db().exists(),
            "{args:?} reads only: it creates nothing"
        );
    }
    let stats = sandbox.ok(&["init"]);
    assert!(sandbox.db().exists(), "database file created");
    assert!(
        stats.contains(&format!("events:   {}", shipped_count())),
        "{stats}"
    );
    assert!(stats.contains("summit"), "{stats}");
    let list = sandbox.ok(&["list"]);
    assert_eq!(list.lines().count(), shipped_count());
}

#[test]
fn export_selects_by_date_kind_and_tag() {
    let sandbox = Sandbox::new();
    let out = sandbox.ok(&[
        "export", "--format", "json", "--kind", "summit", "--kind", "call", "--from", "2020",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let events = json["events"].as_array().expect("events");
    assert!(!events.is_empty());
    for e in events {
        let kind = e["kind"].as_str().unwrap();
        assert!(kind == "summit" || kind == "call", "{kind}");
        let last = e["end"].as_str().or(e["start"].as_str()).unwrap();
        assert!(last >= "2020", "{e}");
    }
    let tagged = sandbox.ok(&["list", "--tag", "taiwan"]);
    assert!(!tagged.is_empty());
    assert!(tagged.lines().count() < shipped_count());
}

#[test]
fn every_format_exports_to_a_file() {
    let sandbox = Sandbox::new();
    for (format, starts) in [
        ("json", "{"),
        ("csv", "\u{feff}id,title"),
        ("md", "# Summits"),
        ("ics", "BEGIN:VCALENDAR\r\n"),
        ("timelinejs", "{"),
        ("html", "<!DOCTYPE html>"),
        ("svg", "<svg"),
    ] {
        let path = sandbox.dir.path().join(format!("out.{format}"));
        let path_text = path.to_str().unwrap();
        sandbox.ok(&[
            "export", "--format", format, "--kind", "summit", "--title", "Summits", "--out",
            path_text,
        ]);
        let text = std::fs::read_to_string(&path).expect("exported file");
        assert!(
            text.starts_with(starts),
            "{format}: {}",
            &text[..40.min(text.len())]
        );
        assert!(
            text.contains("Woodside") || format == "svg",
            "{format} holds the summits"
        );
    }
    let png = sandbox.dir.path().join("out.png");
    sandbox.ok(&[
        "export",
        "--format",
        "png",
        "--kind",
        "summit",
        "--out",
        png.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&png).expect("exported picture");
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "png is a PNG picture"
    );
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no partial files left behind");
}

#[test]
fn pdf_export_is_a_chronology_of_the_selected_events() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("summits.pdf");
    sandbox.ok(&[
        "export",
        "--format",
        "pdf",
        "--kind",
        "summit",
        "--from",
        "2023",
        "--title",
        "Summits since 2023",
        "--out",
        path.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&path).expect("exported PDF");
    assert!(bytes.starts_with(b"%PDF-"), "the file is a PDF");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian package poppler-utils)");
    assert!(out.status.success(), "pdftotext reads the export");
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        text.contains("Summits since 2023"),
        "the --title is the PDF's title"
    );
    assert!(
        text.contains("Kinds: Summit") && text.contains("Dates: from 2023 on"),
        "the title page names the filters given on the command line:\n{text}"
    );
    assert!(
        flat.contains("15November2023") && text.contains("Woodside"),
        "the Woodside summit is listed with its day"
    );
    assert!(
        !text.contains("Ping"),
        "events outside the filter are left out"
    );
}

#[test]
fn import_adds_events_and_a_dry_run_only_tells() {
    let sandbox = Sandbox::new();
    let csv = sandbox.file(
        "new.csv",
        b"id,title,start,kind,actors\nmy-talks,My talks,2024-03,meeting,Someone (us)\n",
    );
    let csv = csv.to_str().unwrap();
    let dry = sandbox.ok(&["import", csv, "--dry-run"]);
    assert!(dry.contains("1 new, 0 updated"), "{dry}");
    assert!(dry.contains("nothing was written"), "{dry}");
    assert_eq!(sandbox.contents().len(), shipped_count());

    let done = sandbox.ok(&["import", csv, "--format", "csv"]);
    assert!(done.contains("1 created"), "{done}");
    assert_eq!(sandbox.contents().len(), shipped_count() + 1);
    let list = sandbox.ok(&[
        "list", "--kind", "meeting", "--from", "2024-03", "--to", "2024-03",
    ]);
    assert!(list.contains("My talks  [my-talks]"), "{list}");
}

#[test]
fn rejected_rows_exit_3_name_line_and_field_and_change_nothing() {
    let sandbox = Sandbox::new();
    let before = sandbox.contents();
    let csv = sandbox.file(
        "bad.csv",
        b"id,title,start,kind\r\nok,Fine,2024,call\r\nfeb,Never,2023-02-30,call\r\nnokind,Odd,2024,party\r\n",
    );
    let out = sandbox.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("line 3, start: 2023-02-30 does not exist in the calendar"),
        "{err}"
    );
    assert!(err.contains("line 4, kind"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(sandbox.contents(), before, "the database is unchanged");
}

#[test]
fn a_truncated_or_undecodable_file_exits_1_with_its_line() {
    let sandbox = Sandbox::new();
    let before = sandbox.contents();
    let json = sandbox.ok(&["export", "--format", "json", "--kind", "summit"]);
    let cut = sandbox.file("cut.json", &json.as_bytes()[..json.len() / 2]);
    let out = sandbox.run(&["import", cut.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("cut.json, line"), "{}", stderr(&out));
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));

    let latin1 = sandbox.file("latin1.csv", b"id,title,start\nx,Caf\xe9,2020\n");
    let out = sandbox.run(&["import", latin1.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("latin1.csv, line 2, column 6: byte 0xE9 is not valid UTF-8"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sandbox.contents(), before);
}

#[test]
fn an_export_imported_back_changes_nothing() {
    let sandbox = Sandbox::new();
    let before = sandbox.contents();
    for format in ["json", "csv"] {
        let path = sandbox.dir.path().join(format!("all.{format}"));
        let path = path.to_str().unwrap();
        sandbox.ok(&["export", "--format", format, "--out", path]);
        let out = sandbox.ok(&["import", path]);
        assert!(
            out.contains(&format!(
                "0 new, 0 updated, {} unchanged, 0 rejected",
                shipped_count()
            )),
            "{format}: {out}"
        );
    }
    assert_eq!(sandbox.contents(), before);
}

#[test]
fn import_reads_standard_input_and_every_importable_format() {
    let sandbox = Sandbox::new();
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:from-ics@bilateral\r\n\
               DTSTAMP:20240101T000000Z\r\nDTSTART;VALUE=DATE:20240501\r\nDTEND;VALUE=DATE:20240601\r\n\
               SUMMARY:A month of talks\r\nX-BILATERAL-PRECISION:month\r\nCATEGORIES:meeting\r\n\
               END:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut child = sandbox
        .command()
        .args(["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ics.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", stderr(&out));
    let list = sandbox.ok(&[
        "list", "--from", "2024-05", "--to", "2024-05", "--kind", "meeting",
    ]);
    assert!(
        list.contains("2024-05 "),
        "month precision restored: {list}"
    );
    assert!(list.contains("A month of talks  [from-ics]"), "{list}");

    let tl = sandbox.file(
        "tl.json",
        br#"{"events": [{"start_date": {"year": "1999", "month": "5"}, "text": {"headline": "Belgrade <b>embassy</b> bombing"}, "group": "Military incident"}]}"#,
    );
    let out = sandbox.ok(&["import", tl.to_str().unwrap()]);
    assert!(out.contains("1 new"), "{out}");
    let list = sandbox.ok(&[
        "list",
        "--kind",
        "military_incident",
        "--from",
        "1999-05",
        "--to",
        "1999-05",
    ]);
    assert!(list.contains("Belgrade embassy bombing"), "{list}");
}

#[test]
fn the_database_path_comes_from_the_environment_when_not_given() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("env").join("from-env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_bilateral-cli"))
        .arg("init")
        .env("BILATERAL_DB", &path)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(path.exists(), "BILATERAL_DB names the database");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&path.display().to_string()));

    let home = sandbox.dir.path().join("home");
    let xdg = sandbox.dir.path().join("xdg");
    let out = Command::new(env!("CARGO_BIN_EXE_bilateral-cli"))
        .arg("init")
        .env_remove("BILATERAL_DB")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &xdg)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let expected: &Path = &xdg.join("org.bilateral.desktop").join("bilateral.db");
    assert!(expected.exists(), "the app's own database is the default");
}

#[test]
fn reading_commands_leave_another_programs_database_untouched() {
    let sandbox = Sandbox::empty();
    let path = sandbox.dir.path().join("notes.db");
    let conn = rusqlite::Connection::open(&path).expect("create");
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .expect("schema");
    drop(conn);
    let before = std::fs::read(&path).expect("read");
    for args in [
        &["stats"][..],
        &["list"],
        &["init"],
        &["import", "--dry-run", "x.json"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_bilateral-cli"))
            .arg("--db")
            .arg(&path)
            .args(args)
            .current_dir(sandbox.dir.path())
            .output()
            .expect("run");
        assert!(
            !out.status.success(),
            "{args:?} must refuse another program's file"
        );
        assert!(
            stderr(&out).contains("another program"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "{args:?} wrote into it"
        );
    }
}

#[test]
fn import_of_an_endless_input_stops_at_the_size_limit_with_a_clear_message() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["stats"]);
    let started = std::time::Instant::now();
    let file = sandbox.run(&["import", "/dev/zero"]);
    let piped = sandbox
        .command()
        .args(["import", "-", "--format", "csv"])
        .stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"))
        .output()
        .expect("run bilateral-cli");
    for (what, out) in [("/dev/zero", &file), ("standard input", &piped)] {
        assert_eq!(code(out), 1, "{what}: {}", stderr(out));
        assert!(
            stderr(out).contains(&format!(
                "cannot read {what}: the file is larger than 1 GiB"
            )),
            "{what}: the user should learn the input is too large: {}",
            stderr(out)
        );
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "an endless input must fail quickly, took {:?}",
        started.elapsed()
    );
    assert_eq!(
        sandbox.contents().len(),
        shipped_count(),
        "nothing imported"
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["stats"]);
    let csv = sandbox.file("one.csv", b"id,title,start\nx,One,2023\n");
    let csv = csv.to_str().expect("UTF-8 path");
    for args in [
        vec!["stats"],
        vec!["list"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "md"],
        vec!["import", csv],
    ] {
        // The reading end is closed before the command writes: `| head -1` at its harshest.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = sandbox
            .command()
            .args(&args)
            .stdout(writer)
            .output()
            .expect("run bilateral-cli");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?} into a closed pipe: {}",
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?} into a closed pipe panics: {}",
            stderr(&out)
        );
    }
    let contents = sandbox.contents();
    let imported = contents.iter().filter(|e| e["id"] == "x").count();
    assert_eq!(
        imported, 1,
        "the import still happens when its report cannot be shown"
    );
}

/// A CSV file of `n` new meetings.
fn meetings(sandbox: &Sandbox, n: usize) -> String {
    let mut csv = String::from("id,title,start,kind,actors\n");
    for i in 0..n {
        csv.push_str(&format!("talk-{i},Talk {i},2024-03,meeting,Someone (us)\n"));
    }
    let path = sandbox.file("talks.csv", csv.as_bytes());
    path.to_str().unwrap().to_owned()
}

#[test]
fn a_large_import_is_backed_up_and_the_backup_restores_the_earlier_state() {
    let sandbox = Sandbox::new();
    let listed = sandbox.ok(&["backups"]);
    assert!(listed.contains("no backups yet"), "{listed}");
    let before = sandbox.contents();

    let done = sandbox.ok(&["import", &meetings(&sandbox, 20)]);
    assert!(done.contains("backup taken first: bilateral-"), "{done}");
    assert_eq!(sandbox.contents().len(), shipped_count() + 20);

    let listed = sandbox.ok(&["backups"]);
    assert!(listed.contains("1 backup in"), "{listed}");
    assert!(
        listed.contains(&format!("before an import, {} events", shipped_count())),
        "{listed}"
    );
    let name = listed
        .split_whitespace()
        .find(|w| w.starts_with("bilateral-") && w.ends_with(".db"))
        .expect("a backup name")
        .to_owned();

    let restored = sandbox.ok(&["restore", &name]);
    assert!(
        restored.contains(&format!("now holds {} events", shipped_count())),
        "{restored}"
    );
    assert_eq!(
        sandbox.contents(),
        before,
        "the restore gives back the database as it was before the import"
    );
    let listed = sandbox.ok(&["backups"]);
    assert!(listed.contains("2 backups in"), "{listed}");
    assert!(
        listed.contains(&format!(
            "before a restore, {} events",
            shipped_count() + 20
        )),
        "the state the restore replaced is kept: {listed}"
    );
    // A restore by path works too, and brings the import back.
    let newest = sandbox.db().parent().unwrap().join("backups").join(
        listed
            .split_whitespace()
            .find(|w| w.contains("-before-restore"))
            .unwrap(),
    );
    sandbox.ok(&["restore", newest.to_str().unwrap()]);
    assert_eq!(sandbox.contents().len(), shipped_count() + 20);
}

#[test]
fn a_small_import_takes_no_backup() {
    let sandbox = Sandbox::new();
    let done = sandbox.ok(&["import", &meetings(&sandbox, 2)]);
    assert!(!done.contains("backup"), "{done}");
    assert!(sandbox.ok(&["backups"]).contains("no backups yet"));
}

#[test]
fn restoring_a_file_that_is_not_a_backup_is_refused_and_changes_nothing() {
    let sandbox = Sandbox::new();
    let before = sandbox.contents();
    let foreign = sandbox.dir.path().join("notes.db");
    let conn = rusqlite::Connection::open(&foreign).expect("create");
    conn.execute_batch("CREATE TABLE notes (body TEXT);")
        .expect("schema");
    drop(conn);
    let text = sandbox.file("notes.txt", b"hello");
    for (file, says) in [
        (foreign.to_str().unwrap(), "another program"),
        (text.to_str().unwrap(), "not a Bilateral database"),
        (
            "bilateral-20200101T000000Z-before-import.db",
            "no backup called",
        ),
    ] {
        let out = sandbox.run(&["restore", file]);
        assert_eq!(code(&out), 1, "{file}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{file}: {}", stderr(&out));
        assert_eq!(sandbox.contents(), before, "{file}: nothing changed");
    }
    assert!(sandbox.ok(&["backups"]).contains("no backups yet"));
}

// ---- extract: an article's anchor date, time expressions and candidate events ----

impl Sandbox {
    /// Runs with `input` on standard input.
    fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
        child.wait_with_output().expect("wait")
    }

    /// `extract --json` of an article file, parsed.
    fn extract_json(&self, name: &str, text: &str, published: &str) -> serde_json::Value {
        let file = self.file(name, text.as_bytes());
        let out = self.ok(&[
            "extract",
            file.to_str().unwrap(),
            "--published",
            published,
            "--json",
        ]);
        serde_json::from_str(&out).expect("extract --json prints JSON")
    }
}

/// The keys of a JSON object, sorted.
fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The chars of `text` from `start` to `end`: what JSON offsets point at.
fn char_span(text: &str, timex: &serde_json::Value) -> String {
    let start = timex["start"].as_u64().expect("start") as usize;
    let end = timex["end"].as_u64().expect("end") as usize;
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn extract_json_has_exactly_the_documented_shape_and_creates_no_database() {
    let sandbox = Sandbox::empty();
    let json = sandbox.extract_json("article.txt", "We met on Monday.", "2024-01-31");
    assert_eq!(
        keys(&json),
        ["candidates", "published", "timexes"],
        "{json}"
    );
    assert_eq!(keys(&json["published"]), ["date", "from"], "{json}");
    assert_eq!(json["published"]["date"], "2024-01-31");
    assert_eq!(
        json["published"]["from"], "argument",
        "--published is the anchor"
    );
    for timex in json["timexes"].as_array().expect("timexes") {
        assert_eq!(keys(timex), ["end", "start", "text", "type", "value"]);
    }
    for candidate in json["candidates"].as_array().expect("candidates") {
        assert_eq!(keys(candidate), ["event", "matches"]);
    }
    assert!(
        !sandbox.db().exists() && !sandbox.db().with_extension("db-wal").exists(),
        "extract never creates a database"
    );
}

#[test]
fn extract_resolves_on_monday_against_the_published_day() {
    let sandbox = Sandbox::empty();
    let json = sandbox.extract_json("article.txt", "We met on Monday.", "2024-01-31");
    let timexes = json["timexes"].as_array().expect("timexes");
    assert_eq!(timexes.len(), 1, "{json}");
    let t = &timexes[0];
    assert_eq!(
        t["text"], "Monday",
        "TimeML extents leave out the preposition"
    );
    assert_eq!(
        (t["start"].as_u64(), t["end"].as_u64()),
        (Some(10), Some(16))
    );
    assert_eq!(t["type"], "DATE");
    assert_eq!(
        t["value"], "2024-01-29",
        "the Monday before Wednesday 31 January"
    );
}

/// Non-ASCII letters before the date: char and byte offsets differ by 11 here.
const UNICODE_ARTICLE: &str =
    "Zhōngnánhǎi — 北京: the talks in Bangkok ended on January 26, 2024, said Wáng Yì.";

#[test]
fn extract_offsets_count_chars_into_the_text_as_read() {
    let sandbox = Sandbox::empty();
    let json = sandbox.extract_json("article.txt", UNICODE_ARTICLE, "2024-01-31");
    for timex in json["timexes"].as_array().expect("timexes") {
        assert_eq!(
            timex["text"].as_str().expect("text"),
            char_span(UNICODE_ARTICLE, timex),
            "start/end are char offsets into the text: {timex}"
        );
    }
}

#[test]
fn extract_finds_an_explicit_date_after_non_ascii_text() {
    let sandbox = Sandbox::empty();
    let json = sandbox.extract_json("article.txt", UNICODE_ARTICLE, "2024-01-31");
    let timex = json["timexes"]
        .as_array()
        .expect("timexes")
        .iter()
        .find(|t| t["value"] == "2024-01-26")
        .unwrap_or_else(|| panic!("January 26, 2024 is found: {json}"));
    assert_eq!(char_span(UNICODE_ARTICLE, timex), "January 26, 2024");
    let byte = UNICODE_ARTICLE.find("January").expect("in the text");
    assert_eq!(
        timex["start"].as_u64(),
        Some(UNICODE_ARTICLE[..byte].chars().count() as u64),
        "chars, not bytes"
    );
}

#[test]
fn extract_reads_standard_input_and_prints_the_text_the_offsets_count_into() {
    let sandbox = Sandbox::empty();
    let out = sandbox.run_with_stdin(
        &["extract", "-", "--published", "2024-01-31", "--json"],
        "We met on Monday.\n".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["published"]["from"], "argument");

    let out = sandbox.run_with_stdin(
        &["extract", "-", "--published", "2024-01-31", "--print-text"],
        UNICODE_ARTICLE.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        format!("{UNICODE_ARTICLE}\n"),
        "plain text is the text as read (a final line break added for the terminal)"
    );
    assert!(!sandbox.db().exists(), "no database created");
}

#[test]
fn extract_tells_html_on_standard_input_and_prints_its_plain_text() {
    let sandbox = Sandbox::empty();
    let page = "\n  <html><head><title>Talks</title></head>\
                <body><p>We met on <b>Monday</b>.</p></body></html>";
    let out = sandbox.run_with_stdin(
        &["extract", "-", "--published", "2024-01-31", "--print-text"],
        page.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("We met on Monday."), "{text}");
    assert!(!text.contains('<'), "tags are gone: {text}");
}

#[test]
fn extract_refuses_a_bad_published_date_naming_the_flag() {
    let sandbox = Sandbox::empty();
    let file = sandbox.file("article.txt", b"We met on Monday.");
    for (date, says) in [
        ("2024-02-30", "does not exist"),
        ("2024-01", "not a day"),
        ("31/01/2024", "not a date"),
    ] {
        let out = sandbox.run(&["extract", file.to_str().unwrap(), "--published", date]);
        assert_eq!(code(&out), 2, "{date}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("--published") && err.contains(says),
            "{date}: {err}"
        );
    }
    let out = sandbox.run(&["extract", file.to_str().unwrap(), "--url", "example.org/a"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--url"), "{}", stderr(&out));
    assert!(!sandbox.db().exists());
}

#[test]
fn extract_reports_in_words_and_matches_against_an_existing_database_without_changing_it() {
    let sandbox = Sandbox::new();
    let before = std::fs::read(sandbox.db()).expect("database");
    let file = sandbox.file("article.md", "# Talks\n\nWe met on Monday.\n".as_bytes());
    let out = sandbox.ok(&[
        "extract",
        file.to_str().unwrap(),
        "--published",
        "2024-01-31",
    ]);
    for says in [
        "(Markdown)",
        "anchor:     2024-01-31, given with --published",
        "time expressions:",
        "candidate events:",
        "matched against the events in",
    ] {
        assert!(out.contains(says), "the report says {says:?}: {out}");
    }
    assert_eq!(
        std::fs::read(sandbox.db()).expect("database"),
        before,
        "extract writes nothing"
    );

    let empty = Sandbox::empty();
    let file = empty.file("article.txt", b"We met on Monday.");
    let out = empty.ok(&["extract", file.to_str().unwrap()]);
    assert!(out.contains("no database read"), "{out}");
    assert!(!empty.db().exists());
}

#[test]
fn extract_refuses_an_article_over_the_size_limit() {
    let sandbox = Sandbox::empty();
    let big = sandbox.file("big.txt", &vec![b'a'; 5 * 1024 * 1024 + 1]);
    let out = sandbox.run(&["extract", big.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("larger than 5 MiB, the most Bilateral reads as one article"),
        "{}",
        stderr(&out)
    );
}

// ---- score-timex: the tagger against TimeML gold files ----

/// A TimeML gold document. "blorf" is annotated as a date so that no real tagger finds it.
fn timeml(dct: &str, text: &str) -> String {
    format!(
        "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>d</DOCID>\n\
         <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{dct}\" temporalFunction=\"false\" \
         functionInDocument=\"CREATION_TIME\">{dct}</TIMEX3></DCT>\n<TEXT>{text}</TEXT>\n</TimeML>\n"
    )
}

const GOLD_A: &str =
    "\nThe ministers met on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2024-01-29\">Monday</TIMEX3> \
     and will talk again <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2024-W06\">next week</TIMEX3>. \
     Nobody said <TIMEX3 tid=\"t3\" type=\"DATE\" value=\"1999\">blorf</TIMEX3> here.\n";
const GOLD_B: &str =
    "\nTalks lasted <TIMEX3 tid=\"t1\" type=\"DURATION\" value=\"P2D\">two days</TIMEX3>.\n";

impl Sandbox {
    /// `gold/a.tml` and `gold/more/b.tml`.
    fn gold(&self) -> PathBuf {
        let gold = self.dir.path().join("gold");
        std::fs::create_dir_all(gold.join("more")).expect("folders");
        std::fs::write(gold.join("a.tml"), timeml("2024-01-31", GOLD_A)).expect("a");
        std::fs::write(
            gold.join("more").join("b.tml"),
            timeml("2024-02-01", GOLD_B),
        )
        .expect("b");
        gold
    }

    fn score_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["score-timex", "--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("score-timex --json prints JSON")
    }
}

#[test]
fn score_timex_scores_folders_of_timeml_without_a_database() {
    let sandbox = Sandbox::empty();
    let gold = sandbox.gold();
    let json = sandbox.score_json(&[gold.to_str().unwrap(), "--errors"]);
    let names: Vec<&str> = json["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["a.tml", "more/b.tml"], "folders are searched");
    let counts = &json["total"]["counts"];
    assert_eq!(counts["gold"], 4);
    let n = |v: &serde_json::Value| v.as_u64().expect("count");
    let errors = json["errors"].as_array().expect("--errors lists errors");
    let count = |kind: &str| errors.iter().filter(|e| e["kind"] == kind).count() as u64;
    assert_eq!(
        n(&counts["relaxed"]) + count("missed"),
        4,
        "every gold expression is found or missed"
    );
    assert_eq!(
        n(&counts["relaxed"]) + count("spurious"),
        n(&counts["system"])
    );
    let blorf = errors
        .iter()
        .find(|e| e["kind"] == "missed" && e["gold"]["text"] == "blorf")
        .unwrap_or_else(|| panic!("the missed gold expression is listed: {json}"));
    assert!(
        blorf["context"]
            .as_str()
            .expect("context")
            .contains("Nobody said [blorf] here."),
        "{blorf}"
    );
    assert!(!sandbox.db().exists(), "score-timex needs no database");

    let out = sandbox.ok(&[
        "score-timex",
        gold.to_str().unwrap(),
        "--errors",
        "--documents",
    ]);
    for says in [
        "strict",
        "relaxed",
        "value F1",
        "type F1",
        "MISSED",
        "Nobody said [blorf] here.",
        "more/b.tml",
    ] {
        assert!(out.contains(says), "the report says {says:?}: {out}");
    }
}

#[test]
fn score_timex_scores_another_taggers_files_and_our_written_ones_alike() {
    let sandbox = Sandbox::empty();
    let gold = sandbox.gold();
    // Gold against a copy of itself: perfect, whatever our tagger does.
    let json = sandbox.score_json(&[gold.to_str().unwrap(), "--system", gold.to_str().unwrap()]);
    let m = &json["total"]["measures"];
    assert_eq!(
        (
            &m["strict"]["f1"],
            &m["relaxed"]["f1"],
            &m["value_f1"],
            &m["type_f1"]
        ),
        (
            &serde_json::json!(1.0),
            &serde_json::json!(1.0),
            &serde_json::json!(1.0),
            &serde_json::json!(1.0)
        ),
        "{json}"
    );

    // Our tagger's output written as TimeML scores as it did when scored directly.
    let written = sandbox.dir.path().join("ours");
    let direct =
        sandbox.score_json(&[gold.to_str().unwrap(), "--write", written.to_str().unwrap()]);
    assert!(
        written.join("more").join("b.tml").exists(),
        "written beside each other"
    );
    let again = sandbox.score_json(&[
        gold.to_str().unwrap(),
        "--system",
        written.to_str().unwrap(),
    ]);
    assert_eq!(direct["total"], again["total"]);

    let out = sandbox.run(&[
        "score-timex",
        gold.to_str().unwrap(),
        "--write",
        gold.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("would overwrite the gold file"),
        "{}",
        stderr(&out)
    );

    let other = sandbox.dir.path().join("other");
    std::fs::create_dir_all(other.join("more")).expect("folder");
    std::fs::write(
        other.join("a.tml"),
        timeml("2024-01-31", "\nAnother text.\n"),
    )
    .expect("a");
    let out = sandbox.run(&[
        "score-timex",
        gold.to_str().unwrap(),
        "--system",
        other.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not the text of its gold file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn score_timex_names_the_file_it_cannot_read() {
    let sandbox = Sandbox::empty();
    let broken = sandbox.file(
        "broken.tml",
        timeml(
            "2024-01-31",
            "\n<TIMEX3 tid=\"t1\" type=\"DATE\">x</TIMEX3>\n",
        )
        .as_bytes(),
    );
    let out = sandbox.run(&["score-timex", broken.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("broken.tml") && err.contains("t1 has no value attribute"),
        "{err}"
    );

    let out = sandbox.run(&[
        "score-timex",
        broken.to_str().unwrap(),
        "--error-kind",
        "late",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not an error kind"),
        "{}",
        stderr(&out)
    );
    assert!(!sandbox.db().exists());
}

// ---- score-events: candidate events against the gold events beside each TimeML file ----

#[test]
fn score_events_scores_the_pipeline_against_the_gold_events_beside_each_file() {
    let sandbox = Sandbox::empty();
    let folder = sandbox.dir.path().join("events");
    std::fs::create_dir_all(&folder).expect("folder");
    let text = "\nThe foreign ministers met in Bangkok on <TIMEX3 tid=\"t1\" type=\"DATE\" \
                value=\"2024-01-29\">Monday</TIMEX3>.\n\nThe weather was fine.\n";
    std::fs::write(folder.join("a.tml"), timeml("2024-01-31", text)).expect("tml");
    let gold = serde_json::json!({
        "url": null,
        "events": [
            {"start": "2024-01-29", "end": null, "kind": "meeting", "title": "Ministers meet",
             "actors": [], "location": "Bangkok",
             "quote": "The foreign ministers met in Bangkok on Monday."},
            {"start": "2023-05", "end": null, "kind": "statement", "title": "Nothing dated",
             "actors": [], "location": null, "quote": "The weather was fine."}
        ]
    });
    std::fs::write(folder.join("a.json"), gold.to_string()).expect("json");

    let out = sandbox.ok(&[
        "score-events",
        folder.to_str().unwrap(),
        "--json",
        "--errors",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let counts = &json["total"]["counts"];
    assert_eq!(counts["gold"], 2, "{json}");
    assert_eq!(counts["matched"], 1, "the Monday meeting is found: {json}");
    assert_eq!(counts["exact_date"], 1, "{json}");
    let errors = json["errors"].as_array().expect("--errors lists errors");
    assert!(
        errors
            .iter()
            .any(|e| e["kind"] == "missed" && e["gold"]["sentence"] == "The weather was fine."),
        "the undated gold event is listed as missed: {json}"
    );
    assert!(!sandbox.db().exists(), "score-events needs no database");

    let out = sandbox.ok(&[
        "score-events",
        folder.join("a.tml").to_str().unwrap(),
        "--errors",
    ]);
    for says in ["events", "exact date", "MISSED", "The weather was fine."] {
        assert!(out.contains(says), "the report says {says:?}: {out}");
    }

    std::fs::remove_file(folder.join("a.json")).expect("remove");
    let out = sandbox.run(&["score-events", folder.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("has no gold events beside it"),
        "{}",
        stderr(&out)
    );
}

/// A Bilateral JSON file (a bare array, as `data/events.json`) whose events cite `urls`.
fn citing(events: &[(&str, &[String])]) -> String {
    let events: Vec<serde_json::Value> = events
        .iter()
        .map(|(id, urls)| {
            serde_json::json!({
                "id": id,
                "title": format!("Event {id}"),
                "summary": "A test event.",
                "start": "2024-01-02",
                "kind": "meeting",
                "sources": urls.iter().map(|url| serde_json::json!({
                    "url": url,
                    "title": "A report",
                    "publisher": "Loopback News",
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&events).expect("JSON")
}

fn check_links(file: &Path, more: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilateral-cli"))
        .args(["check-links", "--file"])
        .arg(file)
        .args(more)
        .env_remove("BILATERAL_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run bilateral-cli")
}

#[test]
fn check_links_asks_each_address_once_lists_dead_and_moved_first_and_exits_1() {
    let server = loopback::Server::start();
    let sandbox = Sandbox::empty();
    let file = sandbox
        .file(
            "events.json",
            citing(&[
                ("a", &[server.url("/ok"), server.url("/missing")]),
                (
                    "b",
                    &[server.url("/moved"), server.url("/ok?utm_source=feed")],
                ),
                ("c", &[server.url("/no-head")]),
            ])
            .as_bytes(),
        )
        .canonicalize()
        .expect("path");

    let out = check_links(&file, &["--json", "--concurrency", "2", "--timeout", "5"]);
    assert_eq!(code(&out), 1, "a dead link exits 1: {}", stderr(&out));
    assert!(
        stderr(&out).contains("1 of 4 links are dead"),
        "{}",
        stderr(&out)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(
        (
            &report["checked"],
            &report["ok"],
            &report["moved"],
            &report["dead"]
        ),
        (&4.into(), &2.into(), &1.into(), &1.into()),
        "{report:#}"
    );
    let links = report["links"].as_array().expect("links");
    assert_eq!(links[0]["url"], server.url("/missing"));
    assert_eq!(links[0]["status"], "dead");
    assert_eq!(links[0]["http_status"], 404);
    assert_eq!(links[0]["cited_by"], serde_json::json!(["a"]));
    assert_eq!(links[1]["status"], "moved");
    assert_eq!(links[1]["final_url"], server.url("/landing"));
    let ok = links
        .iter()
        .find(|l| l["url"] == server.url("/ok"))
        .expect("the /ok link, once for both spellings");
    assert_eq!(ok["cited_by"], serde_json::json!(["a", "b"]));
    assert_eq!(ok["method"], "HEAD");
    let no_head = links
        .iter()
        .find(|l| l["url"] == server.url("/no-head"))
        .expect("the /no-head link");
    assert_eq!(
        (&no_head["status"], &no_head["method"]),
        (&"ok".into(), &"GET".into())
    );
    let codes: Vec<&str> = ok["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        codes,
        ["port", "development_host"],
        "a loopback address is noted"
    );
    assert_eq!(
        server.requests_for("/ok").len(),
        1,
        "an address cited twice (once with a tracking parameter) is asked twice"
    );
    assert!(server.requests_for("/ok?utm_source=feed").is_empty());

    let out = check_links(&file, &[]);
    assert_eq!(code(&out), 1);
    let table = String::from_utf8(out.stdout).expect("UTF-8");
    let words: Vec<&str> = table
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(words, ["dead", "moved", "ok", "ok", "4"], "{table}");
    assert!(table.contains("HTTP 404 Not Found"), "{table}");
    assert!(
        table.contains(&format!("now at {}", server.url("/landing"))),
        "{table}"
    );
    assert!(table.contains("cited by a, b"), "{table}");
    assert!(
        table
            .trim_end()
            .ends_with("4 links checked: 2 ok, 1 moved, 1 dead"),
        "{table}"
    );
}

#[test]
fn check_links_exits_0_when_no_link_is_dead_and_reads_no_database() {
    let server = loopback::Server::start();
    let sandbox = Sandbox::empty();
    let file = sandbox.file(
        "events.json",
        citing(&[("a", &[server.url("/ok"), server.url("/moved")])]).as_bytes(),
    );
    let out = check_links(&file, &["--timeout", "5"]);
    assert_eq!(code(&out), 0, "moved links pass: {}", stderr(&out));
    assert!(!sandbox.db().exists());
    let seen = server.requests();
    assert!(
        seen.iter().all(|s| s.user_agent.starts_with("Bilateral/")),
        "{seen:?}"
    );
}

#[test]
fn periods_travel_through_a_json_export_and_import_and_a_bad_one_changes_nothing() {
    let sandbox = Sandbox::new();
    let file = serde_json::json!({
        "format": "bilateral",
        "version": 2,
        "events": [],
        "periods": [{"id": "p1", "name": "Trade war", "start": "2018-07", "end": "2020-01", "colour": "amber"}]
    });
    let path = sandbox.file("periods.json", file.to_string().as_bytes());
    let done = sandbox.ok(&["import", path.to_str().unwrap()]);
    assert!(
        done.contains("1 period"),
        "the import says it brought the period: {done}"
    );
    assert!(
        done.contains("0 events read"),
        "a period is not counted as an event: {done}"
    );
    let exported: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["export", "--format", "json"])).expect("JSON");
    assert_eq!(
        exported["version"], 2,
        "an export with periods is version 2"
    );
    assert_eq!(
        exported["periods"], file["periods"],
        "the export gives the period back field for field"
    );

    let other = Sandbox::new();
    let bad = serde_json::json!({
        "format": "bilateral", "version": 2, "events": [],
        "periods": [{"name": "", "start": "2018", "colour": "amber"}]
    });
    let path = other.file("bad.json", bad.to_string().as_bytes());
    let out = other.run(&["import", path.to_str().unwrap()]);
    assert_ne!(code(&out), 0, "a bad period fails the import");
    assert!(
        stderr(&out).contains("periods[0].name"),
        "the error names the period and field: {}",
        stderr(&out)
    );
    let after =
        serde_json::from_str::<serde_json::Value>(&other.ok(&["export", "--format", "json"]))
            .expect("JSON");
    assert!(after.get("periods").is_none(), "nothing was written");
}

/// `stats` (and `init`) count from the maintained counts: each origin, the shipped events the
/// user edited, and the kinds, as the events themselves say.
#[test]
fn stats_count_each_origin_the_edited_shipped_events_and_the_kinds() {
    let sandbox = Sandbox::new();
    let shipped = shipped_count();
    // Two events of the user's, and a shipped event given another title (an edit).
    let csv = sandbox.file(
        "mine.csv",
        b"id,title,start,kind,actors\n\
          my-talks,My talks,2024-03,meeting,Someone (us)\n\
          my-call,My call,2024-04-02,call,Someone (us)\n\
          1971-04-ping-pong-diplomacy,Ping-pong diplomacy (retitled),1971-04,visit,\n",
    );
    sandbox.ok(&["import", csv.to_str().unwrap()]);
    // One GDELT row: US to China, a visit (CAMEO 042).
    let row = gdelt_row("1100000001", "20231115", false);
    let gdelt = sandbox.file("20231115121500.export.CSV", row.as_bytes());
    sandbox.ok(&["import", gdelt.to_str().unwrap()]);

    let events = sandbox.contents();
    let stats = sandbox.ok(&["stats"]);
    assert!(
        stats.contains(&format!("events:   {}\n", events.len())),
        "{stats}"
    );
    assert!(
        stats.contains(&format!("shipped: {shipped} (1 edited)\n")),
        "{stats}"
    );
    assert!(stats.contains("yours:   2\n"), "{stats}");
    assert!(stats.contains("GDELT:   1\n"), "{stats}");
    let calls = events.iter().filter(|e| e["kind"] == "call").count();
    assert!(
        stats
            .lines()
            .any(|line| line.split_whitespace().eq(["call", &calls.to_string()])),
        "{stats}"
    );
    assert_eq!(stats, sandbox.ok(&["init"]), "init prints the same");
}

/// One GDELT 2.0 row, with its line end: the US visits China on `day`, or France visits
/// Germany when `elsewhere`.
fn gdelt_row(id: &str, day: &str, elsewhere: bool) -> String {
    let (one, two) = if elsewhere {
        (("FRANCE", "FRA"), ("GERMANY", "DEU"))
    } else {
        (("UNITED STATES", "USA"), ("CHINA", "CHN"))
    };
    let url = format!("https://example.org/news/{id}");
    bilateral_core::formats::gdelt::sample_row(id, day, one, two, "042", "Beijing, China", &url)
        + "\n"
}

/// GDELT exports as downloaded: zipped, many at a time, one import; other files one at a time.
#[test]
fn several_gdelt_exports_zipped_or_not_are_one_import() {
    use std::io::Write;
    let sandbox = Sandbox::new();
    let before = sandbox.contents().len();
    let zipped = sandbox.dir.path().join("20231115121500.export.CSV.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&zipped).expect("create"));
    writer
        .start_file(
            "20231115121500.export.CSV",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("entry");
    writer
        .write_all(
            (gdelt_row("1100000001", "20231115", false)
                + &gdelt_row("1100000002", "20231115", true))
                .as_bytes(),
        )
        .expect("write");
    writer.finish().expect("finish");
    let plain = sandbox.file(
        "20231115123000.export.CSV",
        gdelt_row("1100000003", "20231116", false).as_bytes(),
    );
    let (zipped, plain) = (zipped.to_str().unwrap(), plain.to_str().unwrap());

    let dry = sandbox.ok(&["import", zipped, plain, "--dry-run"]);
    assert!(
        dry.contains("GDELT: 3 rows in 2 files, 2 between the US and China kept, 1 between other actors left out"),
        "{dry}"
    );
    assert_eq!(sandbox.contents().len(), before, "a dry run writes nothing");
    sandbox.ok(&["import", zipped, plain]);
    let events = sandbox.contents();
    assert_eq!(events.len(), before + 2);
    assert!(events.iter().any(|e| e["id"] == "gdelt-1100000001"));
    assert!(events.iter().any(|e| e["id"] == "gdelt-1100000003"));

    let json = sandbox.file(
        "mine.json",
        br#"{"format":"bilateral","version":1,"events":[]}"#,
    );
    let out = sandbox.run(&["import", plain, json.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("only when each is a GDELT event file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        sandbox.contents().len(),
        before + 2,
        "nothing more was written"
    );
}

/// GDELT rows piped in are told by their first row and import as a file's do; a row that
/// cannot be read stops the import unless `--skip-bad` leaves it out.
#[test]
fn gdelt_rows_from_standard_input_and_skipping_a_bad_row() {
    let sandbox = Sandbox::new();
    let before = sandbox.contents().len();
    let rows = gdelt_row("1100000001", "20231115", false)
        + &gdelt_row("1100000002", "20231115", true)
        + &gdelt_row("1100000003", "20231399", false)
        + &gdelt_row("1100000004", "20231116", false);

    let out = sandbox.run_with_stdin(&["import", "-"], rows.as_bytes());
    assert_eq!(code(&out), 3, "rows rejected: {}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "GDELT: 4 rows, 2 between the US and China kept, 1 between other actors left out"
        ),
        "{said}"
    );
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
    assert_eq!(sandbox.contents().len(), before, "nothing was written");

    let out = sandbox.run_with_stdin(&["import", "-", "--skip-bad"], rows.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 unreadable row skipped"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let events = sandbox.contents();
    assert_eq!(events.len(), before + 2);
    assert!(events.iter().any(|e| e["id"] == "gdelt-1100000004"));

    let good = gdelt_row("1100000005", "20231117", false);
    let out = sandbox.run_with_stdin(&["import", "-"], good.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(sandbox.contents().len(), before + 3);
}

/// `--skip-bad` on a file of our own: the rejected row is listed and left out, the rest
/// written as it streams.
#[test]
fn skip_bad_leaves_out_a_rejected_row_of_a_csv_and_imports_the_rest() {
    let sandbox = Sandbox::new();
    let before = sandbox.contents().len();
    let csv = sandbox.file(
        "talks.csv",
        b"id,title,start,kind\nx1,First talk,2023-01-05,meeting\nx2,Bad day,2023-02-30,meeting\nx3,Third talk,2023-03-05,meeting\n",
    );
    let path = csv.to_str().unwrap();
    let out = sandbox.run(&["import", path]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert_eq!(
        sandbox.contents().len(),
        before,
        "nothing without --skip-bad"
    );
    let out = sandbox.run(&["import", path, "--skip-bad"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("skipped line 3"), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("1 unreadable row skipped"), "{said}");
    let events = sandbox.contents();
    assert_eq!(events.len(), before + 2);
    assert!(events.iter().any(|e| e["id"] == "x3"));
    assert!(!events.iter().any(|e| e["id"] == "x2"));
}

/// GDELT 1.0, for the years before 2015: a daily file and the historical backfile's yearly
/// archive in one import, and a backfile year unzipped, told from its content.
#[test]
fn gdelt_1_0_daily_and_historical_files_import_as_downloaded() {
    use bilateral_core::formats::gdelt::{sample_row_in, Layout};
    use std::io::Write;
    let sandbox = Sandbox::new();
    let before = sandbox.contents().len();
    let us = ("UNITED STATES", "USA");
    let china = ("CHINA", "CHN");
    let row = |layout, id, day| {
        sample_row_in(
            layout,
            id,
            day,
            us,
            china,
            "042",
            "Beijing, China",
            "https://example.org/news/1",
        ) + "\n"
    };
    let daily = sandbox.file(
        "20130401.export.CSV",
        row(Layout::V1Daily, "250000001", "20130401").as_bytes(),
    );
    let year = sandbox.dir.path().join("1979.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&year).expect("create"));
    writer
        .start_file("1979.csv", zip::write::SimpleFileOptions::default())
        .expect("entry");
    writer
        .write_all(row(Layout::V1Backfile, "1", "19790129").as_bytes())
        .expect("write");
    writer.finish().expect("finish");

    let out = sandbox.ok(&["import", daily.to_str().unwrap(), year.to_str().unwrap()]);
    assert!(
        out.contains("GDELT: 2 rows in 2 files, 2 between the US and China kept")
            && out.contains("1 from GDELT 1.0 historical files, kept without a source"),
        "{out}"
    );
    let events = sandbox.contents();
    assert_eq!(events.len(), before + 2);
    let deng = events
        .iter()
        .find(|e| e["id"] == "gdelt-v1-1")
        .expect("the backfile's event");
    assert_eq!(deng["start"], "1979-01-29");
    assert_eq!(deng["sources"].as_array().map(Vec::len), Some(0));
    let daily_event = events
        .iter()
        .find(|e| e["id"] == "gdelt-v1-250000001")
        .expect("the daily file's event");
    assert_eq!(
        daily_event["sources"][0]["url"],
        "https://example.org/news/1"
    );

    let unzipped = [("1980.csv", "2", "19800301"), ("1981.csv", "3", "19810301")]
        .map(|(name, id, day)| sandbox.file(name, row(Layout::V1Backfile, id, day).as_bytes()));
    let out = sandbox.ok(&[
        "import",
        unzipped[0].to_str().unwrap(),
        unzipped[1].to_str().unwrap(),
    ]);
    assert!(out.contains("GDELT: 2 rows in 2 files"), "{out}");
    let ids: Vec<String> = sandbox
        .contents()
        .iter()
        .map(|e| e["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        ids.contains(&"gdelt-v1-2".to_owned()) && ids.contains(&"gdelt-v1-3".to_owned()),
        "told from their 57 columns, not their names"
    );
}

/// A lossy format's dry run names the fields it can change as a person would.
#[test]
fn a_lossy_import_names_the_fields_it_can_change_in_words() {
    let sandbox = Sandbox::new();
    let row = bilateral_core::formats::gdelt::sample_row(
        "1100000001",
        "20231115",
        ("UNITED STATES", "USA"),
        ("CHINA", "CHN"),
        "042",
        "",
        "https://example.org/news/1",
    );
    let file = sandbox.file("20231115121500.export.CSV", row.as_bytes());
    let out = sandbox.ok(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(
        out.contains(
            "this format can set title, summary, dates, kind, actors, location, source links \
             (added to its sources) of a stored event"
        ),
        "{out}"
    );
}

/// A BigQuery query of GDELT's events table, saved as CSV with its header: told from the
/// header and read by its column names, whatever the file is called.
#[test]
fn a_bigquery_export_of_gdelt_imports_by_its_header() {
    let sandbox = Sandbox::new();
    let before = sandbox.contents().len();
    let csv = "GLOBALEVENTID,SQLDATE,Actor1Name,Actor1CountryCode,Actor2Name,Actor2CountryCode,\
               EventCode,ActionGeo_FullName,DATEADDED,SOURCEURL\n\
               1051234567,20220804,CHINA,CHN,UNITED STATES,USA,190,\"Taipei, T'ai-pei, Taiwan\",\
               20220804151500,https://example.org/news/drills\n";
    let file = sandbox.file("bq-results-20221201.csv", csv.as_bytes());
    let out = sandbox.ok(&["import", file.to_str().unwrap()]);
    assert!(
        out.contains("GDELT: 1 row, 1 between the US and China kept"),
        "{out}"
    );
    let events = sandbox.contents();
    assert_eq!(events.len(), before + 1);
    let drills = events
        .iter()
        .find(|e| e["id"] == "gdelt-1051234567")
        .expect("the 2.0 event, told by its DATEADDED");
    assert_eq!(drills["kind"], "military_incident");
    assert_eq!(drills["location"], "Taipei, T'ai-pei, Taiwan");
}

#[test]
fn delete_removes_the_selected_events_after_a_backup_and_refuses_an_unnamed_selection() {
    let sandbox = Sandbox::new();
    let rows =
        gdelt_row("1100000001", "20231115", false) + &gdelt_row("1100000002", "20231116", false);
    let gdelt = sandbox.file("20231115121500.export.CSV", rows.as_bytes());
    sandbox.ok(&["import", gdelt.to_str().unwrap()]);
    let before = sandbox.contents();
    assert_eq!(before.len(), shipped_count() + 2);

    // No selection is no delete: a forgotten filter must not empty the database.
    let out = sandbox.run(&["delete"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--all for every event"),
        "{}",
        stderr(&out)
    );
    let out = sandbox.run(&["delete", "--all", "--kind", "summit"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = sandbox.run(&["delete", "--id", "gdelt-1100000001", "--gdelt"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = sandbox.run(&[
        "delete",
        "--id",
        "gdelt-1100000001",
        "--id",
        "no-such-event",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--id: no event with id \"no-such-event\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(sandbox.contents(), before, "nothing was deleted");

    let told = sandbox.ok(&["delete", "--gdelt", "--dry-run"]);
    assert!(told.contains("would delete 2 events"), "{told}");
    assert_eq!(sandbox.contents(), before, "a dry run deletes nothing");

    let done = sandbox.ok(&["delete", "--gdelt"]);
    assert!(done.contains("backup taken first: bilateral-"), "{done}");
    assert!(done.contains("deleted 2 events"), "{done}");
    let after = sandbox.contents();
    assert_eq!(
        after.len(),
        shipped_count(),
        "the GDELT events are gone, the rest stay"
    );
    assert!(after.iter().all(|e| e["origin"] != "gdelt"));

    let listed = sandbox.ok(&["backups"]);
    assert!(
        listed.contains(&format!("before a delete, {} events", shipped_count() + 2)),
        "{listed}"
    );
    let name = listed
        .split_whitespace()
        .find(|w| w.contains("-before-delete"))
        .expect("the delete's backup")
        .to_owned();
    sandbox.ok(&["restore", &name]);
    assert_eq!(sandbox.contents(), before, "the backup brings them back");

    let done = sandbox.ok(&["delete", "--id", "gdelt-1100000002"]);
    assert!(done.contains("deleted 1 event\n"), "{done}");
    assert_eq!(sandbox.contents().len(), shipped_count() + 1);
}

#[test]
fn compact_shrinks_the_file_to_what_it_holds_and_never_creates_one() {
    let sandbox = Sandbox::empty();
    let out = sandbox.run(&["compact"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("there is no database at"),
        "{}",
        stderr(&out)
    );
    assert!(!sandbox.db().exists(), "compact created nothing");

    sandbox.ok(&["init"]);
    let before = sandbox.contents();
    let done = sandbox.ok(&["delete", "--kind", "statement"]);
    assert!(done.contains("deleted "), "{done}");
    let kept = sandbox.contents();
    assert!(kept.len() < before.len(), "statements were deleted");
    let on_disk = || std::fs::metadata(sandbox.db()).unwrap().len();
    let bytes_before = on_disk();
    let told = sandbox.ok(&["compact"]);
    let sizes: Vec<f64> = told
        .trim()
        .strip_prefix("compacted the database: ")
        .unwrap_or_else(|| panic!("{told}"))
        .split(" -> ")
        .map(|size| {
            let (number, unit) = size.split_once(' ').unwrap();
            let unit = match unit {
                "KB" => 1024.0,
                "MB" => 1024.0 * 1024.0,
                other => panic!("unit {other} in {told}"),
            };
            number.parse::<f64>().unwrap() * unit
        })
        .collect();
    assert!(sizes[1] < sizes[0], "{told}");
    assert_eq!(sandbox.contents(), kept, "every event left is as it was");
    assert!(
        on_disk() < bytes_before,
        "the file shrank on disk too: {bytes_before} -> {} bytes",
        on_disk()
    );
}

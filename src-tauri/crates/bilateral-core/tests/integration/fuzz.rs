//! Fuzzing on the stable toolchain: one target per reader (Bilateral JSON, CSV, iCalendar,
//! TimelineJS JSON, TimelineJS sheet, GDELT). Each case takes a seed file (an export of the
//! test events, the golden CSV, GDELT rows in each layout and with a BigQuery header, or a file
//! of `tests/fuzz-corpus/<format>/`) and applies random
//! mutations: values of a JSON file replaced, keys added or removed; lines deleted or
//! repeated; bytes changed, format tokens inserted, ranges deleted or repeated, the file cut.
//! The reader must not panic, must return within `CASE_LIMIT`, and every message it gives must
//! stay short.
//!
//! `cargo test` runs `FUZZ_CASES` cases per target (default 1000) from a fixed seed, so CI
//! repeats the same run. `make fuzz` sets `FUZZ_SECONDS` (and a random seed): each target then
//! runs for that long and prints how many inputs it read. A failing input is shrunk by
//! proptest and written to `target/fuzz-failures/`; copy it into `tests/fuzz-corpus/<format>/`
//! to keep it as a regression (the corpus test below reads every file there).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bilateral_core::formats::{self, ExportOptions, Format};
use bilateral_core::Kind;
use chrono::TimeZone;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

use crate::fixtures::event;

/// Longest a reader may take over one fuzzed input (a few kilobytes) before it counts as a
/// hang; far above the milliseconds it needs, even unoptimised on a busy machine.
const CASE_LIMIT: Duration = Duration::from_secs(10);
/// Longest message a reader may give, in bytes.
const MOST_MESSAGE_BYTES: usize = 600;
/// Mutations stop growing a file past this size.
const MOST_INPUT_BYTES: usize = 256 * 1024;

const TARGETS: [Format; 6] = [
    Format::Json,
    Format::Csv,
    Format::Ics,
    Format::TimelineJs,
    Format::TimelineJsCsv,
    Format::Gdelt,
];

fn corpus_dir(format: Format) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(format.name())
}

fn corpus_files(format: Format) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(corpus_dir(format)) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("corpus file");
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

fn sheet_seed() -> Vec<u8> {
    let header = formats::timelinejs_csv::COLUMNS.join(",");
    format!(
        "{header}\n\
         ,,,,,,,,,My timeline,Intro,,,,,title,,\n\
         2018,7,6,,2018,7,8,,,First <em>tariffs</em>,\"<p>Section 301, see <a href=\"\"https://ustr.gov/a\"\">USTR</a></p>\",,,,,,Trade measure,\n\
         2019,,,,2020,,,,,An era,,,,,,era,,\n\
         1972,2,,,,,,,,Nixon in China,,,,,,,Visit,\n"
    )
    .into_bytes()
}

/// GDELT files: a 2.0 export, a 1.0 daily file, a 1.0 backfile year, and a BigQuery CSV
/// with its header (a quoted place holding commas).
fn gdelt_seeds() -> Vec<Vec<u8>> {
    use bilateral_core::formats::gdelt::{sample_row_in, Layout};
    let (us, china) = (("UNITED STATES", "USA"), ("CHINA", "CHN"));
    let file = |layout| {
        [
            sample_row_in(
                layout,
                "1",
                "20231115",
                us,
                china,
                "042",
                "Beijing, China",
                "https://example.org/a",
            ),
            sample_row_in(
                layout,
                "2",
                "20231116",
                china,
                us,
                "1631",
                "",
                "ftp://example.org/b",
            ),
            sample_row_in(
                layout,
                "3",
                "20231116",
                us,
                ("RUSSIA", "RUS"),
                "036",
                "",
                "",
            ),
        ]
        .join("\n")
        .into_bytes()
    };
    let bigquery = "GLOBALEVENTID,SQLDATE,Actor1Name,Actor1CountryCode,Actor2CountryCode,EventCode,\
                    GoldsteinScale,ActionGeo_FullName,DATEADDED,SOURCEURL\n\
                    7,20220804,CHINA,CHN,USA,190,-10,\"Taipei, Taiwan\",20220804151500,https://example.org/c\n"
        .as_bytes()
        .to_vec();
    vec![
        file(Layout::V2),
        file(Layout::V1Daily),
        file(Layout::V1Backfile),
        bigquery,
    ]
}

/// The files mutations start from.
fn seeds(format: Format) -> Vec<Vec<u8>> {
    let mut events = vec![
        event("2023-11-15-woodside", "2023-11-15", Kind::Summit),
        event("1972-02", "1972-02", Kind::Visit),
        event("2018", "2018", Kind::TradeMeasure),
    ];
    events[0].end = Some("2023-11-16".parse().expect("date"));
    events[1].summary = "Line one, \"quoted\";\nline two \\ and 习近平.".to_owned();
    let options = ExportOptions {
        stamp: chrono::Utc
            .with_ymd_and_hms(2024, 1, 2, 3, 4, 5)
            .single()
            .expect("stamp"),
        ..ExportOptions::default()
    };
    let mut seeds = match format {
        Format::TimelineJsCsv => vec![sheet_seed()],
        Format::Gdelt => gdelt_seeds(),
        _ => vec![formats::export_to_vec(format, &events, &options).expect("export")],
    };
    if format == Format::Csv {
        let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/events.csv");
        seeds.push(std::fs::read(golden).expect("golden CSV"));
    }
    seeds.extend(corpus_files(format).into_iter().map(|(_, bytes)| bytes));
    seeds
}

/// Bits of syntax that matter to some reader.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b",",
    b";",
    b":",
    b"\\",
    b"\n",
    b"\r\n",
    b"\r",
    b" ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"=",
    b"'",
    b"\0",
    b"\xff",
    b"\xEF\xBB\xBF",
    b"\xe2\x80\xae",
    b"null",
    b"-1",
    b"0",
    b"99999999999999999999",
    b"2023-02-30",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"BEGIN:VCALENDAR\r\n",
    b"END:VCALENDAR\r\n",
    b"DTEND:19000101\r\n",
    b";VALUE=DATE",
    b"<a href=\"https://example.org/x\">",
    b"</a>",
    b"<script>",
    b"&amp;",
    b"\"events\":",
    b"\"start_date\":{\"year\":",
    b"\"sources\":[{\"url\":1}]",
];

#[derive(Debug, Clone)]
enum Mutation {
    Set(Index, u8),
    Insert(Index, Index),
    Delete(Index, usize),
    Repeat(Index, usize, Index),
    Cut(Index),
    /// Line mutations keep the file's rows and properties whole, so inputs get past the
    /// syntax into the per-item checks.
    DeleteLine(Index),
    RepeatLine(Index, Index),
}

/// Mutations of a JSON file's values, for the same reason: a changed byte mostly breaks the
/// syntax, a changed value reaches the item readers.
#[derive(Debug, Clone)]
enum JsonMutation {
    /// Replace the n-th value (depth first) with one of `VALUES`.
    Replace(Index, Index),
    /// Remove a key of the n-th object.
    RemoveKey(Index, Index),
    /// Add one of `KEYS` to the n-th object, with one of `VALUES`.
    AddKey(Index, Index, Index),
}

const KEYS: &[&str] = &[
    "unknown",
    "format",
    "version",
    "events",
    "id",
    "title",
    "summary",
    "start",
    "end",
    "kind",
    "actors",
    "name",
    "side",
    "tags",
    "sources",
    "url",
    "published",
    "quote",
    "start_date",
    "end_date",
    "year",
    "month",
    "day",
    "text",
    "headline",
    "group",
    "unique_id",
];

fn json_values() -> Vec<serde_json::Value> {
    use serde_json::json;
    vec![
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(13),
        json!(99_999_999_999_i64),
        json!(1.5),
        json!(""),
        json!(" "),
        json!("2023"),
        json!("2023-02-30"),
        json!("2023-11"),
        json!("0000"),
        json!("summit"),
        json!("us"),
        json!("https://example.org/a"),
        json!("javascript:alert(1)"),
        json!("\u{202e}\u{1b}[31m"),
        json!("<p>a <a href=\"https://e.org\">link</a></p><script>x</script>"),
        json!("x".repeat(400)),
        json!([]),
        json!({}),
        json!([{"url": "https://e.org", "title": "t"}]),
        json!({"year": "2023", "month": "13"}),
        json!({"name": "N", "side": "mars"}),
    ]
}

fn json_mutation() -> impl Strategy<Value = JsonMutation> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(n, v)| JsonMutation::Replace(n, v)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(n, k)| JsonMutation::RemoveKey(n, k)),
        2 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(n, k, v)| JsonMutation::AddKey(n, k, v)),
    ]
}

/// The n-th value of `root`, depth first (`root` itself is the 0th).
fn nth_value(root: &mut serde_json::Value, n: usize) -> Option<&mut serde_json::Value> {
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(value) = stack.pop() {
        if seen == n {
            return Some(value);
        }
        seen += 1;
        match value {
            serde_json::Value::Array(items) => stack.extend(items.iter_mut().rev()),
            serde_json::Value::Object(map) => stack.extend(map.values_mut().rev()),
            _ => {}
        }
    }
    None
}

fn count_values(value: &serde_json::Value) -> usize {
    1 + match value {
        serde_json::Value::Array(items) => items.iter().map(count_values).sum(),
        serde_json::Value::Object(map) => map.values().map(count_values).sum(),
        _ => 0,
    }
}

fn apply_json(bytes: Vec<u8>, mutations: &[JsonMutation]) -> Vec<u8> {
    let Ok(mut root) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return bytes;
    };
    let values = json_values();
    for m in mutations {
        let count = count_values(&root);
        match m {
            JsonMutation::Replace(n, v) => {
                if let Some(slot) = nth_value(&mut root, n.index(count)) {
                    *slot = values[v.index(values.len())].clone();
                }
            }
            JsonMutation::RemoveKey(n, k) => {
                if let Some(serde_json::Value::Object(map)) = nth_value(&mut root, n.index(count)) {
                    if !map.is_empty() {
                        let key = map.keys().nth(k.index(map.len())).cloned();
                        key.map(|key| map.remove(&key));
                    }
                }
            }
            JsonMutation::AddKey(n, k, v) => {
                if let Some(serde_json::Value::Object(map)) = nth_value(&mut root, n.index(count)) {
                    map.insert(
                        KEYS[k.index(KEYS.len())].to_owned(),
                        values[v.index(values.len())].clone(),
                    );
                }
            }
        }
    }
    serde_json::to_vec_pretty(&root).unwrap_or(bytes)
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        2 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => (any::<Index>(), 1usize..256, any::<Index>())
            .prop_map(|(i, n, to)| Mutation::Repeat(i, n, to)),
        1 => any::<Index>().prop_map(Mutation::Cut),
        3 => any::<Index>().prop_map(Mutation::DeleteLine),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(l, to)| Mutation::RepeatLine(l, to)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let at = |i: &Index| if len == 0 { 0 } else { i.index(len + 1) };
        match m {
            Mutation::Set(i, b) if len > 0 => {
                let i = i.index(len);
                bytes[i] = *b;
            }
            Mutation::Set(..) => {}
            Mutation::Insert(i, t) => {
                let at = at(i);
                let token = TOKENS[t.index(TOKENS.len())];
                bytes.splice(at..at, token.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let from = at(i).min(len);
                bytes.drain(from..(from + n).min(len));
            }
            Mutation::Repeat(i, n, to) if bytes.len() < MOST_INPUT_BYTES => {
                let from = at(i).min(len);
                let piece = bytes[from..(from + n).min(len)].to_vec();
                let to = at(to);
                bytes.splice(to..to, piece);
            }
            Mutation::Repeat(..) => {}
            Mutation::Cut(i) => bytes.truncate(at(i)),
            Mutation::DeleteLine(l) => {
                let lines = line_ranges(&bytes);
                let range = lines[l.index(lines.len())].clone();
                bytes.drain(range);
            }
            Mutation::RepeatLine(l, to) if bytes.len() < MOST_INPUT_BYTES => {
                let lines = line_ranges(&bytes);
                let piece = bytes[lines[l.index(lines.len())].clone()].to_vec();
                let to = lines[to.index(lines.len())].start;
                bytes.splice(to..to, piece);
            }
            Mutation::RepeatLine(..) => {}
        }
    }
    bytes
}

/// What the reader made of one input, counted so a run shows how deep inputs got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// The file was refused as a whole.
    Refused,
    /// It read, with every item rejected or none at all.
    NoEvents,
    /// It read with at least one event.
    Events,
}

/// Each line's byte range, its line end included; at least one (empty) range.
fn line_ranges(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() || ranges.is_empty() {
        ranges.push(start..bytes.len());
    }
    ranges
}

/// Reads `bytes` as `format` (and with the format left to detection) on a separate thread:
/// a panic, a hang past `CASE_LIMIT` or a long message is a failure, with the reason.
fn check(format: Format, bytes: &[u8]) -> Result<Outcome, String> {
    let (send, receive) = mpsc::channel();
    let input = bytes.to_vec();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| {
            let mut messages = Vec::new();
            let mut outcome = Outcome::Refused;
            for f in [Some(format), None] {
                match formats::read(f, &input, "fuzz") {
                    Ok(parsed) => {
                        messages.extend(parsed.rejected.iter().map(ToString::to_string));
                        if f.is_some() {
                            outcome = if parsed.events.is_empty() {
                                Outcome::NoEvents
                            } else {
                                Outcome::Events
                            };
                        }
                    }
                    Err(e) => messages.push(e.to_string()),
                }
            }
            (outcome, messages)
        });
        let _ = send.send(outcome);
    });
    match receive.recv_timeout(CASE_LIMIT) {
        Err(_) => Err(format!("no answer within {CASE_LIMIT:?}: the reader hangs")),
        Ok(Err(_)) => Err("the reader panicked".to_owned()),
        Ok(Ok((outcome, messages))) => {
            match messages.iter().find(|m| m.len() > MOST_MESSAGE_BYTES) {
                Some(m) => Err(format!("a {} byte message: {m:.300}", m.len())),
                None => Ok(outcome),
            }
        }
    }
}

fn save_failure(format: Format, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{}-{:x}", format.name(), seahash(bytes)));
    let _ = std::fs::write(&path, bytes);
    path
}

/// A small stable hash for failure file names (FNV-1a).
fn seahash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Runs one target: a fixed number of cases, or batches until `FUZZ_SECONDS` have passed.
fn fuzz(format: Format) {
    let seeds = seeds(format);
    let seconds = env_number("FUZZ_SECONDS");
    let cases = env_number("FUZZ_CASES").unwrap_or(1000);
    let base_seed = env_number("FUZZ_SEED").unwrap_or(if seconds.is_some() {
        seahash(
            &std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos().to_le_bytes())
                .unwrap_or_default(),
        )
    } else {
        0xB11A7E5A1
    });
    let started = Instant::now();
    let executions = std::cell::Cell::new(0u64);
    // Refused, read without events, read with events.
    let outcomes = std::cell::Cell::new([0u64; 3]);
    let mut batch = 0u64;
    let strategy = (
        prop::sample::select((0..seeds.len()).collect::<Vec<_>>()),
        prop::collection::vec(json_mutation(), 0..4),
        prop::collection::vec(mutation(), 0..4),
    );
    loop {
        let batch_cases = match seconds {
            Some(_) => 500,
            None => u32::try_from(cases).unwrap_or(u32::MAX),
        };
        let config = Config {
            cases: batch_cases,
            failure_persistence: None,
            max_shrink_iters: 2000,
            ..Config::default()
        };
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&base_seed.to_le_bytes());
        seed[8..16].copy_from_slice(&batch.to_le_bytes());
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
        let result = runner.run(&strategy, |(seed, json_mutations, mutations)| {
            executions.set(executions.get() + 1);
            let bytes = apply(apply_json(seeds[seed].clone(), &json_mutations), &mutations);
            let outcome = check(format, &bytes).map_err(|why| {
                let saved = save_failure(format, &bytes);
                TestCaseError::fail(format!("{why} (input saved to {})", saved.display()))
            })?;
            let mut counts = outcomes.get();
            counts[outcome as usize] += 1;
            outcomes.set(counts);
            Ok(())
        });
        if let Err(failure) = result {
            panic!("fuzzing {format} (seed {base_seed}, batch {batch}) found a failure: {failure}");
        }
        batch += 1;
        match seconds {
            Some(s) if started.elapsed() < Duration::from_secs(s) => {}
            _ => break,
        }
    }
    eprintln!(
        "fuzz {format}: {} executions in {:.1} s, seed {base_seed}, 0 failures; \
         refused {}, read without events {}, read with events {}",
        executions.get(),
        started.elapsed().as_secs_f64(),
        outcomes.get()[0],
        outcomes.get()[1],
        outcomes.get()[2]
    );
}

#[test]
fn fuzz_bilateral_json() {
    fuzz(Format::Json);
}

#[test]
fn fuzz_gdelt() {
    fuzz(Format::Gdelt);
}

#[test]
fn fuzz_csv() {
    fuzz(Format::Csv);
}

#[test]
fn fuzz_ics() {
    fuzz(Format::Ics);
}

#[test]
fn fuzz_timelinejs_json() {
    fuzz(Format::TimelineJs);
}

#[test]
fn fuzz_timelinejs_sheet() {
    fuzz(Format::TimelineJsCsv);
}

/// Inputs fuzzing once failed on, kept so the failure never comes back.
#[test]
fn every_corpus_file_reads_without_panic_hang_or_long_message() {
    for format in TARGETS {
        for (path, bytes) in corpus_files(format) {
            if let Err(why) = check(format, &bytes) {
                panic!("{}: {why}", path.display());
            }
        }
    }
}

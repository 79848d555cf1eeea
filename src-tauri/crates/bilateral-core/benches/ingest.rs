//! Article to events on a 5,000-word news text: `cargo bench -p bilateral-core --bench ingest`.
//! Prints figures; asserts nothing about speed (the goal is under 50 ms).
//!
//! The text is the annotated articles under `tests/articles/`, one after another, repeated until
//! it holds 5,000 words: real news prose, with its real density of dates.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "support/allocator.rs"]
mod allocator;
use std::path::Path;
use std::time::Instant;

use bilateral_core::ingest::{self, ArticleRequest, PageFormat};
use chrono::NaiveDate;

/// The text of a TimeML file without its markup (good enough for a benchmark's input).
fn body(tml: &str) -> String {
    let text = tml
        .split("<TEXT>")
        .nth(1)
        .unwrap_or("")
        .split("</TEXT>")
        .next()
        .unwrap_or("");
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/articles")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    let bodies: Vec<String> = paths
        .iter()
        .map(|p| body(&std::fs::read_to_string(p).unwrap()))
        .collect();
    let mut text = String::new();
    for b in bodies.iter().cycle() {
        if text.split_whitespace().count() >= 5_000 {
            break;
        }
        text.push_str(b);
        text.push_str("\n\n");
    }
    let words = text.split_whitespace().count();
    let anchor = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();

    // The rules compile once per process; say what that costs apart from the per-article work.
    let start = Instant::now();
    let first = ingest::tagger::tag("on Monday", anchor);
    println!(
        "rules compiled and first call: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(first.len(), 1);

    let runs = 20;
    let mut tag_ms = Vec::with_capacity(runs);
    let mut all_ms = Vec::with_capacity(runs);
    let mut counts = (0, 0);
    let request = ArticleRequest {
        input: text.clone(),
        format: PageFormat::Text,
        published: Some(bilateral_core::PartialDate::from_naive(anchor)),
        url: Some("https://example.org/article".into()),
    };
    for _ in 0..runs {
        let start = Instant::now();
        let timexes = ingest::tagger::tag(&text, anchor);
        tag_ms.push(start.elapsed().as_secs_f64() * 1e3);
        let start = Instant::now();
        let extraction = ingest::extract(&request, None, anchor).unwrap();
        all_ms.push(start.elapsed().as_secs_f64() * 1e3);
        counts = (timexes.len(), extraction.candidates.len());
    }
    // Matching candidates against the shipped chronology, in a real database file.
    let dir = tempfile::tempdir().unwrap();
    let mut store = bilateral_core::Store::open(&dir.path().join("bench.db")).unwrap();
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../data/events.json"),
    )
    .unwrap();
    bilateral_core::dataset::apply(&mut store, &shipped, "data/events.json").unwrap();
    let mut matched_ms = Vec::with_capacity(runs);
    let mut matches = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let extraction = ingest::extract(&request, Some(&store), anchor).unwrap();
        matched_ms.push(start.elapsed().as_secs_f64() * 1e3);
        matches = extraction
            .candidates
            .iter()
            .filter(|c| !c.matches.is_empty())
            .count();
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    println!(
        "{words} words, {} time expressions, {} candidate events",
        counts.0, counts.1
    );
    println!(
        "tagger alone:          median {:>6.1} ms over {runs} runs",
        median(&mut tag_ms)
    );
    println!(
        "whole extraction:      median {:>6.1} ms over {runs} runs (goal: under 50 ms)",
        median(&mut all_ms)
    );
    println!(
        "with the shipped store: median {:>6.1} ms over {runs} runs, {matches} candidates matched",
        median(&mut matched_ms)
    );
}

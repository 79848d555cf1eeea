//! Core tests, on real SQLite files in a temporary folder.

// A failed expectation in a test is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod article_events;
mod article_input;
mod article_items;
mod article_set;
mod backup;
mod bindings;
mod bounded_input;
mod concurrency;
mod crash;
mod dataset;
mod date;
mod eras;
mod fixtures;
mod formats;
mod fuzz;
mod gdelt;
mod history;
mod hostile_messages;
mod import;
mod ingest_candidates;
mod ingest_page;
mod ingest_published;
mod ingest_rules;
mod ingest_text;
mod limits;
mod merging;
mod migrations;
mod opening;
mod pictures;
mod provenance;
mod reader_faults;
mod readers;
mod scale;
mod search;
mod search_limits;
mod search_syntax;
mod store;
mod streaming;
mod timeml_scoring;
mod urls;
mod window;

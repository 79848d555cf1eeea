//! Core tests, on real SQLite files in a temporary folder.

// A failed expectation in a test is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod article_input;
mod article_items;
mod backup;
mod bindings;
mod bounded_input;
mod concurrency;
mod crash;
mod dataset;
mod date;
mod fixtures;
mod formats;
mod fuzz;
mod history;
mod hostile_messages;
mod import;
mod limits;
mod merging;
mod migrations;
mod opening;
mod pictures;
mod reader_faults;
mod search;
mod search_limits;
mod store;
mod urls;
mod window;

//! The IPC surface, driven through `tauri::test` on the mock runtime with the real
//! configuration and capabilities, over a real SQLite file.

// A failed expectation in a test is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod article;
mod backups;
mod commands;
mod curation;
mod eras;
mod harness;
mod links;
mod periods;
mod reads;
mod saved_views;
mod startup;
mod transfer;

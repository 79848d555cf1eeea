//! End-to-end tests: the real Bilateral binary under its own Xvfb, driven over WebDriver
//! (tauri-driver + WebKitWebDriver); and the exported web page in Chromium (chromedriver).

// A failed expectation in a test is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod article;
mod bench;
mod chinese;
mod curation;
mod exports;
mod gdelt_import;
mod harness;
mod native_dialogs;
mod periods;
mod search_syntax;
mod startup;
mod table;
mod timeline;
mod transfer;
mod web_page;

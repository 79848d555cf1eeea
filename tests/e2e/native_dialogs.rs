//! The system's own (GTK) file dialogs, which are separate X windows that WebDriver cannot
//! reach: xdotool types into them on the app's display, as a person would. Also the waits and
//! the File menu the tests that use them share.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::Locator;

use crate::harness::App;

const XDO_TIMEOUT: Duration = Duration::from_secs(20);

/// Runs xdotool on the app's display; None when it fails (e.g. a search that finds nothing).
fn xdotool_try(display: u32, args: &[&str]) -> Option<String> {
    let mut child = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", format!(":{display}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("xdotool starts (apt package xdotool)");
    let deadline = Instant::now() + XDO_TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().expect("xdotool status") {
            let mut out = String::new();
            if let Some(mut stdout) = child.stdout.take() {
                let _ = stdout.read_to_string(&mut out);
            }
            return status.success().then_some(out);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("xdotool {args:?} did not finish within {XDO_TIMEOUT:?}: did the native file dialog open?");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn xdotool(display: u32, args: &[&str]) -> String {
    xdotool_try(display, args)
        .unwrap_or_else(|| panic!("xdotool {args:?} failed on display :{display}"))
}

/// The id of the visible window titled `title`, waiting for it to appear.
fn native_window(display: u32, title: &str) -> String {
    let found = xdotool(
        display,
        &["search", "--sync", "--onlyvisible", "--name", title],
    );
    found
        .lines()
        .next()
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no window titled {title:?}"))
}

fn native_window_open(display: u32, title: &str) -> bool {
    xdotool_try(display, &["search", "--onlyvisible", "--name", title])
        .is_some_and(|out| !out.trim().is_empty())
}

/// Types `path` into the native file dialog titled `title` and presses Return. A save dialog
/// has its name field focused (select it all and replace it); an open dialog needs Ctrl+L
/// for its location field.
fn type_path(display: u32, title: &str, path: &Path, location_bar: bool) {
    let id = native_window(display, title);
    xdotool(display, &["windowfocus", "--sync", &id]);
    xdotool(
        display,
        &["key", if location_bar { "ctrl+l" } else { "ctrl+a" }],
    );
    let path = path.to_str().expect("a UTF-8 temp path");
    xdotool(display, &["type", "--delay", "10", path]);
    xdotool(display, &["key", "Return"]);
}

/// Chooses `path` in the native dialog, then waits until `done` matches in the app. GTK's
/// location field may take the first Return to accept its completion: press it again while
/// the dialog is still up.
pub async fn choose_file(app: &App, title: &str, path: &Path, location_bar: bool, done: &str) {
    let display = app.display();
    let (owned_title, owned_path) = (title.to_owned(), path.to_owned());
    tokio::task::spawn_blocking(move || {
        type_path(display, &owned_title, &owned_path, location_bar);
    })
    .await
    .expect("typing into the native dialog");
    for _ in 0..4 {
        if wait_present(app, done, Duration::from_secs(3)).await {
            return;
        }
        let owned_title = title.to_owned();
        let again = tokio::task::spawn_blocking(move || {
            if !native_window_open(display, &owned_title) {
                return false;
            }
            let id = native_window(display, &owned_title);
            xdotool(display, &["windowfocus", "--sync", &id]);
            xdotool(display, &["key", "Return"]);
            true
        })
        .await
        .expect("pressing Return in the native dialog");
        if !again && wait_present(app, done, Duration::from_secs(5)).await {
            return;
        }
    }
    panic!(
        "after choosing {} in {title:?}, the app never showed {done}",
        path.display()
    );
}

pub async fn wait_present(app: &App, css: &str, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Ok(found) = app.client.find_all(Locator::Css(css)).await {
            if !found.is_empty() {
                return true;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Waits until the element's text contains `part`; returns what it last said.
pub async fn wait_text_containing(app: &App, css: &str, part: &str) -> String {
    let mut last = String::new();
    for _ in 0..150 {
        if let Ok(element) = app.client.find(Locator::Css(css)).await {
            last = element.text().await.unwrap_or_default();
            if last.contains(part) {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

/// The number a text starts with: "58 events" → 58.
pub fn leading_number(text: &str) -> usize {
    text.split_whitespace()
        .next()
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no count in {text:?}"))
}

/// File → Import…, and `path` chosen in the system's dialog, until `done` matches in the app.
pub async fn pick_to_import(app: &App, path: &Path, done: &str) {
    file_menu(app, "menu-import").await;
    choose_file(app, "Import events", path, true, done).await;
}

/// Opens an item of the header's File menu with the mouse.
pub async fn file_menu(app: &App, item: &str) {
    app.click("[data-testid=file-menu-button]").await;
    app.click(&format!("[data-testid={item}]")).await;
}

//! The exported web page as a reader's browser shows it: opened in real headless Chromium,
//! its script run under the page's own Content-Security-Policy. Chromium is one of the
//! packages `make test` installs; `BILATERAL_CHROMIUM` names another binary.

use std::path::Path;
use std::process::Command;

use bilateral_core::formats::{self, Format};
use bilateral_core::{Event, Source};

use crate::fixtures::shipped_store;
use crate::formats::{options, tricky};

/// The page's DOM once its script has run, and every console message Chromium logged.
struct Rendered {
    dom: String,
    console: Vec<String>,
}

impl Rendered {
    fn count(&self, needle: &str) -> usize {
        self.dom.matches(needle).count()
    }
}

fn chromium() -> String {
    if let Some(named) = std::env::var_os("BILATERAL_CHROMIUM") {
        return named.to_string_lossy().into_owned();
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .unwrap_or_else(|| {
            panic!("no Chromium: install the chromium package (`make setup` does) or set BILATERAL_CHROMIUM")
        })
        .to_owned()
}

/// Writes `events` as a web page and opens it in Chromium.
fn render(events: &[Event]) -> Rendered {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("timeline.html");
    let bytes = formats::export_to_vec(Format::Html, events, &options()).expect("export");
    std::fs::write(&page, bytes).expect("write the page");
    open(&page, &dir.path().join("profile"))
}

fn open(page: &Path, profile: &Path) -> Rendered {
    let out = Command::new(chromium())
        .args([
            "--headless",
            // Tests run as root in CI, where Chromium's sandbox cannot start.
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("Chromium runs");
    assert!(out.status.success(), "Chromium failed: {out:?}");
    let log = String::from_utf8_lossy(&out.stderr);
    Rendered {
        dom: String::from_utf8(out.stdout).expect("the DOM is UTF-8"),
        console: log
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_owned)
            .collect(),
    }
}

#[test]
fn the_page_shows_every_event_as_text_and_links_only_to_the_web() {
    let mut events = tricky();
    events[1].sources.push(Source {
        url: "javascript:alert(document.domain)".to_owned(),
        title: "Not a link".to_owned(),
        ..Source::default()
    });
    let page = render(&events);
    assert!(
        page.console.is_empty(),
        "the page runs without a console message (a refused script or style logs one): {:?}",
        page.console
    );
    assert_eq!(page.count("<article class=\"event"), events.len());
    assert!(
        page.dom.contains(">4 events<"),
        "the count shows every event"
    );
    assert!(
        page.dom.contains(
            "<h3>Consulate &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; closed</h3>"
        ),
        "a title that looks like markup is shown as text"
    );
    assert!(page.dom.contains(
        "<h3>Biden &amp; Xi meet: *talks* on [Taiwan] &lt;b&gt;not bold&lt;/b&gt; _here_</h3>"
    ));
    assert_eq!(
        page.count("<script"),
        3,
        "no script came from the data: only the data, its words and the renderer"
    );
    assert!(page.dom.contains("href=\"https://example.org/a_(b)\""));
    assert!(
        !page.dom.contains("href=\"javascript:"),
        "only web links are links"
    );
    assert!(page.dom.contains("<span>Not a link</span>"));
}

#[test]
fn the_shipped_chronology_renders_whole() {
    let (_dir, store, _path) = shipped_store();
    let events = store
        .events_matching(&bilateral_core::Filter::default())
        .expect("events");
    let page = render(&events);
    assert!(page.console.is_empty(), "{:?}", page.console);
    assert_eq!(page.count("<article class=\"event"), events.len());
    assert!(page.dom.contains(&format!(">{} events<", events.len())));
    // Every source with a web address is a link a reader can follow.
    let linked = events
        .iter()
        .flat_map(|e| &e.sources)
        .filter(|s| s.url.starts_with("https://") || s.url.starts_with("http://"))
        .count();
    assert_eq!(page.count("rel=\"noopener noreferrer\""), linked);
}

//! The exported web page in a reader's browser: real headless Chromium, driven over WebDriver
//! (chromedriver, Debian `chromium-driver`). A long page shows its first events at once and
//! builds the next ones as the reader scrolls or asks for more; its search looks through
//! every event, built or not.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bilateral_core::formats::{self, ExportOptions, Format};
use bilateral_core::Event;
use chrono::TimeZone;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::harness::{free_port, terminate, wait_until};

/// Events a page shows before the reader scrolls (`html.js`'s STEP).
const FIRST: usize = 200;
const EVENTS: usize = 2_500;

/// `EVENTS` events, one a day from 1 January 2000, each with a source.
fn events() -> Vec<Event> {
    (0..EVENTS)
        .map(|i| {
            let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date")
                + chrono::Days::new(i as u64);
            serde_json::from_value(json!({
                "id": format!("page-{i}"),
                "title": format!("Meeting number {i}"),
                "start": day.to_string(),
                "kind": "meeting",
                "sources": [{ "url": format!("https://example.org/{i}"), "title": "Report" }],
            }))
            .expect("an event")
        })
        .collect()
}

struct Browser {
    client: Client,
    driver: Child,
}

impl Browser {
    async fn open(url: &str) -> Self {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts (Debian package chromium-driver)");
        wait_until("chromedriver", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                // Tests run as root in CI, where Chromium's sandbox cannot start.
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,800"],
            },
        });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!("capabilities are an object")
        };
        let client = ClientBuilder::rustls()
            .expect("rustls client")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session in Chromium");
        client.goto(url).await.expect("the page opens");
        Self { client, driver }
    }

    async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .expect("query")
            .len()
    }

    async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .expect("element")
            .text()
            .await
            .expect("text")
    }

    /// Waits until `css` matches `at_least` elements: the page builds as it scrolls.
    async fn wait_count(&self, css: &str, at_least: usize) -> usize {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let n = self.count(css).await;
            if n >= at_least || Instant::now() > deadline {
                return n;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

#[tokio::test]
async fn a_long_web_page_builds_its_events_as_the_reader_scrolls_and_searches_them_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("timeline.html");
    let options = ExportOptions {
        title: "Long timeline".to_owned(),
        width: 1600,
        height: 900,
        stamp: chrono::Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("stamp"),
        filter: None,
        periods: Vec::new(),
    };
    let bytes = formats::export_to_vec(Format::Html, &events(), &options).expect("export");
    std::fs::write(&page, bytes).expect("write the page");
    let browser = Browser::open(&format!("file://{}", page.display())).await;

    assert_eq!(browser.text("#count").await, "2,500 events");
    assert_eq!(browser.count("article.event").await, FIRST);
    assert_eq!(browser.text("button.more").await, "Show 200 more of 2,300");

    // Scrolling to the end builds the next events before the reader gets there.
    browser
        .client
        .execute("window.scrollTo(0, document.body.scrollHeight);", vec![])
        .await
        .expect("scroll");
    let built = browser.wait_count("article.event", FIRST + 1).await;
    assert!(
        built > FIRST && built < EVENTS,
        "scrolling built {built} events"
    );

    // The search finds an event that was never built, and shows only what matches.
    let search = browser
        .client
        .find(Locator::Css("#search"))
        .await
        .expect("search box");
    search.send_keys("number 2499").await.expect("type");
    let deadline = Instant::now() + Duration::from_secs(20);
    while browser.count("article.event").await != 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(browser.count("article.event").await, 1);
    assert_eq!(
        browser.text("article.event h3").await,
        "Meeting number 2499"
    );
    assert_eq!(browser.text("#count").await, "1 of 2,500 events");
    assert!(
        !browser
            .client
            .find(Locator::Css("button.more"))
            .await
            .expect("button")
            .is_displayed()
            .await
            .expect("shown"),
        "nothing more to show"
    );

    // Emptied, it starts again from the first events; the button brings the next ones.
    search.clear().await.expect("clear");
    search.send_keys(" ").await.expect("type");
    let first = browser.wait_count("article.event", FIRST).await;
    assert_eq!(first, FIRST);
    browser
        .client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .expect("scroll");
    browser
        .client
        .execute("document.querySelector('button.more').click();", vec![])
        .await
        .expect("click");
    assert!(browser.wait_count("article.event", 2 * FIRST).await >= 2 * FIRST);
    browser.client.clone().close().await.expect("close");
}

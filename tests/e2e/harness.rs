//! Starts Xvfb, tauri-driver and the app on free display and ports, each with a timeout,
//! and stops them with SIGTERM (a SIGKILLed tauri-driver leaves WebKitWebDriver running).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const START_TIMEOUT: Duration = Duration::from_secs(30);
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

fn app_binary() -> PathBuf {
    // Another build of the app (to compare a benchmark with an earlier one).
    if let Some(path) = std::env::var_os("BILATERAL_APP").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug").join("bilateral")
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

pub(crate) fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + START_TIMEOUT;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub(crate) fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A private X display.
struct Display {
    number: u32,
    xvfb: Child,
}

impl Display {
    fn start() -> Self {
        let number = (90..400)
            .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .expect("a free X display number");
        let xvfb = Command::new("Xvfb")
            .arg(format!(":{number}"))
            .args(["-screen", "0", "1440x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (apt package xvfb)");
        let socket = format!("/tmp/.X11-unix/X{number}");
        wait_until("Xvfb", || Path::new(&socket).exists());
        Self { number, xvfb }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        terminate(&mut self.xvfb);
    }
}

/// The app's files live here, so every test starts from a first run unless it reuses one.
pub struct Profile {
    dir: tempfile::TempDir,
}

impl Profile {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("profile dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// One running app, reached over WebDriver.
pub struct App {
    pub client: Client,
    driver: Child,
    screen: Display,
}

impl App {
    pub async fn launch(profile: &Profile) -> Self {
        let display = Display::start();
        let (port, native_port) = (free_port(), free_port());
        let binary = app_binary();
        assert!(
            binary.exists(),
            "build the app first (make app): {}",
            binary.display()
        );
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", format!(":{}", display.number))
            .env("BILATERAL_DB", profile.path("bilateral.db"))
            .env("XDG_CONFIG_HOME", profile.path("config"))
            .env("XDG_DATA_HOME", profile.path("data"))
            .env("XDG_CACHE_HOME", profile.path("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver)");
        wait_until("tauri-driver", || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": binary },
        });
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("capabilities are an object"),
        };
        let client = tokio::time::timeout(
            START_TIMEOUT,
            ClientBuilder::rustls()
                .expect("rustls client")
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}")),
        )
        .await
        .expect("the app opened in time")
        .expect("a WebDriver session on the app");
        let app = Self {
            client,
            driver,
            screen: display,
        };
        app.wait_for("body[data-ready='true']").await;
        app
    }

    /// The number N of the app's X display (`DISPLAY=:N`), for driving native windows.
    pub fn display(&self) -> u32 {
        self.screen.number
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("the UI never showed {css}: {e}"))
    }

    pub async fn attr(&self, css: &str, name: &str) -> String {
        self.wait_for(css)
            .await
            .attr(name)
            .await
            .expect("attribute read")
            .unwrap_or_default()
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("element text")
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Clicks the element matching `css` once it has stopped moving: the timeline draws a
    /// jump at once and again when the events asked for arrive, and a click aimed between
    /// the two can land where the view is still changing.
    pub async fn click_still(&self, css: &str) {
        self.wait_still(css).await;
        self.click(css).await;
    }

    /// Waits until the element matching `css` has stayed in the same place for half a second.
    pub async fn wait_still(&self, css: &str) {
        let deadline = Instant::now() + UI_TIMEOUT;
        let mut last = serde_json::Value::Null;
        let mut still = 0;
        loop {
            let place = self
                .client
                .execute(
                    "const e = document.querySelector(arguments[0]); \
                     if (!e) return null; \
                     const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height];",
                    vec![json!(css)],
                )
                .await
                .expect("read where the element is");
            still = if !place.is_null() && place == last {
                still + 1
            } else {
                0
            };
            // In the same place for half a second.
            if still == 2 {
                break;
            }
            assert!(Instant::now() < deadline, "{css} never stopped moving");
            last = place;
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Types `keys` into the element matching `css`, as the keyboard would.
    pub async fn type_into(&self, css: &str, keys: &str) {
        self.wait_for(css)
            .await
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Waits until nothing matches `css`; false if something still does after ten seconds.
    pub async fn wait_gone(&self, css: &str) -> bool {
        for _ in 0..100 {
            let found = self
                .client
                .find_all(Locator::Css(css))
                .await
                .expect("query");
            if found.is_empty() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    /// Jumps the timeline to `date` through the header's Jump to date field.
    pub async fn jump_to(&self, date: &str) {
        self.wait_for("[data-testid=jump-date]").await;
        self.client
            .execute(
                "const i = document.querySelector('[data-testid=jump-date]'); \
                 i.value = arguments[0]; \
                 i.dispatchEvent(new Event('input', {bubbles: true}));",
                vec![json!(date)],
            )
            .await
            .expect("set jump date");
        self.click("[data-testid=jump-go]").await;
    }

    /// Presses Ctrl + `key` on whatever has focus, as the keyboard would (Perform Actions:
    /// WebKitWebDriver's Send Keys cannot release a modifier).
    pub async fn ctrl(&self, key: char) {
        let control: char = Key::Control.into();
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: control })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: control });
        self.client
            .perform_actions(keys)
            .await
            .expect("key presses");
        let _ = self.client.release_actions().await;
    }

    pub async fn quit(mut self) {
        let client = self.client.clone();
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        terminate(&mut self.driver);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        terminate(&mut self.driver);
    }
}

//! UI benchmark (ignored; `make bench-ui`): the real app over a database of N synthetic events
//! (`BILATERAL_BENCH_EVENTS`, 100,000 by default), a scripted zoom and pan dispatched as wheel
//! and drag events in the page, and the time between animation frames recorded there. Prints
//! p50 / p95 / max frame times (overall and per phase: zooming in, panning, zooming out, still),
//! the work each frame took on the page's thread, the lanes' node count (SVG and labels) and
//! the cost of one redraw, WebKit's layout of it included.
//!
//! Under Xvfb, WebKitGTK's default renderer composites every frame with software OpenGL, which
//! alone takes about 40 ms a painted frame on a small machine, whatever the page does. Run with
//! `WEBKIT_DISABLE_DMABUF_RENDERER=1` (the app inherits the environment) to measure the page's
//! own frame cost, closer to what a machine with a GPU shows.

use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

use crate::harness::{App, Profile};

const KINDS: [&str; 6] = [
    "meeting",
    "call",
    "statement",
    "visit",
    "summit",
    "agreement",
];

/// A Bilateral JSON file of `n` events spread over 1979–2024, a tenth of them ranges and a
/// tenth known only to the month.
fn write_events(path: &std::path::Path, n: usize) {
    let mut events = Vec::with_capacity(n);
    for i in 0..n {
        let day = (i * 16_436 / n.max(1)) as i64; // days since 1979-01-01, about 45 years
        let year = 1979 + day / 365;
        let month = 1 + (day % 365) / 31;
        let dom = 1 + (day % 365) % 28;
        let start = if i % 10 == 3 {
            format!("{year}-{month:02}")
        } else {
            format!("{year}-{month:02}-{dom:02}")
        };
        let mut event = json!({
            "id": format!("bench-{i:07}"),
            "title": format!("Synthetic event {i} between the delegations"),
            "summary": "",
            "start": start,
            "kind": KINDS[i % KINDS.len()],
            "actors": [{ "name": "Bench actor", "side": if i % 2 == 0 { "us" } else { "china" } }],
            "tags": [],
            "sources": [{ "url": format!("https://example.org/{i}"), "title": "Bench", "publisher": "example.org" }],
        });
        if i % 10 == 7 {
            event["end"] = json!(format!("{year}-{month:02}-{:02}", (dom + 5).min(28)));
        }
        events.push(event);
    }
    std::fs::write(path, serde_json::to_vec(&events).expect("json")).expect("write events");
}

fn cli_binary() -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug").join("bilateral-cli")
}

/// Runs in the page: dispatches the gestures, records frame gaps, returns them.
const SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const surface = document.querySelector('[data-testid=timeline]');
const lanes = document.querySelector('.lanes-scroll');
const box = lanes.getBoundingClientRect();
const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
const frames = [];
const phases = {};
let last = performance.now(), running = true, phase = 'still';
// A frame's work: the input handlers run since the frame before, then from this frame's first
// animation-frame callback (this one is registered before the page's) to the end of its
// rendering update (style, layout, paint recording), which a message posted now waits for.
const work = [];
const workPhases = {};
let handlers = 0, frameStart = 0, frameHandlers = 0, framePhase = 'still';
const channel = new MessageChannel();
channel.port1.onmessage = () => { const w = performance.now() - frameStart + frameHandlers; work.push(w); (workPhases[framePhase] ??= []).push(w); };
const tick = (t) => {
  frameStart = performance.now(); frameHandlers = handlers; handlers = 0; framePhase = phase;
  channel.port2.postMessage(0);
  frames.push(t - last); (phases[phase] ??= []).push(t - last); last = t; if (running) requestAnimationFrame(tick);
};
requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
const timed = (dispatch) => { const t0 = performance.now(); dispatch(); handlers += performance.now() - t0; };
const wheel = (dy) => timed(() => surface.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, deltaMode: 0, clientX: cx, clientY: cy, bubbles: true, cancelable: true, view: window })));
const mouse = (type, x, target) => timed(() => target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: cy, button: 0, buttons: type === 'mouseup' ? 0 : 1, bubbles: true, cancelable: true, view: window })));
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  await wait(300);
  phase = 'zoom in';
  for (let i = 0; i < 24; i++) { wheel(-120); await wait(16); }
  phase = 'still';
  await wait(400);
  phase = 'pan';
  mouse('mousedown', cx, lanes);
  for (let i = 0; i < 90; i++) { mouse('mousemove', cx - i * 6, window); await wait(16); }
  mouse('mouseup', cx - 540, window);
  phase = 'still';
  await wait(400);
  phase = 'zoom out';
  for (let i = 0; i < 24; i++) { wheel(120); await wait(16); }
  phase = 'still';
  await wait(400);
  running = false;
  const nodes = document.querySelectorAll('.lanes-scroll *').length;
  const labelled = document.querySelectorAll('.labels div.event').length;
  const zoomIn = document.querySelector('[data-testid=zoom-in]');
  const redraws = [];
  for (let i = 0; i < 6; i++) {
    // The click draws at once; reading a size then lays out what it wrote (WebKit's share).
    const t0 = performance.now(); zoomIn.click(); document.body.offsetHeight; redraws.push(performance.now() - t0);
    await wait(250);
  }
  const drawn = performance.getEntriesByName('bilateral-first-draw')[0];
  done({ frames, phases, work, workPhases, nodes, labelled, redraws, firstDraw: drawn ? drawn.startTime : null });
})();
"#;

fn numbers(list: &Value) -> Vec<f64> {
    list.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

/// p50 / p95 of each gesture's figures in `phases` (name → list of ms).
fn by_phase(phases: &Value) -> String {
    let parts: Vec<String> = ["zoom in", "pan", "zoom out", "still"]
        .iter()
        .filter_map(|name| {
            let mut times = numbers(phases.get(*name)?);
            times.sort_by(f64::total_cmp);
            Some(format!(
                "{name} {} frames p50 {:.1} / p95 {:.1} ms",
                times.len(),
                percentile(&times, 50.0),
                percentile(&times, 95.0)
            ))
        })
        .collect();
    parts.join("; ")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[tokio::test]
#[ignore = "benchmark: make bench-ui"]
async fn frame_times_of_a_scripted_zoom_and_pan() {
    let n: usize = std::env::var("BILATERAL_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    tokio::time::timeout(Duration::from_secs(1800), async {
        let profile = Profile::new();
        let file = profile.path("events.json");
        write_events(&file, n);
        let status = Command::new(cli_binary())
            .arg("--db")
            .arg(profile.path("bilateral.db"))
            .arg("import")
            .arg(&file)
            .output()
            .expect("bilateral-cli runs (cargo build -p bilateral-cli)");
        assert!(
            status.status.success(),
            "the synthetic events import: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        // The first start brings the shipped dataset into the CLI's database (with the backup
        // taken before it): a one-time cost. Start-up is measured on the start after it.
        let first = App::launch(&profile).await;
        first.wait_for(".labels div.event").await;
        first.quit().await;
        let launched = std::time::Instant::now();
        let app = App::launch(&profile).await;
        app.wait_for(".labels div.event").await;
        // From starting the process (and the WebDriver session, which adds its own time) to
        // labelled events on screen; the page's own figure is from its navigation start.
        let to_timeline = launched.elapsed();
        let result: Value = app
            .client
            .execute_async(SCRIPT, vec![])
            .await
            .expect("the scripted gestures ran");
        let mut frames = numbers(&result["frames"]);
        frames.sort_by(f64::total_cmp);
        let mut redraws = numbers(&result["redraws"]);
        redraws.sort_by(f64::total_cmp);
        println!(
            "ui bench, {n} events: {} frames, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; \
             lanes nodes {} ({} labelled events); redraw (zoom button, with layout) median {:.1} ms, max {:.1} ms",
            frames.len(),
            percentile(&frames, 50.0),
            percentile(&frames, 95.0),
            frames.last().copied().unwrap_or(f64::NAN),
            result["nodes"],
            result["labelled"],
            percentile(&redraws, 50.0),
            redraws.last().copied().unwrap_or(f64::NAN),
        );
        println!("ui bench phases, time between frames: {}", by_phase(&result["phases"]));
        // The time between frames cannot go below the display's refresh (16.7 ms at 60 Hz,
        // the still phase's floor); the work of each frame says how much of that budget the
        // page uses, and whether a faster display would get its frames.
        let mut work = numbers(&result["work"]);
        work.sort_by(f64::total_cmp);
        println!(
            "ui bench, {n} events: work per frame (input handlers, animation frame, style, layout, \
             paint recording) p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} of {} frames over 16 ms",
            percentile(&work, 50.0),
            percentile(&work, 95.0),
            work.last().copied().unwrap_or(f64::NAN),
            work.iter().filter(|w| **w > 16.0).count(),
            work.len(),
        );
        println!("ui bench phases, work per frame: {}", by_phase(&result["workPhases"]));
        println!(
            "start-up, {n} events: first timeline drawn {:.0} ms after the page began; \
             {:.0} ms from launching the app (WebDriver session included)",
            result["firstDraw"].as_f64().unwrap_or(f64::NAN),
            to_timeline.as_secs_f64() * 1e3,
        );
        assert!(!frames.is_empty(), "frames were recorded");
        app.quit().await;
    })
    .await
    .expect("the benchmark finished in time");
}

use std::time::Duration;

use fantoccini::actions::InputSource;
use fantoccini::Locator;

use crate::harness::{App, Profile};

const WOODSIDE: &str = "div.event[data-event-id='2023-11-15-woodside-summit']";

fn days(iso: &str) -> i64 {
    let parts: Vec<i64> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    assert_eq!(parts.len(), 3, "not an ISO day: {iso:?}");
    // Days from a civil date (Howard Hinnant's algorithm), enough to compare spans.
    let (y, m, d) = (parts[0] - i64::from(parts[1] <= 2), parts[1], parts[2]);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
}

async fn visible_span(app: &App) -> i64 {
    let from = app.attr("[data-testid=timeline]", "data-from").await;
    let to = app.attr("[data-testid=timeline]", "data-to").await;
    days(&to) - days(&from)
}

/// The first and last day the view covers.
async fn view_range(app: &App) -> (String, String) {
    (
        app.attr("[data-testid=timeline]", "data-from").await,
        app.attr("[data-testid=timeline]", "data-to").await,
    )
}

async fn wait_for_span_change(app: &App, before: i64) -> i64 {
    for _ in 0..50 {
        let now = visible_span(app).await;
        if now != before {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    before
}

#[tokio::test]
async fn the_app_opens_on_the_dataset_zooms_and_shows_woodside_in_detail() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;

        let count = app
            .wait_for("[data-testid=event-count]")
            .await
            .text()
            .await
            .expect("text");
        let n: u32 = count
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(
            n >= 100,
            "the header should count the shipped events, says {count:?}"
        );
        let drawn = app
            .client
            .find_all(Locator::Css("div.event"))
            .await
            .expect("events");
        assert!(
            drawn.len() >= 20,
            "the whole-dataset view should draw events, drew {}",
            drawn.len()
        );
        let ticks = app
            .client
            .find_all(Locator::Css("g.axis .tick text"))
            .await
            .expect("ticks");
        assert!(ticks.len() >= 3, "the time axis should have labelled ticks");

        let whole = visible_span(&app).await;
        assert!(
            whole > 365 * 40,
            "fit-all should show decades, shows {whole} days"
        );
        app.wait_for("[data-testid=zoom-in]")
            .await
            .click()
            .await
            .expect("zoom in");
        let zoomed = wait_for_span_change(&app, whole).await;
        assert!(
            zoomed < whole,
            "zoom in should narrow the view ({whole} -> {zoomed} days)"
        );

        // Set the field's value directly; typing into it is the jump test below.
        app.jump_to("2023-11-15").await;
        let span = wait_for_span_change(&app, zoomed).await;
        assert!(
            span < 800,
            "jump to date should zoom near a year, shows {span} days"
        );

        let before_panel = view_range(&app).await;
        // The label is what a user clicks.
        app.click_still(&format!("{WOODSIDE} span.label")).await;
        app.wait_for("[data-testid=detail-panel]:not([hidden])")
            .await;
        // The panel narrows the timeline; what the view covers (and "current view" exports)
        // stays the same.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            view_range(&app).await,
            before_panel,
            "opening the detail panel must not change the range the view covers"
        );
        let title = app
            .wait_for("[data-testid=detail-title]")
            .await
            .text()
            .await
            .expect("title");
        assert!(
            title.contains("Woodside"),
            "the panel should show the Woodside summit, shows {title:?}"
        );
        let date = app
            .wait_for("[data-testid=detail-date]")
            .await
            .text()
            .await
            .expect("date");
        assert_eq!(
            date, "15 November 2023",
            "the date is written at day precision"
        );
        let href = app.attr("a[data-testid=source-link]", "href").await;
        assert!(
            href.starts_with("https://") || href.starts_with("http://"),
            "source link {href:?}"
        );

        app.quit().await;
    })
    .await
    .expect("the end-to-end test finished within its time limit");
}

#[tokio::test]
async fn the_window_reopens_at_the_size_the_user_left_it() {
    tokio::time::timeout(Duration::from_secs(120), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        app.client
            .set_window_size(1000, 640)
            .await
            .expect("resize the window");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (w, h) = app.client.get_window_size().await.expect("window size");
        app.quit().await;

        let app = App::launch(&profile).await;
        let reopened = app.client.get_window_size().await.expect("window size");
        assert_eq!(reopened, (w, h), "the window should reopen at {w}x{h}");
        assert_ne!(reopened, (1280, 800), "not at the default size");
        app.quit().await;
    })
    .await
    .expect("finished within its time limit");
}

#[tokio::test]
async fn jump_to_date_reads_a_typed_month_and_shows_that_month() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        let input = app.wait_for("[data-testid=jump-date]").await;
        input.send_keys("Feb 1972").await.expect("type a month");
        assert_eq!(
            app.text("[data-testid=jump-understood]").await,
            "→ February 1972",
            "the field should say what it understood before jumping"
        );
        input
            .send_keys(&char::from(fantoccini::key::Key::Enter).to_string())
            .await
            .expect("press Enter");
        let mut range = (String::new(), String::new());
        for _ in 0..50 {
            range = (
                app.attr("[data-testid=timeline]", "data-from").await,
                app.attr("[data-testid=timeline]", "data-to").await,
            );
            if range.0.starts_with("1972") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(
            range,
            ("1972-02-01".to_owned(), "1972-02-29".to_owned()),
            "a typed month should show that month, whole"
        );
        app.wait_for("div.event[data-event-id='1972-02-21-nixon-visits-china']")
            .await;
        app.quit().await;
    })
    .await
    .expect("finished within its time limit");
}

/// Types a date into "Jump to date" and presses Go, then waits for `shown` to be drawn.
async fn jump(app: &App, date: &str, shown: &str) {
    let input = app.wait_for("[data-testid=jump-date]").await;
    input.clear().await.expect("clear the jump field");
    input.send_keys(date).await.expect("type a date");
    app.click("[data-testid=jump-go]").await;
    app.wait_for(shown).await;
}

/// The ids of the events drawn with a label.
async fn drawn_ids(app: &App) -> Vec<String> {
    let mut ids = Vec::new();
    for g in app
        .client
        .find_all(Locator::Css("div.event"))
        .await
        .expect("events")
    {
        if let Some(id) = g.attr("data-event-id").await.expect("id") {
            ids.push(id);
        }
    }
    ids.sort();
    ids
}

async fn wait_range_change(app: &App, before: &(String, String)) -> (String, String) {
    for _ in 0..50 {
        let now = view_range(app).await;
        if &now != before {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    before.clone()
}

/// From now on, each time the timeline's labels change: the view drawn (its first and last
/// day and its width) and, for each labelled event, its lane (the box's top) and
/// where its label is anchored.
const RECORD_PLACES: &str = "
    const draws = (window.__draws = []);
    const root = document.querySelector('[data-testid=timeline]');
    const labels = document.querySelector('.labels');
    new MutationObserver(() => {
        const places = {};
        for (const box of labels.querySelectorAll('div.event')) {
            const label = box.querySelector('span.label');
            const left = parseFloat(box.style.left), width = parseFloat(box.style.width);
            const anchor = label?.dataset.anchor;
            const at = anchor === 'end' ? left + width - parseFloat(label.style.right) : left + parseFloat(label?.style.left);
            places[box.dataset.eventId] = [box.style.top, Math.round(at), anchor].join(' ');
        }
        const view = [root.dataset.from, root.dataset.to, labels.style.width].join(' ');
        draws.push({ view, places });
    }).observe(labels, { subtree: true, childList: true, attributes: true, characterData: true });
";

#[tokio::test]
async fn a_label_drawn_at_a_jump_stays_in_place_when_the_events_of_the_new_view_arrive() {
    tokio::time::timeout(Duration::from_secs(120), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        app.wait_for("div.event").await;
        app.client
            .execute(RECORD_PLACES, vec![])
            .await
            .expect("watch the labels");
        // The jump draws at once from the events already loaded, then again when the
        // events of the new view arrive.
        app.jump_to("2023-11-15").await;
        app.wait_still(&format!("{WOODSIDE} span.label")).await;
        let draws = app
            .client
            .execute("return window.__draws;", vec![])
            .await
            .expect("read the draws");
        let draws = draws.as_array().expect("a list of draws");
        // Only the draws of the view the jump ended on: the app may have drawn the view
        // before (its first events arriving, the window taking its size) after the watch began.
        let view = &draws.last().expect("the timeline was drawn")["view"];
        let here: Vec<&serde_json::Map<String, serde_json::Value>> = draws
            .iter()
            .filter(|d| &d["view"] == view)
            .filter_map(|d| d["places"].as_object())
            .collect();
        let (first, last) = (here[0], here[here.len() - 1]);
        assert!(
            here.len() > 1 && first.contains_key("2023-11-15-woodside-summit"),
            "the jump draws Woodside at once and the view again when its events arrive \
             ({} draws of {view})",
            here.len()
        );
        let moved: Vec<String> = first
            .iter()
            .filter_map(|(id, place)| {
                let now = last.get(id)?;
                (now != place).then(|| format!("{id}: {place} -> {now}"))
            })
            .collect();
        assert!(
            moved.is_empty(),
            "labels drawn at the jump moved when its events arrived: {moved:#?}"
        );
        app.quit().await;
    })
    .await
    .expect("finished within its time limit");
}

#[tokio::test]
async fn woodside_reads_whole_at_day_zoom_and_the_panel_leaves_the_range_alone() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        app.click("[data-testid=fit-all]").await;
        let whole = view_range(&app).await;

        // Labels use the room there is: a week around 15 Nov 2023 has both summit-week
        // events with their titles uncut.
        jump(&app, "15 Nov 2023", WOODSIDE).await;
        for (id, title) in [
            (
                "2023-11-15-woodside-summit",
                "Biden and Xi meet at Woodside, agree to curb fentanyl and restore military talks",
            ),
            (
                "2023-11-14-sunnylands-climate-statement",
                "US and China issue Sunnylands Statement on climate cooperation",
            ),
        ] {
            let label = app
                .text(&format!("div.event[data-event-id='{id}'] span.label"))
                .await;
            assert_eq!(label, title, "{id} should be drawn whole, not cut");
        }

        // The detail panel narrows the timeline but not what it covers.
        let week = view_range(&app).await;
        app.click(&format!("{WOODSIDE} span.label")).await;
        app.wait_for("[data-testid=detail-panel]:not([hidden])")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(view_range(&app).await, week, "the panel kept the range");

        // Fit all with the panel open, then Esc: the whole range, as without the panel.
        app.click("[data-testid=fit-all]").await;
        let fitted = wait_range_change(&app, &week).await;
        assert_eq!(
            fitted, whole,
            "Fit all with the panel open fits the same range"
        );
        let escape: char = fantoccini::key::Key::Escape.into();
        let keys = fantoccini::actions::KeyActions::new("keyboard".into())
            .then(fantoccini::actions::KeyAction::Down { value: escape })
            .then(fantoccini::actions::KeyAction::Up { value: escape });
        app.client.perform_actions(keys).await.expect("press Esc");
        let _ = app.client.release_actions().await;
        app.wait_for("[data-testid=detail-panel][hidden]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            view_range(&app).await,
            whole,
            "closing the panel leaves the range Fit all showed"
        );
        app.quit().await;
    })
    .await
    .expect("finished within its time limit");
}

#[tokio::test]
async fn a_link_is_drawn_as_an_arrow_and_show_thread_filters_the_view_to_its_chain() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        let nixon = "div.event[data-event-id='1972-02-21-nixon-visits-china']";
        jump(&app, "Feb 1972", nixon).await;
        // The Shanghai Communiqué is part of Nixon's visit: both on screen, one arrow.
        app.wait_for(
            "path.link-arrow[data-from='1972-02-28-shanghai-communique'][data-to='1972-02-21-nixon-visits-china']",
        )
        .await;

        app.click(&format!("{nixon} span.label")).await;
        app.click("[data-testid=show-thread]:not([hidden])").await;
        app.wait_for("[data-testid=timeline][data-filtered='true']")
            .await;
        // Fit all fits the thread, not the whole dataset.
        app.click("[data-testid=fit-all]").await;
        let mut range = view_range(&app).await;
        for _ in 0..50 {
            if range.0.starts_with("1972") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            range = view_range(&app).await;
        }
        assert!(
            range.0.starts_with("1972") && range.1.starts_with("1972"),
            "Fit all with the thread shown should fit its weeks of 1972, shows {range:?}"
        );
        let mut ids = drawn_ids(&app).await;
        for _ in 0..50 {
            if ids.len() == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            ids = drawn_ids(&app).await;
        }
        assert_eq!(
            ids,
            [
                "1972-02-21-nixon-visits-china",
                "1972-02-28-shanghai-communique"
            ],
            "the thread holds the visit and the communiqué, nothing else"
        );
        app.quit().await;
    })
    .await
    .expect("finished within its time limit");
}

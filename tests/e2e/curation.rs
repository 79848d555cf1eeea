//! Browse and curate in the real app: add an event through the form, find it again after a
//! restart, edit it, undo the edit, delete it; and user text that looks like HTML stays text.

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::Locator;

use crate::harness::{App, Profile};

/// A word no shipped event contains, so that search finds only ours.
const WORD: &str = "Xylocarpa";
const XSS: &str = "<img src=x onerror=alert(1)>";

/// Waits until the element's text is `expected`; returns what it last said.
async fn wait_text(app: &App, css: &str, expected: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(element) = app.client.find(Locator::Css(css)).await {
            last = element.text().await.unwrap_or_default();
            if last == expected {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

async fn value(app: &App, css: &str) -> String {
    app.wait_for(css)
        .await
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default()
}

async fn choose(app: &App, select_css: &str, option: &str) {
    app.wait_for(select_css)
        .await
        .select_by_value(option)
        .await
        .unwrap_or_else(|e| panic!("choosing {option} in {select_css}: {e}"));
    assert_eq!(
        value(app, select_css).await,
        option,
        "the select {select_css} should show the option chosen"
    );
}

/// Opens the form with the New event button and fills what every event needs.
async fn start_new_event(app: &App, title: &str) {
    app.click("[data-testid=new-event]").await;
    app.wait_for("dialog[data-testid=editor][open] [data-field=title]")
        .await;
    app.type_into("[data-field=title]", title).await;
    app.type_into("[data-field=start]", "2021").await;
    choose(app, "[data-field='start.month']", "6").await;
    app.type_into("[data-field='start.day']", "14").await;
    choose(app, "[data-field=kind]", "agreement").await;
}

async fn save_and_wait(app: &App) {
    app.click("[data-testid=editor-save]").await;
    assert!(
        app.wait_gone("dialog[data-testid=editor][open]").await,
        "the form should close after a successful save; it says {:?}",
        app.client
            .find(Locator::Css("dialog[data-testid=editor] .form-error"))
            .await
            .ok()
    );
}

#[tokio::test]
async fn an_event_added_in_the_form_survives_a_restart_is_found_edited_undone_and_deleted() {
    tokio::time::timeout(Duration::from_secs(300), async {
        let profile = Profile::new();
        let title = format!("{WORD} accord signed in Geneva");

        // Add it through the form: a day date, a kind, one actor, one source.
        let app = App::launch(&profile).await;
        app.wait_for("[data-testid=undo]:disabled").await;
        start_new_event(&app, &title).await;
        app.type_into("[data-field='actors.0.name']", "Antony Blinken")
            .await;
        choose(&app, "[data-field='actors.0.side']", "us").await;
        app.type_into(
            "[data-field='sources.0.url']",
            "https://www.example.org/xylocarpa",
        )
        .await;
        assert_eq!(
            value(&app, "[data-field='sources.0.publisher']").await,
            "example.org",
            "typing the URL should fill the empty publisher from its domain"
        );
        app.type_into("[data-field='sources.0.title']", "Accord text")
            .await;
        save_and_wait(&app).await;
        assert_eq!(
            wait_text(&app, "[data-testid=detail-title]", &title).await,
            title,
            "the new event should open in the detail panel"
        );
        assert_eq!(
            app.text("[data-testid=detail-date]").await,
            "14 June 2021",
            "the date is shown at day precision"
        );
        assert_eq!(
            app.text("[data-testid=detail-origin]").await,
            "Added by you"
        );
        // Undo is offered once there is something to undo; redo is not.
        app.wait_for("[data-testid=undo]:not(:disabled)").await;
        app.wait_for("[data-testid=redo]:disabled").await;
        app.quit().await;

        // A restart on the same profile: search finds it, Enter opens it.
        let app = App::launch(&profile).await;
        app.click("[data-testid=search-input]").await;
        app.type_into("[data-testid=search-input]", WORD).await;
        let hit = app.wait_for("[data-testid=search-hit]").await;
        let id = hit
            .attr("data-event-id")
            .await
            .expect("attribute")
            .expect("the hit names its event");
        let hit_text = hit.text().await.expect("hit text");
        assert!(
            hit_text.contains(&title) && hit_text.contains("14 June 2021"),
            "the hit should show the title and the date, shows {hit_text:?}"
        );
        let marked = app.text("[data-testid=search-hit] mark").await;
        assert!(
            marked.eq_ignore_ascii_case(WORD),
            "the matched word should be marked, marked {marked:?}"
        );
        app.type_into("[data-testid=search-input]", "\u{e007}")
            .await;
        assert_eq!(
            wait_text(&app, "[data-testid=detail-title]", &title).await,
            title,
            "Enter on the search hit should open the event after the restart"
        );
        app.wait_for(&format!(
            "div.event[data-event-id='{id}'][aria-current='true']"
        ))
        .await;

        // Edit its title; Ctrl+Enter saves.
        app.click("[data-testid=edit-event]").await;
        let field = "dialog[data-testid=editor][open] [data-field=title]";
        assert_eq!(value(&app, field).await, title, "the form opens filled in");
        let edited = format!("{WORD} accord revised");
        // WebKitWebDriver's Element Send Keys ignores the NULL key (modifiers stay down), so
        // shortcuts go through Perform Actions: Ctrl+A selects the title, typing replaces it.
        app.click(field).await;
        app.ctrl('a').await;
        app.type_into(field, &edited).await;
        assert_eq!(
            value(&app, field).await,
            edited,
            "the title field holds the new title"
        );
        app.ctrl(Key::Enter.into()).await;
        assert!(
            app.wait_gone("dialog[data-testid=editor][open]").await,
            "Ctrl+Enter should save and close the form"
        );
        assert_eq!(
            wait_text(&app, "[data-testid=detail-title]", &edited).await,
            edited,
            "the panel should show the edited title"
        );

        // Ctrl+Z undoes the edit.
        app.ctrl('z').await;
        assert_eq!(
            wait_text(&app, "[data-testid=detail-title]", &title).await,
            title,
            "Ctrl+Z should bring the old title back"
        );
        let toast = app.text("[data-testid=toast]").await;
        assert!(
            toast.contains("Undid"),
            "a toast says what happened: {toast:?}"
        );

        // Delete, confirming in the dialog: it is gone from the panel, the timeline and search.
        app.click("[data-testid=delete-event]").await;
        let message = app
            .text("dialog[data-testid=confirm-dialog][open] .confirm-message")
            .await;
        assert!(
            message.contains(&title),
            "the confirmation names the event: {message:?}"
        );
        app.click("[data-testid=confirm-accept]").await;
        app.wait_for("[data-testid=detail-panel][hidden]").await;
        assert!(
            app.wait_gone(&format!("div.event[data-event-id='{id}']"))
                .await,
            "the deleted event should leave the timeline"
        );
        let toast = app.text("[data-testid=toast]").await;
        assert!(
            toast.starts_with("Deleted"),
            "the toast confirms: {toast:?}"
        );
        app.click("[data-testid=search-input]").await;
        let status = wait_text(
            &app,
            "[data-testid=search-status]",
            &format!("No events match “{WORD}”."),
        )
        .await;
        assert_eq!(
            status,
            format!("No events match “{WORD}”."),
            "search should no longer find the deleted event"
        );

        app.quit().await;
    })
    .await
    .expect("the end-to-end test finished within its time limit");
}

#[tokio::test]
async fn a_title_written_as_html_is_shown_as_text() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;

        start_new_event(&app, XSS).await;
        save_and_wait(&app).await;
        assert_eq!(
            wait_text(&app, "[data-testid=detail-title]", XSS).await,
            XSS,
            "the detail panel should show the title literally"
        );
        let label = app
            .wait_for("div.event[aria-current='true'] span.label")
            .await
            .text()
            .await
            .expect("label");
        assert_eq!(label, XSS, "the timeline label shows the title literally");
        let images = app
            .client
            .find_all(Locator::Css("img"))
            .await
            .expect("query");
        assert!(
            images.is_empty(),
            "no <img> element may come from an event's title"
        );
        assert!(
            app.client.get_alert_text().await.is_err(),
            "no script ran from the title"
        );

        app.quit().await;
    })
    .await
    .expect("the end-to-end test finished within its time limit");
}

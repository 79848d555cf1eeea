//! File ▸ New from article… in the real app: open the seed article through the system's file
//! dialog, anchor it on the day of the story's last update, check that relative dates resolve
//! against it, accept two candidates and add them; one undo takes both back and redo returns
//! them; after a restart both are found with their quotes and the article as their source.

use std::path::Path;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::harness::{App, Profile};
use crate::native_dialogs::{choose_file, file_menu, wait_text_containing};

/// A word no shipped event contains: the article's host, so its publisher, so search finds
/// exactly the events that cite it.
const WORD: &str = "Zyzzogeton";
const ARTICLE_URL: &str = "https://www.zyzzogeton.example/2024/01/30/xi-election-assurance";

fn seed_article() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed-article.txt"
    ))
}

/// Runs `script` in the page and returns its value.
async fn js(app: &App, script: &str, args: Vec<Value>) -> Value {
    app.client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Presses Ctrl + Shift + `key`, as the keyboard would.
async fn ctrl_shift(app: &App, key: char) {
    let (control, shift): (char, char) = (Key::Control.into(), Key::Shift.into());
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: control })
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: shift })
        .then(KeyAction::Up { value: control });
    app.client.perform_actions(keys).await.expect("key presses");
    let _ = app.client.release_actions().await;
}

/// The marked expressions: their text and resolved value.
async fn marks(app: &App) -> Vec<(String, String)> {
    let found = js(
        app,
        "return Array.from(document.querySelectorAll('[data-testid=timex][data-first]'))\
         .map(m => [m.textContent, m.dataset.value]);",
        vec![],
    )
    .await;
    serde_json::from_value(found).expect("pairs of text and value")
}

/// The value the expression containing `words` resolved to.
fn value_of(marks: &[(String, String)], words: &str) -> String {
    marks
        .iter()
        .find(|(text, _)| text.to_lowercase().contains(&words.to_lowercase()))
        .map(|(_, value)| value.clone())
        .unwrap_or_else(|| panic!("no marked expression holds {words:?}; marked: {marks:?}"))
}

/// The titles of the search hits for `WORD`, once they number `count`.
async fn hits(app: &App, count: usize) -> Vec<String> {
    let input = app.wait_for("[data-testid=search-input]").await;
    input.clear().await.expect("clear the search box");
    input.send_keys(WORD).await.expect("type the search");
    let mut titles = Vec::new();
    for _ in 0..100 {
        let found = js(
            app,
            "return Array.from(document.querySelectorAll('[data-testid=search-hit]'))\
             .map(h => h.dataset.eventId);",
            vec![],
        )
        .await;
        let ids: Vec<String> = serde_json::from_value(found).unwrap_or_default();
        let status = app
            .client
            .find(Locator::Css("[data-testid=search-status]"))
            .await
            .ok();
        let status = match status {
            Some(s) => s.text().await.unwrap_or_default(),
            None => String::new(),
        };
        if ids.len() == count && (count > 0 || status.starts_with("No events match")) {
            let found = js(
                app,
                "return Array.from(document.querySelectorAll('[data-testid=search-hit]'))\
                 .map(h => h.textContent);",
                vec![],
            )
            .await;
            titles = serde_json::from_value(found).unwrap_or_default();
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        titles.len(),
        count,
        "searching {WORD:?} (the article's publisher) should find {count} events, found {titles:?}"
    );
    titles
}

/// What one accepted candidate should become.
#[derive(Debug, Clone)]
struct Accepted {
    title: String,
    quote: String,
}

#[tokio::test]
async fn events_from_the_seed_article_are_added_undone_redone_and_found_after_a_restart() {
    tokio::time::timeout(Duration::from_secs(300), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;

        // Ctrl+Shift+N opens the dialog; Esc closes it (nothing typed yet).
        app.click("[data-testid=search-input]").await;
        ctrl_shift(&app, 'N').await;
        app.wait_for("dialog[data-testid=article-dialog][open] [data-testid=article-textarea]")
            .await;
        app.click("[data-testid=article-cancel]").await;
        app.wait_for("dialog[data-testid=article-dialog]:not([open])")
            .await;

        // File ▸ New from article…, Open file… through the system's dialog.
        file_menu(&app, "menu-article").await;
        app.click("[data-testid=article-open-file]").await;
        choose_file(
            &app,
            "Open article",
            seed_article(),
            true,
            "[data-testid=article-file-name]",
        )
        .await;
        let text: String = serde_json::from_value(
            js(
                &app,
                "return document.querySelector('[data-testid=article-textarea]').value;",
                vec![],
            )
            .await,
        )
        .expect("text");
        assert!(
            text.contains("Wray told lawmakers"),
            "the article's text is in the dialog"
        );
        app.wait_for("[data-testid=article-url]")
            .await
            .send_keys(ARTICLE_URL)
            .await
            .expect("type the address");
        app.click("[data-testid=article-find]").await;
        app.wait_for("[data-testid=article-anchor]").await;

        // The page's own date and where it comes from; the CNN story it re-posts.
        let line = app.text("[data-testid=article-anchor-line]").await;
        assert!(
            line.contains("Thu 18 Apr 2024") && line.contains("Thursday, April 18, 2024"),
            "the anchor is the page's date line: {line:?}"
        );
        assert!(
            line.contains("CNN"),
            "the dialog says the text reports CNN's story: {line:?}"
        );

        // Anchor on the day of the story's last update: every date is read again.
        js(
            &app,
            "const i = document.querySelector('[data-testid=article-anchor]'); \
             i.value = arguments[0]; i.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!("2024-01-31")],
        )
        .await;
        let day = wait_text_containing(&app, "[data-testid=article-anchor-day]", "Wed 31 Jan 2024")
            .await;
        assert_eq!(day, "Wed 31 Jan 2024", "the anchor changed");
        app.wait_for("[data-testid=article-add]").await;
        // The reading is done when the hint is back.
        wait_text_containing(&app, ".anchor-field .form-hint", "Change it").await;
        let marked = marks(&app).await;
        for (words, value) in [
            ("Monday", "2024-01-29"),
            ("Wednesday", "2024-01-31"),
            ("last June", "2023-06"),
            ("November", "2023-11"),
            ("December", "2023-12"),
            ("Last week", "2024-W04"),
        ] {
            assert_eq!(
                value_of(&marked, words),
                value,
                "{words:?} anchored on 2024-01-31"
            );
        }
        // A marked expression says what it resolved to, on keyboard focus too.
        js(
            &app,
            "Array.from(document.querySelectorAll('[data-testid=timex]'))\
             .find(m => m.textContent.includes('Monday')).focus();",
            vec![],
        )
        .await;
        let tip = wait_text_containing(&app, "[data-testid=article-tip]", "Mon 29 Jan 2024").await;
        assert!(
            tip.contains("Monday → Mon 29 Jan 2024"),
            "the tip reads {tip:?}"
        );

        // Accept the first two candidates, each as a new event.
        let cards = app
            .client
            .find_all(Locator::Css("[data-testid=candidate]"))
            .await
            .expect("cards");
        assert!(
            cards.len() >= 2,
            "the seed article should give at least two candidates, gave {}",
            cards.len()
        );
        let mut accepted = Vec::new();
        for card in cards.iter().take(2) {
            if let Ok(as_new) = card
                .find(Locator::Css("[data-testid=candidate-as-new]"))
                .await
            {
                as_new.click().await.expect("add as a new event");
            }
            let title = card
                .find(Locator::Css("[data-testid=candidate-title]"))
                .await
                .expect("a title")
                .text()
                .await
                .expect("title text");
            let quote: String = serde_json::from_value(
                app.client
                    .execute(
                        "return arguments[0].querySelector('[data-testid=candidate-quote]').textContent;",
                        vec![serde_json::to_value(card).expect("element")],
                    )
                    .await
                    .expect("quote"),
            )
            .expect("quote text");
            card.find(Locator::Css("[data-testid=candidate-accept]"))
                .await
                .expect("accept button")
                .click()
                .await
                .expect("accept");
            accepted.push(Accepted {
                title: title.trim().to_owned(),
                quote: quote.trim().to_owned(),
            });
        }
        assert_eq!(
            app.text("[data-testid=article-add]").await,
            "Add 2 events",
            "the button says what will be added"
        );
        app.click("[data-testid=article-add]").await;
        app.wait_for("dialog[data-testid=article-dialog]:not([open])")
            .await;
        let toast = wait_text_containing(&app, "[data-testid=toast]", "Added").await;
        assert!(
            toast.contains("Added 2 events from the article"),
            "the toast says what was added: {toast:?}"
        );
        hits(&app, 2).await;

        // One undo (Ctrl+Z, away from the search box) takes both back; redo returns them.
        js(
            &app,
            "document.activeElement.blur(); document.querySelector('[data-testid=timeline]').focus();",
            vec![],
        )
        .await;
        app.ctrl('z').await;
        let toast = wait_text_containing(&app, "[data-testid=toast]", "Undid").await;
        assert!(
            toast.contains("from the article"),
            "the toast says the article's additions were undone: {toast:?}"
        );
        hits(&app, 0).await;
        app.click("[data-testid=redo]").await;
        wait_text_containing(&app, "[data-testid=toast]", "Redid").await;
        hits(&app, 2).await;
        app.quit().await;

        // After a restart both are there, each with its quote and the article as its source.
        let app = App::launch(&profile).await;
        for want in &accepted {
            let after = hits(&app, 2).await;
            assert!(
                after.iter().any(|hit| hit.contains(&want.title)),
                "{:?} should be found after the restart among {after:?}",
                want.title
            );
            let mut opened = false;
            for hit in app
                .client
                .find_all(Locator::Css("[data-testid=search-hit]"))
                .await
                .expect("hits")
            {
                if hit.text().await.unwrap_or_default().contains(&want.title) {
                    hit.click().await.expect("open the hit");
                    opened = true;
                    break;
                }
            }
            assert!(opened, "a hit for {:?}", want.title);
            let title = wait_text_containing(&app, "[data-testid=detail-title]", &want.title).await;
            assert_eq!(title, want.title);
            assert_eq!(
                app.attr("[data-testid=detail-panel] .source-link", "href")
                    .await,
                ARTICLE_URL,
                "the article is the event's source"
            );
            let quote: String = serde_json::from_value(
                js(
                    &app,
                    "return document.querySelector('[data-testid=detail-panel] .source-quote').textContent;",
                    vec![],
                )
                .await,
            )
            .expect("quote");
            assert_eq!(quote.trim(), want.quote, "the quote is the sentence");
        }
        app.quit().await;
    })
    .await
    .expect("the end-to-end test finished within its time limit");
}

//! Reading the chronology in Chinese, and seeing how well each event is attested: the Titles
//! setting, a search typed in Chinese, and the verification badge, in the real app.

use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{App, Profile};

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

async fn texts(app: &App, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in app.client.find_all(Locator::Css(css)).await.expect("find") {
        out.push(element.text().await.unwrap_or_default());
    }
    out
}

#[tokio::test]
async fn titles_switch_to_chinese_and_a_chinese_search_opens_a_verified_event() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        app.wait_for("div.event span.label").await;
        assert!(
            !texts(&app, "div.event span.label")
                .await
                .iter()
                .any(|t| has_han(t)),
            "labels start in English"
        );

        // The Titles setting, as a user picks it from the menu.
        app.client
            .execute(
                "const s = document.querySelector('[data-testid=title-language]'); \
                 s.value = 'zh'; s.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![],
            )
            .await
            .expect("choose Chinese titles");
        let mut chinese = 0;
        for _ in 0..50 {
            chinese = texts(&app, "div.event span.label")
                .await
                .iter()
                .filter(|t| has_han(t))
                .count();
            if chinese > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(chinese > 0, "the timeline's labels should turn Chinese");

        // A two-character name, typed in Chinese, finds the events that carry it.
        let input = app.wait_for("[data-testid=search-input]").await;
        input.send_keys("拜登").await.expect("type the search");
        let hit = app.wait_for("[data-testid=search-hit]").await;
        let hit_title = hit.text().await.expect("hit text");
        assert!(
            has_han(&hit_title),
            "the hit shows its Chinese title: {hit_title:?}"
        );
        hit.click().await.expect("open the hit");
        app.wait_for("[data-testid=detail-panel]:not([hidden])")
            .await;
        let title = app.text("[data-testid=detail-title]").await;
        let second = app.text("[data-testid=detail-title-second]").await;
        assert!(has_han(&title), "the panel's title is Chinese: {title:?}");
        assert!(
            !second.is_empty() && !has_han(&second),
            "the English title follows: {second:?}"
        );
        let badge = app.text("[data-testid=detail-verification]").await;
        assert!(
            ["Corroborated", "Single source", "Disputed"].contains(&badge.as_str()),
            "every shipped event is sourced, and says how well: {badge:?}"
        );

        // The choice is kept across a restart.
        app.quit().await;
        let app = App::launch(&profile).await;
        app.wait_for("div.event span.label").await;
        let chosen = app
            .client
            .execute(
                "return document.querySelector('[data-testid=title-language]').value",
                vec![],
            )
            .await
            .expect("value");
        assert_eq!(chosen, "zh");
        app.quit().await;
    })
    .await
    .expect("the end-to-end test finished within its time limit");
}

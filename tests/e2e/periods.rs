//! The user's periods: next to the shipped eras, a period added through its dialog is drawn
//! in a band of its own with its name, and Undo takes it away again.

use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{App, Profile};

const USER_BAND: &str = "g.era-strip[data-group='user_periods'] g.era[data-period-id]";

/// The texts of every element matching `css`, once at least one has `expected`, or the last
/// seen after about ten seconds.
async fn texts_when(app: &App, css: &str, expected: &str) -> Vec<String> {
    let mut last = Vec::new();
    for _ in 0..100 {
        let found = app.client.find_all(Locator::Css(css)).await.expect("query");
        last.clear();
        for element in found {
            last.push(element.text().await.unwrap_or_default());
        }
        if last.iter().any(|t| t == expected) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

#[tokio::test]
async fn a_period_added_in_its_dialog_is_drawn_beside_the_eras_and_undo_removes_it() {
    tokio::time::timeout(Duration::from_secs(240), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;

        // The shipped eras are drawn: the US administrations' strip names Richard Nixon.
        let shipped = texts_when(
            &app,
            "g.era-strip[data-group='us_administration'] g.era text",
            "Richard Nixon",
        )
        .await;
        assert!(
            shipped.iter().any(|t| t == "Richard Nixon"),
            "the shipped era band should name the administrations: {shipped:?}"
        );
        assert!(
            app.client
                .find_all(Locator::Css(USER_BAND))
                .await
                .expect("query")
                .is_empty(),
            "a new profile has no periods of its own"
        );

        // Eras → Add period…: a name, a year and a month typed as people write them.
        app.click("[data-testid=add-period]").await;
        app.wait_for("dialog[data-testid=period-dialog][open]")
            .await;
        app.type_into("[data-field='name']", "Xylocarpa years")
            .await;
        app.type_into("[data-field='start']", "1990").await;
        app.type_into("[data-field='end']", "Dec 2005").await;
        app.click("[data-testid=period-save]").await;
        let closed = app
            .wait_gone("dialog[data-testid=period-dialog][open]")
            .await;
        let mut errors = Vec::new();
        for e in app
            .client
            .find_all(Locator::Css(
                "dialog[data-testid=period-dialog] .form-error",
            ))
            .await
            .expect("query")
        {
            errors.push(e.text().await.unwrap_or_default());
        }
        assert!(
            closed,
            "the dialog should close after a successful save; it says {errors:?}"
        );

        let drawn = texts_when(&app, &format!("{USER_BAND} text"), "Xylocarpa years").await;
        assert_eq!(
            drawn,
            ["Xylocarpa years"],
            "the new period should be drawn in its own band, named"
        );
        let label = app.attr(USER_BAND, "aria-label").await;
        assert!(
            label.contains("1990 to 2005-12"),
            "the band keeps the precision typed: {label:?}"
        );
        let toast = app.text("[data-testid=toast]").await;
        assert!(
            toast.contains("Added the period"),
            "a toast says so: {toast:?}"
        );

        // A click on the band opens the period in its dialog; Cancel leaves it as it was.
        app.click(&format!("{USER_BAND} rect")).await;
        app.wait_for("dialog[data-testid=period-dialog][open]")
            .await;
        let name = app
            .wait_for("dialog[data-testid=period-dialog] [data-field='name']")
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default();
        assert_eq!(
            name, "Xylocarpa years",
            "the dialog edits the period clicked"
        );
        app.click("[data-testid=period-cancel]").await;
        assert!(
            app.wait_gone("dialog[data-testid=period-dialog][open]")
                .await
        );

        // The toolbar's Undo takes it back.
        app.click("[data-testid=undo]:not(:disabled)").await;
        assert!(
            app.wait_gone(USER_BAND).await,
            "undo should remove the period's band"
        );
        app.quit().await;
    })
    .await
    .expect("the test finished in time");
}

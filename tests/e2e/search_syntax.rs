//! The search box's syntax in the real app: a refused query says why under the box, and a
//! prefix with an exclusion lists only events of that kind.

use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{App, Profile};
use crate::native_dialogs::wait_text_containing;

const ESCAPE: &str = "\u{e00c}";

#[tokio::test]
async fn a_refused_search_says_why_and_a_kind_prefix_lists_that_kind() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let app = App::launch(&profile).await;
        app.wait_for("div.event").await;

        let input = app.wait_for("[data-testid=search-input]").await;
        input
            .send_keys("kind:parade")
            .await
            .expect("type the search");
        let status = app.wait_for("[data-testid=search-status].refused").await;
        let reason = status.text().await.expect("status text");
        assert!(
            reason.contains("unknown kind \"parade\"; kinds are summit, meeting"),
            "the core's reason is shown under the box: {reason:?}"
        );
        assert!(
            app.client
                .find_all(Locator::Css("[data-testid=search-hit]"))
                .await
                .expect("find hits")
                .is_empty(),
            "a refused search lists nothing"
        );

        // Esc closes the list, a second Esc empties the box.
        input.send_keys(ESCAPE).await.expect("close");
        input.send_keys(ESCAPE).await.expect("clear");
        input
            .send_keys("kind:\"Summit\" -biden")
            .await
            .expect("type the search");
        let status = wait_text_containing(&app, "[data-testid=search-status]", "events").await;
        assert!(
            !status.contains("Cannot search"),
            "the query is accepted: {status:?}"
        );
        let mut kinds = Vec::new();
        for hit in app
            .client
            .find_all(Locator::Css("[data-testid=search-hit] .hit-kind"))
            .await
            .expect("find hits")
        {
            kinds.push(hit.text().await.expect("kind text"));
        }
        assert!(!kinds.is_empty(), "summits without Biden are listed");
        assert!(
            kinds.iter().all(|k| k == "Summit"),
            "only summits: {kinds:?}"
        );
        app.quit().await;
    })
    .await
    .expect("the end-to-end test finished within its time limit");
}

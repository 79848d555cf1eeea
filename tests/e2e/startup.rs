use std::time::Duration;

use crate::harness::{App, Profile};

#[tokio::test]
async fn a_database_it_cannot_open_gets_a_window_that_says_why_and_is_left_untouched() {
    tokio::time::timeout(Duration::from_secs(180), async {
        let profile = Profile::new();
        let path = profile.path("bilateral.db");
        let notes = "Meeting notes, not a database.\n".repeat(50);
        std::fs::write(&path, &notes).expect("write a file that is not a database");

        let app = App::launch(&profile).await;
        app.wait_for("[data-testid=startup-problem]").await;
        let message = app.text("[data-testid=startup-message]").await;
        assert!(
            message.contains("not a Bilateral database"),
            "the window says what is wrong in plain words: {message}"
        );
        for button in ["startup-open", "startup-create", "startup-quit"] {
            app.wait_for(&format!("[data-testid={button}]")).await;
        }
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            notes,
            "the file the app could not open is untouched"
        );
        app.quit().await;
    })
    .await
    .expect("the test finished in time");
}

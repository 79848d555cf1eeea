//! The pictures and documents the app exports carry their words: a PNG of the view has its
//! title, legend and labels drawn (text that no font can draw vanishes silently from a
//! rasterised picture), and the PDF's text reads back with `pdftotext` (poppler-utils).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use resvg::tiny_skia::Pixmap;

use crate::harness::{App, Profile};
use crate::native_dialogs::{choose_file, file_menu, wait_text_containing};

/// Pixels dark and grey enough to be the ink of text (the kinds' colours are brighter or
/// saturated), inside rows `rows`.
fn ink(pixmap: &Pixmap, rows: std::ops::Range<u32>) -> usize {
    let width = pixmap.width() as usize;
    pixmap
        .pixels()
        .iter()
        .enumerate()
        .filter(|(i, _)| rows.contains(&u32::try_from(i / width).unwrap_or(u32::MAX)))
        .filter(|(_, p)| {
            let (r, g, b) = (p.red(), p.green(), p.blue());
            r.max(g).max(b) < 120 && r.max(g).max(b) - r.min(g).min(b) < 30
        })
        .count()
}

/// File → Export…, the given format, the current view, saved to `target`.
async fn export_view(app: &App, format: &str, target: &Path) {
    file_menu(app, "menu-export").await;
    app.wait_for("dialog[data-testid=export-dialog][open]")
        .await;
    app.click(&format!("[data-testid=export-format-{format}]"))
        .await;
    app.click("[data-testid=export-scope-view]").await;
    app.click("[data-testid=export-submit]").await;
    choose_file(
        app,
        "Export timeline",
        target,
        false,
        "[data-testid=toast]:not([hidden])",
    )
    .await;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a file name");
    let toast = wait_text_containing(app, "[data-testid=toast]", name).await;
    assert!(toast.contains(name), "the toast names the file: {toast:?}");
    // The next export's toast must be told from this one.
    app.client
        .execute(
            "document.querySelector('[data-testid=toast]').hidden = true;",
            vec![],
        )
        .await
        .expect("hide the toast");
}

#[tokio::test]
async fn the_png_of_the_view_has_its_words_drawn_and_the_pdf_reads_back_as_text() {
    tokio::time::timeout(Duration::from_secs(240), async {
        let profile = Profile::new();
        let out = tempfile::tempdir().expect("a temp dir for the exports");
        let app = App::launch(&profile).await;

        // A year around the Woodside summit, so both files hold it.
        app.jump_to("2023-11-15").await;
        app.wait_for("g.event[data-event-id='2023-11-15-woodside-summit']")
            .await;

        let png = out.path().join("view.png");
        export_view(&app, "png", &png).await;
        let bytes = std::fs::read(&png)
            .unwrap_or_else(|e| panic!("the PNG should be at {}: {e}", png.display()));
        let picture = Pixmap::decode_png(&bytes).expect("a readable PNG");
        let height = picture.height();
        assert!(ink(&picture, 8..34) > 100, "the PNG's title is drawn");
        assert!(
            ink(&picture, 40..56) > 40,
            "the PNG's legend names the kinds"
        );
        assert!(
            ink(&picture, 66..height - 40) > 200,
            "the PNG's events carry their labels"
        );

        let pdf = out.path().join("view.pdf");
        export_view(&app, "pdf", &pdf).await;
        let text = Command::new("pdftotext")
            .args([pdf.as_os_str(), "-".as_ref()])
            .output()
            .expect("pdftotext runs (apt package poppler-utils)");
        assert!(text.status.success(), "pdftotext read the PDF");
        let text = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("Biden and Xi meet at Woodside"),
            "the PDF holds the Woodside summit's title as text: {}",
            &text[..text.len().min(400)]
        );
        assert!(
            text.contains("15 November 2023"),
            "the PDF gives the summit's date at its precision"
        );

        app.quit().await;
    })
    .await
    .expect("the export test finished within its time limit");
}

//! The pictures and documents the app exports carry their words and agree with the app: a PNG
//! of the view has its title, legend and labels drawn (text that no font can draw vanishes
//! silently from a rasterised picture), the SVG gives each kind the app's colour and draws
//! ranges as bars, and the PDF's text reads back with `pdftotext` (poppler-utils).

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

/// The SVG's legend: each kind's label and the colour of its swatch (`#rrggbb`).
fn svg_legend(svg: &str) -> Vec<(String, String)> {
    const SWATCH: &str = "width=\"10\" height=\"10\" rx=\"2\" fill=\"";
    svg.split(SWATCH)
        .skip(1)
        .filter_map(|rest| {
            let colour = rest.get(..7)?.to_owned();
            let label = rest.split("<text").nth(1)?.split('>').nth(1)?;
            let label = label.split('<').next()?.to_owned();
            Some((label, colour))
        })
        .collect()
}

/// `#rrggbb` as the browser writes a computed colour: `rgb(r, g, b)`.
fn rgb(hex: &str) -> String {
    let part = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("a hex colour");
    format!("rgb({}, {}, {})", part(1), part(3), part(5))
}

#[tokio::test]
async fn the_png_has_its_words_the_svg_the_apps_colours_and_the_pdf_reads_back_as_text() {
    tokio::time::timeout(Duration::from_secs(240), async {
        let profile = Profile::new();
        let out = tempfile::tempdir().expect("a temp dir for the exports");
        let app = App::launch(&profile).await;

        // A year around the Woodside summit, so both files hold it.
        app.jump_to("2023-11-15").await;
        app.wait_for("div.event[data-event-id='2023-11-15-woodside-summit']")
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

        // The SVG agrees with the app: each kind in the SVG's legend has the colour the app's
        // legend gives it, and events with several days are drawn as bars or spans, not dots.
        let svg_path = out.path().join("view.svg");
        export_view(&app, "svg", &svg_path).await;
        let svg = std::fs::read_to_string(&svg_path).expect("the SVG is text");
        let in_app: serde_json::Value = app
            .client
            .execute(
                "const out = {}; \
                 for (const item of document.querySelectorAll('.legend-kinds li')) { \
                   const swatch = item.querySelector('.swatch'); \
                   out[item.textContent.trim()] = getComputedStyle(swatch).backgroundColor; } \
                 return out;",
                vec![],
            )
            .await
            .expect("the app's legend colours");
        let legend = svg_legend(&svg);
        assert!(
            legend.len() >= 3,
            "the SVG's legend names the kinds in view: {legend:?}"
        );
        for (label, hex) in &legend {
            assert_eq!(
                in_app[label.as_str()].as_str(),
                Some(rgb(hex).as_str()),
                "{label} has the same colour in the SVG as in the app"
            );
        }
        assert!(
            svg.contains("class=\"bar\"") || svg.contains("class=\"span\""),
            "events of several days or a month are drawn as bars or spans"
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

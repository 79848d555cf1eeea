//! The PNG shows the words of the picture: its title, the legend, the axis years and the
//! events' labels, in Latin and in Chinese script. Text that no font can draw vanishes
//! silently from a rasterised picture, so these count the dark pixels where words belong.

use bilateral_core::formats::{self, ExportOptions, Format};
use bilateral_core::Kind;
use resvg::tiny_skia::Pixmap;

use crate::fixtures::event;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 400;

fn options(title: &str) -> ExportOptions {
    ExportOptions {
        title: title.to_owned(),
        width: WIDTH,
        height: HEIGHT,
        ..ExportOptions::default()
    }
}

fn png(events: &[bilateral_core::Event], title: &str) -> Pixmap {
    let bytes = formats::export_to_vec(Format::Png, events, &options(title)).expect("png");
    Pixmap::decode_png(&bytes).expect("a readable PNG")
}

/// Pixels dark and grey enough to be the ink of text (the kinds' colours are brighter or
/// saturated), inside rows `rows`.
fn ink(pixmap: &Pixmap, rows: std::ops::Range<u32>) -> usize {
    let width = pixmap.width();
    pixmap
        .pixels()
        .iter()
        .enumerate()
        .filter(|(i, _)| rows.contains(&(*i as u32 / width)))
        .filter(|(_, p)| {
            let (r, g, b) = (p.red(), p.green(), p.blue());
            r.max(g).max(b) < 120 && r.max(g).max(b) - r.min(g).min(b) < 30
        })
        .count()
}

fn summit(title: &str) -> bilateral_core::Event {
    let mut e = event("s", "1972-02-21", Kind::Summit);
    e.title = title.to_owned();
    e
}

#[test]
fn the_png_draws_its_title_legend_axis_and_labels() {
    let events = [
        summit("Nixon visits China"),
        event("m", "1979-01-01", Kind::Meeting),
    ];
    let picture = png(&events, "US–China relations");
    assert!(ink(&picture, 8..34) > 100, "the title is drawn");
    assert!(
        ink(&picture, 40..56) > 40,
        "the legend's kind names are drawn"
    );
    assert!(
        ink(&picture, HEIGHT - 26..HEIGHT) > 40,
        "the axis years are drawn"
    );
    assert!(
        ink(&picture, 66..HEIGHT - 40) > 100,
        "the events' labels are drawn"
    );
}

#[test]
fn the_png_draws_chinese_titles() {
    let latin_free = [
        summit("尼克松访华"),
        event("m", "1979-01-01", Kind::Meeting),
    ];
    let picture = png(&latin_free, "中美外交大事记");
    assert!(ink(&picture, 8..34) > 100, "the Chinese title is drawn");
    let other = png(
        &[summit("上海公报"), event("m", "1979-01-01", Kind::Meeting)],
        "中美外交大事记",
    );
    let differ = picture
        .pixels()
        .iter()
        .zip(other.pixels())
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        differ > 50,
        "two Chinese event titles give different pictures ({differ} pixels differ)"
    );
}

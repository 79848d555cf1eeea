//! Picture sizes come from `limits.rs` on every path, and an export never leaves a partial
//! file behind, not even one a killed export left.

use std::io::ErrorKind;

use bilateral_core::formats::{self, ExportOptions, Format, Progress};
use bilateral_core::limits::{MAX_IMAGE_SIDE, MIN_IMAGE_HEIGHT, MIN_IMAGE_WIDTH};
use bilateral_core::transfer::{partial_path, write_to_path, ExportRequest};
use bilateral_core::Event;
use bilateral_core::Kind;

use crate::fixtures::event;

/// Writes `events` in `format` to `path` the way every export file is written.
fn write_file(
    format: Format,
    events: &[Event],
    options: &ExportOptions,
    path: &std::path::Path,
) -> bilateral_core::Result<()> {
    write_to_path(path, &|| false, |out| {
        Ok(formats::export(
            format,
            events,
            options,
            out,
            &mut Progress::silent(events.len()),
        ))
    })
}

fn sized(width: u32, height: u32) -> ExportOptions {
    ExportOptions {
        width,
        height,
        ..ExportOptions::default()
    }
}

#[test]
fn the_writers_refuse_a_side_over_the_limit_before_drawing() {
    let events = [event("e", "2020", Kind::Summit)];
    for format in [Format::Svg, Format::Png] {
        for options in [sized(20_000, 20_000), sized(1600, MAX_IMAGE_SIDE + 1)] {
            let err = formats::export_to_vec(format, &events, &options)
                .expect_err("a 20,000-pixel picture is refused");
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{format}: {err}");
            assert!(
                err.to_string().contains(&MAX_IMAGE_SIDE.to_string()),
                "the message gives the limit: {err}"
            );
        }
    }
}

#[test]
fn a_small_request_is_drawn_at_the_minimum_size() {
    let svg = formats::export_to_vec(Format::Svg, &[], &sized(1, 1)).expect("svg");
    let svg = String::from_utf8(svg).expect("utf-8");
    assert!(
        svg.contains(&format!(
            "width=\"{MIN_IMAGE_WIDTH}\" height=\"{MIN_IMAGE_HEIGHT}\""
        )),
        "{}",
        &svg[..200.min(svg.len())]
    );
}

#[test]
fn the_app_request_is_clamped_to_the_same_limits() {
    let request = |width, height| ExportRequest {
        format: "png".into(),
        ids: Vec::new(),
        filter: bilateral_core::Filter::default(),
        width: Some(width),
        height: Some(height),
    };
    let big = request(20_000, 20_000).options();
    assert_eq!((big.width, big.height), (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE));
    let small = request(1, 1).options();
    assert_eq!(
        (small.width, small.height),
        (MIN_IMAGE_WIDTH, MIN_IMAGE_HEIGHT)
    );
}

#[test]
fn a_stale_part_file_left_by_a_killed_export_is_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("timeline.json");
    let partial = partial_path(&target);
    assert_eq!(
        partial.file_name().and_then(|n| n.to_str()),
        Some(".timeline.json.part"),
        "the partial file names the file it becomes"
    );
    // What a kill -9 during an earlier export leaves: an empty `.part`.
    std::fs::write(&partial, b"").expect("stale part");
    let events = [event("e", "2020", Kind::Summit)];
    write_file(Format::Json, &events, &ExportOptions::default(), &target).expect("export");
    assert!(!partial.exists(), "the .part file is gone after the export");
    let written = std::fs::read(&target).expect("target written");
    assert!(written.starts_with(b"{"), "the target holds the export");
}

#[cfg(unix)]
#[test]
fn a_stale_part_that_is_a_link_is_removed_not_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.svg");
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, b"keep me").expect("write");
    std::os::unix::fs::symlink(&elsewhere, partial_path(&target)).expect("symlink");
    write_file(Format::Svg, &[], &ExportOptions::default(), &target).expect("export");
    assert_eq!(std::fs::read(&elsewhere).expect("read"), b"keep me");
    assert!(std::fs::read(&target).expect("read").starts_with(b"<svg"));
}

#[test]
fn a_failed_export_leaves_neither_a_part_nor_a_target() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("huge.png");
    std::fs::write(partial_path(&target), b"stale").expect("stale part");
    let err = write_file(Format::Png, &[], &sized(20_000, 20_000), &target).expect_err("refused");
    assert!(err.to_string().contains("huge.png"), "{err}");
    assert!(!partial_path(&target).exists(), "no .part left");
    assert!(!target.exists(), "no target written");
}

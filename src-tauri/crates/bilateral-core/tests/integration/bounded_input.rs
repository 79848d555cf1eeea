//! An import reads at most a fixed number of bytes: an endless input fails with a clear error
//! instead of filling memory.

use std::io::Read;

use bilateral_core::formats::input;
use bilateral_core::Error;

#[test]
fn a_reader_over_the_limit_fails_naming_the_limit() {
    let at_limit = input::read_at_most(&b"0123456789abcdef"[..], "sixteen", 16)
        .expect("exactly the limit reads");
    assert_eq!(at_limit.len(), 16);

    let err = input::read_at_most(&b"0123456789abcdefg"[..], "seventeen", 16)
        .expect_err("one byte over the limit");
    assert_eq!(err.code(), "read");
    assert_eq!(
        err.to_string(),
        "cannot read seventeen: the file is larger than 16 bytes, the most an import reads"
    );
}

#[test]
fn an_endless_reader_stops_at_the_limit() {
    let err = input::read_at_most(std::io::repeat(0), "endless", 64 * 1024)
        .expect_err("an endless input must fail, not read forever");
    assert!(
        matches!(&err, Error::Read { message, .. } if message.contains("larger than 64 KiB")),
        "{err}"
    );
}

#[test]
fn the_limit_bounds_what_is_consumed_from_the_reader() {
    let mut source = std::io::repeat(7).take(1000);
    let _ = input::read_at_most(&mut source, "pipe", 100);
    let mut rest = Vec::new();
    source.read_to_end(&mut rest).expect("rest");
    assert_eq!(
        rest.len(),
        1000 - 101,
        "only the limit and one more byte are read"
    );
}

#[test]
fn a_file_reads_whole_and_a_missing_one_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("events.csv");
    std::fs::write(&path, b"title,start\nA,2023\n").expect("write");
    assert_eq!(
        input::read_file(&path).expect("a small file reads"),
        b"title,start\nA,2023\n"
    );
    let missing = dir.path().join("missing.csv");
    let err = input::read_file(&missing).expect_err("missing");
    assert!(
        err.to_string()
            .starts_with(&format!("cannot read {}", missing.display())),
        "{err}"
    );
}

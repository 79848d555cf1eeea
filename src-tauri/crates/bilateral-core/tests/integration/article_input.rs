//! Reading an article file for "New from article": bounded, UTF-8, format by name.

use bilateral_core::article_input::{self, check_size, format_of, saved_from};
use bilateral_core::ingest::{ArticleRequest, PageFormat};
use bilateral_core::limits::MAX_ARTICLE_BYTES;
use std::path::Path;

#[test]
fn an_article_file_is_read_with_its_format_and_saved_from_address() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("Xi assurance.html");
    std::fs::write(
        &page,
        "\u{feff}<!DOCTYPE html>\n<!-- saved from url=(0049)https://edition.example.com/2024/01/30/xi-pledge -->\n<html><body><p>On Monday…</p></body></html>",
    )
    .expect("write");
    let file = article_input::read_file(&page).expect("reads");
    assert_eq!(file.name, "Xi assurance.html");
    assert_eq!(file.format, PageFormat::Html);
    assert!(
        file.input.starts_with("<!DOCTYPE"),
        "the byte-order mark is dropped"
    );
    assert_eq!(
        file.url.as_deref(),
        Some("https://edition.example.com/2024/01/30/xi-pledge")
    );

    let text = dir.path().join("article.txt");
    std::fs::write(&text, "Thursday, April 18, 2024\n\nOn Monday, …").expect("write");
    let file = article_input::read_file(&text).expect("reads");
    assert_eq!(file.format, PageFormat::Text);
    assert_eq!(file.url, None);
}

#[test]
fn the_format_comes_from_the_name_else_from_the_first_characters() {
    assert_eq!(format_of(Path::new("a.HTM"), ""), PageFormat::Html);
    assert_eq!(format_of(Path::new("a.md"), "<p>"), PageFormat::Markdown);
    assert_eq!(format_of(Path::new("a.txt"), "<p>"), PageFormat::Text);
    assert_eq!(format_of(Path::new("saved"), "  <html>"), PageFormat::Html);
    assert_eq!(format_of(Path::new("saved"), "Text"), PageFormat::Text);
}

#[test]
fn only_a_web_address_is_taken_from_a_saved_page() {
    assert_eq!(
        saved_from("<!-- saved from url=(0022)https://a.example/b-c-->").as_deref(),
        Some("https://a.example/b-c")
    );
    assert_eq!(
        saved_from("<!-- saved from url=(0014)about:internet -->"),
        None
    );
    assert_eq!(saved_from("<html>no mark</html>"), None);
}

#[test]
fn a_file_that_is_too_large_or_not_utf8_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("huge.txt");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(MAX_ARTICLE_BYTES + 1).expect("sparse file");
    let err = article_input::read_file(&big).expect_err("too large");
    let message = err.to_string();
    assert!(message.contains("huge.txt"), "{message}");
    assert!(message.contains("larger than 5 MiB"), "{message}");

    let latin = dir.path().join("latin1.txt");
    std::fs::write(&latin, b"Caf\xe9 talks").expect("write");
    let message = article_input::read_file(&latin)
        .expect_err("not UTF-8")
        .to_string();
    assert!(message.contains("latin1.txt"), "{message}");
    assert!(message.contains("not UTF-8"), "{message}");

    let missing = article_input::read_file(&dir.path().join("gone.md"))
        .expect_err("missing")
        .to_string();
    assert!(missing.contains("gone.md"), "{missing}");
}

#[test]
fn pasted_text_is_bounded_too() {
    let request = |input: String| ArticleRequest {
        input,
        format: PageFormat::Text,
        published: None,
        url: None,
    };
    assert!(check_size(&request("On Monday.".to_owned())).is_ok());
    let err = check_size(&request(
        "x".repeat(usize::try_from(MAX_ARTICLE_BYTES).unwrap() + 1),
    ))
    .expect_err("too long");
    assert_eq!(err.field(), Some("input"));
    let today = chrono::NaiveDate::from_ymd_opt(2024, 4, 18).unwrap();
    let extraction = article_input::extract(&request("Text.".to_owned()), None, today)
        .expect("a small article is read");
    assert_eq!(extraction.text, "Text.");
}

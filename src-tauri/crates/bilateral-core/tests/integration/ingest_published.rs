//! The publication date (the anchor of every relative date) and the outlet a text re-posts.

use bilateral_core::ingest::{self, article, published, ArticleRequest, PageFormat, PublishedFrom};
use chrono::NaiveDate;

use crate::ingest_candidates::seed;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 3, 1).expect("date")
}

fn detect(input: &str, format: PageFormat) -> ingest::Published {
    let page = article::read(input, format);
    published::detect(input, format, &page, today())
}

fn html(input: &str) -> ingest::Published {
    detect(input, PageFormat::Html)
}

fn text(input: &str) -> ingest::Published {
    detect(input, PageFormat::Text)
}

#[test]
fn the_seed_article_is_dated_by_its_date_line_and_re_posts_cnn() {
    let found = text(&seed());
    assert_eq!(found.date.to_string(), "2024-04-18");
    assert_eq!(found.from, PublishedFrom::Text);
    assert_eq!(found.evidence.as_deref(), Some("Thursday, April 18, 2024"));
    assert_eq!(
        found.reports.as_deref(),
        Some("CNN"),
        "the dialog must say the text re-posts CNN, whose date may be the better anchor"
    );
}

#[test]
fn article_published_time_gives_the_publishers_local_date() {
    let found = html(
        r#"<meta property="article:published_time" content="2024-01-30T21:14:00-05:00">
           <meta property="article:modified_time" content="2024-01-31T10:02:00-05:00">
           <p>Text.</p>"#,
    );
    assert_eq!(
        found.date.to_string(),
        "2024-01-30",
        "9:14 PM in Washington is still the 30th, though it is the 31st in UTC"
    );
    assert_eq!(found.from, PublishedFrom::Meta);
    let evidence = found.evidence.expect("evidence");
    assert!(
        evidence.contains("article:published_time")
            && evidence.contains("2024-01-30T21:14:00-05:00"),
        "{evidence}"
    );
    assert!(
        evidence.contains("modified 2024-01-31"),
        "a later change is noted: {evidence}"
    );
}

#[test]
fn other_meta_spellings_are_read() {
    for (tag, want) in [
        (
            r#"<meta property="og:published_time" content="2023-11-15">"#,
            "2023-11-15",
        ),
        (r#"<meta name="date" content="2023-11-15">"#, "2023-11-15"),
        (r#"<meta name="pubdate" content="20231115">"#, "2023-11-15"),
        (
            r#"<meta name="DC.date.issued" content="2023-11-15">"#,
            "2023-11-15",
        ),
        (
            r#"<meta name="sailthru.date" content="2023-11-15 08:00:00">"#,
            "2023-11-15",
        ),
        (
            r#"<meta name="parsely-pub-date" content="2023-11-15T13:00:00Z">"#,
            "2023-11-15",
        ),
        (
            r#"<meta name="date" content="Wed, 15 Nov 2023 08:00:00 GMT">"#,
            "2023-11-15",
        ),
        (
            r#"<span itemprop="datePublished" content="2023-11-15"></span>"#,
            "2023-11-15",
        ),
    ] {
        let found = html(&format!("{tag}<p>Text.</p>"));
        assert_eq!(found.date.to_string(), want, "{tag}");
        assert_eq!(found.from, PublishedFrom::Meta, "{tag}");
    }
}

#[test]
fn json_ld_is_read_inside_graphs_and_arrays() {
    let graph = html(
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
             {"@type":"WebPage","url":"https://example.org/"},
             {"@type":["NewsArticle"],"datePublished":"2024-01-30T16:00:00+08:00",
              "dateModified":"2024-01-30T18:00:00+08:00"}]}</script><p>Text.</p>"#,
    );
    assert_eq!(graph.date.to_string(), "2024-01-30");
    assert_eq!(graph.from, PublishedFrom::JsonLd);
    assert_eq!(
        graph.evidence.as_deref(),
        Some("datePublished \"2024-01-30T16:00:00+08:00\""),
        "a change on the same day is not worth a note"
    );
    let array = html(
        r#"<script type="application/ld+json">
           <!-- [{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle",
                 "datePublished":"2024-02-02"}] -->
           </script>"#,
    );
    assert_eq!(array.date.to_string(), "2024-02-02");
}

#[test]
fn json_ld_modified_date_is_used_only_without_a_published_one() {
    let found = html(
        r#"<script type="application/ld+json">{"@type":"NewsArticle",
           "dateModified":"2024-01-31T09:00:00Z"}</script>"#,
    );
    assert_eq!(found.date.to_string(), "2024-01-31");
    assert_eq!(found.from, PublishedFrom::JsonLd);
    assert!(found
        .evidence
        .expect("evidence")
        .contains("no datePublished"));
}

#[test]
fn meta_tags_come_before_json_ld_and_time_elements() {
    let found = html(
        r#"<meta name="date" content="2024-01-01">
           <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-02"}</script>
           <time datetime="2024-01-03">x</time>"#,
    );
    assert_eq!(found.date.to_string(), "2024-01-01");
}

#[test]
fn the_first_time_element_in_the_story_wins() {
    let found = html(
        r#"<nav><time datetime="2020-05-05">menu date</time></nav>
           <article><p>By A. Writer, <time datetime="2024-01-30T21:14:00-05:00">January 30</time></p>
           <p>On <time datetime="2023-11-15">November 15</time> they met.</p></article>"#,
    );
    assert_eq!(found.date.to_string(), "2024-01-30");
    assert_eq!(found.from, PublishedFrom::TimeElement);
}

#[test]
fn without_markup_a_byline_in_the_text_dates_the_page() {
    let found = html(
        "<article><p>By Jane Doe, CNN</p><p>Published 9:14 PM EST, Tue January 30, 2024</p>\
         <p>WASHINGTON — On January 5, 2024, something else happened.</p></article>",
    );
    assert_eq!(found.date.to_string(), "2024-01-30");
    assert_eq!(found.from, PublishedFrom::Text);
    assert_eq!(
        found.evidence.as_deref(),
        Some("Published 9:14 PM EST, Tue January 30, 2024")
    );
}

#[test]
fn bylines_are_read_in_their_usual_forms() {
    for (input, want) in [
        ("Jan. 30, 2024\n\nText of the story.", "2024-01-30"),
        ("30 January 2024\n\nText.", "2024-01-30"),
        ("Posted 2024-01-30 09:00\n\nText.", "2024-01-30"),
        ("Updated 10:00 AM, Wed January 31, 2024\nPublished 9:14 PM EST, Tue January 30, 2024\n\nText.", "2024-01-30"),
        ("Updated January 31, 2024\n\nText.", "2024-01-31"),
        ("WASHINGTON, Jan 30 (Reuters) - Chinese officials said on Monday ...", "2024-01-30"),
    ] {
        let found = text(input);
        assert_eq!(found.date.to_string(), want, "{input}");
        assert_eq!(found.from, PublishedFrom::Text, "{input}");
    }
}

#[test]
fn a_dateline_without_a_year_is_never_in_the_future() {
    let found = text("BEIJING, Dec 30 (Reuters) - Text.");
    assert_eq!(
        found.date.to_string(),
        "2023-12-30",
        "today is 2024-03-01: the dateline is last December's"
    );
    assert_eq!(found.evidence.as_deref(), Some("BEIJING, Dec 30 (Reuters)"));
}

#[test]
fn a_date_deep_in_the_text_is_not_the_publication_date() {
    let mut body = "A line of the story without any date in it at all.\n".repeat(20);
    body.push_str("January 30, 2024\n");
    let found = text(&body);
    assert_eq!(found.from, PublishedFrom::Today);
    assert_eq!(found.date.to_string(), "2024-03-01");
    assert_eq!(found.evidence, None);
}

#[test]
fn the_outlet_a_text_re_posts_is_named() {
    for (input, want) in [
        (
            "Officials agreed, according to a report by Reuters.",
            Some("Reuters"),
        ),
        (
            "The plan was first reported by The Washington Post on Friday.",
            Some("The Washington Post"),
        ),
        (
            "The deal, as reported by the Daily Example Herald, was signed.",
            Some("Daily Example Herald"),
        ),
        (
            "The deal, as reported by The Daily Example, was signed.",
            Some("The Daily Example"),
        ),
        ("Xi agreed, according to CNN.", Some("CNN")),
        (
            "Bloomberg reported that the talks ended.",
            Some("Bloomberg"),
        ),
        ("WASHINGTON, Jan 30 (Reuters) - Officials met.", None),
        (
            "Xi agreed, according to two people familiar with the talks.",
            None,
        ),
        ("Xi agreed, according to Chinese officials.", None),
        ("Krebs told CNN that it was so.", None),
    ] {
        assert_eq!(text(input).reports.as_deref(), want, "{input}");
    }
}

#[test]
fn a_page_does_not_re_post_itself() {
    let found = html(
        r#"<meta property="og:site_name" content="CNN"><p>Xi agreed, as first reported by CNN.</p>"#,
    );
    assert_eq!(found.reports, None);
}

#[test]
fn nothing_found_falls_back_to_today() {
    let found = text("No date here at all.");
    assert_eq!(found.from, PublishedFrom::Today);
    assert_eq!(found.date.to_string(), "2024-03-01");
}

#[test]
fn the_users_date_wins_over_the_page() {
    let request = ArticleRequest {
        input: seed(),
        format: PageFormat::Text,
        published: Some("2024-01-31".parse().expect("date")),
        url: None,
    };
    let extraction = ingest::extract(&request, None, today()).expect("extract");
    assert_eq!(extraction.published.date.to_string(), "2024-01-31");
    assert_eq!(extraction.published.from, PublishedFrom::Argument);
    let detected = ingest::extract(
        &ArticleRequest {
            published: None,
            ..request
        },
        None,
        today(),
    )
    .expect("extract");
    assert_eq!(detected.published.date.to_string(), "2024-04-18");
    assert_eq!(detected.published.reports.as_deref(), Some("CNN"));
}

#[test]
fn a_markdown_front_matter_date_is_metadata() {
    let found = detect(
        "---\ntitle: A story\ndate: 2024-01-30T09:00:00+08:00\n---\n\nBody text.",
        PageFormat::Markdown,
    );
    assert_eq!(found.date.to_string(), "2024-01-30");
    assert_eq!(found.from, PublishedFrom::Meta);
}

#[test]
fn extracting_a_saved_page_reports_what_the_page_says() {
    let page = r#"<html><head>
        <meta property="og:title" content="Sullivan and Wang meet in Bangkok">
        <meta property="og:site_name" content="Example News">
        <link rel="canonical" href="https://example.org/2024/01/27/bangkok">
        <meta property="article:published_time" content="2024-01-27T08:00:00+07:00">
        </head><body><nav>Menu</nav><article>
        <p>BANGKOK — Jake Sullivan met Wang Yi on Friday, as first reported by Reuters.</p>
        </article></body></html>"#;
    let request = ArticleRequest {
        input: page.to_owned(),
        format: PageFormat::Html,
        published: None,
        url: None,
    };
    let extraction = ingest::extract(&request, None, today()).expect("extract");
    assert_eq!(
        extraction.text,
        "BANGKOK — Jake Sullivan met Wang Yi on Friday, as first reported by Reuters."
    );
    assert_eq!(
        extraction.title.as_deref(),
        Some("Sullivan and Wang meet in Bangkok")
    );
    assert_eq!(
        extraction.url.as_deref(),
        Some("https://example.org/2024/01/27/bangkok")
    );
    assert_eq!(extraction.publisher.as_deref(), Some("Example News"));
    assert_eq!(extraction.published.date.to_string(), "2024-01-27");
    assert_eq!(extraction.published.from, PublishedFrom::Meta);
    assert_eq!(extraction.published.reports.as_deref(), Some("Reuters"));
}

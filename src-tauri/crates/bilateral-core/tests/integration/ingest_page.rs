//! Reading an article: the story's plain text out of a saved web page or a Markdown file, and
//! what the page says about itself.

use bilateral_core::ingest::article::{self, guess_title};
use bilateral_core::ingest::PageFormat;

use crate::ingest_candidates::seed;

const SAVED_PAGE: &str = r#"<!doctype html>
<html><head>
<title>Site title | Example News</title>
<meta property="og:title" content="Sullivan meets Wang   Yi in Bangkok">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://example.org/og-address">
<link rel="canonical" href="https://example.org/2024/01/27/sullivan-wang">
<style>p { color: red }</style>
<script>var s = "<p>not text</p>";</script>
</head>
<body>
<header><h1>Header headline</h1><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<aside>Most read: something else entirely</aside>
<article>
  <h2>Sullivan meets Wang</h2>
  <p>BANGKOK &mdash; U.S. national security adviser Jake Sullivan met
     Chinese Foreign Minister Wang&nbsp;Yi on Friday.</p>
  <p>The two spoke for <b>12</b> hours&#8212;over two days.<br>They agreed to talk again.</p>
  <form><input name="q"><button>Subscribe</button></form>
  <noscript>Enable JavaScript</noscript>
  <p>Rock &amp; roll diplomacy, it wasn&#8217;t.</p>
</article>
<footer>© Example News 2024</footer>
</body></html>"#;

#[test]
fn a_saved_page_gives_the_story_text_without_page_furniture() {
    let page = article::read(SAVED_PAGE, PageFormat::Html);
    assert_eq!(
        page.text,
        "Sullivan meets Wang\n\n\
         BANGKOK — U.S. national security adviser Jake Sullivan met Chinese Foreign Minister \
         Wang Yi on Friday.\n\n\
         The two spoke for 12 hours—over two days.\nThey agreed to talk again.\n\n\
         Rock & roll diplomacy, it wasn’t.",
        "the dialog would show menus, scripts or a form, or lose the story's paragraphs"
    );
}

#[test]
fn a_saved_page_names_its_title_address_and_publisher() {
    let page = article::read(SAVED_PAGE, PageFormat::Html);
    assert_eq!(
        page.title.as_deref(),
        Some("Sullivan meets Wang Yi in Bangkok"),
        "og:title comes first, whitespace collapsed"
    );
    assert_eq!(
        page.url.as_deref(),
        Some("https://example.org/2024/01/27/sullivan-wang"),
        "the canonical link is the article's address"
    );
    assert_eq!(page.publisher.as_deref(), Some("Example News"));
}

#[test]
fn the_title_falls_back_to_the_headline_then_the_title_element() {
    let with_h1 = "<title>Tab title</title><body><h1>The  headline</h1><p>Text.</p></body>";
    assert_eq!(
        article::read(with_h1, PageFormat::Html).title.as_deref(),
        Some("The headline")
    );
    let bare = "<title>Tab &amp; title</title><body><p>Text.</p></body>";
    assert_eq!(
        article::read(bare, PageFormat::Html).title.as_deref(),
        Some("Tab & title")
    );
    let twitter = r#"<meta name="twitter:title" content="From Twitter"><h1>H</h1>"#;
    assert_eq!(
        article::read(twitter, PageFormat::Html).title.as_deref(),
        Some("From Twitter")
    );
}

#[test]
fn only_web_addresses_are_taken_as_the_page_url() {
    let page = article::read(
        r#"<link rel="canonical" href="javascript:alert(1)">
           <meta property="og:url" content="https://example.org/a"><p>x</p>"#,
        PageFormat::Html,
    );
    assert_eq!(
        page.url.as_deref(),
        Some("https://example.org/a"),
        "a script link must never become a source's address"
    );
    let none = article::read(
        r#"<link rel="canonical" href="/relative/path"><p>x</p>"#,
        PageFormat::Html,
    );
    assert_eq!(none.url, None);
}

#[test]
fn the_publisher_falls_back_to_json_ld() {
    let page = article::read(
        r#"<script type="application/ld+json">
           {"@context":"https://schema.org","@graph":[
             {"@type":"WebSite","name":"Site"},
             {"@type":"NewsArticle","headline":"H","datePublished":"2024-01-30",
              "publisher":{"@type":"Organization","name":"CNN"}}]}
           </script><p>Body.</p>"#,
        PageFormat::Html,
    );
    assert_eq!(page.publisher.as_deref(), Some("CNN"));
    assert_eq!(page.json_ld.len(), 1, "the JSON-LD is kept for the date");
    assert_eq!(page.text, "Body.", "JSON-LD is never text");
}

#[test]
fn the_article_body_is_preferred_to_a_larger_page() {
    let body = "Long story text that is the article itself. ".repeat(5);
    let html = format!(
        r#"<body><div>Related: another story about something else, with enough words to
        count.</div><main><div itemprop="articleBody"><p>{body}</p></div>
        <div class="comments"><p>First comment!</p></div></main></body>"#
    );
    let page = article::read(&html, PageFormat::Html);
    assert_eq!(
        page.text,
        body.trim(),
        "itemprop=articleBody holds the story"
    );
}

#[test]
fn a_teaser_article_does_not_hide_the_page() {
    let html = "<body><p>The real text of a page without an article element, long enough \
                to be the page.</p><article><p>Teaser</p></article></body>";
    let page = article::read(html, PageFormat::Html);
    assert!(
        page.text.starts_with("The real text"),
        "a tiny <article> (a teaser card) must not replace the page: {:?}",
        page.text
    );
}

#[test]
fn time_elements_and_meta_tags_are_kept_for_the_date() {
    let page = article::read(
        r#"<head><meta name="DC.date.issued" content="2024-01-30"></head>
           <body><time datetime="2023-01-01">old</time>
           <article><p>Posted <time datetime="2024-01-30T21:14:00-05:00">Jan 30</time></p>
           <span itemprop="datePublished" content="2024-01-30"></span></article></body>"#,
        PageFormat::Html,
    );
    assert!(page
        .meta
        .contains(&("dc.date.issued".to_owned(), "2024-01-30".to_owned())));
    assert!(page
        .meta
        .contains(&("datepublished".to_owned(), "2024-01-30".to_owned())));
    assert_eq!(page.times.len(), 2);
    assert!(!page.times[0].in_story && page.times[1].in_story);
    assert_eq!(page.text, "Posted Jan 30");
}

#[test]
fn markdown_reads_as_rendered_text() {
    let md = "---\ntitle: \"Front title\"\ndate: 2024-01-30\nurl: https://example.org/md\n---\n\
              # Sullivan *meets* Wang #\n\n\
              U.S. adviser **Jake Sullivan** met [Wang Yi](https://example.org/wang \"t\") in\n\
              Bangkok on `Friday`. ![photo](https://example.org/p.jpg)\n\n\
              > A quote with __strong__ and ~~struck~~ text and a snake_case_name.\n\n\
              - first item\n- second [item][ref]\n\n\
              ***\n\n\
              ```\ncode stays\n  as text\n```\n\n\
              Setext heading\n==============\n\n\
              [ref]: https://example.org/ref\n";
    let page = article::read(md, PageFormat::Markdown);
    assert_eq!(
        page.text,
        "Sullivan meets Wang\n\n\
         U.S. adviser Jake Sullivan met Wang Yi in Bangkok on Friday.\n\n\
         A quote with strong and struck text and a snake_case_name.\n\n\
         first item\n\nsecond item\n\n\
         code stays\n  as text\n\n\
         Setext heading",
        "Markdown marks must not reach the text the offsets point into"
    );
    assert_eq!(page.title.as_deref(), Some("Front title"));
    assert_eq!(page.url.as_deref(), Some("https://example.org/md"));
    assert!(page
        .meta
        .contains(&("date".to_owned(), "2024-01-30".to_owned())));
}

#[test]
fn markdown_without_front_matter_takes_its_first_heading_as_title() {
    let page = article::read(
        "Intro line.\n\n## The heading\n\nText.",
        PageFormat::Markdown,
    );
    assert_eq!(page.title.as_deref(), Some("The heading"));
    assert_eq!(page.text, "Intro line.\n\nThe heading\n\nText.");
}

#[test]
fn plain_text_is_kept_exactly_as_read() {
    let text = seed();
    let page = article::read(&text, PageFormat::Text);
    assert_eq!(
        page.text, text,
        "offsets into a .txt point into the file as read"
    );
    assert_eq!(
        page.title.as_deref(),
        Some("Biden receives assurance from Xi Jinping about China’s non-interference in 2024 election"),
        "the headline is the first line that reads like one (not the weather, not the date)"
    );
    assert_eq!(guess_title("It rained.\n\nyes"), None);
}

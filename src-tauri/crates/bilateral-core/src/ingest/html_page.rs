//! A saved web page read as an article: the story's plain text and what the markup says about
//! the page (meta tags, JSON-LD, `<time>` elements, canonical link).
//!
//! html5ever's tokenizer reads the markup as a browser would (entities, broken tags, script and
//! style bodies). No tree is built: the reader tracks which elements it is inside. The story is
//! the text of the largest `[itemprop=articleBody]`, else the largest `<article>`, else the
//! largest `<main>` (when it holds a real share of the page), else the whole body; navigation,
//! headers, footers, asides, forms and anything not shown are dropped. Block elements become
//! paragraphs (a blank line between), `<br>` a line break, other whitespace one space.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::TokenizerResult;

use super::words::one_line;
use crate::formats::html_to_text::{hidden, is_block, track};

/// A `<time>` element's `datetime`, and whether it sits inside the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeElement {
    pub datetime: String,
    pub in_story: bool,
}

/// What the markup of a page holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    /// The story's plain text.
    pub text: String,
    /// `<meta>` tags (and `itemprop` values), as (key in lower case, value): the key is the
    /// tag's `property`, `name`, `itemprop` or `http-equiv`.
    pub meta: Vec<(String, String)>,
    /// The bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    pub times: Vec<TimeElement>,
    /// `<link rel="canonical">`.
    pub canonical: Option<String>,
    pub title_element: Option<String>,
    pub first_h1: Option<String>,
}

/// Reads `html`.
pub fn read(html: &str) -> Markup {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    tokenizer.sink.state.into_inner().finish()
}

/// At most this many elements are considered as the story's container.
const MAX_REGIONS: usize = 64;

const BREAK: char = '\n';
/// Marks a paragraph boundary in the raw output; `tidy` turns it into a blank line.
const PARAGRAPH: char = '\u{1}';

/// Which kind of element may hold the story, in order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RegionKind {
    ArticleBody,
    Article,
    Main,
}

#[derive(Debug)]
struct Region {
    kind: RegionKind,
    /// The element and how deep in same-named elements we are; `None` once closed.
    open: Option<(String, usize)>,
    out: String,
}

/// What a raw-text element's content is captured into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Nothing,
    JsonLd,
    Title,
}

#[derive(Default)]
struct State {
    body: String,
    regions: Vec<Region>,
    /// Inside an element whose content is raw text or never shown (script, style, svg).
    raw: Option<(String, usize, Capture)>,
    raw_text: String,
    /// Inside an element that is shown but is not the story (nav, header, footer, aside).
    dropped: Option<(String, usize)>,
    /// Inside the first `<h1>`: its text so far.
    h1: Option<String>,
    markup: Markup,
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

/// Shown elements that are not the story.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "nav" | "header" | "footer" | "aside" | "form" | "dialog" | "menu"
    )
}

/// A non-empty attribute value, trimmed.
fn value(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl State {
    fn text(&mut self, text: &str) {
        if let Some(h1) = self.h1.as_mut() {
            h1.push_str(text);
        }
        if self.dropped.is_some() {
            return;
        }
        self.body.push_str(text);
        for region in self.regions.iter_mut().filter(|r| r.open.is_some()) {
            region.out.push_str(text);
        }
    }

    fn mark(&mut self, mark: char) {
        if self.dropped.is_some() {
            return;
        }
        self.body.push(mark);
        for region in self.regions.iter_mut().filter(|r| r.open.is_some()) {
            region.out.push(mark);
        }
    }

    fn in_story(&self) -> bool {
        self.regions.iter().any(|r| r.open.is_some())
    }

    fn raw_closed(&mut self, capture: Capture) {
        let text = std::mem::take(&mut self.raw_text);
        match capture {
            Capture::JsonLd => self.markup.json_ld.push(text),
            Capture::Title if self.markup.title_element.is_none() => {
                let title = one_line(&text);
                if !title.is_empty() {
                    self.markup.title_element = Some(title);
                }
            }
            _ => {}
        }
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some((_, _, capture)) = self.raw {
            let mut open = self.raw.as_ref().map(|(n, d, _)| (n.clone(), *d));
            track(&mut open, name, tag.kind);
            match open {
                Some((n, d)) => self.raw = Some((n, d, capture)),
                None => {
                    self.raw = None;
                    self.raw_closed(capture);
                }
            }
            return TokenSinkResult::Continue;
        }
        if tag.kind == TagKind::StartTag {
            if let Some(kind) = hidden(name) {
                if tag.self_closing {
                    return TokenSinkResult::Continue;
                }
                let capture = match name {
                    "script"
                        if attr(tag, "type").is_some_and(|t| {
                            t.trim().eq_ignore_ascii_case("application/ld+json")
                        }) =>
                    {
                        Capture::JsonLd
                    }
                    "title" => Capture::Title,
                    _ => Capture::Nothing,
                };
                self.raw = Some((name.to_owned(), 1, capture));
                self.raw_text.clear();
                return match kind {
                    Some(kind) => TokenSinkResult::RawData(kind),
                    None => TokenSinkResult::Continue,
                };
            }
            self.metadata(tag);
        }
        match self.dropped.as_ref() {
            Some(_) => track(&mut self.dropped, name, tag.kind),
            None if tag.kind == TagKind::StartTag && is_dropped(name) && !tag.self_closing => {
                self.dropped = Some((name.to_owned(), 1));
            }
            None => {}
        }
        self.regions_follow(tag);
        match (name, tag.kind) {
            ("br", _) => self.mark(BREAK),
            ("td" | "th", TagKind::StartTag) => self.text(" "),
            ("h1", TagKind::StartTag) if self.markup.first_h1.is_none() && self.h1.is_none() => {
                self.h1 = Some(String::new());
                self.mark(PARAGRAPH);
            }
            ("h1", TagKind::EndTag) => {
                if let Some(text) = self.h1.take() {
                    let text = one_line(&text);
                    if !text.is_empty() {
                        self.markup.first_h1 = Some(text);
                    }
                }
                self.mark(PARAGRAPH);
            }
            (block, _) if is_block(block) => self.mark(PARAGRAPH),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    /// Opens a story region at this tag, or counts nesting in the open ones.
    fn regions_follow(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        for region in self.regions.iter_mut() {
            track(&mut region.open, name, tag.kind);
        }
        if tag.kind != TagKind::StartTag || tag.self_closing {
            return;
        }
        let kind = if attr(tag, "itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody"))
        {
            Some(RegionKind::ArticleBody)
        } else if name == "article" {
            Some(RegionKind::Article)
        } else if name == "main" || attr(tag, "role").is_some_and(|r| r == "main") {
            Some(RegionKind::Main)
        } else {
            None
        };
        // Each region holds a copy of its text: a page of thousands of nested <article>s must
        // not cost thousands of copies.
        if let Some(kind) = kind.filter(|_| self.regions.len() < MAX_REGIONS) {
            self.regions.push(Region {
                kind,
                open: Some((name.to_owned(), 1)),
                out: String::new(),
            });
        }
    }

    /// Meta tags, itemprop values, the canonical link and time elements.
    fn metadata(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        match name {
            "meta" => {
                let key = ["property", "name", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|k| value(attr(tag, k)));
                if let (Some(key), Some(content)) = (key, value(attr(tag, "content"))) {
                    self.markup
                        .meta
                        .push((key.to_lowercase(), content.to_owned()));
                }
                return;
            }
            "link" => {
                let canonical = attr(tag, "rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical && self.markup.canonical.is_none() {
                    self.markup.canonical = value(attr(tag, "href")).map(str::to_owned);
                }
                return;
            }
            "time" => {
                if let Some(datetime) = value(attr(tag, "datetime")) {
                    let in_story = self.in_story();
                    self.markup.times.push(TimeElement {
                        datetime: datetime.to_owned(),
                        in_story,
                    });
                }
            }
            _ => {}
        }
        // Microdata on any element: <span itemprop="datePublished" content="...">.
        if let Some(prop) = value(attr(tag, "itemprop")) {
            if let Some(v) = value(attr(tag, "content")).or_else(|| value(attr(tag, "datetime"))) {
                self.markup.meta.push((prop.to_lowercase(), v.to_owned()));
            }
        }
    }

    fn finish(mut self) -> Markup {
        let body = tidy(&self.body);
        let mut best: Option<(RegionKind, String)> = None;
        for region in &self.regions {
            let text = tidy(&region.out);
            // A region holding a small share of the page is a teaser, not the story.
            let substantial =
                text.len() >= 140 || (!text.is_empty() && text.len() * 3 >= body.len());
            if !substantial {
                continue;
            }
            let better = match &best {
                None => true,
                Some((kind, t)) => {
                    region.kind < *kind || (region.kind == *kind && text.len() > t.len())
                }
            };
            if better {
                best = Some((region.kind, text));
            }
        }
        self.markup.text = best.map_or(body, |(_, text)| text);
        self.markup
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) if state.raw.is_some() => state.raw_text.push_str(&text),
            // A line break in the source is whitespace; only <br> breaks a line.
            Token::CharacterTokens(text) => state.text(&text.replace(['\n', '\r'], " ")),
            Token::TagToken(tag) => return state.tag(&tag),
            Token::EOFToken => {
                if let Some((_, _, capture)) = state.raw.take() {
                    state.raw_closed(capture);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Collapses whitespace inside lines, keeps line breaks, makes each paragraph mark one blank
/// line, and trims.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for paragraph in raw.split(PARAGRAPH) {
        let lines: Vec<String> = paragraph
            .split(BREAK)
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&lines.join("\n"));
    }
    out
}

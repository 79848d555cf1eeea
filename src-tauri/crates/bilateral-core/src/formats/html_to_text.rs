//! HTML, as TimelineJS headlines and texts hold it, reduced to plain text.
//!
//! html5ever's tokenizer reads the markup as a browser would (entities, broken tags, script
//! and style bodies), so no markup survives into titles and summaries. Links to http(s)
//! pages are kept apart as candidate sources. An element with the class `bilateral-sources`
//! (what the TimelineJS export writes its source list into) gives links but no text.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::TokenizerResult;

use crate::model::check_web_url;

/// The class of the element the TimelineJS export lists sources in.
pub const SOURCES_CLASS: &str = "bilateral-sources";

/// A link found in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    /// The link's text, whitespace collapsed; may be empty.
    pub text: String,
}

/// Plain text and the web links of a piece of HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reduced {
    /// Paragraphs separated by a blank line, line breaks kept, other whitespace collapsed.
    pub text: String,
    /// Links to http(s) pages, in order, each URL once.
    pub links: Vec<Link>,
}

/// Reduces `html` to text, keeping its links apart.
pub fn reduce(html: &str) -> Reduced {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    Reduced {
        text: tidy(&state.out),
        links: state.links,
    }
}

/// All whitespace of `text` collapsed to single spaces: for one-line fields.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct State {
    out: String,
    links: Vec<Link>,
    /// The open `<a href>`: its URL and text so far.
    link: Option<(String, String)>,
    /// Inside an element whose content is not text (script, style...): its name and depth.
    skip: Option<(String, usize)>,
    /// Inside the source list: its element name and depth.
    sources: Option<(String, usize)>,
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

const BREAK: char = '\n';
/// Marks a paragraph boundary in the raw output; `tidy` turns it into a blank line.
const PARAGRAPH: char = '\u{1}';

pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "table"
            | "tr"
            | "hr"
            | "figure"
            | "figcaption"
            | "main"
            | "address"
            | "details"
            | "summary"
    )
}

/// Elements whose content is never shown as text, and how the tokenizer must read it.
pub(crate) fn hidden(name: &str) -> Option<Option<RawKind>> {
    match name {
        "script" => Some(Some(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            Some(Some(RawKind::Rawtext))
        }
        "title" | "textarea" => Some(Some(RawKind::Rcdata)),
        "template" | "svg" | "math" | "object" | "select" | "button" | "canvas" | "video"
        | "audio" => Some(None),
        _ => None,
    }
}

fn has_sources_class(tag: &Tag) -> bool {
    tag.attrs.iter().any(|a| {
        &*a.name.local == "class" && a.value.split_whitespace().any(|c| c == SOURCES_CLASS)
    })
}

/// Counts nesting of the element `name` we are inside; `None` once it closes.
pub(crate) fn track(open: &mut Option<(String, usize)>, name: &str, kind: TagKind) {
    if let Some((n, depth)) = open.as_mut() {
        if n == name {
            match kind {
                TagKind::StartTag => *depth += 1,
                TagKind::EndTag if *depth <= 1 => *open = None,
                TagKind::EndTag => *depth -= 1,
            }
        }
    }
}

impl State {
    fn text(&mut self, text: &str) {
        if self.skip.is_some() {
            return;
        }
        if let Some((_, link_text)) = self.link.as_mut() {
            link_text.push_str(text);
        }
        if self.sources.is_none() {
            self.out.push_str(text);
        }
    }

    fn mark(&mut self, mark: char) {
        if self.skip.is_none() && self.sources.is_none() {
            self.out.push(mark);
        }
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if self.skip.is_some() {
            track(&mut self.skip, name, tag.kind);
            return TokenSinkResult::Continue;
        }
        if tag.kind == TagKind::StartTag {
            if let Some(raw) = hidden(name) {
                if !tag.self_closing {
                    self.skip = Some((name.to_owned(), 1));
                    if let Some(kind) = raw {
                        return TokenSinkResult::RawData(kind);
                    }
                }
                return TokenSinkResult::Continue;
            }
        }
        match self.sources.as_ref() {
            Some(_) => track(&mut self.sources, name, tag.kind),
            None if tag.kind == TagKind::StartTag && has_sources_class(tag) => {
                self.sources = Some((name.to_owned(), usize::from(!tag.self_closing)));
            }
            None => {}
        }
        match (name, tag.kind) {
            ("br", _) => self.mark(BREAK),
            ("a", TagKind::StartTag) => {
                self.close_link();
                let href = tag
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "href")
                    .map(|a| a.value.trim().to_owned());
                if let Some(href) = href {
                    self.link = Some((href, String::new()));
                }
            }
            ("a", TagKind::EndTag) => self.close_link(),
            ("td" | "th", TagKind::StartTag) => self.text(" "),
            (block, _) if is_block(block) => self.mark(PARAGRAPH),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn close_link(&mut self) {
        let Some((url, text)) = self.link.take() else {
            return;
        };
        if check_web_url(&url).is_ok() && !self.links.iter().any(|l| l.url == url) {
            self.links.push(Link {
                url,
                text: one_line(&text),
            });
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => state.text(&text),
            Token::TagToken(tag) => return state.tag(&tag),
            Token::EOFToken => state.close_link(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Collapses whitespace inside lines, keeps line breaks, makes each paragraph mark one blank
/// line, and trims.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut first = true;
    for paragraph in raw.split(PARAGRAPH) {
        let lines: Vec<String> = paragraph.split(BREAK).map(one_line).collect();
        let text = lines.join("\n");
        let text = text.trim_matches('\n');
        if text.is_empty() {
            continue;
        }
        if !first {
            out.push_str("\n\n");
        }
        first = false;
        out.push_str(text);
    }
    out
}

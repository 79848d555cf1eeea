//! A Markdown article read as plain text, the way it reads when rendered.
//!
//! Paragraphs are separated by a blank line and their wrapped lines joined by a space (as a
//! renderer joins them). Heading markers (`#`, underlines), blockquote markers, list bullets,
//! emphasis (`*`, `_`, `~~`) and inline-code backticks are dropped; a link `[text](url)` or
//! `[text][ref]` becomes its text, an image disappears, reference definitions and rules are
//! dropped. A fenced code block is kept as text, line by line. A YAML front matter block
//! (`---` at the very top) gives its `title`, `date`, `url` and the like as metadata instead
//! of text.

/// The text and what the file says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownPage {
    pub text: String,
    /// Front matter `key: value` pairs, keys in lower case.
    pub meta: Vec<(String, String)>,
    /// The first heading.
    pub heading: Option<String>,
}

/// Reads `input`.
pub fn read(input: &str) -> MarkdownPage {
    let mut page = MarkdownPage::default();
    let mut body_start = 0;
    if input.lines().next().is_some_and(|l| l.trim_end() == "---") {
        let rest: Vec<&str> = input.lines().skip(1).collect();
        if let Some(end) = rest
            .iter()
            .position(|l| matches!(l.trim_end(), "---" | "..."))
        {
            page.meta = front_matter(&rest[..end]);
            body_start = end + 2;
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let flush = |current: &mut Vec<String>, paragraphs: &mut Vec<String>| {
        if !current.is_empty() {
            paragraphs.push(current.join(" "));
            current.clear();
        }
    };
    let all: Vec<&str> = input.lines().skip(body_start).collect();
    let mut i = 0;
    while i < all.len() {
        let line = all[i];
        let trimmed = line.trim();
        i += 1;
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
                flush(&mut current, &mut paragraphs);
            } else {
                // Code keeps its lines: join them with line breaks, not spaces.
                match current.last_mut() {
                    Some(last) => {
                        last.push('\n');
                        last.push_str(line.trim_end());
                    }
                    None => current.push(line.trim_end().to_owned()),
                }
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut current, &mut paragraphs);
            fence = Some(trimmed[..3].to_owned());
            continue;
        }
        if trimmed.is_empty() || is_rule(trimmed) || is_reference(trimmed) {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        // A setext heading: a line underlined by === or ---.
        let underline = all.get(i).map(|l| l.trim()).filter(|l| {
            !l.is_empty() && (l.chars().all(|c| c == '=') || l.chars().all(|c| c == '-'))
        });
        if underline.is_some() && current.is_empty() {
            let heading = inline(trimmed);
            page.heading.get_or_insert_with(|| heading.clone());
            paragraphs.push(heading);
            i += 1;
            continue;
        }
        let (block, heading) = block_text(trimmed);
        let text = inline(block);
        if heading {
            flush(&mut current, &mut paragraphs);
            if !text.is_empty() {
                page.heading.get_or_insert_with(|| text.clone());
                paragraphs.push(text);
            }
            continue;
        }
        if starts_item(trimmed) {
            flush(&mut current, &mut paragraphs);
        }
        if !text.is_empty() {
            current.push(text);
        }
    }
    flush(&mut current, &mut paragraphs);
    page.text = paragraphs
        .into_iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    page
}

/// `key: value` lines of a front matter block, quotes removed.
fn front_matter(lines: &[&str]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| !k.starts_with([' ', '\t', '-']))
        .map(|(k, v)| {
            let v = v.trim().trim_matches(['"', '\'']).trim();
            (k.trim().to_lowercase(), v.to_owned())
        })
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        .collect()
}

fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && (marks.chars().all(|c| c == '-')
            || marks.chars().all(|c| c == '*')
            || marks.chars().all(|c| c == '_'))
}

/// `[ref]: https://...`
fn is_reference(line: &str) -> bool {
    line.starts_with('[')
        && line
            .find("]:")
            .is_some_and(|i| !line[1..i].contains(']') && i > 1)
}

fn starts_item(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || ordered_marker(line).is_some()
}

/// The length of an ordered list marker (`12. `), if the line starts with one.
fn ordered_marker(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits <= 9 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// The line without its block markers, and whether it is a heading.
fn block_text(line: &str) -> (&str, bool) {
    let mut line = line;
    while let Some(rest) = line.strip_prefix('>') {
        line = rest.trim_start();
    }
    if line.starts_with('#') {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let rest = &line[hashes..];
        if hashes <= 6 && (rest.is_empty() || rest.starts_with(' ')) {
            let text = rest.trim().trim_end_matches('#').trim_end();
            return (text, true);
        }
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (rest.trim_start(), false);
        }
    }
    if let Some(n) = ordered_marker(line) {
        return (line[n..].trim_start(), false);
    }
    (line, false)
}

/// How far a link's label or address may run: bounds the work a page of stray brackets costs.
const MAX_LINK_CHARS: usize = 2048;
/// How deep links inside link labels are unwrapped.
const MAX_NESTING: usize = 4;

/// Inline markup removed: links to their text, images dropped, emphasis and code marks off.
fn inline(text: &str) -> String {
    inline_at(text, 0)
}

fn inline_at(text: &str, depth: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link_end(&chars, i + 1) {
                Some((_, end)) => i = end,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => match link_end(&chars, i) {
                Some((label_end, end)) => {
                    let label: String = chars[i + 1..label_end].iter().collect();
                    if depth < MAX_NESTING {
                        out.push_str(&inline_at(&label, depth + 1));
                    } else {
                        out.push_str(&label);
                    }
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '<' => match autolink_end(&chars, i) {
                Some(end) => {
                    out.extend(&chars[i + 1..end - 1]);
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => i += 1,
            '*' => i += 1,
            '~' if chars.get(i + 1) == Some(&'~') => i += 2,
            // `_` is emphasis only at a word's edge: snake_case keeps its underscores.
            '_' => {
                let before = i > 0 && chars[i - 1].is_alphanumeric();
                let after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                if before && after {
                    out.push(c);
                }
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// For a `[label](url)` or `[label][ref]` or `[label]` reference starting at `open`: the index
/// of the label's `]` and the index after the whole link.
fn link_end(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (j, &c) in chars.iter().enumerate().skip(open).take(MAX_LINK_CHARS) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    match chars.get(close + 1) {
        Some('(') => {
            let mut depth = 0;
            for (j, &c) in chars
                .iter()
                .enumerate()
                .skip(close + 1)
                .take(MAX_LINK_CHARS)
            {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((close, j + 1));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        Some('[') => {
            let end = chars[close + 1..]
                .iter()
                .take(MAX_LINK_CHARS)
                .position(|&c| c == ']')?;
            Some((close, close + 1 + end + 1))
        }
        _ => None,
    }
}

/// `<https://...>`: the index after the `>`.
fn autolink_end(chars: &[char], open: usize) -> Option<usize> {
    let end = chars[open..]
        .iter()
        .take(MAX_LINK_CHARS)
        .position(|&c| c == '>')?
        + open;
    let inner: String = chars[open + 1..end].iter().collect();
    (inner.starts_with("http://") || inner.starts_with("https://") || inner.contains('@'))
        .then_some(end + 1)
}

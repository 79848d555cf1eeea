//! What a page's JSON-LD (`<script type="application/ld+json">`) says about its article: the
//! dates it was published and modified, its publisher, headline and address.
//!
//! Pages put the article object at the top, in an array, inside `@graph`, or under
//! `mainEntity`; every object is visited, and an article-like type (`NewsArticle`,
//! `BlogPosting`, ...) is preferred over any other object carrying a date.

use serde_json::Value;

/// The facts, as written (dates are not parsed here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub published: Option<String>,
    pub modified: Option<String>,
    pub publisher: Option<String>,
    pub headline: Option<String>,
    pub url: Option<String>,
}

/// How deep objects are looked for: JSON-LD nests a few levels, not hundreds.
const MAX_DEPTH: usize = 12;

/// Reads the JSON-LD scripts of a page; a script that is not JSON is skipped.
pub fn read(scripts: &[String]) -> Facts {
    let values: Vec<Value> = scripts.iter().filter_map(|s| parse(s)).collect();
    let mut objects = Vec::new();
    for value in &values {
        collect(value, 0, &mut objects);
    }
    let article = objects
        .iter()
        .copied()
        .filter(|o| is_article(o))
        .find(|o| text(o.get("datePublished")).is_some())
        .or_else(|| objects.iter().copied().find(|o| is_article(o)))
        .or_else(|| {
            objects
                .iter()
                .copied()
                .find(|o| text(o.get("datePublished")).is_some())
        });
    let Some(article) = article else {
        return Facts::default();
    };
    let publisher = article.get("publisher").and_then(name_of).or_else(|| {
        objects
            .iter()
            .find_map(|o| o.get("publisher").and_then(name_of))
    });
    Facts {
        published: text(article.get("datePublished")),
        modified: text(article.get("dateModified")),
        publisher,
        headline: text(article.get("headline")).or_else(|| text(article.get("name"))),
        url: text(article.get("url")).or_else(|| text(article.get("mainEntityOfPage"))),
    }
}

/// The script as JSON, forgiving the HTML comment and CDATA wrappers some pages add.
fn parse(script: &str) -> Option<Value> {
    let mut body = script.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = body.strip_prefix(open) {
            body = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    serde_json::from_str(body).ok()
}

/// Every object in `value`, depth first, in document order.
fn collect<'v>(value: &'v Value, depth: usize, out: &mut Vec<&'v serde_json::Map<String, Value>>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect(item, depth + 1, out);
            }
        }
        Value::Object(map) => {
            out.push(map);
            for (key, inner) in map {
                // Publisher and author objects are read through their article, and an image
                // carries dates of its own: do not mistake them for the article.
                if !matches!(key.as_str(), "publisher" | "author" | "image" | "video") {
                    collect(inner, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

fn is_article(object: &serde_json::Map<String, Value>) -> bool {
    let article_type = |t: &str| {
        t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Article"
    };
    match object.get("@type") {
        Some(Value::String(t)) => article_type(t),
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str().is_some_and(article_type)),
        _ => false,
    }
}

/// A string value, the first of an array, or an object's `@value` / `@id`.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(|v| text(Some(v))),
        Value::Object(map) => text(map.get("@value")).or_else(|| text(map.get("@id"))),
        _ => None,
    }
}

/// The `name` of a publisher object (or the first of several), or a plain string.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(name_of),
        Value::Object(map) => text(map.get("name")),
        _ => None,
    }
}

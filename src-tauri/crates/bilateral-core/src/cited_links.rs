//! The addresses a set of events cites: each once, in the form it is stored in, with the
//! events that cite it. What `bilateral-cli check-links` checks.

use std::collections::HashMap;

use crate::model::Event;
use crate::web_url::url_key;

/// One address and who cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedLink {
    /// The address in its normal form (`web_url::normalize_web_url`): two spellings of one
    /// page, or the same page with a tracking parameter, are one link.
    pub url: String,
    /// The ids of the events citing it, each once, in the order the events came.
    pub cited_by: Vec<String>,
}

/// Every address `events` cite, once each, in the order they are first cited.
pub fn cited_links<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<CitedLink> {
    let mut links: Vec<CitedLink> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for event in events {
        for source in &event.sources {
            let url = url_key(&source.url);
            let at = *index.entry(url.clone()).or_insert_with(|| {
                links.push(CitedLink {
                    url,
                    cited_by: Vec::new(),
                });
                links.len() - 1
            });
            let cited_by = &mut links[at].cited_by;
            if !cited_by.contains(&event.id) {
                cited_by.push(event.id.clone());
            }
        }
    }
    links
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::model::{Kind, Source};

    fn event(id: &str, urls: &[&str]) -> Event {
        Event {
            links: Vec::new(),
            id: id.to_owned(),
            title: id.to_owned(),
            summary: String::new(),
            start: "2020".parse().expect("date"),
            end: None,
            kind: Kind::Other,
            actors: Vec::new(),
            location: None,
            tags: Vec::new(),
            sources: urls
                .iter()
                .map(|url| Source {
                    url: (*url).to_owned(),
                    title: "A report".to_owned(),
                    publisher: "News".to_owned(),
                    ..Source::default()
                })
                .collect(),
            title_zh: None,
            verification: None,
        }
    }

    #[test]
    fn each_address_is_listed_once_with_every_event_citing_it() {
        let events = [
            event("a", &["https://news.org/1", "https://news.org/2"]),
            event("b", &["HTTPS://News.org/2?utm_source=rss"]),
            event("c", &["https://news.org/3", "https://news.org/1"]),
        ];
        let links = cited_links(&events);
        let seen: Vec<(&str, Vec<&str>)> = links
            .iter()
            .map(|l| {
                (
                    l.url.as_str(),
                    l.cited_by.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("https://news.org/1", vec!["a", "c"]),
                ("https://news.org/2", vec!["a", "b"]),
                ("https://news.org/3", vec!["c"]),
            ]
        );
    }
}

//! Candidate events: one per sentence that reports something that happened on a date.
//!
//! Each sentence is dated by its time expressions (`dating.rs`), classified by the trigger
//! words around its date (`kinds.rs`), given the actors it names (`actors.rs`; a sentence
//! naming nobody that opens with "The two", "He", "They" takes those of the sentence before)
//! and the place it happened (`places.rs`), titled (`titles.rs`), sourced to the article, and
//! matched against the stored events it may duplicate (`duplicates.rs`: overlapping dates and
//! shared actors or words). Every candidate passes `Event::validate`, so the user can accept
//! it as it is.
//!
//! Sources: the article is the source, with the sentence as its quote, only when its address
//! is known (from the page or the request): a source must have an http(s) URL, and an
//! invented one would be stored as fact. Without one, `sources` is empty and the dialog asks
//! for the address before the user accepts. The sentence is the summary either way.
//!
//! Ids are derived from the date and the sentence (a UUID v5 in our own namespace), so
//! extracting the same article again proposes the same ids, and accepting a candidate twice
//! is refused by the store as an existing id rather than stored twice.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::actors::{Cast, Mention};
use super::dating::{clause, Context, Dated};
use super::published::PublishedFrom;
use super::titles::{self, Parts};
use super::words::{one_line, words, CharOffsets, PhraseList, Word};
use super::{actors, kinds, places, reposts, sentences, store_names};
use crate::date::PartialDate;
use crate::model::{normalize_web_url, Actor, Event, Kind, Source};

/// A proposed event, the sentence it came from, and stored events it may duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub event: Event,
    /// Ids of stored events this one probably is (best first): offer "add as a source" instead.
    pub matches: Vec<String>,
    /// The sentence (char offsets into the text) the event comes from.
    pub quote_start: usize,
    pub quote_end: usize,
    /// Index into the extraction's `timexes` of the expression that dates it.
    pub timex: usize,
}

/// At most this many stored events are offered as the same event.
const MATCHES_LISTED: usize = 5;

/// Proposes one event per sentence that reports something on a resolvable date, with the
/// article as its source, matched against the events in `store`.
pub fn propose(
    page: &super::Page,
    url: Option<&str>,
    published: &super::Published,
    timexes: &[super::Timex],
    store: Option<&crate::store::Store>,
) -> crate::error::Result<Vec<Candidate>> {
    let text = page.text.as_str();
    let rules = kinds::rules()?;
    let ws = words(text);
    let (stored_actors, stored_places) = match store {
        Some(store) => (store_names::actors(store)?, store_names::locations(store)?),
        None => (Vec::new(), Vec::new()),
    };
    let place_hits = places::find(text, &ws, &stored_places)?;
    let place_words: Vec<(usize, usize)> = place_hits.iter().map(|p| (p.first, p.last)).collect();
    let cast = Cast::read(text, &ws, &stored_actors, &reposts::is_outlet, &place_words)?;
    let context = Context::new(text, &ws, timexes, rules, published.date.first_day());
    let offsets = CharOffsets::new(text);
    let source = article_source(page, url, published);
    let reading = Reading {
        rules,
        topics: &actors::rules()?.topics,
        cast: &cast,
        place_hits: &place_hits,
        context: &context,
        source: source.as_ref(),
    };
    let mut out = Vec::new();
    let mut previous: Option<(usize, usize)> = None;
    for (start, end) in sentences::split_bytes(text) {
        let first = ws.partition_point(|w| w.start < start);
        let last = ws.partition_point(|w| w.end <= end);
        if first >= last {
            continue;
        }
        // The sentence before (news paragraphs are often one sentence long): who "the two"
        // or "he" are.
        let before = previous;
        previous = Some((first, last));
        let Some(dated) = context.date_of((start, end), (first, last)) else {
            continue;
        };
        let sentence = Sentence {
            text,
            ws: &ws,
            bytes: (start, end),
            words: (first, last),
        };
        let Some(event) = reading.event(&sentence, &dated, before) else {
            continue;
        };
        let matches = match store {
            Some(store) => crate::duplicates::resembling(store.conn(), &event)?
                .into_iter()
                .filter(|r| r.is_likely(event.actors.len()))
                .take(MATCHES_LISTED)
                .map(|r| r.id)
                .collect(),
            None => Vec::new(),
        };
        out.push(Candidate {
            event,
            matches,
            quote_start: offsets.char(start),
            quote_end: offsets.char(end),
            timex: dated.timex,
        });
    }
    Ok(out)
}

/// One sentence of the text.
struct Sentence<'a> {
    text: &'a str,
    ws: &'a [Word<'a>],
    bytes: (usize, usize),
    words: (usize, usize),
}

/// What every sentence is read with.
struct Reading<'a> {
    rules: &'a kinds::Rules,
    topics: &'a PhraseList<()>,
    cast: &'a Cast,
    place_hits: &'a [places::PlaceHit],
    context: &'a Context<'a>,
    source: Option<&'a Source>,
}

impl Reading<'_> {
    /// The event a dated sentence reports; `None` if it would not pass validation.
    fn event(
        &self,
        s: &Sentence<'_>,
        dated: &Dated,
        before: Option<(usize, usize)>,
    ) -> Option<Event> {
        let rules = self.rules;
        let (first, last) = s.words;
        // Attributions ("as reported by CNN") and dates are not what happened.
        let attributions: Vec<(usize, usize)> = rules
            .attributions
            .find(s.text, &s.ws[first..last])
            .iter()
            .map(|h| (h.first + first, h.last + first))
            .collect();
        let dates: Vec<(usize, usize)> = self
            .context
            .within(s.bytes)
            .iter()
            .map(|(_, sp)| sp.words)
            .collect();
        let masked = |k: usize| {
            attributions.iter().any(|&(a, b)| k >= a && k < b)
                || dates.iter().any(|&(a, b)| k >= a && k < b)
        };
        let trigger = rules.trigger(
            s.text,
            s.ws,
            s.words,
            dated.span.words,
            dated.clause,
            &masked,
        );
        let rule = trigger.map(|t| &rules.kinds[t.rule]);
        let kind = rule.map_or(Kind::Other, |r| r.kind);
        let mut mentions = self.participants(s, self.cast.within(first, last));
        // "The two met today in Singapore": the previous sentence named them.
        const REFERRING: &[&str] = &["He", "She", "They", "The", "Both", "His", "Her", "Their"];
        if mentions.is_empty() && REFERRING.contains(&s.ws[first].text) {
            if let Some((a, b)) = before {
                let previous = Sentence {
                    words: (a, b),
                    bytes: (s.ws[a].start, s.ws[b - 1].end),
                    ..*s
                };
                mentions = self.participants(&previous, self.cast.within(a, b));
            }
        }
        // The place of the date's clause first ("met in Bangkok on Friday"), else one named
        // anywhere in the sentence.
        let place_in = |from: usize, to: usize| {
            self.place_hits
                .iter()
                .find(|p| p.anchored && p.first >= from && p.last <= to)
        };
        let place = place_in(dated.clause.0, dated.clause.1).or_else(|| place_in(first, last));
        let parts = Parts {
            rule,
            actors: &mentions,
            place,
            trigger: trigger.map(|t| titles::trigger_written(s.text, s.ws, first, t.first, t.last)),
        };
        let title = titles::from_template(&parts).unwrap_or_else(|| {
            titles::from_sentence(
                s.text,
                s.ws,
                s.words,
                dated.clause,
                &[dated.span.bytes],
                rules,
            )
        });
        let summary = one_line(&s.text[s.bytes.0..s.bytes.1]);
        let title = if title.is_empty() {
            summary.clone()
        } else {
            title
        };
        let actors: Vec<Actor> = mentions
            .iter()
            .take(crate::limits::MAX_ACTORS)
            .map(|m| m.actor.clone())
            .collect();
        let end = dated.end.filter(|e| *e != dated.start);
        let source = self.source;
        let mut event = Event {
            links: Vec::new(),
            title_zh: None,
            verification: None,
            id: candidate_id(dated.start, &summary),
            title,
            summary: summary.clone(),
            start: dated.start,
            end,
            kind,
            actors,
            location: place.map(|p| p.name.clone()),
            tags: Vec::new(),
            sources: source
                .map(|s| Source {
                    reported_date: None,
                    reported_place: None,
                    archived_url: None,
                    archived_at: None,
                    quote: Some(summary.clone()),
                    ..s.clone()
                })
                .into_iter()
                .collect(),
        }
        .normalized();
        if event.validate().is_err() {
            // A quote or title the model refuses (too long): keep the event without the source's
            // quote, and as a last resort with the summary cut.
            for source in &mut event.sources {
                source.quote = None;
            }
            event.title = clip(&event.title, crate::limits::MAX_TITLE_CHARS);
            event.summary = clip(&event.summary, crate::limits::MAX_FIELD_BYTES / 4);
        }
        event.validate().is_ok().then_some(event)
    }

    /// The actors that take part: names after "about" in a clause that already named someone
    /// are its topic ("Wray was asked about Wang's assurance to Sullivan").
    fn participants<'m>(
        &self,
        s: &Sentence<'_>,
        mut mentions: Vec<&'m Mention>,
    ) -> Vec<&'m Mention> {
        let (first, last) = s.words;
        for hit in self.topics.find(s.text, &s.ws[first..last]) {
            let at = hit.first + first;
            if !mentions.iter().any(|m| m.last <= at) {
                continue;
            }
            let (_, end) = clause(
                s.text,
                s.ws,
                s.words,
                (at, hit.last + first),
                &self.rules.breaks,
            );
            mentions.retain(|m| m.first < at || m.first >= end);
        }
        mentions
    }
}

/// `text` cut to at most `max` chars.
fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The article as a source, when its address is known and valid; its quote is set per event.
fn article_source(
    page: &super::Page,
    url: Option<&str>,
    published: &super::Published,
) -> Option<Source> {
    let url = normalize_web_url(url?).ok()?;
    let host = url::Url::parse(&url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned));
    let title = page
        .title
        .clone()
        .or_else(|| page.publisher.clone())
        .or(host)
        .map(|t| one_line(&t))
        .filter(|t| !t.is_empty())?;
    Some(Source {
        reported_date: None,
        reported_place: None,
        archived_url: None,
        archived_at: None,
        url,
        title: clip(&title, crate::limits::MAX_TITLE_CHARS),
        publisher: page.publisher.as_deref().map(one_line).unwrap_or_default(),
        // Today's date is a guess, not the article's date: say nothing rather than guess.
        published: (published.from != PublishedFrom::Today).then_some(published.date),
        quote: None,
    })
}

/// A stable id for the event a sentence reports on `start`: the same article extracted again
/// proposes the same id.
fn candidate_id(start: PartialDate, sentence: &str) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x0b1a_7e2a_1c5d_4e8f_a3b6_2d9c_8e7f_1a40);
    let words: Vec<String> = sentence.split_whitespace().map(str::to_lowercase).collect();
    let key = format!("{start}|{}", words.join(" "));
    uuid::Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

//! Generated events for the benchmarks: spread over 1971–2025 with every precision, kind and
//! side, searchable words, and text that exercises each format's escaping.

use bilateral_core::{Actor, Event, Kind, Side, Source};

const WORDS: [&str; 12] = [
    "tariffs",
    "summit",
    "balloon",
    "fentanyl",
    "taiwan",
    "export",
    "semiconductors",
    "climate",
    "hacking",
    "consulate",
    "sanctions",
    "trade",
];

pub fn synthetic(n: usize) -> Vec<Event> {
    (0..n)
        .map(|i| {
            let day = i * 19_700 / n.max(1);
            let date = chrono::NaiveDate::from_ymd_opt(1971, 1, 1).unwrap()
                + chrono::Days::new(u64::try_from(day).unwrap());
            let start = match i % 10 {
                0 => date.format("%Y").to_string(),
                1 | 2 => date.format("%Y-%m").to_string(),
                _ => date.format("%Y-%m-%d").to_string(),
            };
            Event { title_zh: None, verification: None,
                links: Vec::new(),
                id: format!("bench-{i}"),
                title: format!("Synthetic event {i}: talks on {}", WORDS[i % WORDS.len()]),
                summary: format!(
                    "Officials of both sides met for several hours; they discussed {} & {}.\nA second line.",
                    WORDS[(i / 7) % WORDS.len()],
                    WORDS[(i / 13) % WORDS.len()]
                ),
                start: start.parse().unwrap(),
                end: (i % 7 == 0).then(|| {
                    (date + chrono::Days::new(2))
                        .format("%Y-%m-%d")
                        .to_string()
                        .parse()
                        .unwrap()
                }),
                kind: Kind::ALL[i % Kind::ALL.len()],
                actors: vec![
                    Actor { name_zh: None, pinyin: None,
                        name: format!("Actor {}", i % 300),
                        side: Side::ALL[i % 5],
                    },
                    Actor { name_zh: None, pinyin: None,
                        name: "Wang Yi".into(),
                        side: Side::China,
                    },
                ],
                location: (i % 3 == 0).then(|| "Beijing, China".to_owned()),
                tags: vec![format!("tag-{}", i % 40), "trade".into()],
                sources: vec![Source { reported_date: None, reported_place: None, archived_url: None, archived_at: None,
                    url: format!("https://example.org/news/{i}"),
                    title: "Report on the talks".into(),
                    publisher: "Example News".into(),
                    published: Some("2023-11-15".parse().unwrap()),
                    quote: Some("They met.".into()),
                }],
            }
        })
        .collect()
}

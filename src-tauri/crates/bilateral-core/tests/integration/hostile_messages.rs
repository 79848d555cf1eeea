//! Error messages never repeat a huge or hostile input: whatever a file holds, each reader's
//! error and each rejection quotes at most a short excerpt, with control and bidi characters
//! escaped (a long CSV header once put 52 MB on standard error).

use bilateral_core::formats::{self, Format};

/// A few hundred bytes: room for the message and one short excerpt.
const MOST_BYTES: usize = 600;

/// Two megabytes of text that a terminal would act on if echoed raw.
fn huge() -> String {
    let mut text = "A\u{1b}[31m\u{202E}".to_owned();
    text.push_str(&"x".repeat(2 * 1024 * 1024));
    text.push_str("\u{7}END");
    text
}

/// A huge run of letters, for names the readers check to be alphanumeric.
fn huge_word() -> String {
    "X".repeat(2 * 1024 * 1024)
}

/// Every message the user would see for `text` read as `format`.
fn messages(format: Format, text: &str) -> Vec<String> {
    match formats::read(Some(format), text.as_bytes(), "hostile") {
        Err(e) => vec![e.to_string(), format!("{:?}", e.payload())],
        Ok(parsed) => parsed.rejected.iter().map(ToString::to_string).collect(),
    }
}

fn assert_short(format: Format, inputs: &[String]) {
    for (i, text) in inputs.iter().enumerate() {
        let all = messages(format, text);
        assert!(
            !all.is_empty(),
            "{format} input {i} should be refused or rejected"
        );
        for message in all {
            let head: String = message.chars().take(300).collect();
            assert!(
                message.len() <= MOST_BYTES,
                "{format} input {i}: a {} byte message would flood the user's screen: {head}",
                message.len()
            );
            assert!(
                !message.contains(['\u{1b}', '\u{202E}', '\u{7}']),
                "{format} input {i}: control or bidi characters reach the terminal: {head:?}"
            );
        }
    }
}

#[test]
fn bilateral_json_messages_stay_short() {
    let h = huge();
    let key = serde_json::to_string(&h).expect("json string");
    assert_short(
        Format::Json,
        &[
            format!(r#"{{"format":{key},"version":1,"events":[]}}"#),
            format!(r#"{{"format":"bilateral","version":1,{key}:1,"events":[]}}"#),
            format!(r#"{{"format":"bilateral","version":{key},"events":[]}}"#),
            format!(r#"[{{"id":"a","title":"t","start":{key},"kind":"summit"}}]"#),
            format!(r#"[{{"id":"a","title":"t","start":"2023","kind":{key}}}]"#),
            format!(r#"[{{"id":"a","title":"t","start":"2023","kind":"summit",{key}:1}}]"#),
            format!(
                r#"[{{"id":"a","title":"t","start":"2023","sources":[{{"url":"https://a.org","title":"t",{key}:{{"x":1}}}}]}}]"#
            ),
            format!(r#"[{{"id":"a","title":"t","start":"2023","actors":{{{key}:1}}}}]"#),
            format!("[{key}, {{\"id\": "),
        ],
    );
}

#[test]
fn csv_messages_stay_short() {
    let h = huge();
    let cell = format!("\"{}\"", h.replace('"', "\"\""));
    let sources = format!("\"[{{\"\"{}\"\":1}}]\"", huge_word());
    assert_short(
        Format::Csv,
        &[
            format!("title,start,{cell}\nA,2023,x\n"),
            format!("title,start\nA,{cell}\n"),
            format!("title,start,start_precision\nA,2023,{cell}\n"),
            format!("title,start,kind\nA,2023,{cell}\n"),
            format!("title,start,actors\nA,2023,{cell}\n"),
            format!("title,start,actors\nA,2023,\"N ({})\"\n", huge_word()),
            format!("title,start,sources\nA,2023,{cell}\n"),
            format!("title,start,sources\nA,2023,{sources}\n"),
            format!("title,start,sources\nA,2023,\"[] {}\"\n", huge_word()),
            format!("title,start,{}\nA,2023,\"cut", huge_word()),
        ],
    );
}

#[test]
fn ics_messages_stay_short() {
    let h = huge();
    let w = huge_word();
    let head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
    let event = |body: &str| {
        format!("{head}BEGIN:VEVENT\r\nSUMMARY:T\r\n{body}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    };
    assert_short(
        Format::Ics,
        &[
            format!("BEGIN:{h}\r\n"),
            format!("{h}:x\r\n"),
            format!("{w};PARAM\r\n"),
            format!("{head}BEGIN:{w}\r\n"),
            format!("{head}END:{w}\r\n"),
            event(&format!("DTSTART:{h}")),
            event(&format!("DTSTART:20231115\r\nDTEND:{w}")),
            event(&format!("DTSTART:20231115\r\nX-BILATERAL-PRECISION:{h}")),
            event(&format!("DTSTART:20231115\r\n{h}")),
            event(&format!("DTSTART:20231115\r\nX;{w}=\"open:")),
        ],
    );
}

#[test]
fn timelinejs_json_messages_stay_short() {
    let key = serde_json::to_string(&huge()).expect("json string");
    assert_short(
        Format::TimelineJs,
        &[
            format!(r#"{{"events":{key}}}"#),
            format!(r#"{{"events":[{{"start_date":{{"year":{key}}}}}]}}"#),
            format!(r#"{{"events":[{{"start_date":{{"year":"2023","month":{key}}}}}]}}"#),
            format!(
                r#"{{"events":[{{"start_date":{{"year":"2023"}},"text":{{"headline":[{key}]}}}}]}}"#
            ),
            format!(r#"{{"events":[{{"start_date":{{"year":"2023"}},"group":{{{key}:1}}}}]}}"#),
            format!(r#"{{"events":[{{"start_date":{{{key}:{{{key}:[]}},"year":{{}}}}}}]}}"#),
        ],
    );
}

#[test]
fn timelinejs_sheet_messages_stay_short() {
    let h = huge();
    let cell = format!("\"{}\"", h.replace('"', "\"\""));
    let header = formats::timelinejs_csv::COLUMNS.join(",");
    assert_short(
        Format::TimelineJsCsv,
        &[
            format!("{cell},Headline\n2023,x\n"),
            format!("{header}\n{cell},,,,,,,,,T,,,,,,,,\n"),
            format!("{header}\n2023,{cell},,,,,,,,T,,,,,,,,\n"),
            format!("{header}\n2023,1,1,,,,,,,T,,,,,,,,,{cell}\n"),
            format!("Year,Headline,{}\n2023,\"cut", huge_word()),
            format!("Year,Headline,\"{}", huge_word()),
        ],
    );
}

#[test]
fn a_clipped_text_stays_within_its_bytes_even_when_every_character_is_escaped() {
    use bilateral_core::formats::message::clip;
    for text in [
        "\u{1}".repeat(10_000),
        "\u{202E}".repeat(10_000),
        "习".repeat(10_000),
        format!("{}\u{1b}", "x".repeat(299)),
    ] {
        let clipped = clip(&text, 300);
        assert!(
            clipped.len() <= 300 + '…'.len_utf8(),
            "{} bytes",
            clipped.len()
        );
        assert!(
            !clipped.contains(['\u{1}', '\u{1b}', '\u{202E}']),
            "{clipped:?}"
        );
    }
    assert_eq!(clip("sources[0].url", 80), "sources[0].url");
    let long = format!(
        "invalid type: string \"{}\", expected a date",
        "y".repeat(5000)
    );
    let clipped = clip(&long, 300);
    assert!(
        clipped.starts_with("invalid type: string \"yyy") && clipped.ends_with("expected a date"),
        "both ends of a serde message stay: {clipped}"
    );
}

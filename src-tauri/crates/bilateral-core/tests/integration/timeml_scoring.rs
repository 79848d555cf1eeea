//! TimeML documents read as the TempEval-3 tools read them (text, creation time, gold
//! expressions at char offsets), written back for those tools, and scored with their
//! measures. A wrong offset or a wrong ratio here would make every figure we report about
//! the tagger wrong.

use bilateral_core::ingest::score::{self, ErrorKind};
use bilateral_core::ingest::timeml;
use bilateral_core::ingest::{Timex, TimexType};
use bilateral_core::limits::MAX_ARTICLE_BYTES;
use bilateral_core::Error;
use chrono::NaiveDate;

/// A TimeML document as the TempEval-3 corpora write them: events, a signal, an entity,
/// non-ASCII text before an expression, and a non-consuming TIMEX3.
const DOCUMENT: &str = r#"<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">

<DOCID>test_20240131</DOCID>

<DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-31T09:30" temporalFunction="false" functionInDocument="CREATION_TIME">January 31, 2024</TIMEX3></DCT>

<TITLE>Talks in Bangkok</TITLE>

<TEXT>
Jake Sullivan and Wang Yi <EVENT eid="e1" class="OCCURRENCE">met</EVENT> in Bangkok <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t1" type="DATE" value="2024-01-26">Friday</TIMEX3> &amp; Saturday.
Zhōngnánhǎi — 北京 said <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3> of talks were "candid".<TIMEX3 tid="t3" type="DURATION" value="P1W" temporalFunction="true" functionInDocument="NONE"/>
They meet again <TIMEX3 tid="t4" type="SET" value="P1Y" freq="1X">every year</TIMEX3>.
</TEXT>

<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>

</TimeML>
"#;

const TEXT: &str = "\nJake Sullivan and Wang Yi met in Bangkok on Friday & Saturday.\n\
Zhōngnánhǎi — 北京 said two days of talks were \"candid\".\n\
They meet again every year.\n";

/// The chars of `text` from `start` to `end`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn a_document_reads_as_tempeval_systems_see_it() {
    let doc = timeml::parse(DOCUMENT, "test.tml").expect("a valid TimeML document");
    assert_eq!(
        doc.text, TEXT,
        "tags stripped, entities decoded, nothing else"
    );
    assert_eq!(doc.dct_value, "2024-01-31T09:30");
    assert_eq!(doc.dct, NaiveDate::from_ymd_opt(2024, 1, 31).expect("day"));
    let found: Vec<(&str, TimexType, &str)> = doc
        .timexes
        .iter()
        .map(|t| (t.text.as_str(), t.kind, t.value.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("Friday", TimexType::Date, "2024-01-26"),
            ("two days", TimexType::Duration, "P2D"),
            ("every year", TimexType::Set, "P1Y"),
        ],
        "the creation time and the non-consuming TIMEX3 are not gold expressions"
    );
    for timex in &doc.timexes {
        assert_eq!(
            chars(&doc.text, timex.start, timex.end),
            timex.text,
            "offsets count chars: the accented letters and 北京 before \"two days\" count one each"
        );
    }
    let byte = TEXT.find("two days").expect("in the text");
    assert_eq!(doc.timexes[1].start, TEXT[..byte].chars().count());
    assert_ne!(doc.timexes[1].start, byte, "chars, not bytes");
}

#[test]
fn broken_documents_are_refused_naming_the_file_and_the_problem() {
    let replace = |from: &str, to: &str| DOCUMENT.replacen(from, to, 1);
    let cases = [
        (
            replace("functionInDocument=\"CREATION_TIME\"", ""),
            "has no creation time",
        ),
        (
            replace("<TEXT>", "<BODY>").replace("</TEXT>", "</BODY>"),
            "no <TEXT>",
        ),
        (
            replace("value=\"2024-01-31T09:30\"", "value=\"XXXX\""),
            "line 6, column 6: the creation time \"XXXX\" is not a day",
        ),
        (
            replace("type=\"SET\"", "type=\"WEEKLY\""),
            "TIMEX3 t4 has type \"WEEKLY\"",
        ),
        (
            replace(" value=\"P2D\"", ""),
            // Columns count chars: "Zhōngnánhǎi — 北京 said " is 22 of them.
            "line 12, column 23: TIMEX3 t2 has no value attribute",
        ),
        (
            replace(
                ">every year<",
                "><TIMEX3 tid=\"t9\" type=\"DATE\" value=\"2024\">every year</TIMEX3><",
            ),
            "a TIMEX3 inside another TIMEX3",
        ),
        (replace("&amp;", "&nbsp;"), "unknown entity &nbsp;"),
        (replace("</SIGNAL>", "</SIGNAL"), "line 11"),
        (
            replace("</TEXT>", "</TEXT><TEXT>x</TEXT>"),
            "a second <TEXT>",
        ),
    ];
    for (xml, says) in cases {
        let err = timeml::parse(&xml, "broken.tml").expect_err(says);
        let message = err.to_string();
        assert!(
            message.contains("broken.tml") && message.contains(says),
            "expected the file and {says:?} in: {message}"
        );
    }
}

#[test]
fn files_are_read_bounded_and_as_utf8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.tml");
    std::fs::write(&good, DOCUMENT).expect("write");
    let doc = timeml::read_file(&good).expect("reads");
    assert_eq!(doc.name, good.display().to_string());
    assert_eq!(doc.timexes.len(), 3);

    let latin1 = dir.path().join("latin1.tml");
    let (head, tail) = DOCUMENT.split_once("Zhōngnánhǎi — 北京").expect("split");
    std::fs::write(
        &latin1,
        [head.as_bytes(), b"Caf\xE9", tail.as_bytes()].concat(),
    )
    .expect("write");
    let err = timeml::read_file(&latin1).expect_err("not UTF-8");
    assert!(err.to_string().contains("latin1.tml"), "{err}");

    let huge = dir.path().join("huge.tml");
    let size = usize::try_from(MAX_ARTICLE_BYTES).expect("fits") + 1;
    std::fs::write(&huge, vec![b' '; size]).expect("write");
    let err = timeml::read_file(&huge).expect_err("over the article limit");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot read {}: the file is larger than 5 MiB, the most Bilateral reads as one article",
            huge.display()
        )
    );
}

#[test]
fn a_written_document_reads_back_the_same() {
    let text = "On 3 <May> & \"June\" 2024,\r\nin Zürich — 北京 — they met twice.";
    let at = |needle: &str| {
        let byte = text.find(needle).expect("needle");
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let timex = |needle: &str, kind, value: &str| {
        let (start, end) = at(needle);
        Timex {
            start,
            end,
            text: needle.to_owned(),
            kind,
            value: value.to_owned(),
        }
    };
    let timexes = vec![
        timex("3 <May>", TimexType::Date, "2024-05-03"),
        timex("\"June\" 2024", TimexType::Date, "2024-06"),
        timex("twice", TimexType::Set, "R2 & \"more\""),
    ];
    let xml = timeml::write("doc<1>", "2024-07-01", text, &timexes).expect("writes");
    let back = timeml::parse(&xml, "written.tml").expect("reads back");
    assert_eq!(
        back.text, text,
        "the text, carriage return included, survives"
    );
    assert_eq!(back.timexes, timexes);
    assert_eq!(back.dct_value, "2024-07-01");

    let overlapping = vec![timexes[0].clone(), timexes[0].clone()];
    let err = timeml::write("d", "2024-07-01", text, &overlapping).expect_err("overlap");
    assert!(err.to_string().contains("overlaps"), "{err}");
    let outside = Timex {
        start: 100,
        end: 120,
        ..timexes[0].clone()
    };
    assert!(timeml::write("d", "2024-07-01", text, &[outside]).is_err());
}

#[test]
fn gold_scored_against_itself_is_perfect_and_errors_carry_context() {
    let doc = timeml::parse(DOCUMENT, "test.tml").expect("valid");
    let perfect = score::score_document(&doc.name, &doc.text, &doc.timexes, &doc.timexes);
    let m = perfect.measures();
    assert_eq!(
        (m.strict.f1, m.relaxed.f1, m.value_f1, m.type_f1),
        (1.0, 1.0, 1.0, 1.0)
    );
    assert!(perfect.errors.is_empty());

    // A tagger that found "on Friday" (with the preposition) at the wrong day, and missed
    // the rest.
    let (start, end) = (doc.timexes[0].start - 3, doc.timexes[0].end);
    let ours = Timex {
        start,
        end,
        text: chars(&doc.text, start, end),
        kind: TimexType::Date,
        value: "2024-02-02".into(),
    };
    let scored = score::score_document(&doc.name, &doc.text, &doc.timexes, &[ours]);
    let c = scored.counts;
    assert_eq!(
        (c.gold, c.system, c.strict, c.relaxed, c.value_match),
        (3, 1, 0, 1, 0)
    );
    let m = scored.measures();
    assert!((m.relaxed.f1 - 0.5).abs() < 1e-9, "P 1, R 1/3: F1 1/2");
    assert_eq!(m.value_f1, 0.0);
    let kinds: Vec<ErrorKind> = scored.errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ErrorKind::Span,
            ErrorKind::Value,
            ErrorKind::Missed,
            ErrorKind::Missed
        ]
    );
    assert!(
        scored.errors[0]
            .context
            .contains("Bangkok {on [Friday]} & Saturday"),
        "{}",
        scored.errors[0].context
    );
    assert!(
        !scored.errors[2].context.contains('\n'),
        "context is one line"
    );
}

#[test]
fn a_document_with_nothing_to_find_is_refused_nothing() {
    let empty = DOCUMENT
        .split("<TEXT>")
        .next()
        .map(|head| format!("{head}<TEXT>\nNo dates at all.\n</TEXT></TimeML>"))
        .expect("head");
    let doc = timeml::parse(&empty, "empty.tml").expect("valid");
    assert!(doc.timexes.is_empty());
    let m = score::score_document(&doc.name, &doc.text, &[], &[]).measures();
    assert_eq!(m.value_f1, 1.0, "nothing to find, nothing found");
    let err = timeml::parse("<TimeML><DCT></DCT><TEXT>x</TEXT></TimeML>", "nodct.tml")
        .expect_err("no creation time");
    assert!(matches!(err, Error::Read { .. }), "{err:?}");
}

//! spaCy / Prodigy JSONL: one document per line,
//! `{"text": …, "spans": [{"start", "end", "label", "score"?, "text"?}], "meta": {…}?}`.
//!
//! Where `"spans"` is missing, `"ents"` (spaCy's `Doc.to_json()`) is read
//! instead. Prodigy records answered `"reject"` or `"ignore"` are skipped:
//! their spans are what the annotator turned down.

use serde::Deserialize as _;
use serde_json::Value;

use super::jsonl::{self, Record};
use super::{ImportedDoc, JsonSpan, ReadOutcome};

/// The document of one record (read at `at`, `FILE:LINE`), or `None` with
/// the reason in `out`.
pub(super) fn record_doc(at: &str, record: &Record, out: &mut ReadOutcome) -> Option<ImportedDoc> {
    if let Some(answer) = record.get("answer").and_then(Value::as_str)
        && answer != "accept"
    {
        out.problems.push(format!(
            "{at}: Prodigy answer is {answer:?}, not \"accept\"; record skipped"
        ));
        out.skipped_records += 1;
        return None;
    }
    let read = jsonl::text(record, at, &mut out.problems)
        .and_then(|text| Some((text, spans(record, at, &mut out.problems)?)));
    let Some((text, (spans, skipped_spans))) = read else {
        out.skipped_records += 1;
        return None;
    };
    Some(ImportedDoc {
        source: at.to_owned(),
        name: jsonl::name(record, false),
        text,
        spans,
        relations: Vec::new(),
        links: Vec::new(),
        skipped_spans,
    })
}

/// The record's spans, and how many were left out; `None` (reported) if
/// `"spans"` is not a list. A span that does not parse is reported and left
/// out.
fn spans(record: &Record, at: &str, problems: &mut Vec<String>) -> Option<(Vec<JsonSpan>, usize)> {
    let (key, list) = match (record.get("spans"), record.get("ents")) {
        (Some(Value::Array(list)), _) => ("spans", list),
        (None | Some(Value::Null), Some(Value::Array(list))) => ("ents", list),
        (None | Some(Value::Null), _) => return Some((Vec::new(), 0)),
        (Some(other), _) => {
            problems.push(format!(
                "{at}: \"spans\" is {}, not a list; record skipped",
                jsonl::kind(other)
            ));
            return None;
        }
    };
    let mut spans = Vec::with_capacity(list.len());
    for (i, value) in list.iter().enumerate() {
        match JsonSpan::deserialize(value) {
            Ok(JsonSpan {
                score: Some(score), ..
            }) if !(0.0..=1.0).contains(&score) => problems.push(format!(
                "{at}: {key}[{i}]: score {score} is not between 0 and 1; span skipped"
            )),
            Ok(span) => spans.push(span),
            Err(e) => problems.push(format!("{at}: {key}[{i}]: {e}; span skipped")),
        }
    }
    let skipped = list.len() - spans.len();
    Some((spans, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spans_names_and_reports_bad_spans_and_rejected_answers() {
        let src = concat!(
            r#"{"text": "Ana met Bo", "spans": [{"start": 0, "end": 3, "label": "PER", "score": 0.5, "token_start": 0}, {"start": 8, "label": "PER"}], "meta": {"id": 12}}"#,
            "\n",
            r#"{"text": "x", "answer": "reject", "spans": []}"#,
            "\n",
            r#"{"text": "Bo", "ents": [{"start": 0, "end": 2, "label": "PER"}]}"#,
            "\n",
            r#"{"text": "Bo", "spans": {"sc": []}}"#,
            "\n",
        );
        let out = jsonl::parse_str("in.jsonl", src, record_doc);
        assert_eq!(out.docs.len(), 2);
        let first = &out.docs[0];
        assert_eq!(first.source, "in.jsonl:1");
        assert_eq!(first.name.as_deref(), Some("12"));
        assert_eq!((first.spans.len(), first.skipped_spans), (1, 1));
        assert_eq!(out.skipped_records, 2);
        assert_eq!(first.spans[0].score, Some(0.5));
        assert_eq!(out.docs[1].spans[0].end, 2);
        assert_eq!(out.problems.len(), 3, "{:?}", out.problems);
        assert!(out.problems[0].starts_with("in.jsonl:1: spans[1]: missing field `end`"));
        assert!(out.problems[1].starts_with("in.jsonl:2: Prodigy answer is \"reject\""));
        assert!(out.problems[2].starts_with("in.jsonl:4: \"spans\" is an object"));
    }
}

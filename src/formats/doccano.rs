//! doccano JSONL: one document per line, `{"text", "label": [[start, end,
//! label], …]}` (older exports; `"labels"` is read too) or `{"text",
//! "entities": [{"start_offset", "end_offset", "label", "id"?}]}` (exports of
//! projects with relations). The name comes from `meta.file`, `meta.id` or the
//! record's `"id"`.
//!
//! doccano's offsets are UTF-16 code units; [`super::read_with`] converts them.

use serde::Deserialize;
use serde_json::Value;

use super::jsonl::{self, Record};
use super::{ImportedDoc, JsonSpan, ReadOutcome};

/// One element of `"entities"`.
#[derive(Deserialize)]
struct Entity {
    start_offset: usize,
    end_offset: usize,
    label: String,
}

/// The document of one record (read at `at`, `FILE:LINE`), or `None` with
/// the reason in `out`.
pub(super) fn record_doc(at: &str, record: &Record, out: &mut ReadOutcome) -> Option<ImportedDoc> {
    let Some(text) = jsonl::text(record, at, &mut out.problems) else {
        out.skipped_records += 1;
        return None;
    };
    let (spans, skipped_spans) = spans(record, at, &mut out.problems);
    Some(ImportedDoc {
        source: at.to_owned(),
        name: jsonl::name(record, true),
        text,
        spans,
        relations: Vec::new(),
        skipped_spans,
    })
}

/// The spans of `"label"`, `"labels"` and `"entities"`, and how many were
/// left out: each one that does not parse is reported.
fn spans(record: &Record, at: &str, problems: &mut Vec<String>) -> (Vec<JsonSpan>, usize) {
    let mut spans = Vec::new();
    let mut skipped = 0;
    for key in ["label", "labels", "entities"] {
        let list = match record.get(key) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(list)) => list,
            Some(other) => {
                problems.push(format!(
                    "{at}: \"{key}\" is {}, not a list; ignored",
                    jsonl::kind(other)
                ));
                continue;
            }
        };
        if key != "entities" && !list.is_empty() && list.iter().all(Value::is_string) {
            problems.push(format!(
                "{at}: \"{key}\" holds document categories, not spans; ignored"
            ));
            continue;
        }
        for (i, value) in list.iter().enumerate() {
            let span = if key == "entities" {
                Entity::deserialize(value)
                    .map(|e| (e.start_offset, e.end_offset, e.label))
                    .map_err(|e| e.to_string())
            } else {
                <(usize, usize, String)>::deserialize(value)
                    .map_err(|_| format!("expected [start, end, \"label\"], found {value}"))
            };
            match span {
                Ok((start, end, label)) => spans.push(JsonSpan {
                    start,
                    end,
                    label,
                    score: None,
                    text: None,
                }),
                Err(e) => {
                    problems.push(format!("{at}: {key}[{i}]: {e}; span skipped"));
                    skipped += 1;
                }
            }
        }
    }
    (spans, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_variants_and_reports_what_it_cannot_use() {
        let src = concat!(
            r#"{"id": 41, "text": "Ana met Bo", "label": [[0, 3, "PER"], [8, "PER"]]}"#,
            "\n",
            r#"{"text": "Bo", "meta": {"file": "bo.txt"}, "entities": [{"id": 5, "start_offset": 0, "end_offset": 2, "label": "PER"}], "relations": []}"#,
            "\n",
            r#"{"text": "fine", "label": ["positive"]}"#,
            "\n",
        );
        let out = jsonl::parse_str("d.jsonl", src, record_doc);
        let names: Vec<_> = out.docs.iter().map(|d| d.name.as_deref()).collect();
        assert_eq!(names, vec![Some("41"), Some("bo"), None]);
        let ranges: Vec<_> = out.docs[..2]
            .iter()
            .flat_map(|d| d.spans.iter().map(|s| (s.start, s.end, s.label.as_str())))
            .collect();
        assert_eq!(ranges, vec![(0, 3, "PER"), (0, 2, "PER")]);
        assert_eq!(out.problems.len(), 2, "{:?}", out.problems);
        assert!(out.problems[0].starts_with("d.jsonl:1: label[1]: expected [start, end"));
        assert!(out.problems[1].starts_with("d.jsonl:3: \"label\" holds document categories"));
    }
}

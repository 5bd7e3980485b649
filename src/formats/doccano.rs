//! doccano JSONL: one document per line, `{"text", "label": [[start, end,
//! label], …]}` (older exports; `"labels"` is read too) or `{"text",
//! "entities": [{"id", "start_offset", "end_offset", "label", "kb_id"?}],
//! "relations": [{"id", "from_id", "to_id", "type"}]}` (exports of projects
//! with relations). A relation joins the entities whose `id`s it names; one
//! naming an entity the record does not hold (or one skipped) is reported
//! and skipped. `kb_id` (written by newsmark's export, not by doccano) links
//! the span to an entity of the registry. The name comes from `meta.file`,
//! `meta.id` or the record's `"id"`.
//!
//! doccano's offsets are UTF-16 code units; [`super::read_with`] converts them.

use serde::Deserialize;
use serde_json::Value;

use super::jsonl::{self, Record};
use super::{ImportedDoc, ImportedLink, ImportedRelation, JsonSpan, ReadOutcome};

/// One element of `"entities"`.
#[derive(Deserialize)]
struct Entity {
    #[serde(default)]
    id: Option<Value>,
    start_offset: usize,
    end_offset: usize,
    label: String,
    #[serde(default)]
    kb_id: Option<String>,
}

/// One element of `"relations"`.
#[derive(Deserialize)]
struct Relation {
    from_id: Value,
    to_id: Value,
    #[serde(rename = "type")]
    kind: String,
}

/// What the lists of a record give.
#[derive(Default)]
struct Read {
    spans: Vec<JsonSpan>,
    skipped: usize,
    /// Each entity's `id` (as JSON text) and its place in `spans`.
    ids: std::collections::HashMap<String, usize>,
    links: Vec<ImportedLink>,
}

/// The document of one record (read at `at`, `FILE:LINE`), or `None` with
/// the reason in `out`.
pub(super) fn record_doc(at: &str, record: &Record, out: &mut ReadOutcome) -> Option<ImportedDoc> {
    let Some(text) = jsonl::text(record, at, &mut out.problems) else {
        out.skipped_records += 1;
        return None;
    };
    let read = spans(record, at, &mut out.problems);
    let relations = relations(record, at, &read.ids, &mut out.problems);
    Some(ImportedDoc {
        source: at.to_owned(),
        name: jsonl::name(record, true),
        text,
        spans: read.spans,
        relations,
        links: read.links,
        skipped_spans: read.skipped,
    })
}

/// The relations of `"relations"` between entities of `ids`; each one that
/// does not parse or names an entity not read is reported and skipped.
fn relations(
    record: &Record,
    at: &str,
    ids: &std::collections::HashMap<String, usize>,
    problems: &mut Vec<String>,
) -> Vec<ImportedRelation> {
    jsonl::relations(record, at, problems, |value| {
        let r = Relation::deserialize(value).map_err(|e| e.to_string())?;
        let end = |key: &str, id: &Value| {
            ids.get(&id.to_string())
                .copied()
                .ok_or_else(|| format!("{key} {id} is not an entity read from this record"))
        };
        Ok(ImportedRelation {
            from: end("from_id", &r.from_id)?,
            to: end("to_id", &r.to_id)?,
            label: r.kind,
        })
    })
}

/// The spans of `"label"`, `"labels"` and `"entities"`, how many were
/// left out (each one that does not parse is reported), the entities' ids
/// and links.
fn spans(record: &Record, at: &str, problems: &mut Vec<String>) -> Read {
    let mut read = Read::default();
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
                    .map(|e| {
                        let place = read.spans.len();
                        if let Some(id) = e.id {
                            read.ids.insert(id.to_string(), place);
                        }
                        if let Some(entity) = e.kb_id.filter(|k| !k.is_empty()) {
                            read.links.push(ImportedLink {
                                span: place,
                                entity,
                            });
                        }
                        (e.start_offset, e.end_offset, e.label)
                    })
                    .map_err(|e| e.to_string())
            } else {
                <(usize, usize, String)>::deserialize(value)
                    .map_err(|_| format!("expected [start, end, \"label\"], found {value}"))
            };
            match span {
                Ok((start, end, label)) => read.spans.push(JsonSpan {
                    start,
                    end,
                    label,
                    score: None,
                    text: None,
                }),
                Err(e) => {
                    problems.push(format!("{at}: {key}[{i}]: {e}; span skipped"));
                    read.skipped += 1;
                }
            }
        }
    }
    read
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

    #[test]
    fn relations_join_entities_by_id_and_dangling_ones_are_reported() {
        let src = concat!(
            r#"{"text": "Ana is minister", "entities": ["#,
            r#"{"id": 7, "start_offset": 0, "end_offset": 3, "label": "person", "kb_id": "ana"}, "#,
            r#"{"id": 9, "start_offset": 7, "end_offset": 15, "label": "role"}, "#,
            r#"{"id": 4, "start_offset": 7, "label": "role"}], "#,
            r#""relations": [{"id": 1, "from_id": 7, "to_id": 9, "type": "holds"}, "#,
            r#"{"id": 2, "from_id": 7, "to_id": 4, "type": "holds"}, "#,
            r#"{"id": 3, "from_id": 99, "to_id": 9, "type": "of"}, {"id": 4}]}"#,
        );
        let out = jsonl::parse_str("d.jsonl", src, record_doc);
        let doc = &out.docs[0];
        let holds = ImportedRelation {
            label: "holds".to_owned(),
            from: 0,
            to: 1,
        };
        assert_eq!(doc.relations, [holds]);
        let link = ImportedLink {
            span: 0,
            entity: "ana".to_owned(),
        };
        assert_eq!(doc.links, [link]);
        let problems = &out.problems;
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("d.jsonl:1: entities[2]: missing field `end_offset`"));
        assert_eq!(
            problems[1],
            "d.jsonl:1: relations[1]: to_id 4 is not an entity read from this record; \
             relation skipped"
        );
        assert!(problems[2].starts_with("d.jsonl:1: relations[2]: from_id 99 is not"));
        assert!(problems[3].starts_with("d.jsonl:1: relations[3]: missing field"));
    }
}

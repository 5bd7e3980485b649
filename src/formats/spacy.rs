//! spaCy / Prodigy JSONL: one document per line,
//! `{"text": …, "spans": [{"start", "end", "label", "score"?, "text"?}], "meta": {…}?}`.
//!
//! Where `"spans"` is missing, `"ents"` (spaCy's `Doc.to_json()`) is read
//! instead. Prodigy records answered `"reject"` or `"ignore"` are skipped:
//! their spans are what the annotator turned down.
//!
//! A span's `"kb_id"` (as newsmark's export writes it) links it to that
//! entity of the registry. `"relations"` (Prodigy's relation format, as
//! newsmark's export writes it: `{"head", "child", "head_span",
//! "child_span", "label"}`) are read by their `head_span` and `child_span`
//! offsets (and label, if given), which must be those of a span of the
//! record; the token indices are not needed. A relation that names no
//! span of the record is reported and skipped.

use serde::Deserialize;
use serde_json::Value;

use super::jsonl::{self, Record};
use super::repeats::{Given, Repeats};
use super::{ImportedDoc, ImportedLink, ImportedRelation, JsonSpan, ReadOutcome};

/// The document of one record (read at `at`, `FILE:LINE`), or `None` with
/// the reason in `out`. Entries that say again what an earlier one said
/// are read as it, each a warning in `out` (see [`super::repeats`]).
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
    let mut repeats = Repeats::new(at);
    let read = jsonl::text(record, at, &mut out.problems)
        .and_then(|text| Some((text, spans(record, &mut repeats, &mut out.problems)?)));
    let Some((text, (spans, links, skipped_spans))) = read else {
        out.skipped_records += 1;
        return None;
    };
    let relations = relations(record, &spans, &mut repeats, &mut out.problems);
    out.warnings.append(&mut repeats.warnings);
    Some(ImportedDoc {
        source: at.to_owned(),
        name: jsonl::name(record, false),
        text,
        spans,
        relations,
        links,
        skipped_spans,
    })
}

/// One end of a Prodigy relation: its span's offsets (and label).
#[derive(Deserialize)]
struct RelationEnd {
    start: usize,
    end: usize,
    #[serde(default)]
    label: Option<String>,
}

/// A Prodigy relation, as far as newsmark reads it.
#[derive(Deserialize)]
struct ProdigyRelation {
    head_span: RelationEnd,
    child_span: RelationEnd,
    label: String,
}

/// The relations of `"relations"` between spans of `spans`; each one that
/// does not parse or names no span read is reported and skipped, one that
/// repeats an earlier one read as it (a warning in `repeats`).
fn relations(
    record: &Record,
    spans: &[JsonSpan],
    repeats: &mut Repeats<'_>,
    problems: &mut Vec<String>,
) -> Vec<ImportedRelation> {
    let find = |key: &str, e: &RelationEnd| {
        spans
            .iter()
            .position(|s| {
                (s.start, s.end) == (e.start, e.end)
                    && e.label.as_ref().is_none_or(|l| *l == s.label)
            })
            .ok_or_else(|| {
                format!(
                    "{key} {}..{} is not a span read from this record",
                    e.start, e.end
                )
            })
    };
    jsonl::relations(record, problems, repeats, |i, value| {
        let r = ProdigyRelation::deserialize(value).map_err(|e| e.to_string())?;
        let relation = ImportedRelation {
            from: find("head_span", &r.head_span)?,
            to: find("child_span", &r.child_span)?,
            label: r.label,
        };
        Ok((relation, Given::entry("relations", i, None)))
    })
}

/// The record's spans, their entity links (`"kb_id"`) and how many were
/// left out; `None` (reported) if `"spans"` is not a list. A span that does
/// not parse is reported and left out; one with the label, offsets and
/// quote of an earlier one is read as it (a warning in `repeats`, its link
/// joining the earlier span's: another entity is a problem).
fn spans(
    record: &Record,
    repeats: &mut Repeats<'_>,
    problems: &mut Vec<String>,
) -> Option<(Vec<JsonSpan>, Vec<ImportedLink>, usize)> {
    let at = repeats.file();
    let (key, list) = match (record.get("spans"), record.get("ents")) {
        (Some(Value::Array(list)), _) => ("spans", list),
        (None | Some(Value::Null), Some(Value::Array(list))) => ("ents", list),
        (None | Some(Value::Null), _) => return Some((Vec::new(), Vec::new(), 0)),
        (Some(other), _) => {
            problems.push(format!(
                "{at}: \"spans\" is {}, not a list; record skipped",
                jsonl::kind(other)
            ));
            return None;
        }
    };
    let mut spans = Vec::with_capacity(list.len());
    let mut links = Vec::new();
    let mut skipped = 0;
    for (i, value) in list.iter().enumerate() {
        match JsonSpan::deserialize(value) {
            Ok(JsonSpan {
                score: Some(score), ..
            }) if !(0.0..=1.0).contains(&score) => {
                problems.push(format!(
                    "{at}: {key}[{i}]: score {score} is not between 0 and 1; span skipped"
                ));
                skipped += 1;
            }
            Ok(span) => {
                let given = Given::entry(key, i, None);
                let place = repeats.add_span(given.clone(), span, &mut spans);
                let kb_id = value.get("kb_id").and_then(Value::as_str);
                if let Some(entity) = kb_id.filter(|k| !k.is_empty()) {
                    let link = ImportedLink {
                        span: place,
                        entity: entity.to_owned(),
                    };
                    repeats.link(given, link, &mut links, problems, false);
                }
            }
            Err(e) => {
                problems.push(format!("{at}: {key}[{i}]: {e}; span skipped"));
                skipped += 1;
            }
        }
    }
    Some((spans, links, skipped))
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

    #[test]
    fn reads_relations_by_their_spans_offsets_and_links_by_kb_id() {
        let src = concat!(
            r#"{"text": "Ana, minister", "spans": [{"start": 0, "end": 3, "label": "person", "kb_id": "ana"}, {"start": 5, "end": 13, "label": "role"}], "#,
            r#""relations": [{"head": 0, "child": 2, "head_span": {"start": 0, "end": 3, "label": "person"}, "child_span": {"start": 5, "end": 13}, "label": "holds"}, "#,
            r#"{"head": 0, "child": 2, "head_span": {"start": 0, "end": 3, "label": "role"}, "child_span": {"start": 5, "end": 13}, "label": "holds"}, "#,
            r#"{"head": 0, "child": 2, "head_span": {"start": 0, "end": 4}, "child_span": {"start": 5, "end": 13}, "label": "holds"}, "#,
            r#"{"head": 0, "child": 2, "label": "holds"}]}"#,
            "\n",
        );
        let out = jsonl::parse_str("r.jsonl", src, record_doc);
        let doc = &out.docs[0];
        let holds = ImportedRelation {
            label: "holds".to_owned(),
            from: 0,
            to: 1,
        };
        assert_eq!(doc.relations, [holds]);
        assert_eq!(
            doc.links,
            [ImportedLink {
                span: 0,
                entity: "ana".to_owned()
            }]
        );
        assert_eq!(out.problems.len(), 3, "{:?}", out.problems);
        assert!(out.problems[0].starts_with(
            "r.jsonl:1: relations[1]: head_span 0..3 is not a span read from this record"
        ));
        assert!(out.problems[1].contains("relations[2]: head_span 0..4 is not"));
        assert!(out.problems[2].contains("relations[3]: missing field `head_span`"));
    }
}

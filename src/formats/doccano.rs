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

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::jsonl::{self, Record};
use super::repeats::{Given, Repeats};
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
    #[serde(default)]
    id: Option<Value>,
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
    /// Each entity `id` (as JSON text): the entity that has it.
    ids: HashMap<String, HasId>,
    links: Vec<ImportedLink>,
}

/// The entity an `id` names.
enum HasId {
    /// The span at this place in [`Read::spans`], first given by the entry
    /// named so.
    Span(usize, String),
    /// Two entities that are not one span have this id: relations naming
    /// it are skipped (which one they mean cannot be told).
    Both(String, String),
}

/// The document of one record (read at `at`, `FILE:LINE`), or `None` with
/// the reason in `out`. Entries that say again what an earlier one said
/// are read as it, each a warning in `out` (see [`super::repeats`]).
pub(super) fn record_doc(at: &str, record: &Record, out: &mut ReadOutcome) -> Option<ImportedDoc> {
    let Some(text) = jsonl::text(record, at, &mut out.problems) else {
        out.skipped_records += 1;
        return None;
    };
    let mut repeats = Repeats::new(at);
    let read = spans(record, &mut repeats, &mut out.problems);
    let relations = relations(record, &read, &mut repeats, &mut out.problems);
    out.warnings.append(&mut repeats.warnings);
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

/// The relations of `"relations"` between entities of `read`; each one
/// that does not parse, names an entity not read (or an id two entities
/// have), or has the id of another relation read is reported and skipped;
/// one that repeats an earlier one is read as it (a warning).
fn relations<'a>(
    record: &Record,
    read: &Read,
    repeats: &mut Repeats<'a>,
    problems: &mut Vec<String>,
) -> Vec<ImportedRelation> {
    // Each relation id read: the relation and the entry that gave it.
    let mut seen: HashMap<String, (ImportedRelation, String)> = HashMap::new();
    jsonl::relations(record, problems, repeats, |i, value| {
        let r = Relation::deserialize(value).map_err(|e| e.to_string())?;
        let end = |key: &str, id: &Value| match read.ids.get(&id.to_string()) {
            Some(HasId::Span(place, _)) => Ok(*place),
            Some(HasId::Both(first, second)) => Err(format!(
                "{key} {id} names two different entities ({first} and {second}); which one is \
                 meant cannot be told"
            )),
            None => Err(format!("{key} {id} is not an entity read from this record")),
        };
        let relation = ImportedRelation {
            from: end("from_id", &r.from_id)?,
            to: end("to_id", &r.to_id)?,
            label: r.kind,
        };
        let given = Given::entry("relations", i, r.id.as_ref());
        if let Some(id) = &r.id {
            match seen.get(&id.to_string()) {
                Some((first, name)) if *first != relation => {
                    let span = |place: usize| {
                        let s = &read.spans[place];
                        format!("{} {}..{}", s.label, s.start, s.end)
                    };
                    return Err(format!(
                        "id {id} is {name}'s, another relation ({} from {} to {})",
                        first.label,
                        span(first.from),
                        span(first.to)
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert(id.to_string(), (relation.clone(), given.to_string()));
                }
            }
        }
        Ok((relation, given))
    })
}

/// The spans of `"label"`, `"labels"` and `"entities"`, how many were
/// left out (each one that does not parse is reported), the entities' ids
/// and links. An entry with the label, offsets (and link) of an earlier one
/// is read as it (a warning in `repeats`); one with another entity's id but
/// other offsets or label is reported and skipped.
fn spans<'a>(record: &Record, repeats: &mut Repeats<'a>, problems: &mut Vec<String>) -> Read {
    let at = repeats.file();
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
            let entry = if key == "entities" {
                Entity::deserialize(value).map_err(|e| e.to_string())
            } else {
                <(usize, usize, String)>::deserialize(value)
                    .map(|(start_offset, end_offset, label)| Entity {
                        id: None,
                        start_offset,
                        end_offset,
                        label,
                        kb_id: None,
                    })
                    .map_err(|_| format!("expected [start, end, \"label\"], found {value}"))
            };
            match entry {
                Ok(entity) => read.entity(key, i, entity, repeats, problems),
                Err(e) => {
                    problems.push(format!("{at}: {key}[{i}]: {e}; span skipped"));
                    read.skipped += 1;
                }
            }
        }
    }
    read
}

impl Read {
    /// Adds the entry `key[i]`, `entity`: its span (or the earlier one it
    /// repeats), id and link.
    fn entity<'a>(
        &mut self,
        key: &'static str,
        i: usize,
        entity: Entity,
        repeats: &mut Repeats<'a>,
        problems: &mut Vec<String>,
    ) {
        let given = Given::entry(key, i, entity.id.as_ref());
        let span = JsonSpan {
            start: entity.start_offset,
            end: entity.end_offset,
            label: entity.label,
            score: None,
            text: None,
        };
        let name = given.to_string();
        let id = entity.id.map(|id| id.to_string());
        let earlier = id.as_ref().and_then(|id| match self.ids.get(id) {
            Some(HasId::Span(place, first)) => Some((&self.spans[*place], first.clone())),
            _ => None,
        });
        if let (Some(id), Some((s, first))) = (&id, earlier)
            && (&s.label, s.start, s.end) != (&span.label, span.start, span.end)
        {
            problems.push(format!(
                "{}: {name}: id {id} is {first}'s, another span ({} {}..{}); span skipped, and \
                 relations naming id {id} are skipped too",
                repeats.file(),
                s.label,
                s.start,
                s.end
            ));
            self.ids.insert(id.clone(), HasId::Both(first, name));
            self.skipped += 1;
            return;
        }
        let place = repeats.add_span(given.clone(), span, &mut self.spans);
        if let Some(id) = id {
            self.ids.entry(id).or_insert(HasId::Span(place, name));
        }
        if let Some(entity) = entity.kb_id.filter(|k| !k.is_empty()) {
            let link = ImportedLink {
                span: place,
                entity,
            };
            repeats.link(given, link, &mut self.links, problems, false);
        }
    }
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

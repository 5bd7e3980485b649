//! Checking an annotation set against its document and label schema: what
//! breaks the set's invariants ([`Invalid`]).

use std::collections::HashSet;

use super::{AnnotationSet, Document, LabelSchema, Relation, RelationId, Span, SpanId};

/// Why a span breaks the annotation set's invariants.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// `start >= end`.
    #[error("empty span: start {start} is not before end {end}")]
    Empty {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
    },
    /// The range goes past the end of the text.
    #[error("offsets {start}..{end} are outside the text ({})", crate::plural::counted(*len, "character", "characters"))]
    OutOfRange {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// The stored quote is not the text at the offsets.
    #[error("quote {quote:?} does not match the text at {start}..{end}, which is {actual:?}")]
    QuoteMismatch {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// The stored quote.
        quote: String,
        /// What the text holds there.
        actual: String,
    },
    /// The label is not in the schema.
    #[error("unknown label {0:?}")]
    UnknownLabel(String),
    /// Another span already has this id.
    #[error("duplicate id")]
    DuplicateId,
}

/// What is wrong with a relation of a set. Such a relation is kept as it
/// is (saved back unchanged) and reported, never dropped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidRelation {
    /// An end names no span or orphan of the set.
    #[error("{end} span {span} is not in the file; the relation is kept as it is")]
    Dangling {
        /// `"from"` or `"to"`.
        end: &'static str,
        /// The missing span's id.
        span: SpanId,
    },
    /// The type is not one of the schema's relation types.
    #[error("unknown relation type {0:?}")]
    UnknownType(String),
    /// An end's label is not one the type allows there.
    #[error("{relation:?} does not allow a {label:?} span as its {end} (span {span})")]
    DisallowedArgument {
        /// The relation type.
        relation: String,
        /// `"from"` or `"to"`.
        end: &'static str,
        /// The end's span.
        span: SpanId,
        /// The end's label.
        label: String,
    },
}

impl AnnotationSet {
    /// Checks one relation against the set's spans and orphans and the
    /// schema.
    pub fn check_relation(
        &self,
        relation: &Relation,
        schema: &LabelSchema,
    ) -> Vec<InvalidRelation> {
        let mut problems = Vec::new();
        let def = schema.relation(&relation.label);
        if def.is_none() {
            problems.push(InvalidRelation::UnknownType(relation.label.clone()));
        }
        for (end, id) in [("from", relation.from), ("to", relation.to)] {
            let Some(span) = self.get(id).or_else(|| self.orphan(id)) else {
                problems.push(InvalidRelation::Dangling { end, span: id });
                continue;
            };
            let allowed = def.is_none_or(|def| match end {
                "from" => def.allows_from(&span.label),
                _ => def.allows_to(&span.label),
            });
            if !allowed {
                problems.push(InvalidRelation::DisallowedArgument {
                    relation: relation.label.clone(),
                    end,
                    span: id,
                    label: span.label.clone(),
                });
            }
        }
        problems
    }

    /// Every problem of the set's relations ([`Self::check_relation`]),
    /// by relation id.
    pub fn validate_relations(&self, schema: &LabelSchema) -> Vec<(RelationId, InvalidRelation)> {
        self.relations()
            .flat_map(|r| {
                self.check_relation(r, schema)
                    .into_iter()
                    .map(move |p| (r.id, p))
            })
            .collect()
    }

    /// Checks one span against the document and schema (not ids).
    pub fn check_span(span: &Span, doc: &Document, schema: &LabelSchema) -> Vec<Invalid> {
        let mut problems = Vec::new();
        if span.start >= span.end {
            problems.push(Invalid::Empty {
                start: span.start,
                end: span.end,
            });
        } else if span.end > doc.char_len() {
            problems.push(Invalid::OutOfRange {
                start: span.start,
                end: span.end,
                len: doc.char_len(),
            });
        } else if let Some(actual) = doc.slice(span.start..span.end)
            && actual != span.text
        {
            problems.push(Invalid::QuoteMismatch {
                start: span.start,
                end: span.end,
                quote: span.text.clone(),
                actual: actual.to_owned(),
            });
        }
        if !schema.contains(&span.label) {
            problems.push(Invalid::UnknownLabel(span.label.clone()));
        }
        problems
    }

    /// Every invariant violation in the set, with the span id it concerns.
    pub fn validate(&self, doc: &Document, schema: &LabelSchema) -> Vec<(SpanId, Invalid)> {
        let mut seen = HashSet::new();
        let mut problems = Vec::new();
        for span in self.spans() {
            if !seen.insert(span.id) {
                problems.push((span.id, Invalid::DuplicateId));
            }
            for p in Self::check_span(span, doc, schema) {
                problems.push((span.id, p));
            }
        }
        problems
    }
}

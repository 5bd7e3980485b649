//! Checking an annotation set against its document and label schema: what
//! breaks the set's invariants ([`Invalid`]).

use std::collections::HashSet;

use super::{AnnotationSet, Document, LabelSchema, Span, SpanId};

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

impl AnnotationSet {
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

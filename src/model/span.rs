//! A labelled stretch of a document's text.

use serde::{Deserialize, Serialize};

/// A span's identifier, unique within its document and stable across saves.
pub type SpanId = u64;

/// Where a span came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Origin {
    /// Made by a person in newsmark (or written as gold by hand).
    #[default]
    Manual,
    /// Suggested by the named extractor (spaCy, an LLM, rules, …).
    Extractor(String),
    /// Taken into the gold from the named annotator's file in curation
    /// (`ana`; `ana+bob` for a span several annotators agreed on).
    Annotator(String),
}

/// Where a span stands in review.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    /// A suggestion nobody has reviewed yet.
    Pending,
    /// Part of the annotation.
    #[default]
    Accepted,
    /// A suggestion that was turned down; kept so it is not offered again.
    Rejected,
}

/// A labelled code-point range `[start, end)` of a document, with its quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// Stable identifier, unique within the document.
    pub id: SpanId,
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point (exclusive).
    pub end: usize,
    /// Label name, normally one of the schema's.
    pub label: String,
    /// The quoted text, `text[start..end]`, used to check the offsets.
    pub text: String,
    /// Who made the span.
    #[serde(default)]
    pub origin: Origin,
    /// Extractor confidence in `0.0..=1.0`, if it gave one.
    #[serde(default)]
    pub score: Option<f64>,
    /// Review status.
    #[serde(default)]
    pub status: Status,
}

impl Span {
    /// A manual, accepted span.
    pub fn manual(id: SpanId, start: usize, end: usize, label: &str, text: &str) -> Self {
        Self {
            id,
            start,
            end,
            label: label.to_owned(),
            text: text.to_owned(),
            origin: Origin::Manual,
            score: None,
            status: Status::Accepted,
        }
    }

    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing (an invalid span).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the span covers code point `pos`.
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }

    /// The order spans are kept and written in: by start, longer (outer) spans
    /// first, then by id.
    pub fn sort_key(&self) -> (usize, std::cmp::Reverse<usize>, SpanId) {
        (self.start, std::cmp::Reverse(self.end), self.id)
    }
}

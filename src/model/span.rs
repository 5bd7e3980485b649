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

impl Origin {
    /// The extractor's name, for a suggestion made by one.
    pub fn extractor(&self) -> Option<&str> {
        match self {
            Self::Extractor(name) => Some(name),
            _ => None,
        }
    }
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
    /// The entity of the registry (`entities.ron`) this span mentions, by
    /// id, if it is linked to one. Written as a plain string
    /// (`entity: "issa-zarepour"`), left out when there is none.
    #[serde(
        default,
        with = "plain_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub entity: Option<String>,
    /// Where the link to [`Self::entity`] stands in review: `Pending` for a
    /// suggested link, `Rejected` for one turned down (kept so it is not
    /// offered again), `Accepted` (the default) for a link made or
    /// accepted by a person. Meaningless without an entity.
    #[serde(default)]
    pub entity_status: Status,
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
            entity: None,
            entity_status: Status::Accepted,
        }
    }

    /// The entity this span is linked to by an accepted link, if any.
    pub fn linked_entity(&self) -> Option<&str> {
        self.entity
            .as_deref()
            .filter(|_| self.entity_status == Status::Accepted)
    }

    /// Whether the span is accepted with a suggested entity link nobody
    /// has reviewed: work left in its document (a pending span's link is
    /// reviewed once the span is; a rejected span's not at all).
    pub fn has_pending_link(&self) -> bool {
        self.status == Status::Accepted
            && self.entity.is_some()
            && self.entity_status == Status::Pending
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

/// An optional string as the annotation file spells it: a plain string,
/// empty for none.
mod plain_option {
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::ref_option, reason = "the signature serde's `with` calls")]
    pub(super) fn serialize<S: Serializer>(
        value: &Option<String>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(value.as_deref().unwrap_or(""))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let value = String::deserialize(d)?;
        Ok((!value.is_empty()).then_some(value))
    }
}

//! A typed link between two spans of a document (`holds`: a person holds a
//! role), by span id.

use serde::{Deserialize, Serialize};

use super::{Origin, SpanId, Status};

/// A relation's identifier, unique within its document and stable across
/// saves (a numbering of its own, apart from span ids).
pub type RelationId = u64;

/// A relation of type `label` from span `from` to span `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Stable identifier, unique among the document's relations.
    pub id: RelationId,
    /// Relation type, normally one of the schema's
    /// ([`super::LabelSchema::relations`]).
    pub label: String,
    /// The span it starts from (a span or an orphan of the set).
    pub from: SpanId,
    /// The span it leads to.
    pub to: SpanId,
    /// Who made the relation.
    #[serde(default)]
    pub origin: Origin,
    /// Extractor confidence in `0.0..=1.0`, if it gave one.
    #[serde(default)]
    pub score: Option<f64>,
    /// Review status, as for spans: a suggested relation is `Pending`.
    #[serde(default)]
    pub status: Status,
}

impl Relation {
    /// A manual, accepted relation.
    pub fn manual(id: RelationId, label: &str, from: SpanId, to: SpanId) -> Self {
        Self {
            id,
            label: label.to_owned(),
            from,
            to,
            origin: Origin::Manual,
            score: None,
            status: Status::Accepted,
        }
    }

    /// Whether span `id` is one of its two ends.
    pub fn touches(&self, id: SpanId) -> bool {
        self.from == id || self.to == id
    }
}

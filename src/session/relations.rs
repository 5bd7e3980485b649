//! Relations and entity links as undoable edits: add, delete, retype and
//! review a relation; link a span to an entity, unlink it, review a
//! suggested link.

use super::Session;
use crate::model::{Edit, InvalidRelation, Relation, RelationId, SpanId, Status};

/// Why a relation cannot be made or changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RelationError {
    /// An end is not a span of the document.
    #[error("span {0} is not in the document")]
    NoSuchSpan(SpanId),
    /// There is no relation with this id.
    #[error("relation {0} is not in the document")]
    NoSuchRelation(RelationId),
    /// A relation from a span to itself.
    #[error("a relation needs two different spans")]
    SameSpan,
    /// The same relation (type and ends, either way round for a type that
    /// is not directed) exists.
    #[error("the same relation exists (relation {0})")]
    Exists(RelationId),
    /// The type is not in the schema, or does not allow an end's label.
    #[error("{0}")]
    Invalid(InvalidRelation),
}

impl Session {
    /// The edit that adds a manual relation of type `label` from span
    /// `from` to span `to`. Both must be spans of the document, of labels
    /// the type allows; the same relation must not exist.
    pub fn add_relation_edit(
        &self,
        label: &str,
        from: SpanId,
        to: SpanId,
    ) -> Result<Edit, RelationError> {
        for end in [from, to] {
            if self.set().get(end).is_none() {
                return Err(RelationError::NoSuchSpan(end));
            }
        }
        if from == to {
            return Err(RelationError::SameSpan);
        }
        let relation = Relation::manual(self.set().next_relation_id(), label, from, to);
        self.check_relation(&relation)?;
        Ok(Edit::AddRelation(relation))
    }

    /// Whether `relation` (new or changed) may be made: its type in the
    /// schema and allowing its ends, and no other relation the same.
    fn check_relation(&self, relation: &Relation) -> Result<(), RelationError> {
        if let Some(invalid) = self
            .set()
            .check_relation(relation, self.schema())
            .into_iter()
            .next()
        {
            return Err(RelationError::Invalid(invalid));
        }
        // A type that is not directed joins two spans either way round.
        let directed = self
            .schema()
            .relation(&relation.label)
            .is_none_or(|def| def.directed);
        let ends = (relation.from, relation.to);
        let same = self.set().relations_of(relation.from).find(|r| {
            r.id != relation.id
                && r.label == relation.label
                && ((r.from, r.to) == ends || (!directed && (r.to, r.from) == ends))
        });
        match same {
            Some(same) => Err(RelationError::Exists(same.id)),
            None => Ok(()),
        }
    }

    /// The edit that deletes relation `id`; `None` if there is none.
    pub fn delete_relation_edit(&self, id: RelationId) -> Option<Edit> {
        self.set().relation(id).cloned().map(Edit::RemoveRelation)
    }

    /// The edit that gives relation `id` the type `label` and accepts it
    /// (as relabelling a span does).
    pub fn retype_relation_edit(&self, id: RelationId, label: &str) -> Result<Edit, RelationError> {
        let before = self
            .set()
            .relation(id)
            .ok_or(RelationError::NoSuchRelation(id))?;
        let after = Relation {
            label: label.to_owned(),
            status: Status::Accepted,
            ..before.clone()
        };
        self.check_relation(&after)?;
        Ok(Edit::ReplaceRelation {
            before: before.clone(),
            after,
        })
    }

    /// The edit that gives relation `id` the review status `status`;
    /// `None` if there is no such relation or it has that status.
    pub fn review_relation_edit(&self, id: RelationId, status: Status) -> Option<Edit> {
        let before = self.set().relation(id)?;
        (before.status != status).then(|| Edit::ReplaceRelation {
            before: before.clone(),
            after: Relation {
                status,
                ..before.clone()
            },
        })
    }

    /// The edit that links span `id` to entity `entity` (an accepted link),
    /// or unlinks it (`None`); `None` if there is no such span or nothing
    /// changes.
    pub fn link_entity_edit(&self, id: SpanId, entity: Option<&str>) -> Option<Edit> {
        self.replace_edit(id, |span| {
            span.entity = entity.map(str::to_owned);
            span.entity_status = Status::Accepted;
        })
    }

    /// The edit that gives span `id`'s entity link the review status
    /// `status` (accept or reject a suggested link); `None` if the span has
    /// no link or the link has that status.
    pub fn review_link_edit(&self, id: SpanId, status: Status) -> Option<Edit> {
        self.set().get(id)?.entity.as_ref()?;
        self.replace_edit(id, |span| span.entity_status = status)
    }
}

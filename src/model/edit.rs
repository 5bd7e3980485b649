//! Edits of an annotation set, each with an exact inverse, and the undo
//! history built from them.

use super::{AnnotationSet, Relation, RelationId, Span, SpanId, Status};

/// One change to an annotation set. Applying an edit and then its
/// [`Edit::inverse`] leaves the set exactly as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add this span (its id must be free).
    Add(Span),
    /// Remove this span (it must be present, exactly).
    Remove(Span),
    /// Replace `before` by `after` (same id): relabel, move an edge, review.
    Replace {
        /// The span as it is now.
        before: Span,
        /// The span as it will be.
        after: Span,
    },
    /// Several edits applied in order, undone as one step.
    Batch(Vec<Edit>),
    /// Mark the document done (`true`) or not done.
    SetDone(bool),
    /// Keep this span as an orphan (its id must be free).
    AddOrphan(Span),
    /// Stop keeping this orphan (it must be present, exactly): it was
    /// deleted, or (in a batch with an [`Edit::Add`]) placed.
    RemoveOrphan(Span),
    /// Add this relation (its id must be free). Its ends are not checked
    /// here (a set may hold a relation read with a missing end, and undo
    /// must restore it): [`crate::session::Session::add_relation_edit`]
    /// makes only relations between spans that are there.
    AddRelation(Relation),
    /// Remove this relation (it must be present, exactly).
    RemoveRelation(Relation),
    /// Replace relation `before` by `after` (same id): retype, review.
    ReplaceRelation {
        /// The relation as it is now.
        before: Relation,
        /// The relation as it will be.
        after: Relation,
    },
}

/// Why an edit could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// Adding a span whose id is taken.
    #[error("span id {0} is already used")]
    IdTaken(SpanId),
    /// Removing or replacing a span that is not there as expected.
    #[error("span {0} is not in the set as expected")]
    Missing(SpanId),
    /// Adding a relation whose id is taken.
    #[error("relation id {0} is already used")]
    RelationIdTaken(RelationId),
    /// Removing or replacing a relation that is not there as expected.
    #[error("relation {0} is not in the set as expected")]
    RelationMissing(RelationId),
    /// Marking done a document already done (or not done one not done).
    #[error("the document is already marked so")]
    AlreadyDone,
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Self {
        match self {
            Self::Add(span) => Self::Remove(span.clone()),
            Self::Remove(span) => Self::Add(span.clone()),
            Self::Replace { before, after } => Self::Replace {
                before: after.clone(),
                after: before.clone(),
            },
            Self::Batch(edits) => Self::Batch(edits.iter().rev().map(Self::inverse).collect()),
            Self::SetDone(done) => Self::SetDone(!done),
            Self::AddOrphan(span) => Self::RemoveOrphan(span.clone()),
            Self::RemoveOrphan(span) => Self::AddOrphan(span.clone()),
            Self::AddRelation(r) => Self::RemoveRelation(r.clone()),
            Self::RemoveRelation(r) => Self::AddRelation(r.clone()),
            Self::ReplaceRelation { before, after } => Self::ReplaceRelation {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// A short description for menus and the status bar ("add person").
    pub fn describe(&self) -> String {
        match self {
            Self::Add(s) => format!("add {}", s.label),
            Self::Remove(s) => format!("delete {}", s.label),
            Self::Replace { before, after } if before.label != after.label => {
                format!("relabel {} as {}", before.label, after.label)
            }
            Self::Replace { before, after } if before.status != after.status => {
                format!("{} {}", review_verb(after.status), after.label)
            }
            Self::Replace { before, after }
                if (&before.entity, before.entity_status)
                    != (&after.entity, after.entity_status) =>
            {
                match (&after.entity, after.entity_status) {
                    (None, _) => format!("unlink {}", after.label),
                    (Some(_), Status::Accepted) if before.entity == after.entity => {
                        format!("accept link of {}", after.label)
                    }
                    (Some(_), Status::Accepted) => format!("link {}", after.label),
                    (Some(_), Status::Rejected) => format!("reject link of {}", after.label),
                    (Some(_), Status::Pending) => format!("suggest link of {}", after.label),
                }
            }
            Self::Replace { before, after }
                if (before.start, before.end) != (after.start, after.end) =>
            {
                format!("resize {}", after.label)
            }
            Self::Replace { .. } => "change span".to_owned(),
            Self::Batch(edits) => match &edits[..] {
                [Self::RemoveOrphan(s), Self::Add(_)] => format!("place orphaned {}", s.label),
                [Self::Remove(_), Self::AddOrphan(s)] => format!("unplace orphaned {}", s.label),
                [
                    Self::RemoveRelation(_),
                    ..,
                    last @ (Self::Remove(_) | Self::RemoveOrphan(_)),
                ] if edits[..edits.len() - 1]
                    .iter()
                    .all(|e| matches!(e, Self::RemoveRelation(_))) =>
                {
                    let count = edits.len() - 1;
                    format!(
                        "{} and {}",
                        last.describe(),
                        crate::plural::counted(count, "relation", "relations")
                    )
                }
                _ => crate::plural::counted(edits.len(), "change", "changes"),
            },
            Self::SetDone(true) => "mark done".to_owned(),
            Self::SetDone(false) => "mark not done".to_owned(),
            Self::AddOrphan(s) => format!("keep orphaned {}", s.label),
            Self::RemoveOrphan(s) => format!("delete orphaned {}", s.label),
            Self::AddRelation(r) => format!("add relation {}", r.label),
            Self::RemoveRelation(r) => format!("delete relation {}", r.label),
            Self::ReplaceRelation { before, after } if before.label != after.label => {
                format!("retype relation {} as {}", before.label, after.label)
            }
            Self::ReplaceRelation { before, after } if before.status != after.status => {
                format!("{} relation {}", review_verb(after.status), after.label)
            }
            Self::ReplaceRelation { after, .. } => format!("change relation {}", after.label),
        }
    }
}

/// The review step that leads to `status`.
fn review_verb(status: Status) -> &'static str {
    match status {
        Status::Accepted => "accept",
        Status::Rejected => "reject",
        Status::Pending => "reopen",
    }
}

impl AnnotationSet {
    /// Applies an edit. On error the set is unchanged.
    pub fn apply(&mut self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Add(span) => {
                if self.insert(span.clone()) {
                    Ok(())
                } else {
                    Err(EditError::IdTaken(span.id))
                }
            }
            Edit::Remove(span) => {
                if self.get(span.id) != Some(span) {
                    return Err(EditError::Missing(span.id));
                }
                self.remove(span.id);
                Ok(())
            }
            Edit::Replace { before, after } => {
                if self.get(before.id) != Some(before) || before.id != after.id {
                    return Err(EditError::Missing(before.id));
                }
                self.remove(before.id);
                self.insert(after.clone());
                Ok(())
            }
            Edit::AddOrphan(span) => {
                if self.insert_orphan(span.clone()) {
                    Ok(())
                } else {
                    Err(EditError::IdTaken(span.id))
                }
            }
            Edit::RemoveOrphan(span) => {
                if self.orphan(span.id) != Some(span) {
                    return Err(EditError::Missing(span.id));
                }
                self.remove_orphan(span.id);
                Ok(())
            }
            Edit::AddRelation(relation) => {
                if self.insert_relation(relation.clone()) {
                    Ok(())
                } else {
                    Err(EditError::RelationIdTaken(relation.id))
                }
            }
            Edit::RemoveRelation(relation) => {
                if self.relation(relation.id) != Some(relation) {
                    return Err(EditError::RelationMissing(relation.id));
                }
                self.remove_relation(relation.id);
                Ok(())
            }
            Edit::ReplaceRelation { before, after } => {
                if self.relation(before.id) != Some(before) || before.id != after.id {
                    return Err(EditError::RelationMissing(before.id));
                }
                self.remove_relation(before.id);
                self.insert_relation(after.clone());
                Ok(())
            }
            Edit::SetDone(done) => {
                if self.is_done() == *done {
                    return Err(EditError::AlreadyDone);
                }
                self.set_done(*done);
                Ok(())
            }
            Edit::Batch(edits) => {
                for (done, e) in edits.iter().enumerate() {
                    if let Err(err) = self.apply(e) {
                        for undo in edits[..done].iter().rev() {
                            // Undoing what was just applied cannot fail.
                            if let Err(undo_err) = self.apply(&undo.inverse()) {
                                log::error!("undoing part of a failed batch edit: {undo_err}");
                            }
                        }
                        return Err(err);
                    }
                }
                Ok(())
            }
        }
    }
}

/// Identifies a state of the history, to tell whether the set differs from
/// what was last saved.
pub type StateId = u64;

/// The undo and redo stacks for one document's session.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(StateId, Edit)>,
    redo: Vec<(StateId, Edit)>,
    next_state: StateId,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            next_state: 1,
        }
    }

    /// Applies `edit` to `set` and records it; clears the redo stack.
    pub fn perform(&mut self, set: &mut AnnotationSet, edit: Edit) -> Result<(), EditError> {
        set.apply(&edit)?;
        let state = self.next_state;
        self.next_state += 1;
        self.undo.push((state, edit));
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; returns it, or `None` if there is nothing to undo.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Option<Edit> {
        let (state, edit) = self.undo.pop()?;
        if set.apply(&edit.inverse()).is_err() {
            self.undo.push((state, edit));
            return None;
        }
        self.redo.push((state, edit.clone()));
        Some(edit)
    }

    /// Redoes the last undone edit; returns it, or `None` if there is none.
    pub fn redo(&mut self, set: &mut AnnotationSet) -> Option<Edit> {
        let (state, edit) = self.redo.pop()?;
        if set.apply(&edit).is_err() {
            self.redo.push((state, edit));
            return None;
        }
        self.undo.push((state, edit.clone()));
        Some(edit)
    }

    /// The edit [`Self::undo`] would undo.
    pub fn peek_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|(_, e)| e)
    }

    /// The edit [`Self::redo`] would redo.
    pub fn peek_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|(_, e)| e)
    }

    /// The current state: equal to an earlier value exactly when the set is
    /// back to what it was then.
    pub fn state(&self) -> StateId {
        self.undo.last().map_or(0, |(s, _)| *s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn descriptions_say_what_a_review_step_did() {
        let before = Span {
            status: Status::Pending,
            ..Span::manual(1, 0, 4, "country", "Cuba")
        };
        let accept = Edit::Replace {
            before: before.clone(),
            after: Span {
                status: Status::Accepted,
                ..before.clone()
            },
        };
        assert_eq!(accept.describe(), "accept country");
        assert_eq!(accept.inverse().describe(), "reopen country");
        let resize = Edit::Replace {
            before: before.clone(),
            after: Span {
                end: 3,
                ..before.clone()
            },
        };
        assert_eq!(resize.describe(), "resize country");
    }

    #[test]
    fn a_batch_counts_its_changes_in_words() {
        let add = |id| Edit::Add(Span::manual(id, 0, 4, "country", "Cuba"));
        assert_eq!(Edit::Batch(vec![add(1)]).describe(), "1 change");
        assert_eq!(Edit::Batch(vec![add(1), add(2)]).describe(), "2 changes");
    }
}

//! Folder-wide review: accepting or rejecting, in one article's annotation
//! file, every pending suggestion a [`ReviewFilter`] passes, and taking
//! that back. Each file is read, changed and written whole through
//! [`Session::save`] (atomic, keeping the file it replaces as
//! `NAME.ron.bak`); a file that cannot be read, or is protected, is skipped
//! and never written. The files are flushed to the disk by one
//! [`store::sync_filesystem`] after the run, which the caller makes
//! (an fsync per file cost most of the time of a run over a folder).
//! What a run changed is kept on disk ([`TakeBackLog`]) for taking it back.

mod take_back;

pub use take_back::{TakeBackLog, TakeBackRecords};

use std::path::Path;

use super::{ReviewFilter, Session};
use crate::model::{AnnotationSet, Edit, LabelSchema, Relation, RelationId, Span, SpanId, Status};
use crate::store;

/// Why an article was left out of a folder-wide review.
#[derive(Debug, thiserror::Error)]
pub enum BulkSkip {
    /// Its text or annotation file could not be read.
    #[error("{name} cannot be read: {reason}")]
    Unreadable {
        /// The article's file name.
        name: String,
        /// Why.
        reason: String,
    },
    /// Its annotation file is protected (it failed to load).
    #[error("{name}: its annotation file is protected: {reason}")]
    Protected {
        /// The article's file name.
        name: String,
        /// Why it is protected.
        reason: String,
    },
    /// Writing it failed; it is unchanged.
    #[error("{name}: not saved: {reason}")]
    NotSaved {
        /// The article's file name.
        name: String,
        /// Why.
        reason: String,
    },
}

/// What a folder-wide review changed in one article's file.
#[derive(Clone, Debug)]
pub struct FileReviewed {
    /// The spans and relations whose status was set, by id: what taking
    /// it back resets.
    pub changed: ChangedIds,
    /// The annotations as saved.
    pub set: AnnotationSet,
}

/// The spans, entity links and relations a review changed in one
/// document, by id: what taking it back makes pending again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangedIds {
    /// The spans whose status it set, by id.
    pub spans: Vec<SpanId>,
    /// The relations, by id.
    pub relations: Vec<RelationId>,
    /// The spans whose entity link's status it set, by the span's id.
    pub links: Vec<SpanId>,
}

impl ChangedIds {
    /// How many suggestions, as a bulk action counts them
    /// ([`count_pending`]): spans, relations and links, a link whose span
    /// is among the spans going with it.
    pub fn len(&self) -> usize {
        let links_apart = self.links.iter().filter(|id| !self.spans.contains(id));
        self.spans.len() + self.relations.len() + links_apart.count()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The number of pending spans, entity links (of accepted spans) and
/// relations of `set` passing `filter`: what [`Session::bulk_status_edit`]
/// changes (the link of a pending span it accepts goes with its span, and
/// is not counted apart: it is not work left until the span is accepted).
pub fn count_pending(set: &AnnotationSet, filter: &ReviewFilter) -> usize {
    let spans = set
        .spans()
        .iter()
        .filter(|s| s.status == Status::Pending && filter.matches(s))
        .count();
    let relations = set
        .relations()
        .filter(|r| r.status == Status::Pending && filter.matches_relation(r))
        .count();
    spans + relations + super::count_pending_links(set, filter)
}

/// Sets the status of every pending span and relation passing `filter`
/// ([`Session::bulk_status_edit`]) in the
/// annotation file of article `txt`, saving it (flushed by the caller's
/// [`store::sync_filesystem`]); `Ok(None)` when none passes (the file is
/// not written).
pub fn review_file(
    txt: &Path,
    schema: &LabelSchema,
    filter: &ReviewFilter,
    status: Status,
) -> Result<Option<FileReviewed>, BulkSkip> {
    change_file(txt, schema, |session| {
        let edit = session.bulk_status_edit(filter, status)?;
        let changed = changed_ids(&edit);
        Some((edit, changed))
    })
}

/// Takes back a [`review_file`]: the spans and relations `ids` that still
/// have status `status` become pending again, saved; `Ok(None)` when none
/// is left so.
/// A span changed since in another way (relabelled, moved) is still reset
/// only in its status.
pub fn reopen_file(
    txt: &Path,
    schema: &LabelSchema,
    ids: &ChangedIds,
    status: Status,
) -> Result<Option<FileReviewed>, BulkSkip> {
    change_file(txt, schema, |session| {
        let edit = session.reopen_edit(ids, status)?;
        let changed = changed_ids(&edit);
        Some((edit, changed))
    })
}

impl Session {
    /// One edit making pending again the spans, entity links and
    /// relations `ids` whose status is `status`; `None` if none is.
    pub fn reopen_edit(&self, ids: &ChangedIds, status: Status) -> Option<Edit> {
        let set = self.set();
        let mut span_ids: Vec<SpanId> = ids.spans.iter().chain(&ids.links).copied().collect();
        span_ids.sort_unstable();
        span_ids.dedup();
        let spans = span_ids.into_iter().filter_map(|id| {
            let span = ids.spans.contains(&id) && set.get(id)?.status == status;
            let link = ids.links.contains(&id) && set.get(id)?.entity_status == status;
            self.replace_edit(id, |after| {
                if span {
                    after.status = Status::Pending;
                }
                if link {
                    after.entity_status = Status::Pending;
                }
            })
        });
        let relations = ids
            .relations
            .iter()
            .filter_map(|&id| set.relation(id))
            .filter(|r| r.status == status)
            .map(|r| Edit::ReplaceRelation {
                before: r.clone(),
                after: Relation {
                    status: Status::Pending,
                    ..r.clone()
                },
            });
        let edits: Vec<Edit> = spans.chain(relations).collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }
}

/// The ids of the spans, entity links and relations an edit replaces (a
/// review, take-back or re-pointing): a span whose link's status alone
/// changes is among the links only.
pub fn changed_ids(edit: &Edit) -> ChangedIds {
    let mut ids = ChangedIds::default();
    collect_changed(edit, &mut ids);
    ids
}

fn collect_changed(edit: &Edit, ids: &mut ChangedIds) {
    match edit {
        Edit::Batch(edits) => edits.iter().for_each(|e| collect_changed(e, ids)),
        Edit::Replace { before, after } => {
            // A span whose link's status alone changed is a link reviewed;
            // any other change (its status, its link re-pointed) the span's.
            let link_reviewed = before.entity_status != after.entity_status;
            let span_changed = !link_reviewed
                || Span {
                    entity_status: after.entity_status,
                    ..before.clone()
                } != *after;
            if span_changed {
                ids.spans.push(after.id);
            }
            if link_reviewed {
                ids.links.push(after.id);
            }
        }
        Edit::ReplaceRelation { after, .. } => ids.relations.push(after.id),
        _ => {}
    }
}

/// Opens article `txt`, applies the edit `change` gives (if any) and saves.
pub(crate) fn change_file(
    txt: &Path,
    schema: &LabelSchema,
    change: impl FnOnce(&Session) -> Option<(Edit, ChangedIds)>,
) -> Result<Option<FileReviewed>, BulkSkip> {
    let name = store::file_name(txt);
    let mut session = Session::read(txt, schema.clone()).map_err(|err| BulkSkip::Unreadable {
        name: name.clone(),
        reason: err.to_string(),
    })?;
    if let Some(reason) = session.save_blocked() {
        return Err(BulkSkip::Protected {
            name,
            reason: reason.to_owned(),
        });
    }
    let Some((edit, changed)) = change(&session) else {
        return Ok(None);
    };
    let not_saved = |reason: String| BulkSkip::NotSaved {
        name: name.clone(),
        reason,
    };
    session
        .perform(edit)
        .map_err(|err| not_saved(err.to_string()))?;
    session
        .save_with(store::Durability::Deferred)
        .map_err(|err| not_saved(err.to_string()))?;
    Ok(Some(FileReviewed {
        changed,
        set: session.set().clone(),
    }))
}

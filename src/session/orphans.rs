//! Placing and deleting orphans, the spans of a changed article that
//! re-anchoring could not place.

use std::ops::Range;

use super::Session;
use crate::model::{Edit, Span, SpanId};

/// Why an orphan could not be placed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OrphanError {
    /// No orphan has this id.
    #[error("span {0} is not an orphan")]
    NotAnOrphan(SpanId),
    /// The range is empty or not inside the text.
    #[error("{start}..{end} is not a range of the text ({})", crate::plural::counted(*len, "character", "characters"))]
    BadRange {
        /// The range's start.
        start: usize,
        /// The range's end.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// A span with the same offsets and label exists.
    #[error("span {0} already has these offsets and this label")]
    SameSpan(SpanId),
    /// A span with the orphan's id is already in the annotations (say, one
    /// restored from a recovery journal): delete the orphan instead.
    #[error("span {0} is already in the annotations")]
    IdTaken(SpanId),
}

/// Orphans: spans of a changed article that re-anchoring could not place.
/// They are kept in the annotations ([`AnnotationSet::orphans`]) and saved
/// in the file's `orphans` list, so none is lost; placing one (it becomes an
/// ordinary span) or deleting one is an edit like any other, undone with
/// [`Session::undo`].
impl Session {
    /// The orphans left, as the annotation file holds them (old offsets and
    /// quote), sorted by their old place.
    pub fn orphans(&self) -> &[Span] {
        self.set.orphans()
    }

    /// The edit that places orphan `id` over the code points `range` of the
    /// article: it joins the annotations with its id, label, origin, score
    /// and status, and the text there as its quote.
    pub fn place_orphan_edit(&self, id: SpanId, range: Range<usize>) -> Result<Edit, OrphanError> {
        let orphan = self.set.orphan(id).ok_or(OrphanError::NotAnOrphan(id))?;
        let bad_range = OrphanError::BadRange {
            start: range.start,
            end: range.end,
            len: self.doc.char_len(),
        };
        let text = match self.doc.slice(range.clone()) {
            Some(text) if !range.is_empty() => text.to_owned(),
            _ => return Err(bad_range),
        };
        if let Some(same) = self.set.find_same(range.start, range.end, &orphan.label) {
            return Err(OrphanError::SameSpan(same.id));
        }
        let placed = Span {
            start: range.start,
            end: range.end,
            text,
            ..orphan.clone()
        };
        Ok(Edit::Batch(vec![
            Edit::RemoveOrphan(orphan.clone()),
            Edit::Add(placed),
        ]))
    }

    /// Places orphan `id` over `range` ([`Self::place_orphan_edit`]), as an
    /// undoable edit.
    pub fn place_orphan(&mut self, id: SpanId, range: Range<usize>) -> Result<(), OrphanError> {
        let edit = self.place_orphan_edit(id, range)?;
        self.perform(edit).map_err(|_| OrphanError::IdTaken(id))
    }

    /// Deletes orphan `id` and its relations (one undoable edit) and
    /// returns it; `None` if there is no such orphan.
    pub fn delete_orphan(&mut self, id: SpanId) -> Option<Span> {
        let orphan = self.set.orphan(id)?.clone();
        self.perform(self.set.delete_orphan_edit(id)?).ok()?;
        Some(orphan)
    }
}

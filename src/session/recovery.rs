//! The recovery journal of a session: unsaved edits written beside the
//! annotation file, removed once saved or discarded, and offered back as
//! one undoable edit after a session ended without saving.

use std::collections::HashMap;

use super::Session;
use crate::journal::{Journal, RecoveredJournal, UnreadableJournal};
use crate::model::{AnnotationSet, Edit, EditError, Span, SpanId};
use crate::store::StoreError;

impl Session {
    /// The recovery journal of [`Self::ron_path`]
    /// (`.NAME.ron.journal` beside it).
    pub fn journal(&self) -> Journal {
        Journal::new(&self.ron_path)
    }

    /// Writes the unsaved annotations to the recovery journal; call it every
    /// few seconds. Only a dirty session writes one (and only when its
    /// annotations changed since the last write); a session back at its
    /// saved state (say, by undo) removes a journal it left. The journal is
    /// written even when saving over the annotation file is refused;
    /// [`Self::start_journal_write`] writes it on another thread.
    pub fn write_journal(&self) -> Result<(), StoreError> {
        let journal = self.journal();
        if self.is_dirty() {
            self.journal_gate
                .now(|| journal.write(&self.name(), &self.doc, &self.set))?;
        } else {
            self.remove_journal(&journal)?;
        }
        Ok(())
    }

    /// Removes `journal`, after any background write of it.
    fn remove_journal(&self, journal: &Journal) -> Result<bool, StoreError> {
        self.journal_gate.now(|| journal.remove())
    }

    /// Removes `journal` after a save: a journal that cannot be removed
    /// holds what was saved and is removed when next found, so the failure
    /// is only logged.
    pub(super) fn remove_saved_journal(&self, journal: &Journal) {
        if let Err(err) = self.remove_journal(journal) {
            log::warn!("a journal of saved edits is left for the next open: {err}");
        }
    }

    /// Removes the recovery journal: the user chose not to restore it, or
    /// discards the session's unsaved edits.
    pub fn discard_journal(&self) -> Result<(), StoreError> {
        self.remove_journal(&self.journal()).map(|_| ())
    }

    /// The recovery journal left by a session on this document that ended
    /// without saving, if it differs from the saved file (see
    /// [`Journal::find`]; a journal equal to the saved file is removed, an
    /// unreadable one set aside). Call it after [`Self::open`], then offer
    /// [`Self::restore`] or [`Self::discard_journal`].
    pub fn recovered_journal(&self) -> Result<Option<RecoveredJournal>, UnreadableJournal> {
        self.journal().find(&self.name(), &self.doc, &self.schema)
    }

    /// The one edit that turns the annotations into `set` (a recovered
    /// journal's): a [`Edit::Batch`] removing the spans that `set` lacks or
    /// holds differently, adding those of `set` not here as they are, and
    /// [`Edit::SetDone`] if the done flag differs. `None` if they are equal.
    pub fn restore_edit(&self, set: &AnnotationSet) -> Option<Edit> {
        let wanted: HashMap<SpanId, &Span> = set.spans().iter().map(|s| (s.id, s)).collect();
        let current: HashMap<SpanId, &Span> = self.set.spans().iter().map(|s| (s.id, s)).collect();
        let mut edits: Vec<Edit> = self
            .set
            .spans()
            .iter()
            .filter(|span| wanted.get(&span.id) != Some(span))
            .cloned()
            .map(Edit::Remove)
            .collect();
        edits.extend(
            set.spans()
                .iter()
                .filter(|span| current.get(&span.id) != Some(span))
                .cloned()
                .map(Edit::Add),
        );
        if set.is_done() != self.set.is_done() {
            edits.push(Edit::SetDone(set.is_done()));
        }
        // Orphans: those the set lacks go first (a span may take the id of
        // one placed since), those it adds last.
        let wanted: HashMap<SpanId, &Span> = set.orphans().iter().map(|s| (s.id, s)).collect();
        let current: HashMap<SpanId, &Span> =
            self.set.orphans().iter().map(|s| (s.id, s)).collect();
        let gone = self.set.orphans().iter();
        let gone = gone.filter(|o| wanted.get(&o.id) != Some(o));
        // Relations the set lacks go first, those it adds last, after
        // their ends (undone in the reverse order).
        let gone_relations = self.set.relations();
        let gone_relations = gone_relations.filter(|r| set.relation(r.id) != Some(*r));
        let mut all: Vec<Edit> = gone_relations.cloned().map(Edit::RemoveRelation).collect();
        all.extend(gone.cloned().map(Edit::RemoveOrphan));
        all.append(&mut edits);
        let new = set.orphans().iter();
        let new = new.filter(|o| current.get(&o.id) != Some(o));
        all.extend(new.cloned().map(Edit::AddOrphan));
        let new_relations = set.relations();
        let new_relations = new_relations.filter(|r| self.set.relation(r.id) != Some(*r));
        all.extend(new_relations.cloned().map(Edit::AddRelation));
        let edits = all;
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// Replaces the annotations by `set` (a recovered journal's) as one
    /// undoable edit ([`Self::restore_edit`]). Returns whether anything
    /// changed. The session is then dirty until saved; the journal stays
    /// until then.
    pub fn restore(&mut self, set: &AnnotationSet) -> Result<bool, EditError> {
        match self.restore_edit(set) {
            Some(edit) => self.perform(edit).map(|()| true),
            None => Ok(false),
        }
    }
}

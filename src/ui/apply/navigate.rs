//! Moving through the folder's documents: next, previous, go to one, mark
//! done; the open one is saved first.

use crate::model::Edit;
use crate::session::Session;
use crate::stats::StatusCounts;
use crate::ui::app::NewsmarkApp;
use crate::ui::prompts::mark_done::MarkDonePrompt;
use crate::ui::prompts::unsaved::Pending;

impl NewsmarkApp {
    /// Saves the open document if it has edits; `false` (with the question
    /// asked) if that failed, so the caller must not move on.
    pub(in crate::ui) fn save_before_leaving(&mut self, to: &std::path::Path) -> bool {
        if !self.session().is_some_and(Session::is_dirty) {
            return true;
        }
        if self.save() {
            true
        } else {
            self.prompts.unsaved = Some(Pending::Open(to.to_owned()));
            false
        }
    }

    pub(in crate::ui) fn go_to(&mut self, path: &std::path::Path) {
        if self.save_before_leaving(path) {
            self.open_now(path);
        }
    }

    /// Moves `step` documents along the folder's list, wrapping around;
    /// the status bar says when it wrapped.
    pub(in crate::ui) fn step_document(&mut self, step: isize) {
        let Some(session) = self.session() else {
            return;
        };
        let Some(corpus) = self.corpus_index() else {
            return;
        };
        let n = corpus.entries.len();
        let Some(here) = corpus.position(session.txt_path()) else {
            return self.info("This document is not in a folder list.");
        };
        if n < 2 {
            return self.info("This is the only document in the folder.");
        }
        let to = here as isize + step;
        let next = to.rem_euclid(n as isize) as usize;
        let path = corpus.entries[next].path.clone();
        self.go_to(&path);
        let moved = self.session().is_some_and(|s| s.txt_path() == path);
        let quiet = self.notice.as_ref().is_none_or(|n| !n.is_error);
        if moved && quiet && (to < 0 || to >= n as isize) {
            let name = crate::store::file_name(&path);
            self.info(if step > 0 {
                format!("That was the last document of the folder: back to the first, {name}.")
            } else {
                format!("That was the first document of the folder: on to the last, {name}.")
            });
        }
    }

    /// Ctrl+Enter: marks the document done, saves and moves on; asks first
    /// if it has pending suggestions, spans, entity links or relations (and
    /// is not done already).
    pub(in crate::ui) fn mark_done(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        // Counted from the set itself: the span list has not seen this
        // frame's edits yet. O(n) once, on the key.
        let counts = StatusCounts::of(session.set());
        if counts.to_review() > 0 && !session.set().is_done() {
            self.prompts.mark_done = Some(MarkDonePrompt {
                pending: counts.pending,
                links: counts.pending_links,
                relations: counts.pending_relations,
            });
            return;
        }
        self.mark_done_now();
    }

    /// Marks the document done (undoable), saves, and moves on.
    pub(in crate::ui) fn mark_done_now(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        if !session.set().is_done() {
            self.perform(Edit::SetDone(true));
        }
        if self.save() {
            self.step_document(1);
        }
    }
}

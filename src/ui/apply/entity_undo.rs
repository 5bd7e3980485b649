//! Taking back and redoing registry changes (rename, merge, split) with
//! the document's edits in one order: Ctrl+Z undoes the last thing done,
//! a registry change or a document edit, whichever panel it was made in.
//!
//! A registry step remembers the open document's history state just after
//! it was made ([`EntityStep::doc_state`]). While the document is at that
//! state no document edit came after it, so Ctrl+Z takes the step; after a
//! later edit Ctrl+Z takes that edit first, and gets back to the step once
//! the edit is undone. A document with nothing left to undo (another one
//! opened since) gives way to the registry's step. Redo mirrors it.

use std::path::PathBuf;

use crate::entities;
use crate::model::StateId;
use crate::ui::app::NewsmarkApp;
use crate::ui::apply::entity_repoint::Direction;
use crate::ui::widgets::entity_panel::EntityStep;

impl NewsmarkApp {
    /// The open document and its history's state now.
    pub(in crate::ui) fn doc_state(&self) -> Option<(PathBuf, StateId)> {
        let session = self.session()?;
        Some((session.txt_path().to_owned(), session.history().state()))
    }

    /// Whether undo (`undo`) or redo should take the registry's last step
    /// rather than the open document's edit.
    pub(in crate::ui) fn registry_step_first(&self, undo: bool) -> bool {
        let Some(panel) = self.folder.as_ref().map(|f| &f.entities) else {
            return false;
        };
        let step = if undo {
            panel.undo.last()
        } else {
            panel.redo.last()
        };
        let Some(step) = step else {
            return false;
        };
        let Some(session) = self.session() else {
            return true;
        };
        let history = session.history();
        let nothing_else = if undo {
            history.peek_undo().is_none()
        } else {
            history.peek_redo().is_none()
        };
        nothing_else || step.doc_state == self.doc_state()
    }

    /// Takes back the last registry change (Ctrl+Z or the panel's Undo),
    /// and the links it re-pointed: the open document's at once, the
    /// other documents' on another thread ([`Self::repeat_in_folder`]).
    pub(in crate::ui) fn undo_entity_edit(&mut self, ctx: &egui::Context) {
        let Some(step) = self.entity_panel().and_then(|p| p.undo.pop()) else {
            return self.info("No change of the registry to take back.");
        };
        if !step.elsewhere.is_empty() {
            return self.repeat_in_folder(ctx, step, Direction::Undo);
        }
        if !self.change_registry(&step.edit.inverse()) {
            if let Some(panel) = self.entity_panel() {
                panel.undo.push(step);
            }
            return;
        }
        self.follow_links(&step, true);
        self.info(format!("Undid the {} (Ctrl+Shift+Z redoes it)", step.what));
        let doc_state = self.doc_state();
        if let Some(panel) = self.entity_panel() {
            panel.redo.push(EntityStep { doc_state, ..step });
        }
    }

    /// Makes the last registry change taken back again (Ctrl+Shift+Z), and
    /// re-points its links again, in every document it had.
    pub(in crate::ui) fn redo_entity_edit(&mut self, ctx: &egui::Context) {
        let Some(step) = self.entity_panel().and_then(|p| p.redo.pop()) else {
            return self.info("No change of the registry to redo.");
        };
        if !step.elsewhere.is_empty() {
            return self.repeat_in_folder(ctx, step, Direction::Redo);
        }
        if !self.change_registry(&step.edit) {
            if let Some(panel) = self.entity_panel() {
                panel.redo.push(step);
            }
            return;
        }
        self.follow_links(&step, false);
        self.info(format!("Redid the {}", step.what));
        let doc_state = self.doc_state();
        if let Some(panel) = self.entity_panel() {
            panel.undo.push(EntityStep { doc_state, ..step });
        }
    }

    /// Moves the open document's links `step` re-pointed back (`back`) or
    /// forth again: through the document's own undo (redo) when its
    /// history is where the step left it, else by a new edit of the same
    /// spans. Another document's links stay as they are.
    pub(in crate::ui) fn follow_links(&mut self, step: &EntityStep, back: bool) {
        let Some(moved) = &step.repointed else {
            return;
        };
        let here = self.doc_state();
        let Some(session) = self.doc.as_mut().map(|d| &mut d.session) else {
            return;
        };
        if session.txt_path() != moved.txt {
            return;
        }
        if here == step.doc_state {
            let done = if back { session.undo() } else { session.redo() };
            if done.is_some() {
                return;
            }
        }
        let (from, to) = if back {
            (&moved.into, &moved.from)
        } else {
            (&moved.from, &moved.into)
        };
        let edit =
            entities::repoint_links_edit(session.set(), from, to, |s| moved.spans.contains(&s.id));
        if let Some(edit) = edit {
            self.perform(edit);
        }
    }
}

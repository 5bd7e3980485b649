//! Applying commands: [`NewsmarkApp::run`] takes each [`Command`] a widget,
//! a menu item or a key asked for and does it here. Find what a command
//! does by its name in `apply` below, then the file it calls into.
//!
//! - `mod.rs`: the dispatch, editing spans, selecting, the unsaved-changes step before opening
//! - `files.rs`: open, save, Save As, back up and overwrite
//! - `curation.rs`: the agreement panel, curating a document into the gold
//! - `bulk.rs`: Accept all / Reject all in the document and over the folder
//! - `entities.rs`: linking spans to entities, renaming and merging entities
//! - `entity_repoint.rs`: a merge's or split's re-pointing of the folder's other documents, in the background
//! - `entity_undo.rs`: Ctrl+Z / Ctrl+Shift+Z over registry changes and document edits in one order
//! - `facts.rs`: the facts window and a fact's evidence
//! - `disk_change.rs`: checking the files on disk, applying "changed on disk"
//! - `folder.rs`: reading the folder's annotation files in the background
//! - `journal.rs`: writing the recovery journal
//! - `learned.rs`: offering terms tagged in one document to the others
//! - `navigate.rs`: going to another document, marking done
//! - `prompts.rs`: applying the prompts' answers
//! - `relations.rs`: linking spans (Ctrl+L), selecting, reviewing and deleting relations
//! - `relation_keys.rs`: stepping through a span's relations, retyping one, going to a far end
//! - `review.rs`: accept, reject, next pending, moving a span's edges
//! - `search.rs`: Ctrl+F and its hits
//! - `suggest.rs`: running the suggesters, offering a tag's other occurrences
//! - `transfer.rs`: import and export

pub mod bulk;
pub mod curation;
pub mod disk_change;
pub mod entities;
pub mod entity_repoint;
pub mod entity_undo;
pub mod facts;
pub mod files;
pub mod folder;
pub mod journal;
pub mod learned;
pub mod navigate;
pub mod prompts;
pub mod relation_keys;
pub mod relations;
pub mod review;
pub mod search;
pub mod suggest;
pub mod transfer;

use crate::model::{Edit, SpanId, Status, words};
use crate::ui::app::{LeftTab, NewsmarkApp};
use crate::ui::widgets::span_paint;
use crate::ui::widgets::text_view::ScrollTo;
use crate::ui::{Command, Selection};

impl NewsmarkApp {
    /// Applies commands in order.
    pub(in crate::ui) fn run(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            self.apply(ctx, command);
        }
        // An undo may have removed the selected span or relation, or the
        // span a link starts at.
        if let Some(doc) = &mut self.doc {
            let set = doc.session.set();
            let view = &mut doc.view;
            if view.selected_span.is_some_and(|id| set.get(id).is_none()) {
                view.selected_span = None;
            }
            if view
                .selected_relation
                .is_some_and(|id| set.relation(id).is_none())
            {
                view.selected_relation = None;
            }
            if view
                .linking
                .as_ref()
                .is_some_and(|l| set.get(l.start()).is_none())
            {
                view.linking = None;
            }
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => self.open_dialog(),
            Command::Open(path) => self.apply_open(path),
            Command::Save => {
                self.save();
            }
            Command::SaveAsDialog => self.save_as_dialog(),
            Command::BackUpAndOverwrite => self.back_up_and_overwrite(),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => self.undo_redo(ctx, true),
            Command::Redo => self.undo_redo(ctx, false),
            Command::ApplyLabel(label) => self.apply_label(&label),
            Command::DeleteSpan => self.delete_span(),
            Command::SelectSpan { id, scroll } => self.select_span(id, scroll),
            Command::Select(selection) => self.set_selection(selection, false),
            Command::Reveal(selection) => self.set_selection(selection, true),
            Command::ClickText { at, caret } => self.click_text(at, caret),
            Command::ClearSelection => {
                let caret = self.selection().caret;
                self.set_selection(Selection::caret_at(caret), false);
            }
            Command::NextSpan => self.step_span(true),
            Command::PrevSpan => self.step_span(false),
            Command::ToggleShortcuts => self.layout.show_shortcuts = !self.layout.show_shortcuts,
            Command::PlaceOrphan(id) => self.place_orphan(id),
            Command::PlaceOrphanAt { id, start, end } => self.place_orphan_at(id, start..end),
            Command::DeleteOrphan(id) => {
                // With its relations, in the same undo step.
                let edit = self.session().and_then(|s| s.set().delete_orphan_edit(id));
                if let Some(edit) = edit {
                    self.perform(edit);
                }
            }
            Command::ToggleStatistics => self.layout.show_statistics = !self.layout.show_statistics,
            Command::Accept => self.review(Status::Accepted),
            Command::Reject => self.review(Status::Rejected),
            Command::NextPending => self.step_pending(true),
            Command::PrevPending => self.step_pending(false),
            Command::MoveEdge {
                start,
                forward,
                by_word,
            } => self.move_edge(start, forward, by_word),
            Command::Bulk { filter, status } => self.bulk(&filter, status),
            Command::BulkFolder { filter, status } => self.bulk_folder(ctx, filter, status),
            Command::UndoBulkFolder => self.undo_folder_bulk(ctx),
            Command::CancelBulkFolder => {
                if let Some(job) = &mut self.background.folder_bulk.job {
                    job.cancel();
                }
            }
            Command::SetFilter(filter) => self.layout.review_filter = filter,
            Command::ToggleRejected => {
                if let Some(view) = self.doc.as_mut().map(|d| &mut d.view) {
                    view.show_rejected = !view.show_rejected;
                }
            }
            Command::ToggleReview => self.toggle_left(LeftTab::Review),
            Command::ToggleDocuments => self.toggle_left(LeftTab::Documents),
            Command::GoTo(path) => self.go_to(&path),
            Command::NextDocument => self.step_document(1),
            Command::PrevDocument => self.step_document(-1),
            Command::MarkDone => self.mark_done(),
            Command::ImportDialog(format) => self.import_dialog(ctx, format),
            Command::ExportDialog(format) => self.export_dialog(ctx, format),
            Command::Import { format, src } => self.import_from(ctx, format, src),
            Command::StopReadingFolder => self.stop_reading_folder(),
            Command::CancelTask => {
                if let Some(task) = &self.background.task {
                    task.cancel();
                }
            }
            Command::Export { format, out } => self.export_to(ctx, format, out),
            Command::OpenSearch => self.open_search(),
            Command::CloseSearch => self.layout.search = None,
            Command::SearchNext => self.step_search(true),
            Command::SearchPrev => self.step_search(false),
            Command::AnnotateAll => self.annotate_all(ctx),
            Command::Suggest { all } => self.suggest(ctx, all),
            Command::CancelSuggest => self.cancel_suggest(),
            Command::Answer(answer) => self.answer(ctx, answer),
            relation @ (Command::StartLink
            | Command::LinkDigit(_)
            | Command::LinkCycle { .. }
            | Command::LinkConfirm
            | Command::LinkTarget(_)
            | Command::LinkSpans { .. }
            | Command::LinkAs(_)
            | Command::CancelLink
            | Command::LinkPage(_)
            | Command::AddRelation { .. }
            | Command::SelectRelation { .. }
            | Command::DeleteRelation(_)
            | Command::ReviewRelation { .. }
            | Command::JumpToOtherEnd
            | Command::StepRelation { .. }
            | Command::RetypeRelation { .. }
            | Command::ToggleArcs) => self.apply_relation(relation),
            command @ (Command::ToggleAgreement
            | Command::Curate(_)
            | Command::NextDisagreement
            | Command::PrevDisagreement
            | Command::GoToDisagreement(_)
            | Command::TakeVersion(_)
            | Command::RejectVersions
            | Command::CloseCuration) => self.apply_curation(ctx, command),
            command @ (Command::LinkEntity
            | Command::UnlinkEntity
            | Command::ReviewLink(_)
            | Command::RenameEntity { .. }
            | Command::MergeEntity { .. }
            | Command::SplitEntity { .. }
            | Command::AddAlias { .. }
            | Command::RemoveAlias { .. }
            | Command::SetExternalId { .. }
            | Command::UndoEntityEdit
            | Command::RedoEntityEdit) => self.apply_entity(ctx, command),
            command @ (Command::ToggleFacts
            | Command::RebuildFacts
            | Command::ShowEvidence { .. }) => self.apply_facts(ctx, command),
        }
    }

    pub(in crate::ui) fn perform(&mut self, edit: Edit) {
        let Some(session) = self.doc.as_mut().map(|d| &mut d.session) else {
            return;
        };
        let what = edit.describe();
        match session.perform(edit) {
            Ok(()) => self.info(format!("{what} (Ctrl+Z to undo)")),
            Err(err) => self.error(format!("could not {what}: {err}")),
        }
    }

    fn undo_redo(&mut self, ctx: &egui::Context, undo: bool) {
        // The last thing done may be a change of the entity registry.
        if self.registry_step_first(undo) {
            if undo {
                self.undo_entity_edit(ctx);
            } else {
                self.redo_entity_edit(ctx);
            }
            return;
        }
        let Some(session) = self.doc.as_mut().map(|d| &mut d.session) else {
            return;
        };
        let done = if undo { session.undo() } else { session.redo() };
        match done {
            Some(edit) => {
                let verb = if undo { "Undid" } else { "Redid" };
                // `describe` counts in words: "Undid 1 change".
                let text = format!("{verb} {}", edit.describe());
                self.info(text);
            }
            None => self.info(if undo {
                "Nothing to undo"
            } else {
                "Nothing to redo"
            }),
        }
    }

    fn apply_label(&mut self, label: &str) {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        if let Some(id) = view.selected_span {
            let was_pending = session
                .set()
                .get(id)
                .is_some_and(|s| s.status == Status::Pending);
            if let Some(edit) = session.relabel_edit(id, label) {
                self.perform(edit);
            }
            if was_pending {
                self.step_pending(true);
            }
            return;
        }
        let selected = view.selection.range();
        if selected.is_empty() {
            self.info("Select some text first: drag over it, or move with Shift+arrows.");
            return;
        }
        // A keyboard selection is snapped to words as a drag is (spaces,
        // punctuation and a possessive left out), unless taken with Alt.
        let range = if view.selection.exact {
            selected
        } else {
            words::snap_to_words(session.doc(), selected.clone()).unwrap_or(selected)
        };
        match session.add_span_edit(range.clone(), label) {
            Some(edit) => {
                let (edit, linked) = self.with_suggested_link(edit);
                let id = match &edit {
                    Edit::Add(span) => Some(span.id),
                    _ => None,
                };
                self.perform(edit);
                if let (Some(view), Some(id)) = (self.doc.as_mut().map(|d| &mut d.view), id) {
                    view.selected_span = Some(id);
                    view.selection = Selection::of_range(range);
                }
                let tagged = self.notice.clone();
                let quote = self
                    .session()
                    .and_then(|s| id.and_then(|id| s.set().get(id)));
                if let Some(span) = quote.cloned() {
                    self.offer_occurrences(&span);
                }
                if let Some(name) = linked {
                    // Said first, with what the occurrence offer said, if
                    // anything (an error stays alone).
                    let link = format!("Linked to {name}? A accepts the link, X rejects it.");
                    match self.notice.clone().filter(|n| Some(n) != tagged.as_ref()) {
                        Some(offer) if offer.is_error => {}
                        Some(offer) => self.info(format!("{link} {}", offer.text)),
                        None => self.info(link),
                    }
                }
            }
            None => self.info(format!("That text is already tagged {label}.")),
        }
    }

    /// A new span (`edit` adds it) with a pending link to the entity of
    /// the folder's registry its text names, if exactly one
    /// ([`crate::entities::suggest::LinkFinder`]), and that entity's name.
    fn with_suggested_link(&self, edit: Edit) -> (Edit, Option<String>) {
        let (Edit::Add(mut span), Some(session), Some(folder)) =
            (edit.clone(), self.session(), self.folder.as_ref())
        else {
            return (edit, None);
        };
        let registry = &folder.entities.registry;
        if registry.entities().is_empty() {
            return (edit, None);
        }
        let finder = crate::entities::suggest::LinkFinder::new(session.set(), registry);
        let Some(entity) = finder.entity_for(&span) else {
            return (edit, None);
        };
        let name = registry.get(&entity).map(|e| e.name.clone());
        span.entity = Some(entity);
        span.entity_status = Status::Pending;
        (Edit::Add(span), name)
    }

    fn delete_span(&mut self) {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        let Some(edit) = view.selected_span.and_then(|id| session.delete_edit(id)) else {
            self.info("Select a span to delete (click it, or Tab to it).");
            return;
        };
        self.perform(edit);
        if let Some(view) = self.doc.as_mut().map(|d| &mut d.view) {
            view.selected_span = None;
        }
    }

    pub(in crate::ui) fn select_span(&mut self, id: SpanId, scroll: bool) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let view = &mut doc.view;
        let Some(span) = doc.session.set().get(id) else {
            return;
        };
        view.selected_span = Some(id);
        view.selected_relation = None;
        view.linking = None;
        view.selection = Selection::of_range(span.start..span.end);
        if scroll {
            view.scroll_to(ScrollTo::Center(span.start));
        }
    }

    fn set_selection(&mut self, selection: Selection, reveal: bool) {
        if let Some(view) = self.doc.as_mut().map(|d| &mut d.view) {
            view.selection = selection;
            view.selected_span = None;
            view.selected_relation = None;
            view.linking = None;
            if reveal {
                view.scroll_to(ScrollTo::Minimal(selection.caret));
            }
        }
    }

    /// Selects the innermost visible span at `at`; if that one is already
    /// selected, the next one out (cycling). No span there: places the caret.
    fn click_text(&mut self, at: usize, caret: usize) {
        let Some(session) = self.session() else {
            return;
        };
        let mut here: Vec<_> = session
            .set()
            .overlapping(at..at + 1)
            .filter(|s| span_paint::is_visible(s, self.show_rejected()))
            .collect();
        if here.is_empty() {
            self.set_selection(Selection::caret_at(caret), false);
            return;
        }
        here.sort_by_key(|s| (s.len(), s.id));
        let current = self.selected_span();
        let next = match here.iter().position(|s| Some(s.id) == current) {
            Some(k) => here[(k + 1) % here.len()].id,
            None => here[0].id,
        };
        self.select_span(next, false);
    }

    /// Selects the span after (or before) the selected one, or after the
    /// caret; wraps around.
    fn step_span(&mut self, forward: bool) {
        let Some(session) = self.session() else {
            return;
        };
        let spans: Vec<_> = session
            .set()
            .spans()
            .iter()
            .filter(|s| span_paint::is_visible(s, self.show_rejected()))
            .collect();
        if spans.is_empty() {
            self.info("There are no spans yet.");
            return;
        }
        let current = self
            .selected_span()
            .and_then(|id| spans.iter().position(|s| s.id == id));
        let caret = self.selection().caret;
        let index = match (current, forward) {
            (Some(k), true) => (k + 1) % spans.len(),
            (Some(k), false) => (k + spans.len() - 1) % spans.len(),
            (None, true) => spans.iter().position(|s| s.start >= caret).unwrap_or(0),
            (None, false) => spans
                .iter()
                .rposition(|s| s.start < caret)
                .unwrap_or(spans.len() - 1),
        };
        let id = spans[index].id;
        self.select_span(id, true);
    }

    fn toggle_left(&mut self, tab: LeftTab) {
        self.layout.left = if self.layout.left == Some(tab) {
            None
        } else {
            Some(tab)
        };
    }

    /// Places an orphaned span on the text selection.
    fn place_orphan(&mut self, id: SpanId) {
        let range = self.selection().range();
        if self.doc.is_none() {
            return;
        }
        if range.is_empty() {
            return self.info("Select the text the orphaned span belongs on, then press Place.");
        }
        self.place_orphan_at(id, range);
    }

    /// Places an orphaned span on `range`.
    fn place_orphan_at(&mut self, id: SpanId, range: std::ops::Range<usize>) {
        let Some(session) = self.session() else {
            return;
        };
        match session.place_orphan_edit(id, range) {
            Ok(edit) => self.perform(edit),
            Err(err) => self.error(err.to_string()),
        }
    }
}

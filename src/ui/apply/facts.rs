//! The facts window: built in the background when it opens (or on
//! Rebuild) from the folder's saved files, the open document's rows made
//! here from its annotations as they are, again after each of its edits;
//! and a row's evidence shown: its document opened (saving the open one
//! first) and its span selected.

use std::path::Path;

use crate::model::SpanId;
use crate::ui::Command;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::facts_job::{FactsJob, rows_of};

impl NewsmarkApp {
    /// Applies a facts command (others are applied in `apply`).
    pub(in crate::ui) fn apply_facts(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::ToggleFacts => self.toggle_facts(ctx),
            Command::RebuildFacts => self.build_facts(ctx),
            Command::ShowEvidence { txt, span } => self.show_evidence(&txt, span),
            _ => {}
        }
    }

    /// Shows the facts window, building the table, or hides it.
    fn toggle_facts(&mut self, ctx: &egui::Context) {
        let Some(folder) = &mut self.folder else {
            return self.info("Open a folder first: the facts table reads its documents.");
        };
        folder.facts.open = !folder.facts.open;
        if folder.facts.open {
            self.build_facts(ctx);
        } else if let Some(job) = folder.facts.job.take() {
            job.cancel();
        }
    }

    /// Builds the facts table of the folder's saved files again (the
    /// open document's rows are made by [`Self::poll_facts`]).
    fn build_facts(&mut self, ctx: &egui::Context) {
        let open = self.session().map(|s| s.txt_path().to_owned());
        let Some(folder) = &mut self.folder else {
            return;
        };
        if let Some(job) = folder.facts.job.take() {
            job.cancel();
        }
        let dir = folder.corpus.dir.clone();
        let shown = folder.facts.shown_as();
        let place = (dir, folder.schema.clone());
        folder.facts.job = Some(FactsJob::start(place, open, shown, ctx));
    }

    /// Takes the facts table, once built, and keeps the open document's
    /// rows those of its annotations as they are.
    pub(in crate::ui) fn poll_facts(&mut self) {
        let Some(folder) = self.folder.as_mut() else {
            return;
        };
        let panel = &mut folder.facts;
        if let Some(result) = panel.job.as_ref().and_then(FactsJob::poll) {
            panel.job = None;
            panel.set_result(result);
        }
        let (true, Some(Ok(_)), Some(doc)) = (panel.open, &panel.result, &self.doc) else {
            return;
        };
        let session = &doc.session;
        let set = session.set();
        let now = (
            session.txt_path().to_owned(),
            set.revision(),
            set.relations_revision(),
        );
        if panel.open_rows_for.as_ref() == Some(&now) {
            return;
        }
        let rows = rows_of(session, &folder.entities.registry);
        let corpus = &folder.corpus;
        panel.replace_document(&now.0, rows, &|txt| corpus.position(txt));
        panel.open_rows_for = Some(now);
    }

    /// Opens `txt` (saving the open document first) and selects `span`.
    fn show_evidence(&mut self, txt: &Path, span: SpanId) {
        let here = self.session().is_some_and(|s| s.txt_path() == txt);
        if !here {
            self.go_to(txt);
        }
        if self.session().is_some_and(|s| s.txt_path() == txt) {
            if self.session().is_some_and(|s| s.set().get(span).is_none()) {
                return self
                    .info("That span is no longer in the document: Rebuild the facts table.");
            }
            self.select_span(span, true);
        }
    }
}

//! The facts window: built in the background when it opens (or on
//! Rebuild), and a row's evidence shown: its document opened (saving the
//! open one first) and its span selected.

use std::path::Path;

use crate::model::SpanId;
use crate::ui::Command;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::facts_job::FactsJob;

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

    /// Builds the facts table of the folder's saved files again.
    fn build_facts(&mut self, ctx: &egui::Context) {
        let Some(folder) = &mut self.folder else {
            return;
        };
        if let Some(job) = folder.facts.job.take() {
            job.cancel();
        }
        let dir = folder.corpus.dir.clone();
        folder.facts.job = Some(FactsJob::start(dir, folder.schema.clone(), ctx));
        if self
            .session()
            .is_some_and(crate::session::Session::is_dirty)
        {
            self.info("The facts table reads the saved files: save (Ctrl+S) and Rebuild to see this document's edits.");
        }
    }

    /// Takes the facts table, once built.
    pub(in crate::ui) fn poll_facts(&mut self) {
        let Some(panel) = self.folder.as_mut().map(|f| &mut f.facts) else {
            return;
        };
        if let Some(result) = panel.job.as_ref().and_then(FactsJob::poll) {
            panel.job = None;
            panel.set_result(result);
        }
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

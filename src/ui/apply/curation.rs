//! Teams in the window: the agreement panel (measured in the background)
//! and curating one document's annotators' files into its gold `X.ron`.
//! Every merge, take and rejection is one ordinary edit of the gold, undone
//! with Ctrl+Z; the curation's index of disagreements is built once when
//! the document opens into curation and never rebuilt.

use std::path::Path;
use std::sync::Arc;

use crate::model::Edit;
use crate::store;
use crate::team::agree::study::{DocumentFiles, read_document};
use crate::team::curate::{CurationIndex, Take, gold_at};
use crate::ui::app::NewsmarkApp;
use crate::ui::background::agree_job::AgreeJob;
use crate::ui::widgets::curation_panel::Curation;
use crate::ui::widgets::text_view::ScrollTo;
use crate::ui::{Command, Selection};

impl NewsmarkApp {
    /// Applies one of the commands of teams.
    pub(in crate::ui) fn apply_curation(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::ToggleAgreement => self.toggle_agreement(ctx),
            Command::Curate(path) => self.curate(&path),
            Command::NextDisagreement => self.step_disagreement(true),
            Command::PrevDisagreement => self.step_disagreement(false),
            Command::GoToDisagreement(at) => self.reveal_disagreement(at),
            Command::TakeVersion(k) => self.take_version(Some(k)),
            Command::RejectVersions => self.take_version(None),
            Command::CloseCuration => {
                if let Some(doc) = &mut self.doc {
                    doc.curation = None;
                }
            }
            _ => {}
        }
    }

    /// Shows the agreement panel, measuring the folder's annotators again,
    /// or hides it.
    fn toggle_agreement(&mut self, ctx: &egui::Context) {
        let Some(folder) = &mut self.folder else {
            return self.info("Open a folder first: agreement compares its annotators' files.");
        };
        let panel = &mut folder.agreement;
        panel.open = !panel.open;
        if let Some(job) = panel.job.take() {
            job.cancel();
        }
        if panel.open {
            panel.job = Some(AgreeJob::start(
                folder.corpus.dir.clone(),
                folder.schema.clone(),
                ctx,
            ));
        }
    }

    /// Takes the agreement study's result, once it came.
    pub(in crate::ui) fn poll_agreement(&mut self) {
        let Some(panel) = self.folder.as_mut().map(|f| &mut f.agreement) else {
            return;
        };
        if let Some(result) = panel.job.as_ref().and_then(AgreeJob::poll) {
            panel.job = None;
            panel.result = Some(result);
        }
    }

    /// Opens `txt`'s gold into curation against the annotators of the
    /// last agreement study: their spans enough of them agree on are
    /// merged into the gold (one undoable edit), the rest listed.
    fn curate(&mut self, txt: &Path) {
        if let Some(me) = crate::team::process_annotator() {
            return self.error(format!(
                "Curation writes the gold X.ron, and this window works as {me}: \
                 open the folder with `newsmark --gold` to curate."
            ));
        }
        let Some(folder) = &self.folder else {
            return;
        };
        let Some(annotators) = folder.agreement.annotators().map(<[String]>::to_vec) else {
            return self.info("Measure the agreement first (Ctrl+Shift+A).");
        };
        let quorum = folder.agreement.quorum_of(annotators.len());
        let schema = folder.schema.clone();
        if self.session().is_none_or(|s| s.txt_path() != txt) {
            self.go_to(txt);
        }
        if self.session().is_none_or(|s| s.txt_path() != txt) {
            return;
        }
        let mut annotations = Vec::with_capacity(annotators.len());
        for name in &annotators {
            match store::Annotator::new(name) {
                Ok(a) => annotations.push(store::annotation_path(txt, Some(&a))),
                Err(err) => return self.error(err.to_string()),
            }
        }
        let files = DocumentFiles {
            name: store::file_name(txt),
            articles: vec![txt.to_owned()],
            annotations,
        };
        let read = match read_document(&files, &schema) {
            Ok(read) => read,
            Err(why) => return self.error(format!("Cannot curate {}: {why}", files.name)),
        };
        let index = CurationIndex::build(annotators, &read.spans, &read.relations, quorum);
        let merge = self
            .session()
            .and_then(|s| index.merge_agreed_edit(s.doc(), s.set()));
        let (merged, relations) = match &merge {
            Some(Edit::Batch(adds)) => {
                let relations = adds
                    .iter()
                    .filter(|e| matches!(e, Edit::AddRelation(_)))
                    .count();
                (adds.len() - relations, relations)
            }
            _ => (0, 0),
        };
        if let Some(edit) = merge {
            self.perform(edit);
        }
        let total = index.disagreements().len();
        // The panel gives way to curation (Ctrl+Shift+A brings it back).
        if let Some(folder) = &mut self.folder {
            folder.agreement.open = false;
        }
        if let Some(doc) = &mut self.doc {
            doc.curation = Some(Curation {
                index: Arc::new(index),
                current: None,
                reveal_in_list: false,
            });
        }
        self.info(format!(
            "Curating {}: {}{} merged into the gold (Ctrl+Z takes them back), {} to resolve (F8, Alt+1…)",
            files.name,
            crate::plural::counted(merged, "agreed span", "agreed spans"),
            if relations > 0 {
                format!(
                    " and {}",
                    crate::plural::counted(relations, "relation", "relations")
                )
            } else {
                String::new()
            },
            crate::plural::counted(total, "disagreement", "disagreements"),
        ));
        if total > 0 {
            self.reveal_disagreement(0);
        }
    }

    /// The open curation, if any.
    fn curation(&self) -> Option<&Curation> {
        self.doc.as_ref().and_then(|d| d.curation.as_ref())
    }

    /// Makes disagreement `at` the current one: selected in the text and
    /// scrolled to, and in the list.
    fn reveal_disagreement(&mut self, at: usize) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let Some(curation) = &mut doc.curation else {
            return;
        };
        let Some(place) = curation.index.disagreements().get(at) else {
            return;
        };
        let (start, end) = (place.start, place.end);
        curation.current = Some(at);
        curation.reveal_in_list = true;
        doc.view.selection = Selection::of_range(start..end);
        doc.view.selected_span = gold_at(doc.session.set(), start, end).next().map(|s| s.id);
        doc.view.scroll_to(ScrollTo::Center(start));
    }

    /// Goes to the next (or previous) disagreement, wrapping around.
    fn step_disagreement(&mut self, forward: bool) {
        let Some(curation) = self.curation() else {
            return self.info("Open a document into curation first (Ctrl+Shift+A, then click it).");
        };
        let n = curation.index.disagreements().len();
        if n == 0 {
            return self.info("The annotators agree everywhere in this document.");
        }
        let at = match (curation.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
        };
        self.reveal_disagreement(at);
    }

    /// Takes annotator `k`'s version of the current disagreement into the
    /// gold (`None`: rejects them all), then goes to the next one.
    fn take_version(&mut self, annotator: Option<usize>) {
        let Some(curation) = self.curation() else {
            return self.info("Open a document into curation first (Ctrl+Shift+A, then click it).");
        };
        let Some(at) = curation.current else {
            return self.info("Go to a disagreement first (F8).");
        };
        let index = Arc::clone(&curation.index);
        if let Some(k) = annotator
            && k >= index.annotators().len()
        {
            return self.info(format!(
                "There is no annotator {} here: {}.",
                k + 1,
                crate::plural::counted(index.annotators().len(), "annotator", "annotators")
            ));
        }
        let take = self
            .session()
            .and_then(|s| index.take_edit(s.doc(), s.set(), at, annotator));
        match take {
            Some(Take::Edit(edit)) => self.perform(*edit),
            Some(Take::AlreadyThere) => self.info(match annotator {
                Some(k) => format!(
                    "The gold already holds {}'s version.",
                    index.annotators()[k]
                ),
                None => "The gold already holds nothing there.".to_owned(),
            }),
            Some(Take::EndsNotInGold) => {
                return self.info(
                    "That relation's ends are not both in the gold: resolve them first \
                     (or tag them), then take it.",
                );
            }
            None => {}
        }
        self.step_disagreement(true);
        if at + 1 == index.disagreements().len() {
            self.info(
                "That was the last disagreement (F8 goes round again from the first). \
                 Ctrl+S writes the gold.",
            );
        }
    }
}

//! A merge or split from the Entities tab over the whole folder: the open
//! document's links move at once (one undoable edit), the other documents'
//! on another thread (one at a time, each saved atomically, with progress
//! and Cancel in the status bar, never writing the document open in the
//! window), and when that ends the documents opened meanwhile are caught
//! up. A merge changes the registry only then, and only if every document
//! was re-pointed; a split changed it before. So whatever stops the run, no
//! link names an entity the registry no longer holds
//! ([`crate::entities::corpus`] says why the order matters).

use std::sync::{Arc, Mutex, PoisonError};

use crate::entities::RegistryEdit;
use crate::entities::corpus::{Repoint, RepointRun, RunControl, repoint_articles};
use crate::plural::counted;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::task::Task;
use crate::ui::background::worker::Job;
use crate::ui::widgets::entity_panel::Repointed;

/// A merge or split whose other documents are being re-pointed.
pub struct Running {
    /// What it is, as the Undo button says it ("merge of norge").
    pub what: String,
    /// The registry change: a merge's, applied when the run ends complete;
    /// a split's, applied before.
    edit: RegistryEdit,
    /// Whether the registry changes after the run (a merge).
    registry_after: bool,
    /// Which links move.
    repoint: Repoint,
    /// The open document's links moved when it started.
    repointed: Option<Repointed>,
    /// What the run did, once it ended.
    result: Arc<Mutex<Option<RepointRun>>>,
}

impl NewsmarkApp {
    /// Whether a folder-wide re-pointing may start (no other task, no
    /// other re-pointing, a registry that could be read); says why not.
    pub(in crate::ui) fn may_repoint_folder(&mut self) -> bool {
        let busy = self.background.task.as_ref().map(|t| t.job().to_string());
        let problem = self.entity_panel().and_then(|p| {
            p.problem
                .clone()
                .or_else(|| p.running.as_ref().map(|r| r.what.clone()))
        });
        match (busy, problem) {
            (Some(job), _) => self.info(format!("Wait until this ends: {job}")),
            (None, Some(why)) => self.info(format!("The registry cannot change now: {why}")),
            (None, None) => return true,
        }
        false
    }

    /// Starts re-pointing the folder's other documents. `edit` is the
    /// registry change: with `registry_after` (a merge) it is made when
    /// the run ends complete; else (a split) it was made already.
    pub(in crate::ui) fn start_repoint(
        &mut self,
        ctx: &egui::Context,
        what: String,
        (edit, registry_after): (RegistryEdit, bool),
        repoint: Repoint,
        repointed: Option<Repointed>,
    ) {
        let Some(folder) = self.folder.as_ref() else {
            return;
        };
        let dir = folder.corpus.dir.clone();
        let schema = self.schema().clone();
        let open = self.background.open_article.clone();
        let result = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&result);
        let work = repoint.clone();
        self.background.task = Some(Task::spawn(Job::RepointLinks, ctx, move |progress| {
            let articles = match crate::corpus::articles_in(&dir) {
                Ok(articles) => articles,
                Err(err) => return (err.to_string(), true),
            };
            let control = RunControl {
                unless_open: &|path, write| open.unless_open(path, write),
                cancelled: &|| progress.cancelled(),
                progress: &|done, total| progress.set(done, total),
            };
            let run = repoint_articles(
                &dir,
                articles.iter(),
                articles.len(),
                &schema,
                &work,
                &control,
            );
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(run);
            (String::new(), false)
        }));
        if let Some(panel) = self.entity_panel() {
            panel.running = Some(Running {
                what,
                edit,
                registry_after,
                repoint,
                repointed,
                result,
            });
        }
        self.info("Re-pointing the folder's links… (Cancel in the status bar)");
    }

    /// The run ended: catches up the documents that were open in the
    /// window while it ran, then (a merge) changes the registry if every
    /// document was re-pointed, and says what happened.
    pub(in crate::ui) fn finish_repoint(&mut self, failure: Option<String>) {
        let Some(running) = self.entity_panel().and_then(|p| p.running.take()) else {
            return;
        };
        let taken = running
            .result
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let Some(mut run) = taken else {
            let why = failure.unwrap_or_else(|| "it stopped unexpectedly".to_owned());
            return self.error(format!(
                "The {} did not re-point the folder: {why}",
                running.what
            ));
        };
        let repoint = &running.repoint;
        for txt in std::mem::take(&mut run.open) {
            let open_now = self.session().is_some_and(|s| s.txt_path() == txt);
            if open_now {
                let edit = self.session().and_then(|s| {
                    crate::entities::repoint_links_edit(
                        s.set(),
                        &repoint.from,
                        &repoint.into,
                        |span| repoint.picks(span),
                    )
                });
                if let Some(edit) = edit {
                    self.perform(edit);
                }
                continue;
            }
            match repoint.apply_to_file(&txt, self.schema()) {
                Ok(0) => {}
                Ok(n) => run.repointed.push((txt, n)),
                Err(skip) => run.skipped.push(skip),
            }
        }
        let elsewhere = run.repointed.len();
        let links = counted(run.links(), "link", "links");
        let documents = counted(elsewhere, "other document", "other documents");
        let (from, into) = (&repoint.from, &repoint.into);
        if running.registry_after && !run.complete() {
            let why = if run.cancelled {
                "cancelled".to_owned()
            } else {
                run.skipped
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            return self.error(format!(
                "Not merged ({why}): {links} of {documents} now point to {into}, and {from} stays in the registry; merge again to finish."
            ));
        }
        if running.registry_after {
            // Made again from the registry as it is now.
            let edit = self
                .entity_panel()
                .and_then(|p| p.registry.merge_edit(from, into).ok())
                .unwrap_or(running.edit.clone());
            if !self.change_registry(&edit) {
                return;
            }
            self.entities_step(running.what, edit, running.repointed, elsewhere);
            if let Some(panel) = self.entity_panel() {
                panel.pick(Some(into));
            }
            return self.info(format!(
                "Merged {from} into {into}: {links} re-pointed in {documents} (and this one's). Ctrl+Z takes back the registry change and this document's links."
            ));
        }
        self.entities_step(running.what, running.edit, running.repointed, elsewhere);
        let left = if run.complete() {
            String::new()
        } else {
            format!(
                "; {} still with {from}",
                counted(run.skipped.len(), "document", "documents")
            )
        };
        self.info(format!(
            "Split {into} off {from}: {links} re-pointed in {documents} (and this one's){left}."
        ));
    }
}

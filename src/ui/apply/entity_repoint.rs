//! A merge or split from the Entities tab over the whole folder, and its
//! undo and redo: the open document's links move at once (one undoable
//! edit), the other documents' on another thread (one at a time, each saved
//! atomically, with progress and Cancel in the status bar, never writing
//! the document open in the window), and when that ends the documents
//! opened meanwhile are caught up. A change that takes an entity out of the
//! registry (a merge, or the undo of a split) makes it only then, and only
//! if every document was re-pointed; one that adds an entity (a split, the
//! undo of a merge) makes it before. So whatever stops the run, no link
//! names an entity the registry no longer holds ([`crate::entities::corpus`]
//! says why the order matters).
//!
//! Undo and redo re-point exactly the spans the step moved, in the
//! documents it moved them in, backwards or forwards.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::entities::RegistryEdit;
use crate::entities::corpus::{Repoint, RepointRun, RunControl, repoint_articles, repoint_each};
use crate::plural::counted;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::task::Task;
use crate::ui::background::worker::Job;
use crate::ui::widgets::entity_panel::{EntityStep, Repointed};

/// Which documents a run re-points.
#[derive(Clone, Debug)]
pub enum Scope {
    /// Every article of the folder, the same links in each (a merge or a
    /// split made now).
    Folder(Repoint),
    /// These articles, each its own spans (a step taken back or made
    /// again).
    Files(Vec<(PathBuf, Repoint)>),
}

impl Scope {
    /// The re-pointing of each article in the run, found by path in
    /// constant time (a run taken back may hold 100,000 documents).
    fn index(&self) -> ScopeIndex<'_> {
        match self {
            Self::Folder(repoint) => ScopeIndex::Every(repoint),
            Self::Files(files) => {
                ScopeIndex::Each(files.iter().map(|(t, r)| (t.as_path(), r)).collect())
            }
        }
    }
}

/// [`Scope::index`].
enum ScopeIndex<'a> {
    Every(&'a Repoint),
    Each(HashMap<&'a Path, &'a Repoint>),
}

impl ScopeIndex<'_> {
    /// The re-pointing for article `txt`, if it is in the run.
    fn for_article(&self, txt: &Path) -> Option<&Repoint> {
        match self {
            Self::Every(repoint) => Some(repoint),
            Self::Each(files) => files.get(txt).copied(),
        }
    }
}

/// Whether a run makes a step, takes it back or makes it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// A merge or split made now.
    Do,
    /// Ctrl+Z.
    Undo,
    /// Ctrl+Shift+Z.
    Redo,
}

/// What a folder-wide run is to do.
pub struct RepointStart {
    /// What it is, as the Undo button says it ("merge of norge").
    pub what: String,
    /// The registry change this run makes (for an undo, the inverse).
    pub edit: RegistryEdit,
    /// Whether the registry changes after the run (it takes an entity
    /// out), or changed before.
    pub registry_after: bool,
    /// Which links of which documents move.
    pub scope: Scope,
    /// The open document's links moved when it started.
    pub repointed: Option<Repointed>,
    /// Made, taken back or made again.
    pub direction: Direction,
}

/// A merge or split whose other documents are being re-pointed.
pub struct Running {
    /// What it is, as the Undo button says it ("merge of norge").
    pub what: String,
    start: RepointStart,
    /// What the run did, once it ended.
    result: Arc<Mutex<Option<RepointRun>>>,
}

/// What a run did, as its end reports and records it.
struct Ended {
    run: RepointRun,
    /// The step as undo (redo) will run it: forwards, span by span.
    elsewhere: Vec<(PathBuf, Repoint)>,
    /// "4 links".
    links: String,
    /// "1 other document".
    documents: String,
}

/// Whether `edit` takes an entity out of the registry.
fn removes_entity(edit: &RegistryEdit) -> bool {
    edit.changes.iter().any(|c| matches!(c, (Some(_), None)))
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

    /// Starts re-pointing the other documents of `start`'s scope. Its
    /// registry change is made when the run ends complete if it takes an
    /// entity out; else the caller made it already.
    pub(in crate::ui) fn start_repoint(&mut self, ctx: &egui::Context, start: RepointStart) {
        let Some(folder) = self.folder.as_ref() else {
            return;
        };
        let dir = folder.corpus.dir.clone();
        let schema = self.schema().clone();
        let open = self.background.open_article.clone();
        let result = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&result);
        let scope = start.scope.clone();
        self.background.task = Some(Task::spawn(Job::RepointLinks, ctx, move |progress| {
            let control = RunControl {
                unless_open: &|path, write| open.unless_open(path, write),
                cancelled: &|| progress.cancelled(),
                progress: &|done, total| progress.set(done, total),
            };
            let run = match &scope {
                Scope::Folder(repoint) => {
                    let articles = match crate::corpus::articles_in(&dir) {
                        Ok(articles) => articles,
                        Err(err) => return (err.to_string(), true),
                    };
                    let total = articles.len();
                    repoint_articles(&dir, articles.iter(), total, &schema, repoint, &control)
                }
                Scope::Files(files) => {
                    let each = files.iter().map(|(t, r)| (t.clone(), Cow::Borrowed(r)));
                    repoint_each(&dir, each, files.len(), &schema, &control)
                }
            };
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(run);
            (String::new(), false)
        }));
        let what = start.what.clone();
        if let Some(panel) = self.entity_panel() {
            panel.running = Some(Running {
                what,
                start,
                result,
            });
        }
        self.info("Re-pointing the folder's links… (Cancel in the status bar)");
    }

    /// Takes back (`Direction::Undo`) or makes again a registry step that
    /// re-pointed other documents: the registry and the open document's
    /// links now or after, the other documents' on another thread.
    pub(in crate::ui) fn repeat_in_folder(
        &mut self,
        ctx: &egui::Context,
        step: EntityStep,
        direction: Direction,
    ) {
        let undo = direction == Direction::Undo;
        let give_back = |app: &mut Self, step: EntityStep| {
            if let Some(panel) = app.entity_panel() {
                if undo {
                    panel.undo.push(step);
                } else {
                    panel.redo.push(step);
                }
            }
        };
        if !self.may_repoint_folder() {
            return give_back(self, step);
        }
        let edit = if undo {
            step.edit.inverse()
        } else {
            step.edit.clone()
        };
        let registry_after = removes_entity(&edit);
        if !registry_after && !self.change_registry(&edit) {
            return give_back(self, step);
        }
        self.follow_links(&step, undo);
        let files = step
            .elsewhere
            .iter()
            .map(|(txt, r)| (txt.clone(), if undo { r.reversed() } else { r.clone() }))
            .collect();
        self.start_repoint(
            ctx,
            RepointStart {
                what: step.what,
                edit,
                registry_after,
                scope: Scope::Files(files),
                repointed: step.repointed,
                direction,
            },
        );
    }

    /// The run ended: catches up the documents that were open in the
    /// window while it ran, then changes the registry if it was to change
    /// after and every document was re-pointed, records the step for undo
    /// (or redo), and says what happened.
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
        let start = running.start;
        let index = start.scope.index();
        self.catch_up_open(&index, &mut run);
        if let Some(folder) = &mut self.folder {
            // The files written, as the folder's index (and its entity
            // counts) must now see them.
            for (txt, digest) in std::mem::take(&mut run.digests) {
                folder.corpus.record_digest(&txt, digest, None);
            }
        }
        let elsewhere: Vec<(PathBuf, Repoint)> = run
            .repointed
            .iter()
            .filter_map(|(txt, ids)| {
                let ran = index.for_article(txt)?;
                let (from, into) = match start.direction {
                    Direction::Undo => (&ran.into, &ran.from),
                    Direction::Do | Direction::Redo => (&ran.from, &ran.into),
                };
                Some((txt.clone(), Repoint::only(from, into, ids.clone())))
            })
            .collect();
        let ended = Ended {
            links: counted(run.links(), "link", "links"),
            documents: counted(run.repointed.len(), "other document", "other documents"),
            run,
            elsewhere,
        };
        match start.direction {
            Direction::Do => self.finish_step(start, ended),
            Direction::Undo | Direction::Redo => self.finish_repeat(start, ended),
        }
    }

    /// Re-points the documents the run found open in the window: the one
    /// open now by an edit of its own, the others on disk.
    fn catch_up_open(&mut self, scope: &ScopeIndex<'_>, run: &mut RepointRun) {
        for txt in std::mem::take(&mut run.open) {
            let Some(repoint) = scope.for_article(&txt).cloned() else {
                continue;
            };
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
                Ok(None) => {}
                Ok(Some(moved)) => run.record(txt, moved),
                Err(skip) => run.skipped.push(skip),
            }
        }
    }

    /// Why a run did not end complete.
    fn why_incomplete(run: &RepointRun) -> String {
        if run.cancelled {
            return "cancelled".to_owned();
        }
        run.skipped
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A merge or split made now ended.
    fn finish_step(&mut self, start: RepointStart, ended: Ended) {
        let Ended {
            run,
            elsewhere,
            links,
            documents,
        } = ended;
        let Scope::Folder(repoint) = &start.scope else {
            return;
        };
        let (from, into) = (repoint.from.clone(), repoint.into.clone());
        if start.registry_after && !run.complete() {
            let why = Self::why_incomplete(&run);
            return self.error(format!(
                "Not merged ({why}): {links} of {documents} now point to {into}, and {from} stays in the registry; merge again to finish."
            ));
        }
        if start.registry_after {
            // Made again from the registry as it is now.
            let edit = self
                .entity_panel()
                .and_then(|p| p.registry.merge_edit(&from, &into).ok())
                .unwrap_or(start.edit.clone());
            if !self.change_registry(&edit) {
                return;
            }
            self.entities_step(start.what, edit, start.repointed, elsewhere);
            if let Some(panel) = self.entity_panel() {
                panel.pick(Some(&into));
            }
            return self.info(format!(
                "Merged {from} into {into}: {links} re-pointed in {documents} (and this one's). Ctrl+Z takes it back, in every document."
            ));
        }
        let complete = run.complete();
        let left = if complete {
            String::new()
        } else {
            format!(
                "; {} still with {from}",
                counted(run.skipped.len(), "document", "documents")
            )
        };
        self.entities_step(start.what, start.edit, start.repointed, elsewhere);
        self.info(format!(
            "Split {into} off {from}: {links} re-pointed in {documents} (and this one's){left}."
        ));
    }

    /// An undo or redo of a folder-wide step ended: the registry if it was
    /// to change after, and the step onto the other stack.
    fn finish_repeat(&mut self, start: RepointStart, ended: Ended) {
        let undo = start.direction == Direction::Undo;
        let (done, again) = if undo {
            ("Undid", "Ctrl+Shift+Z redoes it")
        } else {
            ("Redid", "Ctrl+Z takes it back")
        };
        if start.registry_after && !ended.run.complete() {
            let why = Self::why_incomplete(&ended.run);
            let verb = if undo { "taken back" } else { "made again" };
            return self.error(format!(
                "The {} was not {verb} ({why}): {} of {} moved, and the registry keeps every entity they name; nothing to undo or redo for it now.",
                start.what, ended.links, ended.documents
            ));
        }
        if start.registry_after && !self.change_registry(&start.edit) {
            return;
        }
        let edit = if undo {
            start.edit.inverse()
        } else {
            start.edit.clone()
        };
        let doc_state = self.doc_state();
        let what = start.what.clone();
        if let Some(panel) = self.entity_panel() {
            let step = EntityStep {
                what: start.what,
                edit,
                repointed: start.repointed,
                doc_state,
                elsewhere: ended.elsewhere,
            };
            if undo {
                panel.redo.push(step);
            } else {
                panel.undo.push(step);
            }
        }
        self.info(format!(
            "{done} the {what}: {} re-pointed in {} ({again})",
            ended.links, ended.documents
        ));
    }
}

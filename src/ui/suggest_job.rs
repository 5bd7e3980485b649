//! Running the suggesters off the UI thread, with progress and cancel.
//!
//! The open document's suggestions come back to the app, which adds them as
//! one undoable edit; the corpus's other documents are updated on disk by
//! the job (pending suggestions only; protected files are left alone).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use crate::model::{AnnotationSet, Document, LabelSchema};
use crate::session::Session;
use crate::store;
use crate::suggest::{SuggestPlan, Suggestion, pending_edit};

/// A message from the job's thread.
pub enum JobEvent {
    /// `done` of `total` documents finished; `name` is the one just done.
    Progress {
        /// Documents finished.
        done: usize,
        /// Documents in the run.
        total: usize,
    },
    /// Suggestions for the open document, to add to the live session.
    ForOpenDocument(Vec<Suggestion>),
    /// Another document got new pending suggestions, saved.
    Saved {
        /// The article.
        path: PathBuf,
        /// How many suggestions it got.
        added: usize,
        /// Its annotations as saved.
        set: Box<AnnotationSet>,
    },
    /// Something failed; the message names the command and document.
    Failed(String),
    /// The job ended (finished or cancelled).
    Finished,
}

/// A running suggestion job.
pub struct SuggestJob {
    /// The article that was open when the job started; its suggestions only
    /// go to it.
    pub open_path: PathBuf,
    events: mpsc::Receiver<JobEvent>,
    cancel: Arc<AtomicBool>,
    /// Documents finished and in the run.
    pub progress: (usize, usize),
    /// Suggestions saved to other documents.
    pub saved_elsewhere: usize,
    /// Suggestions added to the open document.
    pub added_here: usize,
    /// Other documents saved since the last look, with their annotations,
    /// for the document list.
    pub saved: Vec<(PathBuf, AnnotationSet)>,
    /// Failures so far.
    pub failures: Vec<String>,
    /// Whether the thread is done.
    pub finished: bool,
    /// What the open document's suggestions are called in messages, or
    /// `None` if they are not offered to it.
    pub open_offers: Option<&'static str>,
}

impl SuggestJob {
    /// Starts the suggesters on the open document (`open`: its name and
    /// text) and, if given, on the other articles of the corpus.
    pub fn start(
        plan: SuggestPlan,
        open_path: PathBuf,
        open: (String, Document),
        others: Vec<PathBuf>,
        schema: LabelSchema,
        ctx: egui::Context,
    ) -> Self {
        let (tx, events) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let total = others.len() + 1;
        std::thread::spawn(move || {
            let send = |event| {
                let _ = tx.send(event);
                ctx.request_repaint();
            };
            let (found, failure) = plan.suggest_until(&open.0, &open.1, Some(&stop));
            if let Some(err) = failure {
                send(JobEvent::Failed(err.to_string()));
            }
            send(JobEvent::ForOpenDocument(found));
            send(JobEvent::Progress { done: 1, total });
            for (k, path) in others.iter().enumerate() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let (saved, failure) = suggest_on_disk(&plan, path, &schema, &stop);
                if let Some((added, set)) = saved {
                    send(JobEvent::Saved {
                        path: path.clone(),
                        added,
                        set: Box::new(set),
                    });
                }
                if let Some(message) = failure {
                    send(JobEvent::Failed(message));
                }
                send(JobEvent::Progress { done: k + 2, total });
            }
            send(JobEvent::Finished);
        });
        Self {
            open_path,
            events,
            cancel,
            progress: (0, total),
            saved_elsewhere: 0,
            added_here: 0,
            saved: Vec::new(),
            failures: Vec::new(),
            finished: false,
            open_offers: None,
        }
    }

    /// Asks the job to stop (a running extractor is killed).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes what the thread reported since the last call; returns the open
    /// document's suggestions if they arrived.
    pub fn poll(&mut self) -> Option<Vec<Suggestion>> {
        let mut for_open = None;
        while let Ok(event) = self.events.try_recv() {
            match event {
                JobEvent::Progress { done, total } => self.progress = (done, total),
                JobEvent::ForOpenDocument(found) => for_open = Some(found),
                JobEvent::Saved { path, added, set } => {
                    self.saved_elsewhere += added;
                    self.saved.push((path, *set));
                }
                JobEvent::Failed(message) => self.failures.push(message),
                JobEvent::Finished => self.finished = true,
            }
        }
        for_open
    }
}

/// Suggests on a document that is not open, saving the result: how many
/// suggestions it got and its annotations as saved, if any were added, and
/// what failed, if anything did.
fn suggest_on_disk(
    plan: &SuggestPlan,
    path: &std::path::Path,
    schema: &LabelSchema,
    cancel: &AtomicBool,
) -> (Option<(usize, AnnotationSet)>, Option<String>) {
    let mut session = match Session::open(path, schema.clone()) {
        Ok(session) => session,
        Err(err) => return (None, Some(err.to_string())),
    };
    let name = store::file_name(path);
    if let Some(reason) = session.save_blocked() {
        let skipped = format!("{name}: skipped, its annotation file is protected: {reason}");
        return (None, Some(skipped));
    }
    let (found, failure) = plan.suggest_until(&name, session.doc(), Some(cancel));
    let failure = failure.map(|e| e.to_string());
    let Some(edit) = pending_edit(&session, &found) else {
        return (None, failure);
    };
    let added = match &edit {
        crate::model::Edit::Batch(edits) => edits.len(),
        _ => 1,
    };
    if let Err(err) = session.perform(edit) {
        return (None, Some(err.to_string()));
    }
    match session.save() {
        Ok(()) => (Some((added, session.set().clone())), failure),
        Err(err) => (None, Some(err.to_string())),
    }
}

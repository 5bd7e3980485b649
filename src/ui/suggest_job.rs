//! Running the suggesters off the UI thread, with progress and cancel.
//!
//! The open document's suggestions come back to the app, which adds them as
//! one undoable edit; the corpus's other documents are updated on disk by
//! the job (pending suggestions only; protected files are left alone).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use crate::model::{Document, LabelSchema};
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
    /// Another document got this many new pending suggestions, saved.
    Saved(usize),
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
                match suggest_on_disk(&plan, path, &schema, &stop) {
                    Ok(added) => send(JobEvent::Saved(added)),
                    Err(message) => send(JobEvent::Failed(message)),
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
                JobEvent::Saved(added) => self.saved_elsewhere += added,
                JobEvent::Failed(message) => self.failures.push(message),
                JobEvent::Finished => self.finished = true,
            }
        }
        for_open
    }
}

/// Suggests on a document that is not open, saving the result.
fn suggest_on_disk(
    plan: &SuggestPlan,
    path: &std::path::Path,
    schema: &LabelSchema,
    cancel: &AtomicBool,
) -> Result<usize, String> {
    let mut session = Session::open(path, schema.clone()).map_err(|e| e.to_string())?;
    let name = store::file_name(path);
    if let Some(reason) = session.save_blocked() {
        return Err(format!(
            "{name}: skipped, its annotation file is protected: {reason}"
        ));
    }
    let (found, failure) = plan.suggest_until(&name, session.doc(), Some(cancel));
    let Some(edit) = pending_edit(&session, &found) else {
        return failure.map_or(Ok(0), |e| Err(e.to_string()));
    };
    let added = match &edit {
        crate::model::Edit::Batch(edits) => edits.len(),
        _ => 1,
    };
    session.perform(edit).map_err(|e| e.to_string())?;
    session.save().map_err(|e| e.to_string())?;
    match failure {
        Some(err) => Err(err.to_string()),
        None => Ok(added),
    }
}

//! A one-off background task (an import or an export) whose outcome is a
//! message for the status bar. The window stays live meanwhile; a task that
//! reports progress can also be cancelled.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// What a task ended with: a message, and whether something went wrong.
pub type Outcome = (String, bool);

/// What a task's work can see: where to report progress, whether to stop.
#[derive(Clone)]
pub struct Progress {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
}

impl Progress {
    /// Reports `done` of `total` steps.
    pub fn set(&self, done: usize, total: usize) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// Whether the user asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A task running on its own thread.
pub struct Task {
    /// What it is doing, for the status bar ("Importing spacy…").
    pub what: String,
    progress: Progress,
    result: mpsc::Receiver<Outcome>,
}

impl Task {
    /// Runs `work` on a new thread; the window is repainted when it ends.
    pub fn spawn(
        what: impl Into<String>,
        ctx: &egui::Context,
        work: impl FnOnce(&Progress) -> Outcome + Send + 'static,
    ) -> Self {
        let (tx, result) = mpsc::channel();
        let ctx = ctx.clone();
        let progress = Progress {
            done: Arc::default(),
            total: Arc::default(),
            cancel: Arc::default(),
        };
        let shared = progress.clone();
        std::thread::spawn(move || {
            if tx.send(work(&shared)).is_err() {
                log::debug!("import or export done after the window stopped listening");
            }
            ctx.request_repaint();
        });
        Self {
            what: what.into(),
            progress,
            result,
        }
    }

    /// `(done, total)` as last reported; total 0 when the task reports none.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        )
    }

    /// Asks the task to stop at its next step.
    pub fn cancel(&self) {
        self.progress.cancel.store(true, Ordering::Relaxed);
    }

    /// The outcome, once the task has ended.
    pub fn poll(&self) -> Option<Outcome> {
        match self.result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(("the task stopped unexpectedly".to_owned(), true))
            }
        }
    }
}

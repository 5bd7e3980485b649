//! A one-off background task (an import or an export) whose outcome is a
//! message for the status bar. The window stays live meanwhile; a task that
//! reports progress can also be cancelled.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::worker::{Checked, Job, Worker};

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
    progress: Progress,
    worker: Worker<Outcome>,
}

impl Task {
    /// Runs `work` on a new thread; the window is repainted when it ends.
    pub fn spawn(
        job: Job,
        ctx: &egui::Context,
        work: impl FnOnce(&Progress) -> Outcome + Send + 'static,
    ) -> Self {
        let progress = Progress {
            done: Arc::default(),
            total: Arc::default(),
            cancel: Arc::default(),
        };
        let shared = progress.clone();
        let worker = Worker::spawn(job, Some(ctx), move |out| out.send(work(&shared)));
        Self { progress, worker }
    }

    /// What it is.
    pub fn job(&self) -> Job {
        self.worker.job
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
        match self.worker.check() {
            Checked::Message(outcome) => Some(outcome),
            Checked::Nothing => None,
            Checked::Ended => Some(("the task stopped unexpectedly".to_owned(), true)),
        }
    }
}

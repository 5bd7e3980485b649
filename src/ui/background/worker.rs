//! The one way work runs off the UI thread: [`Worker::spawn`] starts a
//! thread that sends messages through an [`Outbox`]; the window takes them
//! each frame ([`Worker::check`], [`Worker::messages`]). Each worker says
//! which [`Job`] it is, for the log.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use crate::formats::Format;
use crate::formats::export::ExportFormat;

/// The kinds of work the window runs in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Importing annotations in this format into the folder.
    Import(Format),
    /// Exporting the folder in this format.
    Export(ExportFormat),
    /// Suggesters (or learned terms) over the folder.
    Suggest,
    /// Accept all / Reject all over the folder, or taking it back.
    FolderReview,
    /// Looking for a tagged text's other occurrences in a long article.
    OccurrenceScan,
    /// Measuring the agreement of the folder's annotators.
    Agreement,
    /// Building the folder's facts table.
    Facts,
    /// Re-pointing the folder's entity links after a merge or split.
    RepointLinks,
}

impl fmt::Display for Job {
    /// What the job is doing, as the status bar says it ("Importing spacy…").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Import(format) => write!(f, "Importing {}…", format.name()),
            Self::Export(format) => write!(f, "Exporting {}…", format.name()),
            Self::Suggest => f.write_str("Suggesting…"),
            Self::FolderReview => f.write_str("Reviewing the folder…"),
            Self::OccurrenceScan => f.write_str("Looking for other occurrences…"),
            Self::Agreement => f.write_str("Measuring the annotators' agreement…"),
            Self::Facts => f.write_str("Building the facts table…"),
            Self::RepointLinks => f.write_str("Re-pointing entity links…"),
        }
    }
}

/// Where a worker's thread sends its messages; each wakes the window.
pub struct Outbox<T> {
    job: Job,
    sender: mpsc::Sender<T>,
    ctx: Option<egui::Context>,
    stop: Arc<AtomicBool>,
}

impl<T> Outbox<T> {
    /// Sends `message` to the window and wakes it; a window that stopped
    /// listening (the job was dropped) is logged, not an error.
    pub fn send(&self, message: T) {
        if self.sender.send(message).is_err() {
            log::debug!("{}: done after the window stopped listening", self.job);
        }
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }

    /// Whether the window asked the work to stop ([`Worker::cancel`]).
    pub fn cancelled(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// The flag [`Worker::cancel`] sets, for work that checks it deeper
    /// down (a running extractor is killed when it is set).
    pub fn stop_flag(&self) -> &AtomicBool {
        &self.stop
    }
}

/// What [`Worker::check`] found.
pub enum Checked<T> {
    /// A message.
    Message(T),
    /// Nothing yet.
    Nothing,
    /// The thread ended without sending anything more (it panicked, or it
    /// is done and everything was taken).
    Ended,
}

/// Work running on its own thread.
pub struct Worker<T> {
    /// What it is.
    pub job: Job,
    inbox: mpsc::Receiver<T>,
    stop: Arc<AtomicBool>,
}

impl<T: Send + 'static> Worker<T> {
    /// Runs `work` on a new thread; its messages wake the window through
    /// `ctx`, if given (otherwise the window polls).
    pub fn spawn(
        job: Job,
        ctx: Option<&egui::Context>,
        work: impl FnOnce(&Outbox<T>) + Send + 'static,
    ) -> Self {
        let (sender, inbox) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let outbox = Outbox {
            job,
            sender,
            ctx: ctx.cloned(),
            stop: Arc::clone(&stop),
        };
        log::debug!("{job}: started");
        std::thread::spawn(move || work(&outbox));
        Self { job, inbox, stop }
    }
}

impl<T> Worker<T> {
    /// The next message, if one came.
    pub fn check(&self) -> Checked<T> {
        match self.inbox.try_recv() {
            Ok(message) => Checked::Message(message),
            Err(mpsc::TryRecvError::Empty) => Checked::Nothing,
            Err(mpsc::TryRecvError::Disconnected) => Checked::Ended,
        }
    }

    /// Asks the work to stop (it sees [`Outbox::cancelled`]).
    pub fn cancel(&self) {
        log::debug!("{}: cancelled", self.job);
        self.stop.store(true, Ordering::Relaxed);
    }

    /// The messages that came since the last look.
    pub fn messages(&self) -> impl Iterator<Item = T> + '_ {
        std::iter::from_fn(|| self.inbox.try_recv().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_delivers_its_messages_then_says_it_ended() {
        let worker = Worker::spawn(Job::Suggest, None, |out| {
            out.send(1);
            out.send(2);
        });
        let mut got = Vec::new();
        loop {
            match worker.check() {
                Checked::Message(n) => got.push(n),
                Checked::Nothing => std::thread::yield_now(),
                Checked::Ended => break,
            }
        }
        assert_eq!(got, [1, 2]);
    }

    #[test]
    fn a_worker_whose_thread_panics_ends() {
        let worker: Worker<u8> = Worker::spawn(Job::OccurrenceScan, None, |_| {
            panic!("the work failed");
        });
        while matches!(worker.check(), Checked::Nothing) {
            std::thread::yield_now();
        }
        assert!(matches!(worker.check(), Checked::Ended));
    }

    #[test]
    fn jobs_say_what_they_do_as_the_status_bar_did() {
        assert_eq!(
            Job::Import(Format::ALL[0]).to_string(),
            format!("Importing {}…", Format::ALL[0].name())
        );
        assert_eq!(
            Job::Export(ExportFormat::ALL[0]).to_string(),
            format!("Exporting {}…", ExportFormat::ALL[0].name())
        );
    }
}

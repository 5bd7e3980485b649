//! Work running off the UI thread, polled each frame. Threads are started
//! through [`worker::Worker`] (one kind of [`worker::Job`] each), except the
//! file watcher (notify calls back) and the folder's reading (`corpus_loader`).
//!
//! - `agree_job.rs`: the agreement of the folder's annotators, for the agreement panel
//! - `corpus_loader.rs`: reading the folder's annotation files when it opens
//! - `bulk_job.rs`: Accept all / Reject all over the folder, and taking it back
//! - `facts_job.rs`: the folder's facts table, for the facts window
//! - `disk_watch.rs`: watching the open document's files for changes by other programs
//! - `occurrence_scan.rs`: a tagged text's other occurrences in a long article
//! - `suggest_job.rs`: suggesters and learned terms over the folder
//! - `task.rs`: an import or an export, with progress and Cancel
//! - `worker.rs`: the thread, its messages and the kinds of job

pub mod agree_job;
pub mod bulk_job;
pub mod corpus_loader;
pub mod disk_watch;
pub mod facts_job;
pub mod occurrence_scan;
pub mod suggest_job;
pub mod task;
pub mod worker;

use super::apply::bulk::FolderBulk;
use crate::session::JournalWrite;
use suggest_job::{OpenArticle, SuggestJob};
use task::Task;

/// The window's background work.
#[derive(Default)]
pub struct Background {
    /// Suggesters (extractor, gazetteer, learned terms) running over the
    /// folder.
    pub suggest: Option<SuggestJob>,
    /// Folder-wide Accept all / Reject all: the running job and the last
    /// one done.
    pub folder_bulk: FolderBulk,
    /// A running import or export.
    pub task: Option<Task>,
    /// The recovery journal being written on another thread.
    pub journal_write: Option<JournalWrite>,
    /// The open article, as the jobs see it (each holds a clone): a job
    /// does not write the article the window has open. Kept here, not in
    /// the folder, as jobs outlive the folder they were started in.
    pub open_article: OpenArticle,
}

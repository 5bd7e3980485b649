//! Work running off the UI thread, polled each frame.
//!
//! - `disk_watch.rs`: watching the open document's files for changes by other programs

pub mod disk_watch;

use super::apply_bulk::FolderBulk;
use super::suggest_job::SuggestJob;
use super::task::Task;
use crate::session::JournalWrite;

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
}

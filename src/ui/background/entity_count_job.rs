//! Each entity's mentions across the open folder, for the Entities tab,
//! counted on another thread from the saved files
//! ([`crate::corpus::entity_counts::count_entity_mentions`]) and counted
//! again when the folder's documents change: a save, a folder-wide review
//! or suggestion run (the folder's index moves on), a merge's or split's
//! re-pointing, the folder read again ([`FolderMentions::mark_stale`]).
//!
//! A count under way is left to finish even if the folder changes
//! meanwhile (it would otherwise never finish while documents keep being
//! saved); the next starts then. The open document's unsaved edits are
//! put in their place by the tab
//! ([`crate::corpus::entity_counts::FolderEntityCounts::with_open`]).

use std::path::{Path, PathBuf};

use super::worker::{Checked, Job, Worker};
use crate::corpus::entity_counts::{FolderEntityCounts, count_entity_mentions};
use crate::model::LabelSchema;

/// What a count sends: the counts, `None` if it was cancelled, or why the
/// folder could not be listed.
type Counted = Result<Option<FolderEntityCounts>, String>;

/// A count running in the background.
struct EntityCountJob {
    worker: Worker<Counted>,
}

impl EntityCountJob {
    /// Starts counting the mentions of the folder `dir`, `open` (the open
    /// document) kept apart too.
    fn start(
        dir: PathBuf,
        schema: LabelSchema,
        open: Option<PathBuf>,
        ctx: &egui::Context,
    ) -> Self {
        let worker = Worker::spawn(Job::EntityCounts, Some(ctx), move |out| {
            let counted =
                count_entity_mentions(&dir, &schema, open.as_deref(), &|| out.cancelled());
            out.send(counted.map_err(|e| e.to_string()));
        });
        Self { worker }
    }

    /// What it sent, once it ended.
    fn poll(&self) -> Option<Counted> {
        match self.worker.check() {
            Checked::Message(counted) => Some(counted),
            Checked::Nothing => None,
            Checked::Ended => Some(Err("the count stopped unexpectedly".to_owned())),
        }
    }
}

impl Drop for EntityCountJob {
    /// A count nobody waits for (the folder closed) stops.
    fn drop(&mut self) {
        self.worker.cancel();
    }
}

/// The folder's entity mentions as the Entities tab shows them, and the
/// count under way.
#[derive(Default)]
pub struct FolderMentions {
    /// The last count's result.
    pub counts: Option<FolderEntityCounts>,
    /// Why the last count failed, if it did.
    pub problem: Option<String>,
    /// The count under way.
    job: Option<EntityCountJob>,
    /// The revision of the folder's index the last count started at.
    counted_for: Option<u64>,
}

impl FolderMentions {
    /// Takes a finished count, and starts one if the folder's documents
    /// changed (index `revision`) since the last started, none running:
    /// the folder `dir`, read with `schema`, `open` being the window's
    /// document.
    pub fn keep_up(
        &mut self,
        ctx: &egui::Context,
        (dir, schema): (&Path, &LabelSchema),
        revision: u64,
        open: Option<&Path>,
    ) {
        if let Some(counted) = self.job.as_ref().and_then(EntityCountJob::poll) {
            self.job = None;
            match counted {
                Ok(Some(counts)) => {
                    self.counts = Some(counts);
                    self.problem = None;
                }
                Ok(None) => {}
                Err(why) => self.problem = Some(why),
            }
        }
        if self.job.is_none() && self.counted_for != Some(revision) {
            self.counted_for = Some(revision);
            let open = open.map(Path::to_owned);
            let job = EntityCountJob::start(dir.to_owned(), schema.clone(), open, ctx);
            self.job = Some(job);
        }
    }

    /// Asks for a new count once the one under way (if any) is done: the
    /// folder's links changed in a way its index does not show (a merge
    /// or split re-pointed them, the folder is being read again).
    pub fn mark_stale(&mut self) {
        self.counted_for = None;
    }

    /// Whether a count is under way.
    pub fn counting(&self) -> bool {
        self.job.is_some()
    }

    /// Whether the last count is of the folder as it is (index
    /// `revision`), none under way.
    pub fn up_to_date(&self, revision: u64) -> bool {
        self.job.is_none() && self.counted_for == Some(revision)
    }
}

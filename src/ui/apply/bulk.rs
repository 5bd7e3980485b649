//! Applying the folder-wide review commands: "Accept all in folder" /
//! "Reject all in folder" and taking the last one back. The open document
//! changes as one undoable edit in the window; the folder's other articles
//! are changed in their files by a [`BulkJob`]. The spans each article had
//! changed are kept (for this run of the window) so that "Take back" makes
//! exactly those pending again, one article at a time.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::{SpanId, Status};
use crate::plural;
use crate::session::ReviewFilter;
use crate::session::bulk::changed_ids;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::bulk_job::{BulkJob, BulkOp};
use crate::ui::widgets::review_panel::FolderView;

/// The spans a folder-wide review changed, per article.
type Changed = BTreeMap<PathBuf, Vec<SpanId>>;

/// Folder-wide review state: the running job, and the last review done.
#[derive(Default)]
pub struct FolderBulk {
    /// The job running, if any.
    pub job: Option<BulkJob>,
    /// What the running job changed so far.
    tally: Changed,
    /// The last folder-wide review finished: its status and what it
    /// changed, for "Take back".
    last: Option<(Status, Changed)>,
}

impl FolderBulk {
    /// What the review panel shows of it.
    pub fn view(&self) -> FolderView {
        FolderView {
            running: self
                .job
                .as_ref()
                .map(|j| (j.progress.0, j.progress.1, j.op.status())),
            last: self.last.as_ref().map(|(status, changed)| {
                let spans = changed.values().map(Vec::len).sum();
                (*status, changed.len(), spans)
            }),
        }
    }
}

/// "accept" / "reject" / "reopen".
fn verb(status: Status) -> &'static str {
    match status {
        Status::Accepted => "Accepted",
        Status::Rejected => "Rejected",
        Status::Pending => "Made pending again",
    }
}

impl NewsmarkApp {
    /// Sets `status` on every pending suggestion passing `filter` in every
    /// article of the folder: the open one as one undoable edit now, the
    /// others in the background.
    pub(in crate::ui) fn bulk_folder(
        &mut self,
        ctx: &egui::Context,
        filter: ReviewFilter,
        status: Status,
    ) {
        let op = BulkOp::Review { filter, status };
        self.start_folder_bulk(ctx, op);
    }

    /// Takes the last folder-wide review back: the spans it changed that
    /// still have the status it gave become pending again.
    pub(in crate::ui) fn undo_folder_bulk(&mut self, ctx: &egui::Context) {
        if self.background.folder_bulk.job.is_some() {
            return;
        }
        let Some((status, ids)) = self.background.folder_bulk.last.take() else {
            return self.info("No folder-wide review to take back.");
        };
        self.start_folder_bulk(ctx, BulkOp::Reopen { status, ids });
    }

    fn start_folder_bulk(&mut self, ctx: &egui::Context, op: BulkOp) {
        if self.background.suggest.is_some() || self.background.folder_bulk.job.is_some() {
            return self.info("Wait for the running suggestions or review to end (or cancel it).");
        }
        let Some(open) = self.session().map(|s| s.txt_path().to_owned()) else {
            return;
        };
        self.background.folder_bulk.tally.clear();
        self.change_open_document(&op, &open);
        let paths: Vec<PathBuf> = match &op {
            BulkOp::Review { .. } => self
                .corpus_index()
                .map(|c| c.entries.iter().map(|e| e.path.clone()).collect())
                .unwrap_or_default(),
            BulkOp::Reopen { ids, .. } => ids.keys().cloned().collect(),
        };
        let others = paths.into_iter().filter(|p| *p != open).collect();
        let job = BulkJob::start(
            op,
            others,
            self.schema().clone(),
            self.background.open_article.clone(),
            ctx,
        );
        self.background.folder_bulk.job = Some(job);
    }

    /// Applies a folder-wide job's change to the open document, `path`, as
    /// one undoable edit.
    fn change_open_document(&mut self, op: &BulkOp, path: &PathBuf) {
        let Some(session) = self.session().filter(|s| s.txt_path() == path) else {
            return;
        };
        let edit = match op {
            BulkOp::Review { filter, status } => session.bulk_status_edit(filter, *status),
            BulkOp::Reopen { status, ids } => ids
                .get(path)
                .and_then(|ids| session.reopen_edit(ids, *status)),
        };
        if let Some(edit) = edit {
            let ids = changed_ids(&edit);
            self.perform(edit);
            self.background.folder_bulk.tally.insert(path.clone(), ids);
        }
    }

    /// Takes the job's news; reports when it ends.
    pub(in crate::ui) fn poll_folder_bulk(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.background.folder_bulk.job else {
            return;
        };
        job.poll();
        let changed = std::mem::take(&mut job.changed);
        let opened = std::mem::take(&mut job.opened);
        let op = job.op.clone();
        for (path, done) in changed {
            self.record_in_folder(&path, &done.set);
            self.background.folder_bulk.tally.insert(path, done.changed);
        }
        for path in opened {
            self.change_open_document(&op, &path);
        }
        let Some(job) = &self.background.folder_bulk.job else {
            return;
        };
        if !job.finished {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let (done, total) = job.progress;
        let cancelled = job.cancelled && done < total;
        let skipped = job.skipped.clone();
        self.background.folder_bulk.job = None;
        let tally = std::mem::take(&mut self.background.folder_bulk.tally);
        let spans: usize = tally.values().map(Vec::len).sum();
        let suggestions = plural::counted(spans, "suggestion", "suggestions");
        let documents = plural::counted(tally.len(), "document", "documents");
        let mut text = format!("{} {suggestions} in {documents}", verb(op.status()));
        if cancelled {
            text.push_str(&format!(
                " (cancelled after {done} of {total} other documents)"
            ));
        }
        if !skipped.is_empty() {
            let n = plural::counted(skipped.len(), "document", "documents");
            let named: Vec<&str> = skipped.iter().take(3).map(String::as_str).collect();
            text.push_str(&format!("; {n} skipped, unchanged: {}", named.join("; ")));
            if skipped.len() > named.len() {
                text.push_str(&format!("; and {} more", skipped.len() - named.len()));
            }
        }
        match op {
            BulkOp::Review { status, .. } if !tally.is_empty() => {
                text.push_str(" (Take back, in the review panel, undoes it)");
                self.background.folder_bulk.last = Some((status, tally));
            }
            BulkOp::Reopen { status, mut ids } if cancelled => {
                // What was not reached yet can still be taken back.
                ids.retain(|path, _| !tally.contains_key(path));
                self.background.folder_bulk.last = (!ids.is_empty()).then_some((status, ids));
            }
            _ => {}
        }
        self.refresh_review();
        if skipped.is_empty() {
            self.info(text);
        } else {
            self.error(text);
        }
    }
}

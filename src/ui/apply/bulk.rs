//! Applying the folder-wide review commands: "Accept all in folder" /
//! "Reject all in folder" and taking the last one back. The open document
//! changes as one undoable edit in the window; the folder's other articles
//! are changed in their files by a [`BulkJob`]. What a review changed is
//! noted on disk ([`TakeBackLog`], for this run of the window) so that
//! "Take back" makes exactly those spans pending again, one article at a
//! time.

use std::path::{Path, PathBuf};

use crate::model::Status;
use crate::plural;
use crate::session::ReviewFilter;
use crate::session::bulk::{ChangedIds, TakeBackLog, changed_ids};
use crate::ui::app::NewsmarkApp;
use crate::ui::background::bulk_job::{Articles, BulkJob, BulkOp, Ending};
use crate::ui::widgets::review_bulk::FolderView;

/// Folder-wide review state: the running job, and the last review done.
#[derive(Default)]
pub struct FolderBulk {
    /// The job running, if any.
    pub job: Option<BulkJob>,
    /// What the running job changed in the open document (as undoable
    /// edits, not in its file): a few articles at most.
    open_changes: Vec<(PathBuf, ChangedIds)>,
    /// The last folder-wide review finished: its status and what it
    /// changed, for "Take back".
    last: Option<(Status, TakeBackLog)>,
}

impl FolderBulk {
    /// What the review panel shows of it.
    pub fn view(&self) -> FolderView {
        FolderView {
            running: self
                .job
                .as_ref()
                .map(|j| (j.progress.0, j.progress.1, j.op.status())),
            last: self
                .last
                .as_ref()
                .map(|(status, log)| (*status, log.documents(), log.changes())),
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
        if !self.folder_bulk_can_start() {
            return;
        }
        let Some(open) = self.session().map(|s| s.txt_path().to_owned()) else {
            return;
        };
        let Some(log) = self.take_back_log() else {
            return;
        };
        let op = BulkOp::Review { filter, status };
        self.background.folder_bulk.open_changes.clear();
        self.change_open_document(&op, &open, &ChangedIds::default());
        let expected = self
            .corpus_index()
            .map_or(0, |c| c.entries.len().saturating_sub(1));
        let articles = Articles::Folder {
            dir: self.folder_dir(),
            skip: open,
        };
        self.start_folder_bulk(ctx, op, articles, expected, log);
    }

    /// Takes the last folder-wide review back: the spans it changed that
    /// still have the status it gave become pending again.
    pub(in crate::ui) fn undo_folder_bulk(&mut self, ctx: &egui::Context) {
        if !self.folder_bulk_can_start() {
            return;
        }
        let Some((status, noted)) = self.background.folder_bulk.last.take() else {
            return self.info("No folder-wide review to take back.");
        };
        let records = match noted.into_records() {
            Ok(records) => records,
            Err(err) => {
                return self.error(format!(
                    "The last folder-wide review cannot be taken back: its notes cannot be \
                     read: {err}"
                ));
            }
        };
        let Some(log) = self.take_back_log() else {
            return;
        };
        self.background.folder_bulk.open_changes.clear();
        let expected = records.len();
        let articles = Articles::TakeBack {
            dir: self.folder_dir(),
            records,
        };
        self.start_folder_bulk(ctx, BulkOp::Reopen { status }, articles, expected, log);
    }

    /// Whether no other folder-wide job runs; says so if one does.
    fn folder_bulk_can_start(&mut self) -> bool {
        let busy = self.background.suggest.is_some() || self.background.folder_bulk.job.is_some();
        if busy {
            self.info("Wait for the running suggestions or review to end (or cancel it).");
        }
        !busy
    }

    /// A new log for what the job will change, or `None` (and why, to the
    /// user) if no temporary file can be made.
    fn take_back_log(&mut self) -> Option<TakeBackLog> {
        match TakeBackLog::new() {
            Ok(log) => Some(log),
            Err(err) => {
                self.error(format!(
                    "Not started: no temporary file can be made to note what it changes \
                     (for Take back): {err}"
                ));
                None
            }
        }
    }

    fn start_folder_bulk(
        &mut self,
        ctx: &egui::Context,
        op: BulkOp,
        articles: Articles,
        expected: usize,
        log: TakeBackLog,
    ) {
        let job = BulkJob::start(
            op,
            articles,
            expected,
            log,
            self.schema().clone(),
            self.background.open_article.clone(),
            ctx,
        );
        self.background.folder_bulk.job = Some(job);
    }

    /// Applies a folder-wide job's change to the open document, `path`, as
    /// one undoable edit (`ids`: the spans and relations to make pending
    /// again, for a take-back).
    fn change_open_document(&mut self, op: &BulkOp, path: &Path, ids: &ChangedIds) {
        let Some(session) = self.session().filter(|s| s.txt_path() == path) else {
            return;
        };
        let edit = match op {
            BulkOp::Review { filter, status } => session.bulk_status_edit(filter, *status),
            BulkOp::Reopen { status } => session.reopen_edit(ids, *status),
        };
        if let Some(edit) = edit {
            let ids = changed_ids(&edit);
            self.perform(edit);
            let open_changes = &mut self.background.folder_bulk.open_changes;
            open_changes.push((path.to_owned(), ids));
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
        for (path, digest) in changed {
            self.record_in_folder(&path, digest);
        }
        for (path, ids) in opened {
            self.change_open_document(&op, &path, &ids);
        }
        let Some(job) = self
            .background
            .folder_bulk
            .job
            .take_if(|job| job.finished())
        else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        };
        self.folder_bulk_ended(job);
    }

    /// Reports a job that ended, and keeps what it changed for "Take
    /// back".
    fn folder_bulk_ended(&mut self, mut job: BulkJob) {
        let Some(Ending {
            changed,
            counts: (mut documents, mut spans),
            left,
        }) = job.ending.take()
        else {
            return;
        };
        let op = job.op.clone();
        let (done, total) = job.progress;
        let cancelled = job.cancelled && done < total;
        // The open document's changes join the files' in the notes.
        let open_changes = std::mem::take(&mut self.background.folder_bulk.open_changes);
        let mut noted = changed;
        for (path, ids) in &open_changes {
            documents += 1;
            spans += ids.len();
            if let Ok(log) = &mut noted
                && let Err(err) = log.append(path, ids)
            {
                noted = Err(format!("its notes could not be written: {err}"));
            }
        }
        let suggestions = plural::counted(spans, "suggestion", "suggestions");
        let changed_in = plural::counted(documents, "document", "documents");
        let mut text = format!("{} {suggestions} in {changed_in}", verb(op.status()));
        if cancelled {
            text.push_str(&format!(
                " (cancelled after {done} of {total} other documents)"
            ));
        }
        let skipped = &job.skipped;
        if !skipped.is_empty() {
            let n = plural::counted(skipped.len(), "document", "documents");
            let named: Vec<&str> = skipped.iter().take(3).map(String::as_str).collect();
            text.push_str(&format!("; {n} skipped, unchanged: {}", named.join("; ")));
            if skipped.len() > named.len() {
                text.push_str(&format!("; and {} more", skipped.len() - named.len()));
            }
        }
        let mut trouble = !skipped.is_empty();
        match op {
            BulkOp::Review { status, .. } if documents > 0 => match noted {
                Ok(log) => {
                    text.push_str(" (Take back, in the review panel, undoes it)");
                    self.background.folder_bulk.last = Some((status, log));
                }
                Err(why) => {
                    text.push_str(&format!("; it cannot be taken back: {why}"));
                    trouble = true;
                }
            },
            // What was not reached yet can still be taken back.
            BulkOp::Reopen { status } if cancelled => {
                self.background.folder_bulk.last = left
                    .filter(|left| left.documents() > 0)
                    .map(|left| (status, left));
            }
            _ => {}
        }
        self.refresh_review();
        if trouble {
            self.error(text);
        } else {
            self.info(text);
        }
    }
}

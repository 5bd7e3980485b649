//! Folder-wide "Accept all" / "Reject all" (and taking one back) on the
//! folder's other articles, off the UI thread, with progress and cancel.
//!
//! Each article's annotation file is changed and saved whole
//! ([`crate::session::bulk`]); one that cannot be read is skipped and named.
//! The article open in the window is never written: the app changes it as
//! one undoable edit (see [`super::suggest_job::OpenArticle`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::suggest_job::OpenArticle;
use super::worker::{Job, Worker};
use crate::model::{LabelSchema, SpanId, Status};
use crate::session::ReviewFilter;
use crate::session::bulk::{self, FileReviewed};

/// What a folder-wide job does to each article.
#[derive(Clone, Debug)]
pub enum BulkOp {
    /// Give every pending suggestion passing the filter this status.
    Review {
        /// Which suggestions.
        filter: ReviewFilter,
        /// Accepted or rejected.
        status: Status,
    },
    /// Take an earlier [`BulkOp::Review`] back: these spans, if their status
    /// is still `status`, become pending again.
    Reopen {
        /// The status the review gave them.
        status: Status,
        /// The spans it changed, per article.
        ids: BTreeMap<PathBuf, Vec<SpanId>>,
    },
}

impl BulkOp {
    /// The status the job sets (`Pending` for a take-back).
    pub fn status(&self) -> Status {
        match self {
            Self::Review { status, .. } => *status,
            Self::Reopen { .. } => Status::Pending,
        }
    }
}

/// A message from the job's thread.
enum BulkEvent {
    Progress(usize),
    Changed(PathBuf, Box<FileReviewed>),
    Skipped(String),
    Opened(PathBuf),
    Finished,
}

/// A running folder-wide job.
pub struct BulkJob {
    /// What it does.
    pub op: BulkOp,
    events: Worker<BulkEvent>,
    /// Articles finished, and in the run.
    pub progress: (usize, usize),
    /// Articles changed and saved since the last look, with what changed.
    pub changed: Vec<(PathBuf, FileReviewed)>,
    /// Articles skipped, each named with the reason.
    pub skipped: Vec<String>,
    /// Articles the job reached while they were open in the window (not
    /// written: the app changes them), since the last look.
    pub opened: Vec<PathBuf>,
    /// Whether the thread is done.
    pub finished: bool,
    /// Whether it was asked to stop.
    pub cancelled: bool,
}

impl BulkJob {
    /// Starts `op` on the articles `paths`.
    pub fn start(
        op: BulkOp,
        paths: Vec<PathBuf>,
        schema: LabelSchema,
        open_article: OpenArticle,
        ctx: &egui::Context,
    ) -> Self {
        let total = paths.len();
        let job_op = op.clone();
        let events = Worker::spawn(Job::FolderReview, Some(ctx), move |out| {
            let send = |event| out.send(event);
            for (k, path) in paths.into_iter().enumerate() {
                if out.cancelled() {
                    break;
                }
                let open_now = open_article.lock();
                if open_now.as_deref() == Some(path.as_path()) {
                    drop(open_now);
                    send(BulkEvent::Opened(path));
                } else {
                    // The lock is held while the file is written, so the
                    // window does not open it halfway.
                    let outcome = match &job_op {
                        BulkOp::Review { filter, status } => {
                            bulk::review_file(&path, &schema, filter, *status)
                        }
                        BulkOp::Reopen { status, ids } => match ids.get(&path) {
                            Some(ids) => bulk::reopen_file(&path, &schema, ids, *status),
                            None => Ok(None),
                        },
                    };
                    drop(open_now);
                    match outcome {
                        Ok(Some(done)) => send(BulkEvent::Changed(path, Box::new(done))),
                        Ok(None) => {}
                        Err(skip) => send(BulkEvent::Skipped(skip.to_string())),
                    }
                }
                send(BulkEvent::Progress(k + 1));
            }
            send(BulkEvent::Finished);
        });
        Self {
            op,
            events,
            progress: (0, total),
            changed: Vec::new(),
            skipped: Vec::new(),
            opened: Vec::new(),
            finished: false,
            cancelled: false,
        }
    }

    /// Asks the job to stop before its next article.
    pub fn cancel(&mut self) {
        self.cancelled = true;
        self.events.cancel();
    }

    /// Takes what the thread reported since the last call.
    pub fn poll(&mut self) {
        for event in self.events.messages() {
            match event {
                BulkEvent::Progress(done) => self.progress.0 = done,
                BulkEvent::Changed(path, done) => self.changed.push((path, *done)),
                BulkEvent::Skipped(why) => self.skipped.push(why),
                BulkEvent::Opened(path) => self.opened.push(path),
                BulkEvent::Finished => self.finished = true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{AnnotationSet, Origin, Span};
    use crate::session::Session;
    use crate::store;

    /// Three articles with one pending suggestion each.
    fn articles(dir: &std::path::Path) -> Vec<PathBuf> {
        (0..3)
            .map(|k| {
                let txt = dir.join(format!("a{k}.txt"));
                std::fs::write(&txt, "Iran met Cuba.\n").unwrap();
                let doc = store::read_text(&txt).unwrap();
                let set = AnnotationSet::from_spans(vec![Span {
                    origin: Origin::Extractor("spacy".into()),
                    status: Status::Pending,
                    ..Span::manual(1, 0, 4, "country", "Iran")
                }]);
                let name = store::file_name(&txt);
                store::save_annotations(&store::paired_ron_path(&txt), &name, &doc, &set).unwrap();
                txt
            })
            .collect()
    }

    fn status_on_disk(txt: &std::path::Path) -> Status {
        let session = Session::open(txt, LabelSchema::default()).unwrap();
        session.set().spans().iter().next().unwrap().status
    }

    fn run(job: &mut BulkJob) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !job.finished {
            assert!(std::time::Instant::now() < deadline, "the job did not end");
            std::thread::sleep(std::time::Duration::from_millis(2));
            job.poll();
        }
    }

    #[test]
    fn cancel_stops_before_the_next_document_and_keeps_those_done() {
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path());
        let open = OpenArticle::default();
        // Holding the open-article lock keeps the job at its first document,
        // past its check for cancel, until the lock is let go.
        let held = open.lock();
        let op = BulkOp::Review {
            filter: ReviewFilter::default(),
            status: Status::Accepted,
        };
        let mut job = BulkJob::start(
            op,
            paths.clone(),
            LabelSchema::default(),
            open.clone(),
            &egui::Context::default(),
        );
        // Time for the thread to pass its first check and wait on the lock.
        std::thread::sleep(std::time::Duration::from_millis(300));
        job.cancel();
        drop(held);
        run(&mut job);
        assert_eq!(job.progress, (1, 3));
        assert_eq!(job.changed.len(), 1);
        let statuses: Vec<Status> = paths.iter().map(|p| status_on_disk(p)).collect();
        assert_eq!(
            statuses,
            [Status::Accepted, Status::Pending, Status::Pending]
        );
    }

    #[test]
    fn the_open_article_is_reported_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path());
        let open = OpenArticle::default();
        open.set(Some(paths[1].clone()));
        let op = BulkOp::Review {
            filter: ReviewFilter::default(),
            status: Status::Rejected,
        };
        let ctx = egui::Context::default();
        let mut job = BulkJob::start(op, paths.clone(), LabelSchema::default(), open, &ctx);
        run(&mut job);
        assert_eq!(job.opened, [paths[1].clone()]);
        let statuses: Vec<Status> = paths.iter().map(|p| status_on_disk(p)).collect();
        assert_eq!(
            statuses,
            [Status::Rejected, Status::Pending, Status::Rejected]
        );
    }
}

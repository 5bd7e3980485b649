//! Folder-wide "Accept all" / "Reject all" (and taking one back) on the
//! folder's other articles, off the UI thread, with progress and cancel.
//!
//! The job lists the folder itself and takes one article at a time: each
//! annotation file is changed and saved whole ([`crate::session::bulk`]),
//! and the files are flushed to the disk once at the end; one that cannot
//! be read is skipped and named. What it changed goes to a
//! [`TakeBackLog`] on disk, and the window gets each article's
//! [`DocDigest`], so the memory it needs does not grow with the folder.
//! The article open in the window is never written: the app changes it as
//! one undoable edit (see [`super::suggest_job::OpenArticle`]).

use std::io;
use std::path::{Path, PathBuf};

use super::suggest_job::OpenArticle;
use super::worker::{Job, Outbox, Worker};
use crate::corpus::{DocDigest, articles_in};
use crate::model::{LabelSchema, Status};
use crate::session::ReviewFilter;
use crate::session::bulk::{self, ChangedIds, TakeBackLog, TakeBackRecords};
use crate::store;

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
    /// Take an earlier [`BulkOp::Review`] back: the spans, entity links
    /// and relations it noted (see
    /// [`Articles::TakeBack`]), if their status is still `status`, become
    /// pending again.
    Reopen {
        /// The status the review gave them.
        status: Status,
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

/// The articles a job goes through, in the folder `dir`.
pub enum Articles {
    /// Every article of the folder but `skip` (the one open, which the
    /// window changes).
    Folder {
        /// The folder.
        dir: PathBuf,
        /// The article left out.
        skip: PathBuf,
    },
    /// Those a review noted, each with its spans.
    TakeBack {
        /// The folder.
        dir: PathBuf,
        /// The review's notes.
        records: TakeBackRecords,
    },
}

/// A message from the job's thread.
enum BulkEvent {
    Total(usize),
    Progress(usize),
    Changed(PathBuf, Box<DocDigest>),
    Skipped(String),
    Opened(PathBuf, ChangedIds),
    Finished(Box<Ending>),
}

/// What a job gives back when it ends.
pub struct Ending {
    /// What it changed in the files, per article, for taking it back; or
    /// why that could not be kept.
    pub changed: Result<TakeBackLog, String>,
    /// How many articles' files it changed, and how many suggestions
    /// (spans, entity links, relations) in them.
    pub counts: (usize, usize),
    /// For a cancelled take-back, the notes of the articles it did not
    /// reach (they can still be taken back).
    pub left: Option<TakeBackLog>,
}

/// A running folder-wide job.
pub struct BulkJob {
    /// What it does.
    pub op: BulkOp,
    events: Worker<BulkEvent>,
    /// Articles finished, and in the run.
    pub progress: (usize, usize),
    /// Articles changed and saved since the last look, with their new
    /// digests.
    pub changed: Vec<(PathBuf, DocDigest)>,
    /// Articles skipped, each named with the reason.
    pub skipped: Vec<String>,
    /// Articles the job reached while they were open in the window (not
    /// written: the app changes them), since the last look; for a
    /// take-back, with the spans, links and relations to make pending
    /// again.
    pub opened: Vec<(PathBuf, ChangedIds)>,
    /// What the thread gave back when it ended (`Some` once it is done).
    pub ending: Option<Ending>,
    /// Whether it was asked to stop.
    pub cancelled: bool,
}

impl BulkJob {
    /// Starts `op` on `articles`, noting what it changes in `log`;
    /// `expected` is the number of articles until the job has listed them.
    pub fn start(
        op: BulkOp,
        articles: Articles,
        expected: usize,
        log: TakeBackLog,
        schema: LabelSchema,
        open_article: OpenArticle,
        ctx: &egui::Context,
    ) -> Self {
        let job_op = op.clone();
        let events = Worker::spawn(Job::FolderReview, Some(ctx), move |out| {
            let mut run = Run {
                out,
                op: &job_op,
                schema: &schema,
                open_article: &open_article,
                changed: Ok(log),
                counts: (0, 0),
                done: 0,
            };
            let (dir, left) = match articles {
                Articles::Folder { dir, skip } => {
                    run.folder(&dir, &skip);
                    (dir, None)
                }
                Articles::TakeBack { dir, records } => {
                    let left = run.take_back(records);
                    (dir, left)
                }
            };
            if let Err(err) = store::sync_filesystem(&dir) {
                out.send(BulkEvent::Skipped(err.to_string()));
            }
            out.send(BulkEvent::Finished(Box::new(Ending {
                changed: run.changed,
                counts: run.counts,
                left,
            })));
        });
        Self {
            op,
            events,
            progress: (0, expected),
            changed: Vec::new(),
            skipped: Vec::new(),
            opened: Vec::new(),
            ending: None,
            cancelled: false,
        }
    }

    /// Whether the thread is done.
    pub fn finished(&self) -> bool {
        self.ending.is_some()
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
                BulkEvent::Total(total) => self.progress.1 = total,
                BulkEvent::Progress(done) => self.progress.0 = done,
                BulkEvent::Changed(path, digest) => self.changed.push((path, *digest)),
                BulkEvent::Skipped(why) => self.skipped.push(why),
                BulkEvent::Opened(path, ids) => self.opened.push((path, ids)),
                BulkEvent::Finished(ending) => self.ending = Some(*ending),
            }
        }
    }
}

/// The job's side: one article at a time.
struct Run<'a> {
    out: &'a Outbox<BulkEvent>,
    op: &'a BulkOp,
    schema: &'a LabelSchema,
    open_article: &'a OpenArticle,
    changed: Result<TakeBackLog, String>,
    counts: (usize, usize),
    done: usize,
}

impl Run<'_> {
    /// Every article of `dir` but `skip`.
    fn folder(&mut self, dir: &Path, skip: &Path) {
        let list = match articles_in(dir) {
            Ok(list) => list,
            Err(err) => return self.out.send(BulkEvent::Skipped(err.to_string())),
        };
        let total = list.iter().filter(|path| path != skip).count();
        self.out.send(BulkEvent::Total(total));
        for path in list.iter().filter(|path| path != skip) {
            if self.out.cancelled() {
                break;
            }
            self.article(path, &ChangedIds::default());
        }
    }

    /// The articles a review noted; when cancelled, gives back the notes of
    /// those not reached.
    fn take_back(&mut self, mut records: TakeBackRecords) -> Option<TakeBackLog> {
        self.out.send(BulkEvent::Total(records.len()));
        while !self.out.cancelled() {
            match records.next()? {
                Ok((path, ids)) => self.article(path, &ids),
                Err(err) => {
                    let why = format!("the rest of the review's notes cannot be read: {err}");
                    self.out.send(BulkEvent::Skipped(why));
                    return None;
                }
            }
        }
        if records.len() == 0 {
            return None;
        }
        match copy_records(records) {
            Ok(left) => Some(left),
            Err(err) => {
                let why = format!("the articles not reached cannot be taken back: {err}");
                self.out.send(BulkEvent::Skipped(why));
                None
            }
        }
    }

    /// Changes one article's file (`ids`: the spans, links and relations to
    /// make pending again, for a take-back), or hands it to the window if it is open there.
    fn article(&mut self, path: PathBuf, ids: &ChangedIds) {
        let open_now = self.open_article.lock();
        if open_now.as_deref() == Some(path.as_path()) {
            drop(open_now);
            self.out.send(BulkEvent::Opened(path, ids.clone()));
        } else {
            // The lock is held while the file is written, so the window
            // does not open it halfway.
            let outcome = match self.op {
                BulkOp::Review { filter, status } => {
                    bulk::review_file(&path, self.schema, filter, *status)
                }
                BulkOp::Reopen { status } => bulk::reopen_file(&path, self.schema, ids, *status),
            };
            drop(open_now);
            match outcome {
                Ok(Some(done)) => {
                    self.note(&path, &done.changed);
                    let digest = Box::new(DocDigest::of(&done.set));
                    self.out.send(BulkEvent::Changed(path, digest));
                }
                Ok(None) => {}
                Err(skip) => self.out.send(BulkEvent::Skipped(skip.to_string())),
            }
        }
        self.done += 1;
        self.out.send(BulkEvent::Progress(self.done));
    }

    /// Notes that the spans, links and relations `ids` of `path` were
    /// changed.
    fn note(&mut self, path: &Path, ids: &ChangedIds) {
        self.counts.0 += 1;
        self.counts.1 += ids.len();
        if let Ok(log) = &mut self.changed
            && let Err(err) = log.append(path, ids)
        {
            self.changed = Err(format!("its notes could not be written: {err}"));
        }
    }
}

/// The records left, in a log of their own.
fn copy_records(records: TakeBackRecords) -> io::Result<TakeBackLog> {
    let mut left = TakeBackLog::new()?;
    for record in records {
        let (path, ids) = record?;
        left.append(&path, &ids)?;
    }
    Ok(left)
}

#[cfg(test)]
mod tests;

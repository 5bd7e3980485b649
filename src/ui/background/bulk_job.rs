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
use crate::model::{LabelSchema, SpanId, Status};
use crate::session::ReviewFilter;
use crate::session::bulk::{self, TakeBackLog, TakeBackRecords};
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
    /// Take an earlier [`BulkOp::Review`] back: the spans it noted (see
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
    Opened(PathBuf, Vec<SpanId>),
    Finished(Box<Ending>),
}

/// What a job gives back when it ends.
pub struct Ending {
    /// What it changed in the files, per article, for taking it back; or
    /// why that could not be kept.
    pub changed: Result<TakeBackLog, String>,
    /// How many articles' files it changed, and how many spans in them.
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
    /// take-back, with the spans to make pending again.
    pub opened: Vec<(PathBuf, Vec<SpanId>)>,
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
            self.article(path, &[]);
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

    /// Changes one article's file (`ids`: the spans to make pending again,
    /// for a take-back), or hands it to the window if it is open there.
    fn article(&mut self, path: PathBuf, ids: &[SpanId]) {
        let open_now = self.open_article.lock();
        if open_now.as_deref() == Some(path.as_path()) {
            drop(open_now);
            self.out.send(BulkEvent::Opened(path, ids.to_vec()));
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

    /// Notes that the spans `ids` of `path` were changed.
    fn note(&mut self, path: &Path, ids: &[SpanId]) {
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
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{AnnotationSet, Origin, Span};
    use crate::session::Session;
    use crate::store;

    /// Three articles with one pending suggestion each.
    fn articles(dir: &Path) -> Vec<PathBuf> {
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

    fn status_on_disk(txt: &Path) -> Status {
        let session = Session::open(txt, LabelSchema::default()).unwrap();
        session.set().spans().iter().next().unwrap().status
    }

    fn run(job: &mut BulkJob) -> Ending {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !job.finished() {
            assert!(std::time::Instant::now() < deadline, "the job did not end");
            std::thread::sleep(std::time::Duration::from_millis(2));
            job.poll();
        }
        job.ending.take().unwrap()
    }

    fn start(op: BulkOp, articles: Articles, expected: usize, open: OpenArticle) -> BulkJob {
        let log = TakeBackLog::new().unwrap();
        let ctx = egui::Context::default();
        BulkJob::start(
            op,
            articles,
            expected,
            log,
            LabelSchema::default(),
            open,
            &ctx,
        )
    }

    fn whole_folder(dir: &Path) -> Articles {
        Articles::Folder {
            dir: dir.to_owned(),
            skip: dir.join("not-there.txt"),
        }
    }

    fn statuses(paths: &[PathBuf]) -> Vec<Status> {
        paths.iter().map(|p| status_on_disk(p)).collect()
    }

    const ACCEPT: BulkOp = BulkOp::Review {
        filter: ReviewFilter {
            origin: None,
            label: None,
            min_score: 0.0,
        },
        status: Status::Accepted,
    };

    #[test]
    fn cancel_stops_before_the_next_document_and_keeps_those_done() {
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path());
        let open = OpenArticle::default();
        // Holding the open-article lock keeps the job at its first document,
        // past its check for cancel, until the lock is let go.
        let held = open.lock();
        let mut job = start(ACCEPT, whole_folder(dir.path()), 3, open.clone());
        // Time for the thread to pass its first check and wait on the lock.
        std::thread::sleep(std::time::Duration::from_millis(300));
        job.cancel();
        drop(held);
        let ending = run(&mut job);
        assert_eq!(job.progress, (1, 3));
        assert_eq!(job.changed.len(), 1);
        assert_eq!(ending.counts, (1, 1));
        assert_eq!(
            statuses(&paths),
            [Status::Accepted, Status::Pending, Status::Pending]
        );
    }

    #[test]
    fn the_open_article_is_reported_not_written_and_the_skipped_one_not_reached() {
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path());
        let open = OpenArticle::default();
        open.set(Some(paths[1].clone()));
        let op = BulkOp::Review {
            filter: ReviewFilter::default(),
            status: Status::Rejected,
        };
        let articles = Articles::Folder {
            dir: dir.path().to_owned(),
            skip: paths[2].clone(),
        };
        let mut job = start(op, articles, 0, open);
        run(&mut job);
        assert_eq!(
            job.progress,
            (2, 2),
            "the folder's count, less the one skipped"
        );
        assert_eq!(job.opened, [(paths[1].clone(), vec![])]);
        assert_eq!(
            statuses(&paths),
            [Status::Rejected, Status::Pending, Status::Pending]
        );
    }

    #[test]
    fn a_review_taken_back_makes_what_it_changed_pending_again_and_a_cancel_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let paths = articles(dir.path());
        let mut job = start(ACCEPT, whole_folder(dir.path()), 3, OpenArticle::default());
        let ending = run(&mut job);
        assert_eq!(ending.counts, (3, 3));
        assert_eq!(statuses(&paths), [Status::Accepted; 3]);
        let noted = ending.changed.unwrap();
        assert_eq!((noted.documents(), noted.spans()), (3, 3));

        // Taken back, cancelled after the first article.
        let open = OpenArticle::default();
        let held = open.lock();
        let records = noted.into_records().unwrap();
        let take_back = Articles::TakeBack {
            dir: dir.path().to_owned(),
            records,
        };
        let reopen = BulkOp::Reopen {
            status: Status::Accepted,
        };
        let mut job = start(reopen.clone(), take_back, 3, open.clone());
        std::thread::sleep(std::time::Duration::from_millis(300));
        job.cancel();
        drop(held);
        let ending = run(&mut job);
        assert_eq!(ending.counts, (1, 1));
        assert_eq!(
            statuses(&paths),
            [Status::Pending, Status::Accepted, Status::Accepted]
        );
        let left = ending.left.unwrap();
        assert_eq!((left.documents(), left.spans()), (2, 2));

        // What was left, taken back to the end.
        let take_back = Articles::TakeBack {
            dir: dir.path().to_owned(),
            records: left.into_records().unwrap(),
        };
        let mut job = start(reopen, take_back, 2, OpenArticle::default());
        let ending = run(&mut job);
        assert!(ending.left.is_none());
        assert_eq!(ending.counts, (2, 2));
        assert_eq!(statuses(&paths), [Status::Pending; 3]);
    }
}

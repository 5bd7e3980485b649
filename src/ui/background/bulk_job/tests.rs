//! The folder-wide job on a few articles: cancel, the open article, the
//! article left out, and taking a review back (cancelled, then to the end).

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
    assert_eq!(job.opened, [(paths[1].clone(), ChangedIds::default())]);
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
    assert_eq!((noted.documents(), noted.changes()), (3, 3));

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
    assert_eq!((left.documents(), left.changes()), (2, 2));

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

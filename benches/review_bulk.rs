//! "Accept all in folder" on folders of 1,000 and 10,000 articles in the
//! real app: the open article changes at once, the others are read,
//! changed and saved whole (atomically, with a `.bak`) on a background
//! thread while frames keep running (one every 10 ms, as a live window
//! would). Measures the wall time until every article is done, and prints
//! the longest frame seen meanwhile.
//!
//! Run with `cargo bench --bench review_bulk` (`-- 1000` for the smaller
//! folder only).

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use newsmark::model::{AnnotationSet, LabelSchema, Origin, Span, Status};
use newsmark::session::{ReviewFilter, Session};
use newsmark::ui::{Command, NewsmarkApp};

/// A folder of `articles` articles of ~2 KB, each with a pending
/// suggestion every ~50 code points (about 35). Returns the folder, its
/// first article, and the annotation file text of each article to restore
/// between runs.
fn folder(articles: usize) -> (tempfile::TempDir, PathBuf, Vec<(PathBuf, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let template = common::write_article(dir.path(), "template", 2_000, 50);
    let session = Session::open(&template, LabelSchema::default()).unwrap();
    let pending: Vec<Span> = session
        .set()
        .spans()
        .iter()
        .map(|s| Span {
            origin: Origin::Extractor("spacy".into()),
            status: Status::Pending,
            ..s.clone()
        })
        .collect();
    let doc = session.doc().clone();
    drop(session);
    let ron_path = template.with_extension("ron");
    newsmark::store::save_annotations(
        &ron_path,
        "template.txt",
        &doc,
        &AnnotationSet::from_spans(pending),
    )
    .unwrap();
    let text = std::fs::read_to_string(&template).unwrap();
    let ron = std::fs::read_to_string(&ron_path).unwrap();
    std::fs::remove_file(&ron_path).unwrap();
    std::fs::remove_file(&template).unwrap();
    let mut files = Vec::new();
    for k in 0..articles {
        let name = format!("article-{k:05}");
        std::fs::write(dir.path().join(format!("{name}.txt")), &text).unwrap();
        let own = ron.replace("template.txt", &format!("{name}.txt"));
        files.push((dir.path().join(format!("{name}.ron")), own));
    }
    restore(&files);
    let first = dir.path().join("article-00000.txt");
    (dir, first, files)
}

fn restore(files: &[(PathBuf, String)]) {
    for (path, text) in files {
        std::fs::write(path, text).unwrap();
    }
}

fn frame(ctx: &egui::Context, app: &mut NewsmarkApp) -> Duration {
    let start = Instant::now();
    std::hint::black_box(common::run_frame(ctx, app, 1200.0, Vec::new()));
    start.elapsed()
}

/// Opens the folder, then accepts every suggestion in it; returns the time
/// from the command to the last article saved, and the longest frame.
fn accept_all_in_folder(first: &Path) -> (Duration, Duration) {
    let ctx = common::context();
    let mut app = NewsmarkApp::new(Some(first));
    frame(&ctx, &mut app);
    while app.is_reading_folder() {
        std::thread::sleep(Duration::from_millis(10));
        frame(&ctx, &mut app);
    }
    let start = Instant::now();
    let bulk = Command::BulkFolder {
        filter: ReviewFilter::default(),
        status: Status::Accepted,
    };
    app.execute(&ctx, vec![bulk]);
    let mut longest = frame(&ctx, &mut app);
    while app.is_reviewing_folder() {
        std::thread::sleep(Duration::from_millis(10));
        longest = longest.max(frame(&ctx, &mut app));
    }
    let all = start.elapsed();
    let notice = app.notice().map(|n| n.text.clone()).unwrap_or_default();
    assert!(notice.starts_with("Accepted "), "{notice}");
    (all, longest)
}

fn bench_folder(c: &mut Criterion, articles: usize) {
    let (_dir, first, files) = folder(articles);
    let mut longest = Duration::ZERO;
    let mut group = c.benchmark_group("review_bulk");
    group.sample_size(10);
    group.bench_function(format!("accept_all_in_folder_{articles}"), |bencher| {
        bencher.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                restore(&files);
                let (all, frame) = accept_all_in_folder(&first);
                longest = longest.max(frame);
                total += all;
            }
            total
        });
    });
    group.finish();
    if longest > Duration::ZERO {
        eprintln!(
            "review_bulk/accept_all_in_folder_{articles}: longest frame while it ran {:.1} ms",
            longest.as_secs_f64() * 1e3
        );
    }
}

fn accept_all_in_1000(c: &mut Criterion) {
    bench_folder(c, 1_000);
}

fn accept_all_in_10000(c: &mut Criterion) {
    bench_folder(c, 10_000);
}

criterion_group!(benches, accept_all_in_1000, accept_all_in_10000);
criterion_main!(benches);

//! Opening a folder of 10,000 articles in the real app: the first article
//! shows at once, the document list (names, statuses, span counts) fills in
//! from a background thread while frames keep running (one every 10 ms, as
//! a live window would). Measures the wall time until every entry is read,
//! and prints the longest frame seen meanwhile.
//!
//! Run with `cargo bench --bench corpus`.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use newsmark::corpus::DocStatus;

const ARTICLES: usize = 10_000;

/// Opens the folder and runs frames until it is read; returns the time to
/// the first frame, the time until all is read, and the longest frame.
fn open_folder(first: &Path) -> (Duration, Duration, Duration) {
    let common::FolderOpened {
        app,
        first_frame,
        all,
        longest,
    } = common::open_folder_in_app(first);
    let corpus = app.corpus();
    assert_eq!(corpus.entries.len(), ARTICLES);
    assert_eq!(corpus.loaded_count(), ARTICLES);
    let second = &corpus.entries[1];
    assert_eq!(second.status(), DocStatus::InProgress);
    assert!(second.span_count() > 30, "{}", second.span_count());
    assert_eq!(corpus.entries[3].status(), DocStatus::New);
    (first_frame, all, longest)
}

fn open_10k_folder(c: &mut Criterion) {
    let (_dir, first) = common::article_folder(ARTICLES);
    let mut first_frames = Vec::new();
    let mut longest = Duration::ZERO;
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function("open_10000_articles", |bencher| {
        bencher.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (first_frame, all, frame) = open_folder(&first);
                first_frames.push(first_frame);
                longest = longest.max(frame);
                total += all;
            }
            total
        });
    });
    group.finish();
    first_frames.sort();
    if first_frames.is_empty() {
        return; // Filtered out.
    }
    eprintln!(
        "corpus/open_10000_articles: first frame after {:.1} ms (median), longest frame while reading {:.1} ms",
        first_frames[first_frames.len() / 2].as_secs_f64() * 1e3,
        longest.as_secs_f64() * 1e3
    );
}

/// The reading alone, on one thread, in CPU time: what the background thread
/// costs whatever else the machine is doing.
fn read_10k_annotation_files(c: &mut Criterion<common::CpuTime>) {
    let (dir, _first) = common::article_folder(ARTICLES);
    let schema = newsmark::model::LabelSchema::default();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function("read_10000_articles_one_thread_cpu", |bencher| {
        bencher.iter(|| {
            let index = newsmark::corpus::CorpusIndex::scan(dir.path(), &schema).unwrap();
            assert_eq!(index.loaded_count(), ARTICLES);
            index
        });
    });
    group.finish();
}

criterion_group!(benches, open_10k_folder);
criterion_group! {
    name = cpu;
    config = common::cpu_criterion();
    targets = read_10k_annotation_files
}
criterion_main!(benches, cpu);

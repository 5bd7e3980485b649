//! Opening a folder of 10,000 and of 100,000 articles (about 2 KB and 40
//! spans each; every third one not annotated yet) in the real app, once
//! each: the time to the first frame (the first article shown), the time
//! until the document list is complete (names, statuses and counts read in
//! the background while frames run, one every 10 ms as a live window
//! would), the longest frame meanwhile, and the memory the app holds then
//! (resident memory of this process after opening, less before). Then the
//! Entities tab is shown and its folder-wide mention counts made (read in
//! the background from every annotation file): the time until they are,
//! and the longest frame meanwhile.
//!
//! Run with `cargo bench --bench folder_open` (`BENCH_SIZES=100000` before
//! it for one size).
//! Generating the 100,000 articles writes about 500 MB to the temporary
//! folder.

#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]

mod common;

use std::path::Path;

use divan::Bencher;

fn main() {
    divan::main();
}

/// Opens the folder and runs frames until it is read.
fn open_folder(first: &Path, n: usize) {
    let before = common::resident_mib();
    let common::FolderOpened {
        app,
        first_frame,
        all,
        longest,
    } = common::open_folder_in_app(first);
    let held = common::resident_mib() - before;
    let corpus = app.corpus();
    assert_eq!(corpus.entries.len(), n);
    assert_eq!(corpus.loaded_count(), n);
    assert!(corpus.entries[1].span_count() > 30);
    println!(
        "open {n} articles: first frame {:.0} ms, list complete {:.2} s, longest frame {:.1} ms, {held:.0} MiB held",
        first_frame.as_secs_f64() * 1e3,
        all.as_secs_f64(),
        longest.as_secs_f64() * 1e3,
    );
    count_entities(app, n);
}

/// Shows the Entities tab and runs a frame every 10 ms until the folder's
/// entity mentions are counted. The first frame (it shows the tab, starts
/// the count, and lays out a new context's fonts) is reported apart.
fn count_entities(mut app: newsmark::ui::NewsmarkApp, n: usize) {
    use std::time::{Duration, Instant};
    let ctx = common::context();
    app.show_entities_tab();
    let start = Instant::now();
    let frame = |app: &mut newsmark::ui::NewsmarkApp| {
        let frame = Instant::now();
        std::hint::black_box(common::run_frame(&ctx, app, 1200.0, Vec::new()));
        frame.elapsed()
    };
    let first = frame(&mut app);
    let mut longest = Duration::ZERO;
    while app.is_counting_entities() {
        std::thread::sleep(Duration::from_millis(10));
        longest = longest.max(frame(&mut app));
    }
    println!(
        "entity counts over {n} articles: {:.2} s, first frame {:.1} ms, longest frame after {:.1} ms",
        start.elapsed().as_secs_f64(),
        first.as_secs_f64() * 1e3,
        longest.as_secs_f64() * 1e3,
    );
}

#[divan::bench(args = common::folder_sizes(), sample_count = 1, sample_size = 1)]
fn open(bencher: Bencher<'_, '_>, n: usize) {
    let (_dir, first) = common::article_folder(n);
    bencher.bench_local(|| open_folder(&first, n));
}

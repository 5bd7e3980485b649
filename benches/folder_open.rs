//! Opening a folder of 10,000 and of 100,000 articles (about 2 KB and 40
//! spans each; every third one not annotated yet) in the real app, once
//! each: the time to the first frame (the first article shown), the time
//! until the document list is complete (names, statuses and counts read in
//! the background while frames run, one every 10 ms as a live window
//! would), the longest frame meanwhile, and the memory the app holds then
//! (resident memory of this process after opening, less before). The
//! folder has a registry of four entities and each article's names are
//! linked to them: the Entities tab is then shown, and its folder-wide
//! mention counts (kept by the folder's index as it is read: nothing is
//! read again) are checked against the folder, with the time of the
//! tab's first frame and of its longest of 20 more. Last, the facts window
//! is opened (Ctrl+Shift+F): the time until its table is built in the
//! background (every annotation file read again, the open document from
//! memory), the longest frame meanwhile, and the rows.
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
    let app = count_entities(app, n);
    build_facts(app, n);
}

/// Shows the Entities tab, checks its folder-wide counts, and times its
/// first frame (a new context's fonts laid out too) and the longest of 20
/// more.
fn count_entities(mut app: newsmark::ui::NewsmarkApp, n: usize) -> newsmark::ui::NewsmarkApp {
    use std::time::{Duration, Instant};
    let ctx = common::context();
    app.show_entities_tab();
    let frame = |app: &mut newsmark::ui::NewsmarkApp| {
        let frame = Instant::now();
        std::hint::black_box(common::run_frame(&ctx, app, 1200.0, Vec::new()));
        frame.elapsed()
    };
    let first = frame(&mut app);
    let longest = (0..20)
        .map(|_| frame(&mut app))
        .max()
        .unwrap_or(Duration::ZERO);
    assert!(!app.is_counting_entities());
    // Every article but each third is annotated, all alike; the open one
    // (the first) is not.
    let annotated = n - n.div_ceil(3);
    let iran = app.folder_mentions("iran").unwrap();
    assert_eq!(iran.documents as usize, annotated);
    assert_eq!(iran.mentions as usize % annotated, 0);
    println!(
        "entity counts over {n} articles ({} links to Iran in {} documents): first frame {:.1} ms, longest of 20 more {:.1} ms",
        iran.mentions,
        iran.documents,
        first.as_secs_f64() * 1e3,
        longest.as_secs_f64() * 1e3,
    );
    app
}

/// Opens the facts window and runs a frame every 10 ms until its table is
/// built; prints the time, the longest frame meanwhile and the rows.
fn build_facts(mut app: newsmark::ui::NewsmarkApp, n: usize) {
    use std::time::{Duration, Instant};
    let ctx = common::context();
    let frame = |app: &mut newsmark::ui::NewsmarkApp| {
        let frame = Instant::now();
        std::hint::black_box(common::run_frame(&ctx, app, 1200.0, Vec::new()));
        frame.elapsed()
    };
    frame(&mut app);
    let start = Instant::now();
    app.execute(&ctx, vec![newsmark::ui::Command::ToggleFacts]);
    let mut longest = Duration::ZERO;
    while app.is_building_facts() {
        std::thread::sleep(Duration::from_millis(10));
        longest = longest.max(frame(&mut app));
    }
    let built = start.elapsed();
    // The frames after: the table shown, the open document's rows in.
    for _ in 0..3 {
        longest = longest.max(frame(&mut app));
    }
    let rows = app.fact_rows().len();
    // Each annotated article gives the same facts; the open one none.
    let annotated = n - n.div_ceil(3);
    assert!(rows > 0 && rows.is_multiple_of(annotated), "{rows} rows");
    println!(
        "facts table over {n} articles: built in {:.2} s, {rows} rows, longest frame meanwhile {:.1} ms",
        built.as_secs_f64(),
        longest.as_secs_f64() * 1e3,
    );
}

#[divan::bench(args = common::folder_sizes(), sample_count = 1, sample_size = 1)]
fn open(bencher: Bencher<'_, '_>, n: usize) {
    let (_dir, first) = common::article_folder_with_entities(n);
    bencher.bench_local(|| open_folder(&first, n));
}

//! The window's folder-wide jobs on folders of 10,000 and 100,000 articles
//! in the real app, once each: "Accept all in folder", and "Annotate all"
//! across the folder (a search's hits offered to every article as pending
//! suggestions). The open article changes at once, the others are read,
//! changed and saved whole (atomically, with a `.bak`) on a background
//! thread while frames keep running (one every 10 ms, as a live window
//! would), on the same folder (accept all first). Prints the wall time until every article is done, the longest
//! frame meanwhile, and the memory the job added (the most resident memory
//! seen while it ran, less what the app held before it), then the
//! 100k ÷ 10k factors.
//!
//! Run with `cargo bench --bench review_bulk` (`BENCH_SIZES=10000` before
//! it for the smaller folder only, `-- accept_all` or `-- annotate_all`
//! after it for one job). The
//! 100,000 articles take about 1 GB of the temporary folder.

#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use divan::Bencher;
use newsmark::model::{AnnotationSet, LabelSchema, Origin, Span, Status};
use newsmark::session::{ReviewFilter, Session};
use newsmark::ui::{Command, NewsmarkApp};

/// A folder of `articles` articles of ~2 KB, each with a pending
/// suggestion every ~50 code points (about 35). Returns the folder and its
/// first article.
fn folder(articles: usize) -> (tempfile::TempDir, PathBuf) {
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
    for k in 0..articles {
        let name = format!("article-{k:06}");
        std::fs::write(dir.path().join(format!("{name}.txt")), &text).unwrap();
        let own = ron.replace("template.txt", &format!("{name}.txt"));
        std::fs::write(dir.path().join(format!("{name}.ron")), own).unwrap();
    }
    let first = dir.path().join("article-000000.txt");
    (dir, first)
}

/// The folders made so far, by size: both jobs run on the same folder
/// (accept all first, then annotate all), made once.
static FOLDERS: std::sync::Mutex<Vec<(usize, tempfile::TempDir, PathBuf)>> =
    std::sync::Mutex::new(Vec::new());

/// The first article of a folder of `articles` articles (see [`folder`]).
fn shared_folder(articles: usize) -> PathBuf {
    let mut folders = FOLDERS.lock().unwrap();
    if let Some((_, _, first)) = folders.iter().find(|f| f.0 == articles) {
        return first.clone();
    }
    let (dir, first) = folder(articles);
    folders.push((articles, dir, first.clone()));
    first
}

/// Runs one frame; returns its wall time and the CPU time the window's
/// thread spent in it (which a busy machine does not inflate).
fn frame(ctx: &egui::Context, app: &mut NewsmarkApp) -> (Duration, Duration) {
    let start = Instant::now();
    let cpu = common::thread_cpu_ns();
    std::hint::black_box(common::run_frame(ctx, app, 1200.0, Vec::new()));
    let cpu = Duration::from_nanos(common::thread_cpu_ns().saturating_sub(cpu));
    (start.elapsed(), cpu)
}

/// What one run of a folder-wide job measured.
struct Measured {
    /// From the command to the last article saved.
    all: Duration,
    /// The longest frame meanwhile: wall time, and CPU time of the
    /// window's thread.
    longest: (Duration, Duration),
    /// The most memory the app held while the job ran, less what it held
    /// before (MiB).
    added_mib: f64,
}

/// Opens the folder, then runs `commands` and frames while `running` says
/// the job runs; its closing message must start with `done`.
fn run_folder_job(
    first: &Path,
    commands: impl FnOnce(&egui::Context, &mut NewsmarkApp) -> Vec<Command>,
    running: fn(&NewsmarkApp) -> bool,
    done: &str,
) -> Measured {
    let ctx = common::context();
    let mut app = NewsmarkApp::new(Some(first));
    frame(&ctx, &mut app);
    while app.is_reading_folder() {
        std::thread::sleep(Duration::from_millis(10));
        frame(&ctx, &mut app);
    }
    let commands = commands(&ctx, &mut app);
    let before = common::resident_mib();
    let mut most = before;
    let start = Instant::now();
    app.execute(&ctx, commands);
    let (wall, cpu) = frame(&ctx, &mut app);
    let mut longest = (wall, cpu);
    while running(&app) {
        std::thread::sleep(Duration::from_millis(10));
        let (wall, cpu) = frame(&ctx, &mut app);
        longest = (longest.0.max(wall), longest.1.max(cpu));
        most = most.max(common::resident_mib());
    }
    let all = start.elapsed();
    let notice = app.notice().map(|n| n.text.clone()).unwrap_or_default();
    assert!(notice.starts_with(done), "{notice}");
    Measured {
        all,
        longest,
        added_mib: most - before,
    }
}

/// The runs so far, by job and folder size.
static RESULTS: std::sync::Mutex<Vec<(&str, usize, f64, f64)>> = std::sync::Mutex::new(Vec::new());

fn main() {
    divan::main();
    for (_, dir, _) in FOLDERS.lock().unwrap().drain(..) {
        common::remove_in_background(dir);
    }
    let results = RESULTS.lock().unwrap();
    for job in ["accept all", "annotate all"] {
        let runs: Vec<_> = results.iter().filter(|r| r.0 == job).collect();
        if let [(_, small, ts, ms), (_, large, tl, ml)] = runs.as_slice() {
            println!(
                "{job}, {large} ÷ {small}: time × {:.1}, memory added × {:.2}",
                tl / ts,
                ml.max(1.0) / ms.max(1.0)
            );
        }
    }
}

fn report(job: &'static str, articles: usize, run: &Measured) {
    println!(
        "{job} in a folder of {articles}: {:.2} s, longest frame {:.1} ms ({:.1} ms CPU), \
         {:.0} MiB added",
        run.all.as_secs_f64(),
        run.longest.0.as_secs_f64() * 1e3,
        run.longest.1.as_secs_f64() * 1e3,
        run.added_mib
    );
    RESULTS
        .lock()
        .unwrap()
        .push((job, articles, run.all.as_secs_f64(), run.added_mib));
}

#[divan::bench(args = common::folder_sizes(), sample_count = 1, sample_size = 1)]
fn accept_all(bencher: Bencher<'_, '_>, articles: usize) {
    let first = shared_folder(articles);
    bencher.bench_local(|| {
        let accept = |_: &egui::Context, _: &mut NewsmarkApp| {
            vec![Command::BulkFolder {
                filter: ReviewFilter::default(),
                status: Status::Accepted,
            }]
        };
        let run = run_folder_job(
            &first,
            accept,
            NewsmarkApp::is_reviewing_folder,
            "Accepted ",
        );
        report("accept all", articles, &run);
    });
}

#[divan::bench(args = common::folder_sizes(), sample_count = 1, sample_size = 1)]
fn annotate_all(bencher: Bencher<'_, '_>, articles: usize) {
    let first = shared_folder(articles);
    bencher.bench_local(|| {
        let search = |ctx: &egui::Context, app: &mut NewsmarkApp| {
            app.execute(ctx, vec![Command::OpenSearch]);
            app.set_search("Havana", "country", true);
            // A frame finds the hits in the open article.
            frame(ctx, app);
            vec![Command::AnnotateAll]
        };
        let run = run_folder_job(
            &first,
            search,
            NewsmarkApp::is_suggesting,
            "Suggestions done",
        );
        report("annotate all", articles, &run);
    });
}

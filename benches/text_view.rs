//! Frame time of the real app (CPU: layout, painting into shapes and
//! tessellation; no GPU) on generated articles of 10 KB, 1 MB and 10 MB with
//! a span every ~50 characters: scrolling, resizing, an edit per frame, and
//! the frame in which a label hotkey tags the selection. Frames are measured
//! in CPU time of the thread, so a busy machine does not inflate them. Also
//! egui laying the 1 MB text out as one galley, the naive way, for contrast,
//! and opening and saving a 1 MB article (wall time). A Persian article's
//! frames (`frame_fa/`, 10 KB and 1 MB, text that does not repeat itself:
//! `text_view/persian_news.rs`) show what right-to-left layout costs.
//!
//! Run with `cargo bench --bench text_view`.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;
#[path = "../tests/common/edits.rs"]
#[allow(dead_code, reason = "the tests' generator; the bench uses only `Rng`")]
mod edits;
#[path = "text_view/persian_news.rs"]
mod persian_news;

use common::{CpuTime, article, cpu_criterion, key, wheel};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use egui::{Event, Key, Modifiers, RawInput};
use newsmark::ui::NewsmarkApp;

struct Bench {
    ctx: egui::Context,
    app: NewsmarkApp,
    width: f32,
    _dir: tempfile::TempDir,
}

impl Bench {
    fn new(bytes: usize) -> Self {
        Self::open(article(bytes))
    }

    fn open((dir, txt): (tempfile::TempDir, std::path::PathBuf)) -> Self {
        let app = NewsmarkApp::new(Some(&txt));
        assert!(app.session().is_some_and(|s| s.problems().is_empty()));
        let mut bench = Self {
            ctx: common::context(),
            app,
            width: 1200.0,
            _dir: dir,
        };
        for _ in 0..5 {
            bench.frame(Vec::new());
        }
        bench
    }

    fn frame(&mut self, events: Vec<Event>) {
        let shapes = common::run_frame(&self.ctx, &mut self.app, self.width, events);
        std::hint::black_box(shapes);
    }
}

fn frames(c: &mut Criterion<CpuTime>) {
    let mut c = c.benchmark_group("frame");
    // Equal samples of many frames each: the thread CPU clock is coarse.
    c.sampling_mode(SamplingMode::Flat);
    for (name, bytes) in [("10KB", 10_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let mut b = Bench::new(bytes);
        view_frames(&mut c, name, &mut b);
        b.width = 1200.0;
        b.frame(vec![
            key(Key::Home, Modifiers::COMMAND),
            key(Key::ArrowRight, Modifiers::SHIFT.plus(Modifiers::COMMAND)),
        ]);
        let mut tag = false;
        c.bench_function(format!("edit/{name}"), |bencher| {
            bencher.iter(|| {
                tag = !tag;
                let event = if tag {
                    key(Key::Num4, Modifiers::NONE)
                } else {
                    key(Key::Z, Modifiers::COMMAND)
                };
                b.frame(vec![event]);
            });
        });
        // A label hotkey on the selected word: the frame that adds the span
        // and paints it, each followed by an unmeasured undo frame. Wall
        // time (the thread's CPU clock is too coarse to time one frame).
        let mut wall = Criterion::default()
            .configure_from_args()
            .sample_size(30)
            .measurement_time(std::time::Duration::from_secs(4));
        wall.bench_function(&format!("frame/hotkey_tag/{name}"), |bencher| {
            bencher.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    let start = std::time::Instant::now();
                    b.frame(vec![key(Key::Num4, Modifiers::NONE)]);
                    total += start.elapsed();
                    b.frame(vec![key(Key::Z, Modifiers::COMMAND)]);
                }
                total
            });
        });
    }
}

/// Frames of a generated Persian article (right-to-left paragraphs with
/// English names, digits and ZWNJ compounds, no two alike:
/// [`persian_news`]), laid out piece by piece: scrolling, Page Down and
/// resizing, at 10 KB and 1 MB.
fn persian_frames(c: &mut Criterion<CpuTime>) {
    let mut c = c.benchmark_group("frame_fa");
    c.sampling_mode(SamplingMode::Flat);
    for (name, bytes) in [("10KB", 10_000), ("1MB", 1_000_000)] {
        let dir = tempfile::tempdir().unwrap();
        let (text, spans) = persian_news::article_text(bytes, 50, common::LABELS);
        let txt = common::write_text(dir.path(), "persian", text, spans);
        let mut b = Bench::open((dir, txt));
        view_frames(&mut c, name, &mut b);
    }
}

/// Scrolling, Page Down and resizing frames of `b`'s article, named
/// `…/{name}`.
fn view_frames(c: &mut criterion::BenchmarkGroup<'_, CpuTime>, name: &str, b: &mut Bench) {
    let mut flip = false;
    c.bench_function(format!("scroll/{name}"), |bencher| {
        bencher.iter(|| {
            flip = !flip;
            b.frame(wheel(if flip { -400.0 } else { 400.0 }));
        });
    });
    c.bench_function(format!("page_down/{name}"), |bencher| {
        bencher.iter(|| {
            // Page Down moves caret and view a screen: new text every frame.
            b.frame(vec![key(Key::PageDown, Modifiers::NONE)]);
        });
    });
    c.bench_function(format!("resize/{name}"), |bencher| {
        bencher.iter(|| {
            // 1200 → 900 points narrows the text column from 720 to about
            // 550: every visible block is laid out again.
            b.width = if b.width > 1000.0 { 900.0 } else { 1200.0 };
            b.frame(Vec::new());
        });
    });
}

/// Opening as in [`open_and_save`], in CPU time of the opening thread.
fn open_cpu(c: &mut Criterion<CpuTime>) {
    let (_dir, txt) = common::article_with_spans_every(1_000_000, 42);
    let mut group = c.benchmark_group("file");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("open_1MB_20k_spans_first_frame_cpu", |bencher| {
        bencher.iter(|| open_with_first_frame(&txt));
    });
    group.finish();
}

fn open_with_first_frame(txt: &std::path::Path) -> Vec<egui::ClippedPrimitive> {
    let ctx = common::context();
    let mut app = NewsmarkApp::new(Some(txt));
    let shapes = common::run_frame(&ctx, &mut app, 1200.0, Vec::new());
    assert!(!shapes.is_empty());
    shapes
}

fn naive_single_galley(c: &mut Criterion<CpuTime>) {
    let (_dir, txt) = article(1_000_000);
    // One paragraph, so egui's per-paragraph galley cache cannot help.
    let text = std::fs::read_to_string(txt).unwrap().replace("\r\n", " ");
    let ctx = common::context();
    let mut width = 700.0;
    let mut group = c.benchmark_group("naive_single_galley");
    group.sample_size(10);
    group.bench_function("1MB", |bencher| {
        bencher.iter(|| {
            // Another width each time, inside a pass so egui's galley cache
            // drops the previous layout: what a resize costs.
            width = if width > 650.0 { 600.0 } else { 700.0 };
            let _ = ctx.run_ui(RawInput::default(), |ui| {
                let job = egui::text::LayoutJob::simple(
                    text.clone(),
                    egui::FontId::proportional(17.0),
                    egui::Color32::WHITE,
                    width,
                );
                std::hint::black_box(ui.fonts_mut(|f| f.layout_job(job)));
            });
        });
    });
    group.finish();
}

/// Opening a 1 MB article with its ~20,000 spans (read, validate, first
/// frame laid out, painted and tessellated), and saving it atomically.
fn open_and_save(c: &mut Criterion) {
    let (_dir, txt) = common::article_with_spans_every(1_000_000, 42);
    let mut group = c.benchmark_group("file");
    group.sample_size(10);
    group.bench_function("open_1MB_20k_spans_first_frame", |bencher| {
        bencher.iter(|| open_with_first_frame(&txt));
    });
    let mut session =
        newsmark::session::Session::open(&txt, newsmark::model::LabelSchema::default()).unwrap();
    assert!(session.set().len() >= 20_000, "{}", session.set().len());
    group.bench_function("save_1MB_20k_spans", |bencher| {
        bencher.iter(|| session.save().unwrap());
    });
    // Nothing changed: the article is compared by length and time, the
    // annotation file read and hashed.
    group.bench_function("check_disk_1MB_20k_spans", |bencher| {
        bencher.iter(|| assert!(session.check_disk().is_none()));
    });
    group.finish();
}

criterion_group! {
    name = cpu;
    config = cpu_criterion();
    targets = frames, persian_frames, naive_single_galley, open_cpu
}
criterion_group! {
    name = files;
    config = Criterion::default().sample_size(10);
    targets = open_and_save
}
criterion_main!(cpu, files);

//! Frames of a document with 5,000 spans and 2,000 relations (issue 13's
//! aim: every frame ≤ 4 ms with arcs for the selection, ≤ 8 ms with all
//! arcs in view), in CPU time of the window's thread, on two documents:
//!
//! - `near`: each relation joins spans a few words apart, so both ends of
//!   an arc are usually on screen;
//! - `long_range`: each relation joins spans about a third of the article
//!   apart, so every arc in view is a stub to the view's edge labelled with
//!   the other end's text.
//!
//! For each, criterion measures the mean of a scrolling frame (the wheel
//! back and forth) with a span in the middle selected, then with every arc
//! in view drawn (`Command::ToggleArcs`, Ctrl+Shift+L). Then the
//! selection steps through the whole article, a few lines a frame, each
//! span selected scrolled into view (as N does), and every frame is timed
//! alone (`CLOCK_THREAD_CPUTIME_ID`): the worst, the 99th percentile and
//! the mean are printed, with all arcs in view and with the selection's
//! only; then the same for a scroll with the wheel from the article's top
//! to its end (the first span selected). The aim is about every frame,
//! not the average one.
//!
//! After each of those frames a fixed computation is timed too
//! ([`machine_check`]): next to the worst frame the bench prints how long
//! the check right after it took against the check's median, so that a
//! frame slowed by the machine (another virtual machine on the host, say)
//! can be told from one slowed by the program.
//!
//! Run with `cargo bench --bench arcs`.

#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]

mod common;

use common::{CpuTime, cpu_criterion, wheel};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use newsmark::model::{AnnotationSet, Document, Relation, Span};
use newsmark::store;
use newsmark::ui::{Command, NewsmarkApp};

/// How many spans and relations the document holds.
const SPANS: usize = 5_000;
const RELATIONS: usize = 2_000;

/// The window's width in the benchmark.
const WIDTH: f32 = 1200.0;

/// Every how many spans the selection stops in [`step_through`] (a few
/// lines of text).
const STEP: usize = 8;

/// Relations of `spans` as the built-in types allow (each person holds a
/// role, each role is of a country), up to [`RELATIONS`], the target of
/// span `k` being the first span of the right label from `start(k)` on
/// (among the next 8 spans).
fn relations_from(spans: &[Span], start: impl Fn(usize) -> usize) -> Vec<Relation> {
    let find = |k: usize, label: &str| {
        let from = start(k) % spans.len();
        spans[from..spans.len().min(from + 8)]
            .iter()
            .find(|s| s.label == label && s.id != spans[k].id)
    };
    let mut out = Vec::new();
    for (k, span) in spans.iter().enumerate() {
        let (kind, target) = match span.label.as_str() {
            "person" => ("holds", find(k, "role")),
            "role" => ("of", find(k, "country")),
            _ => continue,
        };
        if let Some(target) = target
            && out.len() < RELATIONS
        {
            out.push(Relation::manual(
                out.len() as u64 + 1,
                kind,
                span.id,
                target.id,
            ));
        }
    }
    out
}

/// Near neighbours: the target among the 8 spans after each span.
fn near(spans: &[Span]) -> Vec<Relation> {
    relations_from(spans, |k| k + 1)
}

/// Far apart: the target about a third of the article on (wrapping
/// around), never on screen with its source.
fn long_range(spans: &[Span]) -> Vec<Relation> {
    relations_from(spans, |k| k + SPANS / 3)
}

/// Writes the generated article with `relations` of its spans into `dir`;
/// the `.txt` path.
fn write_document(
    dir: &std::path::Path,
    name: &str,
    relations: fn(&[Span]) -> Vec<Relation>,
) -> std::path::PathBuf {
    let (text, mut spans) = common::article_text(300_000, 50);
    assert!(spans.len() >= SPANS, "{} spans", spans.len());
    spans.truncate(SPANS);
    let related = relations(&spans);
    assert_eq!(related.len(), RELATIONS);
    let mut set = AnnotationSet::from_spans(spans);
    for relation in related {
        assert!(set.insert_relation(relation));
    }
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, &text).unwrap();
    let ron = store::paired_ron_path(&txt);
    let file_name = format!("{name}.txt");
    store::save_annotations(&ron, &file_name, &Document::new(text), &set).unwrap();
    txt
}

/// Runs one frame of `app` with `events`; the frame's shapes, tessellated.
fn frame(
    ctx: &egui::Context,
    app: &mut NewsmarkApp,
    events: Vec<egui::Event>,
) -> Vec<egui::ClippedPrimitive> {
    std::hint::black_box(common::run_frame(ctx, app, WIDTH, events))
}

/// Nanoseconds of CPU time this thread has used, to the nanosecond (not at
/// scheduler ticks, as [`common::thread_cpu_ns`]): right for one frame.
fn thread_cpu_now() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    (t.tv_sec as u64) * 1_000_000_000 + t.tv_nsec as u64
}

/// CPU time of a fixed computation of about 0.3 ms: how fast the machine
/// runs right now, timed after each frame of a walk.
fn machine_check() -> u64 {
    let start = thread_cpu_now();
    let mut x = 0u64;
    for i in 0..300_000u64 {
        x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i));
    }
    std::hint::black_box(x);
    thread_cpu_now() - start
}

/// The CPU time of each frame of a walk, and of the [`machine_check`]
/// right after it.
#[derive(Default)]
struct Walk {
    frames: Vec<u64>,
    checks: Vec<u64>,
}

impl Walk {
    /// Adds a frame that began at CPU time `start`, and checks the machine.
    fn timed(&mut self, start: u64) {
        self.frames.push(thread_cpu_now() - start);
        self.checks.push(machine_check());
    }
}

/// What a frame drew, in brief (a hash of every vertex's place): when
/// two frames in a row draw the same, the scroll has come to rest.
fn fingerprint(primitives: &[egui::ClippedPrimitive]) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for p in primitives {
        if let egui::epaint::Primitive::Mesh(mesh) = &p.primitive {
            for v in &mesh.vertices {
                (v.pos.x.to_bits(), v.pos.y.to_bits()).hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}

/// Steps the selection through the article from its first span to its
/// last, every [`STEP`]th span selected and scrolled into view, a frame
/// each (as N steps through suggestions, or a reader moves down the
/// text), and prints the frames' worst, 99th percentile and mean CPU time
/// (the command and the frame) under `name`. Each frame draws the arcs of
/// a selected span, and with all arcs on those of every span in view.
fn step_through(ctx: &egui::Context, app: &mut NewsmarkApp, name: &str) {
    let mut walk = Walk::default();
    let mut last = None;
    let mut moved = 0;
    for id in (1..=SPANS as u64).step_by(STEP) {
        let start = thread_cpu_now();
        app.execute(ctx, vec![Command::SelectSpan { id, scroll: true }]);
        let drawn = frame(ctx, app, Vec::new());
        walk.timed(start);
        let now = fingerprint(&drawn);
        moved += usize::from(last.is_some_and(|l| l != now));
        last = Some(now);
    }
    let frames = walk.frames.len();
    // Every frame selects another span: each draws something new.
    assert!(
        moved + 1 >= frames * 9 / 10,
        "{name}: {moved} of {frames} changed"
    );
    report(&format!("{name}: stepping through"), walk);
}

/// Scrolls from the article's top to its end with the wheel (200 points a
/// frame) and prints the frames' worst, 99th percentile and mean CPU time
/// under `name`; the end is where 10 frames in a row draw the same (those
/// are not counted).
fn scroll_through(ctx: &egui::Context, app: &mut NewsmarkApp, name: &str) {
    app.execute(
        ctx,
        vec![Command::SelectSpan {
            id: 1,
            scroll: true,
        }],
    );
    for _ in 0..5 {
        frame(ctx, app, Vec::new());
    }
    let mut walk = Walk::default();
    let (mut last, mut unchanged) = (None, 0);
    while unchanged < 10 && walk.frames.len() < 20_000 {
        let start = thread_cpu_now();
        let drawn = frame(ctx, app, wheel(-200.0));
        walk.timed(start);
        let now = fingerprint(&drawn);
        unchanged = if last == Some(now) { unchanged + 1 } else { 0 };
        last = Some(now);
    }
    let moving = walk.frames.len() - unchanged;
    walk.frames.truncate(moving);
    walk.checks.truncate(moving);
    report(&format!("{name}: scrolling through"), walk);
}

/// Prints the worst, 99th percentile and mean of a walk's frame times,
/// and how the machine check after the worst frame compares with the
/// check's median.
fn report(what: &str, walk: Walk) {
    let Walk {
        mut frames,
        mut checks,
    } = walk;
    let count = frames.len();
    assert!(count > 100, "{what}: only {count} frames");
    let mean = frames.iter().sum::<u64>() as f64 / count as f64;
    // Which frame was the worst: the first of a walk is its warm-up.
    let worst_at = (0..count).max_by_key(|&k| frames[k]).unwrap_or(0);
    let check_after_worst = checks[worst_at];
    frames.sort_unstable();
    checks.sort_unstable();
    let ms = |ns: u64| ns as f64 / 1e6;
    println!(
        "arcs/{what}, {count} frames: worst {:.2} ms (frame {worst_at}; the machine check after it ×{:.1} its median), 99th percentile {:.2} ms, mean {:.3} ms",
        ms(frames[count - 1]),
        check_after_worst as f64 / checks[count / 2] as f64,
        ms(frames[count * 99 / 100]),
        mean / 1e6,
    );
}

/// Whether turning the wheel over the text moves the view (it is what the
/// criterion benches do between frames).
fn wheel_moves_the_view(ctx: &egui::Context, app: &mut NewsmarkApp) -> bool {
    let before = fingerprint(&frame(ctx, app, Vec::new()));
    let mut moved = false;
    for _ in 0..5 {
        moved |= fingerprint(&frame(ctx, app, wheel(-200.0))) != before;
    }
    moved
}

/// The benchmarks of one document (see the file's comment).
fn bench_document(c: &mut Criterion<CpuTime>, name: &str, relations: fn(&[Span]) -> Vec<Relation>) {
    let dir = tempfile::tempdir().unwrap();
    let txt = write_document(dir.path(), name, relations);
    let ctx = common::context();
    let mut app = NewsmarkApp::new(Some(&txt));
    assert_eq!(app.session().unwrap().set().relation_count(), RELATIONS);
    frame(&ctx, &mut app, Vec::new());
    // A span in the middle, an end of two relations, scrolled into view.
    let middle = SPANS as u64 / 2 + 1;
    app.execute(
        &ctx,
        vec![Command::SelectSpan {
            id: middle,
            scroll: true,
        }],
    );
    for _ in 0..5 {
        frame(&ctx, &mut app, Vec::new());
    }
    assert_eq!(app.selected_span(), Some(middle));
    let mut group = c.benchmark_group("arcs");
    group.sampling_mode(SamplingMode::Flat);
    let mut flip = false;
    group.bench_function(format!("{name}_scroll_selected"), |bencher| {
        bencher.iter(|| {
            flip = !flip;
            frame(&ctx, &mut app, wheel(if flip { -200.0 } else { 200.0 }));
        });
    });
    app.execute(&ctx, vec![Command::ToggleArcs]);
    frame(&ctx, &mut app, Vec::new());
    group.bench_function(format!("{name}_scroll_all_arcs"), |bencher| {
        bencher.iter(|| {
            flip = !flip;
            frame(&ctx, &mut app, wheel(if flip { -200.0 } else { 200.0 }));
        });
    });
    group.finish();
    println!(
        "arcs/{name}: the wheel moves the view between frames: {}",
        wheel_moves_the_view(&ctx, &mut app)
    );
    step_through(&ctx, &mut app, &format!("{name}_all_arcs"));
    scroll_through(&ctx, &mut app, &format!("{name}_all_arcs"));
    app.execute(&ctx, vec![Command::ToggleArcs]);
    frame(&ctx, &mut app, Vec::new());
    step_through(&ctx, &mut app, &format!("{name}_selected"));
    scroll_through(&ctx, &mut app, &format!("{name}_selected"));
}

fn arcs(c: &mut Criterion<CpuTime>) {
    bench_document(c, "near", near);
    bench_document(c, "long_range", long_range);
}

criterion_group! {
    name = cpu;
    config = cpu_criterion();
    targets = arcs
}
criterion_main!(cpu);

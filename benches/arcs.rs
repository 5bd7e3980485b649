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
//! in view drawn (`Command::ToggleArcs`, Ctrl+Shift+L). Then a scroll
//! through the whole article, top to bottom, times every frame alone
//! (`CLOCK_THREAD_CPUTIME_ID`) and prints the worst, the 99th percentile
//! and the mean: the aim is about every frame, not the average one.
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

/// Runs frames with `events` each until two in a row draw the same (the
/// view at rest), at most `limit`; each frame's CPU time.
fn scroll_until_rest(
    ctx: &egui::Context,
    app: &mut NewsmarkApp,
    events: impl Fn() -> Vec<egui::Event>,
    limit: usize,
) -> Vec<u64> {
    let mut times = Vec::new();
    let mut last = None;
    while times.len() < limit {
        let start = thread_cpu_now();
        let drawn = frame(ctx, app, events());
        times.push(thread_cpu_now() - start);
        let now = fingerprint(&drawn);
        if last == Some(now) {
            break;
        }
        last = Some(now);
    }
    times
}

/// Scrolls from the article's top to its end, a turn of the wheel (200
/// points) a frame, and prints the frames' worst, 99th percentile and mean
/// CPU time under `name`.
fn scroll_through(ctx: &egui::Context, app: &mut NewsmarkApp, name: &str) {
    // To the top first (not timed).
    scroll_until_rest(ctx, app, || wheel(1.0e7), 200);
    let mut times = scroll_until_rest(ctx, app, || wheel(-200.0), 50_000);
    assert!(times.len() > 100, "{name}: only {} frames", times.len());
    let frames = times.len();
    let mean = times.iter().sum::<u64>() as f64 / frames as f64;
    times.sort_unstable();
    let ms = |ns: f64| ns / 1e6;
    println!(
        "arcs/{name}: scroll through, {frames} frames: worst {:.2} ms, 99th percentile {:.2} ms, \
         mean {:.2} ms",
        ms(times[frames - 1] as f64),
        ms(times[frames * 99 / 100] as f64),
        ms(mean),
    );
}

/// The benchmarks of one document (see the file's comment).
fn bench_document(
    c: &mut Criterion<CpuTime>,
    name: &str,
    relations: fn(&[Span]) -> Vec<Relation>,
) {
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
    scroll_through(&ctx, &mut app, &format!("{name}_all_arcs"));
    app.execute(&ctx, vec![Command::ToggleArcs]);
    frame(&ctx, &mut app, Vec::new());
    assert_eq!(app.selected_span(), Some(middle));
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

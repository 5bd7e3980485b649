//! Frame time of the real app (CPU: layout, painting into shapes and
//! tessellation; no GPU) on generated articles of 10 KB and 1 MB with a span
//! every ~50 characters: scrolling, resizing, and an edit per frame. Also
//! egui laying the 1 MB text out as one galley, the naive way, for contrast.
//!
//! Run with `cargo bench --bench text_view`.

#![allow(clippy::unwrap_used, missing_docs)]

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Key, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, Vec2};
use newsmark::model::{AnnotationSet, Document, Span};
use newsmark::store;
use newsmark::ui::NewsmarkApp;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "of",
    "communications",
    "said",
    "Iran",
    "and",
    "Cuba",
    "would",
    "expand",
    "cooperation",
    "on",
    "optical",
    "fiber",
    "González",
    "Zarepour",
    "data",
    "centers",
    "in",
    "Havana",
    "Tehran",
    "e-government",
    "network",
    "“4G”",
    "programme",
    "officials",
    "🇨🇺",
];
const LABELS: &[&str] = &["person", "role", "country", "initiative"];

/// A generated article of about `bytes` bytes (paragraphs of ~600
/// characters, CRLF line ends) and its annotation file, in a temp folder.
fn article(bytes: usize) -> (tempfile::TempDir, PathBuf) {
    let mut text = String::from("A generated article for benchmarks\r\n\r\n");
    let mut spans = Vec::new();
    let mut chars = text.chars().count();
    let mut next_span_at = chars;
    let mut k = 0usize;
    while text.len() < bytes {
        let word = WORDS[(k * 7 + k / 5) % WORDS.len()];
        let len = word.chars().count();
        if chars >= next_span_at {
            let label = LABELS[k % LABELS.len()];
            spans.push(Span::manual(
                spans.len() as u64 + 1,
                chars,
                chars + len,
                label,
                word,
            ));
            next_span_at = chars + 50;
        }
        text.push_str(word);
        chars += len;
        k += 1;
        if k.is_multiple_of(90) {
            text.push_str("\r\n");
            chars += 2;
        } else {
            text.push(' ');
            chars += 1;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("generated.txt");
    std::fs::write(&txt, &text).unwrap();
    let doc = Document::new(text);
    let set = AnnotationSet::from_spans(spans);
    store::save_annotations(&store::paired_ron_path(&txt), "generated.txt", &doc, &set).unwrap();
    (dir, txt)
}

struct Bench {
    ctx: egui::Context,
    app: NewsmarkApp,
    width: f32,
    _dir: tempfile::TempDir,
}

impl Bench {
    fn new(bytes: usize) -> Self {
        let (dir, txt) = article(bytes);
        let app = NewsmarkApp::new(Some(&txt));
        assert!(app.session().is_some_and(|s| s.problems().is_empty()));
        let mut bench = Self {
            ctx: egui::Context::default(),
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
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(
                Pos2::ZERO,
                Vec2::new(self.width, 860.0),
            )),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.frame(ui));
        let shapes = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(shapes);
    }
}

fn wheel(dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(Pos2::new(400.0, 400.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: Vec2::new(0.0, dy),
            phase: TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        },
    ]
}

fn key(key: Key, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

fn frames(c: &mut Criterion) {
    for (name, bytes) in [("10KB", 10_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let mut b = Bench::new(bytes);
        let mut flip = false;
        c.bench_function(&format!("frame/scroll/{name}"), |bencher| {
            bencher.iter(|| {
                flip = !flip;
                b.frame(wheel(if flip { -400.0 } else { 400.0 }));
            });
        });
        c.bench_function(&format!("frame/page_down/{name}"), |bencher| {
            bencher.iter(|| {
                // Page Down moves caret and view a screen: new text every frame.
                b.frame(vec![key(Key::PageDown, Modifiers::NONE)]);
            });
        });
        c.bench_function(&format!("frame/resize/{name}"), |bencher| {
            bencher.iter(|| {
                // 1200 → 900 points narrows the text column from 720 to
                // about 550: every visible block is laid out again.
                b.width = if b.width > 1000.0 { 900.0 } else { 1200.0 };
                b.frame(Vec::new());
            });
        });
        b.width = 1200.0;
        b.frame(vec![
            key(Key::Home, Modifiers::COMMAND),
            key(Key::ArrowRight, Modifiers::SHIFT.plus(Modifiers::COMMAND)),
        ]);
        let mut tag = false;
        c.bench_function(&format!("frame/edit/{name}"), |bencher| {
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
    }
}

fn naive_single_galley(c: &mut Criterion) {
    let (_dir, txt) = article(1_000_000);
    // One paragraph, so egui's per-paragraph galley cache cannot help.
    let text = std::fs::read_to_string(txt).unwrap().replace("\r\n", " ");
    let ctx = egui::Context::default();
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

/// Opening a 1 MB article with its ~17,700 spans (read, validate, first
/// frame), and saving it atomically.
fn open_and_save(c: &mut Criterion) {
    let (_dir, txt) = article(1_000_000);
    let mut group = c.benchmark_group("file");
    group.sample_size(10);
    group.bench_function("open_1MB_20k_spans_first_frame", |bencher| {
        bencher.iter(|| {
            let ctx = egui::Context::default();
            let mut app = NewsmarkApp::new(Some(&txt));
            let input = RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1200.0, 860.0))),
                ..Default::default()
            };
            let output = ctx.run_ui(input, |ui| app.frame(ui));
            std::hint::black_box(output);
        });
    });
    let mut session =
        newsmark::session::Session::open(&txt, newsmark::model::LabelSchema::default()).unwrap();
    assert!(session.set().len() > 17_000, "{}", session.set().len());
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
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = frames, naive_single_galley, open_and_save
}
criterion_main!(benches);

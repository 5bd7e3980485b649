//! Curation's frames on a document with 5,000 spans per annotator (issue
//! 14: "stepping to the next disagreement and taking a version is one
//! frame"), in CPU time of the window's thread, in the real app: the
//! document is opened into curation from the agreement panel (ana and bob
//! agree on every other span, 2,500 disagreements), then each frame
//! either steps to the next disagreement (F8) or takes a version of the
//! current one (Alt+1 / Alt+2, alternating so that every take changes the
//! gold) and goes on to the next.
//!
//! Run with `cargo bench --bench curation`.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::{CpuTime, cpu_criterion, key};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use egui::{Key, Modifiers};
use newsmark::model::{AnnotationSet, Document, Span};
use newsmark::store;
use newsmark::ui::{Command, NewsmarkApp};

/// Spans per annotator.
const SPANS: usize = 5_000;

/// Writes `who`'s file on `txt`: a span on every word, each labelled by
/// `label(k)`.
fn annotate(
    txt: &std::path::Path,
    doc: &Document,
    who: &str,
    label: impl Fn(usize) -> &'static str,
) {
    let spans: Vec<Span> = (0..SPANS)
        .map(|k| {
            let (start, end) = (k * 6, k * 6 + 5);
            Span::manual(
                k as u64 + 1,
                start,
                end,
                label(k),
                doc.slice(start..end).unwrap(),
            )
        })
        .collect();
    let ron = store::to_ron_string_in_context("long.txt", doc, &AnnotationSet::from_spans(spans));
    std::fs::write(txt.with_extension(format!("{who}.ron")), ron).unwrap();
}

fn curation(c: &mut Criterion<CpuTime>) {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..SPANS).map(|k| format!("w{k:04} ")).collect();
    let txt = dir.path().join("long.txt");
    std::fs::write(&txt, &text).unwrap();
    let doc = Document::new(text);
    annotate(&txt, &doc, "ana", |_| "person");
    annotate(&txt, &doc, "bob", |k| {
        if k % 2 == 0 { "person" } else { "role" }
    });

    let ctx = common::context();
    let mut app = NewsmarkApp::new(Some(&txt));
    let frame = |app: &mut NewsmarkApp, events| {
        std::hint::black_box(common::run_frame(&ctx, app, 1200.0, events));
    };
    frame(&mut app, Vec::new());
    while app.is_reading_folder() {
        std::thread::sleep(std::time::Duration::from_millis(10));
        frame(&mut app, Vec::new());
    }
    app.execute(&ctx, vec![Command::ToggleAgreement]);
    while app.is_measuring_agreement() {
        std::thread::sleep(std::time::Duration::from_millis(10));
        frame(&mut app, Vec::new());
    }
    app.execute(&ctx, vec![Command::Curate(txt.clone())]);
    frame(&mut app, Vec::new());
    let (index, current) = app.curation_index().unwrap();
    assert_eq!(index.disagreements().len(), SPANS / 2);
    assert_eq!(current, Some(0));
    let n = index.disagreements().len();

    let mut group = c.benchmark_group("curation");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("next_disagreement_5000_spans_per_annotator", |bencher| {
        bencher.iter(|| frame(&mut app, vec![key(Key::F8, Modifiers::NONE)]));
    });
    // Alternate ana's and bob's versions, shifted each pass over the
    // disagreements, so that every take changes the gold.
    let mut takes = 0_usize;
    group.bench_function("take_version_5000_spans_per_annotator", |bencher| {
        bencher.iter(|| {
            let annotator = if (takes + takes / n).is_multiple_of(2) {
                Key::Num1
            } else {
                Key::Num2
            };
            takes += 1;
            frame(&mut app, vec![key(annotator, Modifiers::ALT)]);
        });
    });
    group.finish();
    let (after, _) = app.curation_index().unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&index, &after),
        "the index was rebuilt"
    );
}

criterion_group! {
    name = cpu;
    config = cpu_criterion();
    targets = curation
}
criterion_main!(cpu);

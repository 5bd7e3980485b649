//! Frames of a document with 5,000 spans and 2,000 relations (issue 13's
//! aim: every frame ≤ 4 ms with arcs for the selection, ≤ 8 ms with all
//! arcs in view), in CPU time of the window's thread: scrolling with a span
//! selected in the middle of the article, then with every arc in view drawn
//! (`Command::ToggleArcs`, Ctrl+Shift+L).
//!
//! Run with `cargo bench --bench arcs`.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::{CpuTime, cpu_criterion, wheel};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use newsmark::model::{AnnotationSet, Document, Relation, Span};
use newsmark::store;
use newsmark::ui::{Command, NewsmarkApp};

/// How many spans and relations the document holds.
const SPANS: usize = 5_000;
const RELATIONS: usize = 2_000;

/// `spans` related as the built-in types allow, between near neighbours:
/// each person holds the next role among the 8 spans after it, each role is
/// of the next country among them, up to [`RELATIONS`].
fn relations(spans: &[Span]) -> Vec<Relation> {
    let near = |k: usize, label: &str| {
        spans[k + 1..spans.len().min(k + 9)]
            .iter()
            .find(|s| s.label == label)
    };
    let mut out = Vec::new();
    for (k, span) in spans.iter().enumerate() {
        let (kind, target) = match span.label.as_str() {
            "person" => ("holds", near(k, "role")),
            "role" => ("of", near(k, "country")),
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

fn arcs(c: &mut Criterion<CpuTime>) {
    let dir = tempfile::tempdir().unwrap();
    let (text, mut spans) = common::article_text(300_000, 50);
    assert!(spans.len() >= SPANS, "{} spans", spans.len());
    spans.truncate(SPANS);
    let related = relations(&spans);
    assert_eq!(related.len(), RELATIONS);
    let mut set = AnnotationSet::from_spans(spans);
    for relation in related {
        assert!(set.insert_relation(relation));
    }
    let txt = dir.path().join("related.txt");
    std::fs::write(&txt, &text).unwrap();
    let ron = store::paired_ron_path(&txt);
    store::save_annotations(&ron, "related.txt", &Document::new(text), &set).unwrap();

    let ctx = common::context();
    let mut app = NewsmarkApp::new(Some(&txt));
    assert_eq!(app.session().unwrap().set().relation_count(), RELATIONS);
    let frame = |app: &mut NewsmarkApp, events| {
        std::hint::black_box(common::run_frame(&ctx, app, 1200.0, events));
    };
    frame(&mut app, Vec::new());
    // A span in the middle, an end of two relations, scrolled into view.
    app.execute(
        &ctx,
        vec![Command::SelectSpan {
            id: SPANS as u64 / 2 + 1,
            scroll: true,
        }],
    );
    for _ in 0..5 {
        frame(&mut app, Vec::new());
    }
    assert_eq!(app.selected_span(), Some(SPANS as u64 / 2 + 1));
    let mut group = c.benchmark_group("arcs");
    group.sampling_mode(SamplingMode::Flat);
    let mut flip = false;
    group.bench_function("scroll_selected_5000_spans_2000_relations", |bencher| {
        bencher.iter(|| {
            flip = !flip;
            frame(&mut app, wheel(if flip { -200.0 } else { 200.0 }));
        });
    });
    app.execute(&ctx, vec![Command::ToggleArcs]);
    frame(&mut app, Vec::new());
    group.bench_function("scroll_all_arcs_5000_spans_2000_relations", |bencher| {
        bencher.iter(|| {
            flip = !flip;
            frame(&mut app, wheel(if flip { -200.0 } else { 200.0 }));
        });
    });
    group.finish();
}

criterion_group! {
    name = cpu;
    config = cpu_criterion();
    targets = arcs
}
criterion_main!(cpu);

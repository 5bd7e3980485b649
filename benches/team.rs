//! `newsmark agree` on generated folders of 10,000 and 100,000 articles
//! (about 2 KB each), each with two annotators' files `X.ana.ron` and
//! `X.bob.ron` (about 40 spans and 15 relations each; bob relabels every
//! fifth span, leaves out every seventh, moves every eleventh by one code
//! point, and draws a relation fewer every so often), run once as the real
//! `newsmark` binary. Prints the wall time and the command's peak resident
//! memory (`VmHWM` of the child, read every 2 ms while it runs), then the
//! 100k ÷ 10k factors: time must grow linearly (factor ≤ 11) and memory
//! not with the number of documents (factor ≤ 1.2).
//!
//! Run with `cargo bench --bench team` (`BENCH_SIZES=10000` before it for
//! the smaller folder only). Generating the 100,000 articles writes about
//! 2 GB to the temporary folder, removed when the bench ends.

#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use divan::Bencher;
use newsmark::model::{AnnotationSet, Document, Span};
use newsmark::store;

fn main() {
    divan::main();
    report();
}

/// ana's and bob's files on one article (`template.txt`), as RON.
fn annotators_files(doc: &Document, spans: &[Span]) -> (String, String) {
    let mut ana = AnnotationSet::from_spans(spans.to_vec());
    common::relate(&mut ana, spans, 0);
    let labels = ["person", "role", "country", "initiative"];
    let bobs: Vec<Span> = spans
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 7 != 6)
        .map(|(k, s)| {
            let mut s = s.clone();
            if k % 5 == 4 {
                s.label = labels[(k / 5) % labels.len()].to_owned();
            }
            if k % 11 == 10 && s.end - s.start > 1 {
                s.end -= 1;
                s.text = doc.slice(s.start..s.end).unwrap().to_owned();
            }
            s
        })
        .collect();
    let mut bob = AnnotationSet::from_spans(bobs.clone());
    common::relate(&mut bob, &bobs, 4);
    assert!(ana.relation_count() >= 10, "{}", ana.relation_count());
    let ron = |set: &AnnotationSet| store::to_ron_string_in_context("template.txt", doc, set);
    (ron(&ana), ron(&bob))
}

/// Writes `n` articles with ana's and bob's files into `dir`.
fn generate(dir: &Path, n: usize) {
    let started = Instant::now();
    let (text, spans) = common::article_text(2_000, 45);
    let doc = Document::new(text.clone());
    let (ana, bob) = annotators_files(&doc, &spans);
    for k in 0..n {
        let stem = format!("article-{k:06}");
        let name = format!("{stem}.txt");
        std::fs::write(dir.join(&name), &text).unwrap();
        for (who, ron) in [("ana", &ana), ("bob", &bob)] {
            let own = ron.replace("template.txt", &name);
            std::fs::write(dir.join(format!("{stem}.{who}.ron")), own).unwrap();
        }
    }
    store::sync_filesystem(dir).unwrap();
    eprintln!(
        "generated {n} articles with two annotators' files in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Wall time and peak resident memory (MiB) by folder size.
static RESULTS: Mutex<BTreeMap<usize, (Duration, f64)>> = Mutex::new(BTreeMap::new());

#[divan::bench(args = common::folder_sizes(), sample_count = 1, sample_size = 1)]
fn agree(bencher: Bencher<'_, '_>, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    generate(&corpus, n);
    let args = vec!["agree".to_owned(), corpus.display().to_string()];
    bencher.bench_local(|| {
        let measured = common::run_newsmark_measured(&args);
        eprintln!(
            "agree on {n} articles: {:.2} s, peak {:.0} MiB",
            measured.0.as_secs_f64(),
            measured.1
        );
        RESULTS.lock().unwrap().insert(n, measured);
    });
    common::remove_in_background(dir);
}

/// Prints the figures and the 100k ÷ 10k factors.
fn report() {
    let results = RESULTS.lock().unwrap();
    println!("\narticles      time       peak");
    for (n, (time, peak)) in results.iter() {
        println!("{n:>8} {:>9.2} s {:>6.1} MiB", time.as_secs_f64(), peak);
    }
    if let (Some((ts, ps)), Some((tl, pl))) = (results.get(&10_000), results.get(&100_000)) {
        println!(
            "100k ÷ 10k: time × {:.1}, peak × {:.2}",
            tl.as_secs_f64() / ts.as_secs_f64(),
            pl / ps
        );
    }
}

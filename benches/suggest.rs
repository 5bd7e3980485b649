//! The string-match suggester ([`TermMatcher`]) with 5,000 learned terms
//! over a 50 MB corpus (50 generated articles of 1 MB in which about one
//! word in ten is a term): building the matcher and finding every whole-word
//! occurrence. CPU time of the thread.
//!
//! Run with `cargo bench --bench suggest`.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::{CpuTime, cpu_criterion};
use criterion::{Criterion, criterion_group, criterion_main};
use newsmark::model::Document;
use newsmark::suggest::matcher::TermMatcher;

const TERMS: usize = 5_000;
const DOCUMENTS: usize = 50;
const DOCUMENT_BYTES: usize = 1_000_000;

/// Term `k`: one to three words, some sharing prefixes ("Zarepour 12",
/// "Zarepour 12 Havana").
fn term(k: usize) -> String {
    match k % 3 {
        0 => format!("Zarepour{k}"),
        1 => format!("Minister {k}"),
        _ => format!("Zarepour{} Havana", k - 2),
    }
}

/// A generated article in which about one word in ten is a term.
fn document(seed: usize) -> Document {
    let mut text = String::with_capacity(DOCUMENT_BYTES + 100);
    let mut k = seed;
    while text.len() < DOCUMENT_BYTES {
        k = k.wrapping_mul(2_654_435_761).wrapping_add(12_345) % 1_000_003;
        if k.is_multiple_of(10) {
            text.push_str(&term(k % TERMS));
        } else {
            text.push_str(common::WORDS[k % common::WORDS.len()]);
        }
        text.push(if k.is_multiple_of(17) { '\n' } else { ' ' });
    }
    Document::new(text)
}

fn string_match(c: &mut Criterion<CpuTime>) {
    let terms: Vec<(String, &str)> = (0..TERMS)
        .map(|k| (term(k), common::LABELS[k % common::LABELS.len()]))
        .collect();
    let corpus: Vec<Document> = (0..DOCUMENTS).map(document).collect();
    let bytes: usize = corpus.iter().map(|d| d.text().len()).sum();
    assert!(bytes >= 50_000_000, "{bytes}");
    let mut group = c.benchmark_group("suggest");
    group.sample_size(10);
    group.bench_function("string_match_5000_terms_50MB", |bencher| {
        bencher.iter(|| {
            let matcher = TermMatcher::new(terms.iter().cloned()).unwrap();
            let found: usize = corpus.iter().map(|d| matcher.find(d).len()).sum();
            assert!(found > 500_000, "{found}");
            found
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = cpu_criterion();
    targets = string_match
}
criterion_main!(benches);

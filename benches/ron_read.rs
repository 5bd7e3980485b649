//! Reading one annotation file: `ron` against the fast reader
//! (`src/store/fast_ron.rs`), on the file newsmark saves for a realistic
//! 2 KB news article with about 35 spans (each with its context, every
//! other one a pending suggestion with a score). The time per iteration is
//! the time per file.
//!
//! Run with `cargo bench --bench ron_read`.

#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]

mod common;

use std::sync::LazyLock;

use divan::black_box;
use newsmark::model::{AnnotationSet, Document, Origin, Status};
use newsmark::store::{ParsedAnnotationFile, read_fast, read_with_ron, to_ron_string_in_context};

/// The article's size in bytes.
const ARTICLE_BYTES: usize = 2_000;

/// The annotation file saved for the article, and its number of spans.
static FILE: LazyLock<(String, usize)> = LazyLock::new(|| {
    let (text, mut spans) = common::news_article_text(ARTICLE_BYTES, 45);
    for (k, span) in spans.iter_mut().enumerate() {
        if k % 2 == 1 {
            span.origin = Origin::Extractor("names \"v2\"".to_owned());
            span.score = Some(0.5 + (k % 7) as f64 / 20.0);
            span.status = Status::Pending;
        }
    }
    let count = spans.len();
    let doc = Document::new(text);
    let set = AnnotationSet::from_spans(spans);
    (to_ron_string_in_context("article.txt", &doc, &set), count)
});

fn main() {
    let (file, spans) = &*FILE;
    println!("annotation file of {} bytes, {spans} spans", file.len());
    // The two readers agree on it (the property tests check many more).
    assert_eq!(
        format!("{:?}", read_fast(file).unwrap()),
        format!("{:?}", read_with_ron(file).unwrap())
    );
    divan::main();
}

#[divan::bench]
fn ron() -> Result<ParsedAnnotationFile, String> {
    read_with_ron(black_box(&FILE.0))
}

#[divan::bench]
fn fast() -> Option<ParsedAnnotationFile> {
    read_fast(black_box(&FILE.0))
}

//! The Statistics window's figures (`newsmark::stats::CorpusFigures`):
//! documents by status, accepted and pending spans per label.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::PathBuf;

use common::corpora::six_documents;
use newsmark::corpus::{CorpusIndex, DocEntry};
use newsmark::model::LabelSchema;
use newsmark::stats::{CorpusFigures, LabelCounts};

fn counts(label: &str, in_schema: bool, accepted: usize, pending: usize) -> LabelCounts {
    LabelCounts {
        label: label.to_owned(),
        in_schema,
        accepted,
        pending,
    }
}

#[test]
fn figures_count_documents_by_status_and_spans_by_label() {
    let figures = CorpusFigures::of(&six_documents(), &LabelSchema::default(), None);
    let by_status = figures.by_status;
    assert_eq!(
        (
            by_status.new,
            by_status.to_review,
            by_status.in_progress,
            by_status.done,
            figures.unreadable
        ),
        (2, 1, 1, 2, 1)
    );
    assert_eq!(figures.documents(), 6);
    // Schema order first, then labels outside the schema; rejected
    // suggestions are not counted.
    assert_eq!(
        figures.labels,
        vec![
            counts("person", true, 3, 2),
            counts("role", true, 2, 0),
            counts("country", true, 2, 1),
            counts("initiative", true, 1, 1),
            counts("organisation", false, 1, 0),
        ]
    );
}

#[test]
fn documents_not_read_yet_are_counted_apart() {
    let mut corpus = six_documents();
    corpus.entries.push(DocEntry {
        path: PathBuf::from("/corpus/f.txt"),
        name: "f.txt".to_owned(),
        digest: None,
        error: None,
        loaded: false,
    });
    let figures = CorpusFigures::of(&corpus, &LabelSchema::default(), None);
    assert_eq!(
        (figures.by_status.new, figures.unreadable, figures.loading),
        (2, 1, 1)
    );
    assert_eq!(figures.documents(), 7);
}

#[test]
fn an_empty_corpus_has_the_schema_labels_at_zero() {
    let figures = CorpusFigures::of(&CorpusIndex::default(), &LabelSchema::default(), None);
    assert_eq!(figures.documents(), 0);
    assert_eq!(figures.labels.len(), 4);
    assert!(
        figures
            .labels
            .iter()
            .all(|r| r.accepted == 0 && r.pending == 0)
    );
}

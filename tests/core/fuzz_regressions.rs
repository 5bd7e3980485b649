//! Regression tests for what fuzzing found (see the README's Fuzzing
//! section). The inputs the fuzzer reported are also replayed by
//! `tests/core/fuzz_bounded.rs` from `fuzz/regressions/TARGET/`.

#![allow(clippy::unwrap_used)]

use std::fs;

use newsmark::journal::Journal;
use newsmark::model::LabelSchema;
use newsmark::store::read_text;

/// A journal whose spans all became orphans (the article changed and their
/// quotes are gone) was taken for one equal to a missing annotation file
/// and deleted, losing them.
#[test]
fn a_journal_whose_spans_are_all_orphans_is_offered_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, "Tehran and Havana signed a deal.\n").unwrap();
    let journal = Journal::new(&dir.path().join("a.ron"));
    let contents = "(format: 1, document: \"a.txt\", text_sha256: \"0000\", spans: [\
                    (id: 1, start: 0, end: 4, label: \"country\", text: \"Cuba\")])";
    fs::write(journal.path(), contents).unwrap();
    let doc = read_text(&txt).unwrap();

    let found = journal.find("a.txt", &doc, &LabelSchema::default());
    let recovered = found.unwrap().expect("the journal is offered");
    assert!(recovered.text_changed);
    assert!(recovered.set.is_empty());
    let lost: Vec<_> = recovered.unplaced.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(lost, ["Cuba"], "the orphan is reported as not fitting");
    assert_eq!(fs::read_to_string(journal.path()).unwrap(), contents);
}

/// A score of NaN, infinity or outside 0..=1 loaded without a word (the
/// extractor protocol refuses one). It is reported, naming the file and the
/// span, and kept as it is, so nothing is lost.
#[test]
fn a_score_outside_zero_to_one_is_reported_and_kept() {
    let text = "Tehran and Havana.";
    let doc = newsmark::model::Document::new(text);
    let source = "(format: 1, document: \"a.txt\", text_sha256: \"\", spans: [\
                  (id: 1, start: 0, end: 6, label: \"country\", text: \"Tehran\", score: Some(NaN)),\
                  (id: 2, start: 11, end: 17, label: \"country\", text: \"Havana\", score: Some(1.5)),\
                  (id: 3, start: 7, end: 10, label: \"role\", text: \"and\", score: Some(1.0))])";
    let path = std::path::Path::new("corpus/a.ron");
    let loaded =
        newsmark::store::parse_annotations(path, source, "a.txt", &doc, &LabelSchema::default())
            .unwrap();
    assert_eq!(loaded.set.len(), 3, "every span is kept");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "corpus/a.ron: span 1: score NaN is not between 0 and 1; kept as it is",
            "corpus/a.ron: span 2: score 1.5 is not between 0 and 1; kept as it is",
        ]
    );
}

/// A spaCy span with a score outside 0..=1 was imported as it was, and its
/// annotation file then reported it on every load. It is skipped with a
/// message naming the file, line and span, as the extractor protocol does.
#[test]
fn a_spacy_span_scored_outside_zero_to_one_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.jsonl");
    let line = r#"{"text": "Ana met Bo", "spans": [{"start": 0, "end": 3, "label": "PER", "score": 7.5}, {"start": 8, "end": 10, "label": "PER", "score": 1.0}]}"#;
    fs::write(&src, line).unwrap();
    let out = newsmark::formats::read(newsmark::formats::Format::Spacy, &src).unwrap();
    let kept: Vec<_> = out.docs[0].spans.iter().map(|s| s.start).collect();
    assert_eq!(kept, [8]);
    let expected = format!(
        "{}:1: spans[0]: score 7.5 is not between 0 and 1; span skipped",
        src.display()
    );
    assert_eq!(out.problems, [expected]);
}

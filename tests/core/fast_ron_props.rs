//! Property tests of the fast annotation-file reader (`store::read_fast`)
//! against `ron` (`store::read_with_ron`): every file newsmark writes is
//! read by the fast reader to exactly what `ron` reads (every field, by
//! `Debug`, which spells each float exactly), and a written file edited at
//! random (characters deleted, inserted, replaced; fields swapped; comments
//! and whitespace added) is either refused by it or read as `ron` reads it.

#![allow(clippy::unwrap_used)]

use std::cell::Cell;

use crate::common;
use crate::ron_props::{odd_string, raw_span, span_id, spans_over};

use common::props::{config, status, text};
use newsmark::model::{AnnotationSet, Document, Origin, Relation};
use newsmark::store::{read_fast, read_with_ron, text_sha256, to_ron_string_in_context};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// Any score: in and out of 0..=1, huge, tiny, negative, NaN, infinite.
fn any_score() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![crate::ron_props::score(), any::<f64>().prop_map(Some)]
}

/// A relation with any fields (its ends need not exist: the reader does
/// not look).
fn any_relation() -> impl Strategy<Value = Relation> {
    let ends = (span_id(), span_id(), span_id());
    let review = (prop::option::of(odd_string()), any_score(), status());
    (ends, odd_string(), review).prop_map(|((id, from, to), label, (ex, score, status))| Relation {
        origin: ex.map_or(Origin::Manual, Origin::Extractor),
        score,
        status,
        ..Relation::manual(id, &label, from, to)
    })
}

/// A file newsmark writes: spans with context and entity links,
/// relations, orphans (some with candidate places), done or not, a hostile
/// document name.
fn written_file() -> impl Strategy<Value = (String, AnnotationSet)> {
    let relations = prop::collection::vec(any_relation(), 0..4);
    let spans = prop::collection::vec((raw_span(), any_score()), 0..8);
    let orphans = prop::collection::vec(
        (
            raw_span(),
            prop::collection::vec(any::<(usize, usize)>(), 0..3),
        ),
        0..3,
    );
    (
        text(60),
        spans,
        orphans,
        any::<bool>(),
        odd_string(),
        relations,
    )
        .prop_map(|(raw_text, spans, orphans, done, name, relations)| {
            let doc = Document::new(raw_text);
            let (raw, scores): (Vec<_>, Vec<_>) = spans.into_iter().unzip();
            let mut spans = spans_over(&doc, raw);
            for (span, score) in spans.iter_mut().zip(scores) {
                span.score = score;
            }
            let mut set = AnnotationSet::from_spans(spans);
            set.set_done(done);
            for ((x, y, mut orphan), places) in orphans {
                // An older text's offsets and quote.
                orphan.start = x.index(1000);
                orphan.end = orphan.start + y.index(50);
                orphan.text = format!("{}{}", orphan.label, orphan.id);
                let id = orphan.id;
                if set.insert_orphan(orphan) {
                    set.set_orphan_candidates(id, places);
                }
            }
            for relation in relations {
                set.insert_relation(relation);
            }
            let ron = to_ron_string_in_context(&format!("{name}.txt"), &doc, &set);
            (ron, set)
        })
}

/// Whether the fast reader's result is `ron`'s: `Ok(true)` when it read
/// `source`, `Ok(false)` when it refused it, an error when it read it to
/// something else or read what `ron` refuses.
fn agrees_with_ron(source: &str) -> Result<bool, TestCaseError> {
    let Some(fast) = read_fast(source) else {
        return Ok(false);
    };
    let ron = read_with_ron(source)
        .map_err(|e| TestCaseError::fail(format!("ron refuses ({e}), fast reads:\n{source}")))?;
    prop_assert_eq!(format!("{fast:?}"), format!("{ron:?}"), "{}", source);
    Ok(true)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fast_reader_reads_every_written_file_as_ron_does((ron, set) in written_file()) {
        let finite = set.spans().iter().all(|s| s.score.is_none_or(f64::is_finite))
            && set.relations().all(|r| r.score.is_none_or(f64::is_finite));
        // A NaN or infinite score is left to `ron`; everything else is read.
        prop_assert_eq!(agrees_with_ron(&ron)?, finite, "{}", ron);
        let without_context = newsmark::store::to_ron_string("a.txt", &text_sha256(""), &set);
        prop_assert_eq!(agrees_with_ron(&without_context)?, finite, "{}", without_context);
    }
}

/// One random edit of a file.
#[derive(Clone, Debug)]
enum Edit {
    /// Removes up to 3 characters at a place.
    Delete(Index, usize),
    /// Inserts a piece at a place.
    Insert(Index, &'static str),
    /// Replaces the character at a place by another.
    Replace(Index, char),
    /// Swaps two `, `-separated pieces of the text.
    SwapFields(Index, Index),
}

/// What edits insert: RON syntax, escapes, whitespace, comments, digits.
const PIECES: &[&str] = &[
    " ",
    "\n",
    "\t",
    "\r\n",
    "  ",
    "// note\n",
    "/* c */",
    ",",
    ", ",
    "\\",
    "\"",
    "\\u{41}",
    "\\u{0}",
    "\\0",
    "\\x41",
    "\\'",
    "\\\n",
    "0",
    "9",
    "-",
    "e",
    ".",
    "_",
    "+",
    "r#",
    "#",
    "(",
    ")",
    "[",
    "]",
    "a",
    "Some(",
    "None",
    "status: Pending",
    ", entity: \"q\"",
    ", entity_status: Rejected",
    "    relations: [\n        (id: 1, label: \"of\", from: 1, to: 2),\n    ],\n",
    ", origin: Manual",
    ", origin: Annotator(\"ana\")",
    "done: true,\n",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), 1..4usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<Index>(), select(PIECES)).prop_map(|(at, piece)| Edit::Insert(at, piece)),
        (
            any::<Index>(),
            prop_oneof![
                select("0123456789aZ\"\\ ,:()[]".chars().collect::<Vec<_>>()),
                any::<char>()
            ]
        )
            .prop_map(|(at, c)| Edit::Replace(at, c)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapFields(a, b)),
    ]
}

/// `source` with `edit` made.
fn edited(source: &str, edit: &Edit) -> String {
    let starts: Vec<usize> = source
        .char_indices()
        .map(|(at, _)| at)
        .chain([source.len()])
        .collect();
    let place = |at: &Index| starts[at.index(starts.len())];
    let mut out = source.to_owned();
    match edit {
        Edit::Delete(at, n) => {
            let from = at.index(starts.len());
            let to = (from + n).min(starts.len() - 1);
            out.replace_range(starts[from]..starts[to], "");
        }
        Edit::Insert(at, piece) => out.insert_str(place(at), piece),
        Edit::Replace(at, c) => {
            let from = at.index(starts.len() - 1);
            out.replace_range(starts[from]..starts[from + 1], &c.to_string());
        }
        Edit::SwapFields(a, b) => {
            let mut fields: Vec<&str> = source.split(", ").collect();
            let (a, b) = (a.index(fields.len()), b.index(fields.len()));
            fields.swap(a, b);
            out = fields.join(", ");
        }
    }
    out
}

/// Edited files: either refused by the fast reader, or read as `ron`
/// reads them. Both happen often (counted over the run).
#[test]
fn fast_reader_refuses_or_agrees_on_edited_files() {
    let (read, refused) = (Cell::new(0usize), Cell::new(0usize));
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 1024,
        ..config()
    });
    let files = written_file().prop_filter("not empty", |(ron, _)| !ron.is_empty());
    let cases = (files, prop::collection::vec(edit(), 1..4));
    runner
        .run(&cases, |((ron, _), edits)| {
            let source = edits.iter().fold(ron, |source, e| edited(&source, e));
            let counter = if agrees_with_ron(&source)? {
                &read
            } else {
                &refused
            };
            counter.set(counter.get() + 1);
            Ok(())
        })
        .unwrap();
    let (read, refused) = (read.get(), refused.get());
    eprintln!("edited files: {read} read, {refused} refused");
    assert!(
        read >= 60 && refused >= 60,
        "read {read}, refused {refused}"
    );
}

/// A sanity check of the generator: it makes spans whose quotes need every
/// escape the writer makes.
#[test]
fn written_files_hold_every_escape() {
    let mut runner = TestRunner::new(config());
    let mut seen = String::new();
    for _ in 0..200 {
        let (ron, _) = written_file().new_tree(&mut runner).unwrap().current();
        seen.push_str(&ron);
    }
    for escape in [
        "\\\"",
        "\\\\",
        "\\n",
        "\\r",
        "\\t",
        "\\u{0}",
        "\\u{1b}",
        "\\u{85}",
        "candidates: [(",
        "prefix: ",
        "score: Some(",
        "done: true",
    ] {
        assert!(seen.contains(escape), "{escape} never written");
    }
}

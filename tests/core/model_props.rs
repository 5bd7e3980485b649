//! Property tests of the core model, over the text where annotation tools
//! usually break: combining marks, emoji, regional-indicator flags, ZWJ
//! sequences, CRLF, a leading BOM, texts past the 64-character checkpoints.
//!
//! - `Document`: code-point ↔ byte offsets, slices and lines agree with a
//!   brute-force reading of the string.
//! - `AnnotationSet`, `Edit`, `History`: random edit sequences keep the set
//!   sorted with unique ids; every edit's inverse restores the set; undoing
//!   everything gives back the initial set, redoing everything the final one;
//!   `overlapping` equals a brute-force filter.
//! - `model::words`: snapping lands on word and grapheme boundaries and keeps
//!   the words selected; grapheme moves land on the next/previous boundary.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::ops::Range;

use crate::common;
use newsmark::model::words::{next_grapheme, prev_grapheme, snap_to_words};
use newsmark::model::{AnnotationSet, Document, Edit, History, Span, Status};

use common::props::{BOM, char_starts, config, ordered, status, text};
use proptest::prelude::*;
use proptest::sample::Index;
use unicode_segmentation::UnicodeSegmentation as _;

const LABELS: [&str; 4] = ["person", "role", "country", "initiative"];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn char_byte_offsets_agree_with_char_indices(
        raw in text(160),
        pairs in prop::collection::vec((any::<Index>(), any::<Index>()), 1..16),
    ) {
        let doc = Document::new(raw.clone());
        let expected = raw.strip_prefix(BOM).unwrap_or(&raw);
        prop_assert_eq!(doc.had_bom(), raw.starts_with(BOM));
        prop_assert_eq!(doc.text(), expected);
        let starts = char_starts(expected);
        let n = starts.len() - 1;
        prop_assert_eq!(doc.char_len(), n);
        for (i, &b) in starts.iter().enumerate() {
            prop_assert_eq!(doc.byte_of_char(i), Some(b), "byte_of_char({})", i);
            prop_assert_eq!(doc.char_of_byte(b), Some(i), "char_of_byte({})", b);
        }
        prop_assert_eq!(doc.byte_of_char(n + 1), None);
        for b in 0..=expected.len() + 1 {
            if !expected.is_char_boundary(b) {
                prop_assert_eq!(doc.char_of_byte(b), None, "byte {} is inside a char", b);
            }
        }
        let chars: Vec<char> = expected.chars().collect();
        for (x, y) in pairs {
            let (a, b) = ordered(x, y, n);
            let want: String = chars[a..b].iter().collect();
            prop_assert_eq!(doc.slice(a..b), Some(want.as_str()));
            prop_assert_eq!(doc.byte_range(a..b), Some(starts[a]..starts[b]));
            if a < b {
                prop_assert_eq!(doc.slice(Range { start: b, end: a }), None);
            }
            prop_assert_eq!(doc.slice(a..n + 1), None);
        }
    }

    #[test]
    fn lines_exclude_terminators_and_cover_the_text(raw in text(160)) {
        let doc = Document::new(raw);
        let t = doc.text();
        // Reference: split on '\n'; a '\r' right before a '\n' belongs to the
        // terminator. Offsets in code points.
        let pieces: Vec<&str> = t.split('\n').collect();
        let mut expected = Vec::new();
        let mut at = 0;
        for (k, piece) in pieces.iter().enumerate() {
            let len = piece.chars().count();
            let crlf = k + 1 < pieces.len() && piece.ends_with('\r');
            expected.push(at..at + len - usize::from(crlf));
            at += len + 1;
        }
        let lines = doc.lines();
        prop_assert_eq!(&lines, &expected);
        prop_assert_eq!(lines[0].start, 0);
        prop_assert_eq!(lines[lines.len() - 1].end, doc.char_len());
        for pair in lines.windows(2) {
            let gap = doc.slice(pair[0].end..pair[1].start).unwrap();
            prop_assert!(gap == "\n" || gap == "\r\n", "gap {:?}", gap);
        }
        for line in &lines {
            prop_assert!(!doc.slice(line.clone()).unwrap().contains('\n'));
        }
    }
}

#[test]
fn checkpoint_boundaries_with_wide_chars() {
    // Multi-code-point clusters straddling characters 63/64 and 127/128.
    let (x, e, y) = ("x".repeat(62), "é".repeat(61), "y".repeat(70));
    let text = format!("{x}👩\u{200d}💻{e}🇨🇺e\u{301}{y}");
    let doc = Document::new(text.clone());
    let starts = char_starts(&text);
    for (i, &b) in starts.iter().enumerate() {
        assert_eq!(doc.byte_of_char(i), Some(b), "char {i}");
        assert_eq!(doc.char_of_byte(b), Some(i), "byte {b}");
    }
    assert_eq!(doc.slice(62..65), Some("👩\u{200d}💻"));
    assert_eq!(doc.slice(126..128), Some("🇨🇺"));
}

// ---------------------------------------------------------------------------
// Annotation set, edits and history.

/// An edit described independently of the set it will apply to.
#[derive(Clone, Debug)]
enum Op {
    /// Add (start, len, label) with `next_id()`, or with the given id if free.
    Add(usize, usize, usize, Option<u64>),
    Remove(Index),
    /// Replace a span: new label, maybe new (start, len), new status.
    Change(Index, usize, Option<(usize, usize)>, Status),
    Batch(Vec<Op>),
    /// Invalid: add a span whose id is taken (`true`), or remove a span that
    /// is not there as given (`false`).
    Bad(Index, bool),
    /// Valid edits followed by an invalid one: must be rejected as a whole.
    FailingBatch(Vec<Op>),
}

fn simple_op() -> impl Strategy<Value = Op> {
    let at = prop::option::of((0..50usize, 1..30usize));
    prop_oneof![
        3 => (0..50usize, 1..30usize, 0..4usize, prop::option::of(100..10_000u64))
            .prop_map(|(s, len, l, id)| Op::Add(s, len, l, id)),
        2 => any::<Index>().prop_map(Op::Remove),
        3 => (any::<Index>(), 0..4usize, at, status()).prop_map(|(i, l, at, st)| Op::Change(i, l, at, st)),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(i, add)| Op::Bad(i, add)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => simple_op(),
        1 => prop::collection::vec(simple_op(), 0..6).prop_map(Op::Batch),
        1 => prop::collection::vec(simple_op(), 0..4).prop_map(Op::FailingBatch),
    ]
}

fn pick(set: &AnnotationSet, i: &Index) -> Option<Span> {
    (!set.is_empty()).then(|| set.spans()[i.index(set.len())].clone())
}

/// Turns an op into a concrete edit against `set`, and whether it should
/// apply. `None` when the op needs a span and the set is empty.
fn concretize(set: &AnnotationSet, op: &Op) -> Option<(Edit, bool)> {
    let edit = match op {
        Op::Add(start, len, label, id) => {
            let id = id.filter(|id| set.get(*id).is_none());
            let id = id.unwrap_or(set.next_id());
            Edit::Add(Span::manual(id, *start, start + len, LABELS[*label], "q"))
        }
        Op::Remove(i) => Edit::Remove(pick(set, i)?),
        Op::Change(i, label, at, status) => {
            let before = pick(set, i)?;
            let mut after = before.clone();
            after.label = LABELS[*label].to_owned();
            if let Some((start, len)) = at {
                (after.start, after.end) = (*start, start + len);
            }
            after.status = *status;
            Edit::Replace { before, after }
        }
        Op::Bad(i, add) => {
            let mut span = pick(set, i)?;
            span.end += 1;
            return Some((
                if *add {
                    Edit::Add(span)
                } else {
                    Edit::Remove(span)
                },
                false,
            ));
        }
        Op::Batch(ops) | Op::FailingBatch(ops) => {
            let mut scratch = set.clone();
            let mut edits = Vec::new();
            for sub in ops {
                if let Some((e, true)) = concretize(&scratch, sub) {
                    scratch.apply(&e).unwrap();
                    edits.push(e);
                }
            }
            if let Op::FailingBatch(_) = op {
                let bad = match scratch.spans().first() {
                    Some(s) => Edit::Add(s.clone()),
                    None => Edit::Remove(Span::manual(424_242, 0, 1, "person", "x")),
                };
                edits.push(bad);
                return Some((Edit::Batch(edits), false));
            }
            Edit::Batch(edits)
        }
    };
    Some((edit, true))
}

fn check_invariants(set: &AnnotationSet) -> Result<(), TestCaseError> {
    let spans = set.spans();
    prop_assert_eq!(set.len(), spans.len());
    for (a, b) in spans.iter().zip(spans.iter().skip(1)) {
        prop_assert!(a.sort_key() < b.sort_key(), "{:?} {:?}", a, b);
    }
    let ids: HashSet<_> = spans.iter().map(|s| s.id).collect();
    prop_assert_eq!(ids.len(), spans.len(), "duplicate ids");
    for (i, s) in spans.iter().enumerate() {
        prop_assert!(s.id < set.next_id(), "next_id too low");
        prop_assert_eq!(set.get(s.id), Some(s));
        prop_assert_eq!(set.index_of(s.id), Some(i));
    }
    Ok(())
}

fn check_overlapping(set: &AnnotationSet, ranges: &[(usize, usize)]) -> Result<(), TestCaseError> {
    for &(start, len) in ranges {
        let r = start..start + len;
        let want: Vec<(usize, &Span)> = set
            .spans()
            .iter()
            .enumerate()
            .filter(|(_, s)| (s.start..s.end).any(|p| r.contains(&p)))
            .collect();
        let got: Vec<(usize, &Span)> = set.overlapping_indexed(r.clone()).collect();
        prop_assert_eq!(&got, &want, "overlapping({:?})", r);
        prop_assert_eq!(set.overlapping(r).count(), want.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn edits_undo_and_redo_exactly(
        initial in prop::collection::vec((0..50usize, 1..30usize, 0..4usize, status()), 0..12),
        ops in prop::collection::vec(op(), 0..40),
        ranges in prop::collection::vec((0..80usize, 1..20usize), 6),
    ) {
        let initial = AnnotationSet::from_spans(initial.into_iter().enumerate().map(|(k, (start, len, l, st))| {
            Span { status: st, ..Span::manual(3 * k as u64 + 1, start, start + len, LABELS[l], "q") }
        }).collect());
        check_invariants(&initial)?;
        let mut set = initial.clone();
        let mut history = History::new();
        let mut states = vec![(set.clone(), history.state())];
        for op in &ops {
            let Some((edit, valid)) = concretize(&set, op) else { continue };
            if valid {
                let mut copy = set.clone();
                copy.apply(&edit).unwrap();
                check_invariants(&copy)?;
                copy.apply(&edit.inverse()).unwrap();
                prop_assert_eq!(&copy, &set, "inverse of {:?}", edit);
                history.perform(&mut set, edit).unwrap();
                states.push((set.clone(), history.state()));
            } else {
                let before = set.clone();
                prop_assert!(history.perform(&mut set, edit.clone()).is_err(), "{:?}", edit);
                prop_assert_eq!(&set, &before, "a rejected edit changed the set");
                prop_assert_eq!(history.state(), states[states.len() - 1].1);
            }
            check_invariants(&set)?;
            check_overlapping(&set, &ranges)?;
        }
        let last = states.len() - 1;
        let (final_set, final_state) = states[last].clone();
        for (want, state) in states[..last].iter().rev() {
            prop_assert!(history.undo(&mut set).is_some());
            check_invariants(&set)?;
            prop_assert_eq!(&set, want);
            prop_assert_eq!(history.state(), *state);
        }
        prop_assert!(history.undo(&mut set).is_none());
        prop_assert_eq!(set.spans(), initial.spans());
        prop_assert_eq!(&set, &initial);
        check_overlapping(&set, &ranges)?;
        for (want, state) in &states[1..] {
            prop_assert!(history.redo(&mut set).is_some());
            prop_assert_eq!(&set, want);
            prop_assert_eq!(history.state(), *state);
        }
        prop_assert!(history.redo(&mut set).is_none());
        prop_assert_eq!(&set, &final_set);
        prop_assert_eq!(history.state(), final_state);
    }
}

// ---------------------------------------------------------------------------
// Words and graphemes.

/// UAX #29 word segments of the whole text as code-point ranges, with whether
/// each is a word (holds a letter or digit).
fn word_segments(t: &str) -> Vec<(Range<usize>, bool)> {
    let mut at = 0;
    t.split_word_bounds()
        .map(|seg| {
            let n = seg.chars().count();
            at += n;
            (at - n..at, seg.chars().any(char::is_alphanumeric))
        })
        .collect()
}

/// Extended grapheme cluster boundaries as code-point offsets, 0 and the end
/// included.
fn grapheme_bounds(t: &str) -> Vec<usize> {
    let mut at = 0;
    let mut bounds = vec![0];
    for g in t.graphemes(true) {
        at += g.chars().count();
        bounds.push(at);
    }
    bounds
}

fn segment_at(segs: &[(Range<usize>, bool)], pos: usize) -> Option<&(Range<usize>, bool)> {
    segs.iter().find(|(r, _)| r.contains(&pos))
}

proptest! {
    #![proptest_config(config())]

    // Texts stay under the 200-code-point window of `model::words`.
    #[test]
    fn snapping_keeps_words_and_whole_graphemes(raw in text(45), x in any::<Index>(), y in any::<Index>()) {
        let doc = Document::new(raw);
        let n = doc.char_len();
        let segs = word_segments(doc.text());
        let graphemes = grapheme_bounds(doc.text());
        let (a, b) = ordered(x, y, n);
        let got = snap_to_words(&doc, a..b);
        // A possessive ’s / 's ending a word is left out unless the
        // selection reaches into it.
        let possessive_cut = |seg: &Range<usize>| -> Option<usize> {
            let text = doc.slice(seg.clone())?;
            ["\u{2019}s", "'s", "\u{2019}S", "'S"].iter().find_map(|suffix| {
                let stem = text.strip_suffix(suffix)?;
                Some(seg.start + stem.chars().count()).filter(|&cut| cut > seg.start)
            })
        };
        if a == b {
            let want = segment_at(&segs, a).filter(|(_, w)| *w).map(|(r, _)| {
                match possessive_cut(r) {
                    Some(cut) if cut > a => r.start..cut,
                    _ => r.clone(),
                }
            });
            prop_assert_eq!(got, want);
            return Ok(());
        }
        let in_word: Vec<usize> = (a..b).filter(|&p| segment_at(&segs, p).is_some_and(|s| s.1)).collect();
        let Some(r) = got else {
            prop_assert!(in_word.is_empty(), "None, but {:?} holds word chars {:?}", a..b, in_word);
            return Ok(());
        };
        prop_assert!(!in_word.is_empty(), "{:?} holds no word but snapped to {:?}", a..b, r);
        prop_assert!(r.start < r.end);
        prop_assert!(graphemes.contains(&r.start) && graphemes.contains(&r.end), "{:?} splits a grapheme", r);
        let first = segs.iter().find(|(s, _)| s.start == r.start);
        let last = segs
            .iter()
            .find(|(s, w)| *w && (s.end == r.end || possessive_cut(s) == Some(r.end)));
        prop_assert!(first.is_some_and(|s| s.1), "{:?} does not start a word", r);
        prop_assert!(last.is_some(), "{:?} does not end a word (or before its possessive)", r);
        // Every selected word character is kept …
        prop_assert!(r.start <= in_word[0] && in_word[in_word.len() - 1] < r.end);
        // … and the range grows only to the edges of the words touched.
        let lo = segment_at(&segs, a).map_or(a, |s| s.0.start);
        let hi = segment_at(&segs, b - 1).map_or(b, |s| s.0.end);
        prop_assert!(lo <= r.start && r.end <= hi, "{:?} grew past {:?}", r, lo..hi);
    }

    #[test]
    fn grapheme_moves_land_on_the_adjacent_boundary(raw in text(100)) {
        let doc = Document::new(raw);
        let n = doc.char_len();
        let bounds = grapheme_bounds(doc.text());
        for pos in 0..=n + 1 {
            let want_next = bounds.iter().copied().find(|&b| b > pos).unwrap_or(n);
            prop_assert_eq!(next_grapheme(&doc, pos), want_next, "next_grapheme({})", pos);
            let want_prev = if pos > n { n } else { bounds.iter().copied().rev().find(|&b| b < pos).unwrap_or(0) };
            prop_assert_eq!(prev_grapheme(&doc, pos), want_prev, "prev_grapheme({})", pos);
        }
    }
}

#[test]
fn snapping_trims_punctuation_but_keeps_inner_marks() {
    let doc = Document::new("Minister Issa Zarepour said. “Zoe\u{308}” 🇨🇺 Cuba.");
    assert_eq!(
        snap_to_words(&doc, 22..28),
        Some(23..27),
        "\" said.\" → said"
    );
    assert_eq!(snap_to_words(&doc, 28..36), Some(30..34), "“Zoë” → Zoë");
    assert_eq!(
        snap_to_words(&doc, 37..43),
        Some(39..43),
        "half a flag and Cuba"
    );
    assert_eq!(snap_to_words(&doc, 36..39), None, "a flag is not a word");
}

//! Where a span not anchored is looked for: its frame between the anchors
//! around it, the exact occurrences of its quote there, and the best fuzzy
//! match near its expected places.

use super::anchors::Anchor;
use super::index::Index;
use super::{Context, FUZZY_MAX_LEN, FUZZY_MIN_LEN, MAX_CANDIDATES, SLACK, fuzzy, offset};
use crate::model::{Document, Span};

/// Where a span not anchored may start (`lo..=hi`), and where it is
/// expected.
#[derive(Clone, Debug)]
pub(super) struct Frame {
    pub(super) lo: usize,
    pub(super) hi: usize,
    pub(super) expected: Vec<usize>,
    /// Anchors on both sides: the range is tight.
    pub(super) both_sides: bool,
}

impl Frame {
    pub(super) fn new(chain: &[Anchor], old: usize, len: usize) -> Self {
        let before = chain[..chain.partition_point(|a| a.old <= old)].last();
        // The text's start is only ever before a span.
        let after = chain[chain.partition_point(|a| a.old < old)..]
            .iter()
            .find(|a| a.item.is_some());
        // Moved as an anchor was; not before the text (a stretch deleted
        // before that anchor took the span with it).
        let shifted = |a: &Anchor| {
            let at = usize::try_from(offset(old).saturating_add(a.shift())).ok()?;
            Some(at.min(len))
        };
        let mut expected: Vec<usize> = [before, after]
            .into_iter()
            .flatten()
            .filter_map(shifted)
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let (Some(&first), Some(&last)) = (expected.first(), expected.last()) else {
            let expected = vec![old.min(len)];
            return Self {
                lo: 0,
                hi: len,
                expected,
                both_sides: false,
            };
        };
        let (lo, hi) = (before.map_or(0, |a| a.new), after.map_or(len, |a| a.new));
        if before.is_some() && after.is_some() {
            let (lo, hi) = (lo.max(first.saturating_sub(SLACK)), hi.min(last + SLACK));
            Self {
                lo,
                hi,
                expected,
                both_sides: true,
            }
        } else {
            Self {
                lo,
                hi,
                expected,
                both_sides: false,
            }
        }
    }

    /// How far `start` is from the nearest expected place.
    pub(super) fn distance(&self, start: usize) -> usize {
        self.expected
            .iter()
            .map(|&e| e.abs_diff(start))
            .min()
            .unwrap_or(0)
    }
}

/// An exact occurrence of a span's quote where it may start.
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    pub(super) start: usize,
    pub(super) distance: usize,
}

/// The occurrences of a span's quote in its frame.
#[derive(Clone, Debug)]
pub(super) struct Candidates {
    /// The nearest few to an expected place (then to the old start), first
    /// first; away from the expected places, only whole words.
    pub(super) list: Vec<Candidate>,
    /// How many occurrences the frame holds.
    pub(super) total: usize,
}

pub(super) fn candidates(
    doc: &Document,
    index: &Index<'_>,
    span: &Span,
    frame: &Frame,
) -> Candidates {
    let len = span.text.chars().count();
    let all = index.within(doc, &span.text, frame.lo, frame.hi);
    let mut near: Vec<usize> = Vec::new();
    for &e in &frame.expected {
        let k = all.partition_point(|&x| x < e);
        let from = k.saturating_sub(MAX_CANDIDATES);
        near.extend_from_slice(&all[from..(k + MAX_CANDIDATES).min(all.len())]);
    }
    near.sort_unstable();
    near.dedup();
    let mut list: Vec<Candidate> = near
        .into_iter()
        .map(|start| Candidate {
            start,
            distance: frame.distance(start),
        })
        .filter(|c| c.distance == 0 || fuzzy::aligned(doc, c.start, c.start + len, &span.text))
        .collect();
    list.sort_by_key(|c| (c.distance, c.start.abs_diff(span.start), c.start));
    list.truncate(MAX_CANDIDATES);
    Candidates {
        list,
        total: all.len(),
    }
}

/// The best fuzzy placement of `span` in its frame, if one is good enough.
/// A changed span keeps one end where it is expected (the edit was inside
/// it, or beyond its other end), and its length within 0.8–1.25 times the
/// quote's (the threshold), so only starts from a quarter of its length
/// before an expected place to a fifth after it are tried.
pub(super) fn fuzzy_place(
    doc: &Document,
    span: &Span,
    context: &Context,
    frame: &Frame,
) -> Option<(usize, usize)> {
    let len = span.text.chars().count();
    if !(FUZZY_MIN_LEN..=FUZZY_MAX_LEN).contains(&len) || frame.lo > frame.hi {
        return None;
    }
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for &e in &frame.expected {
        let (a, b) = (e.saturating_sub(len / 4 + 1).max(frame.lo), e + len / 5 + 1);
        match windows.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => windows.push((a, b)),
        }
    }
    fuzzy::best_match(doc, &span.text, context, &windows, frame)
}

//! The anchors of re-anchoring: spans placed by their quote alone, which
//! place the others.

use std::collections::{HashMap, HashSet};

use super::index::Index;
use super::{Context, Frame, Owner, Places, SLACK, candidates, offset};
use crate::model::{Document, Span};

/// A span placed by its quote alone, guiding the others; or the text's
/// start, which no edit moves (`item` `None`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Anchor {
    pub(super) item: Option<usize>,
    pub(super) old: usize,
    pub(super) new: usize,
    pub(super) len: usize,
    kind: Kind,
}

/// Why an anchor is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The text's start.
    Start,
    /// Its quote occurs once.
    Unique,
    /// Its quote occurs several times, but once with its stored context.
    InContext,
    /// Its quote is at its old offsets.
    Stayed,
    /// Its stretch's spans agree on its shift.
    Agreed,
}

impl Anchor {
    /// How far the anchor moved.
    pub(super) fn shift(&self) -> i64 {
        offset(self.new) - offset(self.old)
    }
}

/// The anchors: the text's start and the confirmed heaviest
/// order-preserving chain of candidates, to which shifts agreed on in a
/// stretch between anchors add (up to three rounds).
pub(super) fn anchors(
    doc: &Document,
    spans: &[Span],
    index: &Index<'_>,
    contexts: &[Context],
) -> Vec<Anchor> {
    let mut candidates = Vec::new();
    for (i, span) in spans.iter().enumerate().filter(|(_, s)| !s.text.is_empty()) {
        let context = contexts.get(i).filter(|c| !c.is_empty());
        let len = span.text.chars().count();
        // With a stored context, a place neither side of it is around is
        // another mention of the name, not the span's.
        let supported = |at: usize| context.is_none_or(|c| c.supports(doc, at, at + len));
        let at_old = doc.slice(span.start..span.end) == Some(span.text.as_str());
        let in_context = || in_context(doc, index, span, context?);
        let (new, kind) = match index.unique(doc, &span.text) {
            Some(new) if !index.repeated[i] && supported(new) => (new, Kind::Unique),
            Some(_) if !index.repeated[i] => continue,
            _ => match in_context() {
                Some(new) => (new, Kind::InContext),
                // Kept at its offsets only if nothing says it went: with a
                // context, the quote there must be the one it surrounds best
                // (a copy of the name inserted just before it took its
                // offsets).
                None if at_old && context.is_none() => (span.start, Kind::Stayed),
                None => continue,
            },
        };
        let (item, old, len) = (Some(i), span.start, span.text.chars().count());
        candidates.push(Anchor {
            item,
            old,
            new,
            len,
            kind,
        });
    }
    let build = |candidates: &[Anchor]| {
        let start = Anchor {
            item: None,
            old: 0,
            new: 0,
            len: 0,
            kind: Kind::Start,
        };
        confirmed(
            [start]
                .into_iter()
                .chain(longest_chain(candidates.to_vec()))
                .collect(),
        )
    };
    let mut chain = build(&candidates);
    for _ in 0..3 {
        let agreed = consensus(doc, spans, index, &chain);
        if agreed.is_empty() {
            break;
        }
        candidates.retain(|c| agreed.iter().all(|a| a.item != c.item));
        candidates.extend(agreed);
        chain = build(&candidates);
    }
    chain
}

/// How many occurrences of a quote on each side of its old start are
/// looked at for its stored context.
const CONTEXT_CANDIDATES: usize = 64;

/// The start of the occurrence of `span`'s quote, among the
/// [`CONTEXT_CANDIDATES`] nearest its old start on each side, that its
/// stored `context` picks ([`Context::placed_among`]), if it picks one.
fn in_context(doc: &Document, index: &Index<'_>, span: &Span, context: &Context) -> Option<usize> {
    let len = span.text.chars().count();
    let all = index.within(doc, &span.text, 0, doc.char_len());
    let k = all.partition_point(|&x| x < span.start);
    let near = &all[k.saturating_sub(CONTEXT_CANDIDATES)..(k + CONTEXT_CANDIDATES).min(all.len())];
    context.placed_among(doc, near, len)
}

/// In each stretch between two anchors (or after the last), among the spans
/// not found where the anchors expect them, the shift the most agree on (an
/// occurrence of their quote is there, held by no other span), if at least
/// two do and twice as many as on any other: those spans, as anchors.
fn consensus(doc: &Document, spans: &[Span], index: &Index<'_>, chain: &[Anchor]) -> Vec<Anchor> {
    let anchored: HashSet<usize> = chain.iter().filter_map(|a| a.item).collect();
    // Occurrences held or explained by another span do not vote.
    let mut places = Places::new(spans, index, chain, doc.char_len());
    for a in chain {
        if let Some(i) = a.item {
            places.put(i, a.new, a.len);
        }
    }
    // (stretch, shift) → the spans with an occurrence there.
    let mut votes: HashMap<(usize, i64), Vec<(usize, usize)>> = HashMap::new();
    for (i, span) in spans.iter().enumerate() {
        if anchored.contains(&i) || span.text.is_empty() {
            continue;
        }
        let stretch = chain.partition_point(|a| a.old <= span.start);
        let frame = Frame::new(chain, span.start, doc.char_len());
        let mut list = candidates(doc, index, span, &frame).list;
        list.retain(|c| matches!(places.owner(c.start, span), Owner::Free));
        // A span found where its anchors expect it needs no vote, nor gives
        // one.
        if list.first().is_some_and(|c| c.distance == 0) {
            continue;
        }
        for c in list {
            let shift = offset(c.start) - offset(span.start);
            votes
                .entry((stretch, shift))
                .or_default()
                .push((i, c.start));
        }
    }
    // Support: distinct old starts (spans over the same text count once).
    let support = |voters: &[(usize, usize)]| {
        voters
            .iter()
            .map(|&(i, _)| spans[i].start)
            .collect::<HashSet<_>>()
            .len()
    };
    let mut best: HashMap<usize, (usize, usize, i64)> = HashMap::new();
    for (&(stretch, shift), voters) in &votes {
        let n = support(voters);
        let entry = best.entry(stretch).or_insert((0, 0, 0));
        if n > entry.0 || (n == entry.0 && shift.abs() < entry.2.abs()) {
            *entry = (n, entry.0.max(entry.1), shift);
        } else {
            entry.1 = entry.1.max(n);
        }
    }
    let mut agreed = Vec::new();
    for (stretch, (n, second, shift)) in best {
        if n >= 2 && n >= 2 * second {
            for &(i, new) in &votes[&(stretch, shift)] {
                let (old, len) = (spans[i].start, spans[i].text.chars().count());
                agreed.push(Anchor {
                    item: Some(i),
                    old,
                    new,
                    len,
                    kind: Kind::Agreed,
                });
            }
        }
    }
    agreed
}

/// The heaviest chain of anchors in the same order in the old and the new
/// text (anchors by a unique quote weigh more), in O(n log n).
fn longest_chain(mut cands: Vec<Anchor>) -> Vec<Anchor> {
    cands.sort_by_key(|a| (a.old, a.new));
    let mut news: Vec<usize> = cands.iter().map(|a| a.new).collect();
    news.sort_unstable();
    news.dedup();
    // A Fenwick tree of the best (weight, index) of chains ending at or
    // before each new offset.
    let mut tree = vec![(0u64, usize::MAX); news.len() + 1];
    let mut prev = vec![usize::MAX; cands.len()];
    let mut best = (0u64, usize::MAX);
    for (k, a) in cands.iter().enumerate() {
        let rank = news.partition_point(|&x| x <= a.new);
        let mut at = (0u64, usize::MAX);
        let mut i = rank;
        while i > 0 {
            at = at.max(tree[i]);
            i &= i - 1;
        }
        let strong = matches!(a.kind, Kind::Unique | Kind::InContext);
        let here = (at.0 + if strong { 2 } else { 1 }, k);
        prev[k] = at.1;
        best = best.max(here);
        let mut i = rank;
        while i < tree.len() {
            tree[i] = tree[i].max(here);
            i += i & i.wrapping_neg();
        }
    }
    let mut chain = Vec::new();
    let mut k = best.1;
    while let Some(a) = cands.get(k) {
        chain.push(*a);
        k = prev[k];
    }
    chain.reverse();
    chain
}

/// Drops anchors at their old offsets beside an anchor that moved (once:
/// one beside an edit may sit there by chance, but dropping it must not
/// expose the next one), then, until none is left, other anchors whose
/// shift is not within [`SLACK`] of a neighbour's (a copy of the quote
/// pasted beside an edit).
fn confirmed(mut chain: Vec<Anchor>) -> Vec<Anchor> {
    let stays = |a: Option<&Anchor>| a.is_none_or(|a| a.shift() == 0);
    let keep: Vec<bool> = (0..chain.len())
        .map(|j| {
            let before = j.checked_sub(1).and_then(|p| chain.get(p));
            chain[j].kind != Kind::Stayed || (stays(before) && stays(chain.get(j + 1)))
        })
        .collect();
    let mut keep = keep.into_iter();
    chain.retain(|_| keep.next().unwrap_or(true));
    loop {
        let slack = offset(SLACK);
        let keep: Vec<bool> = (0..chain.len())
            .map(|j| {
                let d = chain[j].shift();
                let before = j.checked_sub(1).map(|p| chain[p].shift());
                match (before, chain.get(j + 1).map(Anchor::shift)) {
                    _ if matches!(chain[j].kind, Kind::Start | Kind::Stayed) => true,
                    (Some(b), Some(a)) => (d - b).abs() <= slack || (d - a).abs() <= slack,
                    _ => true,
                }
            })
            .collect();
        if keep.iter().all(|&k| k) {
            return chain;
        }
        let mut keep = keep.into_iter();
        chain.retain(|_| keep.next().unwrap_or(true));
    }
}

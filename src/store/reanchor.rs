//! Re-anchoring: finding where each span's quote went when the article's text
//! changed after it was annotated.
//!
//! The file stores each span's old offsets and quote, but neither the old
//! text nor any context around the quote, so the spans are placed together,
//! each helping to place the others. A span placed in the wrong place is
//! worse than one left unplaced, so every doubtful case ends as an orphan.
//!
//! 0. **Line ends.** If converting the offsets and quotes from LF to CRLF
//!    (or back) puts more quotes in place than the stored offsets do, the
//!    text is taken to have been converted, and the spans are mapped first.
//! 1. **Anchors.** A span whose quote occurs exactly once in the new text
//!    (and is not known to have occurred twice in the old one: no other
//!    span's quote held it at another place) is a strong anchor there; a
//!    span whose quote still sits at its stored offsets is a weak one. The
//!    anchors kept are the heaviest chain in the same order in the old and
//!    the new text (a weighted longest increasing subsequence), after the
//!    text's start (which no edit moves), less weak anchors beside an anchor
//!    that moved (a repeated word may sit at its old offsets by chance next
//!    to an edit) and strong anchors whose shift is not within [`SLACK`] of
//!    a neighbour's (a copy of the quote pasted beside an edit). Then, in
//!    each stretch between two anchors, a shift shared by the quotes of at
//!    least two spans, and by at least twice as many as any other shift,
//!    anchors those spans too (an article whose every quote is repeated).
//! 2. **Exact.** A span not anchored looks for its quote between the anchors
//!    before and after it. Untouched by the edits, it moved exactly as one of
//!    them did, so its expected places are its old start shifted as the
//!    anchor before it was and as the one after it was. An occurrence there
//!    is taken, unless two are (a pasted copy) or another occurrence of the
//!    quote from another old place is expected there too (neither is then
//!    placed). Otherwise, between two anchors, the occurrence nearest an
//!    expected place is taken if it lies within [`SLACK`] of the range they
//!    span and is clearly nearer than any other; after the last anchor,
//!    only the one occurrence there is. An occurrence inside another placed
//!    span's quote that held this one in the old text belongs to that span
//!    (`Müller` inside `José Müller`).
//! 3. **Fuzzy.** With no occurrence left, the substring of the new text,
//!    starting in the same range (cut to ±(20 × quote length + 2,000) code
//!    points around the expected places), with the highest normalised
//!    Levenshtein similarity to the quote (1 − distance / longer length, in
//!    code points), if it reaches [`FUZZY_THRESHOLD`], starts or ends at an
//!    expected place, starts and ends on word boundaries where the quote
//!    does, and does not contain the quote. The span's quote becomes that
//!    text. Quotes shorter than [`FUZZY_MIN_LEN`] are only placed exactly.
//! 4. **Orphan.** Otherwise the span is returned unplaced, never dropped.
//!
//! Cost: one Aho–Corasick pass over the text for all quotes, then per span
//! binary searches in its quote's occurrences and a fuzzy search in bounded
//! windows (O(quote length × window)); nothing is quadratic in the text.

mod fuzzy;
mod index;
mod newlines;

use std::collections::{HashMap, HashSet};

use self::index::Index;
use crate::model::{Document, Span};

/// The lowest similarity (1 − Levenshtein distance / longer length) at which
/// a changed quote is accepted. 0.8 allows one edit in five characters.
pub const FUZZY_THRESHOLD: f64 = 0.8;

/// Quotes shorter than this (in code points) are never matched fuzzily: one
/// edit in a short name makes another name (`Iran`, `Iraq`).
pub const FUZZY_MIN_LEN: usize = 5;

/// How far (code points) beyond the range its anchors allow, a span may be
/// found: room for several edits of opposite sign between two anchors.
pub const SLACK: usize = 16;

/// At most this many exact candidates are weighed per span.
const MAX_CANDIDATES: usize = 32;

/// How a span was placed on the new text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum How {
    /// At its stored offsets.
    Stayed,
    /// The same quote, at other offsets.
    Moved,
    /// On different text; the span's quote was replaced by it.
    Fuzzy {
        /// Normalised Levenshtein similarity of the new quote with the old
        /// one: at least [`FUZZY_THRESHOLD`], unless only its line ends
        /// changed (LF ↔ CRLF).
        similarity: f64,
    },
}

/// What [`reanchor`] did with the spans.
#[derive(Clone, Debug, Default)]
pub struct ReanchorOutcome {
    /// The spans placed, with their new offsets (and quote, when fuzzy), in
    /// the order given.
    pub placed: Vec<(Span, How)>,
    /// The spans that could not be placed, unchanged, in the order given.
    pub orphans: Vec<Span>,
}

/// Places `spans` (offsets and quotes from an annotation file) on `doc`, a
/// text that may have changed since; see the module documentation for how.
/// Every span comes back, placed or orphaned. On the text the spans were
/// made on, every span stays.
pub fn reanchor(doc: &Document, spans: Vec<Span>) -> ReanchorOutcome {
    let converted: Option<Vec<Span>> = newlines::Conversion::detect(doc, &spans)
        .map(|conversion| spans.iter().map(|s| conversion.apply(s)).collect());
    let places = place(doc, converted.as_deref().unwrap_or(&spans));
    let mut outcome = ReanchorOutcome::default();
    for (mut span, place) in spans.into_iter().zip(places) {
        let Some((start, end, text)) = place.and_then(|(a, b)| Some((a, b, doc.slice(a..b)?)))
        else {
            outcome.orphans.push(span);
            continue;
        };
        let how = if text != span.text {
            let similarity = fuzzy::similarity(&span.text, text);
            span.text = text.to_owned();
            How::Fuzzy { similarity }
        } else if start == span.start && end == span.end {
            How::Stayed
        } else {
            How::Moved
        };
        span.start = start;
        span.end = end;
        outcome.placed.push((span, how));
    }
    outcome
}

/// Where each span goes on `doc` (`None`: an orphan).
fn place(doc: &Document, spans: &[Span]) -> Vec<Option<(usize, usize)>> {
    let index = Index::new(doc, spans);
    let chain = anchors(doc, spans, &index);
    let mut places = Places::new(spans, &index, &chain, doc.char_len());
    for a in &chain {
        if let Some(i) = a.item {
            places.put(i, a.new, a.len);
        }
    }
    // The spans with the best candidate first, so a span whose quote is
    // where it is expected is not beaten to it by one whose text went.
    let mut pending: Vec<(usize, Frame, Candidates)> = (0..spans.len())
        .filter(|&i| places.placed[i].is_none() && !spans[i].text.is_empty())
        .map(|i| {
            let frame = Frame::new(&chain, spans[i].start, doc.char_len());
            let candidates = candidates(doc, &index, &spans[i], &frame);
            (i, frame, candidates)
        })
        .collect();
    pending.sort_by_key(|(i, _, c)| (c.list.first().map_or(usize::MAX, |c| c.distance), *i));
    for (i, frame, candidates) in &pending {
        let span = &spans[*i];
        let mut free = Vec::new();
        let mut rival = None;
        let mut doubt = false;
        for c in &candidates.list {
            match places.owner(c.start, span) {
                Owner::Free => free.push(c),
                Owner::Rival(j) if c.distance == 0 => rival = Some((c.start, j)),
                Owner::Explained if c.distance == 0 => doubt = true,
                Owner::Rival(_) | Owner::Other | Owner::Explained => {}
            }
        }
        // Expected where another occurrence of the quote (another span's,
        // from another old place) is expected too: which of the two is
        // there cannot be told.
        if let Some((start, j)) = rival {
            places.contest(start, span, j);
            continue;
        }
        if doubt {
            continue;
        }
        let expected = free.iter().filter(|c| c.distance == 0).count();
        let clear = match free[..] {
            [best, ..] if best.distance == 0 => expected == 1,
            [best, ref rest @ ..] if frame.both_sides => rest
                .first()
                .is_none_or(|next| next.distance >= 2 * best.distance + SLACK),
            [_] => candidates.total == 1,
            _ => false,
        };
        if let (true, Some(best)) = (clear, free.first()) {
            places.put(*i, best.start, span.text.chars().count());
        } else if free.is_empty()
            && let Some((start, end)) = fuzzy(doc, span, frame)
        {
            places.placed[*i] = Some((start, end));
        }
    }
    places.placed
}

/// Who holds an occurrence of a span's quote.
enum Owner {
    /// Nobody, or the same old occurrence (a span with the same range).
    Free,
    /// A span with the same quote from another old place.
    Rival(usize),
    /// A span whose quote held it at another old place.
    Other,
    /// Nobody, but another known old occurrence of the quote is expected
    /// there.
    Explained,
}

/// The placements so far, and who holds each occurrence of a quote.
struct Places<'a> {
    spans: &'a [Span],
    index: &'a Index<'a>,
    /// (new start, quote) → the known old occurrences of the quote expected
    /// there.
    expected: HashMap<(usize, &'a str), Vec<usize>>,
    placed: Vec<Option<(usize, usize)>>,
    /// (new start, quote) → (old start, the span placed there, whether it is
    /// that span's own quote or one inside it).
    owners: HashMap<(usize, &'a str), (usize, usize, bool)>,
    /// Occurrences two spans were expected at; nobody gets them.
    contested: HashSet<(usize, &'a str)>,
}

impl<'a> Places<'a> {
    fn new(spans: &'a [Span], index: &'a Index<'a>, chain: &[Anchor], len: usize) -> Self {
        let mut expected: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
        for (&quote, olds) in &index.seen {
            for &old in olds {
                for new in Frame::new(chain, old, len).expected {
                    expected.entry((new, quote)).or_default().push(old);
                }
            }
        }
        Self {
            spans,
            index,
            expected,
            placed: vec![None; spans.len()],
            owners: HashMap::new(),
            contested: HashSet::new(),
        }
    }

    /// Places span `i` at `start`, holding its quote and those inside it.
    fn put(&mut self, i: usize, start: usize, len: usize) {
        let span = &self.spans[i];
        self.placed[i] = Some((start, start + len));
        for &(k, q) in self
            .index
            .inner
            .get(span.text.as_str())
            .into_iter()
            .flatten()
        {
            let own = k == 0 && q == span.text;
            let entry = (span.start + k, i, own);
            let held = self.owners.entry((start + k, q)).or_insert(entry);
            if own && !held.2 {
                *held = entry;
            }
        }
    }

    fn owner(&self, start: usize, span: &Span) -> Owner {
        let key = (start, span.text.as_str());
        let elsewhere = self.expected.get(&key).into_iter().flatten();
        match self.owners.get(&key) {
            _ if self.contested.contains(&key) => Owner::Other,
            Some(&(old, j, true)) if old != span.start => Owner::Rival(j),
            Some(&(old, ..)) if old != span.start => Owner::Other,
            Some(_) => Owner::Free,
            None if elsewhere.into_iter().any(|&o| o != span.start) => Owner::Explained,
            None => Owner::Free,
        }
    }

    /// Leaves `span` out and takes the occurrence at `start` from span `j`.
    fn contest(&mut self, start: usize, span: &'a Span, j: usize) {
        self.placed[j] = None;
        self.owners.remove(&(start, span.text.as_str()));
        self.contested.insert((start, span.text.as_str()));
    }
}

/// A span placed by its quote alone, guiding the others; or the text's
/// start, which no edit moves (`item` `None`).
#[derive(Clone, Copy, Debug)]
struct Anchor {
    item: Option<usize>,
    old: usize,
    new: usize,
    len: usize,
    kind: Kind,
}

/// Why an anchor is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The text's start.
    Start,
    /// Its quote occurs once.
    Unique,
    /// Its quote is at its old offsets.
    Stayed,
    /// Its stretch's spans agree on its shift.
    Agreed,
}

impl Anchor {
    /// How far the anchor moved.
    fn shift(&self) -> i64 {
        offset(self.new) - offset(self.old)
    }
}

/// An offset as a signed number, for shifts (texts are far below 2^63).
fn offset(x: usize) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// The anchors: the text's start and the confirmed heaviest
/// order-preserving chain of candidates, to which shifts agreed on in a
/// stretch between anchors add (up to three rounds).
fn anchors(doc: &Document, spans: &[Span], index: &Index<'_>) -> Vec<Anchor> {
    let mut candidates = Vec::new();
    for (i, span) in spans.iter().enumerate().filter(|(_, s)| !s.text.is_empty()) {
        let at_old = doc.slice(span.start..span.end) == Some(span.text.as_str());
        let (new, kind) = match index.unique(doc, &span.text) {
            Some(new) if !index.repeated[i] => (new, Kind::Unique),
            _ if at_old => (span.start, Kind::Stayed),
            _ => continue,
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

/// In each stretch between two anchors (or after the last), the shift the
/// most spans' quotes agree on, if at least two do and twice as many as on
/// any other: those spans, as anchors.
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
        // A span found where its anchors expect it votes for that alone.
        if list.first().is_some_and(|c| c.distance == 0) {
            list.retain(|c| c.distance == 0);
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
        let here = (at.0 + if a.kind == Kind::Unique { 2 } else { 1 }, k);
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

/// Where a span not anchored may start (`lo..=hi`), and where it is
/// expected.
#[derive(Clone, Debug)]
struct Frame {
    lo: usize,
    hi: usize,
    expected: Vec<usize>,
    /// Anchors on both sides: the range is tight.
    both_sides: bool,
}

impl Frame {
    fn new(chain: &[Anchor], old: usize, len: usize) -> Self {
        let before = chain[..chain.partition_point(|a| a.old <= old)].last();
        let after = chain.get(chain.partition_point(|a| a.old < old));
        let shifted = |a: &Anchor| {
            usize::try_from(offset(old).saturating_add(a.shift())).map_or(0, |x| x.min(len))
        };
        let mut expected: Vec<usize> = [before, after].into_iter().flatten().map(shifted).collect();
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
    fn distance(&self, start: usize) -> usize {
        self.expected
            .iter()
            .map(|&e| e.abs_diff(start))
            .min()
            .unwrap_or(0)
    }
}

/// An exact occurrence of a span's quote where it may start.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    distance: usize,
}

/// The occurrences of a span's quote in its frame.
#[derive(Clone, Debug)]
struct Candidates {
    /// The nearest few to an expected place (then to the old start), first
    /// first; away from the expected places, only whole words.
    list: Vec<Candidate>,
    /// How many occurrences the frame holds.
    total: usize,
}

fn candidates(doc: &Document, index: &Index<'_>, span: &Span, frame: &Frame) -> Candidates {
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
fn fuzzy(doc: &Document, span: &Span, frame: &Frame) -> Option<(usize, usize)> {
    let len = span.text.chars().count();
    if len < FUZZY_MIN_LEN || frame.lo > frame.hi {
        return None;
    }
    let reach = len * 20 + 2_000;
    // Windows of starts around each expected place, merged.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for &e in &frame.expected {
        let (a, b) = if frame.both_sides && frame.hi - frame.lo <= 2 * reach {
            (frame.lo, frame.hi)
        } else {
            (
                e.saturating_sub(reach).max(frame.lo),
                (e + reach).min(frame.hi),
            )
        };
        match windows.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => windows.push((a, b)),
        }
    }
    fuzzy::best_match(doc, &span.text, &windows, frame)
}

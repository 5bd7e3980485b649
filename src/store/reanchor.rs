//! Re-anchoring: finding where each span's quote went when the article's text
//! changed after it was annotated.
//!
//! The file stores each span's old offsets and quote and (when newsmark
//! saved it) up to [`CONTEXT_CHARS`] code points of the text on each side of
//! the quote, but not the old text, so the spans are placed together, each
//! helping to place the others. A span placed in the wrong place is worse
//! than one left unplaced, so every doubtful case ends as an orphan.
//!
//! 0. **Line ends.** If converting the offsets and quotes from LF to CRLF
//!    (or back) puts more quotes in place than the stored offsets do, the
//!    text is taken to have been converted, and the spans are mapped first.
//! 1. **Anchors.** A span whose quote occurs exactly once in the new text
//!    (and is not known to have occurred twice in the old one: no other
//!    span's quote held it at another place) is a strong anchor there; a
//!    span whose quote occurs several times but once (among the 64 nearest
//!    its old start on each side) with a whole side of its stored context
//!    (at least [`CONTEXT_MIN_SIDE`] code points) around it is a strong
//!    anchor there too; a span whose quote still sits at its stored offsets
//!    is a weak one. The anchors kept are the heaviest chain in the same
//!    order in the old and the new text (a weighted longest increasing subsequence), after the
//!    text's start (which no edit moves), less weak anchors beside an anchor
//!    that moved (a repeated word may sit at its old offsets by chance next
//!    to an edit) and strong anchors whose shift is not within [`SLACK`] of
//!    a neighbour's (a copy of the quote pasted beside an edit). Then, in
//!    each stretch between two anchors (or after the last one), among the
//!    spans not found where those anchors expect them, a shift shared by at
//!    least two, and by twice as many as any other shift, anchors them too
//!    (an article whose every quote is repeated).
//! 2. **Exact.** A span not anchored looks for its quote between the anchors
//!    before and after it. Untouched by the edits, it moved exactly as one of
//!    them did, so its expected places are its old start shifted as the
//!    anchor before it was and as the one after it was. An occurrence there
//!    is taken, unless two are (a pasted copy) or another occurrence of the
//!    quote from another old place is expected there too (neither is then
//!    placed). Otherwise, between two anchors, the occurrence nearest an
//!    expected place is taken if it lies within [`SLACK`] of the range they
//!    span and is clearly nearer than any other (the next one is at least
//!    twice as far, plus [`SLACK`]); after the last anchor,
//!    only the one occurrence there is. When that leaves it unclear, the
//!    one occurrence with a whole side of the span's context is taken. An
//!    occurrence inside another placed span's quote that held this one in
//!    the old text belongs to that span (`Müller` inside `José Müller`).
//! 3. **Fuzzy.** With no occurrence left, the substring of the new text
//!    that starts or ends at an expected place (one end of a changed span
//!    keeps its place: the edit was inside it or beyond its other end) with
//!    the highest normalised Levenshtein similarity to the quote (1 −
//!    distance / longer length, in code points), if that reaches
//!    [`FUZZY_THRESHOLD`], and it starts and ends on word boundaries where
//!    the quote does and does not contain the quote. The span's quote
//!    becomes that text. Quotes shorter than [`FUZZY_MIN_LEN`] or longer
//!    than [`FUZZY_MAX_LEN`] are only placed exactly.
//! 4. **Orphan.** Otherwise the span is returned unplaced, never dropped.
//!
//! Cost: one Aho–Corasick pass over the text for all quotes, then per span
//! binary searches in its quote's occurrences and, for a fuzzy match, a
//! search of O(quote length²) around its expected places; nothing grows
//! with the square of the text.

mod ambiguity;
mod anchors;
mod context;
mod fuzzy;
mod index;
mod newlines;
mod respaced;

use std::collections::{HashMap, HashSet};

pub use self::context::{CONTEXT_CHARS, CONTEXT_MIN_SIDE, Context};

use self::anchors::{Anchor, anchors};
use self::index::Index;
use crate::model::{Document, Span};

/// The lowest similarity (1 − Levenshtein distance / longer length) at which
/// a changed quote is accepted. 0.8 allows one edit in five characters.
pub const FUZZY_THRESHOLD: f64 = 0.8;

/// Quotes shorter than this (in code points) are never matched fuzzily: one
/// edit in a short name makes another name (`Iran`, `Iraq`).
pub const FUZZY_MIN_LEN: usize = 5;

/// Quotes longer than this (in code points) are only placed exactly: fuzzy
/// matching costs the square of the quote's length.
pub const FUZZY_MAX_LEN: usize = 5_000;

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

/// A span's place on the new text (code points), `None` for an orphan.
type Place = Option<(usize, usize)>;

/// What [`reanchor`] did with the spans.
#[derive(Clone, Debug, Default)]
pub struct ReanchorOutcome {
    /// The spans placed, with their new offsets (and quote, when fuzzy), in
    /// the order given.
    pub placed: Vec<(Span, How)>,
    /// The spans that could not be placed, unchanged, in the order given.
    pub orphans: Vec<Span>,
    /// For each orphan (same order), the places of the new text (code
    /// points) equally likely to be its own: where its quote occurs with the
    /// whole of its stored context more often than spans hold it, or where
    /// its context surrounds it best with a whole side, two or more times
    /// alike. Empty when there is no such tie. Never chosen for the user.
    pub candidates: Vec<Vec<(usize, usize)>>,
}

/// Places `spans` (offsets and quotes from an annotation file) on `doc`, a
/// text that may have changed since; see the module documentation for how.
/// Every span comes back, placed or orphaned. On the text the spans were
/// made on, every span stays.
pub fn reanchor(doc: &Document, spans: Vec<Span>) -> ReanchorOutcome {
    reanchor_in_context(
        doc,
        spans.into_iter().map(|s| (s, Context::default())).collect(),
    )
}

/// [`reanchor`], with each span's stored [`Context`] (empty where none was
/// stored): an occurrence of a repeated quote with a whole side of its
/// context around it is taken over the others.
pub fn reanchor_in_context(doc: &Document, spans: Vec<(Span, Context)>) -> ReanchorOutcome {
    let (spans, contexts): (Vec<Span>, Vec<Context>) = spans.into_iter().unzip();
    let conversion = newlines::Conversion::detect(doc, &spans);
    let converted: Option<(Vec<Span>, Vec<Context>)> = conversion.map(|conversion| {
        (
            spans.iter().map(|s| conversion.apply(s)).collect(),
            contexts
                .iter()
                .map(|c| conversion.apply_context(c))
                .collect(),
        )
    });
    let (to_place, contexts) = converted
        .as_ref()
        .map_or((&spans[..], &contexts[..]), |(s, c)| (&s[..], &c[..]));
    let (places, candidates) = place(doc, to_place, contexts);
    let mut outcome = ReanchorOutcome::default();
    for ((mut span, place), candidates) in spans.into_iter().zip(places).zip(candidates) {
        let Some((start, end, text)) = place.and_then(|(a, b)| Some((a, b, doc.slice(a..b)?)))
        else {
            outcome.orphans.push(span);
            outcome.candidates.push(candidates);
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

/// Where each span goes on `doc` (`None`: an orphan), and each orphan's
/// candidates (see [`ambiguity::resolve`]).
fn place(
    doc: &Document,
    spans: &[Span],
    contexts: &[Context],
) -> (Vec<Place>, Vec<Vec<(usize, usize)>>) {
    let index = Index::new(doc, spans);
    let chain = anchors(doc, spans, &index, contexts);
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
        let len = span.text.chars().count();
        let context = &contexts[*i];
        // Not clear from the anchors: the occurrence its stored context
        // surrounds best, if one is.
        let in_context = || {
            let starts: Vec<usize> = free.iter().map(|c| c.start).collect();
            let best = context.best(doc, &starts, len)?;
            context.whole_side(doc, best, best + len).then_some(best)
        };
        // Nearest where the anchors expect it, but not on an expected place:
        // with a context, only if both its sides are there (a sentence that
        // held the span was deleted, and the next one says the same).
        let nearest = free
            .first()
            .filter(|c| c.distance == 0 || context.both_sides(doc, c.start, c.start + len));
        if let Some(best) = match nearest {
            Some(c) if clear => Some(c.start),
            _ => in_context(),
        } {
            places.put(*i, best, len);
        } else if free.is_empty()
            && let Some((start, end)) = respaced::best(doc, span, context, frame)
                .or_else(|| fuzzy(doc, span, context, frame))
                .or_else(|| respaced::by_end_words(doc, span, context, frame))
        {
            places.placed[*i] = Some((start, end));
        }
    }
    moved_far(doc, spans, contexts, &index, &mut places);
    // A place neither side of the span's stored context is around is
    // another mention of its quote: an orphan, whatever found it.
    for (i, place) in places.placed.iter_mut().enumerate() {
        if let Some((start, end)) = *place
            && !contexts[i].supports(doc, start, end)
        {
            *place = None;
        }
    }
    ambiguity::one_span_a_place(doc, spans, contexts, &mut places.placed);
    let candidates = ambiguity::resolve(doc, spans, contexts, &mut places.placed);
    (places.placed, candidates)
}

/// Places the spans left whose quote occurs, held by no other span, where
/// its stored context surrounds it best, with a whole side of it, far from
/// where its neighbours went: a paragraph moved takes its spans out of the
/// order the anchors keep.
fn moved_far(
    doc: &Document,
    spans: &[Span],
    contexts: &[Context],
    index: &Index<'_>,
    places: &mut Places<'_>,
) {
    for (i, span) in spans.iter().enumerate() {
        let context = &contexts[i];
        if places.placed[i].is_some() || span.text.is_empty() || context.is_empty() {
            continue;
        }
        let len = span.text.chars().count();
        let all = index.within(doc, &span.text, 0, doc.char_len());
        let Some(best) = context.best(doc, &all, len) else {
            continue;
        };
        if context.whole_side(doc, best, best + len)
            && matches!(places.owner(best, span), Owner::Free)
        {
            places.put(i, best, len);
        }
    }
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

/// An offset as a signed number, for shifts (texts are far below 2^63).
fn offset(x: usize) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
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
/// A changed span keeps one end where it is expected (the edit was inside
/// it, or beyond its other end), and its length within 0.8–1.25 times the
/// quote's (the threshold), so only starts from a quarter of its length
/// before an expected place to a fifth after it are tried.
fn fuzzy(doc: &Document, span: &Span, context: &Context, frame: &Frame) -> Option<(usize, usize)> {
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

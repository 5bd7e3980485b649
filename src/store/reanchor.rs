//! Re-anchoring: finding where each span's quote went when the article's text
//! changed after it was annotated.
//!
//! The file stores each span's old offsets and quote and (when newsmark
//! saved it) up to [`CONTEXT_CHARS`] code points of the text on each side of
//! the quote, but not the old text, so the spans are placed together, each
//! helping to place the others. A span placed in the wrong place is worse
//! than one left unplaced, so every doubtful case ends as an orphan.
//!
//! A stored context **bears out** a place when at least one of its sides
//! is around it (its first [`CONTEXT_MIN_SIDE`] code points next to the
//! quote match, whitespace runs matching any other); it **surrounds** a place
//! as well as the code points of both sides that match. A side left empty
//! because the quote began (ended) the old text is whole where the quote
//! begins (ends) the new one and the other side is around it. When several
//! occurrences have a whole side, the text around them was copied (a
//! template sentence, a pasted or moved paragraph) and counting code points
//! says little: the context **picks** the one occurrence whose paragraph,
//! else whose sentence, reads as the stored context on both sides up to its
//! edges, and none when there is no such one or several.
//!
//! 0. **Line ends.** If converting the offsets and quotes from LF to CRLF
//!    (or back) puts more quotes in place than the stored offsets do, the
//!    text is taken to have been converted, and the spans are mapped first.
//! 1. **Anchors.** A span whose quote occurs exactly once in the new text
//!    (and is not known to have occurred twice in the old one: no other
//!    span's quote held it at another place) is a strong anchor there, if
//!    its context bears that out; a span whose quote occurs several times
//!    but whose context picks one occurrence (among the 64 nearest its old
//!    start on each side) is a strong anchor there too; without a stored context, a span whose quote still sits at
//!    its stored offsets is a weak one (with one, staying must be borne out
//!    like any move: a copy of the name inserted just before it takes its
//!    offsets). The anchors kept are the heaviest chain in the same order in
//!    the old and the new text (a weighted longest increasing subsequence),
//!    after the text's start (which no edit moves), less weak anchors beside
//!    an anchor that moved (a repeated word may sit at its old offsets by
//!    chance next to an edit) and strong anchors whose shift is not within
//!    [`SLACK`] of a neighbour's (a copy of the quote pasted beside an edit).
//!    Then, in each stretch between two anchors (or after the last one),
//!    among the spans not found where those anchors expect them, a shift
//!    shared by at least two, and by twice as many as any other shift,
//!    anchors them too (an article whose every quote is repeated).
//! 2. **Exact.** A span not anchored looks for its quote between the anchors
//!    before and after it. Untouched by the edits, it moved exactly as one of
//!    them did, so its expected places are its old start shifted as the
//!    anchor before it was and as the one after it was. An occurrence there
//!    is taken, unless two are (a pasted copy) or another occurrence of the
//!    quote from another old place is expected there too (neither is then
//!    placed). Otherwise, between two anchors, the occurrence nearest an
//!    expected place is taken if it lies within [`SLACK`] of the range they
//!    span, is clearly nearer than any other (the next one is at least
//!    twice as far, plus [`SLACK`]) and has both sides of its context; after
//!    the last anchor, only the one occurrence there is. When that leaves it
//!    unclear, the occurrence its context picks is taken. An occurrence inside another placed span's quote that held
//!    this one in the old text belongs to that span (`Müller` inside `José
//!    Müller`).
//! 3. **Changed.** With no occurrence left: the quote's words with other
//!    whitespace between them (a re-wrapped line), in the frame; else the
//!    substring of the new text that starts or ends at an expected place
//!    (one end of a changed span keeps its place: the edit was inside it or
//!    beyond its other end) with the highest normalised Levenshtein
//!    similarity to the quote (1 − distance / longer length, in code
//!    points), if that reaches [`FUZZY_THRESHOLD`], it starts and ends on
//!    word boundaries (unless the quote cut a word) with the same kind of
//!    character as the quote at each end, and does not contain the quote;
//!    else, for a quote of three words or more, its first word where its
//!    start is expected and its last word after it. Each needs both sides of
//!    the context (with one stored). The span's quote becomes that text.
//!    Quotes shorter than [`FUZZY_MIN_LEN`] or longer than [`FUZZY_MAX_LEN`]
//!    are not matched fuzzily.
//! 4. **Moved far.** A span left whose context picks one occurrence of its
//!    quote anywhere in the text, held by no other span, is placed there (a
//!    paragraph moved).
//! 5. **Checks.** A placement its context does not bear out is undone; so is
//!    that of a span inside a longer span's quote (a country in an
//!    initiative's name) when the longer span is not placed and no whole
//!    side of its context reaching past the longer quote is around it; of
//!    spans from different old places that landed on one place, or that
//!    are unplaced but whose quote is there and whose context bears it out,
//!    only the one its context surrounds best keeps it (none, on a tie: a
//!    span whose sentence was deleted does not take the same name in the
//!    next sentence, whose own span went unplaced); a span whose
//!    quote and whole context occur at more places than spans hold them is
//!    ambiguous and unplaced, those places kept as its candidates.
//! 6. **Orphan.** Otherwise the span is returned unplaced, never dropped,
//!    with its candidates when two or more places are equally likely.
//!
//! Cost: one Aho–Corasick pass over the text for all quotes, then per span
//! binary searches in its quote's occurrences and, for a fuzzy match, a
//! search of O(quote length²) around its expected places; nothing grows
//! with the square of the text.
//!
//! - `reanchor/ambiguity.rs`: a quote whose whole context is at more places than spans
//! - `reanchor/anchors.rs`: the anchors, placed by their quote alone
//! - `reanchor/context.rs`: a span's stored context and how well a place fits it
//! - `reanchor/frame.rs`: where a span not anchored is looked for
//! - `reanchor/fuzzy.rs`: the substring most similar to a quote
//! - `reanchor/index.rs`: where each quote occurs in the new text
//! - `reanchor/newlines.rs`: a whole text converted between LF and CRLF
//! - `reanchor/respaced.rs`: quotes whose whitespace changed

mod ambiguity;
mod anchors;
mod context;
mod frame;
mod fuzzy;
mod index;
mod newlines;
mod respaced;

use std::collections::{HashMap, HashSet};

pub use self::context::{CONTEXT_CHARS, CONTEXT_MIN_SIDE, Context, Unit};

use self::anchors::{Anchor, anchors};
use self::frame::{Candidates, Frame, candidates, fuzzy_place};
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
            context.placed_among(doc, &starts, len)
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
                .or_else(|| fuzzy_place(doc, span, context, frame))
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
    unplace_nested_without_evidence(doc, spans, contexts, &mut places.placed);
    ambiguity::one_span_a_place(doc, spans, contexts, &mut places.placed);
    let candidates = ambiguity::resolve(doc, spans, contexts, &mut places.placed);
    (places.placed, candidates)
}

/// Places the spans left whose quote occurs, held by no other span, where
/// its stored context picks it ([`Context::placed_among`]), far from where
/// its neighbours went: a paragraph moved takes its spans out of the
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
        let Some(best) = context.placed_among(doc, &all, len) else {
            continue;
        };
        if matches!(places.owner(best, span), Owner::Free) {
            places.put(i, best, len);
        }
    }
}

/// Unplaces the spans that lay inside a longer span's quote (a country in
/// an initiative's name) when that span is not placed and no whole side of
/// their stored context reaching beyond its quote is around their place: a
/// side inside the longer quote is the longer span's evidence, not theirs,
/// and it was not enough to place that one.
fn unplace_nested_without_evidence(
    doc: &Document,
    spans: &[Span],
    contexts: &[Context],
    placed: &mut [Place],
) {
    // Spans not placed, by old start.
    let mut unplaced: Vec<(usize, usize)> = spans
        .iter()
        .zip(placed.iter())
        .filter(|(s, p)| p.is_none() && s.end > s.start)
        .map(|(s, _)| (s.start, s.end))
        .collect();
    unplaced.sort_unstable();
    for (i, span) in spans.iter().enumerate() {
        let context = &contexts[i];
        let Some((start, end)) = placed[i] else {
            continue;
        };
        if context.is_empty() {
            continue;
        }
        let (whole_before, whole_after) = context.whole_sides(doc, start, end);
        let upto = unplaced.partition_point(|&(s, _)| s <= span.start);
        let inside = unplaced[..upto].iter().any(|&(s, e)| {
            let covers = s <= span.start && span.end <= e && e - s > span.end - span.start;
            // A whole side that reaches past the longer quote is the span's
            // own evidence.
            covers
                && !((whole_before && reaches_past(&context.prefix, span.start - s, true))
                    || (whole_after && reaches_past(&context.suffix, e - span.end, false)))
        });
        if inside {
            placed[i] = None;
        }
    }
}

/// Whether a stored side of a span's context, read away from the quote,
/// holds more than whitespace past the `inside` code points that lie in a
/// longer quote around it.
fn reaches_past(side: &str, inside: usize, prefix: bool) -> bool {
    let n = side.chars().count();
    let past = n.saturating_sub(inside);
    match prefix {
        true => side.chars().take(past).any(|c| !c.is_whitespace()),
        false => side.chars().skip(inside).any(|c| !c.is_whitespace()),
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

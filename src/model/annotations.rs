//! The spans of one document, kept sorted, with their invariants.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use imbl::Vector;
use imbl::shared_ptr::DefaultSharedPtr;

use super::{Document, LabelSchema, Span, SpanId};

/// Why a span breaks the annotation set's invariants.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// `start >= end`.
    #[error("empty span: start {start} is not before end {end}")]
    Empty {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
    },
    /// The range goes past the end of the text.
    #[error("offsets {start}..{end} are outside the text ({})", crate::plural::counted(*len, "character", "characters"))]
    OutOfRange {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// The stored quote is not the text at the offsets.
    #[error("quote {quote:?} does not match the text at {start}..{end}, which is {actual:?}")]
    QuoteMismatch {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// The stored quote.
        quote: String,
        /// What the text holds there.
        actual: String,
    },
    /// The label is not in the schema.
    #[error("unknown label {0:?}")]
    UnknownLabel(String),
    /// Another span already has this id.
    #[error("duplicate id")]
    DuplicateId,
}

/// One change to a set's spans, as [`AnnotationSet::changes_since`] reports it
/// to views that follow the set without rescanning it.
#[derive(Clone, Debug, PartialEq)]
pub enum SpanChange {
    /// `span` was inserted and now sits at `index` of [`AnnotationSet::spans`].
    Inserted {
        /// Its position after the insertion.
        index: usize,
        /// The span.
        span: Span,
    },
    /// `span` was removed from `index`.
    Removed {
        /// Its position before the removal.
        index: usize,
        /// The span.
        span: Span,
    },
}

/// How many recent changes a set remembers for [`AnnotationSet::changes_since`].
const CHANGE_LOG_LEN: usize = 64;

/// Source of revisions: unique across all sets of the process, so a view
/// never mistakes another set (or a replaced one) for the one it followed.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// A set's spans in order: a read-only view that iterates and indexes like a
/// slice of [`Span`]. The set keeps them in a persistent vector (a
/// relaxed radix balanced tree, `imbl`), so that inserting or removing a
/// span anywhere costs O(log n) instead of moving every span after it, and
/// a [`SetSnapshot`] shares the tree instead of copying it.
#[derive(Clone, Copy)]
pub struct Spans<'a>(&'a Vector<Arc<Span>>);

/// Iterator over [`Spans`].
pub type SpansIter<'a> =
    std::iter::Map<imbl::vector::Iter<'a, Arc<Span>, DefaultSharedPtr>, fn(&Arc<Span>) -> &Span>;

impl<'a> Spans<'a> {
    /// The spans, in order.
    pub fn iter(&self) -> SpansIter<'a> {
        self.0.iter().map(|s| &**s)
    }

    /// Number of spans.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The span at `index`.
    pub fn get(&self, index: usize) -> Option<&'a Span> {
        self.0.get(index).map(|s| &**s)
    }

    /// The first span.
    pub fn first(&self) -> Option<&'a Span> {
        self.get(0)
    }

    /// The last span.
    pub fn last(&self) -> Option<&'a Span> {
        self.0.last().map(|s| &**s)
    }

    /// The spans from `index` on, in order.
    pub fn iter_from(&self, index: usize) -> impl Iterator<Item = &'a Span> + use<'a> {
        let len = self.0.len();
        self.0
            .focus()
            .narrow(index.min(len)..)
            .into_iter()
            .map(|s| &**s)
    }

    /// Copies of the spans.
    pub fn to_vec(&self) -> Vec<Span> {
        self.iter().cloned().collect()
    }

    /// How many spans come before the first for which `pred` is false
    /// (`pred` must be true for a prefix), as [`slice::partition_point`].
    pub fn partition_point(&self, mut pred: impl FnMut(&Span) -> bool) -> usize {
        let found = self.0.binary_search_by(|s| {
            if pred(s) {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        found.unwrap_or_else(|at| at)
    }
}

impl<'a> IntoIterator for Spans<'a> {
    type Item = &'a Span;
    type IntoIter = SpansIter<'a>;

    fn into_iter(self) -> SpansIter<'a> {
        self.iter()
    }
}

impl std::ops::Index<usize> for Spans<'_> {
    type Output = Span;

    fn index(&self, index: usize) -> &Span {
        &self.0[index]
    }
}

impl PartialEq for Spans<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl std::fmt::Debug for Spans<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// What a set held at one moment ([`AnnotationSet::snapshot`]): what is
/// written to a file, without the set's indexes. It can be sent to another
/// thread.
#[derive(Clone, Debug)]
pub struct SetSnapshot {
    spans: Vector<Arc<Span>>,
    orphans: Vec<Span>,
    candidates: BTreeMap<SpanId, Vec<(usize, usize)>>,
    done: bool,
}

impl SetSnapshot {
    /// The spans, sorted.
    pub fn spans(&self) -> Spans<'_> {
        Spans(&self.spans)
    }

    /// The orphans, sorted.
    pub fn orphans(&self) -> &[Span] {
        &self.orphans
    }

    /// The candidate places of each orphan that has some
    /// ([`AnnotationSet::orphan_candidates`]).
    pub fn candidates(&self) -> &BTreeMap<SpanId, Vec<(usize, usize)>> {
        &self.candidates
    }

    /// Whether the document was marked done.
    pub fn is_done(&self) -> bool {
        self.done
    }
}

/// The spans of one document, sorted by [`Span::sort_key`], with unique ids.
///
/// Two sets are equal when they hold the same spans: `next_id` (a high-water
/// mark that undo does not lower), the length bound, the id index and the
/// change log are bookkeeping.
///
/// Looking a span up by id, inserting or removing one costs O(log n).
#[derive(Clone, Debug, Default)]
pub struct AnnotationSet {
    /// A persistent vector: O(log n) to insert or remove anywhere, O(1) to
    /// snapshot; each span behind a shared pointer, so that copying a
    /// shared tree node copies pointers, not spans.
    spans: Vector<Arc<Span>>,
    /// Every span by id (the same shared spans as `spans`).
    by_id: HashMap<SpanId, Arc<Span>>,
    next_id: SpanId,
    /// An upper bound on the length of any span, for range queries.
    max_len: usize,
    /// Whether an annotator marked the document done.
    done: bool,
    /// Spans of an earlier version of the text that could not be placed on
    /// this one, sorted: kept (and saved) until placed or deleted.
    orphans: Vec<Span>,
    /// For orphans whose quote re-anchoring found at several equally likely
    /// places: those places (code points of this text), offered to the user,
    /// never chosen for them. Not part of the set's equality: a hint.
    candidates: BTreeMap<SpanId, Vec<(usize, usize)>>,
    /// Changes whenever the spans change; see [`Self::revision`].
    revision: u64,
    /// The last changes, each with the revision it was made from.
    log: VecDeque<(u64, SpanChange)>,
}

impl PartialEq for AnnotationSet {
    fn eq(&self, other: &Self) -> bool {
        self.spans == other.spans && self.done == other.done && self.orphans == other.orphans
    }
}

impl AnnotationSet {
    /// An empty set.
    pub fn new() -> Self {
        Self {
            spans: Vector::new(),
            by_id: HashMap::new(),
            next_id: 1,
            max_len: 0,
            done: false,
            orphans: Vec::new(),
            candidates: BTreeMap::new(),
            revision: fresh_revision(),
            log: VecDeque::new(),
        }
    }

    /// Builds a set from spans, sorting them. Ids must already be unique
    /// (check with [`Self::check_span`] first).
    /// Of spans sharing an id, the first given is kept. O(n log n).
    pub fn from_spans(spans: Vec<Span>) -> Self {
        let mut seen = HashSet::with_capacity(spans.len());
        let mut spans: Vec<Arc<Span>> = spans
            .into_iter()
            .filter(|s| seen.insert(s.id))
            .map(Arc::new)
            .collect();
        spans.sort_by_key(|s| s.sort_key());
        let spans: Vector<Arc<Span>> = spans.into_iter().collect();
        let mut set = Self::new();
        set.next_id = spans
            .iter()
            .map(|s| s.id.saturating_add(1))
            .max()
            .unwrap_or(1)
            .max(1);
        set.max_len = spans.iter().map(|s| s.len()).max().unwrap_or(0);
        set.by_id = spans.iter().map(|s| (s.id, Arc::clone(s))).collect();
        set.spans = spans;
        set
    }

    /// Identifies the current spans: it changes with every insertion or
    /// removal and is unique across sets, so two sets (or two moments of one)
    /// with the same revision hold the same spans. Views cache by it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The changes that led from revision `since` to [`Self::revision`], in
    /// order (none if they are equal), or `None` if they are not known (too
    /// many changes since, or another set's revision): then rebuild.
    pub fn changes_since(&self, since: u64) -> Option<impl Iterator<Item = &SpanChange>> {
        let from = if since == self.revision {
            self.log.len()
        } else {
            self.log.iter().position(|(before, _)| *before == since)?
        };
        Some(self.log.range(from..).map(|(_, change)| change))
    }

    fn record(&mut self, change: SpanChange) {
        if self.log.len() == CHANGE_LOG_LEN {
            self.log.pop_front();
        }
        self.log.push_back((self.revision, change));
        self.revision = fresh_revision();
    }

    /// Whether an annotator marked the document done.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Marks the document done (or not). Use [`crate::model::Edit::SetDone`]
    /// for an undoable change.
    pub fn set_done(&mut self, done: bool) {
        self.done = done;
    }

    /// All spans, sorted.
    pub fn spans(&self) -> Spans<'_> {
        Spans(&self.spans)
    }

    /// The spans, orphans and done flag as they are now, to read on
    /// another thread while this set changes. Costs O(1): the
    /// snapshot shares the set's tree.
    pub fn snapshot(&self) -> SetSnapshot {
        SetSnapshot {
            spans: self.spans.clone(),
            orphans: self.orphans.clone(),
            candidates: self.candidates.clone(),
            done: self.done,
        }
    }

    /// Number of spans.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are no spans.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The id the next new span should get.
    pub fn next_id(&self) -> SpanId {
        self.next_id
    }

    /// The span with this id. O(1).
    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.by_id.get(&id).map(|s| &**s)
    }

    /// Position of the span with this id in [`Self::spans`]. O(log n).
    pub fn index_of(&self, id: SpanId) -> Option<usize> {
        let key = self.by_id.get(&id)?.sort_key();
        self.spans.binary_search_by_key(&key, |s| s.sort_key()).ok()
    }

    /// Whether a span with the same range and label exists.
    pub fn find_same(&self, start: usize, end: usize, label: &str) -> Option<&Span> {
        self.overlapping(start..end)
            .find(|s| s.start == start && s.end == end && s.label == label)
    }

    /// Spans that share at least one code point with `range`, in order.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Span> {
        self.overlapping_indexed(range).map(|(_, s)| s)
    }

    /// [`Self::overlapping`], with each span's index in [`Self::spans`].
    /// Costs O(log n + spans starting within the longest span's length of
    /// `range`).
    pub fn overlapping_indexed(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &Span)> {
        let first = self
            .spans()
            .partition_point(|s| s.start + self.max_len <= range.start);
        self.spans()
            .iter_from(first)
            .enumerate()
            .take_while(move |(_, s)| s.start < range.end)
            .filter(move |(_, s)| s.end > range.start)
            .map(move |(i, s)| (first + i, s))
    }

    /// Inserts a span at its sorted place. Returns `false` (and changes
    /// nothing) if its id is taken.
    pub fn insert(&mut self, span: Span) -> bool {
        if self.by_id.contains_key(&span.id) || self.orphan(span.id).is_some() {
            return false;
        }
        self.next_id = self.next_id.max(span.id.saturating_add(1));
        self.max_len = self.max_len.max(span.len());
        let key = span.sort_key();
        let at = self.spans().partition_point(|s| s.sort_key() < key);
        let shared = Arc::new(span.clone());
        self.by_id.insert(span.id, Arc::clone(&shared));
        self.spans.insert(at, shared);
        self.record(SpanChange::Inserted { index: at, span });
        true
    }

    /// Removes and returns the span with this id.
    pub fn remove(&mut self, id: SpanId) -> Option<Span> {
        let at = self.index_of(id)?;
        self.by_id.remove(&id);
        let span = Arc::unwrap_or_clone(self.spans.remove(at));
        self.record(SpanChange::Removed {
            index: at,
            span: span.clone(),
        });
        Some(span)
    }

    /// The orphans: spans of an earlier version of the text, with its
    /// offsets and quote, that could not be placed on this one. Sorted by
    /// [`Span::sort_key`]. Their ids are taken.
    pub fn orphans(&self) -> &[Span] {
        &self.orphans
    }

    /// The orphan with this id.
    pub fn orphan(&self, id: SpanId) -> Option<&Span> {
        self.orphans.iter().find(|s| s.id == id)
    }

    /// Keeps `span` as an orphan. Returns `false` (and changes nothing) if
    /// its id is taken by a span or an orphan. Use
    /// [`crate::model::Edit::AddOrphan`] for an undoable change.
    pub fn insert_orphan(&mut self, span: Span) -> bool {
        if self.get(span.id).is_some() || self.orphan(span.id).is_some() {
            return false;
        }
        self.next_id = self.next_id.max(span.id.saturating_add(1));
        let key = span.sort_key();
        let at = self.orphans.partition_point(|s| s.sort_key() < key);
        self.orphans.insert(at, span);
        true
    }

    /// Keeps `span` as an orphan whatever its id: one taken by a span or an
    /// orphan (another file may number its spans anew) is replaced by a
    /// fresh one, so the span is never dropped. Returns the id it kept.
    pub fn keep_as_orphan(&mut self, mut span: Span) -> SpanId {
        if self.get(span.id).is_some() || self.orphan(span.id).is_some() {
            span.id = self.next_id();
        }
        let id = span.id;
        self.insert_orphan(span);
        id
    }

    /// The places of this text equally likely to be orphan `id`'s (sorted;
    /// empty for none): re-anchoring found its quote with its context at each
    /// and would not guess. Kept while the orphan is, and saved with it.
    pub fn orphan_candidates(&self, id: SpanId) -> &[(usize, usize)] {
        self.candidates.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The candidate places of every orphan that has some
    /// ([`Self::orphan_candidates`]), by id.
    pub fn candidates(&self) -> &BTreeMap<SpanId, Vec<(usize, usize)>> {
        &self.candidates
    }

    /// The candidate places of orphan `id` (see [`Self::orphan_candidates`]);
    /// an empty list removes them.
    pub fn set_orphan_candidates(&mut self, id: SpanId, mut places: Vec<(usize, usize)>) {
        places.sort_unstable();
        places.dedup();
        if places.is_empty() {
            self.candidates.remove(&id);
        } else {
            self.candidates.insert(id, places);
        }
    }

    /// Removes and returns the orphan with this id.
    pub fn remove_orphan(&mut self, id: SpanId) -> Option<Span> {
        let at = self.orphans.iter().position(|s| s.id == id)?;
        Some(self.orphans.remove(at))
    }

    /// Checks one span against the document and schema (not ids).
    pub fn check_span(span: &Span, doc: &Document, schema: &LabelSchema) -> Vec<Invalid> {
        let mut problems = Vec::new();
        if span.start >= span.end {
            problems.push(Invalid::Empty {
                start: span.start,
                end: span.end,
            });
        } else if span.end > doc.char_len() {
            problems.push(Invalid::OutOfRange {
                start: span.start,
                end: span.end,
                len: doc.char_len(),
            });
        } else if let Some(actual) = doc.slice(span.start..span.end)
            && actual != span.text
        {
            problems.push(Invalid::QuoteMismatch {
                start: span.start,
                end: span.end,
                quote: span.text.clone(),
                actual: actual.to_owned(),
            });
        }
        if !schema.contains(&span.label) {
            problems.push(Invalid::UnknownLabel(span.label.clone()));
        }
        problems
    }

    /// Every invariant violation in the set, with the span id it concerns.
    pub fn validate(&self, doc: &Document, schema: &LabelSchema) -> Vec<(SpanId, Invalid)> {
        let mut seen = HashSet::new();
        let mut problems = Vec::new();
        for span in self.spans() {
            if !seen.insert(span.id) {
                problems.push((span.id, Invalid::DuplicateId));
            }
            for p in Self::check_span(span, doc, schema) {
                problems.push((span.id, p));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn set_of(n: usize) -> AnnotationSet {
        AnnotationSet::from_spans(
            (0..n)
                .map(|i| Span::manual(i as u64 + 1, 10 * i, 10 * i + 4, "person", ""))
                .collect(),
        )
    }

    #[test]
    fn an_orphan_whose_id_is_taken_is_kept_under_a_fresh_one() {
        let mut set = set_of(3);
        assert_eq!(set.keep_as_orphan(Span::manual(9, 0, 4, "role", "Iran")), 9);
        // Id 2 is a span's, id 9 now an orphan's: both get fresh ids.
        assert_eq!(
            set.keep_as_orphan(Span::manual(2, 5, 9, "role", "Cuba")),
            10
        );
        assert_eq!(set.keep_as_orphan(Span::manual(9, 1, 3, "role", "ra")), 11);
        let kept: Vec<(u64, &str)> = set
            .orphans()
            .iter()
            .map(|o| (o.id, o.text.as_str()))
            .collect();
        assert_eq!(kept, [(9, "Iran"), (11, "ra"), (10, "Cuba")]);
        assert_eq!(set.len(), 3, "the spans are untouched");
    }

    #[test]
    fn lookups_by_id_follow_insertions_and_removals() {
        let mut set = set_of(50);
        assert!(set.insert(Span::manual(100, 5, 7, "role", "")));
        assert!(!set.insert(Span::manual(100, 8, 9, "role", "")), "id taken");
        assert_eq!(set.index_of(100), Some(1));
        assert_eq!(set.get(2).map(|s| s.start), Some(10));
        assert_eq!(set.index_of(2), Some(2));
        assert_eq!(set.remove(1).map(|s| s.id), Some(1));
        assert_eq!(set.index_of(100), Some(0));
        assert_eq!(set.get(1), None);
        assert_eq!(set.index_of(999), None);
        for (i, span) in set.spans().iter().enumerate() {
            assert_eq!(set.index_of(span.id), Some(i));
        }
    }

    #[test]
    fn changes_since_replays_recent_edits_and_gives_up_on_old_ones() {
        let mut set = set_of(3);
        let start = set.revision();
        assert_eq!(set.changes_since(start).map(Iterator::count), Some(0));
        set.insert(Span::manual(10, 1, 2, "role", ""));
        set.remove(2);
        let changes: Vec<_> = set.changes_since(start).unwrap().cloned().collect();
        assert!(matches!(&changes[0], SpanChange::Inserted { index: 1, span } if span.id == 10));
        assert!(matches!(&changes[1], SpanChange::Removed { index: 2, span } if span.id == 2));
        let copy = set.clone();
        set.remove(3);
        assert_ne!(set.revision(), copy.revision(), "clones diverge");
        assert!(set_of(3).changes_since(start).is_none(), "another set");
        for id in 100..(100 + CHANGE_LOG_LEN as u64) {
            set.insert(Span::manual(id, 0, 1, "role", ""));
        }
        assert!(set.changes_since(start).is_none(), "forgotten");
    }
}

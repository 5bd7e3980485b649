//! The spans of one document, kept sorted, with their invariants.

use std::collections::HashSet;
use std::ops::Range;

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
    #[error("offsets {start}..{end} are outside the text ({len} characters)")]
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

/// The spans of one document, sorted by [`Span::sort_key`], with unique ids.
///
/// Two sets are equal when they hold the same spans: `next_id` (a high-water
/// mark that undo does not lower) and the length bound are bookkeeping.
#[derive(Clone, Debug, Default)]
pub struct AnnotationSet {
    spans: Vec<Span>,
    next_id: SpanId,
    /// An upper bound on the length of any span, for range queries.
    max_len: usize,
    /// Whether an annotator marked the document done.
    done: bool,
    /// Spans of an earlier version of the text that could not be placed on
    /// this one, sorted: kept (and saved) until placed or deleted.
    orphans: Vec<Span>,
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
            spans: Vec::new(),
            next_id: 1,
            max_len: 0,
            done: false,
            orphans: Vec::new(),
        }
    }

    /// Builds a set from spans, sorting them. Ids must already be unique
    /// (check with [`Self::check_span`] first).
    /// Of spans sharing an id, the first given is kept. O(n log n).
    pub fn from_spans(spans: Vec<Span>) -> Self {
        let mut seen = HashSet::with_capacity(spans.len());
        let mut spans: Vec<Span> = spans.into_iter().filter(|s| seen.insert(s.id)).collect();
        spans.sort_by_key(Span::sort_key);
        let mut set = Self::new();
        set.next_id = spans
            .iter()
            .map(|s| s.id.saturating_add(1))
            .max()
            .unwrap_or(1)
            .max(1);
        set.max_len = spans.iter().map(Span::len).max().unwrap_or(0);
        set.spans = spans;
        set
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
    pub fn spans(&self) -> &[Span] {
        &self.spans
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

    /// The span with this id.
    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// Position of the span with this id in [`Self::spans`].
    pub fn index_of(&self, id: SpanId) -> Option<usize> {
        self.spans.iter().position(|s| s.id == id)
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
            .spans
            .partition_point(|s| s.start + self.max_len <= range.start);
        self.spans[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, s)| s.start < range.end)
            .filter(move |(_, s)| s.end > range.start)
            .map(move |(i, s)| (first + i, s))
    }

    /// Inserts a span at its sorted place. Returns `false` (and changes
    /// nothing) if its id is taken.
    pub fn insert(&mut self, span: Span) -> bool {
        if self.get(span.id).is_some() || self.orphan(span.id).is_some() {
            return false;
        }
        self.next_id = self.next_id.max(span.id.saturating_add(1));
        self.max_len = self.max_len.max(span.len());
        let key = span.sort_key();
        let at = self.spans.partition_point(|s| s.sort_key() < key);
        self.spans.insert(at, span);
        true
    }

    /// Removes and returns the span with this id.
    pub fn remove(&mut self, id: SpanId) -> Option<Span> {
        let at = self.index_of(id)?;
        Some(self.spans.remove(at))
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
        for span in &self.spans {
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

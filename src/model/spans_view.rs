//! Read-only views of a set's spans: [`Spans`], which iterates and indexes
//! like a slice, and [`SetSnapshot`], what a set held at one moment.

use std::collections::BTreeMap;
use std::sync::Arc;

use imbl::Vector;
use imbl::shared_ptr::DefaultSharedPtr;

use super::{Relation, RelationId, Span, SpanId};

/// A set's spans in order: a read-only view that iterates and indexes like a
/// slice of [`Span`]. The set keeps them in a persistent vector (a
/// relaxed radix balanced tree, `imbl`), so that inserting or removing a
/// span anywhere costs O(log n) instead of moving every span after it, and
/// a [`SetSnapshot`] shares the tree instead of copying it.
#[derive(Clone, Copy)]
pub struct Spans<'a>(pub(super) &'a Vector<Arc<Span>>);

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
    pub(super) spans: Vector<Arc<Span>>,
    pub(super) orphans: Vec<Span>,
    pub(super) candidates: BTreeMap<SpanId, Vec<(usize, usize)>>,
    pub(super) relations: imbl::OrdMap<RelationId, Relation>,
    pub(super) done: bool,
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

    /// The relations, by id.
    pub fn relations(&self) -> impl ExactSizeIterator<Item = &Relation> {
        self.relations.values()
    }

    /// Whether the document was marked done.
    pub fn is_done(&self) -> bool {
        self.done
    }
}

//! Relations in an agreement study: each annotator's relations as
//! (type, from span, to span), their ends given by offsets and label, and
//! the exact and overlap matches of one pair.
//!
//! A relation of b **matches exactly** one of a's when a has a relation of
//! the same type whose from span has the same (start, end, label) as b's
//! from span, and likewise its to span. It **matches by overlap** when a
//! has a relation of the same type whose from span has the same label as
//! b's from span and shares at least one code point with it, and likewise
//! its to span. A relation type the schema declares undirected matches in
//! either orientation.

use std::collections::{BTreeMap, BTreeSet};

use super::tally::{Marked, MatchCounts};

/// One relation an annotator drew: its type and its two ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MarkedRelation {
    /// The relation type.
    pub label: String,
    /// The span it starts from (for an undirected type, the end that comes
    /// first by (start, end, label)).
    pub from: Marked,
    /// The span it leads to.
    pub to: Marked,
    /// Whether its orientation matters (the schema's `directed`).
    pub directed: bool,
}

impl MarkedRelation {
    /// A relation of type `label` from `from` to `to`; an undirected one
    /// gets its ends in order, so that both orientations are one relation.
    pub fn new(label: &str, from: Marked, to: Marked, directed: bool) -> Self {
        let (from, to) = if !directed && to < from {
            (to, from)
        } else {
            (from, to)
        };
        Self {
            label: label.to_owned(),
            from,
            to,
            directed,
        }
    }

    /// Whether `other` (of the same type) matches this one by overlap:
    /// each end shares a code point with the corresponding end, with the
    /// same label (either orientation when undirected).
    fn overlaps(&self, other: &Self) -> bool {
        let along = touch(&self.from, &other.from) && touch(&self.to, &other.to);
        along || (!self.directed && touch(&self.from, &other.to) && touch(&self.to, &other.from))
    }
}

/// Two spans of one label sharing at least one code point.
fn touch(a: &Marked, b: &Marked) -> bool {
    a.label == b.label && a.start < b.end && b.start < a.end
}

/// Relation counts of one pair, per relation type.
#[derive(Debug, Default)]
pub(super) struct RelationTally {
    pub(super) by_type: BTreeMap<String, MatchCounts>,
}

impl RelationTally {
    /// Adds one document's relations of the pair: `a`'s and `b`'s.
    pub(super) fn add(&mut self, a: &[MarkedRelation], b: &[MarkedRelation]) {
        let (a, b) = (by_type(a), by_type(b));
        let types: BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
        for label in types {
            let mine = a.get(label).map_or(&[][..], Vec::as_slice);
            let theirs = b.get(label).map_or(&[][..], Vec::as_slice);
            let counts = self.by_type.entry(label.to_owned()).or_default();
            let (n, exact, overlap) = matched(mine, theirs);
            counts.a_spans += n;
            counts.a_exact += exact;
            counts.a_overlap += overlap;
            let (n, exact, overlap) = matched(theirs, mine);
            counts.b_spans += n;
            counts.b_exact += exact;
            counts.b_overlap += overlap;
        }
    }
}

/// How many of `mine` there are, how many `theirs` has exactly, and how
/// many by overlap (both lists of one type, sorted).
fn matched(mine: &[&MarkedRelation], theirs: &[&MarkedRelation]) -> (u64, u64, u64) {
    let exact = mine.iter().filter(|r| theirs.binary_search(r).is_ok());
    let overlap = mine.iter().filter(|r| theirs.iter().any(|t| r.overlaps(t)));
    (
        mine.len() as u64,
        exact.count() as u64,
        overlap.count() as u64,
    )
}

/// An annotator's relations by type, each once, sorted. (Overlap is
/// looked for among the other annotator's relations of the type: a
/// document's relations of one type are few.)
fn by_type(relations: &[MarkedRelation]) -> BTreeMap<&str, Vec<&MarkedRelation>> {
    let mut out: BTreeMap<&str, Vec<&MarkedRelation>> = BTreeMap::new();
    for r in relations {
        out.entry(r.label.as_str()).or_default().push(r);
    }
    for list in out.values_mut() {
        list.sort();
        list.dedup();
    }
    out
}

//! Curation: several annotators' spans of one document turned into the
//! gold `X.ron`. The units are those of the agreement study
//! ([`super::agree`]): every distinct (start, end) some annotator marked,
//! with each annotator's labels there. A unit on which at least `quorum`
//! annotators gave the same labels is **agreed** (merged into the gold
//! automatically when its labels are not none); every other unit is a
//! **disagreement**, to step through and resolve by taking one annotator's
//! version or rejecting them all.
//!
//! Relations follow their spans (see [`relations`]): those at least
//! `quorum` annotators drew are merged once both their ends are in the
//! gold, an annotator's others come with their version of a disagreement
//! at one of their ends, and one between two agreed places is a
//! disagreement of its own.
//!
//! The index is built once per document ([`CurationIndex::build`]) and
//! never changes: what the gold holds at a disagreement is read from the
//! gold itself, so taking a version is one edit of O(log n) (and of the
//! gold's relations, when relations are brought or removed).
//!
//! - `mod.rs`: the index, its disagreements and the edits of a take
//! - `relations.rs`: relations sorted into agreed, riding along and
//!   disagreements, and the gold as an edit will leave it

pub mod relations;

use self::relations::{GoldAfter, RelationIndex, RelationPlace, origin_of};
use super::agree::{Marked, MarkedRelation};
use crate::model::{AnnotationSet, Document, Edit, Origin, Span, Status};

/// A place where the annotators did not agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Each annotator's labels there, in the annotators' order (sorted,
    /// each once; empty: the annotator marked nothing there). For a
    /// relation disagreement: the relation's type for those who drew it.
    pub versions: Vec<Vec<String>>,
    /// For a disagreement on a relation between two agreed places (its
    /// from span at `start..end`): the relation.
    pub relation: Option<MarkedRelation>,
}

/// What taking a version of a disagreement does.
#[derive(Clone, Debug, PartialEq)]
pub enum Take {
    /// This edit of the gold.
    Edit(Box<Edit>),
    /// Nothing: the gold holds that version already.
    AlreadyThere,
    /// Nothing: the version is a relation and its ends are not both in
    /// the gold.
    EndsNotInGold,
}

/// A place enough annotators agreed on, with labels to merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreed {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The labels they agreed on.
    pub labels: Vec<String>,
    /// Those who gave them, in the annotators' order.
    pub annotators: Vec<usize>,
}

/// One document's units split into agreed ones and disagreements.
#[derive(Clone, Debug, Default)]
pub struct CurationIndex {
    annotators: Vec<String>,
    quorum: usize,
    agreed: Vec<Agreed>,
    disagreements: Vec<Disagreement>,
    /// The longest disagreement, in code points.
    max_len: usize,
    /// Agreed relations and those riding along span disagreements.
    relations: RelationIndex,
}

/// The smallest quorum allowed with `n` annotators: a strict majority, so
/// that two different versions can never both reach it.
pub fn smallest_quorum(n: usize) -> usize {
    n / 2 + 1
}

impl CurationIndex {
    /// Indexes one document: `spans[k]` and `relations[k]` are the
    /// accepted spans and relations of `annotators[k]`. `quorum` (clamped
    /// to a strict majority ..= all) is how many must give a unit the same
    /// labels (or draw the same relation) for it to be agreed.
    pub fn build(
        annotators: Vec<String>,
        spans: &[Vec<Marked>],
        relations: &[Vec<MarkedRelation>],
        quorum: usize,
    ) -> Self {
        let n = annotators.len();
        let quorum = quorum.clamp(smallest_quorum(n), n.max(1));
        let mut agreed = Vec::new();
        let mut disagreements = Vec::new();
        for ((start, end), versions) in super::agree::labels_at(spans) {
            // The most common version, and who gave it (the first
            // annotator's on a tie).
            let mut best: Vec<usize> = Vec::new();
            for (k, version) in versions.iter().enumerate() {
                let same: Vec<usize> = (0..n).filter(|&j| versions[j] == *version).collect();
                if same.len() > best.len() || (k == 0 && best.is_empty()) {
                    best = same;
                }
            }
            if best.len() >= quorum {
                let labels = &versions[best[0]];
                if !labels.is_empty() {
                    agreed.push(Agreed {
                        start,
                        end,
                        labels: labels.iter().map(|l| (*l).to_owned()).collect(),
                        annotators: best,
                    });
                }
            } else {
                disagreements.push(Disagreement {
                    start,
                    end,
                    versions: versions
                        .iter()
                        .map(|v| v.iter().map(|l| (*l).to_owned()).collect())
                        .collect(),
                    relation: None,
                });
            }
        }
        let at_disagreement = |m: &Marked| {
            disagreements
                .binary_search_by(|d| (d.start, d.end).cmp(&(m.start, m.end)))
                .is_ok()
        };
        let (relations, on_their_own) =
            relations::sort_relations(relations, n, quorum, &at_disagreement);
        for place in on_their_own {
            let from = &place.relation.from;
            disagreements.push(Disagreement {
                start: from.start,
                end: from.end,
                versions: (0..n)
                    .map(|k| {
                        if place.annotators.contains(&k) {
                            vec![place.relation.label.clone()]
                        } else {
                            Vec::new()
                        }
                    })
                    .collect(),
                relation: Some(place.relation),
            });
        }
        // Each relation after the span disagreements at its from span.
        disagreements.sort_by_key(|d| (d.start, d.end, d.relation.is_some()));
        let max_len = disagreements
            .iter()
            .map(|d| d.end - d.start)
            .max()
            .unwrap_or(0);
        Self {
            annotators,
            quorum,
            agreed,
            disagreements,
            max_len,
            relations,
        }
    }

    /// The relations with an end at `start..end` that are merged or
    /// brought with spans: agreed ones, and those riding along the span
    /// disagreement there (each with who drew it).
    pub fn relations_at(&self, start: usize, end: usize) -> impl Iterator<Item = &RelationPlace> {
        self.relations.at(start, end)
    }

    /// The annotators, in order.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// How many annotators must agree (after clamping).
    pub fn quorum(&self) -> usize {
        self.quorum
    }

    /// The agreed places with labels, in order of offsets.
    pub fn agreed(&self) -> &[Agreed] {
        &self.agreed
    }

    /// The disagreements, in order of offsets.
    pub fn disagreements(&self) -> &[Disagreement] {
        &self.disagreements
    }

    /// The disagreements sharing at least one code point with `range`, in
    /// order, with their places in [`Self::disagreements`]. Costs
    /// O(log n + disagreements starting within the longest one's length
    /// of `range`).
    pub fn disagreements_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &Disagreement)> {
        let first = self
            .disagreements
            .partition_point(|d| d.start + self.max_len <= range.start);
        self.disagreements[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, d)| d.start < range.end)
            .filter(move |(_, d)| d.end > range.start)
            .map(move |(k, d)| (first + k, d))
    }

    /// The edit that merges every agreed span the gold `set` lacks into
    /// it (accepted, origin the agreeing annotators joined by `+`), and
    /// every agreed relation both of whose ends are then in the gold, as
    /// one undoable step; `None` when the gold has them all.
    pub fn merge_agreed_edit(&self, doc: &Document, set: &AnnotationSet) -> Option<Edit> {
        let mut adds = Vec::new();
        let mut gold = GoldAfter::new(set);
        let mut next = set.next_id();
        for place in &self.agreed {
            let origin = origin_of(&self.annotators, &place.annotators);
            for label in &place.labels {
                if let Some(span) =
                    new_span(doc, set, (place.start, place.end), label, &origin, next)
                {
                    gold.add(span.clone());
                    adds.push(Edit::Add(span));
                    next += 1;
                }
            }
        }
        for place in self.relations.agreed() {
            let origin = origin_of(&self.annotators, &place.annotators);
            adds.extend(gold.add_relation(&place.relation, &origin));
        }
        (!adds.is_empty()).then_some(Edit::Batch(adds))
    }

    /// What taking `annotator`'s version of disagreement `at` does to the
    /// gold `set`. A span disagreement: its spans are added with origin
    /// `Annotator(NAME)`, other labels at those offsets removed (with
    /// their relations), and the annotator's relations there (and agreed
    /// ones) whose ends are then in the gold are added. A relation
    /// disagreement: added if the annotator drew it (and its ends are in
    /// the gold), removed if not. `annotator` = `None`: reject every
    /// version (the gold holds nothing at those offsets, or not the
    /// relation). `None` when there is no such disagreement or annotator.
    pub fn take_edit(
        &self,
        doc: &Document,
        set: &AnnotationSet,
        at: usize,
        annotator: Option<usize>,
    ) -> Option<Take> {
        let place = self.disagreements.get(at)?;
        let origin = match annotator {
            Some(k) => Origin::Annotator(self.annotators.get(k)?.clone()),
            None => Origin::Manual,
        };
        let labels: &[String] = match annotator {
            Some(k) => place.versions.get(k)?,
            None => &[],
        };
        let mut gold = GoldAfter::new(set);
        if let Some(relation) = &place.relation {
            let edits = if labels.is_empty() {
                gold.remove_relation(relation)
            } else if !gold.has_ends(relation) {
                return Some(Take::EndsNotInGold);
            } else {
                gold.add_relation(relation, &origin).into_iter().collect()
            };
            return Some(batch(edits));
        }
        let mut edits: Vec<Edit> = Vec::new();
        for span in gold_at(set, place.start, place.end).filter(|s| !labels.contains(&s.label)) {
            edits.extend(gold.remove(span));
        }
        let mut next = set.next_id();
        for label in labels {
            if let Some(span) = new_span(doc, set, (place.start, place.end), label, &origin, next) {
                gold.add(span.clone());
                edits.push(Edit::Add(span));
                next += 1;
            }
        }
        if let Some(k) = annotator {
            for relation in self.relations.at(place.start, place.end) {
                let origin = if relation.agreed {
                    origin_of(&self.annotators, &relation.annotators)
                } else if relation.annotators.contains(&k) {
                    origin.clone()
                } else {
                    continue;
                };
                edits.extend(gold.add_relation(&relation.relation, &origin));
            }
        }
        Some(batch(edits))
    }
}

/// The edits as one step, or nothing to do.
fn batch(edits: Vec<Edit>) -> Take {
    if edits.is_empty() {
        Take::AlreadyThere
    } else {
        Take::Edit(Box::new(Edit::Batch(edits)))
    }
}

/// The gold's spans at exactly `start..end`.
pub fn gold_at(set: &AnnotationSet, start: usize, end: usize) -> impl Iterator<Item = &Span> {
    set.overlapping(start..end)
        .filter(move |s| s.start == start && s.end == end)
}

/// A new accepted span for the gold, unless it has that one already.
fn new_span(
    doc: &Document,
    set: &AnnotationSet,
    (start, end): (usize, usize),
    label: &str,
    origin: &Origin,
    id: u64,
) -> Option<Span> {
    if set.find_same(start, end, label).is_some() {
        return None;
    }
    let text = doc.slice(start..end)?;
    let mut span = Span::manual(id, start, end, label, text);
    span.origin = origin.clone();
    span.status = Status::Accepted;
    Some(span)
}

#[cfg(test)]
mod tests;

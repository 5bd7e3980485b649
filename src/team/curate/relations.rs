//! Relations in curation. Each distinct relation some annotator drew
//! (type and both ends by offsets and label, as the agreement study sees
//! it: [`MarkedRelation`]) is one of three kinds:
//!
//! - **agreed**: at least `quorum` annotators drew it. It is merged into
//!   the gold as soon as both its ends are there: when the document opens
//!   into curation, or when taking a version brings an end.
//! - **riding along** a span disagreement: fewer drew it, and one of its
//!   ends is at a disagreement's offsets. Taking an annotator's version of
//!   that disagreement brings that annotator's relations there whose two
//!   ends are then in the gold.
//! - a **relation disagreement** of its own: fewer drew it and neither end
//!   is at a span disagreement (both ends are at agreed places). It is
//!   listed among the disagreements; taking the version of an annotator
//!   who drew it adds it (when both its ends are in the gold), of one who
//!   did not removes it.
//!
//! A relation on whose absence at least `quorum` agree is left out.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{AnnotationSet, Edit, Origin, Relation, Span, SpanId, Status};
use crate::team::agree::{Marked, MarkedRelation};

/// A relation some annotators drew, and who.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationPlace {
    /// The relation.
    pub relation: MarkedRelation,
    /// Those who drew it, in the annotators' order.
    pub annotators: Vec<usize>,
    /// Whether at least the quorum drew it.
    pub agreed: bool,
}

/// The relations of a curation that are merged or brought by spans:
/// agreed ones and those riding along a span disagreement, by the offsets
/// of their ends.
#[derive(Clone, Debug, Default)]
pub(super) struct RelationIndex {
    places: Vec<RelationPlace>,
    by_end: HashMap<(usize, usize), Vec<usize>>,
}

/// Sorts every distinct relation drawn into the index (agreed and riding
/// along) and the relation disagreements (returned, each with who drew
/// it). `at_disagreement`: whether a span disagreement has these offsets.
pub(super) fn sort_relations(
    relations: &[Vec<MarkedRelation>],
    n: usize,
    quorum: usize,
    at_disagreement: &dyn Fn(&Marked) -> bool,
) -> (RelationIndex, Vec<RelationPlace>) {
    let mut drawn: BTreeMap<&MarkedRelation, Vec<usize>> = BTreeMap::new();
    for (k, mine) in relations.iter().enumerate().take(n) {
        for r in mine {
            let who = drawn.entry(r).or_default();
            if who.last() != Some(&k) {
                who.push(k);
            }
        }
    }
    let mut index = RelationIndex::default();
    let mut disagreements = Vec::new();
    for (relation, annotators) in drawn {
        let agreed = annotators.len() >= quorum;
        if !agreed && n - annotators.len() >= quorum {
            continue;
        }
        let place = RelationPlace {
            relation: relation.clone(),
            annotators,
            agreed,
        };
        if agreed || at_disagreement(&relation.from) || at_disagreement(&relation.to) {
            let k = index.places.len();
            for end in [&relation.from, &relation.to] {
                let list = index.by_end.entry((end.start, end.end)).or_default();
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
            index.places.push(place);
        } else {
            disagreements.push(place);
        }
    }
    (index, disagreements)
}

impl RelationIndex {
    /// The agreed relations.
    pub(super) fn agreed(&self) -> impl Iterator<Item = &RelationPlace> {
        self.places.iter().filter(|p| p.agreed)
    }

    /// The indexed relations with an end at `start..end`.
    pub(super) fn at(&self, start: usize, end: usize) -> impl Iterator<Item = &RelationPlace> {
        self.by_end
            .get(&(start, end))
            .into_iter()
            .flatten()
            .map(|&k| &self.places[k])
    }
}

/// The gold as an edit under construction will leave it: its spans less
/// those removed, plus those added.
pub(super) struct GoldAfter<'a> {
    set: &'a AnnotationSet,
    removed: HashSet<SpanId>,
    added: Vec<Span>,
    relations_removed: HashSet<u64>,
    next_relation: u64,
}

impl<'a> GoldAfter<'a> {
    /// The gold as it is.
    pub(super) fn new(set: &'a AnnotationSet) -> Self {
        Self {
            set,
            removed: HashSet::new(),
            added: Vec::new(),
            relations_removed: HashSet::new(),
            next_relation: set.next_relation_id(),
        }
    }

    /// Notes a span added by the edit.
    pub(super) fn add(&mut self, span: Span) {
        self.added.push(span);
    }

    /// The edits that remove `span` and (first) its relations not removed
    /// yet; noted.
    pub(super) fn remove(&mut self, span: &Span) -> Vec<Edit> {
        self.removed.insert(span.id);
        let mut edits: Vec<Edit> = self
            .set
            .relations_of(span.id)
            .filter(|r| self.relations_removed.insert(r.id))
            .cloned()
            .map(Edit::RemoveRelation)
            .collect();
        edits.push(Edit::Remove(span.clone()));
        edits
    }

    /// The id of the span at `end`'s offsets with its label, if the gold
    /// will hold one.
    fn find(&self, end: &Marked) -> Option<SpanId> {
        let added = self.added.iter().find(|s| {
            (s.start, s.end, s.label.as_str()) == (end.start, end.end, end.label.as_str())
        });
        added.map(|s| s.id).or_else(|| {
            self.set
                .find_same(end.start, end.end, &end.label)
                .map(|s| s.id)
                .filter(|id| !self.removed.contains(id))
        })
    }

    /// Whether both ends of `relation` will be in the gold.
    pub(super) fn has_ends(&self, relation: &MarkedRelation) -> bool {
        self.find(&relation.from).is_some() && self.find(&relation.to).is_some()
    }

    /// The edit adding `relation` (accepted, with `origin`) to the gold,
    /// when both its ends will be there and the gold lacks it.
    pub(super) fn add_relation(
        &mut self,
        relation: &MarkedRelation,
        origin: &Origin,
    ) -> Option<Edit> {
        let from = self.find(&relation.from)?;
        let to = self.find(&relation.to)?;
        if gold_relations(self.set, relation).any(|r| !self.relations_removed.contains(&r.id)) {
            return None;
        }
        let id = self.next_relation;
        self.next_relation += 1;
        let mut added = Relation::manual(id, &relation.label, from, to);
        added.origin = origin.clone();
        added.status = Status::Accepted;
        Some(Edit::AddRelation(added))
    }

    /// The edits removing the gold's copies of `relation`.
    pub(super) fn remove_relation(&mut self, relation: &MarkedRelation) -> Vec<Edit> {
        let gone: Vec<Relation> = gold_relations(self.set, relation)
            .filter(|r| !self.relations_removed.contains(&r.id))
            .cloned()
            .collect();
        gone.into_iter()
            .map(|r| {
                self.relations_removed.insert(r.id);
                Edit::RemoveRelation(r)
            })
            .collect()
    }
}

/// The gold's relations that are `relation` (same type, ends at the same
/// offsets with the same labels; either way round when undirected).
/// O(the gold's relations).
pub fn gold_relations<'a>(
    set: &'a AnnotationSet,
    relation: &'a MarkedRelation,
) -> impl Iterator<Item = &'a Relation> {
    let from = set.find_same(relation.from.start, relation.from.end, &relation.from.label);
    from.into_iter().flat_map(move |from| {
        set.relations_of(from.id).filter(move |r| {
            r.label == relation.label
                && match (set.get(r.from), set.get(r.to)) {
                    (Some(a), Some(b)) => {
                        MarkedRelation::new(
                            &r.label,
                            Marked::of(a),
                            Marked::of(b),
                            relation.directed,
                        ) == *relation
                    }
                    _ => false,
                }
        })
    })
}

/// The origin of a relation drawn by `annotators` (names joined by `+`).
pub(super) fn origin_of(names: &[String], annotators: &[usize]) -> Origin {
    let who: Vec<&str> = annotators.iter().map(|&k| names[k].as_str()).collect();
    Origin::Annotator(who.join("+"))
}

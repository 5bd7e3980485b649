//! Merging the relations of three versions of an annotation file, after
//! their spans ([`super::merge_sets`]).
//!
//! A relation's **identity** is its type and its two ends' identities
//! (offsets and label, or for an orphan offsets, label and quote), never
//! its id or its ends' ids, which each side numbers as it likes. As for
//! spans: a relation is kept if both sides have it, or one side added it;
//! one of the base that a side deleted is deleted. Its fields (status,
//! origin, score) are ours unless ours are the base's and theirs differ. A
//! relation whose end is not in the merged set (a side deleted the span)
//! goes with it, as deleting a span deletes its relations. Our relations
//! keep their ids; theirs are renumbered when one of ours has the id.

use std::collections::{BTreeMap, HashMap};

use crate::model::{AnnotationSet, Relation, Span, SpanId};

/// A span's identity across the three versions: offsets, label, and for
/// an orphan its quote too.
type End = (usize, usize, String, Option<String>);

/// A relation's identity: its type and its two ends.
type Identity = (String, End, End);

/// The identity of every span and orphan of `set`, by id.
fn ends(set: &AnnotationSet) -> HashMap<SpanId, End> {
    let placed = set
        .spans()
        .iter()
        .map(|s| (s.id, (s.start, s.end, s.label.clone(), None)));
    let orphans = set.orphans().iter().map(|s: &Span| {
        (
            s.id,
            (s.start, s.end, s.label.clone(), Some(s.text.clone())),
        )
    });
    placed.chain(orphans).collect()
}

/// `set`'s relations by identity (those whose ends it has).
fn by_identity(set: &AnnotationSet) -> BTreeMap<Identity, &Relation> {
    let ends = ends(set);
    set.relations()
        .filter_map(|r| {
            let identity = (
                r.label.clone(),
                ends.get(&r.from)?.clone(),
                ends.get(&r.to)?.clone(),
            );
            Some((identity, r))
        })
        .collect()
}

/// Whether two relations differ in what a review changes.
fn same_fields(a: &Relation, b: &Relation) -> bool {
    (&a.origin, a.score, a.status) == (&b.origin, b.score, b.status)
}

/// Adds to `merged` (whose spans are merged already) the relations of
/// `base`, `ours` and `theirs` the rules keep; returns how many were
/// dropped because an end was deleted.
pub(super) fn merge_relations(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    merged: &mut AnnotationSet,
) -> usize {
    let (b, o, t) = (by_identity(base), by_identity(ours), by_identity(theirs));
    let merged_ids: HashMap<End, SpanId> =
        ends(merged).into_iter().map(|(id, e)| (e, id)).collect();
    let mut kept: Vec<(Relation, bool)> = Vec::new();
    for (identity, mine) in &o {
        match (t.get(identity), b.get(identity)) {
            (Some(their), Some(old)) if same_fields(mine, old) && !same_fields(their, old) => {
                let relation = Relation {
                    id: mine.id,
                    ..(*their).clone()
                };
                kept.push((relation, true));
            }
            (Some(_), _) | (None, None) => kept.push(((*mine).clone(), true)),
            // In the base, deleted by them.
            (None, Some(_)) => {}
        }
    }
    for (identity, their) in &t {
        if !o.contains_key(identity) && !b.contains_key(identity) {
            kept.push(((*their).clone(), false));
        }
    }
    let identities: HashMap<RelationKey, Identity> = o
        .iter()
        .map(|(i, r)| ((true, r.id), i.clone()))
        .chain(t.iter().map(|(i, r)| ((false, r.id), i.clone())))
        .collect();
    let mut dropped = 0;
    // Ours first, so that they keep their ids.
    kept.sort_by_key(|(r, is_ours)| (!is_ours, r.id));
    for (mut relation, is_ours) in kept {
        let Some((_, from, to)) = identities.get(&(is_ours, relation.id)) else {
            continue;
        };
        let (Some(&from), Some(&to)) = (merged_ids.get(from), merged_ids.get(to)) else {
            dropped += 1;
            continue;
        };
        (relation.from, relation.to) = (from, to);
        if merged.relation(relation.id).is_some() {
            relation.id = merged.next_relation_id();
        }
        merged.insert_relation(relation);
    }
    dropped
}

/// A relation of one side: whether it is ours, and its id there.
type RelationKey = (bool, u64);

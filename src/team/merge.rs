//! Merging three versions of one annotation file as sets of spans: what
//! `newsmark merge-driver` (a git merge driver) does.
//!
//! # Definition
//!
//! `base` is the common ancestor, `ours` and `theirs` the two sides. A
//! span's **identity** is its offsets and label (not its id: two people
//! numbering their new spans alike is no conflict).
//!
//! - **Membership**, identity by identity: a span is in the result if both
//!   sides have it, or one side added it (the base does not have it). A
//!   span of the base that one side removed is removed (removing is an
//!   edit, keeping is none); relabelling or resizing is removing the old
//!   identity and adding the new one, so a span one side removed and the
//!   other changed is kept in its changed version.
//! - **Its fields** (status, origin, score, quote): ours, unless ours is
//!   the base's and theirs differs (then theirs: their edit).
//! - **True conflict**: a span of the base (by id) that both sides changed
//!   (relabelled or resized), differently: both new versions are kept, as
//!   **pending** spans, for curation. Never conflict markers in the file.
//! - **Ids**: our spans keep their ids; theirs keep theirs unless one of
//!   ours has it, and are then renumbered. [`SetMerge::theirs_ids`] and
//!   [`SetMerge::ours_ids`] map each side's ids to the merged ones, so that
//!   what refers to spans by id (relations) can be merged after the spans.
//! - **Done** flag: the side that changed it (ours if both did).
//! - **Orphans** (spans set aside from an older text): merged the same
//!   way, by offsets, label and quote.
//! - **Relations**: merged after the spans, the same way, by type and the
//!   identities of their ends ([`relations`]); one whose end a side deleted
//!   goes with it.

use std::collections::{BTreeMap, HashMap};

use crate::model::{AnnotationSet, Span, SpanId, Status};
use crate::session::{overlaps, same_except_id};

/// A span's identity in a merge: offsets and label.
type Key = (usize, usize, String);

fn key(span: &Span) -> Key {
    (span.start, span.end, span.label.clone())
}

/// What [`merge_sets`] gives.
#[derive(Clone, Debug, Default)]
pub struct SetMerge {
    /// The merged spans.
    pub set: AnnotationSet,
    /// True conflicts: spans of the base both sides changed differently
    /// (each kept as two pending spans).
    pub conflicts: usize,
    /// Our span ids → their ids in the merged set (the spans kept).
    pub ours_ids: HashMap<SpanId, SpanId>,
    /// Their span ids → their ids in the merged set (renumbered when one of
    /// ours had the id, or the span is ours too).
    pub theirs_ids: HashMap<SpanId, SpanId>,
    /// Relations left out because a side deleted one of their ends.
    pub relations_dropped: usize,
}

/// Which side a merged span came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Ours,
    Theirs,
}

/// Merges `ours` and `theirs`, two edits of `base`; see the module
/// documentation for the rules.
pub fn merge_sets(base: &AnnotationSet, ours: &AnnotationSet, theirs: &AnnotationSet) -> SetMerge {
    let by_key = |set: &AnnotationSet| -> BTreeMap<Key, Span> {
        set.spans().iter().map(|s| (key(s), s.clone())).collect()
    };
    let (b, o, t) = (by_key(base), by_key(ours), by_key(theirs));
    // Kept spans, each with the side whose id it takes.
    let mut kept: BTreeMap<Key, (Span, Side)> = BTreeMap::new();
    for (k, mine) in &o {
        let in_base = b.get(k);
        match (t.get(k), in_base) {
            (Some(their), Some(old))
                if same_except_id(mine, old) && !same_except_id(their, old) =>
            {
                let span = Span {
                    id: mine.id,
                    ..their.clone()
                };
                kept.insert(k.clone(), (span, Side::Ours));
            }
            (Some(_), _) | (None, None) => {
                kept.insert(k.clone(), (mine.clone(), Side::Ours));
            }
            // In the base, removed by them.
            (None, Some(_)) => {}
        }
    }
    for (k, their) in &t {
        if !o.contains_key(k) && !b.contains_key(k) {
            kept.insert(k.clone(), (their.clone(), Side::Theirs));
        }
    }
    let conflicts = mark_conflicts(base, ours, theirs, &mut kept);
    let mut merge = place(kept, ours, theirs);
    merge.conflicts = conflicts;
    merge_orphans(base, ours, theirs, &mut merge.set);
    merge.relations_dropped = relations::merge_relations(base, ours, theirs, &mut merge.set);
    if ours.is_done() != base.is_done() {
        merge.set.set_done(ours.is_done());
    } else {
        merge.set.set_done(theirs.is_done());
    }
    merge
}

/// The version of `span` (a span of the base) in `side`: the span with its
/// id there, if that one overlaps it (the same span, perhaps changed).
fn counterpart<'a>(side: &'a AnnotationSet, span: &Span) -> Option<&'a Span> {
    side.get(span.id).filter(|s| overlaps(s, span))
}

/// Makes pending the two versions of each span of the base that both
/// sides changed (offsets or label) differently; returns how many.
fn mark_conflicts(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    kept: &mut BTreeMap<Key, (Span, Side)>,
) -> usize {
    let mut conflicts = 0;
    for old in base.spans() {
        let (Some(mine), Some(their)) = (counterpart(ours, old), counterpart(theirs, old)) else {
            continue;
        };
        let (k_old, k_mine, k_their) = (key(old), key(mine), key(their));
        if k_mine == k_old || k_their == k_old || k_mine == k_their {
            continue;
        }
        conflicts += 1;
        for k in [k_mine, k_their] {
            if let Some((span, _)) = kept.get_mut(&k) {
                span.status = Status::Pending;
            }
        }
    }
    conflicts
}

/// Builds the merged set: our spans with their ids, then theirs with
/// theirs unless taken (then renumbered); records each side's ids.
fn place(
    kept: BTreeMap<Key, (Span, Side)>,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
) -> SetMerge {
    let mut merge = SetMerge::default();
    let mut set = AnnotationSet::new();
    let (mine, their): (Vec<_>, Vec<_>) = kept
        .into_iter()
        .partition(|(_, (_, side))| *side == Side::Ours);
    // Ids any version used: a renumbered span takes one none of them had.
    let mut next = [ours, theirs]
        .iter()
        .flat_map(|s| {
            s.spans()
                .iter()
                .map(|s| s.id)
                .chain(s.orphans().iter().map(|s| s.id))
        })
        .max()
        .unwrap_or(0)
        + 1;
    for (k, (span, _)) in mine {
        let id = span.id;
        if set.insert(span) {
            merge.ours_ids.insert(id, id);
            if let Some(t) = theirs.find_same(k.0, k.1, &k.2) {
                merge.theirs_ids.insert(t.id, id);
            }
        }
    }
    for (_, (mut span, _)) in their {
        let old = span.id;
        if set.get(old).is_some() {
            span.id = next;
            next += 1;
        }
        let id = span.id;
        if set.insert(span) {
            merge.theirs_ids.insert(old, id);
        }
    }
    merge.set = set;
    merge
}

/// Merges the orphans by offsets, label and quote: kept if both sides have
/// one, or one side added it.
fn merge_orphans(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
    set: &mut AnnotationSet,
) {
    let orphan_key = |s: &Span| (s.start, s.end, s.label.clone(), s.text.clone());
    let keys = |set: &AnnotationSet| -> Vec<_> { set.orphans().iter().map(orphan_key).collect() };
    let (b, o, t) = (keys(base), keys(ours), keys(theirs));
    for span in ours.orphans() {
        let k = orphan_key(span);
        if t.contains(&k) || !b.contains(&k) {
            set.keep_as_orphan(span.clone());
        }
    }
    for span in theirs.orphans() {
        let k = orphan_key(span);
        if !o.contains(&k) && !b.contains(&k) {
            set.keep_as_orphan(span.clone());
        }
    }
}

mod relations;

#[cfg(test)]
mod tests;

//! The three-way merge of annotation sets: my edits since the common
//! ancestor, applied on top of another program's version.
//!
//! # Definition
//!
//! `base` is the set as the session last read or wrote the file, `mine` the
//! session's set, `theirs` the file as it is now (all on the same text). My
//! edits are the differences between `base` and `mine`, span by span (by
//! id): spans I added, removed, or changed (label, offsets, status, ...),
//! and the done flag. They are applied to `theirs`:
//!
//! - A span's **counterpart** in `theirs` is the span with its id if that
//!   one overlaps it (the same span, perhaps resized, relabelled or
//!   reviewed), else the span with its offsets and label (the same span
//!   renumbered, as an extractor writing its file anew does).
//! - **Added** by me: kept, unless `theirs` has a span with its offsets and
//!   label already; it takes a free id if its id is taken there.
//! - **Removed** by me: its counterpart is removed.
//! - **Changed** by me: its counterpart becomes my version (keeping the
//!   counterpart's id); with no counterpart (they removed it) my version is
//!   added back.
//! - **Done** flag: mine if I changed it.
//! - **Relations**, by id, the same way: a relation's counterpart in
//!   `theirs` has its type and its ends' counterparts (the one with its id
//!   first). Removed or changed by me: the counterpart is removed (and my
//!   version added back). Added or changed by me: added with its ends'
//!   counterparts in the merged set (a free id if its own is taken),
//!   unless the same relation is there; one whose end they removed is not
//!   added and counts as a conflict. Their relations on a span I removed
//!   go with it, as deleting a span deletes its relations. An end that is
//!   an orphan of mine is matched to the merged set's orphan equal to it.
//!
//! Where they changed or removed a span I also changed or removed, mine
//! wins and the case is counted as a conflict ([`MergeReport::conflicts`]).
//! Everything else of theirs is kept as they wrote it.

use std::collections::{HashMap, HashSet};

use crate::model::{AnnotationSet, Relation, RelationId, Span, SpanId};

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// My spans added to theirs.
    pub added: usize,
    /// Their spans removed because I removed them.
    pub removed: usize,
    /// Their spans replaced by my version.
    pub changed: usize,
    /// My edits already in theirs (the same span added on both sides).
    pub already: usize,
    /// Spans both sides changed or removed, resolved in favour of mine,
    /// and relations of mine whose end they removed (not added).
    pub conflicts: usize,
    /// My relations added, removed or changed in theirs.
    pub relations: usize,
}

impl MergeReport {
    /// "3 of your spans added, 1 removed, 0 changed; 1 conflict resolved in
    /// favour of yours".
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} of your spans added, {} removed, {} changed",
            self.added, self.removed, self.changed
        );
        if self.relations > 0 {
            text.push_str(&format!(
                ", {} added, removed or changed",
                crate::plural::counted(self.relations, "relation", "relations")
            ));
        }
        if self.conflicts > 0 {
            text.push_str(&format!(
                "; {} resolved in favour of yours",
                crate::plural::counted(self.conflicts, "conflict", "conflicts")
            ));
        }
        text
    }
}

/// Whether two spans share at least one code point.
pub(crate) fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The id of `span`'s counterpart in `set` (see the module documentation).
fn counterpart(set: &AnnotationSet, span: &Span) -> Option<SpanId> {
    match set.get(span.id) {
        Some(same_id) if overlaps(same_id, span) => Some(span.id),
        _ => set
            .find_same(span.start, span.end, &span.label)
            .map(|s| s.id),
    }
}

/// Adds `span` to `set` unless a span with its offsets and label is there;
/// with a free id if its own is taken. Returns whether it was added.
fn add(set: &mut AnnotationSet, mut span: Span) -> bool {
    if set.find_same(span.start, span.end, &span.label).is_some() {
        return false;
    }
    if set.get(span.id).is_some() {
        span.id = set.next_id();
    }
    set.insert(span)
}

/// Applies my edits (`base` to `mine`) to `theirs`; see the module
/// documentation for the exact rules.
pub fn merge_three_way(
    base: &AnnotationSet,
    mine: &AnnotationSet,
    theirs: &AnnotationSet,
) -> (AnnotationSet, MergeReport) {
    let mut merged = theirs.clone();
    let mut report = MergeReport::default();
    // My relation edits, their counterparts taken out before the spans
    // move (found through base's spans); mine to add back after.
    let to_add = take_out_my_relation_edits(base, mine, &mut merged, &mut report);
    let mut removed_by_me: HashSet<SpanId> = HashSet::new();
    let base_spans: HashMap<SpanId, &Span> = base.spans().iter().map(|s| (s.id, s)).collect();
    let mine_spans: HashMap<SpanId, &Span> = mine.spans().iter().map(|s| (s.id, s)).collect();

    // Removed by me.
    for old in base
        .spans()
        .iter()
        .filter(|s| !mine_spans.contains_key(&s.id))
    {
        if let Some(id) = counterpart(&merged, old) {
            let theirs_changed = merged.get(id).is_some_and(|t| !same_except_id(t, old));
            merged.remove(id);
            removed_by_me.insert(id);
            report.removed += 1;
            report.conflicts += usize::from(theirs_changed);
        }
    }
    // Changed by me.
    for new in mine.spans() {
        let Some(old) = base_spans.get(&new.id) else {
            continue;
        };
        if *old == new {
            continue;
        }
        match counterpart(&merged, old) {
            Some(id) => {
                let theirs_changed = merged.get(id).is_some_and(|t| !same_except_id(t, old));
                merged.remove(id);
                let placed = add(&mut merged, Span { id, ..new.clone() });
                report.conflicts += usize::from(theirs_changed);
                if placed {
                    report.changed += 1;
                } else {
                    report.already += 1;
                }
            }
            None => {
                // They removed a span I changed: mine wins.
                report.conflicts += 1;
                if add(&mut merged, new.clone()) {
                    report.changed += 1;
                } else {
                    report.already += 1;
                }
            }
        }
    }
    // Added by me.
    for new in mine
        .spans()
        .iter()
        .filter(|s| !base_spans.contains_key(&s.id))
    {
        if add(&mut merged, new.clone()) {
            report.added += 1;
        } else {
            report.already += 1;
        }
    }
    if mine.is_done() != base.is_done() {
        merged.set_done(mine.is_done());
    }
    // Their relations on spans I removed go with them.
    let stale: Vec<RelationId> = merged
        .relations()
        .filter(|r| removed_by_me.contains(&r.from) || removed_by_me.contains(&r.to))
        .map(|r| r.id)
        .collect();
    for id in stale {
        merged.remove_relation(id);
    }
    for relation in to_add {
        add_relation(&mut merged, mine, relation, &mut report);
    }
    (merged, report)
}

/// The id in `merged` of the span or orphan `id` of `set`: a span with its
/// offsets and label (or with its id, overlapping), an orphan equal to it
/// but for the id (the one with its id first).
fn end_in(merged: &AnnotationSet, set: &AnnotationSet, id: SpanId) -> Option<SpanId> {
    if let Some(span) = set.get(id) {
        return merged
            .find_same(span.start, span.end, &span.label)
            .map(|s| s.id)
            .or_else(|| counterpart(merged, span));
    }
    let orphan = set.orphan(id)?;
    if merged.orphan(id) == Some(orphan) {
        return Some(id);
    }
    let same = merged.orphans().iter().find(|o| same_except_id(o, orphan));
    same.map(|o| o.id)
}

/// The relation of `merged` that is `relation` of `set` (its ends taken
/// to `merged`'s ids): the one with its id if that one matches, else any
/// with its type and ends.
fn relation_counterpart(
    merged: &AnnotationSet,
    set: &AnnotationSet,
    relation: &Relation,
) -> Option<RelationId> {
    let from = end_in(merged, set, relation.from)?;
    let to = end_in(merged, set, relation.to)?;
    let matches = |r: &Relation| r.label == relation.label && (r.from, r.to) == (from, to);
    match merged.relation(relation.id) {
        Some(same_id) if matches(same_id) => Some(relation.id),
        _ => merged.relations_of(from).find(|r| matches(r)).map(|r| r.id),
    }
}

/// Takes out of `merged` (their set) the counterparts of the relations I
/// removed or changed since `base`; returns my relations to add once the
/// spans are merged (changed and added ones).
fn take_out_my_relation_edits(
    base: &AnnotationSet,
    mine: &AnnotationSet,
    merged: &mut AnnotationSet,
    report: &mut MergeReport,
) -> Vec<Relation> {
    let mut to_add = Vec::new();
    for old in base.relations() {
        let new = mine.relation(old.id);
        if new == Some(old) {
            continue;
        }
        if let Some(id) = relation_counterpart(merged, base, old) {
            merged.remove_relation(id);
            if new.is_none() {
                report.relations += 1;
            }
        }
        if let Some(new) = new {
            to_add.push(new.clone());
        }
    }
    let added = mine.relations().filter(|r| base.relation(r.id).is_none());
    to_add.extend(added.cloned());
    to_add
}

/// Adds my `relation` (ids of `mine`) to `merged` with its ends' ids there,
/// unless the same relation is there; with a free id if its own is taken.
/// An end missing there makes it a conflict, not added.
fn add_relation(
    merged: &mut AnnotationSet,
    mine: &AnnotationSet,
    mut relation: Relation,
    report: &mut MergeReport,
) {
    let ends = (
        end_in(merged, mine, relation.from),
        end_in(merged, mine, relation.to),
    );
    let (Some(from), Some(to)) = ends else {
        report.conflicts += 1;
        return;
    };
    (relation.from, relation.to) = (from, to);
    let same = merged
        .relations_of(from)
        .any(|r| r.label == relation.label && (r.from, r.to) == (from, to));
    if same {
        return;
    }
    if merged.relation(relation.id).is_some() {
        relation.id = merged.next_relation_id();
    }
    merged.insert_relation(relation);
    report.relations += 1;
}

/// Whether two spans are equal but for their ids.
pub(crate) fn same_except_id(a: &Span, b: &Span) -> bool {
    *a == Span {
        id: a.id,
        ..b.clone()
    }
}

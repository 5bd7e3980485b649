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
//!
//! Where they changed or removed a span I also changed or removed, mine
//! wins and the case is counted as a conflict ([`MergeReport::conflicts`]).
//! Everything else of theirs is kept as they wrote it.

use std::collections::HashMap;

use crate::model::{AnnotationSet, Span, SpanId};

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
    /// Spans both sides changed or removed, resolved in favour of mine.
    pub conflicts: usize,
}

impl MergeReport {
    /// "3 of your spans added, 1 removed, 0 changed; 1 conflict resolved in
    /// favour of yours".
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} of your spans added, {} removed, {} changed",
            self.added, self.removed, self.changed
        );
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
    (merged, report)
}

/// Whether two spans are equal but for their ids.
pub(crate) fn same_except_id(a: &Span, b: &Span) -> bool {
    *a == Span {
        id: a.id,
        ..b.clone()
    }
}

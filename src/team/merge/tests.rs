//! The merge rules, case by case.

use super::*;

fn span(id: SpanId, start: usize, end: usize, label: &str) -> Span {
    Span::manual(id, start, end, label, "x")
}

fn set(spans: &[Span]) -> AnnotationSet {
    AnnotationSet::from_spans(spans.to_vec())
}

/// The merged spans as (id, start, end, label, pending).
fn shown(merge: &SetMerge) -> Vec<(SpanId, usize, usize, String, bool)> {
    let spans = merge.set.spans();
    spans
        .iter()
        .map(|s| {
            (
                s.id,
                s.start,
                s.end,
                s.label.clone(),
                s.status == Status::Pending,
            )
        })
        .collect()
}

fn row(
    id: SpanId,
    start: usize,
    end: usize,
    label: &str,
    pending: bool,
) -> (SpanId, usize, usize, String, bool) {
    (id, start, end, label.to_owned(), pending)
}

#[test]
fn additions_on_both_sides_are_kept_and_a_taken_id_is_renumbered() {
    let base = set(&[span(1, 0, 5, "person")]);
    let ours = set(&[span(1, 0, 5, "person"), span(2, 10, 15, "country")]);
    let theirs = set(&[
        span(1, 0, 5, "person"),
        span(2, 20, 25, "role"),
        span(3, 10, 15, "country"),
    ]);
    let merge = merge_sets(&base, &ours, &theirs);
    assert_eq!(
        shown(&merge),
        [
            row(1, 0, 5, "person", false),
            row(2, 10, 15, "country", false),
            row(4, 20, 25, "role", false)
        ]
    );
    assert_eq!(merge.conflicts, 0);
    // Their 2 became 4; their 3 is our 2 (the same span).
    assert_eq!(merge.theirs_ids[&2], 4);
    assert_eq!(merge.theirs_ids[&3], 2);
    assert_eq!(merge.theirs_ids[&1], 1);
    assert_eq!(merge.ours_ids[&2], 2);
}

#[test]
fn removals_and_one_sided_changes_win_over_no_change() {
    let base = set(&[
        span(1, 0, 5, "person"),
        span(2, 10, 15, "country"),
        span(3, 20, 25, "role"),
    ]);
    // Ours removes 2; theirs relabels 3 and accepts nothing else.
    let ours = set(&[span(1, 0, 5, "person"), span(3, 20, 25, "role")]);
    let mut relabelled = span(3, 20, 25, "person");
    relabelled.status = Status::Accepted;
    let theirs = set(&[
        span(1, 0, 5, "person"),
        span(2, 10, 15, "country"),
        relabelled,
    ]);
    let merge = merge_sets(&base, &ours, &theirs);
    assert_eq!(
        shown(&merge),
        [
            row(1, 0, 5, "person", false),
            row(3, 20, 25, "person", false)
        ]
    );
    // Their change of a field (a suggestion accepted) is taken when ours did not change it.
    let mut pending = span(1, 0, 5, "person");
    pending.status = Status::Pending;
    let base = set(std::slice::from_ref(&pending));
    let accepted = set(&[span(1, 0, 5, "person")]);
    let merge = merge_sets(&base, &base, &accepted);
    assert_eq!(shown(&merge), [row(1, 0, 5, "person", false)]);
    let merge = merge_sets(&base, &accepted, &base);
    assert_eq!(shown(&merge), [row(1, 0, 5, "person", false)]);
}

#[test]
fn the_same_span_relabelled_differently_on_both_sides_is_kept_twice_pending() {
    let base = set(&[span(1, 0, 5, "person"), span(2, 10, 15, "country")]);
    let ours = set(&[span(1, 0, 5, "role"), span(2, 10, 15, "country")]);
    let theirs = set(&[span(1, 0, 5, "country"), span(2, 10, 16, "country")]);
    let merge = merge_sets(&base, &ours, &theirs);
    assert_eq!(merge.conflicts, 1);
    assert_eq!(
        shown(&merge),
        [
            row(1, 0, 5, "role", true),
            row(3, 0, 5, "country", true),
            row(2, 10, 16, "country", false),
        ]
    );
    // Both relabelled alike: no conflict.
    let merge = merge_sets(&base, &ours, &ours);
    assert_eq!(merge.conflicts, 0);
    assert_eq!(
        shown(&merge),
        [
            row(1, 0, 5, "role", false),
            row(2, 10, 15, "country", false)
        ]
    );
}

#[test]
fn the_done_flag_and_orphans_merge_too() {
    let base = set(&[]);
    let mut ours = set(&[]);
    ours.set_done(true);
    let mut theirs = set(&[span(1, 0, 5, "person")]);
    theirs.keep_as_orphan(span(1, 40, 45, "role"));
    let merge = merge_sets(&base, &ours, &theirs);
    assert!(merge.set.is_done());
    assert_eq!(merge.set.orphans().len(), 1);
    assert_eq!(merge.set.len(), 1);
}

#[test]
fn a_span_removed_on_one_side_and_changed_on_the_other_is_kept_changed() {
    let base = set(&[span(1, 0, 5, "person"), span(2, 10, 15, "country")]);
    let ours = set(&[span(2, 10, 15, "country")]);
    let theirs = set(&[span(1, 0, 5, "role"), span(2, 10, 15, "country")]);
    let merge = merge_sets(&base, &ours, &theirs);
    assert_eq!(
        shown(&merge),
        [
            row(1, 0, 5, "role", false),
            row(2, 10, 15, "country", false)
        ]
    );
    assert_eq!(merge.conflicts, 0);
}

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

/// `set` with the relations `(id, label, from, to)` added.
fn related(mut set: AnnotationSet, relations: &[(u64, &str, SpanId, SpanId)]) -> AnnotationSet {
    for &(id, label, from, to) in relations {
        assert!(set.insert_relation(crate::model::Relation::manual(id, label, from, to)));
    }
    set
}

/// A relation as (label, from span's offsets, to span's offsets).
type RelationShown = (String, (usize, usize), (usize, usize));

/// The merged relations, shown by their ends' offsets.
fn relations_shown(merge: &SetMerge) -> Vec<RelationShown> {
    let at = |id| {
        let s = merge.set.get(id).expect("an end in the merged set");
        (s.start, s.end)
    };
    let mut out: Vec<_> = merge
        .set
        .relations()
        .map(|r| (r.label.clone(), at(r.from), at(r.to)))
        .collect();
    out.sort();
    out
}

#[test]
fn relations_added_on_both_sides_are_kept_with_their_ends_renumbered() {
    let person = span(1, 0, 5, "person");
    let base = set(std::slice::from_ref(&person));
    // Ours: a role (id 2) held by the person. Theirs: a country with id 2
    // (renumbered in the merge) and a role at 20..25 of that country.
    let ours = related(
        set(&[person.clone(), span(2, 10, 15, "role")]),
        &[(1, "holds", 1, 2)],
    );
    let theirs = related(
        set(&[person, span(2, 30, 35, "country"), span(3, 10, 15, "role")]),
        &[(1, "of", 3, 2)],
    );
    let merge = merge_sets(&base, &ours, &theirs);
    assert_eq!(
        relations_shown(&merge),
        vec![
            ("holds".to_owned(), (0, 5), (10, 15)),
            ("of".to_owned(), (10, 15), (30, 35)),
        ]
    );
    let ids: Vec<u64> = merge.set.relations().map(|r| r.id).collect();
    assert_eq!(ids.len(), 2, "two relations, distinct ids: {ids:?}");
    assert_ne!(ids[0], ids[1]);
    assert_eq!(merge.relations_dropped, 0);
}

#[test]
fn a_relation_deleted_on_one_side_is_deleted_and_one_on_a_deleted_span_goes_with_it() {
    let spans = [
        span(1, 0, 5, "person"),
        span(2, 10, 15, "role"),
        span(3, 20, 25, "country"),
    ];
    let base = related(set(&spans), &[(1, "holds", 1, 2)]);
    // Ours deletes the relation; theirs keeps it and relates the role to a
    // country that ours deletes.
    let ours = set(&spans[..2]);
    let theirs = related(set(&spans), &[(1, "holds", 1, 2), (2, "of", 2, 3)]);
    let merge = merge_sets(&base, &ours, &theirs);
    assert_eq!(relations_shown(&merge), vec![]);
    assert_eq!(
        merge.relations_dropped, 1,
        "the `of` whose country ours deleted"
    );
}

#[test]
fn their_review_of_a_relation_ours_left_alone_is_taken() {
    let spans = [span(1, 0, 5, "person"), span(2, 10, 15, "role")];
    let mut pending = crate::model::Relation::manual(7, "holds", 1, 2);
    pending.status = Status::Pending;
    let mut base = set(&spans);
    base.insert_relation(pending.clone());
    let ours = base.clone();
    let mut theirs = set(&spans);
    theirs.insert_relation(crate::model::Relation {
        status: Status::Accepted,
        ..pending
    });
    let merge = merge_sets(&base, &ours, &theirs);
    let statuses: Vec<(u64, Status)> = merge.set.relations().map(|r| (r.id, r.status)).collect();
    assert_eq!(statuses, vec![(7, Status::Accepted)]);
}

//! Hand-made curations.

#![allow(clippy::unwrap_used)]

use super::*;

fn m(start: usize, end: usize, label: &str) -> Marked {
    Marked {
        start,
        end,
        label: label.to_owned(),
    }
}

/// The edit of a take that changes the gold.
fn edit(take: Option<Take>) -> Edit {
    match take {
        Some(Take::Edit(edit)) => *edit,
        other => panic!("no edit: {other:?}"),
    }
}

fn names(n: &[&str]) -> Vec<String> {
    n.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn units_all_agree_on_are_merged_the_rest_are_disagreements() {
    let ana = vec![m(0, 4, "person"), m(5, 9, "country"), m(10, 14, "role")];
    let bob = vec![m(0, 4, "person"), m(5, 9, "person")];
    let index = CurationIndex::build(names(&["ana", "bob"]), &[ana, bob], &[], 2);
    assert_eq!(index.agreed().len(), 1);
    assert_eq!(index.agreed()[0].labels, ["person"]);
    let at: Vec<_> = index
        .disagreements()
        .iter()
        .map(|d| (d.start, d.versions.clone()))
        .collect();
    assert_eq!(
        at,
        vec![
            (
                5,
                vec![vec!["country".to_owned()], vec!["person".to_owned()]]
            ),
            (10, vec![vec!["role".to_owned()], vec![]]),
        ]
    );
}

#[test]
fn two_of_three_merges_what_a_majority_gave_and_is_clamped_to_a_majority() {
    let a = vec![m(0, 4, "person"), m(5, 9, "role")];
    let b = vec![m(0, 4, "person")];
    let c = vec![m(0, 4, "role")];
    let spans = [a, b, c];
    let all = CurationIndex::build(names(&["a", "b", "c"]), &spans, &[], 3);
    assert_eq!(all.agreed().len(), 0);
    assert_eq!(all.disagreements().len(), 2);
    let two = CurationIndex::build(names(&["a", "b", "c"]), &spans, &[], 2);
    assert_eq!(two.agreed().len(), 1);
    assert_eq!(two.agreed()[0].annotators, [0, 1]);
    // 5..9: two of three marked nothing: agreed on none, not merged.
    assert!(two.disagreements().is_empty());
    let one = CurationIndex::build(names(&["a", "b", "c"]), &spans, &[], 1);
    assert_eq!(one.quorum(), 2);
}

#[test]
fn the_disagreements_in_a_range_are_those_sharing_a_code_point_with_it() {
    let ana = vec![m(0, 30, "person"), m(10, 12, "role"), m(40, 45, "role")];
    let index = CurationIndex::build(names(&["ana", "bob"]), &[ana, Vec::new()], &[], 2);
    let starts = |r: std::ops::Range<usize>| -> Vec<(usize, usize)> {
        index
            .disagreements_in(r)
            .map(|(k, d)| (k, d.start))
            .collect()
    };
    assert_eq!(starts(20..41), [(0, 0), (2, 40)]);
    assert_eq!(starts(12..40), [(0, 0)]);
    assert_eq!(starts(45..50), []);
}

#[test]
fn taking_a_version_replaces_the_gold_there_and_rejecting_empties_it() {
    let doc = Document::new("Ana Lopez met Bob".to_owned());
    let ana = vec![m(0, 9, "person")];
    let bob = vec![m(0, 9, "role")];
    let index = CurationIndex::build(names(&["ana", "bob"]), &[ana, bob], &[], 2);
    let mut set = AnnotationSet::new();
    let take = edit(index.take_edit(&doc, &set, 0, Some(1)));
    set.apply(&take).unwrap();
    let span = &set.spans()[0];
    assert_eq!(
        (span.label.as_str(), &span.origin),
        ("role", &Origin::Annotator("bob".to_owned()))
    );
    assert_eq!(
        index.take_edit(&doc, &set, 0, Some(1)),
        Some(Take::AlreadyThere)
    );
    let take = edit(index.take_edit(&doc, &set, 0, Some(0)));
    set.apply(&take).unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(set.spans()[0].label, "person");
    let reject = edit(index.take_edit(&doc, &set, 0, None));
    set.apply(&reject).unwrap();
    assert!(set.is_empty());
}

/// The gold's relations as (type, from's text, to's text, origin).
fn gold_relations(set: &AnnotationSet) -> Vec<(String, String, String, Origin)> {
    let mut out: Vec<_> = set
        .relations()
        .map(|r| {
            let text = |id| {
                set.get(id)
                    .map(|s| format!("{} {}", s.text, s.label))
                    .unwrap()
            };
            (r.label.clone(), text(r.from), text(r.to), r.origin.clone())
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    out
}

fn r(label: &str, from: &Marked, to: &Marked) -> MarkedRelation {
    MarkedRelation::new(label, from.clone(), to.clone(), true)
}

#[test]
fn relations_are_merged_brought_with_a_version_or_resolved_on_their_own() {
    let doc = Document::new("Issa Zarepour, the Minister of ICT of Iran, met Cuba's minister.");
    let (issa, iran, cuba) = (
        m(0, 13, "person"),
        m(38, 42, "country"),
        m(48, 52, "country"),
    );
    let (role, minister) = (m(19, 34, "role"), m(55, 63, "role"));
    let agreed = vec![issa.clone(), iran.clone(), cuba.clone(), minister.clone()];
    let mut ana = agreed.clone();
    ana.push(role.clone());
    let mut bob = agreed;
    bob.push(m(19, 34, "person"));
    let ana_rel = vec![
        r("holds", &issa, &role),
        r("of", &role, &iran),
        r("of", &minister, &cuba),
    ];
    // bob: the same `of` for Cuba's minister, and Zarepour holding it.
    let bob_rel = vec![r("of", &minister, &cuba), r("holds", &issa, &minister)];
    let index = CurationIndex::build(names(&["ana", "bob"]), &[ana, bob], &[ana_rel, bob_rel], 2);
    // The relation between two agreed places is a disagreement of its own,
    // before the span disagreement (at Zarepour's offsets).
    let places: Vec<_> = index
        .disagreements()
        .iter()
        .map(|d| (d.start, d.relation.is_some(), d.versions.clone()))
        .collect();
    assert_eq!(
        places,
        [
            (0, true, vec![vec![], vec!["holds".to_owned()]]),
            (
                19,
                false,
                vec![vec!["role".to_owned()], vec!["person".to_owned()]]
            ),
        ]
    );
    let mut set = AnnotationSet::new();
    // Its ends are not in the gold yet.
    assert_eq!(
        index.take_edit(&doc, &set, 0, Some(1)),
        Some(Take::EndsNotInGold)
    );
    // The merge: the 4 agreed spans and the relation both drew.
    set.apply(&index.merge_agreed_edit(&doc, &set).unwrap())
        .unwrap();
    let both = Origin::Annotator("ana+bob".to_owned());
    let ana_o = Origin::Annotator("ana".to_owned());
    let of_cuba = (
        "of".to_owned(),
        "minister role".to_owned(),
        "Cuba country".to_owned(),
        both.clone(),
    );
    assert_eq!(set.len(), 4);
    assert_eq!(gold_relations(&set), std::slice::from_ref(&of_cuba));
    // ana's role brings her two relations at it, both ends now in the gold.
    set.apply(&edit(index.take_edit(&doc, &set, 1, Some(0))))
        .unwrap();
    let holds = |who: &Origin| {
        (
            "holds".to_owned(),
            "Issa Zarepour person".to_owned(),
            "Minister of ICT role".to_owned(),
            who.clone(),
        )
    };
    let of_iran = (
        "of".to_owned(),
        "Minister of ICT role".to_owned(),
        "Iran country".to_owned(),
        ana_o.clone(),
    );
    assert_eq!(
        gold_relations(&set),
        [holds(&ana_o), of_iran, of_cuba.clone()]
    );
    // bob's person there removes the role with its relations.
    let take_bob = edit(index.take_edit(&doc, &set, 1, Some(1)));
    let before = set.clone();
    set.apply(&take_bob).unwrap();
    assert_eq!(gold_relations(&set), std::slice::from_ref(&of_cuba));
    assert!(set.find_same(19, 34, "person").is_some());
    // Undone exactly.
    set.apply(&take_bob.inverse()).unwrap();
    assert_eq!(gold_relations(&set), gold_relations(&before));
    set.apply(&take_bob).unwrap();
    // The relation disagreement: bob's version adds it, ana's removes it.
    set.apply(&edit(index.take_edit(&doc, &set, 0, Some(1))))
        .unwrap();
    let bobs = (
        "holds".to_owned(),
        "Issa Zarepour person".to_owned(),
        "minister role".to_owned(),
        Origin::Annotator("bob".to_owned()),
    );
    assert_eq!(gold_relations(&set), [bobs, of_cuba.clone()]);
    assert_eq!(
        index.take_edit(&doc, &set, 0, Some(1)),
        Some(Take::AlreadyThere)
    );
    set.apply(&edit(index.take_edit(&doc, &set, 0, Some(0))))
        .unwrap();
    assert_eq!(gold_relations(&set), [of_cuba]);
    assert_eq!(
        index.take_edit(&doc, &set, 0, None),
        Some(Take::AlreadyThere)
    );
}

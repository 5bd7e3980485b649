//! Relations and entity links as undoable edits in a session: add, retype,
//! review, delete; deleting a span or an orphan takes its relations in the
//! same step; link, unlink, review a link; re-anchoring, the merge with a
//! file changed on disk and the journal's restore keep relations.

use std::fs;
use std::path::PathBuf;

use newsmark::model::{AnnotationSet, Document, Edit, LabelSchema, Relation, Span, Status};
use newsmark::session::{RelationError, Session, merge_three_way};
use newsmark::store::{text_sha256, to_ron_string, to_ron_string_in_context};
use tempfile::TempDir;

use super::file::{TEXT, linked_set};

/// A saved pair `a.txt`/`a.ron` holding [`linked_set`], opened.
fn opened() -> (TempDir, PathBuf, Session) {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, TEXT).unwrap();
    let doc = Document::new(TEXT.to_owned());
    fs::write(
        dir.path().join("a.ron"),
        to_ron_string_in_context("a.txt", &doc, &linked_set()),
    )
    .unwrap();
    let session = Session::open(&txt, LabelSchema::default()).unwrap();
    assert_eq!(session.set(), &linked_set());
    (dir, txt, session)
}

/// Performs `edit`, checks undo gives back the set before and redo the set
/// after; returns the set after.
fn undoable(s: &mut Session, edit: Edit) -> AnnotationSet {
    let before = s.set().clone();
    s.perform(edit).unwrap();
    let after = s.set().clone();
    assert_ne!(after, before);
    s.undo().unwrap();
    assert_eq!(s.set(), &before);
    s.redo().unwrap();
    assert_eq!(s.set(), &after);
    after
}

#[test]
fn adding_retyping_reviewing_and_deleting_a_relation_are_undoable() {
    let (_dir, _txt, mut s) = opened();
    // Issa Zarepour (3) party_to Cuba (4)? Cuba is a country, not an
    // initiative: refused. holds 3 → 2 exists.
    assert!(matches!(
        s.add_relation_edit("party_to", 3, 4),
        Err(RelationError::Invalid(_))
    ));
    assert_eq!(
        s.add_relation_edit("holds", 3, 2),
        Err(RelationError::Exists(1))
    );
    assert_eq!(
        s.add_relation_edit("of", 2, 2),
        Err(RelationError::SameSpan)
    );
    assert_eq!(
        s.add_relation_edit("of", 2, 99),
        Err(RelationError::NoSuchSpan(99))
    );
    // Delete the pending suggestion, add it back by hand.
    let edit = s.delete_relation_edit(7).unwrap();
    assert_eq!(edit.describe(), "delete relation of");
    let set = undoable(&mut s, edit);
    assert!(set.relation(7).is_none());
    let edit = s.add_relation_edit("of", 2, 4).unwrap();
    assert_eq!(edit.describe(), "add relation of");
    let set = undoable(&mut s, edit);
    let added = set.relation(8).unwrap();
    assert_eq!(
        (added.from, added.to, added.status),
        (2, 4, Status::Accepted)
    );
    // Review and retype.
    s.undo().unwrap();
    s.undo().unwrap();
    let edit = s.review_relation_edit(7, Status::Accepted).unwrap();
    assert_eq!(edit.describe(), "accept relation of");
    assert_eq!(
        undoable(&mut s, edit).relation(7).unwrap().status,
        Status::Accepted
    );
    assert!(
        s.review_relation_edit(7, Status::Accepted).is_none(),
        "no change"
    );
    assert!(
        s.retype_relation_edit(1, "of").is_err(),
        "a person is not of a country"
    );
    assert!(
        s.retype_relation_edit(1, "party_to").is_err(),
        "a role is no initiative"
    );
}

#[test]
fn deleting_a_span_deletes_its_relations_in_the_same_undo_step() {
    let (_dir, _txt, mut s) = opened();
    let before = s.set().clone();
    // Minister of ICT (2) is in all three relations.
    let edit = s.delete_edit(2).unwrap();
    assert_eq!(edit.describe(), "delete role and 3 relations");
    s.perform(edit).unwrap();
    assert!(s.set().get(2).is_none());
    assert_eq!(s.set().relation_count(), 0);
    s.undo().unwrap();
    assert_eq!(
        s.set(),
        &before,
        "one undo brings the span and its relations back"
    );
    assert_eq!(s.history().peek_undo(), None);
    // A span without relations is deleted alone.
    let mut set = s.set().clone();
    set.insert(Span::manual(20, 48, 56, "role", "minister"));
    assert_eq!(
        set.delete_span_edit(20).map(|e| e.describe()).as_deref(),
        Some("delete role")
    );
}

#[test]
fn linking_unlinking_and_reviewing_a_link_are_undoable() {
    let (_dir, _txt, mut s) = opened();
    let edit = s.link_entity_edit(1, Some("iran")).unwrap();
    assert_eq!(edit.describe(), "link country");
    assert_eq!(
        undoable(&mut s, edit).get(1).unwrap().linked_entity(),
        Some("iran")
    );
    let edit = s.link_entity_edit(3, None).unwrap();
    assert_eq!(edit.describe(), "unlink person");
    assert_eq!(undoable(&mut s, edit).get(3).unwrap().entity, None);
    // Cuba's link is a pending suggestion: accepted, or rejected (kept,
    // so it is not offered again).
    assert_eq!(s.set().get(4).unwrap().linked_entity(), None);
    let edit = s.review_link_edit(4, Status::Accepted).unwrap();
    assert_eq!(edit.describe(), "accept link of country");
    assert_eq!(
        undoable(&mut s, edit).get(4).unwrap().linked_entity(),
        Some("cuba")
    );
    s.undo().unwrap();
    let edit = s.review_link_edit(4, Status::Rejected).unwrap();
    assert_eq!(edit.describe(), "reject link of country");
    let rejected = undoable(&mut s, edit);
    assert_eq!(rejected.get(4).unwrap().entity.as_deref(), Some("cuba"));
    assert!(s.review_link_edit(2, Status::Accepted).is_none(), "no link");
}

#[test]
fn relations_follow_their_spans_when_the_article_changes() {
    let (dir, txt, _s) = opened();
    // Text inserted before everything, and "Cuba’s minister" gone: Cuba (4)
    // becomes an orphan and keeps its relation 7.
    let changed = format!(
        "Reported today. {}",
        TEXT.replace(" met Cuba’s minister.", " left.")
    );
    fs::write(&txt, &changed).unwrap();
    let s = Session::open(&txt, LabelSchema::default()).unwrap();
    let set = s.set();
    assert_eq!(set.get(3).map(|z| z.start), Some(23 + 16), "moved");
    assert_eq!(set.orphans().iter().map(|o| o.id).collect::<Vec<_>>(), [4]);
    assert_eq!(set.relation_count(), 3);
    assert_eq!(set.relation(7).map(|r| (r.from, r.to)), Some((2, 4)));
    assert!(
        set.validate_relations(s.schema()).is_empty(),
        "ends are spans or orphans"
    );
    // Kept on saving, and deleting the orphan takes its relation.
    let mut s = s;
    s.save().unwrap();
    let saved = fs::read_to_string(dir.path().join("a.ron")).unwrap();
    assert!(
        saved.contains("(id: 7, label: \"of\", from: 2, to: 4"),
        "{saved}"
    );
    s.delete_orphan(4).unwrap();
    assert!(s.set().relation(7).is_none());
    s.undo().unwrap();
    assert!(s.set().relation(7).is_some() && s.set().orphan(4).is_some());
}

#[test]
fn a_session_reanchored_in_memory_keeps_its_relations() {
    let (_dir, txt, mut s) = opened();
    s.perform(s.delete_relation_edit(7).unwrap()).unwrap();
    s.perform(s.add_relation_edit("of", 2, 4).unwrap()).unwrap();
    fs::write(&txt, format!("Now: {TEXT}")).unwrap();
    let kept = s.keep_mine().unwrap();
    assert!(kept.text_changed);
    let ids: Vec<u64> = s.set().relations().map(|r| r.id).collect();
    assert_eq!(ids, [1, 2, 8]);
    assert_eq!(s.set().get(2).map(|r| r.start), Some(12));
}

#[test]
fn the_merge_carries_my_relation_edits_onto_theirs() {
    let base = linked_set();
    // Mine: relation 7 deleted, a new party_to-free relation "of" 2 → 4
    // accepted as 8, span Iran (1) deleted with its relation 2.
    let mut mine = base.clone();
    mine.apply(&mine.delete_span_edit(1).unwrap()).unwrap();
    mine.remove_relation(7);
    mine.insert_relation(Relation::manual(8, "of", 2, 4));
    // Theirs: every span renumbered (+100), relations renumbered too, and
    // a relation of theirs, 9: holds 103 → 102 kept.
    let mut theirs = AnnotationSet::new();
    for span in base.spans() {
        theirs.insert(Span {
            id: span.id + 100,
            ..span.clone()
        });
    }
    for r in base.relations() {
        theirs.insert_relation(Relation {
            id: r.id + 10,
            from: r.from + 100,
            to: r.to + 100,
            ..r.clone()
        });
    }
    let (merged, report) = merge_three_way(&base, &mine, &theirs);
    let ends: Vec<(u64, &str, u64, u64)> = merged
        .relations()
        .map(|r| (r.id, r.label.as_str(), r.from, r.to))
        .collect();
    // 11 (holds) stays; 12 (of 102 → 101) went with Iran; 17 (the pending
    // of) I deleted; mine (of 2 → 4) is added as 8 with their ids.
    assert_eq!(ends, [(8, "of", 102, 104), (11, "holds", 103, 102)]);
    // Three of my relation edits: 7 and 2 (with Iran) removed, 8 added.
    assert_eq!(report.relations, 3, "{report:?}");
    assert_eq!(report.conflicts, 0);
    assert!(merged.get(101).is_none());
    // A relation of mine on a span they removed is not added: a conflict.
    let mut theirs = base.clone();
    theirs.apply(&theirs.delete_span_edit(4).unwrap()).unwrap();
    let mut mine = base.clone();
    mine.insert_relation(Relation::manual(9, "party_to", 4, 3));
    let (merged, report) = merge_three_way(&base, &mine, &theirs);
    assert_eq!(report.conflicts, 1);
    assert!(merged.relation(9).is_none());
}

#[test]
fn restoring_a_set_restores_its_relations_in_one_step() {
    let (_dir, _txt, mut s) = opened();
    let wanted = {
        let mut set = s.set().clone();
        set.apply(&set.delete_span_edit(2).unwrap()).unwrap();
        set.insert_relation(Relation::manual(30, "party_to", 3, 4));
        set
    };
    let edit = s.restore_edit(&wanted).unwrap();
    let before = s.set().clone();
    s.perform(edit).unwrap();
    assert_eq!(s.set(), &wanted);
    s.undo().unwrap();
    assert_eq!(s.set(), &before);
    // And the journal written for it holds the relations.
    let doc = Document::new(TEXT.to_owned());
    let ron = to_ron_string("a.txt", &text_sha256(doc.text()), &wanted);
    assert!(
        ron.contains("(id: 30, label: \"party_to\", from: 3, to: 4)"),
        "{ron}"
    );
}

#[test]
fn a_type_that_is_not_directed_refuses_the_same_relation_the_other_way_round() {
    let (_dir, txt, _) = opened();
    let mut schema = LabelSchema::default();
    let holds = schema.relation("holds").unwrap().clone();
    schema.relations.push(newsmark::model::RelationDef {
        name: "near".to_owned(),
        hotkeys: vec!['n'],
        from: Vec::new(),
        to: Vec::new(),
        directed: false,
        ..holds
    });
    let mut s = Session::open(&txt, schema).unwrap();
    let edit = s.add_relation_edit("near", 1, 4).unwrap();
    s.perform(edit).unwrap();
    // Iran near Cuba is Cuba near Iran.
    assert_eq!(
        s.add_relation_edit("near", 4, 1),
        Err(RelationError::Exists(8))
    );
    // Retyping `of` 2 → 1 into `near` while `near` 1 → 2 exists: refused.
    let edit = s.add_relation_edit("near", 1, 2).unwrap();
    s.perform(edit).unwrap();
    assert_eq!(
        s.retype_relation_edit(2, "near"),
        Err(RelationError::Exists(9))
    );
}

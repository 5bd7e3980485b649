//! Pending relations are reviewed like pending spans everywhere: the
//! review panel's "Accept all" / "Reject all" (in the document and in the
//! folder, and its take-back) change the pending relations that pass the
//! filter (by origin and relation type, and score), and a document with a
//! pending relation is not done without the Ctrl+Enter question saying so.

use std::path::{Path, PathBuf};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{AnnotationSet, LabelSchema, Origin, Relation, Status};
use newsmark::session::{ReviewFilter, Session};
use newsmark::store;
use newsmark::ui::{Command, MarkDonePrompt, NewsmarkApp};

const TEXT: &str = "Zarepour, the Minister of ICT of Iran, spoke.\n";

/// Writes article `name`: Zarepour (person) a pending spaCy suggestion
/// when `pending_span`, else accepted; Minister of ICT (role) and Iran
/// (country) accepted; pending pattern relations `holds` 1 → 2 and `of`
/// 2 → 3.
fn article(dir: &Path, name: &str, pending_span: bool) -> PathBuf {
    let spans = [
        (1, "Zarepour", "person"),
        (2, "Minister of ICT", "role"),
        (3, "Iran", "country"),
    ];
    write_article(dir, name, TEXT, &spans, |set| {
        if pending_span {
            let mut person = set.remove(1).unwrap();
            person.origin = Origin::Extractor("spacy".into());
            person.status = Status::Pending;
            set.insert(person);
        }
        for (id, label, from, to) in [(1, "holds", 1, 2), (2, "of", 2, 3)] {
            set.insert_relation(Relation {
                origin: Origin::Extractor("pattern".into()),
                score: Some(0.8),
                status: Status::Pending,
                ..Relation::manual(id, label, from, to)
            });
        }
    })
}

fn on_disk(txt: &Path) -> Session {
    Session::open(txt, LabelSchema::default()).unwrap()
}

/// The statuses of relations 1 and 2.
fn relation_statuses(set: &AnnotationSet) -> [Option<Status>; 2] {
    [1, 2].map(|id| set.relation(id).map(|r| r.status))
}

fn here(harness: &Harness<'_, NewsmarkApp>) -> AnnotationSet {
    harness.state().session().unwrap().set().clone()
}

#[test]
fn accept_all_in_the_document_accepts_its_pending_relations_that_pass_the_filter() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article(dir.path(), "a", true);
    let mut harness = harness_for(&a);
    use Status::{Accepted, Pending};
    // One span and two relations; a relation passes by its type.
    harness.get_by_label("Accept all 3");
    execute(&mut harness, vec![Command::SetFilter(only_label("holds"))]);
    button(&harness, "Accept all 1").click();
    harness.run();
    assert_eq!(
        relation_statuses(&here(&harness)),
        [Some(Accepted), Some(Pending)]
    );
    assert_eq!(spans(&harness)[0].status, Pending, "not a holds");
    // By origin: the patterns' relations, not spaCy's span.
    let pattern = ReviewFilter {
        origin: Some("pattern".into()),
        ..ReviewFilter::default()
    };
    execute(&mut harness, vec![Command::SetFilter(pattern)]);
    button(&harness, "Reject all 1").click();
    harness.run();
    assert_eq!(
        relation_statuses(&here(&harness)),
        [Some(Accepted), Some(Status::Rejected)]
    );
    assert_eq!(spans(&harness)[0].status, Pending);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = on_disk(&a);
    assert_eq!(
        relation_statuses(saved.set()),
        [Some(Accepted), Some(Status::Rejected)]
    );
    // One undo step each.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        relation_statuses(&here(&harness)),
        [Some(Accepted), Some(Pending)]
    );
}

#[test]
fn accept_all_in_folder_accepts_relations_and_the_take_back_reopens_them() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article(dir.path(), "a", true);
    let b = article(dir.path(), "b", true);
    let mut harness = harness_for(&a);
    use Status::{Accepted, Pending};
    // a's three and b's three.
    run_folder_job(&mut harness, "Accept all in folder 6");
    let all = [Some(Accepted), Some(Accepted)];
    assert_eq!(relation_statuses(&here(&harness)), all);
    assert_eq!(relation_statuses(on_disk(&b).set()), all);
    assert_eq!(on_disk(&b).set().spans()[0].status, Accepted);
    let said = notice_text(&harness);
    assert!(
        said.starts_with("Accepted 6 suggestions in 2 documents"),
        "{said}"
    );

    run_folder_job(&mut harness, "Take back the folder-wide accept");
    let none = [Some(Pending), Some(Pending)];
    assert_eq!(relation_statuses(&here(&harness)), none);
    assert_eq!(relation_statuses(on_disk(&b).set()), none);
    assert_eq!(on_disk(&b).set().spans()[0].status, Pending);
}

#[test]
fn ctrl_enter_on_a_document_whose_only_pending_suggestion_is_a_relation_asks() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article(dir.path(), "a", false);
    let mut harness = harness_for(&a);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().mark_done_prompt(),
        Some(MarkDonePrompt {
            pending: 0,
            links: 0,
            relations: 2
        })
    );
    harness.get_by_label_contains("a.txt has 2 relations nobody has reviewed");
    let ron = std::fs::read_to_string(store::paired_ron_path(&a)).unwrap();
    assert!(!ron.contains("done: true"), "{ron}");
    // The document list counts its relations to review.
    harness.key_press(Key::Escape);
    harness.run();
    let summary = newsmark::corpus::DocSummary::of(on_disk(&a).set());
    assert_eq!(summary.counts.describe(), "3 spans · 2 pending relations");
}

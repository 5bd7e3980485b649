//! The review panel's "Accept all" / "Reject all" review pending entity
//! links as A and X do: a suggested link of an accepted span is accepted
//! (rejected) and counted in N, a pending span accepted takes its
//! suggested link with it, all as one undo step; folder-wide too, and
//! "Take back" makes the links pending again.

use std::path::{Path, PathBuf};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{AnnotationSet, LabelSchema, Origin, Status};
use newsmark::session::{ReviewFilter, Session};
use newsmark::ui::{Command, NewsmarkApp};

use super::link_review::{SPANS, TEXT};

use Status::{Accepted, Pending, Rejected};

/// Writes article `name`: Zarepour accepted with a suggested link,
/// Minister of ICT a pending spaCy suggestion, Iran a pending spaCy
/// suggestion with a suggested link.
fn article(dir: &Path, name: &str) -> PathBuf {
    write_article(dir, name, TEXT, &SPANS, |set| {
        for id in [1, 2, 3] {
            let mut span = set.remove(id).unwrap();
            if id != 2 {
                span.entity = Some(if id == 1 { "issa-zarepour" } else { "iran" }.into());
                span.entity_status = Pending;
            }
            if id != 1 {
                span.origin = Origin::Extractor("spacy".into());
                span.status = Pending;
            }
            set.insert(span);
        }
    })
}

/// (status, link status) of spans 1, 2 and 3.
fn statuses(set: &AnnotationSet) -> [(Status, Status); 3] {
    [1, 2, 3].map(|id| {
        let span = set.get(id).unwrap();
        (span.status, span.entity_status)
    })
}

fn here(harness: &Harness<'_, NewsmarkApp>) -> AnnotationSet {
    harness.state().session().unwrap().set().clone()
}

fn on_disk(txt: &Path) -> AnnotationSet {
    Session::open(txt, LabelSchema::default())
        .unwrap()
        .set()
        .clone()
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Before any review: Zarepour's link pending, the two suggestions pending
/// with Iran's link.
const BEFORE: [(Status, Status); 3] =
    [(Accepted, Pending), (Pending, Accepted), (Pending, Pending)];

#[test]
fn accept_all_accepts_pending_links_and_the_links_of_the_spans_it_accepts_in_one_undo_step() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article(dir.path(), "a");
    let mut harness = harness_for(&a);
    // Two pending spans and Zarepour's pending link: the work left.
    assert_eq!(statuses(&here(&harness)), BEFORE);
    button(&harness, "Accept all 3").click();
    harness.run();
    let all = [(Accepted, Accepted); 3];
    assert_eq!(statuses(&here(&harness)), all);
    harness.get_by_label("No pending suggestions in this document.");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(statuses(&on_disk(&a)), all);
    let ron = std::fs::read_to_string(a.with_extension("ron")).unwrap();
    assert!(!ron.contains("Pending"), "{ron}");
    // One undo step.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(statuses(&here(&harness)), BEFORE);

    // Reject all: Zarepour's link rejected, the spans rejected, Iran's link
    // left as it is (as X leaves it).
    button(&harness, "Reject all 3").click();
    harness.run();
    assert_eq!(
        statuses(&here(&harness)),
        [
            (Accepted, Rejected),
            (Rejected, Accepted),
            (Rejected, Pending)
        ]
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(statuses(&here(&harness)), BEFORE);
}

#[test]
fn a_filter_by_origin_passes_no_link_and_its_count_promises_none() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article(dir.path(), "a");
    let mut harness = harness_for(&a);
    let spacy = ReviewFilter {
        origin: Some("spacy".into()),
        ..ReviewFilter::default()
    };
    execute(&mut harness, vec![Command::SetFilter(spacy)]);
    button(&harness, "Accept all 2").click();
    harness.run();
    // The spans accepted; the links, which a filter by origin does not
    // pass, still pending: work left, and said so.
    assert_eq!(
        statuses(&here(&harness)),
        [
            (Accepted, Pending),
            (Accepted, Accepted),
            (Accepted, Pending)
        ]
    );
    harness.get_by_label("Its entity links: 2 pending");
    // By label, a link passes: Iran's.
    execute(
        &mut harness,
        vec![Command::SetFilter(only_label("country"))],
    );
    button(&harness, "Accept all 1").click();
    harness.run();
    assert_eq!(statuses(&here(&harness))[2], (Accepted, Accepted));
}

#[test]
fn accept_all_in_folder_accepts_links_and_the_take_back_makes_them_pending_again() {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article(dir.path(), "a");
    let b = article(dir.path(), "b");
    let mut harness = harness_for(&a);
    run_folder_job(&mut harness, "Accept all in folder 6");
    let all = [(Accepted, Accepted); 3];
    assert_eq!(statuses(&here(&harness)), all);
    assert_eq!(statuses(&on_disk(&b)), all);
    let said = notice_text(&harness);
    // What the button promised: in each document two spans (Iran's link
    // with its span) and Zarepour's link.
    assert!(
        said.starts_with("Accepted 6 suggestions in 2 documents"),
        "{said}"
    );

    run_folder_job(&mut harness, "Take back the folder-wide accept");
    assert_eq!(statuses(&here(&harness)), BEFORE);
    assert_eq!(statuses(&on_disk(&b)), BEFORE);
}

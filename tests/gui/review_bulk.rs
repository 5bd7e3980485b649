//! The review panel's bulk actions: "Accept all N" / "Reject all N" count
//! what passes the filter and act on this document only; "… in folder"
//! acts on every document (the open one as one undo step, the others in
//! their files, in the background, skipping and naming a file it cannot
//! read) and can be taken back. Also: N clears a stale "none left".

use std::path::{Path, PathBuf};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{AnnotationSet, LabelSchema, Origin, Span, Status};
use newsmark::session::{ReviewFilter, Session};
use newsmark::store;
use newsmark::ui::{Command, NewsmarkApp};

const TEXT: &str = "Iran and Cuba met in Havana. Zarepour spoke for Iran.\n";

/// Writes article `name` with pending spaCy suggestions: Iran, Cuba,
/// Havana (country) and Zarepour (person).
fn article_with_suggestions(dir: &Path, name: &str) -> PathBuf {
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, TEXT).unwrap();
    let doc = store::read_text(&txt).unwrap();
    let at = |needle: &str| TEXT[..TEXT.find(needle).unwrap()].chars().count();
    let spans = [
        ("Iran", "country"),
        ("Cuba", "country"),
        ("Havana", "country"),
        ("Zarepour", "person"),
    ]
    .into_iter()
    .enumerate()
    .map(|(k, (word, label))| Span {
        origin: Origin::Extractor("spacy".into()),
        score: Some(0.8),
        status: Status::Pending,
        ..Span::manual(k as u64 + 1, at(word), at(word) + word.len(), label, word)
    })
    .collect();
    let set = AnnotationSet::from_spans(spans);
    store::save_annotations(
        &store::paired_ron_path(&txt),
        &format!("{name}.txt"),
        &doc,
        &set,
    )
    .unwrap();
    txt
}

/// A folder of three articles with suggestions, `a` (opened), `b`, and `c`
/// whose annotation file cannot be read.
fn folder() -> (tempfile::TempDir, PathBuf, Harness<'static, NewsmarkApp>) {
    let dir = tempfile::TempDir::new().unwrap();
    let a = article_with_suggestions(dir.path(), "a");
    article_with_suggestions(dir.path(), "b");
    let c = article_with_suggestions(dir.path(), "c");
    std::fs::write(store::paired_ron_path(&c), "(format: 1, spans: [ broken").unwrap();
    let harness = harness_for(&a);
    (dir, a, harness)
}

fn statuses_on_disk(txt: &Path) -> Vec<Status> {
    let session = Session::open(txt, LabelSchema::default()).unwrap();
    session.set().spans().iter().map(|s| s.status).collect()
}

fn statuses_here(harness: &Harness<'_, NewsmarkApp>) -> Vec<Status> {
    spans(harness).iter().map(|s| s.status).collect()
}

#[test]
fn the_bulk_buttons_count_what_passes_the_filter() {
    let (_dir, _a, mut harness) = folder();
    // The review panel opens by itself: the folder has suggestions.
    harness.get_by_label("Accept all 4");
    harness.get_by_label("Reject all 4");
    // b's four; c's file cannot be read, so it counts none.
    harness.get_by_label("Accept all in folder 8");
    execute(&mut harness, vec![Command::SetFilter(only_label("person"))]);
    harness.get_by_label("Accept all 1");
    harness.get_by_label("Reject all in folder 2");

    // "Accept all" acts on this document only, as one undo step.
    button(&harness, "Accept all 1").click();
    harness.run();
    use Status::{Accepted, Pending};
    assert_eq!(
        statuses_here(&harness),
        [Pending, Pending, Pending, Accepted]
    );
    harness.get_by_label("Accept all 0");
    harness.get_by_label("Accept all in folder 1");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label("Accept all 1");
}

#[test]
fn accept_all_in_folder_changes_every_readable_document_and_can_be_taken_back() {
    let (dir, _a, mut harness) = folder();
    let b = dir.path().join("b.txt");
    let c_ron = store::paired_ron_path(&dir.path().join("c.txt"));
    let c_before = std::fs::read(&c_ron).unwrap();
    execute(
        &mut harness,
        vec![Command::SetFilter(only_label("country"))],
    );
    run_folder_job(&mut harness, "Accept all in folder 6");
    use Status::{Accepted, Pending};
    let reviewed = [Accepted, Accepted, Accepted, Pending];
    assert_eq!(statuses_here(&harness), reviewed);
    assert_eq!(statuses_on_disk(&b), reviewed);
    assert_eq!(
        std::fs::read(&c_ron).unwrap(),
        c_before,
        "never overwritten"
    );
    let said = notice_text(&harness);
    assert!(
        said.starts_with("Accepted 6 suggestions in 2 documents"),
        "{said}"
    );
    assert!(
        said.contains("1 document skipped, unchanged: c.txt: its annotation file is protected"),
        "{said}"
    );
    // The open document was not written: its change is one undo step.
    assert!(harness.state().session().unwrap().is_dirty());

    // Take back: every document's suggestions are pending again.
    run_folder_job(&mut harness, "Take back the folder-wide accept");
    assert_eq!(statuses_here(&harness), [Pending; 4]);
    assert_eq!(statuses_on_disk(&b), [Pending; 4]);
    assert_eq!(std::fs::read(&c_ron).unwrap(), c_before);
    assert!(notice_text(&harness).starts_with("Made pending again 6 suggestions in 2 documents"));
    // Ctrl+Z in the window undoes the take-back of the open document.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(statuses_here(&harness), reviewed);
}

#[test]
fn n_replaces_a_stale_none_left_when_it_finds_one() {
    let (_dir, _a, mut harness) = folder();
    execute(&mut harness, vec![Command::SetFilter(only_label("role"))]);
    harness.key_press(Key::N);
    harness.run();
    assert!(notice_text(&harness).starts_with("No pending suggestions left"));
    execute(
        &mut harness,
        vec![Command::SetFilter(ReviewFilter::default())],
    );
    harness.key_press(Key::N);
    harness.run();
    assert!(harness.state().selected_span().is_some());
    let said = notice_text(&harness);
    assert_eq!(
        said,
        "4 pending suggestions to review (with the current filter)"
    );
}

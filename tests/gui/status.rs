//! Counting and status in the window: accepted spans and pending
//! suggestions are counted apart (status bar, span list, document list,
//! statistics), a document with only unreviewed suggestions is `to review`,
//! the open document's line follows edits before they are saved, Ctrl+Enter
//! asks before marking done a document with pending suggestions, and moving
//! past the last document says it wrapped.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{AnnotationSet, Origin, Span, Status};
use newsmark::ui::{MarkDonePrompt, NewsmarkApp};

/// Accepted spans and pending suggestions of the open document.
fn accepted_and_pending(harness: &Harness<'_, NewsmarkApp>) -> (usize, usize) {
    let spans = spans(harness);
    let count = |status| spans.iter().filter(|s| s.status == status).count();
    (count(Status::Accepted), count(Status::Pending))
}

/// Writes an article, and its annotations if `spans` is not empty.
fn article(dir: &Path, name: &str, text: &str, spans: Vec<Span>) -> PathBuf {
    let txt = dir.join(format!("{name}.txt"));
    fs::write(&txt, text).unwrap();
    if !spans.is_empty() {
        let set = AnnotationSet::from_spans(spans);
        let sha = newsmark::store::text_sha256(text);
        let ron = newsmark::store::to_ron_string(&format!("{name}.txt"), &sha, &set);
        fs::write(dir.join(format!("{name}.ron")), ron).unwrap();
    }
    txt
}

/// A pending suggestion of spaCy's, as `newsmark import` writes them.
fn suggestion(id: u64, start: usize, end: usize, label: &str, text: &str) -> Span {
    Span {
        origin: Origin::Extractor("spacy".into()),
        status: Status::Pending,
        ..Span::manual(id, start, end, label, text)
    }
}

const TEXT: &str = "Iran and Cuba signed an agreement.\n";

/// `a` has only imported suggestions, `b` nothing, `c` a span tagged by
/// hand.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    article(
        dir.path(),
        "a",
        TEXT,
        vec![
            suggestion(1, 0, 4, "country", "Iran"),
            suggestion(2, 9, 13, "country", "Cuba"),
        ],
    );
    article(dir.path(), "b", TEXT, Vec::new());
    article(
        dir.path(),
        "c",
        TEXT,
        vec![Span::manual(1, 0, 4, "country", "Iran")],
    );
    dir
}

fn ron(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(format!("{name}.ron"))).unwrap()
}

fn open_name(harness: &Harness<'_, NewsmarkApp>) -> String {
    newsmark::store::file_name(harness.state().session().unwrap().txt_path())
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn a_tag_and_its_offered_occurrences_are_counted_apart_and_listed_before_saving() {
    let (dir, txt) = temp_article(SAMPLE, false);
    article(dir.path(), "zz-other", TEXT, Vec::new());
    let mut harness = harness_for(&txt);
    let name = newsmark::store::file_name(&txt);
    harness.get_by_label(&format!("[new] {name} · 0 spans"));

    // Tag one "Iran" as a country: its other occurrences are offered.
    let iran = find(&harness, "Iran");
    drag(&mut harness, iran, iran + 3, Modifiers::NONE);
    harness.key_press(Key::Num3);
    harness.run();
    step_while(&mut harness, "the occurrence scan", |app| {
        app.is_scanning_occurrences()
    });
    let (accepted, pending) = accepted_and_pending(&harness);
    assert_eq!(accepted, 1);
    assert!(pending > 0, "other occurrences offered");
    assert!(harness.state().session().unwrap().is_dirty(), "not saved");

    // The status bar and the span list's heading.
    harness.get_by_label(&format!("1 span · {pending} pending"));
    harness.get_by_label(&format!("country 1 (+{pending} pending)"));
    harness.get_by_label(&format!("- country 1 (+{pending} pending)"));
    // The document list's line follows the edit, unsaved.
    harness.get_by_label(&format!(
        "[in progress] {name} · 1 span · {pending} pending"
    ));
    harness.get_by_label("[new] zz-other.txt · 0 spans");

    // Accepting one moves it from pending to spans, everywhere at once.
    press(&mut harness, Modifiers::NONE, Key::N);
    press(&mut harness, Modifiers::NONE, Key::A);
    assert_eq!(accepted_and_pending(&harness), (2, pending - 1));
    let rest = pending - 1;
    harness.get_by_label(&format!("2 spans · {rest} pending"));
    harness.get_by_label(&format!("[in progress] {name} · 2 spans · {rest} pending"));
}

#[test]
fn a_document_with_only_imported_suggestions_is_to_review() {
    let dir = folder();
    let mut harness = harness_for(&dir.path().join("b.txt"));
    // Suggestions in the folder show the review panel first.
    harness.get_by_label("Documents").click();
    harness.run();
    harness.get_by_label("[to review] a.txt · 0 spans · 2 pending");
    harness.get_by_label("[new] b.txt · 0 spans");
    harness.get_by_label("[in progress] c.txt · 1 span");
    press(&mut harness, Modifiers::COMMAND, Key::T);
    for figure in ["new: 1", "to review: 1", "in progress: 1", "done: 0"] {
        harness.get_by_label(figure);
    }
    press(&mut harness, Modifiers::COMMAND, Key::T);

    // Reviewing one suggestion is human work: in progress, before saving,
    // in the list and in the statistics.
    harness
        .get_by_label("[to review] a.txt · 0 spans · 2 pending")
        .click();
    harness.run();
    assert_eq!(open_name(&harness), "a.txt");
    press(&mut harness, Modifiers::NONE, Key::N);
    press(&mut harness, Modifiers::NONE, Key::X);
    assert!(harness.state().session().unwrap().is_dirty());
    harness.get_by_label("[in progress] a.txt · 0 spans · 1 pending");
    press(&mut harness, Modifiers::COMMAND, Key::T);
    harness.get_by_label("to review: 0");
    harness.get_by_label("in progress: 2");
}

#[test]
fn ctrl_enter_with_pending_suggestions_asks_before_marking_done() {
    let dir = folder();
    let mut harness = harness_for(&dir.path().join("a.txt"));

    // Asked, and nothing is written until it is answered.
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    assert_eq!(
        harness.state().mark_done_prompt(),
        Some(MarkDonePrompt {
            pending: 2,
            links: 0,
            relations: 0
        })
    );
    harness.get_by_label("Suggestions still to review");
    harness.get_by_label_contains("a.txt has 2 suggestions nobody has reviewed");
    harness.run_steps(3);
    assert!(!ron(dir.path(), "a").contains("done: true"));
    assert_eq!(open_name(&harness), "a.txt");

    // Esc: nothing changes.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().mark_done_prompt(), None);
    assert!(!harness.state().session().unwrap().set().is_done());
    assert_eq!(open_name(&harness), "a.txt");

    // R: stays, with the first pending suggestion selected.
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::R);
    assert_eq!(harness.state().mark_done_prompt(), None);
    assert_eq!(harness.state().selected_span(), Some(1));
    assert!(!ron(dir.path(), "a").contains("done: true"));

    // Enter: marked done with its suggestions pending, saved, next.
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    assert!(harness.state().mark_done_prompt().is_some());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(harness.state().mark_done_prompt(), None);
    let saved = ron(dir.path(), "a");
    assert!(saved.contains("done: true"), "{saved}");
    assert!(saved.contains("status: Pending"), "{saved}");
    assert_eq!(open_name(&harness), "b.txt");

    // A document with nothing pending is marked done without a question.
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    assert_eq!(harness.state().mark_done_prompt(), None);
    assert!(ron(dir.path(), "b").contains("done: true"));
    assert_eq!(open_name(&harness), "c.txt");
}

#[test]
fn moving_past_the_last_or_first_document_says_it_wrapped() {
    let dir = folder();
    let mut harness = harness_for(&dir.path().join("b.txt"));
    press(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_name(&harness), "c.txt");
    let notice = harness.state().notice().map(|n| n.text.clone());
    assert!(
        notice.as_deref().is_none_or(|n| !n.contains("back to")),
        "no wrap: {notice:?}"
    );

    press(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(open_name(&harness), "a.txt");
    harness.get_by_label("That was the last document of the folder: back to the first, a.txt.");

    press(&mut harness, Modifiers::COMMAND, Key::PageUp);
    assert_eq!(open_name(&harness), "c.txt");
    harness.get_by_label("That was the first document of the folder: on to the last, c.txt.");
}

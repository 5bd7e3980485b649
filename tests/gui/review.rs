//! GUI tests of reviewing an extractor's suggestions: keyboard review (N, A,
//! X, relabel), moving a span's edges, bulk actions with undo, showing
//! rejected suggestions, and the review panel.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{AnnotationSet, Origin, Span, Status};
use newsmark::session::ReviewFilter;
use newsmark::store;
use newsmark::ui::Command;

/// A copy of the sample article whose annotations are three pending spaCy
/// suggestions (scores 0.9, 0.4 and none) and one manual span.
fn with_suggestions() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, txt) = temp_article(SAMPLE, false);
    let doc = store::read_text(&txt).unwrap();
    let text = doc.text().to_owned();
    let at = |needle: &str| {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let suggestion = |id, needle, label: &str, score| {
        let (start, end) = at(needle);
        Span {
            origin: Origin::Extractor("spacy".into()),
            score,
            status: Status::Pending,
            ..Span::manual(id, start, end, label, needle)
        }
    };
    let (s, e) = at("Tehran");
    let set = AnnotationSet::from_spans(vec![
        Span::manual(1, s, e, "country", "Tehran"),
        suggestion(2, "Issa Zarepour", "person", Some(0.9)),
        suggestion(3, "Wilfredo González", "person", Some(0.4)),
        suggestion(4, "Havana", "person", None),
    ]);
    store::save_annotations(
        &store::paired_ron_path(&txt),
        &format!("{SAMPLE}.txt"),
        &doc,
        &set,
    )
    .unwrap();
    (dir, txt)
}

fn span(harness: &egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>, id: u64) -> Span {
    spans(harness).into_iter().find(|s| s.id == id).unwrap()
}

fn press(
    harness: &mut egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>,
    modifiers: Modifiers,
    key: Key,
) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn keyboard_review_n_x_a_relabel_edge_move_then_save() {
    let (dir, txt) = with_suggestions();
    let mut harness = harness_for(&txt);
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(
        harness.state().selected_span(),
        Some(4),
        "Havana comes first in the text"
    );
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(harness.state().selected_span(), Some(2));
    press(&mut harness, Modifiers::SHIFT, Key::N);
    assert_eq!(harness.state().selected_span(), Some(4));

    // Havana is no person: X rejects it and moves on to the next pending.
    press(&mut harness, Modifiers::NONE, Key::X);
    assert_eq!(span(&harness, 4).status, Status::Rejected);
    assert_eq!(harness.state().selected_span(), Some(2));
    press(&mut harness, Modifiers::NONE, Key::A);
    assert_eq!(span(&harness, 2).status, Status::Accepted);
    assert_eq!(harness.state().selected_span(), Some(3));
    // "Wilfredo González" misses "Vidal": move the end a word, then accept.
    press(
        &mut harness,
        Modifiers::SHIFT | Modifiers::COMMAND,
        Key::ArrowRight,
    );
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(span(&harness, 3).status, Status::Accepted);
    // Relabel an accepted span from the keyboard: select it again, press 2.
    press(&mut harness, Modifiers::NONE, Key::Tab);
    while harness.state().selected_span() != Some(3) {
        press(&mut harness, Modifiers::NONE, Key::Tab);
    }
    press(&mut harness, Modifiers::NONE, Key::Num2);
    assert_eq!(span(&harness, 3).label, "role");

    press(&mut harness, Modifiers::COMMAND, Key::S);
    let ron = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron"))).unwrap();
    assert!(
        ron.contains(r#"text: "Havana", origin: Extractor("spacy"), status: Rejected, prefix: "#),
        "{ron}"
    );
    assert!(ron.contains(r#"label: "person", text: "Issa Zarepour", origin: Extractor("spacy"), score: Some(0.9), prefix: "#), "{ron}");
    assert!(ron.contains(r#"label: "role", text: "Wilfredo González Vidal", origin: Extractor("spacy"), score: Some(0.4), prefix: "#), "{ron}");
    assert!(!ron.contains("Pending"), "all reviewed: {ron}");
}

#[test]
fn a_label_hotkey_relabels_and_accepts_a_suggestion() {
    let (_dir, txt) = with_suggestions();
    let mut harness = harness_for(&txt);
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(harness.state().selected_span(), Some(4));
    press(&mut harness, Modifiers::NONE, Key::Num3);
    let havana = span(&harness, 4);
    assert_eq!(
        (havana.label.as_str(), havana.status),
        ("country", Status::Accepted)
    );
    assert_eq!(
        harness.state().selected_span(),
        Some(2),
        "moves on to the next pending"
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let havana = span(&harness, 4);
    assert_eq!(
        (havana.label.as_str(), havana.status),
        ("person", Status::Pending)
    );
}

#[test]
fn shift_arrows_move_the_edges_of_the_selected_span() {
    let (_dir, txt) = with_suggestions();
    let mut harness = harness_for(&txt);
    // "Wilfredo González" should be "Wilfredo González Vidal".
    execute(
        &mut harness,
        vec![Command::SelectSpan {
            id: 3,
            scroll: true,
        }],
    );
    press(
        &mut harness,
        Modifiers::SHIFT | Modifiers::COMMAND,
        Key::ArrowRight,
    );
    assert_eq!(span(&harness, 3).text, "Wilfredo González Vidal");
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(span(&harness, 3).text, "Wilfredo González Vida");
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    press(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(span(&harness, 3).text, "ilfredo González Vidal");
    press(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowLeft,
    );
    press(&mut harness, Modifiers::NONE, Key::A);
    let fixed = span(&harness, 3);
    assert_eq!(
        (fixed.text.as_str(), fixed.status),
        ("Wilfredo González Vidal", Status::Accepted)
    );
    let doc = harness.state().session().unwrap().doc().clone();
    assert_eq!(
        doc.slice(fixed.start..fixed.end),
        Some("Wilfredo González Vidal")
    );
}

#[test]
fn bulk_accept_above_a_score_is_one_undo_step() {
    let (_dir, txt) = with_suggestions();
    let mut harness = harness_for(&txt);
    harness.get_by_label_contains("This document: 3 pending, 1 accepted, 0 rejected");
    let filter = ReviewFilter {
        min_score: 0.5,
        ..Default::default()
    };
    execute(&mut harness, vec![Command::SetFilter(filter)]);
    button(&harness, "Accept all 1").click();
    harness.run();
    let statuses: Vec<Status> = [2, 3, 4]
        .iter()
        .map(|&id| span(&harness, id).status)
        .collect();
    assert_eq!(
        statuses,
        vec![Status::Accepted, Status::Pending, Status::Pending]
    );
    harness.get_by_label_contains("This document: 2 pending, 2 accepted, 0 rejected");

    // No threshold: reject the rest, then undo that in one step.
    execute(
        &mut harness,
        vec![Command::SetFilter(ReviewFilter::default())],
    );
    button(&harness, "Reject all 2").click();
    harness.run();
    assert_eq!(span(&harness, 3).status, Status::Rejected);
    assert_eq!(span(&harness, 4).status, Status::Rejected);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(span(&harness, 3).status, Status::Pending);
    assert_eq!(span(&harness, 4).status, Status::Pending);
    assert_eq!(span(&harness, 2).status, Status::Accepted);
}

#[test]
fn rejected_suggestions_are_hidden_until_shown() {
    let (_dir, txt) = with_suggestions();
    let mut harness = harness_for(&txt);
    press(&mut harness, Modifiers::NONE, Key::N);
    press(&mut harness, Modifiers::NONE, Key::X);
    // Tab skips the hidden rejected span…
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut harness, Modifiers::NONE, Key::Tab);
        seen.push(harness.state().selected_span().unwrap());
    }
    assert!(!seen.contains(&4), "{seen:?}");
    // …until Ctrl+H shows rejected suggestions.
    press(&mut harness, Modifiers::COMMAND, Key::H);
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut harness, Modifiers::NONE, Key::Tab);
        seen.push(harness.state().selected_span().unwrap());
    }
    assert!(seen.contains(&4), "{seen:?}");
}

#[test]
fn snapshot_of_suggestions_under_review() {
    let (_dir, txt) = with_suggestions();
    let mut harness = harness_for(&txt);
    press(&mut harness, Modifiers::NONE, Key::N);
    press(&mut harness, Modifiers::NONE, Key::N);
    harness.snapshot("review");
}

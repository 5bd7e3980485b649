//! Reviewing suggested relations with the keys of spans: N / Shift+N step
//! through pending spans and pending relations in document order (a
//! relation selected shows its arc and outlines both ends), A accepts, X
//! rejects, Ctrl+Z undoes; the saved file and the review panel's figures
//! follow.

use crate::common::gui::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use newsmark::model::{RelationId, Status};
use newsmark::session::Reviewable;
use newsmark::ui::NewsmarkApp;

/// The sample with span 8 (Wilfredo González Vidal) a pending spaCy
/// suggestion and four pending relations suggested by the patterns: `of`
/// 6 → 5 (at 210), `holds` 8 → 9 (at 253, after span 8), `of` 9 → 10
/// (at 278), `party_to` 13 → 27 (at 695); `holds` 7 → 6 is accepted.
pub(crate) fn sample_under_review() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, txt) = temp_article(SAMPLE, true);
    let pattern = "origin: Extractor(\"pattern\"), score: Some(0.8), status: Pending";
    add_relations(
        &txt,
        &[
            "(id: 1, label: \"holds\", from: 7, to: 6)",
            &format!("(id: 2, label: \"of\", from: 6, to: 5, {pattern})"),
            &format!("(id: 3, label: \"holds\", from: 8, to: 9, {pattern})"),
            &format!("(id: 4, label: \"of\", from: 9, to: 10, {pattern})"),
            &format!("(id: 12, label: \"party_to\", from: 13, to: 27, {pattern})"),
        ],
    );
    let ron = txt.with_extension("ron");
    let text = std::fs::read_to_string(&ron).unwrap();
    let text = text.replacen(
        "(id: 8, start: 253, end: 276, label: \"person\",",
        "(id: 8, start: 253, end: 276, label: \"person\", origin: Extractor(\"spacy\"), status: Pending,",
        1,
    );
    std::fs::write(&ron, text).unwrap();
    (dir, txt)
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// What is selected: a span or a relation.
pub(crate) fn selected(harness: &Harness<'_, NewsmarkApp>) -> Option<Reviewable> {
    let state = harness.state();
    match (state.selected_span(), state.selected_relation()) {
        (Some(id), _) => Some(Reviewable::Span(id)),
        (None, Some(id)) => Some(Reviewable::Relation(id)),
        (None, None) => None,
    }
}

fn relation_status(harness: &Harness<'_, NewsmarkApp>, id: RelationId) -> Option<Status> {
    let set = harness.state().session().unwrap().set();
    set.relation(id).map(|r| r.status)
}

#[test]
fn n_steps_through_pending_spans_and_relations_and_a_x_review_them() {
    let (dir, txt) = sample_under_review();
    let mut harness = harness_for(&txt);
    use Reviewable::{Relation, Span};
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(
        selected(&harness),
        Some(Relation(2)),
        "the first in the text"
    );
    // Its arc is drawn and both its ends outlined and on screen.
    let drawn: Vec<RelationId> = harness
        .state()
        .drawn_relations()
        .iter()
        .map(|(id, _)| *id)
        .collect();
    assert!(drawn.contains(&2), "{drawn:?}");
    assert_eq!(harness.state().outlined_spans(), [6, 5]);
    let bottom = harness.ctx.content_rect().bottom();
    let ctx = harness.ctx.clone();
    for end in [5, 6] {
        let at = start_of(&harness, end);
        let rect = harness.state_mut().char_screen_rect(&ctx, at).unwrap();
        assert!(rect.min.y > 0.0 && rect.max.y < bottom, "{end}: {rect:?}");
    }
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected(&harness), Some(Span(8)));
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(
        selected(&harness),
        Some(Relation(3)),
        "after the span at 253"
    );
    press(&mut harness, Modifiers::SHIFT, Key::N);
    assert_eq!(selected(&harness), Some(Span(8)));

    // A accepts the span and goes on to the relation after it; A accepts
    // that, X rejects the next.
    press(&mut harness, Modifiers::NONE, Key::A);
    assert_eq!(selected(&harness), Some(Relation(3)));
    press(&mut harness, Modifiers::NONE, Key::A);
    assert_eq!(relation_status(&harness, 3), Some(Status::Accepted));
    assert_eq!(selected(&harness), Some(Relation(4)));
    press(&mut harness, Modifiers::NONE, Key::X);
    assert_eq!(relation_status(&harness, 4), Some(Status::Rejected));
    assert_eq!(selected(&harness), Some(Relation(12)));
    // N wraps around to the one left at the top.
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected(&harness), Some(Relation(2)));
    // Ctrl+Z takes back the rejection.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(relation_status(&harness, 4), Some(Status::Pending));

    press(&mut harness, Modifiers::COMMAND, Key::S);
    let ron = std::fs::read_to_string(txt.with_extension("ron")).unwrap();
    let line = |id: u64| {
        ron.lines()
            .find(|l| l.trim_start().starts_with(&format!("(id: {id}, label:")))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(!line(3).contains("status"), "accepted: {}", line(3));
    assert!(line(3).contains("Extractor(\"pattern\")"), "{}", line(3));
    assert!(line(4).contains("status: Pending"), "{}", line(4));
    assert!(line(2).contains("status: Pending"), "{}", line(2));
    drop(dir);
}

#[test]
fn the_review_panel_counts_relations_per_origin_and_type() {
    let (_dir, txt) = sample_under_review();
    let mut harness = harness_for(&txt);
    // Accept holds 8 → 9 (and the span 8 before it), reject of 9 → 10.
    for key in [Key::N, Key::N, Key::A, Key::A, Key::X] {
        press(&mut harness, Modifiers::NONE, key);
    }
    assert_eq!(relation_status(&harness, 3), Some(Status::Accepted));
    assert_eq!(relation_status(&harness, 4), Some(Status::Rejected));
    // The panel opened by itself (the folder has suggestions); its figures
    // are recounted a moment after an edit.
    std::thread::sleep(std::time::Duration::from_millis(600));
    harness.run();
    for label in ["→ holds", "→ of", "→ party_to"] {
        harness.get_by_label(label);
    }
    let report = newsmark::stats::quality([harness.state().session().unwrap().set()]);
    let row = |label: &str| {
        report
            .rows
            .iter()
            .find(|r| r.origin == "pattern" && r.label == label)
            .cloned()
            .unwrap()
    };
    let holds = row("→ holds");
    // holds 7 → 6 is an accepted relation the patterns did not suggest.
    assert_eq!((holds.accepted, holds.rejected, holds.misses), (1, 0, 1));
    assert_eq!(holds.precision(), Some(1.0));
    let of = row("→ of");
    assert_eq!((of.pending, of.accepted, of.rejected), (1, 0, 1));
    assert_eq!(of.precision(), Some(0.0));
    // The panel counts the document's relations, and its Accept button
    // accepts the selected relation as A does.
    harness.get_by_label("Its relations: 2 pending, 2 accepted, 1 rejected");
    assert_eq!(
        selected(&harness),
        Some(Reviewable::Relation(12)),
        "after the X"
    );
    harness
        .get(By::new().role(Role::Button).predicate(|n| {
            n.label()
                .is_some_and(|l| l.starts_with("Accept") && !l.contains("all"))
        }))
        .click();
    harness.run();
    assert_eq!(relation_status(&harness, 12), Some(Status::Accepted));
    assert_eq!(
        selected(&harness),
        Some(Reviewable::Relation(2)),
        "on to the next"
    );
}

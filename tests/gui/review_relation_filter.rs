//! The review panel's Label filter lists the relation types (the schema's
//! and one imported from another tool): choosing one lets N, Shift+N, the
//! panel's counts and its bulk actions through that type's pending
//! relations only.

use crate::common::gui::*;
use crate::relation_review::{sample_under_review, selected};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use newsmark::model::Status;
use newsmark::session::Reviewable;
use newsmark::ui::NewsmarkApp;

/// The sample under review of `relation_review.rs` (span 8 a pending
/// spaCy suggestion; pending pattern relations `of` 2 and 4, `holds` 3,
/// `party_to` 12) with one more: `meets` 7 → 8, a type outside the schema
/// (imported).
fn sample_with_pending_relations() -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = sample_under_review();
    let ron = txt.with_extension("ron");
    let text = std::fs::read_to_string(&ron).unwrap();
    let meets = "        (id: 5, label: \"meets\", from: 7, to: 8, origin: Extractor(\"pattern\"), status: Pending),\n    ],\n)";
    let (body, _) = text.trim_end().rsplit_once("    ],\n)").unwrap();
    std::fs::write(&ron, format!("{body}{meets}\n")).unwrap();
    let harness = harness_for(&txt);
    // Kept, though outside the schema (the window says so).
    let session = harness.state().session().unwrap();
    assert!(
        session.set().relation(5).is_some(),
        "{:?}",
        session.problems()
    );
    (dir, harness)
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Chooses `option` in the review panel's Label list.
fn choose_label(harness: &mut Harness<'_, NewsmarkApp>, option: &str) {
    harness
        .get(By::new().role(Role::ComboBox).label("Label"))
        .click();
    harness.run();
    harness.get_by_label(option).click();
    harness.run();
}

#[test]
fn a_relation_type_chosen_as_the_label_filters_n_and_the_panel() {
    use Reviewable::Relation;
    let (dir, mut harness) = sample_with_pending_relations();
    // Every pending suggestion: the span and five relations.
    harness.get_by_label("Accept all 6");
    // The schema's types and the imported one are offered.
    harness
        .get(By::new().role(Role::ComboBox).label("Label"))
        .click();
    harness.run();
    for option in [
        "holds (relation)",
        "of (relation)",
        "party_to (relation)",
        "meets (relation)",
    ] {
        harness.get_by_label(option);
    }
    harness.get_by_label("of (relation)").click();
    harness.run();
    assert_eq!(*harness.state().review_filter(), only_label("of"));
    harness.get_by_label("Accept all 2");
    // N and Shift+N step through the two `of` relations only.
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected(&harness), Some(Relation(2)));
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected(&harness), Some(Relation(4)));
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected(&harness), Some(Relation(2)), "wraps around");
    press(&mut harness, Modifiers::SHIFT, Key::N);
    assert_eq!(selected(&harness), Some(Relation(4)));
    // The imported type: its one relation, accepted with A and saved.
    choose_label(&mut harness, "meets (relation)");
    harness.get_by_label("Accept all 1");
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected(&harness), Some(Relation(5)));
    press(&mut harness, Modifiers::NONE, Key::A);
    let set = harness.state().session().unwrap().set();
    assert_eq!(set.relation(5).unwrap().status, Status::Accepted);
    assert_eq!(set.relation(2).unwrap().status, Status::Pending);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let ron = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron"))).unwrap();
    let meets = ron
        .lines()
        .find(|l| l.contains("label: \"meets\""))
        .unwrap();
    assert!(!meets.contains("Pending"), "{meets}");
    assert!(
        ron.lines()
            .any(|l| l.contains("id: 2,") && l.contains("label: \"of\"") && l.contains("Pending"))
    );
    // Back to any label: the five left.
    choose_label(&mut harness, "any");
    harness.get_by_label("Accept all 5");
}

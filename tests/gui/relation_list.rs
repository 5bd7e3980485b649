//! The Relations tab of the right panel: relations grouped by type with
//! both ends' text, filtered, selected (scrolling to them), reviewed and
//! deleted from the keyboard.

use crate::common::gui::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use newsmark::model::{RelationId, Status};
use newsmark::ui::NewsmarkApp;

/// The sample with three relations: an accepted `holds`, a pending `of`
/// suggested by a pattern, and a `party_to` from the last paragraph (Iran
/// takes part in the 4G upgrade plan).
fn sample_with_relations() -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = temp_article(SAMPLE, true);
    add_relations(
        &txt,
        &[
            "(id: 1, label: \"holds\", from: 7, to: 6)",
            "(id: 2, label: \"of\", from: 6, to: 5, origin: Extractor(\"pattern\"), score: Some(0.5), status: Pending)",
            "(id: 3, label: \"party_to\", from: 25, to: 27)",
        ],
    );
    let mut harness = harness_for(&txt);
    assert_eq!(
        harness.state().session().unwrap().set().relation_count(),
        3,
        "{:?}",
        harness.state().session().unwrap().problems()
    );
    harness.get_by_label("Relations").click();
    harness.run();
    (dir, harness)
}

/// The rows of the list that show a relation (their text).
fn rows(harness: &Harness<'_, NewsmarkApp>) -> Vec<String> {
    harness
        .query_all(By::new().predicate(|n| n.label().is_some_and(|l| l.contains(" → "))))
        .filter_map(|n| n.accesskit_node().label())
        .map(|l| l.trim().to_owned())
        .collect()
}

fn row<'h>(harness: &'h Harness<'_, NewsmarkApp>, text: &'h str) -> egui_kittest::Node<'h> {
    harness.get(By::new().predicate(move |n| n.label().is_some_and(|l| l.trim() == text)))
}

/// Types `text` into the filter box.
fn filter(harness: &mut Harness<'_, NewsmarkApp>, text: &str) {
    harness.get(By::new().role(Role::TextInput)).focus();
    harness.run();
    harness.get(By::new().role(Role::TextInput)).type_text(text);
    harness.run();
}

fn status_of(harness: &Harness<'_, NewsmarkApp>, id: RelationId) -> Option<Status> {
    let set = harness.state().session().unwrap().set();
    set.relation(id).map(|r| r.status)
}

#[test]
fn relations_are_listed_by_type_with_their_ends_and_filtered() {
    let (_dir, mut harness) = sample_with_relations();
    assert_eq!(
        rows(&harness),
        vec![
            "Issa Zarepour → Minister of ICT",
            "Minister of ICT → Iran (pending)",
            "Iran → 4G upgrade plan",
        ]
    );
    for header in [
        "holds · 1 relation",
        "of · 1 relation · 1 pending",
        "party_to · 1 relation",
    ] {
        harness.get_by_label(header);
    }
    filter(&mut harness, "4g");
    assert_eq!(rows(&harness), vec!["Iran → 4G upgrade plan"]);
    for _ in 0..2 {
        harness.key_press(Key::Backspace);
    }
    filter(&mut harness, "HOLDS");
    assert_eq!(rows(&harness), vec!["Issa Zarepour → Minister of ICT"]);
}

#[test]
fn selecting_a_relation_scrolls_to_it_and_its_keys_review_and_delete_it() {
    let (_dir, mut harness) = sample_with_relations();
    // A short window: the last paragraph is out of view.
    harness.set_size(Vec2::new(1200.0, 420.0));
    harness.run();
    let iran = start_of(&harness, 25);
    let bottom = harness.ctx.content_rect().bottom();
    let ctx = harness.ctx.clone();
    let before = harness.state_mut().char_screen_rect(&ctx, iran).unwrap();
    assert!(before.min.y > bottom, "out of view at first: {before:?}");

    row(&harness, "Iran → 4G upgrade plan").click();
    harness.run();
    assert_eq!(harness.state().selected_relation(), Some(3));
    assert_eq!(harness.state().selected_span(), None);
    let after = harness.state_mut().char_screen_rect(&ctx, iran).unwrap();
    assert!(
        after.min.y > 0.0 && after.max.y < bottom,
        "scrolled into view: {after:?} in a window {bottom} high"
    );

    // The pending one: A accepts it, X rejects it, as for spans.
    row(&harness, "Minister of ICT → Iran (pending)").click();
    harness.run();
    assert_eq!(harness.state().selected_relation(), Some(2));
    harness.key_press(Key::A);
    harness.run();
    assert_eq!(status_of(&harness, 2), Some(Status::Accepted));
    harness.key_press(Key::X);
    harness.run();
    assert_eq!(status_of(&harness, 2), Some(Status::Rejected));
    // Delete deletes the relation, not a span; Ctrl+Z brings it back.
    let span_count = spans(&harness).len();
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(status_of(&harness, 2), None);
    assert_eq!(spans(&harness).len(), span_count);
    assert_eq!(harness.state().selected_relation(), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(status_of(&harness, 2), Some(Status::Rejected));
    // The buttons do the same.
    row(&harness, "Minister of ICT → Iran (rejected)").click();
    harness.run();
    harness.get_by_label("Accept").click();
    harness.run();
    assert_eq!(status_of(&harness, 2), Some(Status::Accepted));
    harness.get_by_label("Delete").click();
    harness.run();
    assert_eq!(status_of(&harness, 2), None);
}

//! Relations drawn over the text: by default only the selected span's and
//! the pointed span's, all in view on Ctrl+Shift+L; an end off screen is a
//! stub at the view's edge with the other end's text, which a click on it
//! goes to.

use std::collections::BTreeMap;

use crate::common::gui::*;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use newsmark::model::{RelationId, SpanId};
use newsmark::ui::{Command, NewsmarkApp};

/// In the sample: Iran (5), Minister of ICT (6), Issa Zarepour (7), and,
/// in the last paragraph, Iran (25) and the 4G upgrade plan (27).
fn sample() -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = temp_article(SAMPLE, true);
    add_relations(
        &txt,
        &[
            "(id: 1, label: \"holds\", from: 7, to: 6)",
            "(id: 2, label: \"of\", from: 6, to: 5, origin: Extractor(\"pattern\"), status: Pending)",
            "(id: 3, label: \"party_to\", from: 25, to: 27)",
            "(id: 4, label: \"party_to\", from: 5, to: 27)",
        ],
    );
    let mut harness = harness_for(&txt);
    // A short window: the first and last paragraphs are never both in view.
    harness.set_size(Vec2::new(1200.0, 420.0));
    harness.run();
    (dir, harness)
}

/// The relations drawn: `None` for an arc, the stub's text for a stub.
fn drawn(harness: &Harness<'_, NewsmarkApp>) -> BTreeMap<RelationId, Option<String>> {
    harness.state().drawn_relations().into_iter().collect()
}

fn select(harness: &mut Harness<'_, NewsmarkApp>, id: SpanId) {
    execute(harness, vec![Command::SelectSpan { id, scroll: true }]);
}

/// Moves the pointer off the text (onto the right panel).
fn point_away(harness: &mut Harness<'_, NewsmarkApp>) {
    harness.hover_at(egui::pos2(1150.0, 400.0));
    harness.run();
}

#[test]
fn only_the_selected_and_pointed_spans_arcs_are_drawn_and_all_on_request() {
    let (_dir, mut harness) = sample();
    point_away(&mut harness);
    assert!(drawn(&harness).is_empty(), "{:?}", drawn(&harness));

    select(&mut harness, 6);
    assert_eq!(drawn(&harness), BTreeMap::from([(1, None), (2, None)]));

    // Nothing selected: the span under the pointer shows its own.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(drawn(&harness).is_empty());
    let zarepour = start_of(&harness, 7);
    let at = point_at(&mut harness, zarepour + 2);
    harness.hover_at(at);
    harness.run();
    assert_eq!(drawn(&harness), BTreeMap::from([(1, None)]));

    // Ctrl+Shift+L: every relation of a span in view; the one whose ends
    // are both in the last paragraph, out of view, is not drawn.
    point_away(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::L);
    harness.run();
    let all = drawn(&harness);
    assert!(all.contains_key(&1) && all.contains_key(&2), "{all:?}");
    assert!(!all.contains_key(&3), "{all:?}");
    assert_eq!(
        all.get(&4),
        Some(&Some("↓ party_to: 4G upgrade plan".to_owned())),
        "{all:?}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::L);
    harness.run();
    assert!(drawn(&harness).is_empty());
}

#[test]
fn an_end_off_screen_is_a_stub_with_the_other_ends_text_and_a_click_goes_there() {
    let (_dir, mut harness) = sample();
    point_away(&mut harness);
    select(&mut harness, 5);
    assert_eq!(
        drawn(&harness),
        BTreeMap::from([
            (2, None),
            (4, Some("↓ party_to: 4G upgrade plan".to_owned()))
        ])
    );
    // The stub is painted, not a widget: click where the view drew it.
    let ctx = harness.ctx.clone();
    let plan = start_of(&harness, 27);
    let before = harness.state_mut().char_screen_rect(&ctx, plan).unwrap();
    assert!(before.min.y > 420.0, "the plan is out of view: {before:?}");
    click_stub(&mut harness, 4);
    assert_eq!(harness.state().selected_span(), Some(27));
    let after = harness.state_mut().char_screen_rect(&ctx, plan).unwrap();
    assert!(after.min.y > 0.0 && after.max.y < 420.0, "{after:?}");
    // Now Iran, in the first paragraph, is the end off screen, above.
    point_away(&mut harness);
    assert_eq!(
        drawn(&harness),
        BTreeMap::from([(3, None), (4, Some("↑ party_to: Iran".to_owned()))])
    );
}

#[test]
fn ctrl_j_goes_to_the_other_end_off_screen() {
    let (_dir, mut harness) = sample();
    point_away(&mut harness);
    let ctx = harness.ctx.clone();
    let plan = start_of(&harness, 27);
    // A span whose relation's other end is off screen: Ctrl+J selects it.
    select(&mut harness, 5);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::J);
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(27));
    let rect = harness.state_mut().char_screen_rect(&ctx, plan).unwrap();
    assert!(rect.min.y > 0.0 && rect.max.y < 420.0, "{rect:?}");
    // A selected relation: Ctrl+J scrolls to its end off screen, and
    // keeps the relation selected.
    execute(
        &mut harness,
        vec![Command::SelectRelation {
            id: 4,
            scroll: true,
        }],
    );
    let rect = harness.state_mut().char_screen_rect(&ctx, plan).unwrap();
    assert!(
        rect.min.y > 420.0,
        "the plan is out of view again: {rect:?}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::J);
    harness.run();
    assert_eq!(harness.state().selected_relation(), Some(4));
    let rect = harness.state_mut().char_screen_rect(&ctx, plan).unwrap();
    assert!(rect.min.y > 0.0 && rect.max.y < 420.0, "{rect:?}");
}

/// Clicks the label of relation `id`'s stub.
fn click_stub(harness: &mut Harness<'_, NewsmarkApp>, id: RelationId) {
    let rect = harness.state().stub_rect(id).expect("a stub");
    click(harness, rect.center());
}

/// How arcs and the linking numbers look: the selected role's two
/// relations as arcs (one pending), and the numbers of the spans it can be
/// linked to.
#[test]
fn snapshot_of_arcs_and_link_numbers() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    add_relations(
        &txt,
        &[
            "(id: 1, label: \"holds\", from: 7, to: 6)",
            "(id: 2, label: \"of\", from: 6, to: 5, origin: Extractor(\"pattern\"), status: Pending)",
        ],
    );
    let mut harness = harness_for(&txt);
    point_away(&mut harness);
    select(&mut harness, 6);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    assert!(!harness.state().link_candidates().is_empty());
    harness.snapshot("relation_arcs");
}

/// An arc between spans on different rows crosses no text: it runs along
/// the gaps above the two rows and down the margin left of the column,
/// never through a span's text or tag.
#[test]
fn an_arc_between_rows_goes_round_the_text_by_the_margin() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    // The role "Minister of ICT" (span 6) of Cuba (span 10), a row below.
    add_relations(&txt, &["(id: 1, label: \"of\", from: 6, to: 10)"]);
    let mut harness = harness_for(&txt);
    point_away(&mut harness);
    select(&mut harness, 10);
    let (paths, text_left) = harness.state().arc_paths();
    let [(1, path)] = &paths[..] else {
        panic!("one arc: {paths:?}");
    };
    let from = harness.state().span_boxes(10)[0];
    let to = harness.state().span_boxes(6)[0];
    assert!(
        (from.center().y - to.center().y).abs() > from.height(),
        "rows apart"
    );
    assert_eq!(path.len(), 4, "{path:?}");
    // Down (or up) the margin, left of the text.
    assert!(
        path[1].x < text_left && path[2].x < text_left,
        "{path:?} {text_left}"
    );
    assert_eq!(path[1].x, path[2].x);
    // Along the gaps: no span's text or tag on screen is crossed.
    let mut obstacles = Vec::new();
    for id in 1..=27 {
        obstacles.extend(harness.state().span_boxes(id));
        obstacles.extend(harness.state().tag_rect(id));
    }
    for pair in path.windows(2) {
        let segment = egui::Rect::from_two_pos(pair[0], pair[1]);
        for rect in &obstacles {
            assert!(!segment.intersects(*rect), "{segment:?} crosses {rect:?}");
        }
    }
}

#[test]
fn ctrl_j_goes_by_the_selected_spans_own_stub_with_every_arc_drawn() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    // Iran (5) and Issa Zarepour (7), in the first paragraphs, each party
    // to an initiative of the last paragraph (27, 26): two stubs.
    add_relations(
        &txt,
        &[
            "(id: 4, label: \"party_to\", from: 5, to: 27)",
            "(id: 5, label: \"party_to\", from: 7, to: 26)",
        ],
    );
    let mut harness = harness_for(&txt);
    harness.set_size(Vec2::new(1200.0, 420.0));
    harness.run();
    point_away(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::L);
    harness.run();
    select(&mut harness, 7);
    let all = drawn(&harness);
    assert!(all.contains_key(&4) && all.contains_key(&5), "{all:?}");
    // Iran's stub is drawn first, but it is not the selected span's.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::J);
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(26));
}

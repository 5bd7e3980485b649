//! Relations in the window: made from the keyboard (Ctrl+L, a number or
//! Tab and Enter, the type's key) and the mouse, undone, cancelled.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use newsmark::model::{Origin, Relation, SpanId, Status};
use newsmark::ui::{Command, NewsmarkApp};

/// In the sample: the role "Minister of ICT", the person "Issa Zarepour"
/// who holds it, and the country "Iran" it is of.
pub(crate) const MINISTER: SpanId = 6;
pub(crate) const ZAREPOUR: SpanId = 7;
pub(crate) const IRAN: SpanId = 5;

fn press(harness: &mut Harness<'_, NewsmarkApp>, mods: Modifiers, key: Key) {
    harness.key_press_modifiers(mods, key);
    harness.run();
}

fn relations(harness: &Harness<'_, NewsmarkApp>) -> Vec<Relation> {
    let set = harness.state().session().unwrap().set();
    set.relations().cloned().collect()
}

/// Selects span `id` from the keyboard: Tab from the start of the text.
pub(crate) fn tab_to(harness: &mut Harness<'_, NewsmarkApp>, id: SpanId) {
    press(harness, Modifiers::COMMAND, Key::Home);
    for _ in 0..40 {
        press(harness, Modifiers::NONE, Key::Tab);
        if harness.state().selected_span() == Some(id) {
            return;
        }
    }
    panic!("Tab never reached span {id}");
}

/// Types the number that candidate `id` shows (then Enter if a longer
/// number could still follow).
pub(crate) fn type_number_of(harness: &mut Harness<'_, NewsmarkApp>, id: SpanId) {
    let candidates = harness.state().link_candidates();
    let n = candidates
        .iter()
        .position(|&c| c == id)
        .unwrap_or_else(|| panic!("span {id} is not numbered: {candidates:?}"))
        + 1;
    for digit in n.to_string().chars() {
        let key = Key::from_name(&digit.to_string()).unwrap();
        press(harness, Modifiers::NONE, key);
    }
    if n * 10 <= candidates.len() {
        press(harness, Modifiers::NONE, Key::Enter);
    }
}

/// A harness on a copy of the sample with its spans (and no relations).
fn sample() -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = temp_article(SAMPLE, true);
    remove_relations(&txt);
    let harness = harness_for(&txt);
    (dir, harness)
}

#[test]
fn a_relation_is_made_from_the_keyboard_by_number_and_undone() {
    let (_dir, mut harness) = sample();
    assert!(relations(&harness).is_empty());
    tab_to(&mut harness, MINISTER);
    press(&mut harness, Modifiers::COMMAND, Key::L);
    let candidates = harness.state().link_candidates();
    // From a role: the people who may hold it, the countries it may be of;
    // never another role, never itself.
    assert!(candidates.contains(&ZAREPOUR), "{candidates:?}");
    assert!(candidates.contains(&IRAN), "{candidates:?}");
    let set = harness.state().session().unwrap().set().clone();
    for id in &candidates {
        let label = &set.get(*id).unwrap().label;
        assert!(label == "person" || label == "country", "{id}: {label}");
    }
    // Numbered in text order.
    let starts: Vec<usize> = candidates
        .iter()
        .map(|id| set.get(*id).unwrap().start)
        .collect();
    assert!(starts.is_sorted(), "{starts:?}");

    type_number_of(&mut harness, ZAREPOUR);
    // One type fits a person and a role: no question, the relation is made,
    // from the person (holds: person → role).
    assert_eq!(
        relations(&harness),
        vec![Relation {
            id: 1,
            label: "holds".into(),
            from: ZAREPOUR,
            to: MINISTER,
            origin: Origin::Manual,
            score: None,
            status: Status::Accepted,
        }]
    );
    assert!(harness.state().link_candidates().is_empty(), "done linking");
    assert_eq!(harness.state().selected_span(), Some(MINISTER));

    // Then "of": role → country, with the role as `from`.
    press(&mut harness, Modifiers::COMMAND, Key::L);
    type_number_of(&mut harness, IRAN);
    let made: Vec<_> = relations(&harness)
        .into_iter()
        .map(|r| (r.label, r.from, r.to))
        .collect();
    assert_eq!(
        made,
        vec![
            ("holds".into(), ZAREPOUR, MINISTER),
            ("of".into(), MINISTER, IRAN)
        ]
    );

    // Spans already linked in every way that fits are not offered again.
    press(&mut harness, Modifiers::COMMAND, Key::L);
    let again = harness.state().link_candidates();
    assert!(!again.is_empty());
    assert!(
        !again.contains(&ZAREPOUR) && !again.contains(&IRAN),
        "{again:?}"
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(relations(&harness).len(), 1, "Ctrl+Z takes back the last");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(relations(&harness).is_empty());
    press(
        &mut harness,
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::Z,
    );
    assert_eq!(relations(&harness).len(), 1, "and redo brings it back");
}

#[test]
fn tab_and_enter_pick_a_candidate_and_esc_stops_linking() {
    let (_dir, mut harness) = sample();
    tab_to(&mut harness, ZAREPOUR);
    press(&mut harness, Modifiers::COMMAND, Key::L);
    let candidates = harness.state().link_candidates();
    assert!(candidates.contains(&MINISTER), "{candidates:?}");
    // Esc stops, and leaves the span selected; nothing is made.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().link_candidates().is_empty());
    assert_eq!(harness.state().selected_span(), Some(ZAREPOUR));
    assert!(relations(&harness).is_empty());

    press(&mut harness, Modifiers::COMMAND, Key::L);
    let at = candidates.iter().position(|&c| c == MINISTER).unwrap();
    // Tab from the first; Shift+Tab goes back one.
    for _ in 0..=at {
        press(&mut harness, Modifiers::NONE, Key::Tab);
    }
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    // Keys of the text view do nothing while linking.
    press(&mut harness, Modifiers::NONE, Key::P);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(harness.state().link_candidates(), candidates);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let made: Vec<_> = relations(&harness)
        .into_iter()
        .map(|r| (r.label, r.from, r.to))
        .collect();
    assert_eq!(made, vec![("holds".into(), ZAREPOUR, MINISTER)]);
    assert!(
        harness
            .state()
            .session()
            .unwrap()
            .set()
            .get(ZAREPOUR)
            .is_some(),
        "Delete while linking deleted nothing"
    );
}

#[test]
fn clicking_a_numbered_span_picks_it() {
    let (_dir, mut harness) = sample();
    tab_to(&mut harness, MINISTER);
    press(&mut harness, Modifiers::COMMAND, Key::L);
    let start = start_of(&harness, IRAN);
    let at = point_at(&mut harness, start + 1);
    click(&mut harness, at);
    let made: Vec<_> = relations(&harness)
        .into_iter()
        .map(|r| (r.label, r.from, r.to))
        .collect();
    assert_eq!(made, vec![("of".into(), MINISTER, IRAN)]);
}

#[test]
fn dragging_from_a_spans_tag_onto_another_span_links_them() {
    let (_dir, mut harness) = sample();
    let tag = harness.state().tag_rect(ZAREPOUR).expect("a tag");
    let minister = start_of(&harness, MINISTER);
    let target = point_at(&mut harness, minister + 3);
    drag_between(&mut harness, tag.center(), target);
    let made: Vec<_> = relations(&harness)
        .into_iter()
        .map(|r| (r.label, r.from, r.to))
        .collect();
    assert_eq!(made, vec![("holds".into(), ZAREPOUR, MINISTER)]);
    assert_eq!(harness.state().selected_span(), Some(ZAREPOUR));
    // Dropped on a span no type joins it to: nothing, and a message.
    let tag = harness.state().tag_rect(ZAREPOUR).expect("a tag");
    let other = start_of(&harness, 8);
    let target = point_at(&mut harness, other + 3);
    drag_between(&mut harness, tag.center(), target);
    assert_eq!(relations(&harness).len(), 1);
    assert!(
        notice_text(&harness).contains("No relation type"),
        "{}",
        notice_text(&harness)
    );
}

/// Presses at `a`, moves to `b` and releases there.
fn drag_between(harness: &mut Harness<'_, NewsmarkApp>, a: egui::Pos2, b: egui::Pos2) {
    harness.hover_at(a);
    harness.run();
    primary(harness, a, true, Modifiers::NONE);
    harness.run();
    harness.hover_at(a + (b - a) * 0.5);
    harness.run();
    harness.hover_at(b);
    harness.run();
    primary(harness, b, false, Modifiers::NONE);
    harness.run();
}

#[test]
fn when_two_types_fit_the_types_key_chooses_and_esc_stops() {
    let (dir, txt) = temp_article(SAMPLE, true);
    remove_relations(&txt);
    std::fs::write(
        dir.path().join("newsmark.ron"),
        r#"(relations: Some([
            (name: "holds", color: (217, 125, 13), hotkeys: ['h'], from: ["person"], to: ["role"]),
            (name: "acts_as", color: (30, 30, 200), hotkeys: ['k'], from: ["person"], to: ["role"]),
        ]))"#,
    )
    .unwrap();
    let mut harness = harness_for(&txt);
    tab_to(&mut harness, ZAREPOUR);
    press(&mut harness, Modifiers::COMMAND, Key::L);
    type_number_of(&mut harness, MINISTER);
    assert_eq!(harness.state().link_types(), vec!["holds", "acts_as"]);
    assert!(relations(&harness).is_empty(), "asks first");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().link_types().is_empty());
    assert!(relations(&harness).is_empty());

    press(&mut harness, Modifiers::COMMAND, Key::L);
    type_number_of(&mut harness, MINISTER);
    press(&mut harness, Modifiers::NONE, Key::K);
    let made: Vec<_> = relations(&harness)
        .into_iter()
        .map(|r| (r.label, r.from, r.to))
        .collect();
    assert_eq!(made, vec![("acts_as".into(), ZAREPOUR, MINISTER)]);

    // The same relation again is refused with a message.
    execute(
        &mut harness,
        vec![Command::AddRelation {
            label: "acts_as".into(),
            from: ZAREPOUR,
            to: MINISTER,
        }],
    );
    assert_eq!(relations(&harness).len(), 1);
    assert!(
        notice_text(&harness).contains("exists"),
        "{}",
        notice_text(&harness)
    );
}

#[test]
fn page_down_while_linking_numbers_the_spans_it_brings_into_view() {
    let (_dir, mut harness) = sample();
    // A short window: the last paragraph is out of view from the top.
    harness.set_size(egui::Vec2::new(1200.0, 420.0));
    harness.run();
    const PLAN: SpanId = 27;
    tab_to(&mut harness, ZAREPOUR);
    press(&mut harness, Modifiers::COMMAND, Key::L);
    assert!(!harness.state().link_candidates().contains(&PLAN));
    for _ in 0..10 {
        if harness.state().link_candidates().contains(&PLAN) {
            break;
        }
        press(&mut harness, Modifiers::NONE, Key::PageDown);
    }
    let candidates = harness.state().link_candidates();
    assert!(candidates.contains(&PLAN), "{candidates:?}");
    assert!(
        !candidates.contains(&MINISTER),
        "scrolled away: {candidates:?}"
    );
    type_number_of(&mut harness, PLAN);
    let made: Vec<(String, SpanId, SpanId)> = relations(&harness)
        .into_iter()
        .map(|r| (r.label, r.from, r.to))
        .collect();
    assert_eq!(made, [("party_to".to_owned(), ZAREPOUR, PLAN)]);
}

//! Relations chosen and changed from the keyboard: Alt+Down / Alt+Up step
//! through the selected span's relations (accepted ones too, which N never
//! reaches), a type's key gives the selected relation that type, Delete
//! deletes it; each undoable, and saved.

use crate::common::gui::*;
use crate::relations::{MINISTER, ZAREPOUR, tab_to};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use newsmark::ui::NewsmarkApp;

fn press(harness: &mut Harness<'_, NewsmarkApp>, mods: Modifiers, key: Key) {
    harness.key_press_modifiers(mods, key);
    harness.run();
}

/// The sample's relation `id`: its type and ends.
fn relation(harness: &Harness<'_, NewsmarkApp>, id: u64) -> Option<(String, u64, u64)> {
    let set = harness.state().session().unwrap().set();
    set.relation(id).map(|r| (r.label.clone(), r.from, r.to))
}

/// Redoes the edit undone (Ctrl+Shift+Z), saves, and reads the sample's
/// annotation file in `dir`.
fn redo_and_save(harness: &mut Harness<'_, NewsmarkApp>, dir: &std::path::Path) -> String {
    press(harness, Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    press(harness, Modifiers::COMMAND, Key::S);
    std::fs::read_to_string(dir.join(format!("{SAMPLE}.ron"))).unwrap()
}

#[test]
fn alt_down_and_up_step_through_a_spans_relations_and_delete_takes_one() {
    let (dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    // Minister of ICT (6): `holds` 1 from Issa Zarepour (7, at 234) and
    // `of` 2 to Iran (5, at 210): Iran comes first in the text.
    tab_to(&mut harness, MINISTER);
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(harness.state().selected_relation(), Some(2));
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(harness.state().selected_relation(), Some(1));
    // Round again from the role the stepping began at, though relation 1
    // starts at Zarepour.
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(harness.state().selected_relation(), Some(2));
    press(&mut harness, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(harness.state().selected_relation(), Some(1));
    // An accepted relation, chosen without the mouse, is deleted.
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(relation(&harness, 1), None);
    assert_eq!(harness.state().selected_relation(), None);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        relation(&harness, 1),
        Some(("holds".to_owned(), ZAREPOUR, MINISTER))
    );
    let saved = redo_and_save(&mut harness, dir.path());
    assert!(!saved.contains("(id: 1, label: \"holds\""), "{saved}");
    assert!(
        saved.contains("(id: 2, label: \"of\", from: 6, to: 5)"),
        "{saved}"
    );

    // A span without relations: a message, nothing selected.
    tab_to(&mut harness, 1);
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(harness.state().selected_relation(), None);
    assert!(
        notice_text(&harness).contains("no relation"),
        "{}",
        notice_text(&harness)
    );
}

#[test]
fn a_types_key_gives_the_selected_relation_that_type_or_says_why_not() {
    let (dir, txt) = temp_article(SAMPLE, true);
    std::fs::write(
        dir.path().join("newsmark.ron"),
        r#"(relations: Some([
            (name: "holds", color: (217, 125, 13), hotkeys: ['h'], from: ["person"], to: ["role"]),
            (name: "of", color: (30, 130, 60), hotkeys: ['o'], from: ["role"], to: ["country"]),
            (name: "acts_as", color: (30, 30, 200), hotkeys: ['k'], from: ["person"], to: ["role"]),
        ]))"#,
    )
    .unwrap();
    let mut harness = harness_for(&txt);
    tab_to(&mut harness, ZAREPOUR);
    press(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(harness.state().selected_relation(), Some(1));
    // `of` cannot start at a person: refused, and said.
    press(&mut harness, Modifiers::NONE, Key::O);
    assert_eq!(
        relation(&harness, 1),
        Some(("holds".to_owned(), ZAREPOUR, MINISTER))
    );
    assert!(
        notice_text(&harness).contains("Not retyped to of"),
        "{}",
        notice_text(&harness)
    );
    // `acts_as` fits: the relation takes it, one undoable step.
    press(&mut harness, Modifiers::NONE, Key::K);
    assert_eq!(
        relation(&harness, 1),
        Some(("acts_as".to_owned(), ZAREPOUR, MINISTER))
    );
    assert_eq!(harness.state().selected_relation(), Some(1));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(relation(&harness, 1).unwrap().0, "holds");
    let saved = redo_and_save(&mut harness, dir.path());
    assert!(
        saved.contains("(id: 1, label: \"acts_as\", from: 7, to: 6)"),
        "{saved}"
    );
}

//! GUI tests of orphans (spans of a changed article that re-anchoring could
//! not place): listed in the banner, placed on a drag selection or deleted,
//! each an undoable step, and kept in the saved file until then.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

/// A copy of the sample whose `.ron` was made on an older version of the
/// article: span 1's quote (`Teheran!`) is no longer in it.
fn article_with_an_orphan() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, txt) = temp_article(SAMPLE, false);
    let ron = dir.path().join(format!("{SAMPLE}.ron"));
    let old = format!(
        "(\n    format: 1,\n    document: \"{SAMPLE}.txt\",\n    text_sha256: \"{}\",\n    spans: [\n        (id: 1, start: 0, end: 8, label: \"country\", text: \"Teheran!\"),\n    ],\n)\n",
        "0".repeat(64)
    );
    std::fs::write(&ron, old).unwrap();
    (dir, txt, ron)
}

fn orphan_ids(harness: &egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>) -> Vec<u64> {
    let session = harness.state().session().unwrap();
    session.orphans().iter().map(|o| o.id).collect()
}

fn save(harness: &mut egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
}

fn undo(harness: &mut egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

#[test]
fn an_orphan_is_placed_on_a_drag_selection_and_the_placing_undone() {
    let (_dir, txt, ron) = article_with_an_orphan();
    let mut harness = harness_for(&txt);
    assert_eq!(orphan_ids(&harness), [1]);
    harness.get_by_label_contains("Orphan: span 1 country \"Teheran!\"");
    assert!(spans(&harness).is_empty());

    // Saved with the orphan kept in the file.
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(
        saved.contains(
            "    orphans: [\n        (id: 1, start: 0, end: 8, label: \"country\", text: \"Teheran!\"),\n    ],\n"
        ),
        "{saved}"
    );
    assert!(!harness.state().session().unwrap().is_dirty());

    // Placed on "Tehran", selected by dragging over it.
    let end = find(&harness, "Tehran") + 6;
    drag(&mut harness, 0, end - 1, Modifiers::NONE);
    button(&harness, "Place at selection").click();
    harness.run();
    assert!(orphan_ids(&harness).is_empty());
    let placed = span_at(&harness, 0, 6).expect("placed on Tehran");
    assert_eq!((placed.id, placed.label.as_str()), (1, "country"));
    assert_eq!(placed.text, "Tehran");
    assert!(harness.query_by_label_contains("Orphan: span 1").is_none());
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(
        saved.contains(r#"(id: 1, start: 0, end: 6, label: "country", text: "Tehran", suffix: "#),
        "{saved}"
    );
    assert!(!saved.contains("orphans"), "{saved}");

    // Undo: an orphan again, listed, and saved as one.
    undo(&mut harness);
    assert_eq!(orphan_ids(&harness), [1]);
    assert!(spans(&harness).is_empty());
    harness.get_by_label_contains("Orphan: span 1 country");
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(saved.contains("    orphans: [\n"), "{saved}");
    assert!(saved.contains("    spans: [],\n"), "{saved}");
}

#[test]
fn deleting_an_orphan_is_undoable_and_saved() {
    let (_dir, txt, ron) = article_with_an_orphan();
    let mut harness = harness_for(&txt);
    assert_eq!(orphan_ids(&harness), [1]);
    harness
        .get_by(|n| {
            n.role() == egui::accesskit::Role::Button && n.label().as_deref() == Some("Delete")
        })
        .click();
    harness.run();
    assert!(orphan_ids(&harness).is_empty());
    assert!(harness.state().session().unwrap().is_dirty());
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(!saved.contains("Teheran"), "{saved}");

    undo(&mut harness);
    assert_eq!(orphan_ids(&harness), [1]);
    harness.get_by_label_contains("Orphan: span 1 country");
    assert!(harness.state().session().unwrap().is_dirty());
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(saved.contains(r#"text: "Teheran!")"#), "{saved}");

    // Opened again: still an orphan, from the file's list.
    drop(harness);
    let harness = harness_for(&txt);
    assert_eq!(orphan_ids(&harness), [1]);
}

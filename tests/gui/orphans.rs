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

/// An article whose first line was pasted twice after its annotations were
/// saved: the span on it (`Diego Martínez`) has its quote and whole context
/// at two places. Returns the folder, the article and its annotation file.
fn article_with_a_doubled_line() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    use newsmark::model::{AnnotationSet, Document, Span};
    let dir = tempfile::tempdir().unwrap();
    let line = "El secretario de Estado Diego Martínez visitará Rabat la próxima semana.\n";
    let old = Document::new(format!("{line}Otra línea sin nombres ni lugares.\n"));
    let start = old.text().find("Diego").unwrap();
    let span = Span::manual(1, start, start + 14, "person", "Diego Martínez");
    let set = AnnotationSet::from_spans(vec![span]);
    let txt = dir.path().join("doble.txt");
    let ron = dir.path().join("doble.ron");
    std::fs::write(
        &ron,
        newsmark::store::to_ron_string_in_context("doble.txt", &old, &set),
    )
    .unwrap();
    std::fs::write(&txt, format!("{line}{}", old.text())).unwrap();
    (dir, txt, ron)
}

/// Issue 16, ambiguity: the orphan's two equally likely places are offered
/// in the banner, and a click on one places it there (undoably); until
/// then, the saved file keeps them with the orphan, and reopening offers
/// them again.
#[test]
fn an_ambiguous_orphan_offers_its_candidates_and_a_click_places_it() {
    let (_dir, txt, ron) = article_with_a_doubled_line();
    let mut harness = harness_for(&txt);
    assert_eq!(orphan_ids(&harness), [1]);
    let second = 73 + 24;
    let candidates = |h: &egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>| {
        h.state()
            .session()
            .unwrap()
            .set()
            .orphan_candidates(1)
            .to_vec()
    };
    assert_eq!(candidates(&harness), [(24, 38), (second, second + 14)]);
    harness.get_by_label_contains("2 places equally likely, not guessed");

    // Saved with the orphan and its candidates; reopened, offered again.
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(
        saved.contains(&format!(
            "candidates: [(24, 38), ({second}, {})]",
            second + 14
        )),
        "{saved}"
    );
    drop(harness);
    let mut harness = harness_for(&txt);
    assert_eq!(candidates(&harness), [(24, 38), (second, second + 14)]);

    // A click on the second place.
    harness
        .get_by_label_contains(&format!("Place at {second}..{}", second + 14))
        .click();
    harness.run();
    assert!(orphan_ids(&harness).is_empty());
    let placed = span_at(&harness, second, second + 14).expect("placed on the second");
    assert_eq!((placed.id, placed.text.as_str()), (1, "Diego Martínez"));
    assert!(harness.query_by_label_contains("equally likely").is_none());
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(
        saved.contains(&format!(
            "(id: 1, start: {second}, end: {}, label: \"person\", text: \"Diego Martínez\"",
            second + 14
        )),
        "{saved}"
    );
    assert!(
        !saved.contains("orphans") && !saved.contains("candidates"),
        "{saved}"
    );

    // Undone: an orphan again, with its places offered.
    undo(&mut harness);
    assert_eq!(orphan_ids(&harness), [1]);
    harness.get_by_label_contains("Place at 24..38");
}

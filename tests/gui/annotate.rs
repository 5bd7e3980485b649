//! The annotation loop: select by mouse or keyboard, tag, relabel, undo and
//! redo, save and reopen; unsaved edits asked about before they are lost.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use newsmark::ui::{Command, Selection};

#[test]
fn drag_tag_undo_redo_save_reopen() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    assert!(spans(&harness).is_empty());

    // Drag from the middle of "Zarepour" back... forwards across "Issa Zarepour",
    // starting and ending inside words: the selection snaps to whole words.
    let start = find(&harness, "Issa Zarepour");
    drag(&mut harness, start + 2, start + 8, Modifiers::NONE);
    assert_eq!(harness.state().selection().range(), start..start + 13);

    harness.key_press(Key::Num1);
    harness.run();
    let span = span_at(&harness, start, start + 13).expect("span created");
    assert_eq!(span.label, "person");
    assert_eq!(span.text, "Issa Zarepour");
    assert!(
        harness.state().title().starts_with('•'),
        "dirty marker: {}",
        harness.state().title()
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(spans(&harness).is_empty(), "undo removes the span");

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(
        span_at(&harness, start, start + 13).map(|s| s.label),
        Some("person".into())
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let ron_path = dir.path().join(format!("{SAMPLE}.ron"));
    let written = std::fs::read_to_string(&ron_path).expect("ron written");
    assert!(
        written.contains("label: \"person\", text: \"Issa Zarepour\""),
        "{written}"
    );
    assert!(!harness.state().title().starts_with('•'));

    // A fresh app on the same file shows the same spans.
    let saved = spans(&harness);
    let reopened = harness_for(&txt);
    assert_eq!(spans(&reopened), saved);
}

#[test]
fn ctrl_y_redoes_and_edit_menu_undoes() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    // "deepen" occurs once, so tagging it offers no other occurrences.
    let start = find(&harness, "deepen");
    drag(&mut harness, start, start + 5, Modifiers::NONE);
    harness.key_press(Key::C);
    harness.run();
    assert_eq!(
        span_at(&harness, start, start + 6).map(|s| s.label),
        Some("country".into())
    );

    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo add country").click();
    harness.run();
    assert!(spans(&harness).is_empty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(spans(&harness).len(), 1);
}

#[test]
fn alt_drag_selects_exact_characters() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    let start = find(&harness, "Zarepour");
    drag(&mut harness, start + 1, start + 4, Modifiers::ALT);
    let range = harness.state().selection().range();
    // Pointer inside char start+1 to inside char start+4: the caret lands on
    // the nearest boundary, so the range lies within the word, not snapped.
    assert!(
        range.start > start && range.end <= start + 5 && range.end > range.start + 1,
        "{range:?}"
    );
    assert_ne!(range, start..start + 8);
}

#[test]
fn double_click_selects_a_word_and_palette_tags_it() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    let start = find(&harness, "González");
    let p = point_at(&mut harness, start + 3);
    double_click(&mut harness, p);
    assert_eq!(
        harness.state().selection().range(),
        start..start + "González".chars().count()
    );

    harness.get_by_label("person 1/P").click();
    harness.run();
    let span = span_at(&harness, start, start + 8).expect("tagged from the palette");
    assert_eq!(span.text, "González");
}

#[test]
fn click_selects_span_hotkey_relabels_delete_removes() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    let before = spans(&harness).len();
    // "Minister of ICT" is a role in the sample.
    let start = find(&harness, "Minister of ICT");
    let p = point_at(&mut harness, start + 2);
    click(&mut harness, p);
    let id = harness.state().selected_span().expect("a span is selected");
    let selected = spans(&harness).into_iter().find(|s| s.id == id).unwrap();
    assert_eq!(selected.label, "role");

    harness.key_press(Key::I);
    harness.run();
    let relabelled = spans(&harness).into_iter().find(|s| s.id == id).unwrap();
    assert_eq!(relabelled.label, "initiative");

    harness.key_press(Key::Delete);
    harness.run();
    assert!(spans(&harness).iter().all(|s| s.id != id));
    assert_eq!(spans(&harness).len(), before - 1);

    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().selection().is_empty());
}

#[test]
fn clicking_again_reaches_the_enclosing_span() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    // "Cuba" nested in the role "First Deputy Minister of Communications of Cuba".
    let outer_start = find(&harness, "First Deputy Minister of Communications of Cuba");
    let cuba = outer_start
        + "First Deputy Minister of Communications of "
            .chars()
            .count();
    let p = point_at(&mut harness, cuba + 1);
    click(&mut harness, p);
    let first = harness.state().selected_span().unwrap();
    assert_eq!(
        spans(&harness)
            .iter()
            .find(|s| s.id == first)
            .unwrap()
            .label,
        "country"
    );
    // Wait past the double-click interval, then click again.
    for _ in 0..30 {
        harness.step();
    }
    click(&mut harness, p);
    let second = harness.state().selected_span().unwrap();
    assert_eq!(
        spans(&harness)
            .iter()
            .find(|s| s.id == second)
            .unwrap()
            .label,
        "role"
    );
}

#[test]
fn tab_moves_between_spans_in_order() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    let all = spans(&harness);
    harness.key_press(Key::Tab);
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(all[0].id));
    harness.key_press(Key::Tab);
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(all[1].id));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(all[0].id));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(
        harness.state().selected_span(),
        Some(all[all.len() - 1].id),
        "wraps around"
    );
}

#[test]
fn keyboard_alone_selects_and_tags() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    // The caret starts at 0; the title begins with "Tehran".
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().selection().range(), 0..6);
    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(
        span_at(&harness, 0, 6).map(|s| s.label),
        Some("country".into())
    );

    // Right by characters, Down by a row, End of row, Ctrl+End.
    harness.key_press(Key::Escape);
    harness.key_press(Key::ArrowRight);
    harness.run();
    let caret = harness.state().selection().caret;
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().selection().caret, caret + 1);
    harness.key_press(Key::ArrowDown);
    harness.run();
    let below = harness.state().selection().caret;
    let title_len = harness.state().session().unwrap().doc().lines()[0].len();
    assert!(below > title_len, "down leaves the title: {below}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::End);
    harness.run();
    let len = harness.state().session().unwrap().doc().char_len();
    assert_eq!(harness.state().selection().caret, len);
    harness.key_press(Key::PageUp);
    harness.run();
    assert!(harness.state().selection().caret < len);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.run();
    assert_eq!(harness.state().selection().caret, 0);
}

#[test]
fn caret_never_splits_an_emoji() {
    let name = "2024-08-chile-new-zealand-ocean-watch";
    let (_dir, txt) = temp_article(name, false);
    let mut harness = harness_for(&txt);
    let at = find(&harness, "👩\u{200d}💻");
    execute(&mut harness, vec![Command::Select(Selection::caret_at(at))]);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(
        harness.state().selection().range(),
        at..at + 3,
        "a ZWJ sequence is one step"
    );
}

#[test]
fn closing_with_unsaved_edits_asks_first() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::Num3);
    harness.run();
    request_close(&mut harness);
    assert!(harness.state().is_asking_to_save());
    button(&harness, "Cancel").click();
    harness.run();
    assert!(!harness.state().is_asking_to_save());
    assert!(!dir.path().join(format!("{SAMPLE}.ron")).exists());

    request_close(&mut harness);
    button(&harness, "Save").click();
    harness.step();
    assert!(sent_close(&harness), "closes after saving");
    let written = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron"))).unwrap();
    assert!(written.contains("text: \"Tehran\""));
}

#[test]
fn opening_another_document_with_unsaved_edits_asks_first() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Another article\n\nAbout Chile.\n").unwrap();
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::Num3);
    harness.run();

    // Dropping a file on the window opens it, after asking.
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(other.clone())));
    harness.run();
    assert!(harness.state().is_asking_to_save());
    harness.key_press(Key::D);
    harness.run();
    assert_eq!(harness.state().session().unwrap().txt_path(), other);
    assert!(
        !dir.path().join(format!("{SAMPLE}.ron")).exists(),
        "discarded, not saved"
    );
}

#[test]
fn a_broken_annotation_file_is_never_overwritten() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let ron = dir.path().join(format!("{SAMPLE}.ron"));
    let broken = "(\n    format: 1,\n    document: \"x.txt\",\n    spans: [ (id: 1, start: 0 \n";
    std::fs::write(&ron, broken).unwrap();
    let mut harness = harness_for(&txt);
    let problems = harness.state().session().unwrap().problems().to_vec();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].to_string().contains(":4:"),
        "line:column given: {}",
        problems[0]
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::Num3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    // A save starts the suggesters in the background; under load they
    // outlast `run`'s few frames, so wait for them.
    harness.step();
    wait_for_suggestions(&mut harness);
    assert_eq!(std::fs::read_to_string(&ron).unwrap(), broken, "untouched");
    assert!(harness.state().notice().unwrap().is_error);

    button(&harness, "Back up and overwrite").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    wait_for_suggestions(&mut harness);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron.broken"))).unwrap(),
        broken
    );
    assert!(
        std::fs::read_to_string(&ron)
            .unwrap()
            .contains("text: \"Tehran\"")
    );
}

#[test]
fn side_panel_lists_spans_and_selects_on_click() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    harness.get_by_label("- person 5");
    harness.get_by_label("- role 4");
    harness.get_by_label_contains("Issa Zarepour").click();
    harness.run();
    let id = harness.state().selected_span().unwrap();
    let span = spans(&harness).into_iter().find(|s| s.id == id).unwrap();
    assert_eq!(span.text, "Issa Zarepour");
}

#[test]
fn a_missing_or_non_utf8_file_is_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 society\n").unwrap();
    let harness = harness_for(&bad);
    assert!(harness.state().session().is_none());
    let notice = harness.state().notice().unwrap();
    assert!(
        notice.is_error && notice.text.contains("latin1.txt") && notice.text.contains("UTF-8"),
        "{}",
        notice.text
    );

    let harness = harness_for(&dir.path().join("missing.txt"));
    let notice = harness.state().notice().unwrap();
    assert!(notice.text.contains("missing.txt"), "{}", notice.text);
}

#[test]
fn snapshot_of_an_annotated_article_with_nested_spans() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    harness.snapshot("annotated_article");
}

#[test]
fn f1_shows_every_shortcut() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    assert!(harness.query_by_label("Ctrl+Shift+Z / Ctrl+Y").is_none());
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Ctrl+Shift+Z / Ctrl+Y");
    harness.get_by_label("Page Up / Page Down");
    harness.key_press(Key::F1);
    harness.run();
    assert!(harness.query_by_label("Ctrl+Shift+Z / Ctrl+Y").is_none());
}

//! GUI tests of crash recovery: unsaved edits go to the recovery journal
//! (at once, then every few seconds and when the window loses focus); a new
//! window on the same article offers to restore them.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

/// A copy of the sample, opened, with its first word tagged and not saved;
/// also the path of its recovery journal.
fn tagged_without_saving() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    egui_kittest::Harness<'static, newsmark::ui::NewsmarkApp>,
) {
    let (dir, txt) = temp_article(SAMPLE, false);
    let journal = dir.path().join(format!(".{SAMPLE}.ron.journal"));
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::Num3);
    harness.run();
    (dir, txt, journal, harness)
}

#[test]
fn unsaved_edits_survive_a_crash_and_restore_is_undoable() {
    let (dir, txt, journal, mut harness) = tagged_without_saving();
    assert!(
        journal.exists(),
        "the first unsaved edit is journaled at once"
    );

    // A second edit is journaled when the window loses focus.
    let start = find(&harness, "deepen");
    drag(&mut harness, start, start + 3, Modifiers::NONE);
    harness.key_press(Key::Num4);
    harness.run();
    set_focus(&mut harness, false);
    let written = std::fs::read_to_string(&journal).unwrap();
    assert!(written.contains(r#"text: "deepen""#), "{written}");
    drop(harness); // the crash: nothing saved
    assert!(!dir.path().join(format!("{SAMPLE}.ron")).exists());

    let mut harness = harness_for(&txt);
    assert!(harness.state().is_offering_journal());
    // Two tags, and Tehran's other occurrence offered: pending, not a span.
    harness.get_by_label_contains("unsaved annotations (2 spans · 1 pending)");
    harness.key_press(Key::R);
    harness.run();
    let restored: Vec<String> = spans(&harness).into_iter().map(|s| s.text).collect();
    assert_eq!(restored, ["Tehran", "deepen", "Tehran"]);
    assert!(
        harness.state().title().starts_with('•'),
        "restored, not yet saved"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(spans(&harness).is_empty(), "a restore is one undo step");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!journal.exists(), "saving removes the journal");
}

#[test]
fn discarding_the_offer_removes_the_journal() {
    let (_dir, txt, journal, harness) = tagged_without_saving();
    drop(harness);
    let mut harness = harness_for(&txt);
    assert!(harness.state().is_offering_journal());
    harness.key_press(Key::D);
    harness.run();
    assert!(!harness.state().is_offering_journal());
    assert!(spans(&harness).is_empty());
    assert!(!journal.exists());
}

/// A long document's journal is written on another thread: it appears
/// on disk a few frames after the edit, with the edit in it.
#[test]
fn a_long_documents_journal_is_written_in_the_background() {
    let n = newsmark::ui::BACKGROUND_JOURNAL_SPANS + 200;
    let (dir, txt) = crate::common::files::long_saved_article(n);
    let journal = dir.path().join(".long.ron.journal");

    let mut harness = harness_for(&txt);
    drag(&mut harness, 14, 20, Modifiers::NONE);
    harness.key_press(Key::Num4);
    harness.run();
    assert!(spans(&harness).iter().any(|s| s.text == "signed"));
    step_while(&mut harness, "the journal write", |_| !journal.exists());
    let written = std::fs::read_to_string(&journal).unwrap();
    assert!(written.contains(r#"text: "signed""#));
    assert_eq!(written.matches(r#"label: "country""#).count(), n);
}

/// A long document's journal that cannot be written: the window says so,
/// naming the file, and the edit stays (unsaved, not lost).
#[test]
fn a_background_journal_failure_is_reported_naming_the_file() {
    let n = newsmark::ui::BACKGROUND_JOURNAL_SPANS + 200;
    let (dir, txt) = crate::common::files::long_saved_article(n);
    let mut harness = harness_for(&txt);
    // After opening (which sets aside anything unreadable found there): a
    // folder where the journal goes, which a file cannot replace.
    std::fs::create_dir(dir.path().join(".long.ron.journal")).unwrap();
    drag(&mut harness, 14, 20, Modifiers::NONE);
    harness.key_press(Key::Num4);
    harness.run();
    let reported = |app: &newsmark::ui::NewsmarkApp| {
        app.notice()
            .is_some_and(|n| n.is_error && n.text.contains("recovery journal"))
    };
    step_while(&mut harness, "the journal write", |app| !reported(app));
    let notice = harness.state().notice().unwrap().text.clone();
    assert!(notice.contains(".long.ron.journal"), "{notice}");
    assert!(spans(&harness).iter().any(|s| s.text == "signed"));
    assert!(harness.state().title().starts_with('•'), "still unsaved");
}

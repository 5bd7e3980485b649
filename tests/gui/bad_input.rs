//! GUI tests of articles that cannot be opened as they are: one that is not
//! UTF-8 is offered as a UTF-8 copy (the original untouched), and one over
//! the size limit is refused with its size, before it is read. Either way
//! the open document stays open and no file is overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::files::{listing, sparse_file};
use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::ui::NewsmarkApp;

/// Copies the Windows-1252 fixture into `dir`; returns its path.
fn windows_1252_article(dir: &Path) -> PathBuf {
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encoding/windows-1252.txt");
    let txt = dir.join("windows-1252.txt");
    fs::copy(from, &txt).unwrap();
    txt
}

/// Drops `path` on the window, as a file manager would.
fn drop_file(harness: &mut Harness<'_, NewsmarkApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.to_owned())));
    harness.run();
}

fn notice(harness: &Harness<'_, NewsmarkApp>) -> String {
    harness.state().notice().unwrap().text.clone()
}

#[test]
fn windows_1252_article_opens_as_a_utf8_copy() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let legacy = windows_1252_article(dir.path());
    let original = fs::read(&legacy).unwrap();
    let mut harness = harness_for(&txt);

    drop_file(&mut harness, &legacy);
    assert!(harness.state().is_offering_conversion());
    // The question names the file and the offset, and previews the text.
    harness.get_by_label("Not UTF-8 text");
    // In the question and in the status bar.
    let reason = "windows-1252.txt: not UTF-8 text (invalid byte at offset 3)";
    assert_eq!(harness.query_all_by_label_contains(reason).count(), 2);
    harness.get_by_label_contains("Café “La Havane”, Tehran — Issa Zarepour");
    harness.get_by_label_contains("windows-1252.utf8.txt");
    assert_eq!(
        harness.state().session().unwrap().txt_path(),
        txt,
        "the open article stays open while asking"
    );

    button(&harness, "Open as windows-1252").click();
    harness.run();
    assert!(!harness.state().is_offering_conversion());
    let copy = dir.path().join("windows-1252.utf8.txt");
    let session = harness.state().session().unwrap();
    assert_eq!(session.txt_path(), copy);
    assert!(session.doc().text().starts_with("Café “La Havane”"));
    assert!(notice(&harness).contains("a UTF-8 copy of windows-1252.txt"));
    // The folder's list shows the new article.
    assert!(harness.state().corpus().position(&copy).is_some());

    // The copy is annotated and saved like any article.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::Num3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = fs::read_to_string(dir.path().join("windows-1252.utf8.ron")).unwrap();
    assert!(saved.contains(r#"text: "Café""#), "{saved}");
    assert_eq!(fs::read(&legacy).unwrap(), original, "the original changed");
}

#[test]
fn declining_the_copy_writes_nothing() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let legacy = windows_1252_article(dir.path());
    let before = listing(dir.path());
    let mut harness = harness_for(&txt);

    // Cancel by button, then by Escape.
    drop_file(&mut harness, &legacy);
    button(&harness, "Cancel").click();
    harness.run();
    assert!(!harness.state().is_offering_conversion());
    drop_file(&mut harness, &legacy);
    assert!(harness.state().is_offering_conversion());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().is_offering_conversion());

    assert!(notice(&harness).contains("windows-1252.txt was not opened; it is unchanged"));
    assert_eq!(harness.state().session().unwrap().txt_path(), txt);
    assert_eq!(listing(dir.path()), before);

    // Opening another article drops the question.
    drop_file(&mut harness, &legacy);
    drop_file(&mut harness, &txt);
    assert!(!harness.state().is_offering_conversion());
    assert_eq!(listing(dir.path()), before);
}

#[test]
fn started_on_a_windows_1252_article_enter_converts() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = windows_1252_article(dir.path());
    let mut harness = harness_for(&legacy);
    assert!(harness.state().session().is_none());
    assert!(harness.state().is_offering_conversion());
    harness.key_press(Key::Enter);
    harness.run();
    let copy = dir.path().join("windows-1252.utf8.txt");
    assert_eq!(harness.state().session().unwrap().txt_path(), copy);
    assert_eq!(
        listing(dir.path()),
        ["windows-1252.txt", "windows-1252.utf8.txt"]
    );
}

#[test]
fn too_large_article_is_refused_and_the_open_one_kept() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let huge = dir.path().join("huge.txt");
    // Sparse: 200 MiB on paper, no disk or memory used.
    sparse_file(&huge, 200 << 20);
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::Num3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = fs::read(dir.path().join(format!("{SAMPLE}.ron"))).unwrap();
    let tagged = spans(&harness);
    assert!(!tagged.is_empty());

    drop_file(&mut harness, &huge);
    let shown = notice(&harness);
    assert!(harness.state().notice().unwrap().is_error);
    assert!(
        shown.contains("huge.txt: too large: 200 MiB (209715200 bytes), over the 64 MiB limit"),
        "{shown}"
    );
    assert!(!harness.state().is_offering_conversion());
    assert_eq!(harness.state().session().unwrap().txt_path(), txt);
    assert_eq!(spans(&harness), tagged, "the open article is as it was");
    assert_eq!(
        fs::read(dir.path().join(format!("{SAMPLE}.ron"))).unwrap(),
        saved
    );
    assert_eq!(fs::metadata(&huge).unwrap().len(), 200 << 20);
}

#[test]
fn a_folder_whose_first_article_cannot_be_opened_lists_it_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    // "a-…" sorts first, so the folder opens on it.
    let bad = windows_1252_article(dir.path());
    let first = dir.path().join("a-latin.txt");
    fs::rename(&bad, &first).unwrap();
    fs::write(dir.path().join("b.txt"), "Tehran and Havana.\n").unwrap();
    let harness = harness_for(dir.path());
    assert!(harness.state().session().is_none());
    let corpus = harness.state().corpus();
    assert_eq!(corpus.loaded_count(), 2, "every entry is read");
    let entry = &corpus.entries[0];
    assert_eq!(entry.name, "a-latin.txt");
    let error = entry.error.as_deref().unwrap_or_default();
    assert!(
        error.contains("a-latin.txt") && error.contains("UTF-8"),
        "{error}"
    );
}

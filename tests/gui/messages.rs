//! What the status bar and the span list say: counts in words ("Undid 1
//! change"), an Open dialog that gives no file, a span that splits a
//! character listed by its code points.

use std::path::{Path, PathBuf};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::session::ReviewFilter;
use newsmark::ui::{Command, NewsmarkApp};

/// A folder holding `NAME.txt` with `text` and `NAME.ron` with one pending
/// suggestion `start..end` labelled `label` (its quote taken from the text).
fn article_with_suggestion(
    text: &str,
    start: usize,
    end: usize,
    label: &str,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("article.txt");
    std::fs::write(&txt, text).unwrap();
    let quote: String = text.chars().skip(start).take(end - start).collect();
    let ron = format!(
        "(format: 1, document: \"article.txt\", text_sha256: \"\", spans: [\
         (id: 1, start: {start}, end: {end}, label: {label:?}, text: {quote:?}, \
         origin: Extractor(\"spacy\"), status: Pending)])\n"
    );
    std::fs::write(dir.path().join("article.ron"), ron).unwrap();
    (dir, txt)
}

/// The status bar's message, which must also be on screen.
fn status(harness: &Harness<'_, NewsmarkApp>) -> String {
    let text = harness.state().notice().expect("a message").text.clone();
    harness.get_by_label(&text);
    text
}

#[test]
fn undoing_and_redoing_one_change_says_one_change() {
    let (_dir, txt) = article_with_suggestion("Tehran and Havana agree.", 0, 6, "country");
    let mut harness = harness_for(&txt);
    // "Accept all" over one suggestion: one change, in one undo step.
    execute(
        &mut harness,
        vec![Command::Bulk {
            filter: ReviewFilter::default(),
            status: newsmark::model::Status::Accepted,
        }],
    );
    assert_eq!(status(&harness), "1 change (Ctrl+Z to undo)");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(status(&harness), "Undid 1 change");

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(status(&harness), "Redid 1 change");
}

#[test]
fn ctrl_o_without_a_dialog_says_so_and_names_the_other_ways_to_open() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    // As under Xvfb with no desktop portal: the dialog gives no file.
    harness.state_mut().replace_open_dialog(|_| None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    // The wording is checked in full by the unit test of file_dialog.rs.
    let said = status(&harness);
    assert!(
        said.starts_with("No file dialog here, or it was cancelled."),
        "{said}"
    );
    assert!(said.contains("File > Open Recent"), "{said}");
    assert!(!said.contains("No file chosen"), "{said}");
    assert_eq!(
        harness.state().session().unwrap().txt_path(),
        txt,
        "nothing else opened"
    );
}

#[test]
fn ctrl_o_opens_what_the_dialog_gives_starting_in_the_articles_folder() {
    let (dir, txt) = temp_article(SAMPLE, false);
    std::fs::write(dir.path().join("other.txt"), "Cuba and Iran talk.").unwrap();
    let mut harness = harness_for(&txt);
    harness
        .state_mut()
        .replace_open_dialog(|start| start.map(|dir: &Path| dir.join("other.txt")));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    let open = harness.state().session().unwrap().txt_path().to_owned();
    assert_eq!(open, dir.path().join("other.txt"));
}

#[test]
fn a_span_that_splits_an_emoji_is_listed_by_its_code_points() {
    // 👩🏽‍💻 is code points 6..10; the span holds its skin tone and joiner.
    let text = "Coder \u{1F469}\u{1F3FD}\u{200D}\u{1F4BB} in Cuba.";
    let (_dir, txt) = article_with_suggestion(text, 7, 9, "person");
    let harness = harness_for(&txt);
    let span = &spans(&harness)[0];
    assert_eq!(span.text, "\u{1F3FD}\u{200D}");
    harness.get_by_label_contains("U+1F3FD U+200D  7\u{2013}9");
}

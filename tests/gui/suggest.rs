//! GUI tests of the suggesters: a tagged text's other occurrences offered
//! in the document and, on save, across the folder; an extractor command
//! asked about before it runs, then run in the background; cancelling.

use std::fs;

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{Origin, Status};
use newsmark::ui::NewsmarkApp;

#[test]
fn tagging_a_text_offers_its_other_occurrences_here_and_on_save_elsewhere() {
    let (dir, _txt, mut harness) =
        open_sample_beside(&[("other.txt", "Zarepour spoke to Zarepourian fans.\n")]);
    tag_first(&mut harness, "Zarepour", Key::P);
    let all = spans(&harness);
    let pending: Vec<_> = all.iter().filter(|s| s.status == Status::Pending).collect();
    assert_eq!(
        pending.len(),
        2,
        "both other Zarepours are offered: {all:?}"
    );
    for s in &pending {
        assert_eq!((s.text.as_str(), s.label.as_str()), ("Zarepour", "person"));
        assert_eq!(s.origin, Origin::Extractor("string-match".into()));
    }
    // One undo step removes the offers, the next the span itself.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(spans(&harness).len(), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();

    assert!(!dir.path().join("other.ron").exists());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    wait_for_suggestions(&mut harness);
    let other = fs::read_to_string(dir.path().join("other.ron")).unwrap();
    assert!(other.contains(r#"(id: 1, start: 0, end: 8, label: "person", text: "Zarepour", origin: Extractor("string-match"), status: Pending"#), "{other}");
    assert!(
        !other.contains("start: 18"),
        "not inside Zarepourian: {other}"
    );
}

#[test]
fn an_undone_tag_is_not_offered_to_the_other_documents_on_save() {
    let (dir, _txt, mut harness) = open_sample_beside(&[("other.txt", VISITED)]);
    tag_first(&mut harness, "Zarepour", Key::P);
    // The first undo takes back the offered occurrences, the second the tag.
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    assert!(spans(&harness).is_empty(), "{:?}", spans(&harness));
    tag_first(&mut harness, "Havana", Key::C);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    wait_for_suggestions(&mut harness);
    let other = fs::read_to_string(dir.path().join("other.ron")).unwrap();
    assert!(
        other.contains(r#"start: 17, end: 23, label: "country", text: "Havana""#),
        "the tag still there is offered: {other}"
    );
    assert!(
        !other.contains(r#"text: "Zarepour""#),
        "the undone tag is not: {other}"
    );
}

#[test]
fn moving_to_the_next_document_offers_what_was_tagged_to_the_others() {
    let (dir, txt, mut harness) = open_sample_beside(&[
        ("other.txt", VISITED),
        ("third.txt", "Later, Zarepour flew home.\n"),
    ]);
    tag_first(&mut harness, "Zarepour", Key::P);

    // Ctrl+PageDown saves this document and opens the next one, other.txt.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.step();
    wait_for_suggestions(&mut harness);
    let session = harness.state().session().unwrap();
    assert_eq!(session.txt_path(), dir.path().join("other.txt"));
    let offered: Vec<_> = spans(&harness)
        .into_iter()
        .map(|s| (s.start, s.end, s.label, s.status))
        .collect();
    assert_eq!(
        offered,
        vec![(0, 8, "person".to_owned(), Status::Pending)],
        "the open document gets the offer as an edit"
    );
    assert!(session.is_dirty(), "the offer is an unsaved, undoable edit");
    let notice = &harness.state().notice().unwrap().text;
    assert!(
        notice.contains("1 new here to review (N), 1 added in other documents"),
        "{notice}"
    );
    let third = fs::read_to_string(dir.path().join("third.ron")).unwrap();
    assert!(
        third.contains(r#"start: 7, end: 15, label: "person", text: "Zarepour", origin: Extractor("string-match"), status: Pending"#),
        "the document not open gets it in its file: {third}"
    );
    let listed = harness.state().corpus();
    let third_entry = &listed.entries[listed.position(&dir.path().join("third.txt")).unwrap()];
    assert_eq!(
        third_entry.pending_count(),
        1,
        "the document list counts what the job wrote"
    );
    let first = fs::read_to_string(txt.with_extension("ron")).unwrap();
    assert!(
        first.contains(r#"label: "person", text: "Zarepour", prefix"#),
        "{first}"
    );
}

#[test]
fn a_tag_relabelled_before_saving_is_offered_with_its_new_label_and_only_elsewhere() {
    let (dir, _txt, mut harness) = open_sample_beside(&[("other.txt", VISITED)]);
    tag_first(&mut harness, "Zarepour", Key::P);
    let offered_here = spans(&harness).len() - 1;
    assert!(offered_here > 0, "its other occurrences here are offered");
    let start = find(&harness, "Zarepour");
    let at = point_at(&mut harness, start + 2);
    click(&mut harness, at);
    harness.key_press(Key::R);
    harness.run();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    wait_for_suggestions(&mut harness);
    let other = fs::read_to_string(dir.path().join("other.ron")).unwrap();
    assert!(
        other.contains(r#"start: 0, end: 8, label: "role", text: "Zarepour""#),
        "offered with the label it has when saved: {other}"
    );
    assert!(!other.contains(r#"label: "person""#), "{other}");
    // This document's occurrences were offered when it was tagged; saving
    // does not offer them again under the new label.
    assert_eq!(
        spans(&harness).len(),
        offered_here + 1,
        "{:?}",
        spans(&harness)
    );
    assert!(!harness.state().session().unwrap().is_dirty());
}

/// A corpus with a fake extractor that finds "optical fiber project".
fn corpus_with_extractor(sleep_secs: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, txt) = temp_article(SAMPLE, false);
    let script = dir.path().join("fake_extractor.py");
    fs::write(
        &script,
        format!(
            "import json, sys, time\ntime.sleep({sleep_secs})\ntext = sys.stdin.read()\ni = text.find('optical fiber project')\nprint(json.dumps({{'start': i, 'end': i + 21, 'label': 'initiative', 'score': 0.7}}))\n"
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("newsmark.ron"),
        format!("(extractor: Some((argv: [\"python3\", {:?}], timeout_secs: 30, name: Some(\"fake\"))), gazetteer: false)\n", script.display().to_string()),
    )
    .unwrap();
    (dir, txt)
}

#[test]
fn an_extractor_command_is_confirmed_then_run_in_the_background() {
    let (_dir, txt) = corpus_with_extractor(0);
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(harness.state().is_asking_to_run_extractor());
    harness.get_by_label_contains("fake_extractor.py");
    harness.key_press(Key::R);
    // One frame takes the key; the run goes on in the background (a slow
    // extractor on a busy machine outlasts `run()`'s step budget).
    harness.step();
    wait_for_suggestions(&mut harness);
    let found: Vec<_> = spans(&harness)
        .into_iter()
        .filter(|s| s.origin == Origin::Extractor("fake".into()))
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].text.as_str(), found[0].score, found[0].status),
        ("optical fiber project", Some(0.7), Status::Pending)
    );

    // Approved once: not asked again; nothing new is added twice.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.step();
    assert!(!harness.state().is_asking_to_run_extractor());
    wait_for_suggestions(&mut harness);
    assert_eq!(spans(&harness).len(), 1);
}

#[test]
fn declining_the_command_runs_only_the_built_in_suggesters() {
    let (_dir, txt) = corpus_with_extractor(0);
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.key_press(Key::B);
    harness.step();
    wait_for_suggestions(&mut harness);
    assert!(
        spans(&harness)
            .iter()
            .all(|s| s.origin != Origin::Extractor("fake".into()))
    );
}

/// The folder with the fake extractor (taking `sleep_secs` an article) and
/// other.txt beside the first article, whose window has just started
/// suggesting over the whole folder.
fn suggesting_the_folder(
    sleep_secs: u32,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, NewsmarkApp>,
) {
    let (dir, txt) = corpus_with_extractor(sleep_secs);
    let other = dir.path().join("other.txt");
    fs::write(&other, "Work on the optical fiber project went on.\n").unwrap();
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E);
    harness.run();
    harness.key_press(Key::R);
    harness.step();
    assert!(harness.state().is_suggesting());
    (dir, other, harness)
}

/// Once the job is done: it did not write other.txt, open in the window,
/// whose extractor suggestion came to the window instead.
fn check_other_got_its_suggestion_in_the_window(
    dir: &std::path::Path,
    harness: &mut Harness<'_, NewsmarkApp>,
) {
    wait_for_suggestions(harness);
    harness.run();
    assert!(
        !dir.join("other.ron").exists(),
        "the job does not write the file of the open document"
    );
    assert!(harness.state().disk_change().is_none());
    let found: Vec<_> = spans(harness)
        .into_iter()
        .filter(|s| s.origin == Origin::Extractor("fake".into()))
        .map(|s| (s.text, s.status))
        .collect();
    assert_eq!(
        found,
        vec![("optical fiber project".to_owned(), Status::Pending)]
    );
}

#[test]
fn a_document_opened_while_the_folder_is_suggested_gets_its_suggestions_in_the_window() {
    let (dir, other, mut harness) = suggesting_the_folder(1);
    // While the extractor works on this article, move on to other.txt.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.step();
    assert_eq!(harness.state().session().unwrap().txt_path(), other);
    check_other_got_its_suggestion_in_the_window(dir.path(), &mut harness);
}

/// Another folder opened while the folder's suggestion job runs replaces
/// the open folder whole; the job, which keeps running, still learns which
/// article the window has open (the handle is the window's, not the
/// folder's), so it does not write the file of an article opened after.
#[test]
fn a_job_outlives_the_folder_it_started_in_and_still_spares_the_open_article() {
    let (dir, other, mut harness) = suggesting_the_folder(2);
    let elsewhere = tempfile::tempdir().unwrap();
    let away = elsewhere.path().join("away.txt");
    fs::write(&away, "An article in another folder.\n").unwrap();
    // While the extractor works on the first article: another folder, then
    // back to this folder (read again: a new folder in the window).
    let ctx = harness.ctx.clone();
    for path in [&away, &other] {
        let open = vec![newsmark::ui::Command::Open(path.clone())];
        harness.state_mut().execute(&ctx, open);
        harness.step();
        assert_eq!(harness.state().session().unwrap().txt_path(), path);
    }
    assert!(harness.state().is_suggesting(), "the job still runs");
    check_other_got_its_suggestion_in_the_window(dir.path(), &mut harness);
}

#[test]
fn a_slow_extractor_can_be_cancelled() {
    let (_dir, txt) = corpus_with_extractor(20);
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run();
    harness.key_press(Key::R);
    // The status bar's spinner repaints while it runs: step, don't run.
    harness.step();
    harness.step();
    assert!(harness.state().is_suggesting());
    let started = std::time::Instant::now();
    button(&harness, "Cancel").click();
    harness.step();
    wait_for_suggestions(&mut harness);
    assert!(started.elapsed().as_secs() < 10, "killed, not waited for");
    assert!(spans(&harness).is_empty());
}

/// Drags inside the first `word` (the selection widens to the whole word)
/// and presses the label hotkey `key`.
fn tag_first(harness: &mut Harness<'_, NewsmarkApp>, word: &str, key: Key) {
    let start = find(harness, word);
    drag(harness, start + 1, start + 3, Modifiers::NONE);
    harness.key_press(key);
    harness.run();
}

/// A short article naming Zarepour, for beside the sample.
const VISITED: &str = "Zarepour visited Havana.\n";

/// The sample article open in the window, in a temporary folder with the
/// articles `others` (file name, text) beside it.
fn open_sample_beside(
    others: &[(&str, &str)],
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, NewsmarkApp>,
) {
    let (dir, txt) = temp_article(SAMPLE, false);
    for (name, text) in others {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let harness = harness_for(&txt);
    (dir, txt, harness)
}

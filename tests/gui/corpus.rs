//! GUI tests of working through a folder: the document list, moving between
//! documents (saving first), marking a document done.

use std::fs;
use std::path::Path;

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use newsmark::corpus::DocStatus;

/// A copy of the five sample articles, without annotations.
fn corpus() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for entry in fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let first = dir.path().to_owned();
    (dir, first)
}

fn open_name(harness: &egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>) -> String {
    newsmark::store::file_name(harness.state().session().unwrap().txt_path())
}

#[test]
fn navigation_saves_first_and_mark_done_moves_on() {
    let (dir, folder) = corpus();
    let mut harness = harness_for(&folder);
    assert_eq!(
        open_name(&harness),
        "2024-05-iran-cuba-ict.txt",
        "a folder opens its first article"
    );
    harness.get_by_label_contains("0 of 5 done");

    // Tag the title's first word, then Ctrl+PageDown: saved, next document.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::Num3);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(open_name(&harness), "2024-05-iran-cuba-ict-fa.txt");
    let saved = fs::read_to_string(dir.path().join("2024-05-iran-cuba-ict.ron")).unwrap();
    assert!(saved.contains(r#"text: "Tehran""#), "{saved}");
    assert_eq!(
        harness.state().corpus().entries[0].status(),
        DocStatus::InProgress
    );
    // The Persian article, then the next.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(
        open_name(&harness),
        "2024-06-norway-vietnam-offshore-wind.txt"
    );

    // Ctrl+Enter: marked done in its .ron, and on to the next document.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run();
    assert_eq!(
        open_name(&harness),
        "2024-07-brazil-germany-vaccine-cold-chain.txt"
    );
    let done =
        fs::read_to_string(dir.path().join("2024-06-norway-vietnam-offshore-wind.ron")).unwrap();
    assert!(done.contains("    done: true,\n"), "{done}");
    harness.get_by_label_contains("1 of 5 done");

    // Ctrl+PageUp goes back; the document reopens marked done.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(
        open_name(&harness),
        "2024-06-norway-vietnam-offshore-wind.txt"
    );
    assert!(harness.state().session().unwrap().set().is_done());
    assert!(!harness.state().title().starts_with('•'), "reopened clean");
}

#[test]
fn the_document_list_opens_a_document_and_filters() {
    let (_dir, folder) = corpus();
    let mut harness = harness_for(&folder);
    harness.get_by_label_contains("chile-new-zealand").click();
    harness.run();
    assert_eq!(
        open_name(&harness),
        "2024-08-chile-new-zealand-ocean-watch.txt"
    );

    // Typing in the filter box filters, and does not tag anything.
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .click();
    harness.run();
    harness.key_press(Key::P);
    harness.event(egui::Event::Text("brazil".into()));
    harness.run();
    assert!(harness.query_by_label_contains("norway-vietnam").is_none());
    harness.get_by_label_contains("brazil-germany");
    assert!(
        harness.state().session().unwrap().set().is_empty(),
        "no hotkey fired"
    );
}

#[test]
fn search_moves_between_hits_and_annotates_all_here_and_across_the_folder() {
    let (dir, folder) = corpus();
    fs::write(
        dir.path().join("2024-09-extra.txt"),
        "Talks: cuba and Iran.\n",
    )
    .unwrap();
    let mut harness = harness_for(&folder);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.event(egui::Event::Text("CUBA".into()));
    harness.run();
    let text = harness.state().session().unwrap().doc().text().to_owned();
    let expected = text.matches("Cuba").count();
    assert!(expected >= 5);
    harness.get_by_label(&format!("{expected} hits"));

    // Enter in the search box goes to the first hit, and keeps the focus.
    harness.key_press(Key::Enter);
    harness.run();
    let first = harness.state().selection().range();
    assert_eq!(
        harness
            .state()
            .session()
            .unwrap()
            .doc()
            .slice(first.clone()),
        Some("Cuba")
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().selection().range().start > first.start);
    harness.get_by_label(&format!("2 of {expected}"));

    // Annotate all as country (the default label is the first, person).
    harness.get_by_label("across the folder").click();
    harness.run();
    choose_search_label(&mut harness, "country");
    button(&harness, "Annotate all").click();
    harness.step();
    // The other documents are offered the hits by a background job, not in
    // the frame of the click.
    assert!(harness.state().is_suggesting(), "offered in the background");
    wait_for_suggestions(&mut harness);
    let done = notice_text(&harness);
    assert!(done.contains("1 added in other documents"), "{done}");
    let tagged = spans(&harness);
    assert_eq!(tagged.len(), expected);
    // Hits inside longer words ("Cuban") are widened to the whole word.
    assert!(
        tagged
            .iter()
            .all(|s| s.label == "country" && (s.text == "Cuba" || s.text == "Cuban"))
    );
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(spans(&harness).is_empty(), "one undo step");

    // The other document with a hit got it as a pending suggestion.
    let extra = fs::read_to_string(dir.path().join("2024-09-extra.ron")).unwrap();
    assert!(
        extra.contains(r#"start: 7, end: 11, label: "country", text: "cuba", origin: Extractor("search"), status: Pending"#),
        "{extra}"
    );
    assert!(
        !dir.path()
            .join("2024-08-chile-new-zealand-ocean-watch.ron")
            .exists(),
        "no hit, no file"
    );
}

#[test]
fn a_folder_schema_sets_the_labels_and_a_bad_one_is_reported() {
    let (dir, folder) = corpus();
    let settings = dir.path().join("newsmark.ron");
    fs::write(
        &settings,
        "(labels: Some([(name: \"org\", color: (200, 40, 40), hotkeys: ['1', 'o'], description: \"An organisation.\")]), guidelines: Some(\"Tag whole names.\"))",
    )
    .unwrap();
    let mut harness = harness_for(&folder);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press(Key::O);
    harness.run();
    assert_eq!(spans(&harness)[0].label, "org");
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("An organisation.");
    harness.get_by_label("Tag whole names.");

    // A clash is refused with a message naming the file; built-in labels apply.
    fs::write(
        &settings,
        "(labels: Some([(name: \"org\", color: (1, 2, 3), hotkeys: ['x'], description: \"\")]))",
    )
    .unwrap();
    let harness = harness_for(&folder);
    let notice = harness.state().notice().unwrap();
    assert!(
        notice.is_error
            && notice.text.contains("newsmark.ron")
            && notice.text.contains("built-in labels"),
        "{}",
        notice.text
    );
    assert_eq!(
        harness.state().session().unwrap().schema().labels[0].name,
        "person"
    );
}

#[test]
fn recent_articles_persist_and_reopen_from_the_file_menu() {
    let (_dir, folder) = corpus();
    let mut harness = harness_for(&folder);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    let recent = harness.state().recent().to_vec();
    assert_eq!(recent.len(), 2, "{recent:?}");
    assert!(
        recent[0].ends_with("2024-05-iran-cuba-ict-fa.txt"),
        "newest first: {recent:?}"
    );

    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let other = tempfile::tempdir().unwrap();
    let lone = other.path().join("lone.txt");
    fs::write(&lone, "A lone article.\n").unwrap();
    let mut later = harness_for(&lone);
    later.state_mut().restore(Some(&storage));
    assert_eq!(later.state().recent().len(), 3);
    later.get_by_label("File").click();
    later.run();
    later.get_by_label("Open Recent").click();
    later.run();
    later.get_by_label("2024-05-iran-cuba-ict.txt").click();
    later.run();
    assert_eq!(open_name(&later), "2024-05-iran-cuba-ict.txt");
}

#[test]
fn import_and_export_run_in_the_background_from_the_window() {
    let (dir, folder) = corpus();
    let mut harness = harness_for(&folder);
    let jsonl = dir.path().join("..").join(format!(
        "{}.jsonl",
        dir.path().file_name().unwrap().to_string_lossy()
    ));
    let text = fs::read_to_string(dir.path().join("2024-05-iran-cuba-ict.txt")).unwrap();
    let record = serde_json::json!({"text": text, "spans": [{"start": 0, "end": 6, "label": "country"}], "meta": {"file": "2024-05-iran-cuba-ict.txt"}});
    fs::write(&jsonl, format!("{record}\n")).unwrap();
    execute(
        &mut harness,
        vec![newsmark::ui::Command::Import {
            format: newsmark::formats::Format::Spacy,
            src: jsonl.clone(),
        }],
    );
    wait_for_task(&mut harness);
    let notice = harness.state().notice().unwrap().text.clone();
    assert!(notice.contains("Imported 1 suggestion"), "{notice}");
    // The open document was reloaded with the suggestion.
    let tehran = spans(&harness);
    assert_eq!(tehran.len(), 1);
    assert_eq!(
        tehran[0].origin,
        newsmark::model::Origin::Extractor("spacy".into())
    );
    fs::remove_file(&jsonl).unwrap();

    let out = tempfile::tempdir().unwrap();
    let conll = out.path().join("corpus.conll");
    execute(
        &mut harness,
        vec![newsmark::ui::Command::Export {
            format: newsmark::formats::export::ExportFormat::Conll,
            out: conll.clone(),
        }],
    );
    wait_for_task(&mut harness);
    let written = fs::read_to_string(&conll).unwrap();
    assert_eq!(written.matches("-DOCSTART-").count(), 5, "every document");
}

#[test]
fn ctrl_t_shows_the_folder_statistics() {
    let (_dir, folder) = corpus();
    let mut harness = harness_for(&folder);
    assert!(harness.query_by_label("Spans per label").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    harness.get_by_label("Spans per label");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    assert!(harness.query_by_label("Spans per label").is_none());
}

#[test]
fn importing_with_unsaved_edits_keeps_them_and_lists_the_new_articles() {
    let (dir, folder) = corpus();
    let mut harness = harness_for(&folder);
    let start = find(&harness, "Havana");
    drag(&mut harness, start + 1, start + 3, Modifiers::NONE);
    harness.key_press(Key::C);
    harness.run();
    assert!(harness.state().session().unwrap().is_dirty());
    let jsonl = tempfile::NamedTempFile::new().unwrap();
    let record = serde_json::json!({"text": "Havana hosted the talks.", "spans": [{"start": 0, "end": 6, "label": "country"}], "meta": {"file": "new.txt"}});
    fs::write(jsonl.path(), format!("{record}\n")).unwrap();
    execute(
        &mut harness,
        vec![newsmark::ui::Command::Import {
            format: newsmark::formats::Format::Spacy,
            src: jsonl.path().to_owned(),
        }],
    );
    wait_for_task(&mut harness);

    // The list is read again in the background, as when a folder is opened.
    step_while(&mut harness, "the folder", |app| app.is_reading_folder());
    let corpus = harness.state().corpus();
    assert_eq!(corpus.entries.len(), 6);
    let new = &corpus.entries[corpus.position(&dir.path().join("new.txt")).unwrap()];
    assert!(new.loaded);
    assert_eq!(
        (new.span_count(), new.pending_count()),
        (0, 1),
        "an imported suggestion"
    );
    let session = harness.state().session().unwrap();
    assert!(session.is_dirty(), "the unsaved edit is kept");
    assert!(spans(&harness).iter().any(|s| s.text == "Havana"));
}

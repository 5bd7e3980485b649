//! GUI tests of changes on disk: another program rewrites the open
//! document's `.ron` (as an extractor would) or edits its `.txt`; the window
//! asks Reload / Keep mine / Merge (on saving, on regaining the focus, or
//! when the folder watcher reports it) and each answer does what it says to
//! the annotations and to the files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use newsmark::model::{LabelSchema, Span, Status};
use newsmark::session::FileChange;
use newsmark::store;
use newsmark::ui::NewsmarkApp;

/// A copy of the sample with its annotations, opened, with `deepen` tagged
/// and not saved; also the `.ron` path.
fn tagged() -> (tempfile::TempDir, PathBuf, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = temp_article(SAMPLE, true);
    let ron = dir.path().join(format!("{SAMPLE}.ron"));
    let mut harness = harness_for(&txt);
    let start = find(&harness, "deepen");
    drag(&mut harness, start, start + 6, Modifiers::NONE);
    harness.key_press(Key::Num4);
    harness.run();
    assert!(has_quote(&harness, "deepen"));
    assert!(harness.state().title().starts_with('•'));
    (dir, ron, harness)
}

fn has_quote(harness: &Harness<'_, NewsmarkApp>, quote: &str) -> bool {
    spans(harness).iter().any(|s| s.text == quote)
}

/// Rewrites `ron` as an extractor would: span 1 (`Tehran`) dropped, a
/// pending suggestion over `cooperation` added. Returns what was written.
fn extractor_rewrites(ron: &Path) -> String {
    let txt = ron.with_extension("txt");
    let doc = store::read_text(&txt).unwrap();
    let name = store::file_name(&txt);
    let mut set = store::load_annotations(ron, &name, &doc, &LabelSchema::default())
        .unwrap()
        .set;
    set.remove(1).unwrap();
    let byte = doc.text().find("cooperation").unwrap();
    let start = doc.char_of_byte(byte).unwrap();
    set.insert(Span {
        status: Status::Pending,
        origin: newsmark::model::Origin::Extractor("spacy".into()),
        score: Some(0.8),
        ..Span::manual(100, start, start + 11, "initiative", "cooperation")
    });
    let contents = store::to_ron_string(&name, &store::text_sha256(doc.text()), &set);
    std::fs::write(ron, &contents).unwrap();
    contents
}

fn save(harness: &mut Harness<'_, NewsmarkApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
}

/// Rewritten `.ron`, Ctrl+S: the prompt, and the file left as they wrote it.
fn prompted_on_save() -> (
    tempfile::TempDir,
    PathBuf,
    String,
    Harness<'static, NewsmarkApp>,
) {
    let (dir, ron, mut harness) = tagged();
    let theirs = extractor_rewrites(&ron);
    save(&mut harness);
    let change = harness.state().disk_change().cloned();
    assert_eq!(change.unwrap().annotations, Some(FileChange::Modified));
    harness.get_by_label_contains(&format!("{SAMPLE}.ron changed on disk"));
    assert_eq!(
        std::fs::read_to_string(&ron).unwrap(),
        theirs,
        "not overwritten"
    );
    assert!(harness.state().title().starts_with('•'), "still unsaved");
    (dir, ron, theirs, harness)
}

#[test]
fn reload_takes_their_file_and_keeps_mine_beside_it() {
    let (dir, ron, theirs, mut harness) = prompted_on_save();
    button(&harness, "Reload").click();
    harness.run();
    assert!(harness.state().disk_change().is_none());
    assert!(has_quote(&harness, "cooperation") && !has_quote(&harness, "deepen"));
    assert!(spans(&harness).iter().all(|s| s.id != 1));
    assert!(!harness.state().title().starts_with('•'));
    assert_eq!(std::fs::read_to_string(&ron).unwrap(), theirs);
    let mine = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron.mine"))).unwrap();
    assert!(mine.contains(r#"text: "deepen""#), "{mine}");
    // The reload is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(has_quote(&harness, "deepen") && !has_quote(&harness, "cooperation"));
}

#[test]
fn keep_mine_saves_over_theirs_and_keeps_theirs_beside_it() {
    let (dir, ron, theirs, mut harness) = prompted_on_save();
    button(&harness, "Keep mine").click();
    harness.run();
    assert!(harness.state().disk_change().is_none());
    assert!(has_quote(&harness, "deepen") && !has_quote(&harness, "cooperation"));
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(saved.contains(r#"text: "deepen""#) && !saved.contains(r#"text: "cooperation""#));
    let kept = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron.theirs"))).unwrap();
    assert_eq!(kept, theirs);
    assert!(!harness.state().title().starts_with('•'));
}

#[test]
fn merge_adds_my_edits_to_theirs_and_saves_when_asked() {
    let (_dir, ron, theirs, mut harness) = prompted_on_save();
    harness.key_press(Key::M);
    harness.run();
    assert!(harness.state().disk_change().is_none());
    assert!(has_quote(&harness, "deepen") && has_quote(&harness, "cooperation"));
    assert!(
        spans(&harness).iter().all(|s| s.id != 1),
        "their deletion kept"
    );
    assert_eq!(
        std::fs::read_to_string(&ron).unwrap(),
        theirs,
        "not saved yet"
    );
    assert!(harness.state().title().starts_with('•'));
    let notice = harness.state().notice().unwrap().text.clone();
    assert!(notice.contains("1 of your spans added"), "{notice}");
    save(&mut harness);
    assert!(harness.state().disk_change().is_none());
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(saved.contains(r#"text: "deepen""#) && saved.contains(r#"text: "cooperation""#));
}

#[test]
fn an_article_edited_under_the_window_is_noticed_on_focus_and_reanchored() {
    let (_dir, ron, mut harness) = tagged();
    let txt = ron.with_extension("txt");
    let before = std::fs::read_to_string(&ron).unwrap();
    let text = std::fs::read_to_string(&txt).unwrap();
    std::fs::write(&txt, format!("UPDATE: {text}")).unwrap();
    set_focus(&mut harness, false);
    assert!(harness.state().disk_change().is_none());
    set_focus(&mut harness, true);
    let change = harness.state().disk_change().cloned().unwrap();
    assert_eq!(change.text, Some(FileChange::Modified));
    assert_eq!(change.annotations, None);
    harness.get_by_label_contains(&format!("{SAMPLE}.txt changed on disk"));
    harness.get_by_label_contains("spans are re-anchored on the new text");

    button(&harness, "Merge").click();
    harness.run();
    assert!(harness.state().disk_change().is_none());
    let session = harness.state().session().unwrap();
    assert!(session.doc().text().starts_with("UPDATE: Tehran"));
    for span in session.set().spans() {
        assert_eq!(
            session.doc().slice(span.start..span.end),
            Some(span.text.as_str())
        );
    }
    assert!(has_quote(&harness, "deepen"));
    let tehran = spans(&harness).into_iter().find(|s| s.id == 1).unwrap();
    assert_eq!((tehran.start, tehran.end), (8, 14), "moved with the text");
    // The new text is what the view shows: clicking it selects the span.
    let at = point_at(&mut harness, 9);
    click(&mut harness, at);
    assert_eq!(harness.state().selected_span(), Some(1));
    assert_eq!(std::fs::read_to_string(&ron).unwrap(), before);
    save(&mut harness);
    let saved = std::fs::read_to_string(&ron).unwrap();
    let new_text = std::fs::read_to_string(&txt).unwrap();
    assert!(saved.contains(&store::text_sha256(&new_text)));
    assert!(saved.contains("start: 8, end: 14"), "{saved}");
}

/// Steps frames until `done` or `limit` passes (the watcher reports on
/// another thread, at its own pace).
fn step_until(
    harness: &mut Harness<'_, NewsmarkApp>,
    limit: Duration,
    done: impl Fn(&NewsmarkApp) -> bool,
) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done(harness.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    done(harness.state())
}

#[test]
fn the_folder_watcher_reports_their_write_but_not_our_save() {
    let (_dir, ron, mut harness) = tagged();
    save(&mut harness);
    assert!(!harness.state().title().starts_with('•'));
    // Our own save: the watcher's events are checked, and are no change.
    let prompted = step_until(&mut harness, Duration::from_millis(800), |app| {
        app.disk_change().is_some()
    });
    assert!(!prompted, "our own save is not a change on disk");

    let theirs = extractor_rewrites(&ron);
    let prompted = step_until(&mut harness, Duration::from_secs(10), |app| {
        app.disk_change().is_some()
    });
    assert!(prompted, "the watcher noticed the rewrite");
    harness.run();
    // Not dirty: Reload takes theirs and keeps nothing beside it.
    button(&harness, "Reload").click();
    harness.run();
    assert!(has_quote(&harness, "cooperation"));
    assert!(!ron.with_extension("ron.mine").exists());
    assert_eq!(std::fs::read_to_string(&ron).unwrap(), theirs);
}

#[test]
fn a_deleted_article_leaves_only_keep_mine() {
    let (_dir, ron, mut harness) = tagged();
    let txt = ron.with_extension("txt");
    std::fs::remove_file(&txt).unwrap();
    set_focus(&mut harness, false);
    set_focus(&mut harness, true);
    let change = harness.state().disk_change().cloned().unwrap();
    assert_eq!(change.text, Some(FileChange::Deleted));
    harness.get_by_label_contains(&format!("{SAMPLE}.txt was deleted"));
    assert!(button(&harness, "Reload").accesskit_node().is_disabled());
    assert!(button(&harness, "Merge").accesskit_node().is_disabled());
    // R does nothing either: the article cannot be reloaded.
    harness.key_press(Key::R);
    harness.run();
    assert!(harness.state().disk_change().is_some());
    assert!(has_quote(&harness, "deepen"));
    button(&harness, "Keep mine").click();
    harness.run();
    assert!(harness.state().disk_change().is_none());
    assert!(
        std::fs::read_to_string(&ron)
            .unwrap()
            .contains(r#"text: "deepen""#)
    );
    assert!(!harness.state().title().starts_with('•'));
}

/// Checking the files reads them, and reading is no change: an idle window
/// must not check again and again (each check reads the whole `.ron`).
#[test]
fn an_idle_window_does_not_keep_rereading_its_files() {
    let (_dir, _ron, mut harness) = tagged();
    let settle = newsmark::ui::DISK_SETTLE;
    let idle = |harness: &mut Harness<'_, NewsmarkApp>| {
        for _ in 0..4 {
            std::thread::sleep(settle + Duration::from_millis(50));
            harness.step();
        }
    };
    idle(&mut harness);
    let before = harness.state().disk_checks();
    // Something that is due: the window regains the focus.
    set_focus(&mut harness, false);
    set_focus(&mut harness, true);
    assert_eq!(
        harness.state().disk_checks(),
        before + 1,
        "checked on focus"
    );
    idle(&mut harness);
    assert_eq!(
        harness.state().disk_checks(),
        before + 1,
        "the check's own reading of the files started another one"
    );
    assert!(harness.state().disk_change().is_none());
}

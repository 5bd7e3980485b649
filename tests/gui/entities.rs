//! The Entities tab of the right panel: the folder's registry with each
//! entity's mentions in the document, the picked entity's mentions
//! highlighted, rename and merge (saved to `entities.ron`, taken back by
//! the panel's Undo), and the selected span's link made, removed and
//! reviewed from the keyboard.

use crate::common::gui::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use newsmark::model::{SpanId, Status};
use newsmark::ui::NewsmarkApp;

/// A copy of the sample article with the samples' registry beside it.
pub(crate) fn sample_and_registry() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, txt) = temp_article(SAMPLE, true);
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    std::fs::copy(
        samples.join("entities.ron"),
        dir.path().join("entities.ron"),
    )
    .unwrap();
    (dir, txt)
}

/// The sample article with the samples' registry beside it, and the
/// Entities tab showing. `edit_ron` changes its annotation file first.
fn sample_with_entities(
    edit_ron: impl FnOnce(String) -> String,
) -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = sample_and_registry();
    let ron = txt.with_extension("ron");
    let text = std::fs::read_to_string(&ron).unwrap();
    std::fs::write(&ron, edit_ron(text)).unwrap();
    let mut harness = harness_for(&txt);
    assert!(harness.state().session().unwrap().problems().is_empty());
    harness.get_by_label("Entities").click();
    harness.run();
    (dir, harness)
}

fn entity_of(harness: &Harness<'_, NewsmarkApp>, id: SpanId) -> (Option<String>, Status) {
    let span = harness
        .state()
        .session()
        .unwrap()
        .set()
        .get(id)
        .unwrap()
        .clone();
    (span.entity, span.entity_status)
}

fn registry_file(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("entities.ron")).unwrap()
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Merges the picked entity into the one named `into` (chosen in the
/// `into` list, then Merge), and waits for the folder's re-pointing.
pub(crate) fn merge_picked_into(harness: &mut Harness<'_, NewsmarkApp>, into: &str) {
    harness
        .get(By::new().role(Role::ComboBox).label("into"))
        .click();
    harness.run();
    harness.get_by_label(into).click();
    harness.run();
    button(harness, "Merge").click();
    harness.run();
    wait_for_task(harness);
}

/// Selects span `id` by clicking its text.
fn select(harness: &mut Harness<'_, NewsmarkApp>, id: SpanId) {
    let at = start_of(harness, id);
    let pos = point_at(harness, at + 1);
    click(harness, pos);
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(id));
}

#[test]
fn the_registry_is_listed_with_mention_counts_and_the_picked_ones_are_highlighted() {
    let (_dir, mut harness) = sample_with_entities(|t| t);
    // Issa Zarepour is mentioned by spans 7, 11 and 14; Iran by seven.
    harness.get_by_label_contains("Iran · 7 here");
    harness.get_by_label_contains("Cuba · 7 here");
    // Entities of other articles are listed too, with no mention here.
    harness.get_by_label_contains("José Müller · 0 here");
    assert!(harness.state().highlights().is_empty());
    harness
        .get_by_label_contains("Issa Zarepour · 3 here")
        .click();
    harness.run();
    assert_eq!(
        harness.state().highlights(),
        vec![234..247, 496..504, 746..754]
    );
    // The Spans tab shows no entity's mentions.
    harness.get_by_label("Spans").click();
    harness.run();
    assert!(harness.state().highlights().is_empty());
    harness.get_by_label("Entities").click();
    harness.run();
    assert_eq!(harness.state().highlights().len(), 3);
    // Clicking it again lets it go.
    harness
        .get_by_label_contains("Issa Zarepour · 3 here")
        .click();
    harness.run();
    assert!(harness.state().highlights().is_empty());
}

#[test]
fn renaming_from_the_panel_is_saved_and_taken_back_by_undo() {
    let (dir, mut harness) = sample_with_entities(|t| t);
    harness
        .get_by_label_contains("Issa Zarepour · 3 here")
        .click();
    harness.run();
    // The rename box (the first text box) starts from the name.
    let rename = harness
        .query_all(By::new().role(Role::TextInput))
        .next()
        .unwrap();
    rename.focus();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness
        .query_all(By::new().role(Role::TextInput))
        .next()
        .unwrap()
        .type_text("Issa Zarepour (ICT)");
    harness.run();
    button(&harness, "Rename").click();
    harness.run();
    let renamed = harness
        .state()
        .registry()
        .unwrap()
        .get("issa-zarepour")
        .unwrap()
        .clone();
    assert_eq!(renamed.name, "Issa Zarepour (ICT)");
    assert!(renamed.aliases.contains(&"Issa Zarepour".to_owned()));
    assert!(registry_file(&dir).contains("name: \"Issa Zarepour (ICT)\""));
    button(&harness, "Undo rename of issa-zarepour").click();
    harness.run();
    let back = harness
        .state()
        .registry()
        .unwrap()
        .get("issa-zarepour")
        .unwrap()
        .clone();
    assert_eq!(back.name, "Issa Zarepour");
    assert_eq!(back.aliases, vec!["Zarepour".to_owned()]);
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let original = std::fs::read_to_string(samples.join("entities.ron")).unwrap();
    assert_eq!(registry_file(&dir), original);
}

#[test]
fn merging_moves_the_documents_links_and_undo_takes_both_back() {
    let (dir, mut harness) = sample_with_entities(|t| t);
    harness
        .get_by_label_contains("Wilfredo González Vidal · 2 here")
        .click();
    harness.run();
    merge_picked_into(&mut harness, "Issa Zarepour");
    let registry = harness.state().registry().unwrap().clone();
    assert!(registry.get("wilfredo-gonzalez-vidal").is_none());
    let kept = registry.get("issa-zarepour").unwrap();
    assert!(kept.aliases.contains(&"Wilfredo González Vidal".to_owned()));
    assert!(!registry_file(&dir).contains("wilfredo-gonzalez-vidal"));
    for id in [8, 23] {
        assert_eq!(entity_of(&harness, id).0.as_deref(), Some("issa-zarepour"));
    }
    // The entity kept is picked: all five mentions are highlighted.
    assert_eq!(harness.state().highlights().len(), 5);
    button(&harness, "Undo merge of wilfredo-gonzalez-vidal").click();
    harness.run();
    let registry = harness.state().registry().unwrap();
    assert!(registry.get("wilfredo-gonzalez-vidal").is_some());
    assert!(
        !registry
            .get("issa-zarepour")
            .unwrap()
            .aliases
            .contains(&"Wilfredo González Vidal".to_owned())
    );
    for id in [8, 23] {
        assert_eq!(
            entity_of(&harness, id).0.as_deref(),
            Some("wilfredo-gonzalez-vidal")
        );
    }
    assert!(registry_file(&dir).contains("wilfredo-gonzalez-vidal"));
}

#[test]
fn a_span_is_linked_unlinked_and_its_suggested_link_reviewed_from_the_keyboard() {
    // Span 11 ("Zarepour") carries a suggested link.
    let (_dir, mut harness) = sample_with_entities(|t| {
        t.replace(
            "text: \"Zarepour\", entity: \"issa-zarepour\", prefix: \"struction",
            "text: \"Zarepour\", entity: \"issa-zarepour\", entity_status: Pending, prefix: \"struction",
        )
    });
    assert_eq!(entity_of(&harness, 11).1, Status::Pending);
    select(&mut harness, 11);
    harness.get_by_label("“Zarepour” → Issa Zarepour (suggested)");
    // A accepts the link (the span itself was accepted already).
    press(&mut harness, Modifiers::NONE, Key::A);
    assert_eq!(
        entity_of(&harness, 11),
        (Some("issa-zarepour".to_owned()), Status::Accepted)
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(entity_of(&harness, 11).1, Status::Pending);
    // X rejects it.
    select(&mut harness, 11);
    press(&mut harness, Modifiers::NONE, Key::X);
    assert_eq!(
        entity_of(&harness, 11),
        (Some("issa-zarepour".to_owned()), Status::Rejected)
    );
    // Ctrl+Shift+K unlinks the selected span, Ctrl+Z links it again.
    select(&mut harness, 7);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    assert_eq!(entity_of(&harness, 7).0, None);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(entity_of(&harness, 7).0.as_deref(), Some("issa-zarepour"));
    // Ctrl+K links it to the picked entity, if the labels agree.
    harness.get_by_label_contains("Iran · 7 here").click();
    harness.run();
    select(&mut harness, 7);
    press(&mut harness, Modifiers::COMMAND, Key::K);
    assert_eq!(entity_of(&harness, 7).0.as_deref(), Some("issa-zarepour"));
    assert!(
        notice_text(&harness).contains("Iran is a country"),
        "{}",
        notice_text(&harness)
    );
    harness
        .get_by_label_contains("Wilfredo González Vidal · 2 here")
        .click();
    harness.run();
    select(&mut harness, 7);
    press(&mut harness, Modifiers::COMMAND, Key::K);
    assert_eq!(
        entity_of(&harness, 7),
        (Some("wilfredo-gonzalez-vidal".to_owned()), Status::Accepted)
    );
    harness.get_by_label("“Issa Zarepour” → Wilfredo González Vidal");
}

#[test]
fn splitting_an_alias_off_moves_its_spans_and_undo_takes_it_back() {
    let (dir, mut harness) = sample_with_entities(|t| t);
    harness.get_by_label_contains("Iran · 7 here").click();
    harness.run();
    harness
        .get(By::new().role(Role::ComboBox).label("alias"))
        .click();
    harness.run();
    harness.get_by_label("Tehran").click();
    harness.run();
    button(&harness, "Split off").click();
    harness.run();
    wait_for_task(&mut harness);
    let registry = harness.state().registry().unwrap().clone();
    let split = registry.get("tehran").unwrap();
    assert_eq!(
        (split.label.as_str(), split.name.as_str()),
        ("country", "Tehran")
    );
    assert!(
        !registry
            .get("iran")
            .unwrap()
            .aliases
            .contains(&"Tehran".to_owned())
    );
    assert!(registry_file(&dir).contains("(id: \"tehran\""));
    // The spans "Tehran" (1 and 18) follow; the other mentions of Iran stay.
    for id in [1, 18] {
        assert_eq!(entity_of(&harness, id).0.as_deref(), Some("tehran"));
    }
    assert_eq!(entity_of(&harness, 3).0.as_deref(), Some("iran"));
    harness.get_by_label_contains("Iran · 5 here");
    button(&harness, "Undo split of tehran").click();
    harness.run();
    let registry = harness.state().registry().unwrap();
    assert!(registry.get("tehran").is_none());
    assert!(
        registry
            .get("iran")
            .unwrap()
            .aliases
            .contains(&"Tehran".to_owned())
    );
    for id in [1, 18] {
        assert_eq!(entity_of(&harness, id).0.as_deref(), Some("iran"));
    }
}

#[test]
fn ctrl_z_undoes_registry_changes_and_document_edits_in_the_order_made() {
    let (dir, mut harness) = sample_with_entities(|t| t);
    let original = registry_file(&dir);
    // A document edit first: span 1 (Tehran) deleted.
    select(&mut harness, 1);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().session().unwrap().set().get(1).is_none());
    // Then a merge from the panel.
    harness
        .get_by_label_contains("Wilfredo González Vidal · 2 here")
        .click();
    harness.run();
    merge_picked_into(&mut harness, "Issa Zarepour");
    assert!(!registry_file(&dir).contains("wilfredo-gonzalez-vidal"));
    let linked = |harness: &Harness<'_, NewsmarkApp>| entity_of(harness, 8).0;
    assert_eq!(linked(&harness).as_deref(), Some("issa-zarepour"));

    // Ctrl+Z takes back the merge (the last thing done), with its links…
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(registry_file(&dir), original);
    assert_eq!(linked(&harness).as_deref(), Some("wilfredo-gonzalez-vidal"));
    assert!(harness.state().session().unwrap().set().get(1).is_none());
    // …then the deletion.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().session().unwrap().set().get(1).is_some());
    assert_eq!(registry_file(&dir), original);
    // Redo in the same order: the deletion, then the merge.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(harness.state().session().unwrap().set().get(1).is_none());
    assert_eq!(registry_file(&dir), original);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(!registry_file(&dir).contains("wilfredo-gonzalez-vidal"));
    assert_eq!(linked(&harness).as_deref(), Some("issa-zarepour"));

    // An edit after the merge is undone before it.
    select(&mut harness, 2);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().session().unwrap().set().get(2).is_some());
    assert!(!registry_file(&dir).contains("wilfredo-gonzalez-vidal"));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(registry_file(&dir), original);
    assert_eq!(linked(&harness).as_deref(), Some("wilfredo-gonzalez-vidal"));
    // Saved: the document's links are the ones before the merge.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let ron = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron"))).unwrap();
    assert!(!ron.contains("\"issa-zarepour\", suffix: \", First Deputy"));
    assert_eq!(
        ron.matches("entity: \"wilfredo-gonzalez-vidal\"").count(),
        2
    );
}

const NORWAY: &str = "2024-06-norway-vietnam-offshore-wind";
const BRAZIL: &str = "2024-07-brazil-germany-vaccine-cold-chain";

/// Every sample in a temporary folder, with an entity `norge` (a
/// country) that the Norway article's links to `norway` (6) and the
/// Brazil article's links to `germany` (4) name instead; the article
/// `open` open, the Entities tab showing.
fn folder_with_norge(open: &str) -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let dir = tempfile::tempdir().unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for entry in std::fs::read_dir(&samples).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    for (name, from) in [(NORWAY, "norway"), (BRAZIL, "germany")] {
        let ron = dir.path().join(format!("{name}.ron"));
        let text = std::fs::read_to_string(&ron).unwrap();
        std::fs::write(
            &ron,
            text.replace(&format!("entity: \"{from}\""), "entity: \"norge\""),
        )
        .unwrap();
    }
    let registry = dir.path().join("entities.ron");
    let text = std::fs::read_to_string(&registry).unwrap().replace(
        "        (id: \"norway\"",
        "        (id: \"norge\", label: \"country\", name: \"Norge\"),\n        (id: \"norway\"",
    );
    std::fs::write(&registry, text).unwrap();
    let mut harness = harness_for(&dir.path().join(format!("{open}.txt")));
    harness.get_by_label("Entities").click();
    harness.run();
    (dir, harness)
}

fn ron_of(dir: &tempfile::TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.path().join(format!("{name}.ron"))).unwrap()
}

/// The links of the open document to `entity`.
fn open_links(harness: &Harness<'_, NewsmarkApp>, entity: &str) -> usize {
    let set = harness.state().session().unwrap().set();
    set.spans()
        .iter()
        .filter(|s| s.entity.as_deref() == Some(entity))
        .count()
}

#[test]
fn a_merge_repoints_the_links_of_every_document_of_the_folder() {
    let (dir, mut harness) = folder_with_norge(NORWAY);
    let untouched = ron_of(&dir, "2024-05-iran-cuba-ict");
    let brazil_before = ron_of(&dir, BRAZIL);
    harness.get_by_label_contains("Norge · 6 here").click();
    harness.run();
    merge_picked_into(&mut harness, "Norway");
    // The open document at once (unsaved), the others on disk.
    assert_eq!(open_links(&harness, "norway"), 6);
    assert_eq!(open_links(&harness, "norge"), 0);
    let brazil = ron_of(&dir, BRAZIL);
    assert!(!brazil.contains("norge"));
    assert_eq!(brazil.matches("entity: \"norway\"").count(), 4);
    assert_eq!(
        ron_of(&dir, "2024-05-iran-cuba-ict"),
        untouched,
        "not written"
    );
    assert!(!registry_file(&dir).contains("norge"));
    assert!(
        notice_text(&harness).contains("4 links re-pointed in 1 other document"),
        "{}",
        notice_text(&harness)
    );
    // Ctrl+Z: the registry at once (norge back), this document's links by
    // its own undo, the Brazil article's on another thread: every file as
    // it was.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(registry_file(&dir).contains("(id: \"norge\""));
    assert_eq!(open_links(&harness, "norge"), 6);
    wait_for_task(&mut harness);
    assert_eq!(ron_of(&dir, BRAZIL), brazil_before);
    assert!(
        notice_text(&harness)
            .contains("Undid the merge of norge: 4 links re-pointed in 1 other document"),
        "{}",
        notice_text(&harness)
    );
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert_eq!(ron_of(&dir, NORWAY).matches("entity: \"norge\"").count(), 6);
    // Ctrl+Shift+Z: merged again, in every document; the registry once
    // they all are.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    wait_for_task(&mut harness);
    assert_eq!(ron_of(&dir, BRAZIL), brazil);
    assert!(!registry_file(&dir).contains("norge"));
    assert_eq!(open_links(&harness, "norway"), 6);
    // And back once more.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    wait_for_task(&mut harness);
    assert_eq!(ron_of(&dir, BRAZIL), brazil_before);
    assert!(registry_file(&dir).contains("(id: \"norge\""));
}

#[test]
fn a_cancelled_merge_leaves_documents_whole_and_the_registry_consistent() {
    let (dir, mut harness) = folder_with_norge(NORWAY);
    let brazil_before = ron_of(&dir, BRAZIL);
    execute(
        &mut harness,
        vec![
            newsmark::ui::Command::MergeEntity {
                from: "norge".into(),
                into: "norway".into(),
            },
            newsmark::ui::Command::CancelTask,
        ],
    );
    wait_for_task(&mut harness);
    let brazil = ron_of(&dir, BRAZIL);
    let whole = brazil == brazil_before
        || (!brazil.contains("norge") && brazil.matches("\"norway\"").count() == 4);
    assert!(whole, "untouched or fully re-pointed:\n{brazil}");
    let registry = registry_file(&dir);
    if registry.contains("(id: \"norge\"") {
        assert!(
            notice_text(&harness).contains("Not merged (cancelled)"),
            "{}",
            notice_text(&harness)
        );
    } else {
        // The run ended before the cancel reached it: merged, every link too.
        assert!(!brazil.contains("norge"));
    }
    assert_eq!(
        open_links(&harness, "norge"),
        0,
        "the open document at once"
    );
}

/// Types `text` into the `k`-th text box of the window (0: the first).
fn type_into(harness: &mut Harness<'_, NewsmarkApp>, k: usize, text: &str) {
    harness
        .query_all(By::new().role(Role::TextInput))
        .nth(k)
        .unwrap()
        .focus();
    harness.run();
    press(harness, Modifiers::COMMAND, Key::A);
    harness
        .query_all(By::new().role(Role::TextInput))
        .nth(k)
        .unwrap()
        .type_text(text);
    harness.run();
}

#[test]
fn aliases_and_the_qid_are_edited_in_the_panel_saved_and_undone() {
    let (dir, mut harness) = sample_with_entities(|t| t);
    let original = registry_file(&dir);
    harness
        .get_by_label_contains("Issa Zarepour · 3 here")
        .click();
    harness.run();
    // Text boxes: rename, new alias, QID, filter.
    type_into(&mut harness, 1, "Minister Zarepour");
    button(&harness, "Add alias").click();
    harness.run();
    let line = |dir: &tempfile::TempDir| {
        registry_file(dir)
            .lines()
            .find(|l| l.contains("(id: \"issa-zarepour\""))
            .unwrap()
            .to_owned()
    };
    assert!(
        line(&dir).contains("aliases: [\"Minister Zarepour\", \"Zarepour\"]"),
        "{}",
        line(&dir)
    );
    // A QID that is not one is refused, nothing saved.
    type_into(&mut harness, 2, "5939460");
    button(&harness, "Set QID").click();
    harness.run();
    assert!(
        notice_text(&harness).contains("not a Wikidata QID"),
        "{}",
        notice_text(&harness)
    );
    assert!(!line(&dir).contains("external_id"));
    type_into(&mut harness, 2, "Q5939460");
    button(&harness, "Set QID").click();
    harness.run();
    assert!(
        line(&dir).contains("external_id: \"Q5939460\""),
        "{}",
        line(&dir)
    );
    // An alias's ✕ removes it.
    button(&harness, "Zarepour ✕").click();
    harness.run();
    assert!(
        line(&dir).contains("aliases: [\"Minister Zarepour\"]"),
        "{}",
        line(&dir)
    );
    let entity = harness
        .state()
        .registry()
        .unwrap()
        .get("issa-zarepour")
        .unwrap()
        .clone();
    assert_eq!(entity.external_id, "Q5939460");
    // Ctrl+Z takes each back, last first.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(line(&dir).contains("\"Zarepour\""));
    assert!(line(&dir).contains("external_id"));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(!line(&dir).contains("external_id"));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(registry_file(&dir), original);
}

#[test]
fn a_split_that_reached_other_documents_is_taken_back_in_each() {
    let (dir, mut harness) = folder_with_norge(SAMPLE);
    let brazil_before = ron_of(&dir, BRAZIL);
    let registry_before = registry_file(&dir);
    harness.get_by_label_contains("Brazil · 0 here").click();
    harness.run();
    harness
        .get(By::new().role(Role::ComboBox).label("alias"))
        .click();
    harness.run();
    harness.get_by_label("Brasília").click();
    harness.run();
    button(&harness, "Split off").click();
    harness.run();
    wait_for_task(&mut harness);
    let brazil = ron_of(&dir, BRAZIL);
    assert!(
        brazil.contains("text: \"Brasília\", entity: \"brasília\""),
        "{brazil}"
    );
    assert!(registry_file(&dir).contains("(id: \"brasília\""));
    // Undo: the Brazil article's links go back first, then the entity the
    // split made leaves the registry (no link names it any more).
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    wait_for_task(&mut harness);
    assert_eq!(ron_of(&dir, BRAZIL), brazil_before);
    assert_eq!(registry_file(&dir), registry_before);
    // Redo: the entity first, then the links.
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    wait_for_task(&mut harness);
    assert_eq!(ron_of(&dir, BRAZIL), brazil);
    assert!(registry_file(&dir).contains("(id: \"brasília\""));
}

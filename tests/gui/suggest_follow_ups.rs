//! The window's suggestion commands suggest what `newsmark suggest` does:
//! after the span suggestions, the pattern relations and the entity links
//! of the folder's registry, in the open document (undoable) and, with
//! Ctrl+Shift+E, in the folder's other documents (saved).

use std::path::{Path, PathBuf};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use newsmark::model::{AnnotationSet, LabelSchema, Origin, Status};
use newsmark::session::Session;
use newsmark::ui::NewsmarkApp;

const TEXT: &str = "Zarepour, the Minister of ICT, spoke for Iran.\n";

/// Article `name` with Zarepour (person), Minister of ICT (role) and Iran
/// (country), accepted, unlinked, no relations.
fn article(dir: &Path, name: &str) -> PathBuf {
    let spans = [
        (1, "Zarepour", "person"),
        (2, "Minister of ICT", "role"),
        (3, "Iran", "country"),
    ];
    write_article(dir, name, TEXT, &spans, |_| {})
}

fn folder() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    std::fs::copy(
        samples.join("entities.ron"),
        dir.path().join("entities.ron"),
    )
    .unwrap();
    let a = article(dir.path(), "a");
    let b = article(dir.path(), "b");
    (dir, a, b)
}

/// The pending relations (type, from, to, origin) and the spans' pending
/// links.
type Suggested = (Vec<(String, u64, u64, Origin)>, Vec<Option<String>>);

fn suggested(set: &AnnotationSet) -> Suggested {
    let relations = set
        .relations()
        .filter(|r| r.status == Status::Pending)
        .map(|r| (r.label.clone(), r.from, r.to, r.origin.clone()))
        .collect();
    let links = set
        .spans()
        .iter()
        .map(|s| {
            (s.entity_status == Status::Pending)
                .then(|| s.entity.clone())
                .flatten()
        })
        .collect();
    (relations, links)
}

fn expected() -> Suggested {
    let pattern = Origin::Extractor("pattern".into());
    (
        vec![("holds".to_owned(), 1, 2, pattern)],
        vec![
            Some("issa-zarepour".to_owned()),
            Some("iran-minister-of-ict".to_owned()),
            Some("iran".to_owned()),
        ],
    )
}

fn here(harness: &Harness<'_, NewsmarkApp>) -> AnnotationSet {
    harness.state().session().unwrap().set().clone()
}

#[test]
fn suggest_in_the_window_adds_relations_and_entity_links_here_and_in_the_folder() {
    let (_dir, a, b) = folder();
    let mut harness = harness_for(&a);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run();
    wait_for_suggestions(&mut harness);
    assert_eq!(suggested(&here(&harness)), expected());
    let on_disk = Session::open(&b, LabelSchema::default()).unwrap();
    assert_eq!(suggested(on_disk.set()), expected(), "b, saved by the job");

    // Undoable in the open document, and saved with it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = Session::open(&a, LabelSchema::default()).unwrap();
    assert_eq!(suggested(saved.set()), expected());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let (relations, links) = suggested(&here(&harness));
    assert_eq!(relations.len(), 1, "the links were the last step");
    assert!(links.iter().all(Option::is_none), "{links:?}");
}

#[test]
fn suggest_on_the_open_document_adds_its_relations_and_links() {
    let (_dir, a, b) = folder();
    let mut harness = harness_for(&a);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    wait_for_suggestions(&mut harness);
    assert_eq!(suggested(&here(&harness)), expected());
    let b_now = Session::open(&b, LabelSchema::default()).unwrap();
    assert_eq!(b_now.set().relation_count(), 0, "this document only");
}

//! The facts table window (Ctrl+Shift+F): built in the background from the
//! folder's files (the open document as edited, unsaved), sorted by a
//! column's header, filtered by text, and each row going to its evidence
//! (its document opened, its span selected).

use crate::common::gui::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use newsmark::ui::NewsmarkApp;

use crate::relations::{IRAN, MINISTER, ZAREPOUR, tab_to, type_number_of};

/// The second article of the folder.
const NORWAY: &str = "2024-06-norway-vietnam-offshore-wind";

/// A folder of two sample articles and the samples' registry, the first
/// open, and the facts window open and built.
fn facts_of_two_articles() -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = two_articles();
    let mut harness = harness_for(&txt);
    open_facts(&mut harness);
    (dir, harness)
}

/// A folder of two sample articles and the samples' registry; the first's
/// path.
fn two_articles() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, txt) = temp_article(SAMPLE, true);
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for name in [
        "entities.ron".to_owned(),
        format!("{NORWAY}.txt"),
        format!("{NORWAY}.ron"),
    ] {
        std::fs::copy(samples.join(&name), dir.path().join(&name)).unwrap();
    }
    (dir, txt)
}

/// Opens the facts window (Ctrl+Shift+F) and waits for the table.
fn open_facts(harness: &mut Harness<'_, NewsmarkApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    step_while(harness, "the facts table", NewsmarkApp::is_building_facts);
    harness.run();
}

/// The person of each fact of the folder, by person (rows of one person
/// keep the table's order: document, then text).
const PERSONS_ASCENDING: [&str; 7] = [
    "Ingrid Bjørnstad-Lê",
    "Issa Zarepour",
    "Issa Zarepour",
    "Nguyễn Thị Lan",
    "Søren Ødegaard",
    "Wilfredo González Vidal",
    "Wilfredo González Vidal",
];

/// The same, from Z to A.
const PERSONS_DESCENDING: [&str; 7] = [
    "Wilfredo González Vidal",
    "Wilfredo González Vidal",
    "Søren Ødegaard",
    "Nguyễn Thị Lan",
    "Issa Zarepour",
    "Issa Zarepour",
    "Ingrid Bjørnstad-Lê",
];

/// The persons by their country: Cuba, Iran, Norway, Vietnam.
const PERSONS_BY_COUNTRY: [&str; 7] = [
    "Wilfredo González Vidal",
    "Wilfredo González Vidal",
    "Issa Zarepour",
    "Issa Zarepour",
    "Søren Ødegaard",
    "Ingrid Bjørnstad-Lê",
    "Nguyễn Thị Lan",
];

/// A person of the other article, and their span there.
const NORWAY_PERSON: &str = "Søren Ødegaard";
const NORWAY_PERSON_SPAN: u64 = 9;

/// The first cell of each row shown (the links to the evidence), in order.
fn first_cells(harness: &Harness<'_, NewsmarkApp>) -> Vec<String> {
    harness
        .query_all(By::new().role(Role::Link))
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

/// The first row's link that says `text`.
fn link<'h>(harness: &'h Harness<'_, NewsmarkApp>, text: &'h str) -> egui_kittest::Node<'h> {
    harness
        .query_all(By::new().role(Role::Link).label(text))
        .next()
        .unwrap()
}

#[test]
fn the_facts_of_the_folder_are_listed_sorted_and_filtered() {
    let (_dir, mut harness) = facts_of_two_articles();
    harness.get_by_label_contains("7 facts of 7");
    // By person, A to Z.
    assert_eq!(first_cells(&harness), PERSONS_ASCENDING);
    harness.get_by_label("Person ▲").click();
    harness.run();
    assert_eq!(first_cells(&harness), PERSONS_DESCENDING);
    // By country: Cuba, Iran, Norway, Vietnam.
    harness.get_by_label("Country").click();
    harness.run();
    assert_eq!(first_cells(&harness), PERSONS_BY_COUNTRY);
    let filter = harness
        .query_all(By::new().role(Role::TextInput))
        .last()
        .unwrap();
    filter.focus();
    harness.run();
    harness
        .query_all(By::new().role(Role::TextInput))
        .last()
        .unwrap()
        .type_text("AMBASSADOR");
    harness.run();
    harness.get_by_label_contains("1 fact of 7");
    assert_eq!(first_cells(&harness), ["Ingrid Bjørnstad-Lê"]);
}

#[test]
fn a_row_goes_to_its_evidence_in_its_document() {
    let (_dir, mut harness) = facts_of_two_articles();
    // A row of this document: its person's span is selected.
    link(&harness, "Issa Zarepour").click();
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(7));
    // A row of the other: it opens, and the span is selected.
    link(&harness, NORWAY_PERSON).click();
    harness.run();
    let session = harness.state().session().unwrap();
    assert!(session.txt_path().ends_with(format!("{NORWAY}.txt")));
    assert_eq!(harness.state().selected_span(), Some(NORWAY_PERSON_SPAN));
}

/// The (person, role, country) names of the facts of the open article.
fn facts_here(harness: &Harness<'_, NewsmarkApp>) -> Vec<[String; 3]> {
    let name =
        |m: &Option<newsmark::facts::Mention>| m.as_ref().map_or(String::new(), |m| m.name.clone());
    harness
        .state()
        .fact_rows()
        .iter()
        .filter(|f| f.document == format!("{SAMPLE}.txt"))
        .map(|f| [name(&f.person), name(&f.role), name(&f.country)])
        .collect()
}

#[test]
fn the_open_documents_rows_follow_its_edits_unsaved() {
    let (dir, txt) = two_articles();
    remove_relations(&txt);
    let mut harness = harness_for(&txt);
    // Issa Zarepour holds the Minister of ICT's role: made from the
    // keyboard, not saved.
    tab_to(&mut harness, MINISTER);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    type_number_of(&mut harness, ZAREPOUR);
    assert_eq!(harness.state().session().unwrap().set().relation_count(), 1);
    assert!(harness.state().session().unwrap().is_dirty());
    open_facts(&mut harness);
    let zarepour = "Issa Zarepour".to_owned();
    let minister = "Minister of ICT of Iran".to_owned();
    assert_eq!(
        facts_here(&harness),
        [[zarepour.clone(), minister.clone(), String::new()]]
    );
    // Three of the other article (as saved), one of this.
    harness.get_by_label_contains("4 facts of 4");
    assert!(first_cells(&harness).contains(&zarepour));
    let saved = std::fs::read_to_string(txt.with_extension("ron")).unwrap();
    assert!(!saved.contains("label: \"holds\""), "not saved:\n{saved}");
    // The role is of Iran: the row follows at once, without a rebuild.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    type_number_of(&mut harness, IRAN);
    assert!(!harness.state().is_building_facts());
    assert_eq!(
        facts_here(&harness),
        [[zarepour.clone(), minister, "Iran".to_owned()]]
    );
    // Both taken back: no row of this article.
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    assert!(facts_here(&harness).is_empty());
    harness.get_by_label_contains("3 facts of 3");
    assert!(!first_cells(&harness).contains(&zarepour));
    drop(dir);
}

#[test]
fn each_name_goes_to_its_own_span_and_the_offsets_say_where_the_row_is() {
    let (_dir, mut harness) = facts_of_two_articles();
    // Issa Zarepour's row: from Iran (210–214), whose Minister of ICT he
    // is, to the e-government programme he is party to (807–829).
    harness.get_by_label("210–829");
    // The role's cell goes to the role's span, not the person's.
    harness
        .query_all(By::new().label("Minister of ICT of Iran"))
        .next()
        .unwrap()
        .click();
    harness.run();
    let selected = harness.state().selected_span().unwrap();
    let set = harness.state().session().unwrap().set();
    let span = set.get(selected).unwrap();
    assert_eq!(span.label, "role");
    assert_eq!(span.entity.as_deref(), Some("iran-minister-of-ict"));
    // Sorted by offsets: by where each row starts.
    harness.get_by_label("Offsets").click();
    harness.run();
    let offsets: Vec<usize> = harness
        .query_all(By::new().label_contains("–"))
        .filter_map(|n| n.accesskit_node().value())
        .filter_map(|l| l.split_once('–').and_then(|(a, _)| a.parse().ok()))
        .collect();
    assert_eq!(offsets.len(), 7, "{offsets:?}");
    assert!(offsets.is_sorted(), "{offsets:?}");
}

//! Relations in curation: agreed ones merged once both their ends are in
//! the gold, an annotator's relations brought with their version of a
//! disagreement, relations between agreed places resolved on their own,
//! each annotator's relations in their lane, and the gold `X.ron` on disk.

use std::path::PathBuf;

use crate::common::gui::*;
use crate::curation::{annotator, click_row, open_agreement, painted_under, write_related};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use newsmark::model::{AnnotationSet, Document, Origin};
use newsmark::ui::{NewsmarkApp, annotator_colour};

/// A folder with one article on which ana and bob agree on four spans and
/// the relation `of` between two of them, disagree on the span at 19..34
/// (ana: role, with her `holds` and `of` relations on it; bob: person),
/// and bob alone drew `holds` between two agreed spans.
fn related_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("rel.txt");
    std::fs::write(
        &txt,
        "Issa Zarepour, the Minister of ICT of Iran, met Cuba's minister.\n",
    )
    .unwrap();
    let agreed = [
        (0, 13, "person"),
        (38, 42, "country"),
        (48, 52, "country"),
        (55, 63, "role"),
    ];
    let mut ana = agreed.to_vec();
    ana.push((19, 34, "role"));
    write_related(
        &txt,
        "ana",
        &ana,
        &[("of", 3, 2), ("holds", 0, 4), ("of", 4, 1)],
    );
    let mut bob = agreed.to_vec();
    bob.push((19, 34, "person"));
    write_related(&txt, "bob", &bob, &[("of", 3, 2), ("holds", 0, 3)]);
    (dir, txt)
}

/// The relations of a gold set as (type, from's text, to's text, origin),
/// sorted.
fn relations_of(set: &AnnotationSet) -> Vec<(String, String, String, Origin)> {
    let mut out: Vec<_> = set
        .relations()
        .map(|r| {
            let text = |id| set.get(id).map(|s| s.text.clone()).unwrap();
            (r.label.clone(), text(r.from), text(r.to), r.origin.clone())
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    out
}

fn gold_relations_shown(
    harness: &Harness<'_, NewsmarkApp>,
) -> Vec<(String, String, String, Origin)> {
    relations_of(harness.state().session().unwrap().set())
}

/// Whether some widget's label contains `text`.
fn shown_somewhere(harness: &Harness<'_, NewsmarkApp>, text: &str) -> bool {
    harness
        .query_all(By::new().label_contains(text))
        .next()
        .is_some()
}

fn relation(label: &str, from: &str, to: &str, who: &str) -> (String, String, String, Origin) {
    (
        label.to_owned(),
        from.to_owned(),
        to.to_owned(),
        annotator(who),
    )
}

#[test]
fn relations_are_in_the_agreement_panel_merged_brought_taken_undone_and_saved() {
    let (_dir, txt) = related_folder();
    let mut harness = harness_for(&txt);
    open_agreement(&mut harness);
    // The panel's relation figures: ana 3, bob 2, 1 the same (of Cuba):
    // P = 1/2, R = 1/3, F1 = 0.4.
    harness.get_by_label("relations exact F1");
    assert!(
        harness.query_all_by_label("0.400").next().is_some(),
        "relations' F1"
    );
    // Its row counts the relations not drawn by both.
    harness.get(
        By::new().label_contains("rel.txt  —  1 of 5 units (20%), 3 relations not drawn by all"),
    );
    click_row(&mut harness, "rel.txt");
    // Merged: the four agreed spans and the relation both drew.
    let of_cuba = relation("of", "minister", "Cuba", "ana+bob");
    assert_eq!(spans(&harness).len(), 4);
    assert_eq!(
        gold_relations_shown(&harness),
        std::slice::from_ref(&of_cuba)
    );
    // The first disagreement: bob's holds between two agreed spans.
    assert!(shown_somewhere(
        &harness,
        "relation “Issa Zarepour” (person) —holds→ “minister” (role)"
    ));
    harness.key_press_modifiers(Modifiers::ALT, Key::Num2);
    harness.run();
    let bobs_holds = relation("holds", "Issa Zarepour", "minister", "bob");
    assert_eq!(
        gold_relations_shown(&harness),
        [bobs_holds.clone(), of_cuba.clone()]
    );
    // Then the Minister of ICT: ana's role brings her two relations on it.
    assert_eq!(harness.state().curation_index().unwrap().1, Some(1));
    assert!(shown_somewhere(
        &harness,
        "“Minister of ICT” (role) —of→ “Iran” (country)"
    ));
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    harness.run();
    let anas = [
        relation("holds", "Issa Zarepour", "Minister of ICT", "ana"),
        bobs_holds.clone(),
        relation("of", "Minister of ICT", "Iran", "ana"),
        of_cuba.clone(),
    ];
    assert_eq!(gold_relations_shown(&harness), anas);
    // Ctrl+Z takes the role and both relations back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(gold_relations_shown(&harness), [bobs_holds, of_cuba]);
    assert!(span_at(&harness, 19, 34).is_none());
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    harness.run();
    assert_eq!(harness.state().curation_index().unwrap().1, Some(1));
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    harness.run();
    assert!(
        notice_text(&harness).contains("That was the last disagreement"),
        "{}",
        notice_text(&harness)
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    wait_for_suggestions(&mut harness);
    // On disk: the gold X.ron holds the spans and the four relations.
    let text = std::fs::read_to_string(&txt).unwrap();
    let loaded = newsmark::store::load_annotations(
        &txt.with_extension("ron"),
        "rel.txt",
        &Document::new(text),
        &newsmark::model::LabelSchema::default(),
    )
    .unwrap();
    assert_eq!(relations_of(&loaded.set), anas);
    assert_eq!(loaded.set.len(), 5);
}

#[test]
fn each_annotators_relations_mark_their_ends_in_their_lane() {
    let (_dir, txt) = related_folder();
    let mut harness = harness_for(&txt);
    open_agreement(&mut harness);
    click_row(&mut harness, "rel.txt");
    let image = harness.render().unwrap();
    let image = (image.width(), image.into_raw());
    let (ana, bob) = (annotator_colour(0), annotator_colour(1));
    // bob's holds between two agreed spans marks both its ends in his
    // lane; ana's relations on her role mark Iran in hers. The agreed
    // `of` (minister → Cuba) marks nothing.
    let (issa, iran, cuba, minister) = ((0, 13), (38, 42), (48, 52), (55, 63));
    assert!(painted_under(&mut harness, &image, minister, bob));
    assert!(painted_under(&mut harness, &image, issa, bob));
    assert!(!painted_under(&mut harness, &image, minister, ana));
    assert!(painted_under(&mut harness, &image, iran, ana));
    assert!(!painted_under(&mut harness, &image, iran, bob));
    assert!(!painted_under(&mut harness, &image, cuba, ana));
    assert!(!painted_under(&mut harness, &image, cuba, bob));
}

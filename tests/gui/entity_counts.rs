//! The Entities tab's counts across the folder: each entity's mentions in
//! every document (kept by the folder's index as the folder is read and
//! documents are saved, without reading the folder again), the open
//! document as edited, a merge's re-pointed files counted as written.

use crate::common::gui::*;
use crate::entities::{merge_picked_into, sample_and_registry};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::corpus::entity_counts::EntityTally;
use newsmark::model::{SpanId, Status};
use newsmark::ui::NewsmarkApp;

/// The sample article with the samples' registry, and two more articles
/// linking Iran and Cuba: `b` (Iran twice, Cuba once) and `c` (Iran once,
/// and a rejected link to Cuba, not counted). The sample is open with the
/// Entities tab showing.
fn folder_of_three() -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let (dir, txt) = sample_and_registry();
    let link = |set: &mut newsmark::model::AnnotationSet, links: &[(SpanId, &str, Status)]| {
        let mut spans = set.spans().to_vec();
        for &(id, entity, status) in links {
            let span = spans.iter_mut().find(|s| s.id == id).unwrap();
            span.entity = Some(entity.to_owned());
            span.entity_status = status;
        }
        *set = newsmark::model::AnnotationSet::from_spans(spans);
    };
    let ok = Status::Accepted;
    write_article(
        dir.path(),
        "b",
        "Iran and Cuba met in Havana. Iran spoke first.",
        &[
            (1, "Iran", "country"),
            (2, "Cuba", "country"),
            (3, "Iran spoke", "country"),
        ],
        |set| link(set, &[(1, "iran", ok), (2, "cuba", ok), (3, "iran", ok)]),
    );
    write_article(
        dir.path(),
        "c",
        "Iran again, said Cuba.",
        &[(1, "Iran", "country"), (2, "Cuba", "country")],
        |set| link(set, &[(1, "iran", ok), (2, "cuba", Status::Rejected)]),
    );
    let mut harness = harness_for(&txt);
    harness.get_by_label("Entities").click();
    harness.run();
    wait_for_count(&mut harness);
    (dir, harness)
}

/// Runs frames until the folder is read.
fn wait_for_count(harness: &mut Harness<'_, NewsmarkApp>) {
    harness.run();
    step_while(
        harness,
        "the entity count",
        NewsmarkApp::is_counting_entities,
    );
}

fn tally(mentions: u32, documents: u32) -> EntityTally {
    EntityTally {
        mentions,
        documents,
    }
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn each_entity_is_counted_across_the_folder_the_open_document_as_edited() {
    let (dir, mut harness) = folder_of_three();
    // Iran: seven here, two in b, one in c; Cuba: seven here, one in b (c's
    // link is rejected); entities of other articles: none in this folder.
    harness.get_by_label("Iran · 7 here · 10 in 3 docs");
    harness.get_by_label("Cuba · 7 here · 8 in 2 docs");
    harness.get_by_label("José Müller · 0 here · 0 in 0 docs");
    assert_eq!(harness.state().folder_mentions("iran"), Some(tally(10, 3)));
    // Unlinking Tehran (span 1, Iran) counts at once, unsaved.
    let at = start_of(&harness, 1);
    let pos = point_at(&mut harness, at + 1);
    click(&mut harness, pos);
    harness.run();
    assert_eq!(harness.state().selected_span(), Some(1));
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    harness.get_by_label("Iran · 6 here · 9 in 3 docs");
    // Saved: the folder's counts take the saved document in at once,
    // nothing read again, and agree.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().is_counting_entities());
    harness.get_by_label("Iran · 6 here · 9 in 3 docs");
    let saved = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ron"))).unwrap();
    assert_eq!(saved.matches("entity: \"iran\"").count(), 6);
    // The next document (b) open: the sample counts as saved.
    press(&mut harness, Modifiers::COMMAND, Key::PageDown);
    assert!(
        harness
            .state()
            .session()
            .unwrap()
            .txt_path()
            .ends_with("b.txt")
    );
    harness.get_by_label("Iran · 2 here · 9 in 3 docs");
    harness.get_by_label("Cuba · 1 here · 8 in 2 docs");
    assert_eq!(harness.state().folder_mentions("iran"), Some(tally(9, 3)));
}

#[test]
fn a_merge_is_counted_again_over_the_folder() {
    let (dir, mut harness) = folder_of_three();
    harness.get_by_label_contains("Cuba · 7 here").click();
    harness.run();
    merge_picked_into(&mut harness, "Iran");
    wait_for_count(&mut harness);
    // b's Cuba re-pointed on disk, the open document's in the window; c's
    // rejected link stays rejected.
    let b = std::fs::read_to_string(dir.path().join("b.ron")).unwrap();
    assert_eq!(b.matches("entity: \"iran\"").count(), 3, "{b}");
    harness.get_by_label("Iran · 14 here · 18 in 3 docs");
    assert!(harness.state().registry().unwrap().get("cuba").is_none());
    assert_eq!(harness.state().folder_mentions("cuba"), Some(tally(0, 0)));
}

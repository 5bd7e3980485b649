//! A suggested entity link nobody has reviewed is work left in its
//! document, as a pending span or relation is: the document list and the
//! status bar count it (`3 spans · 1 pending link`), and Ctrl+Enter asks
//! before marking the document done; once the link is reviewed, Ctrl+Enter
//! marks it done without asking.

use std::path::Path;

use super::link_review::{SPANS, TEXT};
use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{LabelSchema, Status};
use newsmark::session::Session;
use newsmark::store;
use newsmark::ui::{MarkDonePrompt, NewsmarkApp};

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn done_on_disk(txt: &Path) -> bool {
    Session::open(txt, LabelSchema::default())
        .unwrap()
        .set()
        .is_done()
}

#[test]
fn a_pending_entity_link_is_counted_and_ctrl_enter_asks_about_it() {
    let dir = tempfile::TempDir::new().unwrap();
    // Every span accepted; Zarepour's link to the registry suggested.
    let txt = write_article(dir.path(), "a", TEXT, &SPANS, |set| {
        let mut span = set.remove(1).unwrap();
        span.entity = Some("issa-zarepour".into());
        span.entity_status = Status::Pending;
        set.insert(span);
    });
    let mut harness = harness_for(&txt);
    // The document list (Ctrl+D), on its tab.
    if harness.query_by_label("Documents").is_none() {
        press(&mut harness, Modifiers::COMMAND, Key::D);
    }
    harness.get_by_label("Documents").click();
    harness.run();
    harness.get_by_label("[in progress] a.txt · 3 spans · 1 pending link");
    harness.get_by_label("3 spans · 1 pending link");

    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    assert_eq!(
        harness.state().mark_done_prompt(),
        Some(MarkDonePrompt {
            pending: 0,
            links: 1,
            relations: 0
        })
    );
    harness.get_by_label_contains("a.txt has 1 entity link nobody has reviewed");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        !done_on_disk(&txt),
        "not marked done while a link is pending"
    );

    // N goes to the link, A accepts it: nothing is left to review.
    press(&mut harness, Modifiers::NONE, Key::N);
    press(&mut harness, Modifiers::NONE, Key::A);
    harness.get_by_label("[in progress] a.txt · 3 spans");
    harness.get_by_label("3 spans");
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    assert_eq!(harness.state().mark_done_prompt(), None);
    assert!(done_on_disk(&txt), "marked done and saved without asking");
    let ron = std::fs::read_to_string(store::paired_ron_path(&txt)).unwrap();
    assert!(!ron.contains("entity_status: Pending"), "{ron}");
}

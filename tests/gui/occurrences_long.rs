//! In an article over [`BACKGROUND_SCAN_BYTES`], a tagged text's other
//! occurrences are looked for on another thread and offered a few frames
//! later, as their own undo step (the nearest `OFFER_AT_ONCE`, then the
//! rest when asked for); an undo before they arrive drops them.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use newsmark::model::Status;
use newsmark::suggest::occurrences::OFFER_AT_ONCE;
use newsmark::ui::{BACKGROUND_SCAN_BYTES, Command, NewsmarkApp};

/// An article just over the threshold where every 500th sentence mentions
/// Kish; returns the folder, the window, and how many times Kish occurs.
fn long_article() -> (tempfile::TempDir, Harness<'static, NewsmarkApp>, usize) {
    let dir = tempfile::TempDir::new().unwrap();
    let txt = dir.path().join("long.txt");
    let mut text = String::from("Talks on Kish\n\n");
    let mut kish = 1;
    let mut k = 0;
    while text.len() <= BACKGROUND_SCAN_BYTES {
        if k % 500 == 0 {
            text.push_str("They met on Kish island. ");
            kish += 1;
        } else {
            text.push_str("Cuba and Iran signed a deal on fiber. ");
        }
        k += 1;
    }
    std::fs::write(&txt, text).unwrap();
    (dir, harness_for(&txt), kish)
}

fn wait_for_scans(harness: &mut Harness<'_, NewsmarkApp>) {
    step_while(harness, "the scan", NewsmarkApp::is_scanning_occurrences);
}

#[test]
fn occurrences_in_a_long_article_arrive_later_as_one_undo_step() {
    let (_dir, mut harness, kish) = long_article();
    // "Kish" in the title: code points 9..13.
    drag(&mut harness, 9, 13, Modifiers::NONE);
    harness.key_press(Key::Num3);
    harness.run();
    wait_for_scans(&mut harness);
    let found = spans(&harness);
    let tagged = found
        .iter()
        .filter(|s| s.status == Status::Accepted)
        .count();
    let pending = found.iter().filter(|s| s.status == Status::Pending).count();
    // More than are offered at once: the nearest are, then it asks.
    assert!(kish - 1 > OFFER_AT_ONCE, "{kish}");
    assert_eq!((tagged, pending), (1, OFFER_AT_ONCE));
    assert!(harness.state().is_asking_to_offer_more());
    harness.key_press(Key::O);
    harness.run();
    assert_eq!(spans(&harness).len(), kish);
    assert!(
        spans(&harness)
            .iter()
            .all(|s| s.text == "Kish" && s.label == "country")
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        spans(&harness).len(),
        1 + OFFER_AT_ONCE,
        "the rest: one step"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let left = spans(&harness);
    assert_eq!(left.len(), 1, "one undo removes every offer at once");
    assert_eq!(left[0].status, Status::Accepted);
}

#[test]
fn occurrences_of_a_span_undone_before_they_arrive_are_dropped() {
    let (_dir, mut harness, _) = long_article();
    drag(&mut harness, 9, 13, Modifiers::NONE);
    // Tag and undo before the next frame collects the scan.
    let ctx = harness.ctx.clone();
    harness.state_mut().execute(
        &ctx,
        vec![Command::ApplyLabel("country".into()), Command::Undo],
    );
    assert!(harness.state().is_scanning_occurrences());
    wait_for_scans(&mut harness);
    assert!(spans(&harness).is_empty(), "{:?}", spans(&harness));
}

//! GUI test of extractor approvals: approving a folder's extractor command
//! is remembered in the app's persisted state, so a new window restored
//! from it does not ask again; a changed command asks again.

use std::fs;
use std::path::Path;

use crate::common::gui::*;
use egui::{Key, Modifiers};

/// Writes the folder's `newsmark.ron` with an extractor that reads the
/// article and finds nothing; `extra` is appended to its arguments.
fn set_extractor(dir: &Path, extra: &str) {
    let argv = format!("[\"sh\", \"-c\", \"cat >/dev/null\"{extra}]");
    fs::write(
        dir.join("newsmark.ron"),
        format!(
            "(extractor: Some((argv: {argv}, timeout_secs: 30, name: Some(\"quiet\"))), gazetteer: false)\n"
        ),
    )
    .unwrap();
}

/// Ctrl+E; returns whether the app asked before running the extractor (and
/// then approves it, or cancels if `approve` is false).
fn suggest_asks(
    harness: &mut egui_kittest::Harness<'_, newsmark::ui::NewsmarkApp>,
    approve: bool,
) -> bool {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    let asked = harness.state().is_asking_to_run_extractor();
    if asked {
        harness.key_press(if approve { Key::R } else { Key::Escape });
        harness.run();
    }
    if asked && !approve {
        return asked;
    }
    wait_for_suggestions(harness);
    asked
}

#[test]
fn an_approved_command_is_not_asked_again_in_a_later_run_unless_it_changed() {
    let (dir, txt) = temp_article(SAMPLE, false);
    set_extractor(dir.path(), "");
    let mut harness = harness_for(&txt);
    assert!(
        suggest_asks(&mut harness, true),
        "asked before the first run"
    );
    assert!(!suggest_asks(&mut harness, true), "approved in this run");
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    drop(harness);

    // A new window, restored from what the first one persisted.
    let mut later = harness_for(&txt);
    later.state_mut().restore(Some(&storage));
    assert!(!suggest_asks(&mut later, true), "remembered across runs");

    // Without that state (another user, say), it asks.
    let mut fresh = harness_for(&txt);
    assert!(suggest_asks(&mut fresh, false));

    // The corpus changes its command: asked again, and the new answer is
    // remembered too.
    set_extractor(dir.path(), ", \"--more\"");
    assert!(
        suggest_asks(&mut later, true),
        "a changed command asks again"
    );
    assert!(!suggest_asks(&mut later, true));

    // The same command in another folder is not approved by this one.
    let (other, other_txt) = temp_article(SAMPLE, false);
    set_extractor(other.path(), "");
    let mut elsewhere = harness_for(&other_txt);
    elsewhere.state_mut().restore(Some(&storage));
    assert!(suggest_asks(&mut elsewhere, false), "another folder asks");
}

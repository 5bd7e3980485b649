//! The window as an annotator (`newsmark --annotator ana`): it opens and
//! saves ana's own file `X.ana.ron`, leaves the gold `X.ron` alone, and the
//! status bar says whose file is open.

use crate::common::files::run_test_alone;
use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use newsmark::store::Annotator;

/// Run alone by the test below: the annotator is the whole process's, and
/// every other test of this binary opens the gold files.
#[test]
#[ignore = "changes the whole process; run by the_window_opens_and_saves_the_annotators_file"]
fn window_as_annotator_alone() {
    let (dir, txt) = temp_article(SAMPLE, true);
    let gold = dir.path().join(format!("{SAMPLE}.ron"));
    let gold_before = std::fs::read_to_string(&gold).unwrap();
    assert!(newsmark::team::annotate_as(Annotator::new("ana").unwrap()));
    let mut harness = harness_for(&txt);
    assert!(
        spans(&harness).is_empty(),
        "ana starts from her own (no) file"
    );
    harness.get_by_label("annotator: ana");
    let start = find(&harness, "Issa Zarepour");
    drag(&mut harness, start + 2, start + 8, Modifiers::NONE);
    harness.key_press(Key::Num1);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    // Saving a span sets the folder's suggesters looking for it.
    wait_for_suggestions(&mut harness);
    let mine = std::fs::read_to_string(dir.path().join(format!("{SAMPLE}.ana.ron"))).unwrap();
    assert!(
        mine.contains("label: \"person\", text: \"Issa Zarepour\""),
        "{mine}"
    );
    assert_eq!(std::fs::read_to_string(&gold).unwrap(), gold_before);
}

#[test]
fn the_window_opens_and_saves_the_annotators_file() {
    run_test_alone("annotator::window_as_annotator_alone");
}

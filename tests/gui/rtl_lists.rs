//! The lists show Persian text as its readers see it: a span's quote in the
//! span list, a document's name in the document list and a relation's ends
//! in the relation list read in visual order, each word painted where it
//! belongs (egui's own label would paint them in logical order).

use crate::common::gui::*;
use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::ui::{Command, NewsmarkApp, Selection};

/// The one place `text` is painted as a text of its own on the row at `y`
/// between `from` and `to`.
fn placed(texts: &[(String, Rect)], text: &str, y: f32, (from, to): (f32, f32)) -> Rect {
    let found: Vec<Rect> = texts
        .iter()
        .filter(|(t, r)| {
            t == text && (r.center().y - y).abs() < 2.0 && r.min.x >= from && r.max.x <= to
        })
        .map(|(_, r)| *r)
        .collect();
    let [rect] = found[..] else {
        panic!("{text:?} at y {y}: {found:?} among {texts:?}");
    };
    rect
}

#[test]
fn the_span_and_document_lists_show_persian_text_in_visual_order() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("گزارش تازه.txt");
    std::fs::write(&txt, "The minister عیسی تهماسبی met Cuba's envoy.\n").unwrap();
    // A second document, so the folder's list shows.
    std::fs::write(dir.path().join("other.txt"), "Another article.\n").unwrap();
    let mut harness = harness_for(&txt);
    // "عیسی تهماسبی met" reads right to left, as its first letter does.
    let start = find(&harness, "عیسی");
    let end = start + 16;
    execute(
        &mut harness,
        vec![
            Command::Select(Selection::of_range(start..end)),
            Command::ApplyLabel("person".to_owned()),
        ],
    );
    harness.run();
    let texts = painted_texts(&harness);

    // The span list: the quote, then its offsets.
    let offsets = texts
        .iter()
        .find(|(t, _)| *t == format!("{start}–{end}"))
        .map(|(_, r)| *r)
        .unwrap_or_else(|| panic!("no offsets painted apart: {texts:?}"));
    let row = (offsets.min.x - 300.0, offsets.min.x);
    let y = offsets.center().y;
    let met = placed(&texts, "met", y, row);
    let family = placed(&texts, "تهماسبی", y, row);
    let given = placed(&texts, "عیسی", y, row);
    assert!(
        met.max.x <= family.min.x + 0.5
            && family.max.x < given.min.x
            && given.max.x < offsets.min.x,
        "met {met:?}, تهماسبی {family:?}, عیسی {given:?}, offsets {offsets:?}"
    );
    harness.get_by_label_contains("عیسی تهماسبی met");

    // The document list: "گزارش تازه.txt", its first word rightmost.
    let first = texts
        .iter()
        .find(|(t, _)| t == "گزارش")
        .expect("name shown")
        .1;
    let whole = (0.0, first.max.x);
    let second = placed(&texts, "تازه", first.center().y, whole);
    let extension = placed(&texts, "txt", first.center().y, whole);
    assert!(
        extension.max.x < second.min.x && second.max.x < first.min.x,
        "txt {extension:?}, تازه {second:?}, گزارش {first:?}"
    );
    harness.get_by_label_contains("گزارش تازه.txt");
}

#[test]
fn the_search_box_shows_a_persian_query_in_visual_order_and_edits_it_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("fa.txt");
    std::fs::write(&txt, "سلام دنیا و سلام دنیز.\n\nThe minister said سلام.\n").unwrap();
    let mut harness = harness_for(&txt);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.event(egui::Event::Text("سلام دنیا".into()));
    harness.run();
    // The search finds the Persian phrase.
    harness.get_by_label("1 hits");
    let query = |h: &Harness<'_, NewsmarkApp>| h.state().search_query().unwrap();
    assert_eq!(query(&harness), "سلام دنیا");

    // In the box, right-aligned, سلام rightmost and دنیا left of it, each
    // painted where it belongs; egui's own galley of the query, in logical
    // order, paints nothing.
    let texts = painted_texts(&harness);
    let find = texts
        .iter()
        .find(|(t, _)| t == "Find")
        .map(|(_, r)| *r)
        .expect("the bar's label");
    let y = find.center().y;
    let row = (find.max.x, find.max.x + 260.0);
    let first = placed(&texts, "سلام", y, row);
    let second = placed(&texts, "دنیا", y, row);
    assert!(
        second.max.x < first.min.x && first.max.x > find.max.x + 180.0,
        "دنیا {second:?}, سلام {first:?}, Find {find:?}"
    );
    let mut logical_glyphs = 0;
    for clipped in &harness.output().shapes {
        if let egui::Shape::Text(text) = &clipped.shape
            && text.galley.text() == "سلام دنیا"
        {
            logical_glyphs += text
                .galley
                .rows
                .iter()
                .map(|r| r.row.visuals.mesh.vertices.len())
                .sum::<usize>();
        }
    }
    assert_eq!(logical_glyphs, 0, "egui's logical-order text is not drawn");

    // A click just inside the left end of دنیا puts the caret at the
    // query's end; Backspace takes its last letter.
    click(
        &mut harness,
        egui::pos2(second.min.x + 1.0, second.center().y),
    );
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert_eq!(query(&harness), "سلام دنی");
    harness.get_by_label("2 hits");

    // Home goes to the query's start (its right end); Left moves on
    // through سلام, leftwards on screen; Shift+Left selects the rest and
    // Backspace deletes it.
    harness.key_press(egui::Key::Home);
    harness.run();
    for _ in 0..4 {
        harness.key_press(egui::Key::ArrowLeft);
        harness.run();
    }
    for _ in 0..4 {
        harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowLeft);
        harness.run();
    }
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert_eq!(query(&harness), "سلام");
    harness.get_by_label("3 hits");
}

//! The lists show Persian text as its readers see it: a span's quote in the
//! span list, a document's name in the document list and a relation's ends
//! in the relation list read in visual order, each word painted where it
//! belongs (egui's own label would paint them in logical order).

use crate::common::gui::*;
use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::ui::{Command, NewsmarkApp, Selection};

/// The texts painted in the last frame, with where.
fn painted(harness: &Harness<'_, NewsmarkApp>) -> Vec<(String, Rect)> {
    fn collect(shape: &egui::Shape, out: &mut Vec<(String, Rect)>) {
        match shape {
            egui::Shape::Text(text) => out.push((
                text.galley.text().to_owned(),
                text.galley.rect.translate(text.pos.to_vec2()),
            )),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts
}

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
    let texts = painted(&harness);

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

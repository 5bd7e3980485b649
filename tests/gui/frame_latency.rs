//! A label hotkey's span is in the model and painted in the very frame the
//! key was pressed in: the real app, driven headless one frame at a time.

use egui::epaint::{ClippedShape, Shape};
use egui::{Event, Key, Modifiers, Pos2, RawInput, Rect, Vec2};
use newsmark::ui::NewsmarkApp;

fn key(key: Key, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

/// Runs one frame with `events`; returns the texts of every painted text
/// shape.
fn frame(ctx: &egui::Context, app: &mut NewsmarkApp, events: Vec<Event>) -> Vec<String> {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1200.0, 860.0))),
        events,
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.frame(ui));
    output.textures_delta.clear();
    let mut texts = Vec::new();
    for ClippedShape { shape, .. } in &output.shapes {
        collect_texts(shape, &mut texts);
    }
    texts
}

fn collect_texts(shape: &Shape, out: &mut Vec<String>) {
    match shape {
        Shape::Text(text) => out.push(text.galley.text().to_owned()),
        Shape::Vec(shapes) => shapes.iter().for_each(|s| collect_texts(s, out)),
        _ => {}
    }
}

fn count(texts: &[String], needle: &str) -> usize {
    texts.iter().filter(|t| t.as_str() == needle).count()
}

#[test]
fn a_hotkey_span_is_painted_in_the_frame_of_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("article.txt");
    let body = "Cuba and Iran signed an agreement on optical fiber. ".repeat(40);
    std::fs::write(&txt, format!("Havana talks\n\n{body}\n")).unwrap();
    let ctx = egui::Context::default();
    newsmark::ui::install_fonts(&ctx);
    let mut app = NewsmarkApp::new(Some(&txt));
    frame(&ctx, &mut app, Vec::new());
    // Select the first word ("Havana").
    let before = frame(
        &ctx,
        &mut app,
        vec![
            key(Key::Home, Modifiers::COMMAND),
            key(Key::ArrowRight, Modifiers::SHIFT.plus(Modifiers::COMMAND)),
        ],
    );
    assert!(app.session().unwrap().set().is_empty());
    let tags_before = count(&before, "country");
    assert!(before.iter().any(|t| t == "- country 0"), "{before:?}");

    let after = frame(&ctx, &mut app, vec![key(Key::Num3, Modifiers::NONE)]);

    let spans = app.session().unwrap().set().spans().to_vec();
    assert_eq!(spans.len(), 1, "{spans:?}");
    assert_eq!((spans[0].start, spans[0].end), (0, 6));
    assert_eq!(spans[0].label, "country");
    assert_eq!(
        count(&after, "country"),
        tags_before + 1,
        "the span's tag is painted in the same frame"
    );
    assert!(
        after.iter().any(|t| t == "- country 1"),
        "the span list counts it in the same frame: {after:?}"
    );
}

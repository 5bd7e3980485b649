//! One-line rows of the lists (span list, document list, search bar) that
//! may quote Persian or Arabic text: egui's labels place a mixed string's
//! runs left to right in logical order, so "عیسی تهماسبی" would read
//! backwards there.
//!
//! A row is made of parts, placed left to right as the list reads (its own
//! words are English). A part with right-to-left text in it is an isolate,
//! as HTML's `<bdi>`: it reads the way of its own first letter and shows its
//! runs in visual order, laid out by [`BidiText`] (the text view's layout, on
//! the core's `model::bidi`). A row with nothing right to left in it is
//! egui's own selectable label, unchanged.

use egui::epaint::text::TextFormat;
use egui::{Atom, Button, Color32, IdSalt, Response, RichText, TextStyle, Ui, vec2};

use crate::model::bidi;
use crate::ui::widgets::bidi_text::BidiText;

/// How a row's text is coloured, as egui's `RichText` would.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// The widget's text colour.
    #[default]
    Normal,
    /// Fainter (`RichText::weak`).
    Weak,
    /// This colour (`RichText::color`).
    Colored(Color32),
}

/// A selectable row showing `parts` one after another (see the module's
/// doc); like `ui.selectable_label(selected, parts.concat())`.
pub fn selectable_row(ui: &mut Ui, selected: bool, parts: &[&str], tone: Tone) -> Response {
    if !parts.iter().any(|p| bidi::needs_bidi(p)) {
        let mut text = RichText::new(parts.concat());
        match tone {
            Tone::Normal => {}
            Tone::Weak => text = text.weak(),
            Tone::Colored(color) => text = text.color(color),
        }
        return ui.selectable_label(selected, text);
    }
    let format = TextFormat::simple(TextStyle::Button.resolve(ui.style()), Color32::PLACEHOLDER);
    let laid_out: Vec<BidiText> = parts
        .iter()
        .map(|part| ui.fonts_mut(|f| BidiText::layout(f, part, &format, f32::INFINITY, None)))
        .collect();
    let width: f32 = laid_out.iter().map(|t| t.size().x).sum();
    let height = laid_out.iter().map(|t| t.size().y).fold(0.0, f32::max);
    // A row wider than the list is cut at the list's edge, as egui's
    // truncated labels are.
    let room = (ui.available_width() - 2.0 * ui.spacing().button_padding.x).max(0.0);
    let id = IdSalt::new("bidi_row");
    let shown =
        Button::selectable(selected, Atom::custom(id, vec2(width.min(room), height))).atom_ui(ui);
    if let Some(rect) = shown.rect(id) {
        let color = match tone {
            Tone::Weak => ui.visuals().weak_text_color(),
            Tone::Colored(color) => color,
            Tone::Normal => ui
                .style()
                .interact_selectable(&shown.response, selected)
                .text_color(),
        };
        let painter = ui.painter_at(rect);
        let mut x = rect.left();
        for part in &laid_out {
            part.paint(&painter, egui::pos2(x, rect.top()), color);
            x += part.size().x;
        }
    }
    // Its text for screen readers (and the tests' queries), in logical order.
    let text = parts.concat();
    shown.response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), selected, &text)
    });
    shown.response
}

//! A one-line text box that shows Persian and Arabic text in visual order
//! (the search bar's query).
//!
//! egui 0.37's `TextEdit` lays its text out in one galley, runs left to
//! right in logical order, and places its caret, selection and clicks from
//! that galley's glyphs; a layouter that gave it a reordered galley would
//! put the caret on the wrong letters (its cursor maths assume one glyph
//! per character, in order). So when the text holds a right-to-left
//! character, egui's box still does the editing (typing, deleting, copy
//! and paste, undo, Home and End, focus) but draws nothing of its text:
//! its galley is laid out without glyphs and its caret and selection are
//! transparent. Over it this module paints the text as [`BidiText`] lays it
//! out (visual order, right-aligned when it reads right to left), the
//! selection as boxes over its letters and the caret where that layout
//! puts it; it maps clicks, drags, double-clicks (a word, a ZWNJ inside
//! it) and Left and Right (one character on screen, as in the text view)
//! through that layout and gives egui the resulting character range.
//! Text with nothing right to left in it is egui's own box, unchanged.

use std::sync::Arc;

use egui::epaint::text::{LayoutJob, TextFormat};
use egui::text::{CCursor, CCursorRange};
use egui::text_edit::TextEditState;
use egui::text_selection::visuals::paint_text_cursor;
use egui::{
    Color32, Event, FontId, Galley, Id, Key, Pos2, Rect, Response, TextBuffer, TextEdit, TextStyle,
    Ui, pos2,
};
use unicode_segmentation::UnicodeSegmentation as _;

use crate::model::bidi;
use crate::ui::widgets::bidi_text::BidiText;

/// A one-line text box for `text` (see the module's doc), `width` points
/// wide, with `hint` shown while it is empty; `id_salt` keeps its caret
/// across frames. Its response is the text box's, as egui's would be.
pub fn bidi_singleline(
    ui: &mut Ui,
    text: &mut String,
    id_salt: &str,
    hint: &str,
    width: f32,
) -> Response {
    let id = ui.make_persistent_id(id_salt);
    if !bidi::needs_bidi(text) {
        return ui.add(edit(text, id, hint, width));
    }
    let font = TextStyle::Body.resolve(ui.style());
    if ui.memory(|m| m.has_focus(id)) {
        let shown = lay_out(ui, text, &font);
        arrows_on_screen(ui, id, text, &shown);
    }
    let mut layouter =
        |ui: &Ui, buffer: &dyn TextBuffer, _wrap: f32| without_glyphs(ui, buffer.as_str(), &font);
    let mut output = ui
        .scope(|ui| {
            let visuals = ui.visuals_mut();
            visuals.text_cursor.stroke.color = Color32::TRANSPARENT;
            visuals.selection.bg_fill = Color32::TRANSPARENT;
            edit(text, id, hint, width).layouter(&mut layouter).show(ui)
        })
        .inner;
    // Typing in this frame changed the text: lay out what is there now.
    let shown = lay_out(ui, text, &font);
    // The box inside its frame (egui's text rect is only as wide as its
    // galley).
    let inner = output
        .response
        .response
        .rect
        .shrink2(ui.spacing().button_padding);
    let range = output
        .state
        .cursor
        .char_range()
        .unwrap_or_else(|| CCursorRange::one(CCursor::new(text.chars().count())));
    let origin = pos2(
        inner.left() + scroll(ui, id, &shown, inner.width(), range.primary.index.0),
        output.galley_pos.y,
    );
    if let Some(range) = pointer_range(ui, &output.response.response, text, &shown, origin, range) {
        output.state.cursor.set_char_range(Some(range));
        output.state.clone().store(ui.ctx(), id);
    }
    let range = output.state.cursor.char_range().unwrap_or(range);
    paint(ui, &output.response.response, &shown, origin, inner, range);
    output.response.response
}

/// egui's one-line box for `text`.
fn edit<'t>(text: &'t mut String, id: Id, hint: &str, width: f32) -> TextEdit<'t> {
    TextEdit::singleline(text)
        .id(id)
        .hint_text(hint.to_owned())
        .desired_width(width)
}

/// `text` laid out on one row, as the box shows it.
fn lay_out(ui: &Ui, text: &str, font: &FontId) -> BidiText {
    let format = TextFormat::simple(font.clone(), Color32::PLACEHOLDER);
    ui.fonts_mut(|f| BidiText::layout(f, text, &format, f32::INFINITY, None))
}

/// egui's galley of `text` with its glyphs' positions (for its own caret
/// maths) but nothing to draw, not even when egui colours a selection.
fn without_glyphs(ui: &Ui, text: &str, font: &FontId) -> Arc<Galley> {
    let job = LayoutJob::simple_singleline(text.to_owned(), font.clone(), Color32::TRANSPARENT);
    let mut galley = ui.fonts_mut(|f| f.layout_job(job));
    let editable = Arc::make_mut(&mut galley);
    for placed in &mut editable.rows {
        let row = Arc::make_mut(&mut placed.row);
        row.visuals.mesh.clear();
        row.visuals.glyph_vertex_range = 0..0;
        row.visuals.glyph_index_start = 0;
        for glyph in &mut row.glyphs {
            glyph.first_vertex = 0;
        }
    }
    galley
}

/// Takes this frame's Left and Right presses from egui (which would move
/// the caret in the text's order) and moves the caret on screen instead,
/// one character at a time; Shift extends the selection (a range of the
/// text). Word moves (Ctrl, Alt) stay egui's, swapped where the caret sits
/// in right-to-left text.
fn arrows_on_screen(ui: &Ui, id: Id, text: &str, shown: &BidiText) {
    let Some(mut state) = TextEditState::load(ui.ctx(), id) else {
        return;
    };
    let len = text.chars().count();
    let mut range = state
        .cursor
        .char_range()
        .unwrap_or_else(|| CCursorRange::one(CCursor::new(len)));
    let mut boundaries = vec![false; len + 1];
    let mut at = 0;
    boundaries[0] = true;
    for g in text.graphemes(true) {
        at += g.chars().count();
        boundaries[at] = true;
    }
    let mut moved = false;
    ui.ctx().input_mut(|input| {
        input.events.retain_mut(|event| {
            let Event::Key {
                key: key @ (Key::ArrowLeft | Key::ArrowRight),
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            let primary = range.primary.index.0;
            if modifiers.ctrl || modifiers.alt || modifiers.command || modifiers.mac_cmd {
                if shown.caret_reads_rtl(primary) {
                    *key = if *key == Key::ArrowLeft {
                        Key::ArrowRight
                    } else {
                        Key::ArrowLeft
                    };
                }
                return true;
            }
            let left = *key == Key::ArrowLeft;
            let secondary = range.secondary.index.0;
            let to = if !modifiers.shift && primary != secondary {
                // A selection collapses to its end on that side.
                let (a, b) = (shown.caret(primary).1, shown.caret(secondary).1);
                if (a < b) == left { primary } else { secondary }
            } else {
                shown
                    .step_on_screen(primary, left, |p| boundaries.get(p) == Some(&true))
                    .unwrap_or(primary)
            };
            range = if modifiers.shift {
                CCursorRange::two(CCursor::new(secondary), CCursor::new(to))
            } else {
                CCursorRange::one(CCursor::new(to))
            };
            moved = true;
            false
        });
    });
    if moved {
        state.cursor.set_char_range(Some(range));
        state.store(ui.ctx(), id);
    }
}

/// How far right of the box's left edge the text starts: a text that fits
/// sits at the edge it reads from (the right one for Persian); a longer one
/// scrolls, as little as keeps the caret at `caret` in view.
fn scroll(ui: &Ui, id: Id, shown: &BidiText, room: f32, caret: usize) -> f32 {
    let width = shown.size().x;
    let aligned = if shown.direction().is_rtl() {
        room - width
    } else {
        0.0
    };
    if width <= room {
        return aligned;
    }
    let key = id.with("bidi_scroll");
    let before = ui.data(|d| d.get_temp::<f32>(key)).unwrap_or(aligned);
    let mut offset = before.clamp(room - width, 0.0);
    let x = shown.caret(caret).1 + offset;
    if x < 0.0 {
        offset -= x;
    } else if x > room {
        offset -= x - room;
    }
    ui.data_mut(|d| d.insert_temp(key, offset));
    offset
}

/// The character range a click, drag, double-click (a word) or
/// triple-click (everything) on the box chose, mapped through the text as
/// shown; `None` when the pointer did nothing to it. A drag with Shift held
/// keeps the selection's other end.
fn pointer_range(
    ui: &Ui,
    response: &Response,
    text: &str,
    shown: &BidiText,
    origin: Pos2,
    current: CCursorRange,
) -> Option<CCursorRange> {
    let pointer = response.interact_pointer_pos()?;
    let at = |p: Pos2| shown.pos_at(p - origin);
    let here = at(pointer);
    if response.triple_clicked() {
        return Some(CCursorRange::two(
            CCursor::new(0),
            CCursor::new(text.chars().count()),
        ));
    }
    if response.double_clicked() {
        let word = word_around(text, here);
        return Some(CCursorRange::two(
            CCursor::new(word.start),
            CCursor::new(word.end),
        ));
    }
    if !(response.is_pointer_button_down_on() || response.clicked()) {
        return None;
    }
    let (press, shift) = ui.input(|i| (i.pointer.press_origin(), i.modifiers.shift));
    let anchor = if shift {
        current.secondary.index.0
    } else {
        press.map_or(here, at)
    };
    Some(CCursorRange::two(CCursor::new(anchor), CCursor::new(here)))
}

/// The word (UAX #29; a ZWNJ is inside a word) holding code point `pos` of
/// `text`, or the empty range at `pos` between words.
fn word_around(text: &str, pos: usize) -> std::ops::Range<usize> {
    let mut at = 0;
    for word in text.split_word_bounds() {
        let n = word.chars().count();
        if pos < at + n || at + n == text.chars().count() {
            if word.chars().any(char::is_alphanumeric) {
                return at..at + n;
            }
            break;
        }
        at += n;
    }
    pos..pos
}

/// Paints the text in visual order, the selection's boxes with its letters
/// in the selection's colour and, while the box has the focus, the caret,
/// blinking as egui's does.
fn paint(
    ui: &Ui,
    response: &Response,
    shown: &BidiText,
    origin: Pos2,
    inner: Rect,
    range: CCursorRange,
) {
    let painter = ui.painter_at(inner.expand(1.0));
    let visuals = ui.visuals();
    let focused = response.has_focus();
    let height = shown.row_height();
    let (a, b) = (range.primary.index.0, range.secondary.index.0);
    let selected: Vec<(f32, f32)> = if focused && a != b {
        shown
            .range_pieces(a.min(b)..a.max(b))
            .into_iter()
            .map(|(_, x0, x1)| (origin.x + x0, origin.x + x1))
            .collect()
    } else {
        Vec::new()
    };
    for &(x0, x1) in &selected {
        let rect = Rect::from_min_max(pos2(x0, origin.y), pos2(x1, origin.y + height));
        painter.rect_filled(rect, 0.0, visuals.selection.bg_fill);
    }
    let clip = painter.clip_rect();
    let strip = |x0: f32, x1: f32| {
        Rect::from_min_max(
            pos2(x0.max(clip.left()), clip.top()),
            pos2(x1, clip.bottom()),
        )
        .intersect(clip)
    };
    let text_color = visuals.widgets.inactive.text_color();
    let mut from = clip.left();
    for &(x0, x1) in &selected {
        shown.paint(&painter.with_clip_rect(strip(from, x0)), origin, text_color);
        let selection = painter.with_clip_rect(strip(x0, x1));
        shown.paint(&selection, origin, visuals.selection.stroke.color);
        from = x1;
    }
    shown.paint(
        &painter.with_clip_rect(strip(from, clip.right())),
        origin,
        text_color,
    );
    if focused && ui.input(|i| i.focused) {
        let x = origin.x + shown.caret(a).1;
        let caret = Rect::from_min_max(pos2(x, origin.y), pos2(x, origin.y + height));
        let since = since_last_interaction(ui, response, range);
        paint_text_cursor(ui, &painter, caret, since);
    }
}

/// Seconds since the caret last moved or the text changed (the caret's
/// blink starts again, shown, at each), as egui's `TextEdit` counts them.
fn since_last_interaction(ui: &Ui, response: &Response, range: CCursorRange) -> f64 {
    let key = response.id.with("bidi_caret_moved");
    let now = ui.input(|i| i.time);
    let before = ui.data(|d| d.get_temp::<(CCursorRange, f64)>(key));
    let moved_at = match before {
        Some((was, at)) if was == range && !response.changed() && !response.gained_focus() => at,
        _ => now,
    };
    ui.data_mut(|d| d.insert_temp(key, (range, moved_at)));
    now - moved_at
}

//! Drawing spans under and around a block's text: a tinted background, an
//! underline per nesting depth and a small label tag, so nested and
//! overlapping spans all stay visible and clickable.

use std::ops::Range;

use egui::epaint::text::{CharIndex, Row};
use egui::{Color32, CornerRadius, Galley, Painter, Pos2, Rect, Stroke, StrokeKind, pos2};
use unicode_segmentation::UnicodeSegmentation as _;

use crate::model::{LabelSchema, Span, SpanId, Status};
use crate::ui::style;
use crate::ui::widgets::block_text::BlockText;

/// Whether a span is drawn: rejected suggestions only on request.
pub fn is_visible(span: &Span, show_rejected: bool) -> bool {
    show_rejected || span.status != Status::Rejected
}

/// A clickable area belonging to one span.
#[derive(Clone, Copy, Debug)]
pub struct HitRegion {
    /// Screen rectangle.
    pub rect: Rect,
    /// The span.
    pub id: SpanId,
}

/// Where a span's text is drawn on one row (its box, under its tag).
#[derive(Clone, Copy, Debug)]
pub struct SpanBox {
    /// Screen rectangle around the span's glyphs on the row.
    pub rect: Rect,
    /// The span.
    pub id: SpanId,
}

/// Vertical extent of the glyphs of a row (the rest is room for tags and
/// underlines).
pub fn text_band(galley: &Galley, row: usize, origin: Pos2) -> (f32, f32) {
    let placed = &galley.rows[row];
    let font_height = placed
        .row
        .glyphs
        .first()
        .map_or(style::BODY_SIZE * 1.2, |g| g.font_height);
    let top = origin.y + placed.min_y() + (placed.height() - font_height) / 2.0;
    (top, top + font_height)
}

/// The horizontal pieces of a char range (galley-local) on each row it
/// touches: `(row, x_min, x_max)` in screen coordinates. An end inside a
/// grapheme cluster is placed by [`x_in_row`].
pub fn row_pieces(galley: &Galley, local: Range<usize>, origin: Pos2) -> Vec<(usize, f32, f32)> {
    let mut pieces = Vec::new();
    let mut row_start = 0;
    for (r, placed) in galley.rows.iter().enumerate() {
        let count = placed.row.glyphs.len();
        let row_end = row_start + count;
        let a = local.start.max(row_start);
        let b = local.end.min(row_end);
        if a < b {
            let x0 = placed.pos.x + x_in_row(&placed.row, a - row_start);
            let x1 = placed.pos.x + x_in_row(&placed.row, b - row_start);
            pieces.push((r, origin.x + x0, origin.x + x1));
        }
        row_start += placed.char_count_including_newline().0;
        if row_start >= local.end {
            break;
        }
    }
    pieces
}

/// The x (row-local) of caret position `column` of a row. A grapheme
/// cluster draws as one glyph (👩🏽‍💻, a flag, a letter with its accent), and
/// the galley puts its inner code points at its right edge with no width;
/// a position inside a cluster is placed instead in proportion to how many
/// of the cluster's code points come before it, so a span that splits a
/// cluster covers its part of the glyph, not a sliver at its edge.
pub fn x_in_row(row: &Row, column: usize) -> f32 {
    let mut start = 0;
    if row
        .glyphs
        .get(column)
        .is_some_and(|g| g.advance_width == 0.0)
    {
        for cluster in row.text().graphemes(true) {
            let len = cluster.chars().count();
            if column < start + len {
                let x0 = row.x_offset(CharIndex(start));
                let x1 = row.x_offset(CharIndex(start + len));
                return x0 + (x1 - x0) * (column - start) as f32 / len as f32;
            }
            start += len;
        }
    }
    row.x_offset(CharIndex(column))
}

/// Everything needed to paint the spans of one block.
pub struct BlockSpans<'a> {
    /// The painter.
    pub painter: &'a Painter,
    /// The block's text, laid out.
    pub text: &'a BlockText,
    /// Screen position of the galley's top-left corner.
    pub origin: Pos2,
    /// Code points the block shows.
    pub range: Range<usize>,
    /// The schema, for colours.
    pub schema: &'a LabelSchema,
    /// The spans drawn as selected: the selected span, or the selected
    /// relation's two ends.
    pub selected: &'a [SpanId],
}

impl BlockSpans<'_> {
    /// Paints the backgrounds and underlines of `spans` (with their depths),
    /// then their tags; returns the clickable regions (tags and underlines)
    /// and adds each span's box on each row to `boxes`.
    pub fn paint(&self, spans: &[(&Span, u8)], boxes: &mut Vec<SpanBox>) -> Vec<HitRegion> {
        let mut hits = Vec::new();
        for &(span, depth) in spans {
            self.paint_body(span, depth, &mut hits, boxes);
        }
        self.paint_tags(spans, &mut hits);
        hits
    }

    /// The colour of a span's label (grey for a label not in the schema).
    pub(in crate::ui) fn color_of(&self, span: &Span) -> Color32 {
        self.schema
            .get(&span.label)
            .map_or(style::UNKNOWN_LABEL, |l| style::color(l.color))
    }

    /// The part of a span inside this block, in block-local code points.
    pub(in crate::ui) fn local(&self, span: &Span) -> Range<usize> {
        let start = span.start.max(self.range.start) - self.range.start;
        let end = span.end.min(self.range.end).max(self.range.start) - self.range.start;
        start..end
    }

    fn paint_body(
        &self,
        span: &Span,
        depth: u8,
        hits: &mut Vec<HitRegion>,
        boxes: &mut Vec<SpanBox>,
    ) {
        let color = self.color_of(span);
        let selected = self.selected.contains(&span.id);
        let pending = span.status == Status::Pending;
        let rejected = span.status == Status::Rejected;
        for (row, x0, x1) in self.text.row_pieces(self.local(span), self.origin) {
            let (top, bottom) = self.text.text_band(row, self.origin);
            let rect = Rect::from_min_max(pos2(x0, top - 1.0), pos2(x1, bottom + 1.0));
            boxes.push(SpanBox { rect, id: span.id });
            let alpha = if selected { 90 } else { 40 };
            if rejected {
                let mid = (top + bottom) / 2.0;
                self.painter.line_segment(
                    [pos2(x0, mid), pos2(x1, mid)],
                    Stroke::new(1.5, color.gamma_multiply(0.8)),
                );
            } else if !pending {
                self.painter.rect_filled(
                    rect,
                    CornerRadius::same(2),
                    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha),
                );
            }
            if selected || pending {
                self.painter.rect_stroke(
                    rect.expand(1.0),
                    CornerRadius::same(3),
                    Stroke::new(if selected { 2.0 } else { 1.0 }, color),
                    StrokeKind::Outside,
                );
            }
            let y = bottom + 2.0 + f32::from(depth) * style::DEPTH_STEP;
            let bar = Rect::from_min_max(pos2(x0, y), pos2(x1, y + style::UNDERLINE));
            self.painter.rect_filled(bar, CornerRadius::ZERO, color);
            hits.push(HitRegion {
                rect: bar.expand2(egui::vec2(0.0, 1.0)),
                id: span.id,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, FontId};

    #[test]
    fn a_span_inside_an_emoji_covers_its_part_of_the_glyph() {
        let ctx = egui::Context::default();
        for _ in 0..2 {
            ctx.run_ui(egui::RawInput::default(), |ui| {
                crate::ui::fonts::install(ui.ctx());
            })
            .drop_without_applying_deltas();
        }
        // a, 👩, 🏽, ZWJ, 💻, b: the emoji draws as one glyph.
        let galley = ctx.fonts_mut(|f| {
            f.layout_no_wrap("a👩🏽‍💻b".into(), FontId::proportional(17.0), Color32::WHITE)
        });
        let glyphs = &galley.rows[0].row.glyphs;
        let (left, right) = (glyphs[1].pos.x, glyphs[5].pos.x);
        assert!(right - left > 10.0, "one wide glyph: {left}..{right}");
        // The skin tone and the joiner: the middle half of the glyph.
        let pieces = row_pieces(&galley, 2..4, Pos2::ZERO);
        let [(0, x0, x1)] = pieces[..] else {
            panic!("{pieces:?}");
        };
        let quarter = (right - left) / 4.0;
        assert!(
            (x0 - (left + quarter)).abs() < 0.5,
            "{x0} in {left}..{right}"
        );
        assert!(
            (x1 - (right - quarter)).abs() < 0.5,
            "{x1} in {left}..{right}"
        );
        // Whole clusters and plain letters are where the galley puts them.
        assert_eq!(
            row_pieces(&galley, 1..5, Pos2::ZERO),
            vec![(0, left, right)]
        );
        assert_eq!(
            row_pieces(&galley, 0..1, Pos2::ZERO),
            vec![(0, glyphs[0].pos.x, left)]
        );
    }
}

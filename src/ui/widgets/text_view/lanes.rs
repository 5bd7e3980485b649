//! Marks painted under the text rows in view, one lane each, for what the
//! text view does not draw itself: curation's annotators' versions (see
//! `widgets/curation_lanes.rs`). Painted after the view, inside its area.

use std::ops::Range;

use egui::{Color32, CornerRadius, Rect, Ui, pos2, vec2};

use super::TextView;
use crate::model::Document;
use crate::ui::style;

/// How far below the text band the first lane is: under the labels'
/// underlines of the first two nesting depths.
const FIRST_LANE: f32 = 2.0 + 2.0 * style::DEPTH_STEP + 1.0;
/// From one lane to the next.
const LANE_STEP: f32 = 3.0;
/// A lane's thickness.
const LANE_HEIGHT: f32 = 2.0;

impl TextView {
    /// The code points of the blocks in view, as laid out this frame (call
    /// after `text_view_ui`).
    pub fn chars_in_view(&mut self) -> Range<usize> {
        let first = self.layout.block_at_y(self.viewport.min.y - style::MARGIN);
        let last = self.layout.block_at_y(self.viewport.max.y - style::MARGIN);
        let blocks = self.layout.blocks();
        let start = blocks.get(first).map_or(0, |b| b.range.start);
        let end = blocks.get(last).map_or(start, |b| b.range.end);
        start..end
    }

    /// Paints `marks` (code points, lane, colour) under the rows they
    /// cover, each in its lane (0: the highest).
    pub fn paint_lanes(
        &mut self,
        ui: &Ui,
        doc: &Document,
        marks: &[(Range<usize>, usize, Color32)],
    ) {
        let ctx = ui.ctx().clone();
        let painter = ui.painter();
        for (range, lane, color) in marks {
            if range.is_empty() {
                continue;
            }
            let first = self.layout.block_of_char(range.start);
            let last = self.layout.block_of_char(range.end - 1);
            for i in first..=last {
                let Some(block) = self.layout.blocks().get(i).map(|b| b.range.clone()) else {
                    break;
                };
                let text = self.layout.text(&ctx, doc, i);
                let origin = self.column_origin + vec2(0.0, self.layout.top(i));
                let local = range.start.max(block.start) - block.start
                    ..range.end.min(block.end) - block.start;
                for (row, x0, x1) in text.row_pieces(local, origin) {
                    let (_, bottom) = text.text_band(row, origin);
                    let y = bottom + FIRST_LANE + *lane as f32 * LANE_STEP;
                    let bar = Rect::from_min_max(pos2(x0, y), pos2(x1, y + LANE_HEIGHT));
                    painter.rect_filled(bar, CornerRadius::ZERO, *color);
                }
            }
        }
    }
}

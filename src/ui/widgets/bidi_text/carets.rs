//! Where the caret is drawn at each position of a laid-out row, from the
//! characters' bidirectional levels.

use super::{BidiRow, Caret};
use crate::model::bidi::{self, Direction};

/// Fills in where each caret position of `row` is drawn, from its
/// characters' `levels` (rule L1 applied), as [`bidi::caret_slots`] places
/// them: just inside the character it belongs with (a third of a point, so
/// that two positions on either side of one boundary, and a click on each,
/// stay apart).
pub(super) fn place_carets(row: &mut BidiRow, levels: &[u8], direction: Direction, last: bool) {
    let n = row.chars.len();
    // Each character's left and right edge.
    let mut edges = vec![(0.0, 0.0); n];
    for piece in &row.pieces {
        for (k, pos) in piece.range.clone().enumerate() {
            let (a, b) = (piece.x(k), piece.x(k + 1));
            if let Some(edge) = edges.get_mut(pos - row.chars.start) {
                *edge = (a.min(b), a.max(b));
            }
        }
    }
    let inside = |from: f32, toward: f32| from + (toward - from).clamp(-1.0, 1.0) / 3.0;
    let slots = bidi::caret_slots(levels, direction, last);
    row.carets = slots
        .iter()
        .enumerate()
        .map(|(k, slot)| {
            let Some(c) = slot.char else {
                return Caret {
                    x: 0.0,
                    rtl: direction.is_rtl(),
                };
            };
            let (left, right) = edges[c];
            Caret {
                x: if slot.hugs_right {
                    inside(left, right)
                } else {
                    inside(right, left)
                },
                // The row's start reads the paragraph's way, whatever it
                // sits inside.
                rtl: if k == 0 {
                    direction.is_rtl()
                } else {
                    levels[c] % 2 == 1
                },
            }
        })
        .collect();
    row.caret_order = bidi::caret_order(&slots);
}

/// The caret x of position `pos` on `row` (see [`BidiText::caret`]).
pub(super) fn caret_x(row: &BidiRow, pos: usize) -> f32 {
    let k = pos.saturating_sub(row.chars.start);
    row.carets.get(k).or(row.carets.last()).map_or(0.0, |c| c.x)
}

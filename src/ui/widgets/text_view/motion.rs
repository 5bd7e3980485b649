//! Caret motion by visual row: Up, Down, Page Up, Page Down, Home and End.
//!
//! Motion steps through the rows of each block's galley and on into the
//! next block, so every row of every paragraph is visited (pixel arithmetic
//! landed in paragraph gaps and stuck there), keeping the caret's x position
//! across a run of vertical moves as text editors do. Left and Right move
//! the caret on screen ([`TextView::arrow_on_screen`]): in right-to-left
//! and mixed text, to the next caret position drawn to the left or right,
//! whichever way the text under it reads; word moves and span edges go the
//! way the text under the caret reads ([`TextView::logical_arrow`]). Home
//! and End go to a row's logical start and end, which are its right and
//! left ends in a right-to-left paragraph, where its reader starts and
//! stops.

use egui::Key;

use super::TextView;
use crate::model::{Document, graphemes, words};

/// A block of the layout and a row of its galley.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RowAt {
    block: usize,
    row: usize,
}

impl TextView {
    /// The caret position one row up (`rows < 0`) or down, or a screen's
    /// worth of rows when `pages` is set, at the caret's x position (kept
    /// from the first of a run of vertical moves).
    pub fn vertical_move(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        caret: usize,
        rows: i32,
        pages: bool,
    ) -> usize {
        if self.layout.blocks().is_empty() {
            return caret;
        }
        let (mut at, x_here) = self.caret_row(ctx, doc, caret);
        let x = match self.sticky_x {
            Some((pos, x)) if pos == caret => x,
            _ => x_here,
        };
        let down = rows > 0;
        let start_y = self.row_top(ctx, doc, at);
        let page = self.viewport_height() * 0.9;
        loop {
            let Some(next) = self.row_step(ctx, doc, at, down) else {
                self.sticky_x = None;
                return if down { doc.char_len() } else { 0 };
            };
            at = next;
            if !pages || (self.row_top(ctx, doc, at) - start_y).abs() >= page {
                break;
            }
        }
        let pos = self.caret_in_row(ctx, doc, at, x);
        self.sticky_x = Some((pos, x));
        pos
    }

    /// The arrow key that moves the caret in the text the way `key` moves
    /// it on screen, at `caret`, for moves by word and span edges: where
    /// the text under the caret reads right to left (a Persian word, or a
    /// right-to-left paragraph's row start), Left moves toward the text's
    /// end, as Right does in English, and Right toward its start. Other
    /// keys are themselves.
    pub fn logical_arrow(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        caret: usize,
        key: Key,
    ) -> Key {
        if !matches!(key, Key::ArrowLeft | Key::ArrowRight) || self.layout.blocks().is_empty() {
            return key;
        }
        let block = self.layout.block_of_char(caret);
        let start = self.layout.blocks()[block].range.start;
        let text = self.layout.text(ctx, doc, block);
        if !text.caret_reads_rtl(caret.saturating_sub(start)) {
            return key;
        }
        if key == Key::ArrowLeft {
            Key::ArrowRight
        } else {
            Key::ArrowLeft
        }
    }

    /// Where Left (`left`) or Right moves the caret at `caret` by one
    /// character on screen. In English text, back or on by a grapheme
    /// cluster. In right-to-left and mixed text, to the caret position drawn
    /// next to it that way on its row, whatever the direction of the text
    /// under it (inside "2024" in a Persian paragraph Left goes back, inside
    /// a Persian word on); past the row's edge, on to the next row (the
    /// paragraph's end side) or back to the one before (its start side).
    pub fn arrow_on_screen(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        caret: usize,
        left: bool,
    ) -> usize {
        let logical = |forward: bool| {
            if forward {
                words::next_grapheme(doc, caret)
            } else {
                words::prev_grapheme(doc, caret)
            }
        };
        if self.layout.blocks().is_empty() {
            return logical(!left);
        }
        let block = self.layout.block_of_char(caret);
        let block_start = self.layout.blocks()[block].range.start;
        let text = self.layout.text(ctx, doc, block);
        let Some(bidi) = text.bidi() else {
            return logical(!left);
        };
        let Some(local) = caret.checked_sub(block_start) else {
            return logical(!left);
        };
        let is_stop = |p: usize| graphemes::cluster_around(doc, block_start + p).is_none();
        if let Some(to) = bidi.step_on_screen(local, left, is_stop) {
            return block_start + to;
        }
        // Past the row's edge: toward the paragraph's end, the next row's
        // start (the next paragraph's after the last row); toward its
        // start, the previous row's end.
        let row = bidi.row_of(local);
        let chars = bidi.row_chars(row);
        let to_end = left == bidi.direction().is_rtl();
        if to_end {
            if row + 1 < bidi.row_count() {
                block_start + chars.end
            } else {
                words::next_grapheme(doc, block_start + chars.end)
            }
        } else {
            words::prev_grapheme(doc, block_start + chars.start)
        }
    }

    /// The start (or, with `end`, the end) of the visual row holding `caret`.
    /// The end of a wrapped row is before the space it wrapped at, so the
    /// caret stays on that row.
    pub fn row_edge(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        caret: usize,
        end: bool,
    ) -> usize {
        if self.layout.blocks().is_empty() {
            return caret;
        }
        let (at, _) = self.caret_row(ctx, doc, caret);
        let block_start = self.layout.blocks()[at.block].range.start;
        let text = self.layout.text(ctx, doc, at.block);
        if at.row >= text.row_count() {
            return block_start;
        }
        let chars = text.row_chars(at.row);
        let start = block_start + chars.start;
        if !end {
            return start;
        }
        let count = chars.len();
        let wrapped = at.row + 1 < text.row_count();
        start
            + if wrapped {
                count.saturating_sub(1)
            } else {
                count
            }
    }

    /// The row holding `caret`, and the caret's x in galley coordinates.
    fn caret_row(&mut self, ctx: &egui::Context, doc: &Document, caret: usize) -> (RowAt, f32) {
        let block = self.layout.block_of_char(caret);
        let start = self.layout.blocks()[block].range.start;
        let text = self.layout.text(ctx, doc, block);
        if text.row_count() == 0 {
            return (RowAt { block, row: 0 }, 0.0);
        }
        let (row, x) = text.caret(caret.saturating_sub(start));
        (RowAt { block, row }, x)
    }

    /// The row after (or before) `at`, crossing into the next (or previous)
    /// block; `None` past the first or last row of the text.
    fn row_step(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        at: RowAt,
        down: bool,
    ) -> Option<RowAt> {
        let rows_in = |view: &mut Self, block: usize| view.layout.text(ctx, doc, block).row_count();
        if down {
            if at.row + 1 < rows_in(self, at.block) {
                return Some(RowAt {
                    row: at.row + 1,
                    ..at
                });
            }
            let block = at.block + 1;
            (block < self.layout.blocks().len()).then_some(RowAt { block, row: 0 })
        } else if at.row > 0 {
            Some(RowAt {
                row: at.row - 1,
                ..at
            })
        } else {
            let block = at.block.checked_sub(1)?;
            let row = rows_in(self, block).saturating_sub(1);
            Some(RowAt { block, row })
        }
    }

    /// Top of a row in content coordinates.
    fn row_top(&mut self, ctx: &egui::Context, doc: &Document, at: RowAt) -> f32 {
        let text = self.layout.text(ctx, doc, at.block);
        let within = text.row_top(at.row);
        self.layout.top(at.block) + within
    }

    /// The caret position in a row nearest to `x`, on a grapheme boundary
    /// and never at the wrap point of a wrapped row (which shows on the next).
    fn caret_in_row(&mut self, ctx: &egui::Context, doc: &Document, at: RowAt, x: f32) -> usize {
        let block_start = self.layout.blocks()[at.block].range.start;
        let text = self.layout.text(ctx, doc, at.block);
        if at.row >= text.row_count() {
            return block_start;
        }
        let pos = block_start + text.pos_in_row(at.row, x);
        if pos >= doc.char_len() {
            return pos;
        }
        // Inside a cluster (an emoji sequence): its start.
        words::prev_grapheme(doc, words::next_grapheme(doc, pos)).max(block_start)
    }
}

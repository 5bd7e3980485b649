//! A block laid out: egui's own galley for text with nothing right to left
//! in it (English: as before, at no extra cost), or [`BidiText`] for
//! Persian, Arabic and mixed text. Everything that places or hits text in
//! the view asks this type, so both layouts answer the same questions.

use std::ops::Range;
use std::sync::Arc;

use egui::text::CCursor;
use egui::{Color32, Galley, Painter, Pos2, Vec2};

use crate::ui::style;
use crate::ui::widgets::bidi_text::BidiText;
use crate::ui::widgets::span_paint;

/// A caret cursor inside a block's galley. At a wrap the position belongs to
/// the start of the next row, as egui's own navigation prefers.
pub fn caret_cursor(local: usize) -> CCursor {
    CCursor {
        index: local.into(),
        prefer_next_row: true,
    }
}

/// A block's text, laid out. Positions are block-local code points; points
/// and x are relative to the block's top-left corner unless an `origin` is
/// given.
#[derive(Debug)]
pub enum BlockText {
    /// Left-to-right text: one egui galley.
    Plain(Arc<Galley>),
    /// Text with right-to-left characters.
    Bidi(BidiText),
}

impl BlockText {
    /// Number of rows.
    pub fn row_count(&self) -> usize {
        match self {
            Self::Plain(g) => g.rows.len(),
            Self::Bidi(b) => b.row_count(),
        }
    }

    /// Top of row `row`.
    pub fn row_top(&self, row: usize) -> f32 {
        match self {
            Self::Plain(g) => g.rows.get(row).map_or(0.0, |r| r.min_y()),
            Self::Bidi(b) => b.row_top(row),
        }
    }

    /// Height of row `row`.
    pub fn row_height(&self, row: usize) -> f32 {
        match self {
            Self::Plain(g) => g.rows.get(row).map_or(0.0, |r| r.height()),
            Self::Bidi(b) => b.row_height(),
        }
    }

    /// The code points of row `row` (without a trailing newline).
    pub fn row_chars(&self, row: usize) -> Range<usize> {
        match self {
            Self::Plain(g) => {
                let start: usize = g.rows[..row.min(g.rows.len())]
                    .iter()
                    .map(|r| r.char_count_including_newline().0)
                    .sum();
                let count = g
                    .rows
                    .get(row)
                    .map_or(0, |r| r.char_count_excluding_newline().0);
                start..start + count
            }
            Self::Bidi(b) => b.row_chars(row),
        }
    }

    /// Height of the laid-out text.
    pub fn height(&self) -> f32 {
        match self {
            Self::Plain(g) => g.size().y,
            Self::Bidi(b) => b.size().y,
        }
    }

    /// Vertical extent of the glyphs of a row, on screen.
    pub fn text_band(&self, row: usize, origin: Pos2) -> (f32, f32) {
        match self {
            Self::Plain(g) => span_paint::text_band(g, row, origin),
            Self::Bidi(b) => {
                let top = origin.y + b.row_top(row) + (b.row_height() - b.font_height()) / 2.0;
                (top, top + b.font_height())
            }
        }
    }

    /// The horizontal pieces of a range of code points on each row it
    /// touches: `(row, x_min, x_max)` on screen, left to right on a row.
    pub fn row_pieces(&self, local: Range<usize>, origin: Pos2) -> Vec<(usize, f32, f32)> {
        match self {
            Self::Plain(g) => span_paint::row_pieces(g, local, origin),
            Self::Bidi(b) => b
                .range_pieces(local)
                .into_iter()
                .map(|(r, x0, x1)| (r, origin.x + x0, origin.x + x1))
                .collect(),
        }
    }

    /// The row and x of the caret at position `local`.
    pub fn caret(&self, local: usize) -> (usize, f32) {
        match self {
            Self::Plain(g) => {
                let cursor = caret_cursor(local);
                (
                    g.layout_from_cursor(cursor).row,
                    g.pos_from_cursor(cursor).min.x,
                )
            }
            Self::Bidi(b) => b.caret(local),
        }
    }

    /// The caret position nearest to a point.
    pub fn pos_at(&self, p: Vec2) -> usize {
        match self {
            Self::Plain(g) => g.cursor_from_pos(p).index.0,
            Self::Bidi(b) => b.pos_at(p),
        }
    }

    /// The code point drawn under a point: in left-to-right text the one
    /// before the nearest caret position when the point is left of it (the
    /// right half of a word's last letter is that letter).
    pub fn char_at(&self, p: Vec2) -> usize {
        match self {
            Self::Plain(_) => {
                let pos = self.pos_at(p);
                let (_, x) = self.caret(pos);
                if p.x < x && pos > 0 { pos - 1 } else { pos }
            }
            Self::Bidi(b) => b.char_at(p),
        }
    }

    /// The caret position in row `row` nearest to `x`, never at the wrap
    /// point of a wrapped row (which shows on the next).
    pub fn pos_in_row(&self, row: usize, x: f32) -> usize {
        match self {
            Self::Plain(g) => {
                let chars = self.row_chars(row);
                let Some(placed) = g.rows.get(row) else {
                    return chars.start;
                };
                let count = chars.len();
                let mut column = placed.char_at(x - placed.pos.x).0.min(count);
                if row + 1 < g.rows.len() && column >= count {
                    column = count.saturating_sub(1);
                }
                chars.start + column
            }
            Self::Bidi(b) => b.pos_in_row(row, x),
        }
    }

    /// The right-to-left layout, if the block has one.
    pub fn bidi(&self) -> Option<&BidiText> {
        match self {
            Self::Plain(_) => None,
            Self::Bidi(b) => Some(b),
        }
    }

    /// Whether the caret at `local` sits in text that reads right to left.
    pub fn caret_reads_rtl(&self, local: usize) -> bool {
        self.bidi().is_some_and(|b| b.caret_reads_rtl(local))
    }

    /// Whether the character at `local` reads right to left.
    pub fn is_rtl_at(&self, local: usize) -> bool {
        match self {
            Self::Plain(_) => false,
            Self::Bidi(b) => b.is_rtl_at(local),
        }
    }

    /// The caret rectangle's vertical extent for position `local`, on
    /// screen (a blank block's is its whole height).
    pub fn caret_band(&self, local: usize, origin: Pos2) -> (f32, f32) {
        if self.row_count() == 0 {
            return (origin.y, origin.y + style::BLANK_LINE_HEIGHT);
        }
        self.text_band(self.caret(local).0, origin)
    }

    /// Paints the text with its top-left corner at `origin`.
    pub fn paint(&self, painter: &Painter, origin: Pos2, color: Color32) {
        match self {
            Self::Plain(g) => painter.galley(origin, Arc::clone(g), color),
            Self::Bidi(b) => b.paint(painter, origin, color),
        }
    }
}

//! A block with right-to-left text in it (Persian, Arabic), laid out by hand
//! on egui's shaper: egui 0.37 resolves no bidirectional levels, places its
//! font runs left to right, and, for a run it shapes right to left, gives
//! more glyphs than characters, so its galley cannot say where a character
//! is.
//!
//! Here the block is cut into pieces that each read one way
//! ([`bidi::pieces`]); each piece is its own galley, placed in visual order
//! on rows this module breaks ([`bidi::break_rows`], [`bidi::place_row`]),
//! right-aligned in a right-to-left paragraph. Where each character of a
//! piece is comes from shaping the piece (and its prefixes), never from the
//! galley's glyph list, so spans, the selection, the caret and clicks all
//! agree with the text on screen.

use std::ops::Range;
use std::sync::Arc;

use egui::epaint::text::{FontsView, TextFormat};
use egui::{Galley, Painter, Pos2, Vec2, vec2};

use crate::model::bidi::{self, Direction, Levels};

mod carets;
mod measure;
mod memo;

use carets::{caret_x, place_carets};
use measure::measure;

/// One piece of a row: a galley and where its characters are.
#[derive(Clone, Debug)]
struct PlacedPiece {
    /// Code points, block-local.
    range: Range<usize>,
    /// Left edge, galley-local.
    left: f32,
    width: f32,
    /// Reads right to left (its level on the row is odd).
    rtl: bool,
    /// Only white space: a row may break after it.
    space: bool,
    galley: Arc<Galley>,
    /// For each boundary `k` in `0..=len`: its distance from where the piece
    /// starts reading (its right edge when it reads right to left).
    advance: Vec<f32>,
}

impl PlacedPiece {
    /// The x (galley-local) of boundary `k` of the piece.
    fn x(&self, k: usize) -> f32 {
        let a = self.advance[k.min(self.advance.len() - 1)];
        if self.rtl {
            self.left + self.width - a
        } else {
            self.left + a
        }
    }

    fn contains(&self, pos: usize) -> bool {
        self.range.contains(&pos)
    }
}

/// One row of the block.
#[derive(Clone, Debug)]
struct BidiRow {
    /// Code points, block-local.
    chars: Range<usize>,
    top: f32,
    /// In the row's logical order.
    pieces: Vec<PlacedPiece>,
    /// Indices into `pieces`, leftmost first.
    visual: Vec<usize>,
    /// For each caret position of the row (row-local; a wrapped row's end
    /// shows on the next row): where the caret is drawn.
    carets: Vec<Caret>,
    /// The row's caret positions (row-local), left to right on screen.
    caret_order: Vec<usize>,
}

/// Where a caret position is drawn on its row.
#[derive(Clone, Copy, Debug)]
struct Caret {
    /// Galley-local x.
    x: f32,
    /// The character it sits inside reads right to left (at the row's
    /// start: the paragraph does).
    rtl: bool,
}

/// A block with right-to-left text, laid out (see the module's doc).
#[derive(Clone, Debug)]
pub struct BidiText {
    /// Shared: a remembered one-line layout is handed out as a copy.
    rows: Arc<[BidiRow]>,
    direction: Direction,
    row_height: f32,
    font_height: f32,
    width: f32,
    len: usize,
    /// The characters' levels, to break the same pieces into rows again.
    levels: Arc<Levels>,
}

/// A piece measured before rows are made.
struct Measured {
    /// Code points, block-local.
    range: Range<usize>,
    /// Only white space.
    space: bool,
    galley: Arc<Galley>,
    width: f32,
    advance: Vec<f32>,
}

impl BidiText {
    /// Lays out `text` with `format`, in rows no wider than `max_width`
    /// (an infinite one: one row, as wide as the text); it reads the way of
    /// `direction` if given (a piece of a long line), else of its first
    /// letter. Pieces, and one-line layouts of short texts, are remembered
    /// between frames (`memo`).
    pub fn layout(
        fonts: &mut FontsView<'_>,
        text: &str,
        format: &TextFormat,
        max_width: f32,
        direction: Option<Direction>,
    ) -> Self {
        memo::forget_if_egui_forgot(fonts);
        if max_width == f32::INFINITY {
            memo::one_line(fonts, text, format, direction, |fonts| {
                Self::lay_out(fonts, text, format, max_width, direction)
            })
        } else {
            Self::lay_out(fonts, text, format, max_width, direction)
        }
    }

    /// [`Self::layout`], from scratch.
    fn lay_out(
        fonts: &mut FontsView<'_>,
        text: &str,
        format: &TextFormat,
        max_width: f32,
        direction: Option<Direction>,
    ) -> Self {
        let levels = Levels::of_paragraph(text, direction);
        let chars: Vec<char> = text.chars().collect();
        let measured: Vec<Measured> = bidi::pieces(text, &levels)
            .into_iter()
            .map(|piece| {
                let piece_text: String = chars[piece.range.clone()].iter().collect();
                measure(fonts, &piece, &piece_text, format)
            })
            .collect();
        let row_height = format
            .line_height
            .unwrap_or_else(|| measured.first().map_or(20.0, |m| m.galley.size().y));
        let font_height = measured
            .iter()
            .find_map(|m| Some(m.galley.rows.first()?.row.glyphs.first()?.font_height))
            .unwrap_or(format.font_id.size * 1.2);
        Self::arrange(
            measured,
            Arc::new(levels),
            (row_height, font_height),
            max_width,
        )
    }

    /// The same text broken into rows no wider than `max_width`, its pieces
    /// not shaped again (what a resize costs).
    pub fn rewrap(&self, max_width: f32) -> Self {
        let measured = self
            .rows
            .iter()
            .flat_map(|r| &r.pieces)
            .map(|p| Measured {
                range: p.range.clone(),
                space: p.space,
                galley: Arc::clone(&p.galley),
                width: p.width,
                advance: p.advance.clone(),
            })
            .collect();
        Self::arrange(
            measured,
            Arc::clone(&self.levels),
            (self.row_height, self.font_height),
            max_width,
        )
    }

    /// Breaks the measured pieces (all of the text's, in order) into rows
    /// and places them.
    fn arrange(
        measured: Vec<Measured>,
        levels: Arc<Levels>,
        (row_height, font_height): (f32, f32),
        max_width: f32,
    ) -> Self {
        let items: Vec<(f32, bool)> = measured.iter().map(|m| (m.width, m.space)).collect();
        let max_width = if max_width.is_finite() {
            max_width
        } else {
            items.iter().map(|&(w, _)| w).sum()
        };
        let mut rows = Vec::new();
        let mut measured = measured.into_iter();
        for (r, items) in bidi::break_rows(&items, max_width).into_iter().enumerate() {
            let taken: Vec<Measured> = measured.by_ref().take(items.len()).collect();
            let chars = taken.first().map_or(len_of(&rows), |m| m.range.start)
                ..taken.last().map_or(len_of(&rows), |m| m.range.end);
            let row_levels = levels.row_levels(chars.clone());
            let piece_levels: Vec<u8> = taken
                .iter()
                .map(|m| row_levels[m.range.start - chars.start])
                .collect();
            let widths: Vec<f32> = taken.iter().map(|m| m.width).collect();
            let lefts = bidi::place_row(&piece_levels, &widths, levels.direction, max_width);
            let pieces = taken
                .into_iter()
                .zip(lefts)
                .zip(&piece_levels)
                .map(|((m, left), &level)| PlacedPiece {
                    range: m.range,
                    left,
                    width: m.width,
                    rtl: Direction::of_level(level).is_rtl(),
                    space: m.space,
                    galley: m.galley,
                    advance: m.advance,
                })
                .collect();
            let mut row = BidiRow {
                chars,
                top: r as f32 * row_height,
                pieces,
                visual: bidi::visual_order(&piece_levels),
                carets: Vec::new(),
                caret_order: Vec::new(),
            };
            let last = last_row(&levels, &row);
            place_carets(&mut row, &row_levels, levels.direction, last);
            rows.push(row);
        }
        let width = rows
            .iter()
            .flat_map(|r| &r.pieces)
            .map(|p| p.left + p.width)
            .fold(0.0, f32::max);
        Self {
            rows: rows.into(),
            direction: levels.direction,
            row_height,
            font_height,
            width,
            len: levels.len(),
            levels,
        }
    }

    /// The paragraph's direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Number of rows.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Top of row `row` (galley-local).
    pub fn row_top(&self, row: usize) -> f32 {
        self.rows.get(row).map_or(0.0, |r| r.top)
    }

    /// Height of a row.
    pub fn row_height(&self) -> f32 {
        self.row_height
    }

    /// Height of the glyphs of a row.
    pub fn font_height(&self) -> f32 {
        self.font_height
    }

    /// The code points of row `row` (block-local).
    pub fn row_chars(&self, row: usize) -> Range<usize> {
        self.rows.get(row).map_or(0..0, |r| r.chars.clone())
    }

    /// Size of the laid-out text.
    pub fn size(&self) -> Vec2 {
        vec2(self.width, self.rows.len() as f32 * self.row_height)
    }

    /// The row showing caret position `pos`: a position at a wrap belongs to
    /// the next row.
    pub fn row_of(&self, pos: usize) -> usize {
        self.rows
            .partition_point(|r| r.chars.start <= pos)
            .saturating_sub(1)
    }

    /// Where the caret at position `pos` is drawn: its row and x. On a row
    /// it is at the leading edge of the character after it (the right edge
    /// of a right-to-left one); at the end of the text, at the trailing edge
    /// of the last character.
    pub fn caret(&self, pos: usize) -> (usize, f32) {
        let r = self.row_of(pos);
        let Some(row) = self.rows.get(r) else {
            return (0, 0.0);
        };
        (r, caret_x(row, pos))
    }

    /// The caret position nearest to `x` on row `row`: of all positions of
    /// the row (not its wrap point, which shows on the next row), the one
    /// whose caret is nearest.
    pub fn pos_in_row(&self, row: usize, x: f32) -> usize {
        let Some(r) = self.rows.get(row) else {
            return self.len;
        };
        let last = row + 1 == self.rows.len();
        let end = if last { r.chars.end } else { r.chars.end - 1 };
        (r.chars.start..=end.max(r.chars.start))
            .min_by(|&a, &b| {
                let da = (caret_x(r, a) - x).abs();
                let db = (caret_x(r, b) - x).abs();
                da.total_cmp(&db)
            })
            .unwrap_or(r.chars.start)
    }

    /// The caret position nearest to a point (galley-local).
    pub fn pos_at(&self, p: Vec2) -> usize {
        self.pos_in_row(self.row_at(p.y), p.x)
    }

    /// The row at height `y`, clamped to the first and last.
    fn row_at(&self, y: f32) -> usize {
        let row = (y / self.row_height).floor().max(0.0) as usize;
        row.min(self.rows.len().saturating_sub(1))
    }

    /// The code point drawn at a point (galley-local): the one whose glyphs
    /// span its x, or the nearest one on its row.
    pub fn char_at(&self, p: Vec2) -> usize {
        let Some(row) = self.rows.get(self.row_at(p.y)) else {
            return 0;
        };
        let mut best = (f32::INFINITY, row.chars.start);
        for piece in &row.pieces {
            for (k, pos) in piece.range.clone().enumerate() {
                let (a, b) = (piece.x(k), piece.x(k + 1));
                let (lo, hi) = (a.min(b), a.max(b));
                let d = if p.x < lo {
                    lo - p.x
                } else if p.x > hi {
                    p.x - hi
                } else {
                    0.0
                };
                // Zero-width characters (a ZWNJ) never win over their letter.
                let d = if hi - lo < 0.01 { d + 0.01 } else { d };
                if d < best.0 {
                    best = (d, pos);
                }
            }
        }
        best.1
    }

    /// The horizontal pieces of a range of code points on each row it
    /// touches: `(row, x_min, x_max)`, galley-local, left to right within a
    /// row; a range that crosses a change of direction has several on a row.
    pub fn range_pieces(&self, range: Range<usize>) -> Vec<(usize, f32, f32)> {
        let mut out: Vec<(usize, f32, f32)> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            if row.chars.end <= range.start || row.chars.start >= range.end {
                continue;
            }
            for &i in &row.visual {
                let piece = &row.pieces[i];
                let a = range.start.max(piece.range.start);
                let b = range.end.min(piece.range.end);
                if a >= b {
                    continue;
                }
                let x0 = piece.x(a - piece.range.start);
                let x1 = piece.x(b - piece.range.start);
                let (x0, x1) = (x0.min(x1), x0.max(x1));
                match out.last_mut() {
                    Some(last) if last.0 == r && (x0 - last.2).abs() < 0.5 => last.2 = x1,
                    _ => out.push((r, x0, x1)),
                }
            }
        }
        out
    }

    /// The caret position an arrow key moves the caret at `pos` to: the
    /// next one to its left (or right) on its row as drawn, skipping those
    /// `is_stop` refuses (inside a grapheme cluster); `None` at the row's
    /// edge.
    pub fn step_on_screen(
        &self,
        pos: usize,
        left: bool,
        is_stop: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let row = self.rows.get(self.row_of(pos))?;
        let start = row.chars.start;
        bidi::step_on_screen(&row.caret_order, pos.checked_sub(start)?, left, |p| {
            is_stop(start + p)
        })
        .map(|p| start + p)
    }

    /// Whether the caret at `pos` sits in text that reads right to left
    /// (at a row's start: whether the paragraph does).
    pub fn caret_reads_rtl(&self, pos: usize) -> bool {
        self.rows
            .get(self.row_of(pos))
            .and_then(|row| row.carets.get(pos.checked_sub(row.chars.start)?))
            .map_or(self.direction.is_rtl(), |c| c.rtl)
    }

    /// Whether the character at `pos` reads right to left.
    pub fn is_rtl_at(&self, pos: usize) -> bool {
        self.rows
            .get(self.row_of(pos))
            .and_then(|r| r.pieces.iter().find(|p| p.contains(pos)))
            .is_some_and(|p| p.rtl)
    }

    /// Paints the text with its top-left corner at `origin`.
    pub fn paint(&self, painter: &Painter, origin: Pos2, color: egui::Color32) {
        for row in self.rows.iter() {
            for piece in &row.pieces {
                let at = origin + vec2(piece.left, row.top);
                if painter.clip_rect().intersects(egui::Rect::from_min_size(
                    at,
                    vec2(piece.width, self.row_height),
                )) {
                    painter.galley(at, Arc::clone(&piece.galley), color);
                }
            }
        }
    }
}

/// The code points laid out in the rows so far.
fn len_of(rows: &[BidiRow]) -> usize {
    rows.last().map_or(0, |r: &BidiRow| r.chars.end)
}

/// Whether `row` is the paragraph's last (it ends where the text does).
fn last_row(levels: &Levels, row: &BidiRow) -> bool {
    row.chars.end >= levels.len()
}

#[cfg(test)]
#[path = "bidi_text_tests.rs"]
pub(crate) mod tests;

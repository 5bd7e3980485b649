//! The text as a column of blocks (lines, with over-long lines cut into
//! chunks), each laid out on its own only when it is visible.
//!
//! Heights of blocks that were never laid out are estimated from their length;
//! a block's real height replaces the estimate the first time it is shown.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use crate::model::{Document, bidi};
use crate::ui::style;
use crate::ui::widgets::bidi_text::BidiText;
use crate::ui::widgets::block_text::BlockText;

/// Longest block in code points; longer lines are cut at a space near it, so
/// that a one-line megabyte costs no more than a normal paragraph.
const MAX_BLOCK_CHARS: usize = 2000;
/// How many laid-out blocks to keep before the cache is trimmed.
const CACHE_LIMIT: usize = 400;

/// What a block is, which sets its typography.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The article's first line.
    Title,
    /// A paragraph, or a piece of a long one.
    Body,
    /// An empty line.
    Blank,
}

/// A run of text laid out as one galley.
#[derive(Clone, Debug)]
pub struct Block {
    /// Code points of the document it shows.
    pub range: Range<usize>,
    /// Its typography.
    pub kind: BlockKind,
    /// Where its line starts (before `range` when a long line was cut):
    /// the line's first letter sets the block's direction.
    pub line_start: usize,
}

/// Cuts a document into blocks.
pub fn blocks_of(doc: &Document) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (i, line) in doc.lines().into_iter().enumerate() {
        if line.is_empty() {
            blocks.push(Block {
                line_start: line.start,
                range: line,
                kind: BlockKind::Blank,
            });
            continue;
        }
        let kind = if i == 0 {
            BlockKind::Title
        } else {
            BlockKind::Body
        };
        let mut start = line.start;
        while line.end - start > MAX_BLOCK_CHARS {
            let end = cut_point(doc, start, start + MAX_BLOCK_CHARS);
            blocks.push(Block {
                range: start..end,
                kind,
                line_start: line.start,
            });
            start = end;
        }
        blocks.push(Block {
            range: start..line.end,
            kind,
            line_start: line.start,
        });
    }
    blocks
}

/// Just after the last space before `limit` (or `limit` if there is none in
/// the last few hundred characters).
fn cut_point(doc: &Document, start: usize, limit: usize) -> usize {
    let from = limit.saturating_sub(300).max(start + 1);
    doc.slice(from..limit)
        .and_then(|s| s.chars().rev().position(char::is_whitespace))
        .map_or(limit, |back| limit - back)
}

/// Font, colour and row height of a kind of block.
fn format_of(kind: BlockKind, color: Color32) -> TextFormat {
    let (size, line_height) = match kind {
        BlockKind::Title => (style::TITLE_SIZE, style::TITLE_LINE_HEIGHT),
        BlockKind::Body | BlockKind::Blank => (style::BODY_SIZE, style::BODY_LINE_HEIGHT),
    };
    TextFormat {
        font_id: FontId::proportional(size),
        color,
        line_height: Some(line_height),
        ..Default::default()
    }
}

/// The blocks of a document with their vertical positions and galleys.
pub struct BlockLayout {
    blocks: Vec<Block>,
    heights: Vec<f32>,
    /// `tops[i]` is block `i`'s top; `tops[len]` the total height.
    tops: Vec<f32>,
    tops_stale: bool,
    galleys: HashMap<usize, Arc<BlockText>>,
    /// Right-to-left blocks laid out at an earlier width: their pieces are
    /// measured, so a new width only breaks them into rows again.
    rewrappable: HashMap<usize, Arc<BlockText>>,
    width: f32,
    text_color: Color32,
}

impl BlockLayout {
    /// The layout of a document, not yet measured.
    pub fn new(doc: &Document) -> Self {
        let blocks = blocks_of(doc);
        let n = blocks.len();
        Self {
            blocks,
            heights: vec![0.0; n],
            tops: vec![0.0; n + 1],
            tops_stale: true,
            galleys: HashMap::new(),
            rewrappable: HashMap::new(),
            width: 0.0,
            text_color: Color32::BLACK,
        }
    }

    /// The blocks.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Sets the wrap width and text colour; if either changed, every galley is
    /// dropped (a right-to-left block's measured pieces are kept when only
    /// the width changed) and heights are estimated again.
    pub fn set_width(&mut self, width: f32, text_color: Color32) {
        if (width - self.width).abs() < 0.5 && text_color == self.text_color {
            return;
        }
        if text_color == self.text_color {
            if self.rewrappable.len() > CACHE_LIMIT {
                self.rewrappable.clear();
            }
            self.rewrappable.extend(
                self.galleys
                    .drain()
                    .filter(|(_, text)| text.bidi().is_some()),
            );
        } else {
            self.rewrappable.clear();
        }
        self.width = width;
        self.text_color = text_color;
        self.galleys.clear();
        for (h, b) in self.heights.iter_mut().zip(&self.blocks) {
            *h = estimate_height(b, width);
        }
        self.tops_stale = true;
    }

    fn refresh_tops(&mut self) {
        if self.tops_stale {
            let mut y = 0.0;
            for (top, h) in self.tops.iter_mut().zip(&self.heights) {
                *top = y;
                y += h;
            }
            self.tops[self.heights.len()] = y;
            self.tops_stale = false;
        }
    }

    /// Top of block `i` (content coordinates).
    pub fn top(&mut self, i: usize) -> f32 {
        self.refresh_tops();
        self.tops[i.min(self.blocks.len())]
    }

    /// Height of all blocks.
    pub fn total_height(&mut self) -> f32 {
        self.refresh_tops();
        self.tops[self.blocks.len()]
    }

    /// The block at height `y` (clamped to the first and last block).
    pub fn block_at_y(&mut self, y: f32) -> usize {
        self.refresh_tops();
        let n = self.blocks.len();
        self.tops[..n]
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
    }

    /// The block showing code point `pos` (a position between blocks belongs
    /// to the block before it).
    pub fn block_of_char(&self, pos: usize) -> usize {
        self.blocks
            .partition_point(|b| b.range.start <= pos)
            .saturating_sub(1)
    }

    /// Block `i` laid out at the current width (cached): egui's galley, or,
    /// for text with right-to-left characters, [`BidiText`]. Lays it out,
    /// and records its real height, if needed.
    pub fn text(&mut self, fonts: &egui::Context, doc: &Document, i: usize) -> Arc<BlockText> {
        if let Some(g) = self.galleys.get(&i) {
            return Arc::clone(g);
        }
        if self.galleys.len() > CACHE_LIMIT {
            self.galleys.clear();
        }
        let block = &self.blocks[i];
        let text = doc.slice(block.range.clone()).unwrap_or_default();
        let format = format_of(block.kind, self.text_color);
        // A piece of a long line reads the way its line does.
        let direction = (block.line_start < block.range.start)
            .then(|| doc.slice(block.line_start..block.range.end))
            .flatten()
            .map(bidi::paragraph_direction);
        let earlier = self.rewrappable.remove(&i);
        let laid_out = if let Some(earlier) = earlier.as_ref().and_then(|t| t.bidi()) {
            BlockText::Bidi(earlier.rewrap(self.width))
        } else if bidi::needs_bidi(text) || direction.is_some_and(|d| d.is_rtl()) {
            BlockText::Bidi(
                fonts.fonts_mut(|f| BidiText::layout(f, text, &format, self.width, direction)),
            )
        } else {
            let mut job = LayoutJob::single_section(text.to_owned(), format);
            job.wrap.max_width = self.width;
            BlockText::Plain(fonts.fonts_mut(|f| f.layout_job(job)))
        };
        let height = match block.kind {
            BlockKind::Blank => style::BLANK_LINE_HEIGHT,
            _ => laid_out.height() + style::PARAGRAPH_GAP,
        };
        if (self.heights[i] - height).abs() > 0.1 {
            self.heights[i] = height;
            self.tops_stale = true;
        }
        let laid_out = Arc::new(laid_out);
        self.galleys.insert(i, Arc::clone(&laid_out));
        laid_out
    }
}

/// A block's height guessed from its length, before it is laid out.
fn estimate_height(block: &Block, width: f32) -> f32 {
    let (size, line_height) = match block.kind {
        BlockKind::Blank => return style::BLANK_LINE_HEIGHT,
        BlockKind::Title => (style::TITLE_SIZE, style::TITLE_LINE_HEIGHT),
        BlockKind::Body => (style::BODY_SIZE, style::BODY_LINE_HEIGHT),
    };
    let chars_per_row = (width / (size * 0.47)).max(1.0);
    let rows = ((block.range.len() as f32) / chars_per_row).ceil().max(1.0);
    rows * line_height + style::PARAGRAPH_GAP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_at_spaces_and_cover_the_text() {
        let text = "word ".repeat(1000);
        let doc = Document::new(format!("Title\n\n{text}\r\nend"));
        let blocks = blocks_of(&doc);
        assert_eq!(blocks[0].kind, BlockKind::Title);
        assert_eq!(blocks[1].kind, BlockKind::Blank);
        let body: Vec<_> = blocks[2..]
            .iter()
            .filter(|b| b.kind == BlockKind::Body)
            .collect();
        assert!(body.len() >= 3, "a 5000-char line is cut");
        for pair in body.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start);
        }
        for b in &body[..body.len() - 2] {
            assert_eq!(b.line_start, 7);
            assert!(b.range.len() <= MAX_BLOCK_CHARS);
            let s = doc.slice(b.range.clone()).unwrap_or_default();
            assert!(
                s.ends_with(' '),
                "cut after a space: {:?}",
                &s[s.len() - 5..]
            );
        }
    }

    #[test]
    fn every_block_of_a_long_persian_line_reads_right_to_left() {
        // A Persian line of 2,500 characters whose second block holds only
        // English words.
        let text = format!("عنوان\n\nعیسی گفت {}", "the minister said ".repeat(140));
        let doc = Document::new(text);
        let mut layout = BlockLayout::new(&doc);
        let ctx = crate::ui::widgets::bidi_text::tests::context();
        layout.set_width(700.0, Color32::WHITE);
        let body: Vec<usize> = (0..layout.blocks().len())
            .filter(|&i| layout.blocks()[i].kind == BlockKind::Body)
            .collect();
        assert!(body.len() >= 2, "cut into blocks");
        for i in body {
            let text = layout.text(&ctx, &doc, i);
            assert!(
                text.bidi().is_some_and(|b| b.direction().is_rtl()),
                "block {i}"
            );
        }
    }
}

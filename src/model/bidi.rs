//! Bidirectional text (Unicode UAX #9) for Persian and Arabic articles, in
//! code-point offsets: a block's direction, its characters' embedding
//! levels, the pieces a shaper lays out in one direction, how a block is
//! broken into rows, and where each piece of a row goes, left to right.
//!
//! Pure logic: the window measures the pieces and paints them
//! (`src/ui/widgets/bidi_text.rs`). A block with nothing right-to-left in it
//! never comes here ([`needs_bidi`]), so English text costs nothing.
//!
//! Where the caret is drawn on a row and how the arrows move it on screen:
//! `bidi/caret.rs`.

use std::ops::Range;

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};
use unicode_script::{Script, UnicodeScript as _};
use unicode_segmentation::UnicodeSegmentation as _;

mod caret;

pub use caret::{CaretSlot, caret_order, caret_slots, step_on_screen};

/// Which way a paragraph, or a piece of one, reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (English, digits).
    LeftToRight,
    /// Right to left (Persian, Arabic, Hebrew).
    RightToLeft,
}

impl Direction {
    /// The direction of an embedding level (odd levels read right to left).
    pub fn of_level(level: u8) -> Self {
        if level % 2 == 1 {
            Self::RightToLeft
        } else {
            Self::LeftToRight
        }
    }

    /// Whether it is right to left.
    pub fn is_rtl(self) -> bool {
        self == Self::RightToLeft
    }
}

/// Whether `text` needs the bidirectional layout: it holds a right-to-left
/// letter, an Arabic number, an explicit right-to-left control, or a
/// character a shaper lays out right to left (Persian digits).
pub fn needs_bidi(text: &str) -> bool {
    text.chars().any(|c| {
        !c.is_ascii()
            && (shaped_right_to_left(c)
                || matches!(
                    bidi_class(c),
                    BidiClass::R
                        | BidiClass::AL
                        | BidiClass::AN
                        | BidiClass::RLE
                        | BidiClass::RLO
                        | BidiClass::RLI
                ))
    })
}

/// The direction of a paragraph: that of its first strong character (UAX
/// #9 P2, P3; isolates skipped); left to right when it has none. Reads only
/// up to that character.
pub fn paragraph_direction(text: &str) -> Direction {
    match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Rtl => Direction::RightToLeft,
        _ => Direction::LeftToRight,
    }
}

/// Whether a shaper that guesses the direction from the script (as egui's
/// does) lays `c` out right to left: a character of a right-to-left script
/// (letters, and also Persian and Arabic digits).
pub fn shaped_right_to_left(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(
        c.script(),
        Script::Arabic
            | Script::Hebrew
            | Script::Syriac
            | Script::Thaana
            | Script::Nko
            | Script::Samaritan
            | Script::Mandaic
            | Script::Adlam
            | Script::Hanifi_Rohingya
            | Script::Yezidi
    ) || matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
        && !matches!(
            c.script(),
            Script::Common | Script::Inherited | Script::Unknown
        )
}

/// The mirrored form of a character shown right to left (UAX #9 L4: `(`
/// shows as `)`), for the paired punctuation of news text; others stay.
pub fn mirror(c: char) -> char {
    const PAIRS: [(char, char); 12] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('⁅', '⁆'),
        ('⁽', '⁾'),
        ('₍', '₎'),
        ('≤', '≥'),
        ('〈', '〉'),
        ('⟨', '⟩'),
    ];
    PAIRS
        .iter()
        .find_map(|&(a, b)| {
            if c == a {
                Some(b)
            } else if c == b {
                Some(a)
            } else {
                None
            }
        })
        .unwrap_or(c)
}

/// The embedding levels of a block's code points (UAX #9 rules P2 to I2),
/// and its paragraph direction.
#[derive(Clone, Debug)]
pub struct Levels {
    /// The paragraph's direction: from its first strong character (P2, P3);
    /// left to right when it has none.
    pub direction: Direction,
    levels: Vec<u8>,
    /// Per code point: whether rule L1 resets it to the paragraph level at
    /// the end of a row (spaces, isolates, format characters).
    trailing: Vec<bool>,
    /// Per code point: a segment or paragraph separator (a tab).
    separator: Vec<bool>,
}

impl Levels {
    /// The levels of `text`, one paragraph.
    pub fn of(text: &str) -> Self {
        Self::of_paragraph(text, None)
    }

    /// The levels of `text`, a piece of a paragraph whose direction, if
    /// given, was set by text before it (a long line shown as several
    /// blocks).
    pub fn of_paragraph(text: &str, direction: Option<Direction>) -> Self {
        let level = direction.map(|d| {
            if d.is_rtl() {
                Level::rtl()
            } else {
                Level::ltr()
            }
        });
        let info = ParagraphBidiInfo::new(text, level);
        let mut levels = Vec::new();
        let mut trailing = Vec::new();
        let mut separator = Vec::new();
        for (byte, _) in text.char_indices() {
            levels.push(info.levels[byte].number());
            let class = info.original_classes[byte];
            trailing.push(matches!(
                class,
                BidiClass::WS
                    | BidiClass::FSI
                    | BidiClass::LRI
                    | BidiClass::RLI
                    | BidiClass::PDI
                    | BidiClass::BN
                    | BidiClass::LRE
                    | BidiClass::RLE
                    | BidiClass::LRO
                    | BidiClass::RLO
                    | BidiClass::PDF
            ));
            separator.push(matches!(class, BidiClass::S | BidiClass::B));
        }
        Self {
            direction: Direction::of_level(info.paragraph_level.number()),
            levels,
            trailing,
            separator,
        }
    }

    /// The paragraph's level (0 or 1).
    pub fn paragraph_level(&self) -> u8 {
        u8::from(self.direction.is_rtl())
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// Whether the text was empty.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// The level of code point `i` (the paragraph's past the end).
    pub fn level(&self, i: usize) -> u8 {
        self.levels
            .get(i)
            .copied()
            .unwrap_or(self.paragraph_level())
    }

    /// The levels of the code points of one row, with rule L1 applied:
    /// separators, and the spaces before them and at the row's end, take
    /// the paragraph's level.
    pub fn row_levels(&self, row: Range<usize>) -> Vec<u8> {
        let row = row.start.min(self.len())..row.end.min(self.len());
        let para = self.paragraph_level();
        let mut out = self.levels[row.clone()].to_vec();
        let mut reset = true; // at the row's end
        for (k, i) in row.clone().enumerate().rev() {
            if self.separator[i] {
                out[k] = para;
                reset = true;
            } else if reset && self.trailing[i] {
                out[k] = para;
            } else {
                reset = false;
            }
        }
        out
    }
}

/// The visual order of items with embedding `levels` (rule L2): indices into
/// `levels`, leftmost first. From the highest level down to the lowest odd
/// one, every run at that level or higher is reversed.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&highest) = levels.iter().max() else {
        return order;
    };
    let lowest_odd = levels.iter().map(|&l| l | 1).min().unwrap_or(1);
    let mut level = highest;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

/// A stretch of a block that a shaper lays out as one: one level, one
/// shaping direction, whole grapheme clusters; a row may break after a
/// stretch of spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Code points, block-local.
    pub range: Range<usize>,
    /// Its embedding level (odd: right to left).
    pub level: u8,
    /// Only white space: a row may break after it.
    pub space: bool,
    /// Its shaper would lay it out the other way than its level reads, so it
    /// is given to the shaper with its clusters in reverse order and its
    /// paired punctuation mirrored ([`shaping_text`]).
    pub reversed: bool,
}

/// What kind of piece a cluster belongs in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClusterKind {
    Space,
    ShapedRtl,
    Other,
}

/// Cuts a block into [`Piece`]s: at every change of level, at spaces, and
/// wherever the shaper's guessed direction changes (a Persian word next to
/// a bracket), so that each piece is shaped in one direction and can be
/// placed on its own.
pub fn pieces(text: &str, levels: &Levels) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut last_kind = None;
    let mut at = 0;
    for cluster in text.graphemes(true) {
        let n = cluster.chars().count();
        let kind = kind_of(cluster.chars().next().unwrap_or(' '));
        let level = levels.level(at);
        match out.last_mut() {
            Some(last) if last.level == level && last_kind == Some(kind) => {
                last.range.end = at + n;
            }
            _ => out.push(Piece {
                range: at..at + n,
                level,
                space: kind == ClusterKind::Space,
                reversed: reversed(kind, level),
            }),
        }
        last_kind = Some(kind);
        at += n;
    }
    out
}

/// The kind of a cluster starting with `c`.
fn kind_of(c: char) -> ClusterKind {
    if c.is_whitespace() {
        ClusterKind::Space
    } else if shaped_right_to_left(c) {
        ClusterKind::ShapedRtl
    } else {
        ClusterKind::Other
    }
}

/// Whether a cluster of `kind` at `level` is shaped the other way than it
/// reads.
fn reversed(kind: ClusterKind, level: u8) -> bool {
    (kind == ClusterKind::ShapedRtl) != Direction::of_level(level).is_rtl()
}

/// The text to give the shaper for `piece` of `text` (its own code points):
/// as is, or, when the piece is [`Piece::reversed`], its clusters in reverse
/// order with paired punctuation mirrored, so the shaper's own direction
/// shows it the way its level reads. Also returns, for each cluster of the
/// piece in logical order, its code-point range in the returned text.
pub fn shaping_text(piece_text: &str, reversed: bool) -> (String, Vec<Range<usize>>) {
    let clusters: Vec<&str> = piece_text.graphemes(true).collect();
    let lens: Vec<usize> = clusters.iter().map(|c| c.chars().count()).collect();
    let total: usize = lens.iter().sum();
    let mut ranges = Vec::with_capacity(clusters.len());
    if !reversed {
        let mut at = 0;
        for n in &lens {
            ranges.push(at..at + n);
            at += n;
        }
        return (piece_text.to_owned(), ranges);
    }
    let mut text = String::with_capacity(piece_text.len());
    for cluster in clusters.iter().rev() {
        text.extend(cluster.chars().map(mirror));
    }
    let mut end = total;
    for n in &lens {
        ranges.push(end - n..end);
        end -= n;
    }
    (text, ranges)
}

/// Breaks a block into rows no wider than `max_width` where it can: each
/// item is `(width, space)`; a row breaks only after a space item (spaces
/// may hang past the edge), or, when a run of items with no space between
/// them is wider than a row, before the item that overflows. Returns the
/// rows as ranges of items, in order, covering all of them.
pub fn break_rows(items: &[(f32, bool)], max_width: f32) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let mut start = 0;
    let mut width = 0.0;
    // The last place in this row where it may break (after a space).
    let mut opportunity: Option<usize> = None;
    let mut i = 0;
    while i < items.len() {
        let (w, space) = items[i];
        if !space && i > start && width + w > max_width {
            let cut = opportunity.filter(|&o| o > start).unwrap_or(i);
            rows.push(start..cut);
            start = cut;
            width = 0.0;
            opportunity = None;
            i = cut;
            continue;
        }
        width += w;
        if space {
            opportunity = Some(i + 1);
        }
        i += 1;
    }
    if start < items.len() || rows.is_empty() {
        rows.push(start..items.len());
    }
    rows
}

/// Where the items of one row go: the left edge of each (in the row's
/// logical order) given their levels (rule L1 applied) and widths, laid out
/// in visual order (rule L2) from the left edge, or, for a right-to-left
/// paragraph, so that the row ends at `max_width`.
pub fn place_row(levels: &[u8], widths: &[f32], direction: Direction, max_width: f32) -> Vec<f32> {
    let total: f32 = widths.iter().sum();
    let mut x = if direction.is_rtl() {
        max_width - total
    } else {
        0.0
    };
    let mut lefts = vec![0.0; widths.len()];
    for i in visual_order(levels) {
        lefts[i] = x;
        x += widths[i];
    }
    lefts
}

#[cfg(test)]
#[path = "bidi_tests.rs"]
mod tests;

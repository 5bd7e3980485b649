//! Measuring one piece of a right-to-left block: its galley, and where each
//! of its characters is along its reading direction (from shaping its
//! prefixes, remembered per word).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::epaint::text::{FontsView, LayoutJob, TextFormat};
use egui::{FontFamily, Galley};
use unicode_segmentation::UnicodeSegmentation as _;

use super::{Measured, memo};
use crate::model::bidi::{self, Direction};
use crate::ui::widgets::span_paint::x_in_row;

/// Zero-width joiner: put after a prefix of a joined word, it keeps the
/// prefix's last letter in the form it has inside the word.
const ZWJ: char = '\u{200d}';

/// What decides where the letters of a piece shaped right to left are: a
/// word recurs through an article, and its prefixes need not be shaped
/// again (the cost of a first layout).
#[derive(Hash, PartialEq, Eq)]
struct AdvanceKey {
    text: String,
    reversed: bool,
    rtl: bool,
    family: FontFamily,
    size: u32,
    spacing: u32,
}

/// How many pieces' advances [`ADVANCES`] keeps before it starts again.
const ADVANCES_KEPT: usize = 50_000;

/// A piece's width (a different width means other fonts, and it is
/// measured again) and advances.
type KnownAdvances = (f32, Arc<[f32]>);

thread_local! {
    /// Pieces shaped right to left, measured.
    static ADVANCES: RefCell<HashMap<AdvanceKey, KnownAdvances>> =
        RefCell::new(HashMap::new());
}

/// Shapes one piece: its galley, its width, and where each of its
/// boundaries is along its reading direction (all remembered between frames
/// while egui's atlas lasts, `memo`; the positions also longer, per piece
/// text, for pieces shaped right to left, which need a shaping per letter).
pub(super) fn measure(
    fonts: &mut FontsView<'_>,
    piece: &bidi::Piece,
    piece_text: &str,
    format: &TextFormat,
) -> Measured {
    let rtl = Direction::of_level(piece.level).is_rtl();
    let memo_key = memo::piece_key(piece_text, piece.reversed, rtl, format);
    if let Some((galley, width, advance)) = memo::known_piece(&memo_key, format) {
        return Measured {
            range: piece.range.clone(),
            space: piece.space,
            galley,
            width,
            advance: advance.to_vec(),
        };
    }
    let measured = measure_anew(fonts, piece, piece_text, format);
    memo::remember_piece(
        memo_key,
        format,
        (
            Arc::clone(&measured.galley),
            measured.width,
            measured.advance.as_slice().into(),
        ),
    );
    measured
}

/// [`measure`], not remembered between frames.
fn measure_anew(
    fonts: &mut FontsView<'_>,
    piece: &bidi::Piece,
    piece_text: &str,
    format: &TextFormat,
) -> Measured {
    let (shaped, clusters) = bidi::shaping_text(piece_text, piece.reversed);
    let rtl = Direction::of_level(piece.level).is_rtl();
    let shaper_rtl = rtl != piece.reversed;
    let galley = layout_line(fonts, shaped.clone(), format);
    let width = galley.rows.first().map_or(0.0, |r| r.row.size.x);
    let key = shaper_rtl.then(|| AdvanceKey {
        text: piece_text.to_owned(),
        reversed: piece.reversed,
        rtl,
        family: format.font_id.family.clone(),
        size: format.font_id.size.to_bits(),
        spacing: format.extra_letter_spacing.to_bits(),
    });
    let known = key.as_ref().and_then(|key| {
        ADVANCES.with_borrow(|known| {
            known
                .get(key)
                .filter(|(w, _)| *w == width)
                .map(|(_, advance)| advance.to_vec())
        })
    });
    if let Some(advance) = known {
        return Measured {
            range: piece.range.clone(),
            space: piece.space,
            galley,
            width,
            advance,
        };
    }
    let shaped_chars: Vec<char> = shaped.chars().collect();
    // Left and right edge of a range of the shaped text.
    let mut extent = |range: &Range<usize>| -> (f32, f32) {
        if shaper_rtl {
            // The shaper reads the shaped text from the right: a prefix's
            // width is how far from the right edge its end is.
            let mut prefix = |end: usize| -> f32 {
                if end == 0 {
                    0.0
                } else if end >= shaped_chars.len() {
                    width
                } else {
                    let mut text: String = shaped_chars[..end].iter().collect();
                    text.push(ZWJ);
                    let g = layout_line(fonts, text, format);
                    g.rows.first().map_or(0.0, |r| r.row.size.x).min(width)
                }
            };
            (width - prefix(range.end), width - prefix(range.start))
        } else {
            let row = galley.rows.first().map(|r| &r.row);
            let x = |k: usize| row.map_or(0.0, |r| x_in_row(r, k));
            (x(range.start), x(range.end))
        }
    };
    // Boundaries in the piece's reading order.
    let n = piece.range.len();
    let mut advance = vec![0.0; n + 1];
    let mut at = 0;
    for (cluster, shaped_range) in piece_text.graphemes(true).zip(&clusters) {
        let (left, right) = extent(shaped_range);
        let (from, to) = if rtl {
            (width - right, width - left)
        } else {
            (left, right)
        };
        let len = cluster.chars().count();
        for k in 0..len {
            advance[at + k] = from + (to - from) * k as f32 / len as f32;
        }
        advance[at + len] = to;
        at += len;
    }
    // Never backwards, whatever the shaper's rounding did.
    for k in 1..advance.len() {
        advance[k] = advance[k].max(advance[k - 1]);
    }
    if let Some(key) = key {
        ADVANCES.with_borrow_mut(|known| {
            if known.len() >= ADVANCES_KEPT {
                known.clear();
            }
            known.insert(key, (width, advance.clone().into()));
        });
    }
    Measured {
        range: piece.range.clone(),
        space: piece.space,
        galley,
        width,
        advance,
    }
}

/// `text` laid out on one row with `format`.
fn layout_line(fonts: &mut FontsView<'_>, text: String, format: &TextFormat) -> Arc<Galley> {
    let mut job = LayoutJob::single_section(text, format.clone());
    job.wrap.max_width = f32::INFINITY;
    fonts.layout_job(job)
}

//! Layouts remembered between frames. egui's galley cache forgets a galley
//! not used in the last frame, so a page of Persian never shown before
//! shapes every word of it again, although the words recur through the
//! article; and the lists lay the same short Persian texts out every frame
//! (a span list row, a document's name), for which egui's cache spares only
//! the shaping of their pieces, not the levels, pieces, rows and carets.
//!
//! So each piece's galley and letter positions are remembered per piece
//! text and format, and one-line layouts of short texts whole. Both are
//! kept in two generations: a full generation becomes the previous one,
//! and an entry used from the previous one moves to the current one.
//!
//! A galley held here points into egui's glyph atlas. egui clears its
//! galley cache whenever it starts a new atlas (or its text options
//! change), and [`forget_if_egui_forgot`] notices that through a probe
//! galley of its own (the same one from egui's cache while nothing was
//! cleared) and forgets everything remembered here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher as _, Hash, RandomState};
use std::sync::Arc;

use egui::epaint::text::{FontsView, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley};

use super::BidiText;
use crate::model::bidi::Direction;

/// Texts longer than this (in bytes) are not remembered as one line: the
/// lists' rows are short, and a paragraph's galleys are the text view's to
/// keep.
const MAX_LINE: usize = 600;

/// How many one-line layouts a generation keeps.
const LINES_PER_GENERATION: usize = 2_000;

/// How many pieces a generation keeps (a piece is a word or the space
/// after it; two generations of a galley of ~1 KB each: ~20 MB at most).
const PIECES_PER_GENERATION: usize = 8_000;

/// What decides a one-line layout.
#[derive(Hash, PartialEq, Eq)]
struct LineKey {
    text: String,
    /// The format's hash ([`TextFormat`] is not `Eq`; the format itself is
    /// compared on a hit).
    format: u64,
    /// 0: its first letter's way; 1: left to right; 2: right to left.
    direction: u8,
}

/// What decides a piece's galley and letter positions.
#[derive(Hash, PartialEq, Eq)]
pub(super) struct PieceKey {
    text: String,
    reversed: bool,
    rtl: bool,
    /// As in [`LineKey`].
    format: u64,
}

/// A piece measured: its galley, its width, and where each of its
/// boundaries is along its reading direction.
pub(super) type KnownPiece = (Arc<Galley>, f32, Arc<[f32]>);

/// Entries made or used since the generation started, and the generation
/// before.
struct Generations<K, V> {
    current: HashMap<K, (TextFormat, V)>,
    previous: HashMap<K, (TextFormat, V)>,
    per_generation: usize,
}

impl<K: Hash + Eq, V: Clone> Generations<K, V> {
    fn new(per_generation: usize) -> Self {
        Self {
            current: HashMap::new(),
            previous: HashMap::new(),
            per_generation,
        }
    }

    /// The entry for `key` made with `format` (one from the previous
    /// generation moves to the current one).
    fn get(&mut self, key: &K, format: &TextFormat) -> Option<V> {
        if let Some((f, value)) = self.current.get(key) {
            return (f == format).then(|| value.clone());
        }
        let (key, (f, value)) = self.previous.remove_entry(key)?;
        let found = (f == *format).then(|| value.clone());
        self.put(key, f, value);
        found
    }

    fn put(&mut self, key: K, format: TextFormat, value: V) {
        if self.current.len() >= self.per_generation {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(key, (format, value));
    }

    fn clear(&mut self) {
        self.current.clear();
        self.previous.clear();
    }
}

/// What this thread remembers.
struct Memo {
    hasher: RandomState,
    /// The format hashed last, and its hash (a layout's pieces share one).
    last_format: Option<(TextFormat, u64)>,
    /// egui's galley of a fixed text when the memo was last checked.
    probe: Option<Arc<Galley>>,
    lines: Generations<LineKey, BidiText>,
    pieces: Generations<PieceKey, KnownPiece>,
}

impl Memo {
    /// `format`'s hash.
    fn format_hash(&mut self, format: &TextFormat) -> u64 {
        match &self.last_format {
            Some((last, hash)) if last == format => *hash,
            _ => {
                let hash = self.hasher.hash_one(format);
                self.last_format = Some((format.clone(), hash));
                hash
            }
        }
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo {
        hasher: RandomState::new(),
        last_format: None,
        probe: None,
        lines: Generations::new(LINES_PER_GENERATION),
        pieces: Generations::new(PIECES_PER_GENERATION),
    });
}

/// Forgets every remembered galley if egui may have started a new glyph
/// atlas since the last call (its galley cache no longer holds the probe
/// galley: it was cleared, or, after a frame with no right-to-left layout,
/// the probe was simply dropped).
pub(super) fn forget_if_egui_forgot(fonts: &mut FontsView<'_>) {
    let probe = fonts.layout_job(LayoutJob::simple_singleline(
        "probe".to_owned(),
        FontId::monospace(7.0),
        Color32::PLACEHOLDER,
    ));
    MEMO.with_borrow_mut(|memo| {
        if !memo.probe.as_ref().is_some_and(|p| Arc::ptr_eq(p, &probe)) {
            memo.lines.clear();
            memo.pieces.clear();
            memo.probe = Some(probe);
        }
    });
}

/// `text` laid out on one row with `format` (as [`BidiText::layout`] with
/// an infinite width), remembered: `lay_out` makes it when it is not.
/// [`forget_if_egui_forgot`] must have been called first.
pub(super) fn one_line(
    fonts: &mut FontsView<'_>,
    text: &str,
    format: &TextFormat,
    direction: Option<Direction>,
    lay_out: impl FnOnce(&mut FontsView<'_>) -> BidiText,
) -> BidiText {
    if text.len() > MAX_LINE {
        return lay_out(fonts);
    }
    let key = MEMO.with_borrow_mut(|memo| LineKey {
        text: text.to_owned(),
        format: memo.format_hash(format),
        direction: match direction {
            None => 0,
            Some(Direction::LeftToRight) => 1,
            Some(Direction::RightToLeft) => 2,
        },
    });
    if let Some(known) = MEMO.with_borrow_mut(|memo| memo.lines.get(&key, format)) {
        return known;
    }
    let laid_out = lay_out(fonts);
    MEMO.with_borrow_mut(|memo| memo.lines.put(key, format.clone(), laid_out.clone()));
    laid_out
}

/// The key of a piece of `text`, shaped reversed or not, reading right to
/// left or not, with `format`.
pub(super) fn piece_key(text: &str, reversed: bool, rtl: bool, format: &TextFormat) -> PieceKey {
    PieceKey {
        text: text.to_owned(),
        reversed,
        rtl,
        format: MEMO.with_borrow_mut(|memo| memo.format_hash(format)),
    }
}

/// A piece measured before with `format`, if remembered.
pub(super) fn known_piece(key: &PieceKey, format: &TextFormat) -> Option<KnownPiece> {
    MEMO.with_borrow_mut(|memo| memo.pieces.get(key, format))
}

/// Remembers a piece measured with `format`.
pub(super) fn remember_piece(key: PieceKey, format: &TextFormat, piece: KnownPiece) {
    MEMO.with_borrow_mut(|memo| memo.pieces.put(key, format.clone(), piece));
}

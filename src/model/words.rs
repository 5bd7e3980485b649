//! Word, grapheme and sentence boundaries (Unicode UAX #29, via
//! `unicode-segmentation`) in code-point offsets: snapping selections to
//! words, moving a caret, the sentence a span is in.
//!
//! Every function looks only at a window of text around the offset, so the
//! cost does not grow with the document.

use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation as _};

use super::Document;

/// How far (in code points) either side of an offset to look for word
/// boundaries. Words longer than this are cut at the window's edge.
const WINDOW: usize = 200;

/// The window [`word_cut_at`] tries first: most words are much shorter.
const NARROW_WINDOW: usize = 24;

/// Whether a segment counts as a word (rather than spaces or punctuation).
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// The UAX #29 word segments overlapping a window around `pos`, as code-point
/// ranges, in order.
fn segments_around(doc: &Document, pos: usize) -> Vec<(Range<usize>, bool)> {
    segments_within(doc, pos, WINDOW)
}

/// [`segments_around`] over a window of `window` code points each side.
fn segments_within(doc: &Document, pos: usize, window: usize) -> Vec<(Range<usize>, bool)> {
    let lo = pos.saturating_sub(window);
    let hi = (pos + window).min(doc.char_len());
    let Some(window) = doc.slice(lo..hi) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = lo;
    for segment in window.split_word_bounds() {
        let n = segment.chars().count();
        out.push((at..at + n, is_word(segment)));
        at += n;
    }
    out
}

/// The word containing code point `pos`, or `None` if `pos` is not in a word.
/// A possessive `’s` / `'s` is not part of the word (`Iran’s` gives `Iran`)
/// unless `pos` is in it.
pub fn word_at(doc: &Document, pos: usize) -> Option<Range<usize>> {
    segments_around(doc, pos)
        .into_iter()
        .find(|(r, word)| *word && r.contains(&pos))
        .map(|(r, _)| without_possessive(doc, r, pos + 1))
}

/// `range` without a trailing possessive `’s` or `'s` that starts at or after
/// `keep_until` (so a selection that reached into it keeps it).
fn without_possessive(doc: &Document, range: Range<usize>, keep_until: usize) -> Range<usize> {
    let Some(text) = doc.slice(range.clone()) else {
        return range;
    };
    for suffix in ["\u{2019}s", "'s", "\u{2019}S", "'S"] {
        if let Some(stem) = text.strip_suffix(suffix) {
            let cut = range.start + stem.chars().count();
            if cut >= keep_until && cut > range.start {
                return range.start..cut;
            }
        }
    }
    range
}

/// Widens `range` so that it starts and ends on word boundaries, then trims
/// spaces, punctuation and symbols (emoji) from its ends. Returns `None` if no
/// word (letters or digits) remains.
pub fn snap_to_words(doc: &Document, range: Range<usize>) -> Option<Range<usize>> {
    if range.is_empty() {
        return word_at(doc, range.start);
    }
    let segments = segments_around(doc, range.start);
    let mut start = range.start;
    if let Some((r, _)) = segments
        .iter()
        .find(|(r, w)| *w && r.contains(&range.start))
    {
        start = r.start;
    }
    let last = range.end - 1;
    let segments = segments_around(doc, last);
    let mut end = range.end;
    if let Some((r, _)) = segments.iter().find(|(r, w)| *w && r.contains(&last)) {
        end = without_possessive(doc, r.clone(), range.end).end;
    }
    // Trim spaces, punctuation and symbols (whole segments, so no grapheme is
    // split): keep from the first word to the last.
    let mut words = None::<Range<usize>>;
    let mut at = start;
    for segment in doc.slice(start..end)?.split_word_bounds() {
        let n = segment.chars().count();
        if is_word(segment) {
            words = Some(words.map_or(at, |w| w.start)..at + n);
        }
        at += n;
    }
    words
}

/// The next word end after `pos` (Ctrl+Right): skips to the end of the next
/// word, or to the end of the text. A possessive `’s` is a stop of its own
/// (`Iran|’s|`), so a selection made by word leaves it out until it is
/// extended into it, as a drag does.
pub fn next_word_end(doc: &Document, pos: usize) -> usize {
    segments_around(doc, pos)
        .into_iter()
        .find(|(r, word)| *word && r.end > pos)
        .map_or_else(
            || (pos + WINDOW).min(doc.char_len()),
            |(r, _)| without_possessive(doc, r, pos + 1).end,
        )
}

/// The previous word start before `pos` (Ctrl+Left).
pub fn prev_word_start(doc: &Document, pos: usize) -> usize {
    segments_around(doc, pos)
        .into_iter()
        .rev()
        .find(|(r, word)| *word && r.start < pos)
        .map_or_else(|| pos.saturating_sub(WINDOW), |(r, _)| r.start)
}

/// The start of the next word after `pos` (moving a span's start rightwards
/// by word lands on a word's first character, never on the space before it),
/// or the end of the text.
pub fn next_word_start(doc: &Document, pos: usize) -> usize {
    segments_around(doc, pos)
        .into_iter()
        .find(|(r, word)| *word && r.start > pos)
        .map_or_else(|| (pos + WINDOW).min(doc.char_len()), |(r, _)| r.start)
}

/// The end of the previous word before `pos` (moving a span's end leftwards
/// by word leaves no space at its end), or 0.
pub fn prev_word_end(doc: &Document, pos: usize) -> usize {
    segments_around(doc, pos)
        .into_iter()
        .rev()
        .find(|(r, word)| *word && r.end < pos)
        .map_or_else(|| pos.saturating_sub(WINDOW), |(r, _)| r.end)
}

/// The word that an offset at code point `pos` cuts in two, as the
/// code-point range of its UAX #29 segment, or `None` if `pos` falls
/// between words.
///
/// An offset cuts a word when it falls inside a character (grapheme
/// cluster), or inside a segment between two letters or digits
/// (`Nairob|i`, `4|G`, and after a zero-width non-joiner inside a Persian
/// word). It cuts nothing next to a space, punctuation or a symbol
/// (`Iran|’s`, `pro-|Iran`), nor between two ideographs, which UAX #29
/// separates (Chinese and Japanese mark no word boundaries).
pub fn word_cut_at(doc: &Document, pos: usize) -> Option<Range<usize>> {
    if pos == 0 || pos >= doc.char_len() {
        return None;
    }
    // Called for both ends of every imported span: a narrow window first,
    // the wide one only when a segment reaches the narrow one's edge.
    let narrow = segments_within(doc, pos, NARROW_WINDOW);
    let (lo, hi) = (
        pos.saturating_sub(NARROW_WINDOW),
        (pos + NARROW_WINDOW).min(doc.char_len()),
    );
    let at_edge =
        |r: &Range<usize>| (r.start == lo && lo > 0) || (r.end == hi && hi < doc.char_len());
    let segments = if narrow
        .iter()
        .any(|(r, _)| r.start <= pos && pos <= r.end && at_edge(r))
    {
        segments_around(doc, pos)
    } else {
        narrow
    };
    let (segment, _) = segments
        .into_iter()
        .find(|(r, _)| r.start < pos && pos < r.end)?;
    if super::graphemes::cluster_around(doc, pos).is_some() {
        return Some(segment);
    }
    // Segments are whole grapheme clusters, so this is the one before `pos`.
    let before = doc.slice(segment.start..pos)?.graphemes(true).next_back();
    let after = doc.slice(pos..segment.end)?.chars().next();
    let letter_or_digit = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (letter_or_digit(before.and_then(|g| g.chars().next())) && letter_or_digit(after))
        .then_some(segment)
}

/// The grapheme boundary after `pos` (so a caret never splits an emoji, a
/// flag or a letter from its combining mark).
pub fn next_grapheme(doc: &Document, pos: usize) -> usize {
    let text = doc.text();
    let Some(byte) = doc.byte_of_char(pos) else {
        return doc.char_len();
    };
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.next_boundary(text, 0) {
        Ok(Some(b)) => doc.char_of_byte(b).unwrap_or(doc.char_len()),
        _ => doc.char_len(),
    }
}

/// The grapheme boundary before `pos`.
pub fn prev_grapheme(doc: &Document, pos: usize) -> usize {
    let text = doc.text();
    let Some(byte) = doc.byte_of_char(pos) else {
        return doc.char_len();
    };
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.prev_boundary(text, 0) {
        Ok(Some(b)) => doc.char_of_byte(b).unwrap_or(0),
        _ => 0,
    }
}

/// Where a document's sentences start (UAX #29 sentence boundaries), in
/// code points: which sentence a span is in, and the text of a run of
/// sentences. Built once per document, O(text); each question O(log n).
#[derive(Clone, Debug)]
pub struct Sentences {
    starts: Vec<usize>,
    len: usize,
}

impl Sentences {
    /// The sentences of `doc`.
    pub fn of(doc: &Document) -> Self {
        let starts = doc
            .text()
            .split_sentence_bound_indices()
            .filter_map(|(byte, _)| doc.char_of_byte(byte))
            .collect();
        Self {
            starts,
            len: doc.char_len(),
        }
    }

    /// The number of the sentence holding code point `pos` (0 for the
    /// first).
    pub fn index_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// The code points of the sentences from the one holding `start` to the
    /// one holding `end - 1` (a span's range), whole.
    pub fn around(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.index_of(start);
        let last = self.index_of(end.saturating_sub(1).max(start));
        let from = self.starts.get(first).copied().unwrap_or(0);
        let to = self.starts.get(last + 1).copied().unwrap_or(self.len);
        from..to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapping_widens_to_words_and_trims() {
        let doc = Document::new("Minister Issa Zarepour said.");
        // "sa Zarep" → "Issa Zarepour"
        assert_eq!(snap_to_words(&doc, 11..19), Some(9..22));
        // " said." → "said"
        assert_eq!(snap_to_words(&doc, 22..28), Some(23..27));
        assert_eq!(snap_to_words(&doc, 22..23), None);
    }

    #[test]
    fn words_with_accents_and_combining_marks() {
        let doc = Document::new("Wilfredo González and Zoe\u{308} met");
        assert_eq!(word_at(&doc, 12), Some(9..17));
        // "Zoë" written with a combining diaeresis is one word of 4 code points.
        assert_eq!(word_at(&doc, 22), Some(22..26));
    }

    #[test]
    fn a_zero_width_non_joiner_is_inside_a_persian_word() {
        // "می‌خواهم بروم" ("I want to go"): ZWNJ (U+200C) after the second
        // letter; the first word is 8 code points.
        let doc = Document::new("می\u{200c}خواهم بروم، 2024");
        for pos in 0..8 {
            assert_eq!(word_at(&doc, pos), Some(0..8), "at {pos}");
        }
        assert_eq!(word_at(&doc, 9), Some(9..13));
        assert_eq!(word_at(&doc, 8), None);
        // A drag from inside the first word to inside the second, or only
        // across the ZWNJ, snaps to whole words.
        assert_eq!(snap_to_words(&doc, 1..10), Some(0..13));
        assert_eq!(snap_to_words(&doc, 2..3), Some(0..8));
        assert_eq!(snap_to_words(&doc, 9..14), Some(9..13), "not the comma");
        assert_eq!(word_cut_at(&doc, 2), Some(0..8), "the ZWNJ cuts the word");
    }

    #[test]
    fn a_possessive_is_left_out_unless_selected() {
        let doc = Document::new("Iran\u{2019}s minister and Cuba's envoy");
        assert_eq!(word_at(&doc, 1), Some(0..4));
        assert_eq!(snap_to_words(&doc, 1..3), Some(0..4));
        assert_eq!(snap_to_words(&doc, 1..6), Some(0..6), "dragged into it");
        assert_eq!(word_at(&doc, 21), Some(20..24));
        assert_eq!(word_at(&doc, 25), Some(20..26), "clicked on the s");
    }

    #[test]
    fn offsets_inside_words_cut_them_and_those_between_words_do_not() {
        let cut = |text: &str, pos| word_cut_at(&Document::new(text), pos);
        let text = "😀 Hanoi and Nairobi signed.";
        assert_eq!(cut(text, 18), Some(12..19), "Nairob|i");
        assert_eq!(cut(text, 12), None, "|Nairobi");
        assert_eq!(cut(text, 19), None, "Nairobi| ");
        assert_eq!(cut(text, 1), None, "😀| ");
        assert_eq!(
            cut("a👩\u{200d}💻b", 2),
            Some(1..4),
            "inside a ZWJ sequence"
        );
        assert_eq!(
            cut("Zoe\u{308} met", 3),
            Some(0..4),
            "before a combining mark"
        );
        assert_eq!(cut("Iran\u{2019}s envoy", 4), None, "Iran|’s");
        assert_eq!(cut("4G network", 1), Some(0..2), "4|G");
        assert_eq!(cut("pro-Iran", 4), None, "pro-|Iran");
        // Ideographs are separate segments: any boundary between them is one.
        assert_eq!(cut("我爱北京天安门", 2), None);
        assert_eq!(cut("我爱北京天安门", 4), None);
        // A Persian word with a zero-width non-joiner is one word.
        let persian = "او می\u{200c}خواهد";
        assert_eq!(cut(persian, 6), Some(3..11), "after the non-joiner");
        assert_eq!(cut(persian, 3), None, "|می‌خواهد");
        assert_eq!(cut(persian, 2), None, "او| ");
    }

    #[test]
    fn graphemes_keep_flags_and_zwj_whole() {
        let doc = Document::new("a🇨🇺👩‍💻b");
        assert_eq!(next_grapheme(&doc, 1), 3);
        assert_eq!(next_grapheme(&doc, 3), 6);
        assert_eq!(prev_grapheme(&doc, 6), 3);
        assert_eq!(prev_grapheme(&doc, 3), 1);
    }

    #[test]
    fn word_motion() {
        let doc = Document::new("one two, three");
        assert_eq!(next_word_end(&doc, 0), 3);
        assert_eq!(next_word_end(&doc, 3), 7);
        assert_eq!(prev_word_start(&doc, 14), 9);
        assert_eq!(prev_word_start(&doc, 9), 4);
        assert_eq!(next_word_start(&doc, 0), 4);
        assert_eq!(next_word_start(&doc, 3), 4);
        assert_eq!(next_word_start(&doc, 4), 9, "from a word's start, the next");
        assert_eq!(next_word_start(&doc, 9), 14, "none left: the end");
        assert_eq!(prev_word_end(&doc, 14), 7);
        assert_eq!(prev_word_end(&doc, 9), 7, "skips the comma and space");
        assert_eq!(prev_word_end(&doc, 7), 3);
        assert_eq!(prev_word_end(&doc, 2), 0);

        let doc = Document::new("Iran\u{2019}s envoy");
        assert_eq!(next_word_end(&doc, 0), 4, "the possessive is a stop");
        assert_eq!(next_word_end(&doc, 4), 6);
        assert_eq!(next_word_end(&doc, 6), 12);
        assert_eq!(prev_word_start(&doc, 6), 0);
    }
}

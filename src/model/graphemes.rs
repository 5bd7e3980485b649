//! Grapheme clusters (Unicode UAX #29): what a reader sees as one character,
//! such as an emoji with its skin tone and joiners (👩🏽‍💻, four code points),
//! a flag (two) or a letter with its combining marks. A span whose start or
//! end falls inside one cuts a character in two: its offsets are valid, but
//! its quote is a fragment no reader can see (`U+1F3FD U+200D`). Import and
//! `validate` warn about such spans; the span list shows such quotes as code
//! points.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation as _};

use super::Document;

/// How a span cuts grapheme clusters: the cluster its start falls inside
/// and the one its end falls inside (the same one when both do), as
/// code-point ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphemeSplit {
    /// The cluster the span's start falls strictly inside, if it does.
    pub start_inside: Option<Range<usize>>,
    /// The cluster the span's end falls strictly inside, if it does.
    pub end_inside: Option<Range<usize>>,
    /// `start_inside`'s text, for the message.
    start_text: String,
    /// `end_inside`'s text, for the message.
    end_text: String,
    /// The span's quote, for the message.
    quote: String,
}

/// `👩🏽‍💻 at 45..49 (U+1F469 U+1F3FD U+200D U+1F4BB)`.
fn cluster(text: &str, at: &Range<usize>) -> String {
    format!("{text} at {}..{} ({})", at.start, at.end, code_points(text))
}

impl fmt::Display for GraphemeSplit {
    /// `splits a character: starts and ends inside 👩🏽‍💻 at 45..49 (U+1F469
    /// U+1F3FD U+200D U+1F4BB); its quote is U+1F3FD U+200D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("splits a character (grapheme cluster): ")?;
        match (&self.start_inside, &self.end_inside) {
            (Some(s), Some(e)) if s == e => {
                write!(f, "starts and ends inside {}", cluster(&self.start_text, s))?;
            }
            (Some(s), Some(e)) => write!(
                f,
                "starts inside {} and ends inside {}",
                cluster(&self.start_text, s),
                cluster(&self.end_text, e)
            )?,
            (Some(s), None) => write!(f, "starts inside {}", cluster(&self.start_text, s))?,
            (None, Some(e)) => write!(f, "ends inside {}", cluster(&self.end_text, e))?,
            (None, None) => {}
        }
        write!(f, "; its quote is {}", quote_for_message(&self.quote))
    }
}

/// The grapheme cluster that code point `pos` falls strictly inside (not on
/// its first code point), or `None` when `pos` is on a cluster boundary or
/// outside the text.
pub fn cluster_around(doc: &Document, pos: usize) -> Option<Range<usize>> {
    let text = doc.text();
    let byte = doc.byte_of_char(pos)?;
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    // The whole text is one chunk, so the cursor never asks for more.
    if cursor.is_boundary(text, 0).unwrap_or(true) {
        return None;
    }
    let start = cursor.prev_boundary(text, 0).ok().flatten()?;
    cursor.set_cursor(byte);
    let end = cursor.next_boundary(text, 0).ok().flatten()?;
    Some(doc.char_of_byte(start)?..doc.char_of_byte(end)?)
}

/// How `range` (a span's code-point offsets) cuts grapheme clusters, or
/// `None` when both its ends are on cluster boundaries (or it is not a range
/// of the text, which is another problem).
pub fn grapheme_split(doc: &Document, range: Range<usize>) -> Option<GraphemeSplit> {
    let quote = doc.slice(range.clone())?;
    let start_inside = cluster_around(doc, range.start);
    let end_inside = cluster_around(doc, range.end);
    if start_inside.is_none() && end_inside.is_none() {
        return None;
    }
    let text_of = |r: &Option<Range<usize>>| {
        r.clone()
            .and_then(|r| doc.slice(r))
            .unwrap_or_default()
            .to_owned()
    };
    Some(GraphemeSplit {
        start_text: text_of(&start_inside),
        end_text: text_of(&end_inside),
        start_inside,
        end_inside,
        quote: quote.to_owned(),
    })
}

/// `s`'s code points, `U+1F3FD U+200D`.
pub fn code_points(s: &str) -> String {
    let points: Vec<String> = s
        .chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    points.join(" ")
}

/// Whether `c` shows nothing of its own: white space, a control or format
/// character (zero-width space, bidi marks, byte order mark…), or a
/// character that only modifies the one before it (a combining mark, a skin
/// tone, a variation selector, a zero-width joiner, a tag).
pub fn shows_nothing_alone(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_invisible_format(c) || extends_previous(c)
}

/// Whether `c` joins the grapheme cluster before it (UAX #29 `Extend`,
/// `SpacingMark`, `ZWJ`): the segmentation's own tables decide.
fn extends_previous(c: char) -> bool {
    let mut pair = String::from("a");
    pair.push(c);
    pair.graphemes(true).nth(1).is_none()
}

/// Default-ignorable format characters (Unicode category Cf) that are not
/// grapheme extenders: they draw nothing.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{E0001}'
    )
}

/// A quote as a list shows it: as it is when it has something visible,
/// otherwise as its code points (`U+1F3FD U+200D` for a skin tone and a
/// joiner cut out of 👩🏽‍💻, `U+0020` for a space), so no span shows blank.
pub fn quote_for_display(quote: &str) -> Cow<'_, str> {
    if !quote.is_empty() && quote.chars().all(shows_nothing_alone) {
        Cow::Owned(code_points(quote))
    } else {
        Cow::Borrowed(quote)
    }
}

/// A quote in a message: `"Havana"` (quoted) or its code points when it
/// shows nothing.
fn quote_for_message(quote: &str) -> String {
    match quote_for_display(quote) {
        Cow::Borrowed(q) => format!("{q:?}"),
        Cow::Owned(points) => points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Coder 👩🏽‍💻 here": the emoji is code points 6..10 (woman, skin tone,
    /// joiner, laptop).
    fn coder() -> Document {
        Document::new("Coder \u{1F469}\u{1F3FD}\u{200D}\u{1F4BB} here")
    }

    #[test]
    fn offsets_inside_a_zwj_sequence_are_inside_its_cluster() {
        let doc = coder();
        assert_eq!(cluster_around(&doc, 6), None, "its first code point");
        assert_eq!(cluster_around(&doc, 7), Some(6..10));
        assert_eq!(cluster_around(&doc, 9), Some(6..10));
        assert_eq!(cluster_around(&doc, 10), None, "just after it");
        assert_eq!(cluster_around(&doc, 0), None);
        assert_eq!(cluster_around(&doc, 99), None, "outside the text");
    }

    #[test]
    fn flags_and_combining_marks_are_one_cluster() {
        let doc = Document::new("a\u{1F1E8}\u{1F1FA}b Zoe\u{308}");
        assert_eq!(
            cluster_around(&doc, 2),
            Some(1..3),
            "between the two letters of 🇨🇺"
        );
        assert_eq!(
            cluster_around(&doc, 8),
            Some(7..9),
            "between e and its diaeresis"
        );
        assert_eq!(cluster_around(&doc, 3), None);
    }

    #[test]
    fn a_span_between_the_skin_tone_and_the_joiner_is_a_split_named_in_code_points() {
        let doc = coder();
        let split = grapheme_split(&doc, 7..9).expect("splits 👩🏽‍💻");
        assert_eq!(split.start_inside, Some(6..10));
        assert_eq!(split.end_inside, Some(6..10));
        assert_eq!(
            split.to_string(),
            "splits a character (grapheme cluster): starts and ends inside \
             \u{1F469}\u{1F3FD}\u{200D}\u{1F4BB} at 6..10 (U+1F469 U+1F3FD U+200D U+1F4BB); \
             its quote is U+1F3FD U+200D"
        );
    }

    #[test]
    fn a_span_that_only_ends_inside_a_cluster_says_so_with_its_visible_quote() {
        let doc = coder();
        let split = grapheme_split(&doc, 0..8).expect("ends inside 👩🏽‍💻");
        assert_eq!(split.start_inside, None);
        let message = split.to_string();
        assert!(message.contains(": ends inside "), "{message}");
        assert!(
            message.ends_with("its quote is \"Coder \u{1F469}\u{1F3FD}\""),
            "{message}"
        );
    }

    #[test]
    fn spans_on_cluster_boundaries_split_nothing() {
        let doc = coder();
        assert_eq!(grapheme_split(&doc, 6..10), None, "the whole emoji");
        assert_eq!(grapheme_split(&doc, 0..5), None);
        assert_eq!(grapheme_split(&doc, 11..15), None);
        assert_eq!(
            grapheme_split(&doc, 11..99),
            None,
            "not a range of the text"
        );
    }

    #[test]
    fn quotes_with_nothing_visible_are_shown_as_code_points() {
        assert_eq!(quote_for_display("\u{1F3FD}\u{200D}"), "U+1F3FD U+200D");
        assert_eq!(quote_for_display(" "), "U+0020");
        assert_eq!(quote_for_display("\u{200B}"), "U+200B");
        assert_eq!(quote_for_display("\u{301}\u{FE0F}"), "U+0301 U+FE0F");
        assert_eq!(quote_for_display("\r\n"), "U+000D U+000A");
        // Anything visible keeps the quote as it is.
        assert_eq!(quote_for_display("Havana"), "Havana");
        assert_eq!(quote_for_display("\u{1F4BB}"), "\u{1F4BB}");
        assert_eq!(quote_for_display("e\u{301}"), "e\u{301}");
        assert_eq!(
            quote_for_display("\u{1F1E8}"),
            "\u{1F1E8}",
            "half a flag still draws"
        );
        assert_eq!(quote_for_display(""), "");
    }
}

//! The text around a span's quote when it was saved (as a W3C
//! `TextQuoteSelector`'s `prefix` and `suffix`), and how well an occurrence
//! of the quote in a changed text matches it.

use crate::model::{Document, Span};

/// How many code points of context are stored on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A side of the context counts as matching only if it is at least this
/// long (code points) and matches whole: a few characters (`, the `) match
/// anywhere.
pub const CONTEXT_MIN_SIDE: usize = 8;

/// The text just before and just after a span's quote, up to
/// [`CONTEXT_CHARS`] code points each (less at the text's start or end).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// The code points just before the quote.
    pub prefix: String,
    /// The code points just after the quote.
    pub suffix: String,
}

impl Context {
    /// The context of `start..end` in `doc` (empty sides outside the text).
    pub fn around(doc: &Document, start: usize, end: usize) -> Self {
        let from = start.saturating_sub(CONTEXT_CHARS);
        let to = end.saturating_add(CONTEXT_CHARS).min(doc.char_len());
        let side = |range: std::ops::Range<usize>| doc.slice(range).unwrap_or_default().to_owned();
        Self {
            prefix: side(from..start.min(doc.char_len())),
            suffix: side(end.min(to)..to),
        }
    }

    /// The context of `span` in `doc`.
    pub fn of(doc: &Document, span: &Span) -> Self {
        Self::around(doc, span.start, span.end)
    }

    /// Whether neither side holds anything.
    pub fn is_empty(&self) -> bool {
        self.prefix.is_empty() && self.suffix.is_empty()
    }

    /// Whether an occurrence of the quote at `start..end` of `doc` has a
    /// whole side of this context around it (one of at least
    /// [`CONTEXT_MIN_SIDE`] code points): the text just before it ends with
    /// the stored prefix, or the text just after it starts with the stored
    /// suffix.
    pub fn matches(&self, doc: &Document, start: usize, end: usize) -> bool {
        let side = |stored: &str, range: std::ops::Range<usize>| {
            let n = stored.chars().count();
            n >= CONTEXT_MIN_SIDE && range.len() == n && doc.slice(range) == Some(stored)
        };
        let before = self.prefix.chars().count();
        let after = self.suffix.chars().count();
        (start >= before && side(&self.prefix, start - before..start))
            || (end + after <= doc.char_len() && side(&self.suffix, end..end + after))
    }

    /// The context as a converted text reads it (line ends, say).
    pub(super) fn map(&self, convert: impl Fn(&str) -> String) -> Self {
        Self {
            prefix: convert(&self.prefix),
            suffix: convert(&self.suffix),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_the_text_and_matched_by_whole_sides() {
        let doc = Document::new("Cuba said so. Later, in Havana, Cuba said no.");
        let ctx = Context::around(&doc, 0, 4);
        assert_eq!(ctx.prefix, "");
        assert_eq!(ctx.suffix, " said so. Later, in Havana, Cuba");
        let late = Context::around(&doc, 32, 36);
        assert_eq!(late.suffix, " said no.");
        assert!(late.matches(&doc, 32, 36));
        assert!(!late.matches(&doc, 0, 4));
        assert!(ctx.matches(&doc, 0, 4));
        // A short side is not evidence.
        let short = Context {
            prefix: String::new(),
            suffix: " said".to_owned(),
        };
        assert!(!short.matches(&doc, 0, 4));
    }
}

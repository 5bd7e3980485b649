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

/// How many times [`CONTEXT_CHARS`] of text are read beside a quote to
/// match its context: room for whitespace runs longer than the stored ones.
const LOOK_AROUND: usize = 4;

/// How many of the `stored` code points match the start of `text`, a run of
/// whitespace in one matching a run of whitespace in the other.
fn matched(stored: impl Iterator<Item = char>, text: impl Iterator<Item = char>) -> usize {
    let mut stored = stored.peekable();
    let mut text = text.peekable();
    let mut n = 0;
    while let Some(&c) = stored.peek() {
        let Some(&t) = text.peek() else {
            break;
        };
        if c.is_whitespace() && t.is_whitespace() {
            while stored.next_if(|c| c.is_whitespace()).is_some() {
                n += 1;
            }
            while text.next_if(|t| t.is_whitespace()).is_some() {}
        } else if c == t {
            stored.next();
            text.next();
            n += 1;
        } else {
            break;
        }
    }
    n
}

/// The text between the start of `doc` and `start`, and between `end` and
/// its end, each only when it is no longer than [`CONTEXT_CHARS`] (a side
/// of a context cut short by the text's edge is compared with it).
fn edge_texts(doc: &Document, start: usize, end: usize) -> (Option<&str>, Option<&str>) {
    let before = (start <= CONTEXT_CHARS)
        .then(|| doc.slice(0..start))
        .flatten();
    let after = (doc.char_len().saturating_sub(end) <= CONTEXT_CHARS)
        .then(|| doc.slice(end..doc.char_len()))
        .flatten();
    (before, after)
}

/// How far from a quote its context is read to tell copies apart
/// ([`Context::fills`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Up to a line break.
    Paragraph,
    /// Up to a line break or a sentence's end (`.`, `!`, `?` or `…` and
    /// whitespace).
    Sentence,
}

/// Where the quote's unit ends in `side`, read away from the quote (a
/// prefix comes reversed): how many of its code points belong to the unit,
/// with the punctuation that ends a sentence.
fn unit_len(side: &[char], unit: Unit, reversed: bool) -> Option<usize> {
    let is_break = |c: char| c == '\n' || c == '\r';
    let ends_sentence = |c: char| matches!(c, '.' | '!' | '?' | '…');
    (0..side.len()).find(|&k| {
        let c = side[k];
        if is_break(c) {
            return true;
        }
        if unit == Unit::Paragraph || !c.is_whitespace() {
            return false;
        }
        // In a prefix the full stop comes after the whitespace (read
        // backwards), in a suffix before it.
        match reversed {
            true => side.get(k + 1).is_some_and(|&p| ends_sentence(p)),
            false => k > 0 && ends_sentence(side[k - 1]),
        }
    })
}

/// Whether `text` (read away from a quote; `at_edge` when it reaches the
/// text's start or end) goes on as `stored` does to the edge of the quote's
/// unit, whitespace runs aside ([`Context::fills`]).
fn side_fills(stored: &[char], text: &[char], at_edge: bool, unit: Unit, reversed: bool) -> bool {
    let squeeze = |chars: &[char]| -> String {
        let text: String = chars.iter().collect();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    match unit_len(stored, unit, reversed) {
        // The unit ends inside the stored side: the text's must end there.
        Some(k) => unit_len(text, unit, reversed)
            .is_some_and(|t| squeeze(&text[..t]) == squeeze(&stored[..k])),
        // The stored side was cut short by the text's edge.
        None if stored.len() < CONTEXT_CHARS => at_edge && squeeze(text) == squeeze(stored),
        None => matched(stored.iter().copied(), text.iter().copied()) == stored.len(),
    }
}

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

    /// How many code points of the stored prefix, read back from its end,
    /// match the text just before `start`, a run of whitespace matching any
    /// other (a re-wrapped line still reads the same).
    pub fn matched_before(&self, doc: &Document, start: usize) -> usize {
        let from = start.saturating_sub(LOOK_AROUND * CONTEXT_CHARS);
        let text = doc.slice(from..start).unwrap_or_default();
        matched(self.prefix.chars().rev(), text.chars().rev())
    }

    /// How many code points of the stored suffix match the text just after
    /// `end`, whitespace runs matching as in [`Self::matched_before`].
    pub fn matched_after(&self, doc: &Document, end: usize) -> usize {
        let to = end
            .saturating_add(LOOK_AROUND * CONTEXT_CHARS)
            .min(doc.char_len());
        let text = doc.slice(end.min(to)..to).unwrap_or_default();
        matched(self.suffix.chars(), text.chars())
    }

    /// How much of this context surrounds `start..end` of `doc`: the code
    /// points of both sides that match (see [`Self::matched_before`]).
    pub fn score(&self, doc: &Document, start: usize, end: usize) -> usize {
        self.matched_before(doc, start) + self.matched_after(doc, end)
    }

    /// Which sides of this context are around `start..end` of `doc`: a side
    /// is when its first [`CONTEXT_MIN_SIDE`] code points next to the quote
    /// match (all of it, when it is shorter because the text ended there),
    /// or when it is empty and so is the text there (but whitespace).
    pub fn sides(&self, doc: &Document, start: usize, end: usize) -> (bool, bool) {
        let side = |stored: &str, matched: usize, rest: Option<&str>| {
            let n = stored.chars().count();
            if n == 0 {
                return rest.is_some_and(|r| r.chars().all(char::is_whitespace));
            }
            matched >= n.min(CONTEXT_MIN_SIDE)
        };
        let (before, after) = edge_texts(doc, start, end);
        (
            side(&self.prefix, self.matched_before(doc, start), before),
            side(&self.suffix, self.matched_after(doc, end), after),
        )
    }

    /// Whether a placement on `start..end` of `doc` is borne out by this
    /// context: no context is stored, or at least one of its sides is
    /// there ([`Self::sides`]). A quote with neither side around it is
    /// another mention, not the span's.
    pub fn supports(&self, doc: &Document, start: usize, end: usize) -> bool {
        let (before, after) = self.sides(doc, start, end);
        self.is_empty() || before || after
    }

    /// Whether no context is stored or both its sides are around
    /// `start..end` of `doc` ([`Self::sides`]).
    pub fn both_sides(&self, doc: &Document, start: usize, end: usize) -> bool {
        self.is_empty() || self.sides(doc, start, end) == (true, true)
    }

    /// Whether a whole side of this context (one of at least
    /// [`CONTEXT_MIN_SIDE`] code points, whitespace runs matching any
    /// other) is around `start..end` of `doc`.
    ///
    /// A side left empty because the quote began (ended) the text it was
    /// taken from counts as whole where the quote begins (ends) the text,
    /// but for whitespace, and the other side is there ([`Self::sides`]): a
    /// title copied below itself has the original's suffix, but only the
    /// original still starts the text.
    pub fn whole_side(&self, doc: &Document, start: usize, end: usize) -> bool {
        let edge = |stored: &str, other: &str, rest: Option<&str>| {
            stored.is_empty()
                && !other.is_empty()
                && rest.is_some_and(|r| r.chars().all(char::is_whitespace))
        };
        let (before, after) = edge_texts(doc, start, end);
        let (whole_before, whole_after) = self.whole_sides(doc, start, end);
        if whole_before || whole_after {
            return true;
        }
        let at_edge =
            edge(&self.prefix, &self.suffix, before) || edge(&self.suffix, &self.prefix, after);
        at_edge && {
            let (before, after) = self.sides(doc, start, end);
            before && after
        }
    }

    /// Which sides of this context are around `start..end` of `doc` whole:
    /// at least [`CONTEXT_MIN_SIDE`] code points, every one matching
    /// (whitespace runs matching any other).
    pub fn whole_sides(&self, doc: &Document, start: usize, end: usize) -> (bool, bool) {
        let whole = |stored: &str, matched: usize| {
            let n = stored.chars().count();
            n >= CONTEXT_MIN_SIDE && matched == n
        };
        (
            whole(&self.prefix, self.matched_before(doc, start)),
            whole(&self.suffix, self.matched_after(doc, end)),
        )
    }

    /// Among `starts` (of occurrences of a quote of `len` code points), the
    /// one this context places the quote at: the one it surrounds best
    /// ([`Self::best`]) if that has a whole side of it ([`Self::whole_side`])
    /// and no other occurrence has one. When several have, the text around
    /// them was copied (a template sentence, a pasted or moved paragraph)
    /// and how many code points match says little: the one occurrence whose
    /// own paragraph reads as the stored context does on both sides is
    /// taken, else the one whose own sentence does ([`Self::fills`]), and
    /// none if there is no such one or several.
    pub fn placed_among(&self, doc: &Document, starts: &[usize], len: usize) -> Option<usize> {
        let best = self.best(doc, starts, len)?;
        if !self.whole_side(doc, best, best + len)
            || !self.own_sentence_agrees(doc, best, best + len)
        {
            return None;
        }
        let contenders: Vec<usize> = starts
            .iter()
            .copied()
            .filter(|&s| s == best || self.whole_side(doc, s, s + len))
            .collect();
        if contenders.len() == 1 {
            return Some(best);
        }
        // `Err`: none fills the unit, and a smaller one may tell.
        let only = |unit: Unit| {
            let mut filled = contenders
                .iter()
                .copied()
                .filter(|&s| self.fills(doc, s, s + len, unit));
            match (filled.next(), filled.next()) {
                (Some(only), None) => Ok(Some(only)),
                (Some(_), Some(_)) => Ok(None),
                (None, _) => Err(()),
            }
        };
        only(Unit::Paragraph)
            .or_else(|()| only(Unit::Sentence))
            .unwrap_or(None)
    }

    /// Whether the quote's own sentence says the place is its: one side of
    /// this context is around it ([`Self::sides`]) through at least
    /// [`CONTEXT_MIN_SIDE`] code points of the quote's sentence. A whole
    /// prefix ending in the full stop before a sentence-initial name tells
    /// only that the previous sentence is there: a new sentence starting
    /// with the same name after it is not the span's.
    pub fn own_sentence_agrees(&self, doc: &Document, start: usize, end: usize) -> bool {
        let (before, after) = self.sides(doc, start, end);
        let prefix: Vec<char> = self.prefix.chars().rev().collect();
        let suffix: Vec<char> = self.suffix.chars().collect();
        let in_sentence = |side: &[char], reversed: bool| {
            unit_len(side, Unit::Sentence, reversed).unwrap_or(side.len())
        };
        let enough = |side: &[char], reversed: bool| {
            // A side cut short by the text's edge is all of the sentence.
            let n = in_sentence(side, reversed);
            n >= CONTEXT_MIN_SIDE || (n == side.len() && side.len() < CONTEXT_CHARS)
        };
        (before && enough(&prefix, true)) || (after && enough(&suffix, false))
    }

    /// Whether the text around `start..end` of `doc` reads as this context
    /// does as far as the quote's `unit` (its paragraph or its sentence)
    /// goes, on both sides, whitespace runs aside: up to the unit's edge
    /// where the stored side has one, the whole side where it has none, and
    /// to the text's start (end) where the stored side was cut short by it.
    pub fn fills(&self, doc: &Document, start: usize, end: usize, unit: Unit) -> bool {
        if self.is_empty() {
            return false;
        }
        let window = LOOK_AROUND * CONTEXT_CHARS;
        let from = start.saturating_sub(window);
        let to = end.saturating_add(window).min(doc.char_len());
        let before: Vec<char> = doc
            .slice(from..start)
            .unwrap_or_default()
            .chars()
            .rev()
            .collect();
        let after: Vec<char> = doc
            .slice(end.min(to)..to)
            .unwrap_or_default()
            .chars()
            .collect();
        let prefix: Vec<char> = self.prefix.chars().rev().collect();
        let suffix: Vec<char> = self.suffix.chars().collect();
        side_fills(&prefix, &before, from == 0, unit, true)
            && side_fills(&suffix, &after, to == doc.char_len(), unit, false)
    }

    /// Among `starts` (of occurrences of a quote of `len` code points), the
    /// one this context surrounds best, if it is borne out
    /// ([`Self::supports`]) and no other is surrounded as well.
    pub fn best(&self, doc: &Document, starts: &[usize], len: usize) -> Option<usize> {
        let ranges = starts.iter().map(|&start| (start, start + len));
        self.best_range(doc, ranges).map(|(start, _)| start)
    }

    /// Among `ranges` of `doc`, the one this context surrounds best, as in
    /// [`Self::best`].
    pub fn best_range(
        &self,
        doc: &Document,
        ranges: impl IntoIterator<Item = (usize, usize)>,
    ) -> Option<(usize, usize)> {
        if self.is_empty() {
            return None;
        }
        let mut best: Option<(usize, (usize, usize))> = None;
        let mut tied = false;
        for (start, end) in ranges {
            if !self.supports(doc, start, end) {
                continue;
            }
            let score = self.score(doc, start, end);
            match best {
                Some((top, _)) if score < top => {}
                Some((top, _)) if score == top => tied = true,
                _ => {
                    best = Some((score, (start, end)));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied).map(|(_, range)| range)
    }

    /// Whether `quote` began and ended inside a word in the text this
    /// context was taken from (its first code point and the prefix's last,
    /// or its last and the suffix's first, are letters or digits).
    pub fn cuts(&self, quote: &str) -> (bool, bool) {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        (
            word(self.prefix.chars().last()) && word(quote.chars().next()),
            word(quote.chars().last()) && word(self.suffix.chars().next()),
        )
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

//! `CoNLL`-2002 style BIO tags: one `TOKEN TAG` a line (`Zarepour
//! I-person`), a blank line after each sentence, and each document opened
//! by a `-DOCSTART- O` line and a blank line.
//!
//! - **Tokens** are the Unicode word segments of the text (UAX #29, as
//!   `unicode-segmentation` finds them) that are not whitespace only: a word,
//!   a number, a punctuation mark, an emoji, a flag or a ZWJ sequence each
//!   make one token.
//! - **Sentences** end at a line break, and after a `.`, `!` or `?` token
//!   followed by a token starting with a capital letter; never inside a
//!   span. (`Mr. Smith` is therefore cut after `Mr.`: the rule is simple,
//!   not clever.)
//! - **Overlaps**: BIO cannot nest, so only the outermost spans are tagged:
//!   spans are taken in order (by start, longer first) and one that starts
//!   before the end of a span already kept is dropped and counted.
//! - **Boundaries inside a token**: a token takes the tag of the span that
//!   covers its first character (`B-` for the span's first token, `I-`
//!   after). A span covering no token's first character tags nothing and is
//!   counted as untagged.
//!
//! Labels cannot hold whitespace: each whitespace character is written `_`.

use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation as _;

use super::safe_label;
use crate::model::{Document, Span};

/// A token of the text, in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The token's text.
    pub text: &'a str,
    /// Whether a line break separates it from the previous token.
    pub after_line_break: bool,
}

/// One document in `CoNLL`, with what tagging it cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConllDoc {
    /// The `-DOCSTART- O` line, a blank line, then each sentence followed by
    /// a blank line.
    pub text: String,
    /// Spans that tagged at least one token.
    pub tagged: usize,
    /// Spans dropped because they nest in or overlap a span kept.
    pub dropped_overlaps: usize,
    /// Spans kept that tag no token (they start inside a token and end
    /// before the next one starts).
    pub untagged: usize,
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The tokens of `doc`, in order.
pub fn tokens(doc: &Document) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut at = 0;
    let mut line_break = false;
    for segment in doc.text().split_word_bounds() {
        let len = segment.chars().count();
        let trimmed = segment.trim_start();
        if trimmed.is_empty() {
            line_break |= segment.contains(is_line_break);
        } else {
            let start = at + (len - trimmed.chars().count());
            let text = trimmed.trim_end();
            tokens.push(Token {
                start,
                end: start + text.chars().count(),
                text,
                after_line_break: line_break,
            });
            line_break = false;
        }
        at += len;
    }
    tokens
}

/// The outermost of `spans`, in order, and how many were dropped because
/// they start before the end of a span kept (nested, overlapping, or the
/// same range again).
pub fn outermost(spans: &[Span]) -> (Vec<&Span>, usize) {
    let mut sorted: Vec<&Span> = spans.iter().collect();
    sorted.sort_by_key(|s| s.sort_key());
    let mut kept: Vec<&Span> = Vec::with_capacity(sorted.len());
    let mut dropped = 0;
    for span in sorted {
        if kept.last().is_some_and(|k| span.start < k.end) {
            dropped += 1;
        } else {
            kept.push(span);
        }
    }
    (kept, dropped)
}

/// `doc` in `CoNLL` with every span of `spans` it can tag (see the module
/// docs for the rules).
pub fn document(doc: &Document, spans: &[Span]) -> ConllDoc {
    let (kept, dropped_overlaps) = outermost(spans);
    let tokens = tokens(doc);
    // The index in `kept` of the span tagging each token.
    let mut span_of = Vec::with_capacity(tokens.len());
    let mut k = 0;
    for token in &tokens {
        while k < kept.len() && kept[k].end <= token.start {
            k += 1;
        }
        span_of.push((k < kept.len() && kept[k].start <= token.start).then_some(k));
    }
    let mut text = String::from("-DOCSTART- O\n\n");
    let mut tagged = 0;
    for (i, token) in tokens.iter().enumerate() {
        let span = span_of[i];
        let previous = i.checked_sub(1).map(|p| (&tokens[p], span_of[p]));
        let continues = previous.is_some_and(|(_, p)| span.is_some() && p == span);
        if let Some((prev, _)) = previous
            && !continues
            && (token.after_line_break || ends_sentence(prev.text, token.text))
        {
            text.push('\n');
        }
        let tag = match span {
            None => "O".to_owned(),
            Some(k) => {
                let label = safe_label(&kept[k].label);
                if continues {
                    format!("I-{label}")
                } else {
                    tagged += 1;
                    format!("B-{label}")
                }
            }
        };
        let _ = writeln!(text, "{} {tag}", column(token.text));
    }
    if !tokens.is_empty() {
        text.push('\n');
    }
    ConllDoc {
        text,
        tagged,
        dropped_overlaps,
        untagged: kept.len() - tagged,
    }
}

/// Whether a sentence ends between `previous` and `next`.
fn ends_sentence(previous: &str, next: &str) -> bool {
    matches!(previous, "." | "!" | "?") && next.chars().next().is_some_and(char::is_uppercase)
}

/// A token as one column: whitespace inside it (which word segmentation
/// never leaves) written `_`.
fn column(token: &str) -> String {
    token.replace(char::is_whitespace, "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_flags_and_zwj_sequences_are_one_token_and_crlf_breaks_sentences() {
        let doc = Document::new("😀 🇨🇺 👩\u{200d}💻 Zoe\u{308}.\r\nNext");
        let got: Vec<_> = tokens(&doc)
            .iter()
            .map(|t| (t.start, t.end, t.text, t.after_line_break))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 1, "😀", false),
                (2, 4, "🇨🇺", false),
                (5, 8, "👩\u{200d}💻", false),
                (9, 13, "Zoe\u{308}", false),
                (13, 14, ".", false),
                (16, 20, "Next", true),
            ]
        );
    }

    #[test]
    fn outermost_keeps_the_first_of_overlapping_spans() {
        let spans = [
            Span::manual(3, 5, 9, "c", "x"),
            Span::manual(1, 0, 6, "a", "x"),
            Span::manual(2, 2, 4, "b", "x"),
            Span::manual(4, 6, 8, "d", "x"),
        ];
        let (kept, dropped) = outermost(&spans);
        let ids: Vec<u64> = kept.iter().map(|s| s.id).collect();
        assert_eq!((ids, dropped), (vec![1, 4], 2));
    }
}

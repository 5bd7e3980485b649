//! `CoNLL`-2002 style BIO tags: one `TOKEN TAG` a line (`Zarepour
//! I-person`), a blank line after each sentence, and each document opened
//! by a `-DOCSTART- O` line and a blank line.
//!
//! - **Tokens** are the Unicode word segments of the text (UAX #29, as
//!   `unicode-segmentation` finds them) that are not whitespace only: a word,
//!   a number, a punctuation mark, an emoji, a flag or a ZWJ sequence each
//!   make one token.
//! - **Span boundaries split tokens**: a span that starts or ends inside a
//!   segment cuts it there, so the tokens give back exactly the span (`Iran`
//!   `B-country` then `’s` `O`; `4` of `4G` is `4` `B-…` then `G` `O`). A
//!   span is never widened to whole segments.
//! - **Sentences** end at a line break, and after a `.`, `!` or `?` token
//!   followed by a token starting with a capital letter; never inside a
//!   span. (`Mr. Smith` is therefore cut after `Mr.`: the rule is simple,
//!   not clever.)
//! - **Overlaps**: BIO cannot nest, so only the outermost spans are tagged:
//!   spans are taken in order (by start, longer first) and one that starts
//!   before the end of a span already kept is dropped, with a warning naming
//!   it. Of a nest, the outermost span is kept; of two spans that overlap
//!   without nesting, the one starting first.
//! - **What still cannot be carried** is reported per span: a span holding
//!   only whitespace tags no token; a span starting or ending with
//!   whitespace is written without it.
//! - A control character inside a token (`\x1f`) would break readers that
//!   split lines at whitespace; it is written as U+FFFD, with a warning.
//!
//! Labels cannot hold whitespace: each whitespace character is written `_`.

use unicode_segmentation::UnicodeSegmentation as _;

use super::safe_label;
use crate::formats::lines::is_line_break;
use crate::model::{Document, Span};
use crate::plural;

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
    /// Spans kept that tag no token (they hold only whitespace).
    pub untagged: usize,
    /// What could not be carried exactly, one line per span (or per
    /// document for control characters), each naming the document.
    pub warnings: Vec<String>,
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

/// The outermost of `spans`, in order, and those dropped because they
/// start before the end of a span kept (nested, overlapping, or the same
/// range again), each with the span that kept it out.
pub fn outermost(spans: &[Span]) -> (Vec<&Span>, Vec<(&Span, &Span)>) {
    let mut sorted: Vec<&Span> = spans.iter().collect();
    sorted.sort_by_key(|s| s.sort_key());
    let mut kept: Vec<&Span> = Vec::with_capacity(sorted.len());
    let mut dropped = Vec::new();
    for span in sorted {
        match kept.last() {
            Some(k) if span.start < k.end => dropped.push((span, *k)),
            _ => kept.push(span),
        }
    }
    (kept, dropped)
}

/// `tokens` cut at every span start and end that falls inside one, so that
/// each span begins and ends on a token boundary.
pub(super) fn split_at_spans<'a>(tokens: Vec<Token<'a>>, spans: &[&Span]) -> Vec<Token<'a>> {
    let mut cuts: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(tokens.len());
    let mut c = 0;
    for token in tokens {
        while c < cuts.len() && cuts[c] <= token.start {
            c += 1;
        }
        let mut piece = token;
        while c < cuts.len() && cuts[c] < token.end {
            let at = cuts[c] - piece.start;
            let byte = piece
                .text
                .char_indices()
                .nth(at)
                .map_or(piece.text.len(), |(b, _)| b);
            let (left, right) = piece.text.split_at(byte);
            out.push(Token {
                end: cuts[c],
                text: left,
                ..piece
            });
            piece = Token {
                start: cuts[c],
                end: piece.end,
                text: right,
                after_line_break: false,
            };
            c += 1;
        }
        out.push(piece);
    }
    out
}

/// `doc` (the file `name`, for warnings) in `CoNLL` with every span of
/// `spans` it can tag (see the module docs for the rules).
pub fn document(name: &str, doc: &Document, spans: &[Span]) -> ConllDoc {
    let (kept, dropped) = outermost(spans);
    let mut warnings: Vec<String> = dropped
        .iter()
        .map(|(span, by)| {
            format!(
                "{name}: span {} {:?} ({}..{}) dropped: it overlaps span {} {:?} ({}..{}), and \
                 CoNLL tags only the outermost",
                span.id, span.text, span.start, span.end, by.id, by.text, by.start, by.end
            )
        })
        .collect();
    let tokens = split_at_spans(tokens(doc), &kept);
    // The index in `kept` of the span tagging each token.
    let mut span_of = Vec::with_capacity(tokens.len());
    let mut k = 0;
    for token in &tokens {
        while k < kept.len() && kept[k].end <= token.start {
            k += 1;
        }
        span_of.push((k < kept.len() && kept[k].start <= token.start).then_some(k));
    }
    report_inexact(name, &kept, &tokens, &span_of, &mut warnings);
    let labels: Vec<String> = kept.iter().map(|span| safe_label(&span.label)).collect();
    let mut text = String::with_capacity(doc.text().len() * 2 + 16);
    text.push_str("-DOCSTART- O\n\n");
    let mut tagged = 0;
    let mut controls = Vec::new();
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
        if token.text.contains(char::is_control) {
            controls.push(token.start);
        }
        push_column(&mut text, token.text);
        text.push(' ');
        match span {
            None => text.push('O'),
            Some(k) => {
                if continues {
                    text.push_str("I-");
                } else {
                    tagged += 1;
                    text.push_str("B-");
                }
                text.push_str(&labels[k]);
            }
        }
        text.push('\n');
    }
    if !tokens.is_empty() {
        text.push('\n');
    }
    if let Some(first) = controls.first() {
        warnings.push(format!(
            "{name}: {} with a control character (the first at {first}) written with U+FFFD \
             in its place",
            plural::counted(controls.len(), "token", "tokens")
        ));
    }
    ConllDoc {
        text,
        tagged,
        dropped_overlaps: dropped.len(),
        untagged: kept.len() - tagged,
        warnings,
    }
}

/// Adds a warning for each kept span whose tokens do not give it back
/// exactly: one holding no token, or one starting or ending with whitespace.
fn report_inexact(
    name: &str,
    kept: &[&Span],
    tokens: &[Token<'_>],
    span_of: &[Option<usize>],
    warnings: &mut Vec<String>,
) {
    let mut first = 0;
    for (k, span) in kept.iter().enumerate() {
        while first < tokens.len() && span_of[first].is_none_or(|s| s < k) {
            first += 1;
        }
        let covered = tokens[first..]
            .iter()
            .zip(&span_of[first..])
            .take_while(|(_, s)| **s == Some(k))
            .map(|(t, _)| t.start..t.end)
            .reduce(|a, b| a.start..b.end);
        match covered {
            None => warnings.push(format!(
                "{name}: span {} {:?} ({}..{}) holds no token (only whitespace): not written",
                span.id, span.text, span.start, span.end
            )),
            Some(r) if r != (span.start..span.end) => warnings.push(format!(
                "{name}: span {} {:?} ({}..{}) is written as {}..{}, without its whitespace",
                span.id, span.text, span.start, span.end, r.start, r.end
            )),
            Some(_) => {}
        }
    }
}

/// Whether a sentence ends between `previous` and `next`.
fn ends_sentence(previous: &str, next: &str) -> bool {
    matches!(previous, "." | "!" | "?") && next.chars().next().is_some_and(char::is_uppercase)
}

/// Appends a token as one column: whitespace inside it (which word
/// segmentation never leaves) written `_`, a control character U+FFFD.
fn push_column(text: &mut String, token: &str) {
    if !token.contains(|c: char| c.is_whitespace() || c.is_control()) {
        text.push_str(token);
        return;
    }
    text.extend(token.chars().map(|c| match c {
        c if c.is_whitespace() => '_',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }));
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
        let dropped: Vec<(u64, u64)> = dropped.iter().map(|(s, by)| (s.id, by.id)).collect();
        assert_eq!((ids, dropped), (vec![1, 4], vec![(2, 1), (3, 1)]));
    }
}

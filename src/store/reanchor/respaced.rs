//! Quotes whose whitespace changed: a line re-wrapped (`Jan Mulder` became
//! `Jan\nMulder`), spaces doubled, line ends converted inside one paragraph.
//! The quote's words are looked for in the same order with any run of
//! whitespace between them; the span then covers the new text from its first
//! word to its last.

use super::fuzzy::{aligned, cuts_word};
use super::{Context, Frame, SLACK};
use crate::model::{Document, Span};

/// The longest frame (code points) searched whole for a quote's words.
const WHOLE_FRAME: usize = 1 << 18;

/// The place of `span`'s quote with its whitespace changed, near where its
/// frame expects it: the one its stored `context` surrounds best or, without
/// a context, the one clearly nearest an expected place. `None` if the quote
/// holds no whitespace between words, or no such place is clear.
pub(super) fn best(
    doc: &Document,
    span: &Span,
    context: &Context,
    frame: &Frame,
) -> Option<(usize, usize)> {
    let words: Vec<&str> = span.text.split_whitespace().collect();
    if words.len() < 2 || frame.lo > frame.hi {
        return None;
    }
    let len = span.text.chars().count();
    let cuts = context.cuts(&span.text);
    // With a context to tell the places apart, the whole frame (a paragraph
    // re-wrapped with longer line ends moves everything after it), if it is
    // not too long; else near the expected places.
    let whole = !context.is_empty() && frame.hi.saturating_sub(frame.lo) <= WHOLE_FRAME;
    let windows: Vec<(usize, usize)> = if whole {
        vec![(frame.lo, frame.hi)]
    } else {
        let near = |e: usize| (e.saturating_sub(2 * len + SLACK), e + 2 * len + SLACK);
        frame.expected.iter().map(|&e| near(e)).collect()
    };
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (a, b) in windows {
        let from = a.max(frame.lo);
        let last_start = b.min(frame.hi);
        let to = (last_start + 2 * len + SLACK).min(doc.char_len());
        if from > last_start {
            continue;
        }
        let Some(region) = doc.slice(from..to) else {
            continue;
        };
        for (byte, _) in region.match_indices(words[0]) {
            let Some(end_byte) = words_from(region, byte, &words) else {
                continue;
            };
            let start = from + region[..byte].chars().count();
            let end = start + region[byte..end_byte].chars().count();
            let ok = start <= last_start
                && region[byte..end_byte] != span.text
                && aligned(doc, start, end, &span.text)
                && (cuts.0 || !cuts_word(doc, start))
                && (cuts.1 || !cuts_word(doc, end))
                && context.both_sides(doc, start, end);
            if ok && !found.contains(&(start, end)) {
                found.push((start, end));
            }
        }
    }
    if !context.is_empty() {
        return context.best_range(doc, found);
    }
    let mut by_distance: Vec<(usize, (usize, usize))> = found
        .into_iter()
        .map(|r| (frame.distance(r.0), r))
        .collect();
    by_distance.sort_unstable();
    match by_distance[..] {
        [(d, r)] | [(d, r), ..] if d <= SLACK && by_distance.get(1).is_none_or(|n| n.0 > d) => {
            Some(r)
        }
        _ => None,
    }
}

/// The place of a span of three words or more whose inner words changed
/// (`Minister of Communications` became `Minister of Telecommunications`,
/// too different for a fuzzy match), by its first and last words: the first
/// where its start is expected, the last after it (within twice the quote's
/// length), with both sides of its stored context around them. `None`
/// without a context, or when not exactly one place fits best.
pub(super) fn by_end_words(
    doc: &Document,
    span: &Span,
    context: &Context,
    frame: &Frame,
) -> Option<(usize, usize)> {
    let words: Vec<&str> = span.text.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return None;
    };
    let bare = span.text.trim() == span.text;
    if context.is_empty() || words.len() < 3 || !bare || frame.lo > frame.hi {
        return None;
    }
    let len = span.text.chars().count();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for &e in &frame.expected {
        let from = e.saturating_sub(SLACK).max(frame.lo);
        let last_start = (e + SLACK).min(frame.hi);
        let to = (last_start + 2 * len + SLACK).min(doc.char_len());
        if from > last_start {
            continue;
        }
        let Some(region) = doc.slice(from..to) else {
            continue;
        };
        for (byte, _) in region.match_indices(first) {
            let start = from + region[..byte].chars().count();
            if start > last_start {
                break;
            }
            let after = byte + first.len();
            for (k, _) in region[after..].match_indices(last) {
                let end_byte = after + k + last.len();
                let end = start + region[byte..end_byte].chars().count();
                let fits = end - start <= 2 * len
                    && aligned(doc, start, end, &span.text)
                    && context.both_sides(doc, start, end);
                if fits && !found.contains(&(start, end)) {
                    found.push((start, end));
                }
            }
        }
    }
    context.best_range(doc, found)
}

/// The byte end of `words` read from `at` of `text`, each after the first
/// preceded by at least one whitespace character, if they are there.
fn words_from(text: &str, at: usize, words: &[&str]) -> Option<usize> {
    let mut at = at;
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            let rest = &text[at..];
            let blank = rest.len() - rest.trim_start().len();
            if blank == 0 {
                return None;
            }
            at += blank;
        }
        if !text[at..].starts_with(word) {
            return None;
        }
        at += word.len();
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_across_any_whitespace() {
        let text = "hoofdredacteur Jan\r\n  Mulder schreef";
        assert_eq!(words_from(text, 15, &["Jan", "Mulder"]), Some(28));
        assert_eq!(words_from("JanMulder", 0, &["Jan", "Mulder"]), None);
        let doc = Document::new(text);
        let span = Span::manual(1, 15, 25, "person", "Jan Mulder");
        let frame = Frame {
            lo: 0,
            hi: doc.char_len(),
            expected: vec![15],
            both_sides: false,
        };
        let found = best(&doc, &span, &Context::default(), &frame);
        assert_eq!(found, Some((15, 28)));
        assert_eq!(doc.slice(15..28), Some("Jan\r\n  Mulder"));
    }
}

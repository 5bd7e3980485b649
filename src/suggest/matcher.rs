//! The built-in string-match suggester: every whole-word occurrence of a known
//! term becomes a suggestion with the term's label.
//!
//! Typical use: when a span is accepted or created, [`learned_terms`] of the
//! annotations feed a [`TermMatcher`], and every other exact occurrence of the
//! same text, in this document and across the corpus, becomes a pending
//! suggestion (through [`super::pending_edit`]).

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Suggestion, char_range, is_whole_word};
use crate::model::{AnnotationSet, Document, Status};

/// The origin name of the string-match suggester's spans.
pub const ORIGIN: &str = "string-match";

/// The term list could not be compiled (it is too large).
#[derive(Debug, thiserror::Error)]
#[error("cannot build the term matcher: {0}")]
pub struct MatcherError(String);

/// Finds exact, case-sensitive, whole-word occurrences of labelled terms.
///
/// Where terms overlap, the leftmost match wins, and of those the longest
/// ("Islamic Republic of Iran" rather than "Iran"). A term with several
/// labels gives one suggestion per label.
#[derive(Clone, Debug)]
pub struct TermMatcher {
    /// `None` when there are no terms.
    automaton: Option<AhoCorasick>,
    /// The labels of each pattern, by pattern index.
    labels: Vec<Vec<String>>,
    origin: String,
}

impl TermMatcher {
    /// Builds a matcher over `(text, label)` terms, with origin
    /// [`ORIGIN`]. Empty texts and repeated pairs are ignored.
    pub fn new<I, T, L>(terms: I) -> Result<Self, MatcherError>
    where
        I: IntoIterator<Item = (T, L)>,
        T: Into<String>,
        L: Into<String>,
    {
        Self::with_origin(terms, ORIGIN)
    }

    /// [`Self::new`] with another origin name for its suggestions.
    pub fn with_origin<I, T, L>(terms: I, origin: &str) -> Result<Self, MatcherError>
    where
        I: IntoIterator<Item = (T, L)>,
        T: Into<String>,
        L: Into<String>,
    {
        // Sorted, so the same terms always build the same matcher.
        let mut by_text: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (text, label) in terms {
            let text = text.into();
            if !text.is_empty() {
                by_text.entry(text).or_default().insert(label.into());
            }
        }
        let (patterns, labels): (Vec<String>, Vec<Vec<String>>) = by_text
            .into_iter()
            .map(|(text, labels)| (text, labels.into_iter().collect()))
            .unzip();
        let automaton = if patterns.is_empty() {
            None
        } else {
            // Standard semantics, for overlapping search; leftmost-longest is
            // applied in `find` after the whole-word check.
            let built = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .map_err(|e| MatcherError(e.to_string()))?;
            Some(built)
        };
        Ok(Self {
            automaton,
            labels,
            origin: origin.to_owned(),
        })
    }

    /// Number of distinct term texts.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The whole-word occurrences of the terms in `doc`, in text order, with
    /// code-point offsets.
    pub fn find(&self, doc: &Document) -> Vec<Suggestion> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = doc.text();
        // All whole-word matches, then leftmost-longest among them: a longer
        // term that is not a whole word here ("Minister of ICT" in "Minister
        // of ICTs") does not hide a shorter one that is ("Minister").
        let mut matches: Vec<_> = automaton
            .find_overlapping_iter(text)
            .filter(|m| {
                whole_word_ascii(text.as_bytes(), m.range())
                    .unwrap_or_else(|| is_whole_word(text, m.range()))
            })
            .collect();
        matches.sort_by_key(|m| (m.start(), std::cmp::Reverse(m.end())));
        let mut out = Vec::new();
        let mut covered_to = 0;
        // Byte and code-point offsets of a point at or before the next match:
        // matches come in text order, so each stretch is counted once.
        let mut cursor = (0, 0);
        for m in matches {
            if m.start() < covered_to {
                continue;
            }
            covered_to = m.end();
            let (Some(before), Some(matched)) =
                (text.get(cursor.0..m.start()), text.get(m.range()))
            else {
                continue;
            };
            let start = cursor.1 + before.chars().count();
            cursor = (m.start(), start);
            let range = start..start + matched.chars().count();
            debug_assert_eq!(char_range(doc, m.range()), Some(range.clone()));
            for label in self
                .labels
                .get(m.pattern().as_usize())
                .into_iter()
                .flatten()
            {
                out.push(Suggestion {
                    start: range.start,
                    end: range.end,
                    label: label.clone(),
                    score: None,
                    origin: self.origin.clone(),
                });
            }
        }
        out
    }
}

/// [`is_whole_word`] where the bytes around the match's edges are ASCII (so
/// every grapheme there is one character, CR LF aside), which is most of the
/// time in most texts; `None` where the full check is needed.
fn whole_word_ascii(text: &[u8], range: std::ops::Range<usize>) -> Option<bool> {
    let ascii = |i: usize| text.get(i).copied().filter(u8::is_ascii);
    let (first, last) = (ascii(range.start)?, ascii(range.end.checked_sub(1)?)?);
    let word = |b: u8| b.is_ascii_alphanumeric();
    let before = match range.start {
        0 => None,
        // A character before the previous one could be a prepended mark.
        1 => Some(ascii(0)?),
        s => {
            ascii(s - 2)?;
            Some(ascii(s - 1)?)
        }
    };
    let after = match text.get(range.end) {
        None => None,
        Some(_) => Some(ascii(range.end)?),
    };
    let crlf = |a: Option<u8>, b: Option<u8>| a == Some(b'\r') && b == Some(b'\n');
    if range.start >= range.end || crlf(before, Some(first)) || crlf(Some(last), after) {
        return Some(false);
    }
    let joins_before = word(first) && before.is_some_and(word);
    let joins_after = word(last) && after.is_some_and(word);
    Some(!(joins_before || joins_after))
}

/// The `(quote, label)` of every accepted span of `set`, each pair once, in
/// sorted order: the terms to look for elsewhere. Quotes made only of
/// function words ("the") are left out (see [`super::occurrences::may_offer`]).
pub fn learned_terms(set: &AnnotationSet) -> Vec<(String, String)> {
    let terms: BTreeSet<(String, String)> = set
        .spans()
        .iter()
        .filter(|s| s.status == Status::Accepted && !s.text.is_empty())
        .filter(|s| super::occurrences::may_offer(&s.text))
        .map(|s| (s.text.clone(), s.label.clone()))
        .collect();
    terms.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_whole_word_check_agrees_with_the_full_one() {
        let text =
            "Cuba, Cubans; a Cuba\r\nCuba\u{600}Cuba e\u{301}Cuba Cuba\u{301} x-Cuba_ 1Cuba2 Cuba";
        let mut checked = 0;
        for (start, _) in text.char_indices() {
            for end in start + 1..=text.len() {
                if !text.is_char_boundary(end) {
                    continue;
                }
                if let Some(fast) = whole_word_ascii(text.as_bytes(), start..end) {
                    assert_eq!(
                        fast,
                        is_whole_word(text, start..end),
                        "{:?}",
                        &text[start..end]
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}

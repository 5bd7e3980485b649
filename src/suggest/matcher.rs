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
            .filter(|m| is_whole_word(text, m.range()))
            .collect();
        matches.sort_by_key(|m| (m.start(), std::cmp::Reverse(m.end())));
        let mut out = Vec::new();
        let mut covered_to = 0;
        for m in matches {
            if m.start() < covered_to {
                continue;
            }
            covered_to = m.end();
            let Some(range) = char_range(doc, m.range()) else {
                continue;
            };
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

/// The `(quote, label)` of every accepted span of `set`, each pair once, in
/// sorted order: the terms to look for elsewhere.
pub fn learned_terms(set: &AnnotationSet) -> Vec<(String, String)> {
    let terms: BTreeSet<(String, String)> = set
        .spans()
        .iter()
        .filter(|s| s.status == Status::Accepted && !s.text.is_empty())
        .map(|s| (s.text.clone(), s.label.clone()))
        .collect();
    terms.into_iter().collect()
}

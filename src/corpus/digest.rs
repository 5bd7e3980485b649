//! What the window keeps of a document it does not have open: the few
//! figures the document list, the corpus figures and the review panel need,
//! a small part of its annotation set.
//!
//! Keeping every document's whole annotation set took about 7 KB a document
//! (722 MB for 100,000 articles of 27 spans); a digest holds counts, the
//! pending suggestions' filter keys and the learned terms, with every
//! string shared through a [`StringPool`].

use std::collections::HashSet;
use std::sync::Arc;

use super::DocSummary;
use crate::model::{AnnotationSet, Origin, Status};
use crate::session::ReviewFilter;
use crate::stats::{QualityReport, QualityTally};
use crate::suggest::matcher::learned_terms;

/// Accepted spans and pending suggestions of one label in one document
/// (rejected suggestions are not counted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelTally {
    /// The label.
    pub label: Arc<str>,
    /// Accepted spans (manual ones included).
    pub accepted: u32,
    /// Pending suggestions.
    pub pending: u32,
}

/// What a review filter looks at in a pending suggestion.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingKey {
    /// The extractor that suggested it, if one did.
    pub extractor: Option<Arc<str>>,
    /// Its label.
    pub label: Arc<str>,
    /// Its score, if it has one.
    pub score: Option<f64>,
}

/// A document's figures, without its spans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocDigest {
    /// Spans by review status, and the done mark.
    pub summary: DocSummary,
    /// Spans by label, in the order labels are first met.
    pub labels: Vec<LabelTally>,
    /// Its part of the extractor quality figures (empty rows when no
    /// extractor suggested anything).
    pub quality: QualityReport,
    /// Whether an extractor suggested any of its spans.
    pub has_extractor_spans: bool,
    /// Its pending suggestions, for counts by a review filter.
    pub pending: Vec<PendingKey>,
    /// What the learned-terms suggester learns from it: each accepted
    /// span's (text, label), once.
    pub terms: Vec<(Arc<str>, Arc<str>)>,
}

impl DocDigest {
    /// The digest of a document's annotations.
    pub fn of(set: &AnnotationSet) -> Self {
        let mut labels: Vec<LabelTally> = Vec::new();
        let mut pending = Vec::new();
        let mut has_extractor_spans = false;
        for span in set.spans() {
            let extractor = match &span.origin {
                Origin::Extractor(name) => Some(name.as_str()),
                _ => None,
            };
            has_extractor_spans |= extractor.is_some();
            if span.status == Status::Rejected {
                continue;
            }
            let k = match labels.iter().position(|t| *t.label == *span.label) {
                Some(k) => k,
                None => {
                    labels.push(LabelTally {
                        label: Arc::from(span.label.as_str()),
                        accepted: 0,
                        pending: 0,
                    });
                    labels.len() - 1
                }
            };
            if span.status == Status::Pending {
                labels[k].pending += 1;
                pending.push(PendingKey {
                    extractor: extractor.map(Arc::from),
                    label: Arc::clone(&labels[k].label),
                    score: span.score,
                });
            } else {
                labels[k].accepted += 1;
            }
        }
        let mut quality = QualityTally::default();
        quality.add(set);
        Self {
            summary: DocSummary::of(set),
            labels,
            quality: quality.finish(),
            has_extractor_spans,
            pending,
            terms: learned_terms(set)
                .into_iter()
                .map(|(text, label)| (Arc::from(text), Arc::from(label)))
                .collect(),
        }
    }

    /// How many pending suggestions pass `filter`.
    pub fn pending_passing(&self, filter: &ReviewFilter) -> usize {
        self.pending
            .iter()
            .filter(|p| filter.passes(p.extractor.as_deref(), &p.label, p.score))
            .count()
    }

    /// Shares every string with the ones `pool` already holds.
    pub fn share_strings(&mut self, pool: &mut StringPool) {
        for tally in &mut self.labels {
            pool.share(&mut tally.label);
        }
        for key in &mut self.pending {
            pool.share(&mut key.label);
            if let Some(extractor) = &mut key.extractor {
                pool.share(extractor);
            }
        }
        for (text, label) in &mut self.terms {
            pool.share(text);
            pool.share(label);
        }
        self.labels.shrink_to_fit();
        self.pending.shrink_to_fit();
        self.terms.shrink_to_fit();
    }
}

/// One copy of each string the digests of a corpus hold (labels, extractor
/// names, learned terms): a corpus repeats the same few thousand names.
#[derive(Clone, Debug, Default)]
pub struct StringPool(HashSet<Arc<str>>);

impl StringPool {
    /// Makes `s` the pool's copy of its text, adding it if it is new.
    pub fn share(&mut self, s: &mut Arc<str>) {
        match self.0.get(s) {
            Some(shared) => *s = Arc::clone(shared),
            None => {
                self.0.insert(Arc::clone(s));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn a_digest_counts_as_the_set_does_and_shares_its_strings() {
        let suggested = |id, start, label: &str, status, score| Span {
            origin: Origin::Extractor("spacy".into()),
            status,
            score,
            ..Span::manual(id, start, start + 4, label, "Iran")
        };
        let set = AnnotationSet::from_spans(vec![
            Span::manual(1, 0, 4, "country", "Iran"),
            suggested(2, 10, "country", Status::Pending, Some(0.9)),
            suggested(3, 20, "person", Status::Pending, Some(0.2)),
            suggested(4, 30, "person", Status::Rejected, None),
        ]);
        let mut digest = DocDigest::of(&set);
        assert_eq!(digest.summary, DocSummary::of(&set));
        let by_label: Vec<(&str, u32, u32)> = digest
            .labels
            .iter()
            .map(|t| (&*t.label, t.accepted, t.pending))
            .collect();
        assert_eq!(by_label, [("country", 1, 1), ("person", 0, 1)]);
        assert!(digest.has_extractor_spans);
        let filter = |label: Option<&str>, min_score| ReviewFilter {
            origin: Some("spacy".into()),
            label: label.map(str::to_owned),
            min_score,
        };
        assert_eq!(digest.pending_passing(&filter(None, 0.0)), 2);
        assert_eq!(digest.pending_passing(&filter(Some("person"), 0.0)), 1);
        assert_eq!(digest.pending_passing(&filter(None, 0.5)), 1);
        let terms: Vec<(&str, &str)> = digest.terms.iter().map(|(t, l)| (&**t, &**l)).collect();
        assert_eq!(terms, [("Iran", "country")]);
        assert_eq!(digest.quality, crate::stats::quality([&set]));

        let mut pool = StringPool::default();
        let mut other = DocDigest::of(&set);
        digest.share_strings(&mut pool);
        other.share_strings(&mut pool);
        assert!(Arc::ptr_eq(&digest.terms[0].0, &other.terms[0].0));
        assert!(Arc::ptr_eq(
            &digest.labels[0].label,
            &other.pending[0].label
        ));
    }
}

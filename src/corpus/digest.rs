//! What the window keeps of a document it does not have open: the few
//! figures the document list, the corpus figures and the review panel need,
//! a small part of its annotation set.
//!
//! Keeping every document's whole annotation set took about 7 KB a document
//! (722 MB for 100,000 articles of 27 spans); a digest holds counts, the
//! pending suggestions' filter keys grouped by extractor and label, and the
//! learned terms as numbers into the corpus's [`StringPool`] (4 bytes a
//! term, where a pair of shared strings took 32), its mentions of each
//! entity, every string shared.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::DocSummary;
use super::entity_counts::mention_counts;
use crate::model::{AnnotationSet, Origin, Status};
use crate::session::ReviewFilter;
use crate::stats::{OriginLabelStats, QualityReport, QualityTally};
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

/// What a review filter looks at in the pending suggestions of one
/// extractor (or of none) and one label: their scores.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingGroup {
    /// The extractor that suggested them, if one did.
    pub extractor: Option<Arc<str>>,
    /// Their label.
    pub label: Arc<str>,
    /// How many have no score.
    pub unscored: u32,
    /// The scores of the others.
    pub scores: Box<[f64]>,
}

impl PendingGroup {
    /// How many pass `filter`.
    fn passing(&self, filter: &ReviewFilter) -> usize {
        let extractor = self.extractor.as_deref();
        let unscored = if filter.passes(extractor, &self.label, None) {
            self.unscored as usize
        } else {
            0
        };
        let scored = self.scores.iter();
        unscored
            + scored
                .filter(|&&score| filter.passes(extractor, &self.label, Some(score)))
                .count()
    }
}

/// The index of the group of `extractor` and `label` in `pending`, added
/// (with its list in `scores`) if it is not there.
fn pending_group(
    pending: &mut Vec<PendingGroup>,
    scores: &mut Vec<Vec<f64>>,
    extractor: Option<&str>,
    label: Arc<str>,
) -> usize {
    if let Some(k) = pending
        .iter()
        .position(|g| g.extractor.as_deref() == extractor && g.label == label)
    {
        return k;
    }
    pending.push(PendingGroup {
        extractor: extractor.map(Arc::from),
        label,
        unscored: 0,
        scores: Box::default(),
    });
    scores.push(Vec::new());
    pending.len() - 1
}

/// An extractor's figures for one label in one document
/// ([`OriginLabelStats`] with shared strings: a digest holds one for each
/// extractor and label, which with two strings each took most of it).
#[derive(Clone, Debug, PartialEq, Eq)]
struct QualityRow {
    origin: Arc<str>,
    label: Arc<str>,
    /// Pending, accepted, rejected, misses.
    counts: [u32; 4],
}

impl QualityRow {
    fn of(stats: &OriginLabelStats) -> Self {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            origin: Arc::from(stats.origin.as_str()),
            label: Arc::from(stats.label.as_str()),
            counts: [
                count(stats.pending),
                count(stats.accepted),
                count(stats.rejected),
                count(stats.misses),
            ],
        }
    }

    fn stats(&self) -> OriginLabelStats {
        let [pending, accepted, rejected, misses] = self.counts.map(|n| n as usize);
        OriginLabelStats {
            origin: self.origin.to_string(),
            label: self.label.to_string(),
            pending,
            accepted,
            rejected,
            misses,
        }
    }
}

/// What the learned-terms suggester learns from a document: each accepted
/// span's (text, label), once.
#[derive(Clone, Debug, PartialEq)]
pub enum Terms {
    /// As counted, before the corpus index shares them.
    Counted(Vec<(Arc<str>, Arc<str>)>),
    /// Numbers of pairs in the index's [`StringPool`].
    Pooled(Box<[u32]>),
}

impl Default for Terms {
    fn default() -> Self {
        Self::Counted(Vec::new())
    }
}

/// A document's figures, without its spans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocDigest {
    /// Spans by review status, and the done mark.
    pub summary: DocSummary,
    /// Spans by label, in the order labels are first met.
    pub labels: Vec<LabelTally>,
    /// Its part of the extractor quality figures (none when no
    /// extractor suggested anything).
    quality: Box<[QualityRow]>,
    /// Whether an extractor suggested any of its spans (or relations).
    pub has_extractor_spans: bool,
    /// Its pending suggestions (spans, then entity links by their span's
    /// label, then relations by type), for counts by a review filter.
    pub pending: Vec<PendingGroup>,
    /// What the learned-terms suggester learns from it (read them with
    /// [`Self::terms`]).
    terms: Terms,
    /// Its mentions of each entity of the registry (spans linked to it, or
    /// suggested and not rejected), by entity id.
    entities: Box<[(Arc<str>, u32)]>,
}

impl DocDigest {
    /// The digest of a document's annotations.
    pub fn of(set: &AnnotationSet) -> Self {
        let mut labels: Vec<LabelTally> = Vec::new();
        let mut pending: Vec<PendingGroup> = Vec::new();
        let mut scores: Vec<Vec<f64>> = Vec::new();
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
                let label = Arc::clone(&labels[k].label);
                let group = pending_group(&mut pending, &mut scores, extractor, label);
                match span.score {
                    Some(score) => scores[group].push(score),
                    None => pending[group].unscored += 1,
                }
            } else {
                labels[k].accepted += 1;
            }
        }
        // Pending entity links (of accepted spans) by their span's label,
        // with no extractor and no score, as a bulk action passes them
        // (`ReviewFilter::matches_link`).
        for span in set.spans().iter().filter(|s| s.has_pending_link()) {
            let label = Arc::from(span.label.as_str());
            let group = pending_group(&mut pending, &mut scores, None, label);
            pending[group].unscored += 1;
        }
        // Pending relations are counted by their type, as a bulk action
        // passes them (`ReviewFilter::matches_relation`).
        for relation in set.relations().filter(|r| r.status == Status::Pending) {
            let extractor = relation.origin.extractor();
            let label = Arc::from(relation.label.as_str());
            let group = pending_group(&mut pending, &mut scores, extractor, label);
            match relation.score {
                Some(score) => scores[group].push(score),
                None => pending[group].unscored += 1,
            }
        }
        has_extractor_spans |= set.relations().any(|r| r.origin.extractor().is_some());
        for (group, scores) in pending.iter_mut().zip(scores) {
            group.scores = scores.into_boxed_slice();
        }
        let mut quality = QualityTally::default();
        quality.add(set);
        let quality = quality.finish().rows.iter().map(QualityRow::of).collect();
        Self {
            summary: DocSummary::of(set),
            labels,
            quality,
            has_extractor_spans,
            pending,
            terms: Terms::Counted(
                learned_terms(set)
                    .into_iter()
                    .map(|(text, label)| (Arc::from(text), Arc::from(label)))
                    .collect(),
            ),
            entities: entity_mentions(set),
        }
    }

    /// Its mentions of each entity, by id (sorted).
    pub fn entities(&self) -> &[(Arc<str>, u32)] {
        &self.entities
    }

    /// Its mentions of entity `id`.
    pub fn entity_mentions(&self, id: &str) -> u32 {
        self.entities
            .binary_search_by(|(e, _)| (**e).cmp(id))
            .map_or(0, |k| self.entities[k].1)
    }

    /// Its part of the extractor quality figures: one document, its spans
    /// by status, and a row for each extractor and label.
    pub fn quality(&self) -> QualityReport {
        QualityReport {
            documents: 1,
            totals: self.summary.counts,
            rows: self.quality.iter().map(QualityRow::stats).collect(),
        }
    }

    /// Adds its part of the extractor quality figures to `tally` (`add`),
    /// or takes it back, without building a report.
    pub fn count_quality(&self, tally: &mut QualityTally, add: bool) {
        let rows = self.quality.iter().map(|row| {
            let counts = row.counts.map(|n| n as usize);
            (&*row.origin, &*row.label, counts)
        });
        tally.count(1, self.summary.counts, rows, add);
    }

    /// How many pending suggestions (spans, entity links and relations)
    /// pass `filter`: what a folder-wide review changes in the document.
    pub fn pending_passing(&self, filter: &ReviewFilter) -> usize {
        self.pending.iter().map(|g| g.passing(filter)).sum()
    }

    /// What the learned-terms suggester learns from it, each (text, label)
    /// once; `pool` is the one its strings were shared with, if they were.
    pub fn terms<'a>(
        &'a self,
        pool: &'a StringPool,
    ) -> Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a> {
        match &self.terms {
            Terms::Counted(terms) => Box::new(terms.iter().map(|(t, l)| (&**t, &**l))),
            Terms::Pooled(ids) => Box::new(ids.iter().filter_map(|&id| {
                let (text, label) = pool.pairs.get(id as usize)?;
                Some((&**text, &**label))
            })),
        }
    }

    /// The numbers of its learned terms in the pool its strings were shared
    /// with (none before they are).
    pub fn term_ids(&self) -> &[u32] {
        match &self.terms {
            Terms::Pooled(ids) => ids,
            Terms::Counted(_) => &[],
        }
    }

    /// Shares every string with the ones `pool` already holds.
    pub fn share_strings(&mut self, pool: &mut StringPool) {
        for tally in &mut self.labels {
            pool.share(&mut tally.label);
        }
        for row in &mut self.quality {
            pool.share(&mut row.origin);
            pool.share(&mut row.label);
        }
        for group in &mut self.pending {
            pool.share(&mut group.label);
            if let Some(extractor) = &mut group.extractor {
                pool.share(extractor);
            }
        }
        if let Terms::Counted(terms) = &mut self.terms {
            let ids: Option<Box<[u32]>> = terms.drain(..).map(|pair| pool.pair_id(pair)).collect();
            // Over 4 billion distinct terms, they stay as they are.
            if let Some(ids) = ids {
                self.terms = Terms::Pooled(ids);
            }
        }
        for (id, _) in &mut self.entities {
            pool.share(id);
        }
        self.labels.shrink_to_fit();
        self.pending.shrink_to_fit();
    }
}

/// A document's mentions of each entity ([`mention_counts`]), sorted by id.
fn entity_mentions(set: &AnnotationSet) -> Box<[(Arc<str>, u32)]> {
    let mut entities: Vec<(Arc<str>, u32)> = mention_counts(set)
        .into_iter()
        .map(|(id, n)| (Arc::from(id), n))
        .collect();
    entities.sort_unstable();
    entities.into_boxed_slice()
}

/// One copy of each string the digests of a corpus hold (labels, extractor
/// names, learned terms), and a number for each learned (text, label) pair:
/// a corpus repeats the same few thousand names.
#[derive(Clone, Debug, Default)]
pub struct StringPool {
    strings: HashSet<Arc<str>>,
    pairs: Vec<(Arc<str>, Arc<str>)>,
    pair_ids: HashMap<(Arc<str>, Arc<str>), u32>,
}

impl StringPool {
    /// Makes `s` the pool's copy of its text, adding it if it is new.
    pub fn share(&mut self, s: &mut Arc<str>) {
        match self.strings.get(s) {
            Some(shared) => *s = Arc::clone(shared),
            None => {
                self.strings.insert(Arc::clone(s));
            }
        }
    }

    /// Every learned (text, label) pair numbered so far, by number.
    pub fn pairs(&self) -> &[(Arc<str>, Arc<str>)] {
        &self.pairs
    }

    /// The number of a (text, label) pair, added if new; `None` past
    /// `u32::MAX` pairs.
    fn pair_id(&mut self, (mut text, mut label): (Arc<str>, Arc<str>)) -> Option<u32> {
        self.share(&mut text);
        self.share(&mut label);
        if let Some(&id) = self.pair_ids.get(&(Arc::clone(&text), Arc::clone(&label))) {
            return Some(id);
        }
        let id = u32::try_from(self.pairs.len()).ok()?;
        self.pairs.push((Arc::clone(&text), Arc::clone(&label)));
        self.pair_ids.insert((text, label), id);
        Some(id)
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
        let mut pool = StringPool::default();
        let terms: Vec<(&str, &str)> = digest.terms(&pool).collect();
        assert_eq!(terms, [("Iran", "country")]);
        assert_eq!(digest.quality(), crate::stats::quality([&set]));

        let mut other = DocDigest::of(&set);
        digest.share_strings(&mut pool);
        other.share_strings(&mut pool);
        assert_eq!(digest.terms, Terms::Pooled(Box::new([0])));
        assert_eq!(other.terms, digest.terms, "one number for the same pair");
        let terms: Vec<(&str, &str)> = other.terms(&pool).collect();
        assert_eq!(terms, [("Iran", "country")]);
        assert!(Arc::ptr_eq(
            &digest.labels[0].label,
            &other.pending[0].label
        ));
    }
}

//! Curation: several annotators' spans of one document turned into the
//! gold `X.ron`. The units are those of the agreement study
//! ([`super::agree`]): every distinct (start, end) some annotator marked,
//! with each annotator's labels there. A unit on which at least `quorum`
//! annotators gave the same labels is **agreed** (merged into the gold
//! automatically when its labels are not none); every other unit is a
//! **disagreement**, to step through and resolve by taking one annotator's
//! version or rejecting them all.
//!
//! The index is built once per document ([`CurationIndex::build`]) and
//! never changes: what the gold holds at a disagreement is read from the
//! gold itself, so taking a version is one edit of O(log n).

use super::agree::Marked;
use crate::model::{AnnotationSet, Document, Edit, Origin, Span, Status};

/// A place where the annotators did not agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Each annotator's labels there, in the annotators' order (sorted,
    /// each once; empty: the annotator marked nothing there).
    pub versions: Vec<Vec<String>>,
}

/// A place enough annotators agreed on, with labels to merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreed {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The labels they agreed on.
    pub labels: Vec<String>,
    /// Those who gave them, in the annotators' order.
    pub annotators: Vec<usize>,
}

/// One document's units split into agreed ones and disagreements.
#[derive(Clone, Debug, Default)]
pub struct CurationIndex {
    annotators: Vec<String>,
    quorum: usize,
    agreed: Vec<Agreed>,
    disagreements: Vec<Disagreement>,
    /// The longest disagreement, in code points.
    max_len: usize,
}

/// The smallest quorum allowed with `n` annotators: a strict majority, so
/// that two different versions can never both reach it.
pub fn smallest_quorum(n: usize) -> usize {
    n / 2 + 1
}

impl CurationIndex {
    /// Indexes one document: `spans[k]` are the accepted spans of
    /// `annotators[k]`. `quorum` (clamped to a strict majority ..= all)
    /// is how many must give a unit the same labels for it to be agreed.
    pub fn build(annotators: Vec<String>, spans: &[Vec<Marked>], quorum: usize) -> Self {
        let n = annotators.len();
        let quorum = quorum.clamp(smallest_quorum(n), n.max(1));
        let mut agreed = Vec::new();
        let mut disagreements = Vec::new();
        for ((start, end), versions) in super::agree::labels_at(spans) {
            // The most common version, and who gave it (the first
            // annotator's on a tie).
            let mut best: Vec<usize> = Vec::new();
            for (k, version) in versions.iter().enumerate() {
                let same: Vec<usize> = (0..n).filter(|&j| versions[j] == *version).collect();
                if same.len() > best.len() || (k == 0 && best.is_empty()) {
                    best = same;
                }
            }
            if best.len() >= quorum {
                let labels = &versions[best[0]];
                if !labels.is_empty() {
                    agreed.push(Agreed {
                        start,
                        end,
                        labels: labels.iter().map(|l| (*l).to_owned()).collect(),
                        annotators: best,
                    });
                }
            } else {
                disagreements.push(Disagreement {
                    start,
                    end,
                    versions: versions
                        .iter()
                        .map(|v| v.iter().map(|l| (*l).to_owned()).collect())
                        .collect(),
                });
            }
        }
        let max_len = disagreements
            .iter()
            .map(|d| d.end - d.start)
            .max()
            .unwrap_or(0);
        Self {
            annotators,
            quorum,
            agreed,
            disagreements,
            max_len,
        }
    }

    /// The annotators, in order.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// How many annotators must agree (after clamping).
    pub fn quorum(&self) -> usize {
        self.quorum
    }

    /// The agreed places with labels, in order of offsets.
    pub fn agreed(&self) -> &[Agreed] {
        &self.agreed
    }

    /// The disagreements, in order of offsets.
    pub fn disagreements(&self) -> &[Disagreement] {
        &self.disagreements
    }

    /// The disagreements sharing at least one code point with `range`, in
    /// order, with their places in [`Self::disagreements`]. Costs
    /// O(log n + disagreements starting within the longest one's length
    /// of `range`).
    pub fn disagreements_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &Disagreement)> {
        let first = self
            .disagreements
            .partition_point(|d| d.start + self.max_len <= range.start);
        self.disagreements[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, d)| d.start < range.end)
            .filter(move |(_, d)| d.end > range.start)
            .map(move |(k, d)| (first + k, d))
    }

    /// The edit that merges every agreed span the gold `set` lacks into
    /// it (accepted, origin the agreeing annotators joined by `+`), as one
    /// undoable step; `None` when the gold has them all.
    pub fn merge_agreed_edit(&self, doc: &Document, set: &AnnotationSet) -> Option<Edit> {
        let mut adds = Vec::new();
        let mut next = set.next_id();
        for place in &self.agreed {
            let names: Vec<&str> = place
                .annotators
                .iter()
                .map(|&k| self.annotators[k].as_str())
                .collect();
            let origin = Origin::Annotator(names.join("+"));
            for label in &place.labels {
                if let Some(span) =
                    new_span(doc, set, (place.start, place.end), label, &origin, next)
                {
                    adds.push(Edit::Add(span));
                    next += 1;
                }
            }
        }
        (!adds.is_empty()).then_some(Edit::Batch(adds))
    }

    /// The edit that makes the gold `set` hold `annotator`'s version of
    /// disagreement `at` (its spans added with origin `Annotator(NAME)`,
    /// other labels at those offsets removed); `None` when the gold
    /// already holds it. `annotator` = `None`: reject every version (the
    /// gold holds nothing at those offsets).
    pub fn take_edit(
        &self,
        doc: &Document,
        set: &AnnotationSet,
        at: usize,
        annotator: Option<usize>,
    ) -> Option<Edit> {
        let place = self.disagreements.get(at)?;
        let (labels, origin): (&[String], _) = match annotator {
            Some(k) => (
                place.versions.get(k)?,
                Origin::Annotator(self.annotators.get(k)?.clone()),
            ),
            None => (&[], Origin::Manual),
        };
        let mut edits: Vec<Edit> = gold_at(set, place.start, place.end)
            .filter(|s| !labels.contains(&s.label))
            .map(|s| Edit::Remove(s.clone()))
            .collect();
        let mut next = set.next_id();
        for label in labels {
            if let Some(span) = new_span(doc, set, (place.start, place.end), label, &origin, next) {
                edits.push(Edit::Add(span));
                next += 1;
            }
        }
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }
}

/// The gold's spans at exactly `start..end`.
pub fn gold_at(set: &AnnotationSet, start: usize, end: usize) -> impl Iterator<Item = &Span> {
    set.overlapping(start..end)
        .filter(move |s| s.start == start && s.end == end)
}

/// A new accepted span for the gold, unless it has that one already.
fn new_span(
    doc: &Document,
    set: &AnnotationSet,
    (start, end): (usize, usize),
    label: &str,
    origin: &Origin,
    id: u64,
) -> Option<Span> {
    if set.find_same(start, end, label).is_some() {
        return None;
    }
    let text = doc.slice(start..end)?;
    let mut span = Span::manual(id, start, end, label, text);
    span.origin = origin.clone();
    span.status = Status::Accepted;
    Some(span)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn m(start: usize, end: usize, label: &str) -> Marked {
        Marked {
            start,
            end,
            label: label.to_owned(),
        }
    }

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn units_all_agree_on_are_merged_the_rest_are_disagreements() {
        let ana = vec![m(0, 4, "person"), m(5, 9, "country"), m(10, 14, "role")];
        let bob = vec![m(0, 4, "person"), m(5, 9, "person")];
        let index = CurationIndex::build(names(&["ana", "bob"]), &[ana, bob], 2);
        assert_eq!(index.agreed().len(), 1);
        assert_eq!(index.agreed()[0].labels, ["person"]);
        let at: Vec<_> = index
            .disagreements()
            .iter()
            .map(|d| (d.start, d.versions.clone()))
            .collect();
        assert_eq!(
            at,
            vec![
                (
                    5,
                    vec![vec!["country".to_owned()], vec!["person".to_owned()]]
                ),
                (10, vec![vec!["role".to_owned()], vec![]]),
            ]
        );
    }

    #[test]
    fn two_of_three_merges_what_a_majority_gave_and_is_clamped_to_a_majority() {
        let a = vec![m(0, 4, "person"), m(5, 9, "role")];
        let b = vec![m(0, 4, "person")];
        let c = vec![m(0, 4, "role")];
        let spans = [a, b, c];
        let all = CurationIndex::build(names(&["a", "b", "c"]), &spans, 3);
        assert_eq!(all.agreed().len(), 0);
        assert_eq!(all.disagreements().len(), 2);
        let two = CurationIndex::build(names(&["a", "b", "c"]), &spans, 2);
        assert_eq!(two.agreed().len(), 1);
        assert_eq!(two.agreed()[0].annotators, [0, 1]);
        // 5..9: two of three marked nothing: agreed on none, not merged.
        assert!(two.disagreements().is_empty());
        let one = CurationIndex::build(names(&["a", "b", "c"]), &spans, 1);
        assert_eq!(one.quorum(), 2);
    }

    #[test]
    fn the_disagreements_in_a_range_are_those_sharing_a_code_point_with_it() {
        let ana = vec![m(0, 30, "person"), m(10, 12, "role"), m(40, 45, "role")];
        let index = CurationIndex::build(names(&["ana", "bob"]), &[ana, Vec::new()], 2);
        let starts = |r: std::ops::Range<usize>| -> Vec<(usize, usize)> {
            index
                .disagreements_in(r)
                .map(|(k, d)| (k, d.start))
                .collect()
        };
        assert_eq!(starts(20..41), [(0, 0), (2, 40)]);
        assert_eq!(starts(12..40), [(0, 0)]);
        assert_eq!(starts(45..50), []);
    }

    #[test]
    fn taking_a_version_replaces_the_gold_there_and_rejecting_empties_it() {
        let doc = Document::new("Ana Lopez met Bob".to_owned());
        let ana = vec![m(0, 9, "person")];
        let bob = vec![m(0, 9, "role")];
        let index = CurationIndex::build(names(&["ana", "bob"]), &[ana, bob], 2);
        let mut set = AnnotationSet::new();
        let take = index.take_edit(&doc, &set, 0, Some(1)).unwrap();
        set.apply(&take).unwrap();
        let span = &set.spans()[0];
        assert_eq!(
            (span.label.as_str(), &span.origin),
            ("role", &Origin::Annotator("bob".to_owned()))
        );
        assert!(index.take_edit(&doc, &set, 0, Some(1)).is_none());
        let take = index.take_edit(&doc, &set, 0, Some(0)).unwrap();
        set.apply(&take).unwrap();
        assert_eq!(set.len(), 1);
        assert_eq!(set.spans()[0].label, "person");
        let reject = index.take_edit(&doc, &set, 0, None).unwrap();
        set.apply(&reject).unwrap();
        assert!(set.is_empty());
    }
}

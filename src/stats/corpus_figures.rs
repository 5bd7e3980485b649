//! The Statistics window's figures: documents by status and, per label, the
//! accepted spans and pending suggestions across a corpus.

use std::path::Path;

use super::DocumentCounts;
use crate::corpus::{CorpusIndex, DocDigest, DocStatus};
use crate::model::{AnnotationSet, LabelSchema};

/// One label's spans across the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelCounts {
    /// The label's name.
    pub label: String,
    /// Whether the schema defines it (if not, it is drawn in grey).
    pub in_schema: bool,
    /// Accepted spans (manual ones included).
    pub accepted: usize,
    /// Pending suggestions.
    pub pending: usize,
}

/// The figures the window shows, counted from a [`CorpusIndex`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusFigures {
    /// Documents by status (new, to review, in progress, done).
    pub by_status: DocumentCounts,
    /// Documents whose annotations could not be read (counted as new too).
    pub unreadable: usize,
    /// Documents not read yet (the index is still being filled in the
    /// background); counted in no status.
    pub loading: usize,
    /// The schema's labels in palette order, then labels outside the schema
    /// (only those with accepted or pending spans), by name.
    pub labels: Vec<LabelCounts>,
}

impl CorpusFigures {
    /// Counts the corpus's documents and spans (rejected suggestions are
    /// not counted). `open` is the document open in the window with its
    /// annotations as they are now, saved or not: they replace its entry's.
    pub fn of(
        corpus: &CorpusIndex,
        schema: &LabelSchema,
        open: Option<(&Path, &AnnotationSet)>,
    ) -> Self {
        let mut figures = Self {
            labels: schema
                .labels
                .iter()
                .map(|l| LabelCounts {
                    label: l.name.clone(),
                    in_schema: true,
                    accepted: 0,
                    pending: 0,
                })
                .collect(),
            ..Self::default()
        };
        let mut unknown: Vec<LabelCounts> = Vec::new();
        // The open document as it is now, saved or not.
        let live = open.map(|(path, set)| (path, DocDigest::of(set)));
        for entry in &corpus.entries {
            if !entry.loaded {
                figures.loading += 1;
                continue;
            }
            let digest = match (&entry.digest, &live) {
                (_, Some((path, digest))) if entry.path == *path => digest,
                (Some(digest), _) => digest,
                (None, _) => {
                    figures.by_status.add(DocStatus::New);
                    figures.unreadable += 1;
                    continue;
                }
            };
            figures.by_status.add(digest.summary.status());
            for tally in &digest.labels {
                let row = match figures.labels.iter().position(|r| *r.label == *tally.label) {
                    Some(k) => &mut figures.labels[k],
                    None => match unknown.iter().position(|r| *r.label == *tally.label) {
                        Some(k) => &mut unknown[k],
                        None => {
                            unknown.push(LabelCounts {
                                label: tally.label.to_string(),
                                in_schema: false,
                                accepted: 0,
                                pending: 0,
                            });
                            let last = unknown.len() - 1;
                            &mut unknown[last]
                        }
                    },
                };
                row.pending += tally.pending as usize;
                row.accepted += tally.accepted as usize;
            }
        }
        unknown.sort_by(|a, b| a.label.cmp(&b.label));
        figures.labels.extend(unknown);
        figures
    }

    /// All documents of the corpus, read or not.
    pub fn documents(&self) -> usize {
        self.by_status.total() + self.loading
    }
}

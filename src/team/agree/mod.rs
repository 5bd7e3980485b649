//! Inter-annotator agreement, as `newsmark agree` reports it: Cohen's kappa
//! per pair, Fleiss' kappa and Krippendorff's nominal alpha over all
//! annotators, and exact and overlap precision, recall and F1 per label.
//!
//! # Definitions
//!
//! - **Spans**: an annotator's accepted spans (pending and rejected
//!   suggestions are not their work; orphans are not on the text).
//! - **Units**: every distinct (document, start, end) that at least one of
//!   the compared annotators marked (for a pair, the two of the pair; at the
//!   top level, all of them). An annotator's **category** at a unit is the
//!   label of its span with exactly those offsets, `none` if it has none
//!   there, and with several labels there, the labels sorted and joined by
//!   `+` (`person+role`).
//! - **cohen(k)appa** (per pair), **`fleiss_kappa`** and
//!   **`krippendorff_alpha`** (nominal; over all annotators): on those units
//!   and categories, `none` included. Every annotator has a category at
//!   every unit, so no value is missing. See [`coefficients`] for the
//!   formulas. Degenerate cases, never NaN: no unit at all gives `null`
//!   (nothing was compared); every unit given one and the same category by
//!   everyone gives 1.0 (the observed agreement is perfect, and there is no
//!   chance to correct for).
//! - **exact**: b's spans against a's as the reference: precision = b's
//!   spans that a has with the same (start, end, label) ÷ b's spans; recall
//!   = a's spans that b has ÷ a's spans; f1 their harmonic mean, 0 when
//!   both are 0 (and precision is 0 when b has no span, recall 0 when a has
//!   none); per label, and `micro` over all labels (the counts summed).
//! - **overlap**: the same, a span matched when the other annotator has a
//!   span of the same label sharing at least one code point with it.
//! - **relations**: the same exact and overlap figures per relation type,
//!   for a pair of which both annotators drew relations (see
//!   [`relations`] for when two relations match).
//! - Pairs in the annotators' order, a before b.
//!
//! The study is streamed: [`Agreement::add_document`] takes one document's
//! spans and keeps only counts (per category, per pair of categories, per
//! label), so memory is bounded by the largest document and the number of
//! categories, whatever the number of documents.
//!
//! - `mod.rs`: [`Agreement`] and its [`AgreementReport`]
//! - `coefficients.rs`: the formulas, from counts
//! - `tally.rs`: units, categories and span matches of one document
//! - `relations.rs`: relations and their matches
//! - `study.rs`: which documents and files a study compares

pub mod coefficients;
pub mod relations;
mod report;
pub mod study;
mod tally;

pub use coefficients::Scores;
pub use relations::MarkedRelation;
pub use report::{
    AgreementReport, MICRO, PairReport, RelationCounts, RelationReport, ScoreRow, shown,
};
pub(crate) use tally::labels_at;
pub use tally::{Marked, MatchCounts};

use tally::{Categories, PairTally};

/// Why a study cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum AgreeError {
    /// Fewer than two annotators.
    #[error("agreement needs at least two annotators; found {found}")]
    TooFewAnnotators {
        /// Those found, comma-separated (or "none").
        found: String,
    },
    /// Two annotators with one name.
    #[error(
        "two annotators are both named {0:?} (a folder's name is its annotator's: \
         give the folders different names)"
    )]
    SameName(String),
}

/// One document's part of a study.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentTally {
    /// Its units: the distinct (start, end) some annotator marked.
    pub units: usize,
    /// The units where the annotators' categories are not all the same
    /// (the disagreements curation lists when all must agree).
    pub disagreeing: usize,
    /// The relations some but not all annotators drew (set by the caller
    /// from [`Agreement::add_relations`]).
    pub relations_disagreeing: usize,
}

impl DocumentTally {
    /// The share of its units the annotators disagree on (0 without
    /// units): 1 − the document's observed agreement.
    pub fn disagreement(&self) -> f64 {
        if self.units == 0 {
            0.0
        } else {
            self.disagreeing as f64 / self.units as f64
        }
    }
}

/// An agreement study under way: documents go in one at a time, counts
/// stay.
#[derive(Debug)]
pub struct Agreement {
    annotators: Vec<String>,
    documents: usize,
    categories: Categories,
    /// Top-level units.
    units: u64,
    /// Ratings per category at the top level.
    totals: Vec<u64>,
    /// Σ over units and categories of (annotators giving it)².
    squares: u128,
    /// One per pair (a, b), a < b, in order.
    pairs: Vec<((usize, usize), PairTally)>,
    /// Whether each annotator drew a relation in some document.
    has_relations: Vec<bool>,
}

impl Agreement {
    /// A study of `annotators` (at least two, distinct names), in order.
    pub fn new(annotators: Vec<String>) -> Result<Self, AgreeError> {
        if annotators.len() < 2 {
            let found = if annotators.is_empty() {
                "none".to_owned()
            } else {
                annotators.join(", ")
            };
            return Err(AgreeError::TooFewAnnotators { found });
        }
        for (k, name) in annotators.iter().enumerate() {
            if annotators[..k].contains(name) {
                return Err(AgreeError::SameName(name.clone()));
            }
        }
        let n = annotators.len();
        let pairs = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| ((a, b), PairTally::default())))
            .collect();
        Ok(Self {
            annotators,
            documents: 0,
            categories: Categories::default(),
            units: 0,
            totals: Vec::new(),
            squares: 0,
            pairs,
            has_relations: vec![false; n],
        })
    }

    /// The annotators, in order.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// Adds one document: each annotator's spans, in the annotators' order
    /// (a missing annotator counts as one who marked nothing). Returns the
    /// document's own units and how many of them the annotators disagree
    /// on.
    pub fn add_document(&mut self, spans: &[Vec<Marked>]) -> DocumentTally {
        let mut spans = spans.to_vec();
        spans.resize(self.annotators.len(), Vec::new());
        let units = tally::units(&spans, &mut self.categories);
        self.totals.resize(self.categories.len(), 0);
        let mut per_unit = vec![0_u64; self.categories.len()];
        for unit in &units {
            for &c in unit {
                per_unit[c] += 1;
            }
            for &c in unit {
                if per_unit[c] > 0 {
                    self.squares += u128::from(per_unit[c]) * u128::from(per_unit[c]);
                    self.totals[c] += per_unit[c];
                    per_unit[c] = 0;
                }
            }
        }
        self.units += units.len() as u64;
        let tally = DocumentTally {
            units: units.len(),
            relations_disagreeing: 0,
            disagreeing: units
                .iter()
                .filter(|u| u.iter().any(|&c| c != u[0]))
                .count(),
        };
        for (pair, tally) in &mut self.pairs {
            tally.add(&units, *pair, &spans);
        }
        self.documents += 1;
        tally
    }

    /// Adds one document's relations: each annotator's, in the annotators'
    /// order (a missing annotator counts as one who drew none). Call it
    /// with the document's [`Self::add_document`]. Returns how many
    /// distinct relations some but not all of the annotators drew.
    pub fn add_relations(&mut self, relations: &[Vec<MarkedRelation>]) -> usize {
        let none = Vec::new();
        let of = |k: usize| relations.get(k).unwrap_or(&none);
        for (k, has) in self.has_relations.iter_mut().enumerate() {
            *has |= !of(k).is_empty();
        }
        for ((a, b), tally) in &mut self.pairs {
            tally.relations.add(of(*a), of(*b));
        }
        let n = self.annotators.len();
        let mut drawn: std::collections::HashMap<&MarkedRelation, usize> =
            std::collections::HashMap::new();
        for k in 0..n {
            let mut mine: Vec<&MarkedRelation> = of(k).iter().collect();
            mine.sort();
            mine.dedup();
            for r in mine {
                *drawn.entry(r).or_default() += 1;
            }
        }
        drawn.values().filter(|&&by| by < n).count()
    }

    /// The figures so far.
    pub fn report(&self) -> AgreementReport {
        report::build(self)
    }
}

#[cfg(test)]
mod tests;

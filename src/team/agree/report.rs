//! An agreement study's figures, as JSON (the shape of the README) and as
//! a table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::Agreement;
use super::coefficients::{RatingCounts, Scores, cohen_kappa};
use super::tally::MatchCounts;

/// Scores per label, and `micro` over all of them.
pub type LabelScores = BTreeMap<String, Scores>;

/// The figures of one pair: b against a as the reference.
#[derive(Clone, Debug, Serialize)]
pub struct PairReport {
    /// The reference annotator.
    pub a: String,
    /// The annotator compared with it.
    pub b: String,
    /// Units either of the two marked.
    pub units: u64,
    /// Cohen's kappa on those units (`null` without units).
    pub cohen_kappa: Option<f64>,
    /// Exact matches per label and `micro`.
    pub exact: LabelScores,
    /// Overlap matches per label and `micro`.
    pub overlap: LabelScores,
    /// The span counts behind the scores, per label and `micro`.
    pub counts: BTreeMap<String, MatchCounts>,
}

/// What [`Agreement::report`] gives.
#[derive(Clone, Debug, Serialize)]
pub struct AgreementReport {
    /// The annotators, in order.
    pub annotators: Vec<String>,
    /// Documents compared.
    pub documents: usize,
    /// Units any annotator marked.
    pub units: u64,
    /// Fleiss' kappa over all annotators (`null` without units).
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's nominal alpha over all annotators (`null` without
    /// units).
    pub krippendorff_alpha: Option<f64>,
    /// Every pair, a before b in the annotators' order.
    pub pairs: Vec<PairReport>,
}

/// The key of the figures over all labels. A label named `micro` is
/// reported as `micro (label)`.
pub const MICRO: &str = "micro";

pub(super) fn build(study: &Agreement) -> AgreementReport {
    let counts = RatingCounts {
        units: study.units,
        raters: study.annotators.len() as u64,
        totals: &study.totals,
        squares: study.squares,
    };
    let pairs = study
        .pairs
        .iter()
        .map(|((a, b), tally)| {
            let (a, b) = (*a, *b);
            let confusion: Vec<((usize, usize), u64)> =
                tally.confusion.iter().map(|(&k, &n)| (k, n)).collect();
            let mut counts: BTreeMap<String, MatchCounts> = BTreeMap::new();
            let mut micro = MatchCounts::default();
            for (label, c) in &tally.by_label {
                micro.add(c);
                let key = if label == MICRO {
                    format!("{MICRO} (label)")
                } else {
                    label.clone()
                };
                counts.insert(key, *c);
            }
            counts.insert(MICRO.to_owned(), micro);
            let scores = |exact: bool| -> LabelScores {
                counts
                    .iter()
                    .map(|(label, c)| {
                        let s = if exact {
                            Scores::of(c.a_spans, c.a_exact, c.b_spans, c.b_exact)
                        } else {
                            Scores::of(c.a_spans, c.a_overlap, c.b_spans, c.b_overlap)
                        };
                        (label.clone(), s)
                    })
                    .collect()
            };
            PairReport {
                a: study.annotators[a].clone(),
                b: study.annotators[b].clone(),
                units: tally.units(),
                cohen_kappa: cohen_kappa(&confusion, study.categories.len()),
                exact: scores(true),
                overlap: scores(false),
                counts,
            }
        })
        .collect();
    AgreementReport {
        annotators: study.annotators.clone(),
        documents: study.documents,
        units: study.units,
        fleiss_kappa: counts.fleiss_kappa(),
        krippendorff_alpha: counts.krippendorff_alpha(),
        pairs,
    }
}

/// A coefficient to 3 decimals, or `n/a` without units.
pub fn shown(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

impl AgreementReport {
    /// The report as JSON, the shape the README documents.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// What was compared: `4 documents, 110 units`.
    pub fn extent(&self) -> String {
        format!(
            "{}, {}",
            crate::plural::counted(self.documents, "document", "documents"),
            crate::plural::counted(
                usize::try_from(self.units).unwrap_or(usize::MAX),
                "unit",
                "units"
            )
        )
    }

    /// The report as a readable table.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "annotators: {}", self.annotators.join(", "));
        let _ = writeln!(out, "{}", self.extent());
        let _ = writeln!(out, "fleiss_kappa        {}", shown(self.fleiss_kappa));
        let _ = writeln!(
            out,
            "krippendorff_alpha  {}",
            shown(self.krippendorff_alpha)
        );
        for pair in &self.pairs {
            let _ = writeln!(
                out,
                "\n{} (reference) vs {}: {} units, cohen_kappa {}",
                pair.a,
                pair.b,
                pair.units,
                shown(pair.cohen_kappa)
            );
            let width = pair
                .counts
                .keys()
                .map(|k| k.chars().count())
                .max()
                .unwrap_or(5)
                .max(5);
            let _ = writeln!(
                out,
                "  {:<width$}  {:<13}  {:<20}  overlap",
                "", "spans", "exact"
            );
            let _ = writeln!(
                out,
                "  {:<width$}  {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}",
                "label", "a", "b", "P", "R", "F1", "P", "R", "F1"
            );
            // The labels, then the figures over all of them.
            let micro = pair.counts.get_key_value(MICRO);
            let labels = pair.counts.iter().filter(|(label, _)| *label != MICRO);
            for (label, c) in labels.chain(micro) {
                let (Some(e), Some(o)) = (pair.exact.get(label), pair.overlap.get(label)) else {
                    continue;
                };
                let _ = writeln!(
                    out,
                    "  {label:<width$}  {:>6} {:>6}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}",
                    c.a_spans, c.b_spans, e.precision, e.recall, e.f1, o.precision, o.recall, o.f1
                );
            }
        }
        out
    }
}

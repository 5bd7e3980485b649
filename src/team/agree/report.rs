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
    /// The same figures for relations, per relation type and `micro`;
    /// only when both annotators drew relations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations: Option<RelationReport>,
}

/// The relation figures of one pair: b's relations against a's.
#[derive(Clone, Debug, Serialize)]
pub struct RelationReport {
    /// Exact matches per relation type and `micro`.
    pub exact: LabelScores,
    /// Overlap matches per relation type and `micro`.
    pub overlap: LabelScores,
    /// The relation counts behind the scores, per type and `micro`.
    pub counts: BTreeMap<String, RelationCounts>,
}

/// Relation counts of one type (or all, for `micro`) for one pair.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RelationCounts {
    /// a's relations.
    pub a_relations: u64,
    /// b's relations.
    pub b_relations: u64,
    /// a's relations b has exactly.
    pub a_exact: u64,
    /// b's relations a has exactly.
    pub b_exact: u64,
    /// a's relations b has by overlap.
    pub a_overlap: u64,
    /// b's relations a has by overlap.
    pub b_overlap: u64,
}

impl From<MatchCounts> for RelationCounts {
    fn from(c: MatchCounts) -> Self {
        Self {
            a_relations: c.a_spans,
            b_relations: c.b_spans,
            a_exact: c.a_exact,
            b_exact: c.b_exact,
            a_overlap: c.a_overlap,
            b_overlap: c.b_overlap,
        }
    }
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
            let (counts, exact, overlap) = scored(&tally.by_label);
            let relations = (study.has_relations[a] && study.has_relations[b]).then(|| {
                let (counts, exact, overlap) = scored(&tally.relations.by_type);
                RelationReport {
                    exact,
                    overlap,
                    counts: counts.into_iter().map(|(k, c)| (k, c.into())).collect(),
                }
            });
            PairReport {
                a: study.annotators[a].clone(),
                b: study.annotators[b].clone(),
                units: tally.units(),
                cohen_kappa: cohen_kappa(&confusion, study.categories.len()),
                exact,
                overlap,
                counts,
                relations,
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

/// Counts per label with `micro` over them all (a label itself named
/// `micro` keyed `micro (label)`), and the exact and overlap scores of
/// each.
fn scored(
    by_label: &BTreeMap<String, MatchCounts>,
) -> (BTreeMap<String, MatchCounts>, LabelScores, LabelScores) {
    let mut counts: BTreeMap<String, MatchCounts> = BTreeMap::new();
    let mut micro = MatchCounts::default();
    for (label, c) in by_label {
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
    let (exact, overlap) = (scores(true), scores(false));
    (counts, exact, overlap)
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
            write_rows(&mut out, "label", "spans", &pair.label_rows());
            if let Some(relations) = &pair.relations {
                write_rows(&mut out, "relation", "relations", &relations.type_rows());
            }
        }
        out
    }
}

/// One row of a pair's per-label figures: a label (or relation type, or
/// `micro` over them all), a's and b's counts, and the exact and overlap
/// scores. What `newsmark agree` prints and the agreement panel shows.
#[derive(Clone, Copy, Debug)]
pub struct ScoreRow<'a> {
    /// The label, relation type or `micro`.
    pub label: &'a str,
    /// a's spans (or relations) of it.
    pub a: u64,
    /// b's spans (or relations) of it.
    pub b: u64,
    /// Its exact scores.
    pub exact: Scores,
    /// Its overlap scores.
    pub overlap: Scores,
}

impl PairReport {
    /// The pair's span figures, a row per label, then `micro`.
    pub fn label_rows(&self) -> Vec<ScoreRow<'_>> {
        let counts = self.counts.iter().map(|(k, c)| (k, c.a_spans, c.b_spans));
        score_rows(counts, &self.exact, &self.overlap)
    }
}

impl RelationReport {
    /// The pair's relation figures, a row per relation type, then `micro`.
    pub fn type_rows(&self) -> Vec<ScoreRow<'_>> {
        let counts = self
            .counts
            .iter()
            .map(|(k, c)| (k, c.a_relations, c.b_relations));
        score_rows(counts, &self.exact, &self.overlap)
    }
}

/// The rows of `counts` (key, a's, b's) with their scores: the labels in
/// order, then the figures over all of them (`micro`).
fn score_rows<'a>(
    counts: impl Iterator<Item = (&'a String, u64, u64)>,
    exact: &LabelScores,
    overlap: &LabelScores,
) -> Vec<ScoreRow<'a>> {
    let mut rows: Vec<ScoreRow<'a>> = counts
        .filter_map(|(label, a, b)| {
            let (exact, overlap) = (*exact.get(label)?, *overlap.get(label)?);
            Some(ScoreRow {
                label,
                a,
                b,
                exact,
                overlap,
            })
        })
        .collect();
    // Stable: the labels keep their order, `micro` goes last.
    rows.sort_by_key(|row| row.label == MICRO);
    rows
}

/// One pair's table of scores: a head naming the rows (`label`,
/// `relation`) and what is counted (`spans`, `relations`), then a row per
/// label with a's and b's counts and the exact and overlap scores, `micro`
/// last.
fn write_rows(out: &mut String, head: &str, counted: &str, rows: &[ScoreRow<'_>]) {
    let width = rows
        .iter()
        .map(|row| row.label.chars().count())
        .chain([head.chars().count()])
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = writeln!(
        out,
        "  {:<width$}  {counted:<13}  {:<20}  overlap",
        "", "exact"
    );
    let _ = writeln!(
        out,
        "  {head:<width$}  {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}",
        "a", "b", "P", "R", "F1", "P", "R", "F1"
    );
    for ScoreRow {
        label,
        a,
        b,
        exact: e,
        overlap: o,
    } in rows
    {
        let _ = writeln!(
            out,
            "  {label:<width$}  {a:>6} {b:>6}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}",
            e.precision, e.recall, e.f1, o.precision, o.recall, o.f1
        );
    }
}

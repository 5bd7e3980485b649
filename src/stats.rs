//! How good an extractor is, from what reviewers did with its suggestions:
//! per origin and label, precision = accepted / (accepted + rejected), and
//! misses = accepted spans that no suggestion of that origin matched; the
//! same for relations per origin and relation type (rows labelled `→ holds`).
//!
//! - `corpus_figures.rs`: documents by status and spans per label across a
//!   corpus ([`CorpusFigures`], what the Statistics window draws)

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::corpus::{DocStatus, DocSummary};
use crate::model::{AnnotationSet, Origin, Status};

mod corpus_figures;

pub use corpus_figures::{CorpusFigures, LabelCounts};

/// Review counts and quality of one extractor on one label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OriginLabelStats {
    /// The extractor's name (`Extractor(name)`).
    pub origin: String,
    /// The label.
    pub label: String,
    /// Suggestions not reviewed yet.
    pub pending: usize,
    /// Suggestions accepted (relabelled ones count under their new label).
    pub accepted: usize,
    /// Suggestions rejected.
    pub rejected: usize,
    /// Accepted spans of this label, in documents this extractor suggested
    /// anything for, with no suggestion of this origin at the same offsets
    /// and label.
    pub misses: usize,
}

impl OriginLabelStats {
    /// accepted / (accepted + rejected); `None` before any review.
    pub fn precision(&self) -> Option<f64> {
        let reviewed = self.accepted + self.rejected;
        (reviewed > 0).then(|| self.accepted as f64 / reviewed as f64)
    }

    /// accepted / (accepted + misses): how much of the accepted annotation
    /// the extractor found; `None` if there is nothing to find.
    pub fn recall(&self) -> Option<f64> {
        let gold = self.accepted + self.misses;
        (gold > 0).then(|| self.accepted as f64 / gold as f64)
    }
}

/// Spans by review status, and the relations and entity links still to
/// review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Not reviewed yet.
    pub pending: usize,
    /// Accepted (manual spans included).
    pub accepted: usize,
    /// Rejected.
    pub rejected: usize,
    /// Relations not reviewed yet (suggested ones): a document with one
    /// is not reviewed, even if all its spans are.
    pub pending_relations: usize,
    /// Suggested entity links not reviewed yet, of accepted spans
    /// ([`crate::model::Span::has_pending_link`]): a document with one is
    /// not reviewed either.
    pub pending_links: usize,
}

impl StatusCounts {
    /// Counts the spans, pending entity links and pending relations of one
    /// set.
    pub fn of(set: &AnnotationSet) -> Self {
        let mut counts = Self::default();
        for span in set.spans() {
            counts.add(span.status);
            counts.pending_links += usize::from(span.has_pending_link());
        }
        counts.pending_relations = set
            .relations()
            .filter(|r| r.status == Status::Pending)
            .count();
        counts
    }

    /// Pending spans, entity links and relations together: what is left
    /// to review.
    pub fn to_review(&self) -> usize {
        self.pending + self.pending_links + self.pending_relations
    }

    /// Counts one more span of this status.
    pub fn add(&mut self, status: Status) {
        *self.of_status(status) += 1;
    }

    /// Counts one span of this status less (a span removed).
    pub fn remove(&mut self, status: Status) {
        let count = self.of_status(status);
        *count = count.saturating_sub(1);
    }

    fn of_status(&mut self, status: Status) -> &mut usize {
        match status {
            Status::Pending => &mut self.pending,
            Status::Accepted => &mut self.accepted,
            Status::Rejected => &mut self.rejected,
        }
    }

    /// These counts and `other`'s together.
    pub fn plus(self, other: Self) -> Self {
        Self {
            pending: self.pending + other.pending,
            accepted: self.accepted + other.accepted,
            rejected: self.rejected + other.rejected,
            pending_relations: self.pending_relations + other.pending_relations,
            pending_links: self.pending_links + other.pending_links,
        }
    }

    /// Accepted spans and pending suggestions apart, as every count of the
    /// window says them: `"3 spans"`, `"1 span · 5 pending"`, `"0 spans · 5
    /// pending"`. A pending suggestion is not a span of the annotation until
    /// accepted; rejected ones are not mentioned. Pending entity links and
    /// relations follow: `"3 spans · 1 pending link · 2 pending
    /// relations"`.
    pub fn describe(&self) -> String {
        let mut out = crate::plural::counted(self.accepted, "span", "spans");
        if self.pending > 0 {
            let _ = write!(out, " · {} pending", self.pending);
        }
        for (n, one, many) in [
            (self.pending_links, "pending link", "pending links"),
            (
                self.pending_relations,
                "pending relation",
                "pending relations",
            ),
        ] {
            if n > 0 {
                let _ = write!(out, " · {}", crate::plural::counted(n, one, many));
            }
        }
        out
    }

    /// One label's counts the same way: `"country 1"`, `"country 1 (+5
    /// pending)"`.
    pub fn describe_label(&self, label: &str) -> String {
        match self.pending {
            0 => format!("{label} {}", self.accepted),
            n => format!("{label} {} (+{n} pending)", self.accepted),
        }
    }
}

/// Documents by status ([`DocStatus`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocumentCounts {
    /// No spans and no suggestions.
    pub new: usize,
    /// Only suggestions nobody has reviewed.
    pub to_review: usize,
    /// Human work, not marked done.
    pub in_progress: usize,
    /// Marked done.
    pub done: usize,
}

impl DocumentCounts {
    /// Counts documents by status, one annotation set per document.
    pub fn of<'a>(sets: impl IntoIterator<Item = &'a AnnotationSet>) -> Self {
        let mut counts = Self::default();
        for set in sets {
            counts.add(DocSummary::of(set).status());
        }
        counts
    }

    /// Counts one more document of this status.
    pub fn add(&mut self, status: DocStatus) {
        match status {
            DocStatus::New => self.new += 1,
            DocStatus::ToReview => self.to_review += 1,
            DocStatus::InProgress => self.in_progress += 1,
            DocStatus::Done => self.done += 1,
        }
    }

    /// The documents counted.
    pub fn total(&self) -> usize {
        self.new + self.to_review + self.in_progress + self.done
    }

    /// `"1 new, 22 to review, 0 in progress, 0 done"` (`newsmark stats`
    /// prints it after `documents: `).
    pub fn describe(&self) -> String {
        format!(
            "{} new, {} to review, {} in progress, {} done",
            self.new, self.to_review, self.in_progress, self.done
        )
    }
}

/// Extractor quality over a corpus (or one document).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QualityReport {
    /// Documents looked at.
    pub documents: usize,
    /// All spans by status.
    pub totals: StatusCounts,
    /// One row per extractor and label, sorted.
    pub rows: Vec<OriginLabelStats>,
}

/// Computes extractor quality over annotation sets (one per document).
pub fn quality<'a>(sets: impl IntoIterator<Item = &'a AnnotationSet>) -> QualityReport {
    let mut tally = QualityTally::default();
    for set in sets {
        tally.add(set);
    }
    tally.finish()
}

/// Extractor quality counted one document at a time, so that a corpus
/// command holds one annotation set, not the corpus.
#[derive(Clone, Debug, Default)]
pub struct QualityTally {
    report: QualityReport,
    /// Rows by origin, then label (nested so that a row is found by
    /// `&str`s, without copying them).
    rows: BTreeMap<String, BTreeMap<String, OriginLabelStats>>,
}

impl QualityTally {
    /// Counts one more document's annotations.
    pub fn add(&mut self, set: &AnnotationSet) {
        let rows = &mut self.rows;
        self.report.documents += 1;
        let mut origins = HashSet::new();
        for span in set.spans() {
            self.report.totals.add(span.status);
            self.report.totals.pending_links += usize::from(span.has_pending_link());
            if let Origin::Extractor(name) = &span.origin {
                origins.insert(name.as_str());
                let row = row_mut(rows, name, &span.label);
                match span.status {
                    Status::Pending => row.pending += 1,
                    Status::Accepted => row.accepted += 1,
                    Status::Rejected => row.rejected += 1,
                }
            }
        }
        for origin in origins {
            let suggested: HashSet<(usize, usize, &str)> = set
                .spans()
                .iter()
                .filter(|s| matches!(&s.origin, Origin::Extractor(n) if n == origin))
                .map(|s| (s.start, s.end, s.label.as_str()))
                .collect();
            for span in set.spans() {
                if span.status == Status::Accepted
                    && !suggested.contains(&(span.start, span.end, span.label.as_str()))
                {
                    row_mut(rows, origin, &span.label).misses += 1;
                }
            }
        }
        self.add_relations(set);
    }

    /// Counts a document's relations as [`Self::add`] counts its spans, in
    /// rows labelled [`relation_row_label`]: per origin and relation type,
    /// its suggestions by status, and misses = accepted relations (in a
    /// document that origin suggested relations for) with no suggestion of
    /// that origin of the same type between the same spans.
    fn add_relations(&mut self, set: &AnnotationSet) {
        let rows = &mut self.rows;
        let mut origins = HashSet::new();
        for relation in set.relations() {
            if relation.status == Status::Pending {
                self.report.totals.pending_relations += 1;
            }
            if let Some(name) = relation.origin.extractor() {
                origins.insert(name);
                let row = row_mut(rows, name, &relation_row_label(&relation.label));
                match relation.status {
                    Status::Pending => row.pending += 1,
                    Status::Accepted => row.accepted += 1,
                    Status::Rejected => row.rejected += 1,
                }
            }
        }
        for origin in origins {
            let suggested: HashSet<(u64, u64, &str)> = set
                .relations()
                .filter(|r| r.origin.extractor() == Some(origin))
                .map(|r| (r.from, r.to, r.label.as_str()))
                .collect();
            for relation in set.relations() {
                if relation.status == Status::Accepted
                    && !suggested.contains(&(relation.from, relation.to, relation.label.as_str()))
                {
                    row_mut(rows, origin, &relation_row_label(&relation.label)).misses += 1;
                }
            }
        }
    }

    /// The report over every document added.
    /// Adds figures counted before (another document's, or several).
    pub fn absorb(&mut self, report: &QualityReport) {
        self.count(report.documents, report.totals, report_rows(report), true);
    }

    /// Takes back figures [`Self::absorb`]ed before (a document's figures
    /// when it changes or leaves the corpus): the tally is then what it
    /// would be had they never been added.
    pub fn remove(&mut self, report: &QualityReport) {
        self.count(report.documents, report.totals, report_rows(report), false);
    }

    /// Adds (`add`) or takes back figures given as `documents`, their spans
    /// by status, and rows of (origin, label, [pending, accepted, rejected,
    /// misses]); no string is copied unless a row is new.
    pub fn count<'a>(
        &mut self,
        documents: usize,
        totals: StatusCounts,
        rows: impl IntoIterator<Item = (&'a str, &'a str, [usize; 4])>,
        add: bool,
    ) {
        let change = |sum: &mut usize, n: usize| {
            *sum = if add { *sum + n } else { sum.saturating_sub(n) };
        };
        change(&mut self.report.documents, documents);
        change(&mut self.report.totals.pending, totals.pending);
        change(&mut self.report.totals.accepted, totals.accepted);
        change(&mut self.report.totals.rejected, totals.rejected);
        change(
            &mut self.report.totals.pending_relations,
            totals.pending_relations,
        );
        change(&mut self.report.totals.pending_links, totals.pending_links);
        for (origin, label, [pending, accepted, rejected, misses]) in rows {
            if add {
                let sum = row_mut(&mut self.rows, origin, label);
                sum.pending += pending;
                sum.accepted += accepted;
                sum.rejected += rejected;
                sum.misses += misses;
                continue;
            }
            let Some(labels) = self.rows.get_mut(origin) else {
                continue;
            };
            let Some(sum) = labels.get_mut(label) else {
                continue;
            };
            change(&mut sum.pending, pending);
            change(&mut sum.accepted, accepted);
            change(&mut sum.rejected, rejected);
            change(&mut sum.misses, misses);
            // A row is only there for what some document counts.
            if sum.pending + sum.accepted + sum.rejected + sum.misses == 0 {
                labels.remove(label);
                if labels.is_empty() {
                    self.rows.remove(origin);
                }
            }
        }
    }

    /// The figures counted.
    pub fn finish(self) -> QualityReport {
        QualityReport {
            rows: self
                .rows
                .into_values()
                .flat_map(BTreeMap::into_values)
                .collect(),
            ..self.report
        }
    }
}

/// What the label column of an extractor-quality row about relations
/// holds: the relation type after an arrow (`→ holds`), so that relation
/// rows sort after the span labels' and never mix with a label's.
pub fn relation_row_label(relation_type: &str) -> String {
    format!("{RELATION_ROW_MARK}{relation_type}")
}

/// How a relation row's label starts ([`relation_row_label`]).
pub const RELATION_ROW_MARK: &str = "→ ";

/// A report's rows as [`QualityTally::count`] takes them.
fn report_rows(report: &QualityReport) -> impl Iterator<Item = (&str, &str, [usize; 4])> {
    report.rows.iter().map(|r| {
        let counts = [r.pending, r.accepted, r.rejected, r.misses];
        (r.origin.as_str(), r.label.as_str(), counts)
    })
}

/// The row of `origin` and `label`, added empty if new; the strings are
/// copied only then (absorbing 100,000 documents' rows otherwise allocated
/// two strings a row).
fn row_mut<'a>(
    rows: &'a mut BTreeMap<String, BTreeMap<String, OriginLabelStats>>,
    origin: &str,
    label: &str,
) -> &'a mut OriginLabelStats {
    if !rows.contains_key(origin) {
        rows.insert(origin.to_owned(), BTreeMap::new());
    }
    let labels = rows.get_mut(origin).expect("inserted above");
    if !labels.contains_key(label) {
        labels.insert(
            label.to_owned(),
            OriginLabelStats {
                origin: origin.to_owned(),
                label: label.to_owned(),
                ..Default::default()
            },
        );
    }
    labels.get_mut(label).expect("inserted above")
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |p| format!("{:.1}%", p * 100.0))
}

impl QualityReport {
    /// A plain-text table for people.
    pub fn to_table(&self) -> String {
        let t = &self.totals;
        let mut out = format!(
            "{}: {} pending, {} accepted, {} rejected",
            crate::plural::counted(self.documents, "document", "documents"),
            t.pending,
            t.accepted,
            t.rejected
        );
        for (n, one, many) in [
            (
                t.pending_links,
                "pending entity link",
                "pending entity links",
            ),
            (t.pending_relations, "pending relation", "pending relations"),
        ] {
            if n > 0 {
                let _ = write!(out, "; {}", crate::plural::counted(n, one, many));
            }
        }
        out.push('\n');
        if self.rows.is_empty() {
            out.push_str("no extractor suggestions\n");
            return out;
        }
        let _ = writeln!(
            out,
            "{:<16} {:<12} {:>8} {:>8} {:>8} {:>8} {:>10} {:>8}",
            "origin", "label", "pending", "accepted", "rejected", "misses", "precision", "recall"
        );
        for r in &self.rows {
            let _ = writeln!(
                out,
                "{:<16} {:<12} {:>8} {:>8} {:>8} {:>8} {:>10} {:>8}",
                r.origin,
                r.label,
                r.pending,
                r.accepted,
                r.rejected,
                r.misses,
                percent(r.precision()),
                percent(r.recall())
            );
        }
        out
    }

    /// CSV with a header row, for spreadsheets.
    pub fn to_csv(&self) -> String {
        let mut out =
            String::from("origin,label,pending,accepted,rejected,misses,precision,recall\n");
        let num = |x: Option<f64>| x.map_or_else(String::new, |p| format!("{p:.4}"));
        for r in &self.rows {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                csv_field(&r.origin),
                csv_field(&r.label),
                r.pending,
                r.accepted,
                r.rejected,
                r.misses,
                num(r.precision()),
                num(r.recall())
            );
        }
        out
    }

    /// JSON for machines: totals and rows, with precision and recall.
    pub fn to_json(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "origin": r.origin,
                    "label": r.label,
                    "pending": r.pending,
                    "accepted": r.accepted,
                    "rejected": r.rejected,
                    "misses": r.misses,
                    "precision": r.precision(),
                    "recall": r.recall(),
                })
            })
            .collect();
        serde_json::json!({
            "documents": self.documents,
            "totals": self.totals,
            "extractors": rows,
        })
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests;

//! What an export did, and its summary for people.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::ExportFormat;
use crate::plural::{counted, noun};

/// What an export did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportReport {
    /// The format written.
    pub format: ExportFormat,
    /// Where it was written.
    pub out: PathBuf,
    /// Documents written.
    pub documents: usize,
    /// Spans written (for `CoNLL`, the spans that tagged at least one token).
    pub spans: usize,
    /// Spans not written because of their status (pending without
    /// [`ExportOptions::include_pending`], rejected).
    pub left_out: usize,
    /// Of [`Self::left_out`], the pending ones (none with
    /// [`ExportOptions::include_pending`]); the others were rejected.
    pub pending_left_out: usize,
    /// `CoNLL` only: nested or overlapping spans dropped (only the outermost
    /// is tagged).
    pub dropped_overlaps: usize,
    /// Documents not written (see [`Self::problems`]).
    pub skipped: usize,
    /// Documents written although their annotations had problems.
    pub reported: usize,
    /// Problems with documents, each naming its file. Non-empty means
    /// something in the corpus needs attention.
    pub problems: Vec<String>,
    /// What the format could not carry (overlaps, labels with spaces…).
    pub warnings: Vec<String>,
    /// Labels written that the corpus's schema does not define, with counts.
    pub unknown_labels: BTreeMap<String, usize>,
    /// Whether any of [`Self::unknown_labels`] was written under another
    /// name (a brat name, or `_` for whitespace in `CoNLL`), each renaming
    /// one of [`Self::warnings`].
    pub unknown_labels_renamed: bool,
}

impl ExportReport {
    /// An empty report of an export in `format` to `out`.
    pub(super) fn new(format: ExportFormat, out: &Path) -> Self {
        Self {
            format,
            out: out.to_owned(),
            documents: 0,
            spans: 0,
            left_out: 0,
            pending_left_out: 0,
            dropped_overlaps: 0,
            skipped: 0,
            reported: 0,
            problems: Vec::new(),
            warnings: Vec::new(),
            unknown_labels: BTreeMap::new(),
            unknown_labels_renamed: false,
        }
    }

    /// Adds what reading one document found.
    pub(super) fn add(&mut self, read: super::DocRead) {
        self.skipped += usize::from(read.skipped);
        self.reported += usize::from(read.reported);
        self.left_out += read.left_out;
        self.pending_left_out += read.pending_left_out;
        self.problems.extend(read.problems);
    }

    /// Whether every document was exported without a problem.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// What was left out for its status, and how to get the pending ones
    /// (advice only when pending ones were left out, so never with
    /// `--include-pending`); `None` when nothing was.
    fn left_out_line(&self) -> Option<String> {
        let rejected = self.left_out.saturating_sub(self.pending_left_out);
        let pending = self.pending_left_out;
        match (pending, rejected) {
            (0, 0) => None,
            (0, r) => Some(format!(
                "{} left out (rejected suggestions are never exported)",
                counted(r, "rejected span", "rejected spans")
            )),
            (p, 0) => Some(format!(
                "{} left out (--include-pending adds {})",
                counted(p, "pending span", "pending spans"),
                noun(p, "it", "them")
            )),
            (p, r) => Some(format!(
                "{} left out: {} (--include-pending adds {}) and {} (never exported)",
                counted(p + r, "span", "spans"),
                counted(p, "pending", "pending"),
                noun(p, "it", "them"),
                counted(r, "rejected", "rejected")
            )),
        }
    }
}

impl fmt::Display for ExportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "exported {}, {} as {} to {}",
            counted(self.documents, "document", "documents"),
            counted(self.spans, "span", "spans"),
            self.format,
            self.out.display()
        )?;
        if let Some(line) = self.left_out_line() {
            writeln!(f, "  {line}")?;
        }
        if self.dropped_overlaps > 0 {
            writeln!(
                f,
                "  {} dropped (CoNLL tags only the outermost)",
                counted(
                    self.dropped_overlaps,
                    "nested or overlapping span",
                    "nested or overlapping spans"
                )
            )?;
        }
        if self.skipped > 0 {
            let skipped = counted(self.skipped, "document", "documents");
            writeln!(f, "  {skipped} skipped")?;
        }
        if self.reported > 0 {
            let reported = counted(self.reported, "document", "documents");
            writeln!(f, "  {reported} exported with problems")?;
        }
        if !self.unknown_labels.is_empty() {
            let how = match (self.format, self.unknown_labels_renamed) {
                (_, false) => "as they are",
                (ExportFormat::Brat, true) => "under brat names (see the warnings above)",
                (_, true) => "with whitespace written _ (see the warnings above)",
            };
            writeln!(
                f,
                "  labels not in the schema, exported {how}: {}",
                crate::formats::counted_labels(&self.unknown_labels)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn left_out(pending: usize, rejected: usize) -> Option<String> {
        let mut report = ExportReport::new(ExportFormat::Spacy, Path::new("out.jsonl"));
        report.left_out = pending + rejected;
        report.pending_left_out = pending;
        report.left_out_line()
    }

    #[test]
    fn labels_outside_the_schema_are_said_to_be_renamed_only_when_they_were() {
        let summary = |format, renamed| {
            let mut report = ExportReport::new(format, Path::new("out"));
            report.unknown_labels.insert("país".to_owned(), 2);
            report.unknown_labels_renamed = renamed;
            report.to_string()
        };
        let line = |format, renamed| {
            summary(format, renamed)
                .lines()
                .find(|l| l.contains("not in the schema"))
                .map(str::to_owned)
        };
        assert_eq!(
            line(ExportFormat::Brat, true).as_deref(),
            Some(
                "  labels not in the schema, exported under brat names (see the warnings above): \
                 \"país\" ×2"
            )
        );
        assert_eq!(
            line(ExportFormat::Conll, true).as_deref(),
            Some(
                "  labels not in the schema, exported with whitespace written _ (see the \
                 warnings above): \"país\" ×2"
            )
        );
        for format in [ExportFormat::Brat, ExportFormat::Spacy, ExportFormat::Conll] {
            assert_eq!(
                line(format, false).as_deref(),
                Some("  labels not in the schema, exported as they are: \"país\" ×2")
            );
        }
    }

    #[test]
    fn include_pending_is_advised_only_for_pending_spans_left_out() {
        assert_eq!(left_out(0, 0), None);
        assert_eq!(
            left_out(1, 0).as_deref(),
            Some("1 pending span left out (--include-pending adds it)")
        );
        assert_eq!(
            left_out(0, 3).as_deref(),
            Some("3 rejected spans left out (rejected suggestions are never exported)")
        );
        assert_eq!(
            left_out(2, 1).as_deref(),
            Some(
                "3 spans left out: 2 pending (--include-pending adds them) and 1 rejected \
                 (never exported)"
            )
        );
    }
}

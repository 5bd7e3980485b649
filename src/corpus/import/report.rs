//! What an import did: per record merged, in sums, and what went wrong.

use std::collections::BTreeMap;
use std::fmt;

use crate::plural::{counted, noun};

/// What happened to one imported record that was merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocReport {
    /// The corpus document's name, without `.txt`.
    pub name: String,
    /// Where the record came from (`FILE:LINE`, a brat file).
    pub source: String,
    /// Whether the article was created by this import.
    pub created: bool,
    /// Spans added.
    pub added: usize,
    /// Relations added (brat `R` lines, doccano `relations`, between spans
    /// imported or there).
    pub relations: usize,
    /// Entity links added (brat `N` lines, doccano `kb_id`), on spans added
    /// or on spans there already without a link.
    pub links: usize,
    /// Spans skipped because the document already had them (same start,
    /// end and label, whatever their origin or status).
    pub duplicates: usize,
    /// Spans skipped: they could not be read from the source (see
    /// [`ImportedDoc::skipped_spans`]), or their offsets or quote do not fit
    /// the text.
    pub invalid: usize,
    /// Spans dropped because their label is not mapped (with
    /// [`ImportOptions::only_mapped`]).
    pub unmapped: usize,
    /// Spans imported although they cut a word (or a character) in two,
    /// each named in [`ImportReport::warnings`].
    pub cut_words: usize,
}

/// Sums over an import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportTotals {
    /// Records merged into a document.
    pub documents: usize,
    /// Of those, articles created.
    pub created: usize,
    /// Spans added.
    pub added: usize,
    /// Spans already present.
    pub duplicates: usize,
    /// Spans that did not fit their text.
    pub invalid: usize,
    /// Spans with unmapped labels.
    pub unmapped: usize,
    /// Spans imported although they cut a word.
    pub cut_words: usize,
    /// Records not merged at all (see [`ImportReport::problems`]).
    pub skipped_records: usize,
}

/// The outcome of [`import_into`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// One entry per record merged, in input order.
    pub docs: Vec<DocReport>,
    /// Records not merged (bad name, different text, protected annotations…).
    pub skipped_records: usize,
    /// Every problem, naming the source file and the line or span.
    pub problems: Vec<String>,
    /// Labels of added spans that the schema does not define, with counts.
    pub unknown_labels: BTreeMap<String, usize>,
    /// Spans imported, but worth a look: each names the source, the
    /// document and the span (a span that cuts a word or splits a
    /// character).
    pub warnings: Vec<String>,
}

impl ImportTotals {
    /// Counts one more record merged.
    pub fn add(&mut self, d: &DocReport) {
        self.documents += 1;
        self.created += usize::from(d.created);
        self.added += d.added;
        self.duplicates += d.duplicates;
        self.invalid += d.invalid;
        self.unmapped += d.unmapped;
        self.cut_words += d.cut_words;
    }

    /// Whether no record and no span was skipped as unreadable or invalid.
    pub fn complete(&self) -> bool {
        self.skipped_records == 0 && self.invalid == 0
    }
}

impl fmt::Display for ImportTotals {
    /// The import's summary line (no line break).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self;
        write!(
            f,
            "{} merged ({} created), {} skipped; {} added, {} skipped, {} skipped, {} dropped",
            counted(t.documents, "document", "documents"),
            t.created,
            t.skipped_records,
            counted(t.added, "span", "spans"),
            counted(t.duplicates, "duplicate", "duplicates"),
            counted(t.invalid, "invalid span", "invalid spans"),
            counted(t.unmapped, "unmapped span", "unmapped spans"),
        )?;
        if t.cut_words > 0 {
            write!(
                f,
                "; {} a word (imported; see the warnings)",
                counted(t.cut_words, "span cuts", "spans cut")
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for DocReport {
    /// The record's line in a report: `  NAME.txt (new): 3 added, …  [SOURCE]`
    /// (no line break).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self;
        write!(f, "  {}.txt", d.name)?;
        if d.created {
            f.write_str(" (new)")?;
        }
        write!(f, ": {} added", d.added)?;
        for (n, what) in [
            (d.relations, noun(d.relations, "relation", "relations")),
            (d.links, noun(d.links, "entity link", "entity links")),
            (d.duplicates, noun(d.duplicates, "duplicate", "duplicates")),
            (d.invalid, "invalid"),
            (d.unmapped, "unmapped"),
            (d.cut_words, noun(d.cut_words, "cuts a word", "cut words")),
        ] {
            if n > 0 {
                write!(f, ", {n} {what}")?;
            }
        }
        write!(f, "  [{}]", d.source)
    }
}

impl ImportReport {
    /// Sums over all documents.
    pub fn totals(&self) -> ImportTotals {
        let mut t = ImportTotals {
            skipped_records: self.skipped_records,
            ..ImportTotals::default()
        };
        for d in &self.docs {
            t.add(d);
        }
        t
    }

    /// Whether every record and span went in (warnings aside): nothing
    /// skipped or invalid, and no problem with a document merged into.
    pub fn imported_everything(&self) -> bool {
        self.problems.is_empty() && self.totals().complete()
    }

    /// The problems as the report ends with them: a count, then one
    /// indented line each (nothing when there is none).
    pub fn problem_lines(&self) -> String {
        if self.problems.is_empty() {
            return String::new();
        }
        let mut lines = format!("{}:\n", counted(self.problems.len(), "problem", "problems"));
        for p in &self.problems {
            lines.push_str("  ");
            lines.push_str(p);
            lines.push('\n');
        }
        lines
    }

    /// What is worth a look though it was imported, one line each: labels
    /// outside the schema, then [`Self::warnings`].
    pub fn warning_lines(&self) -> Vec<String> {
        let labels = (!self.unknown_labels.is_empty()).then(|| {
            format!(
                "labels not in the schema, imported as they are (rename with --map FROM=TO): {}",
                crate::formats::counted_labels(&self.unknown_labels)
            )
        });
        labels
            .into_iter()
            .chain(self.warnings.iter().cloned())
            .collect()
    }
}

impl fmt::Display for ImportReport {
    /// The totals, a line per record merged, and the problems; warnings are
    /// apart ([`Self::warning_lines`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.totals())?;
        for d in &self.docs {
            writeln!(f, "{d}")?;
        }
        f.write_str(&self.problem_lines())
    }
}

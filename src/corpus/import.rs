//! Merging documents read from other tools ([`crate::formats`]) into a
//! corpus: each record's text becomes (or must equal) an article of the
//! corpus, and its spans are added to the article's annotations as
//! suggestions (or accepted spans), never shifted, never duplicated.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::formats::{ImportedDoc, JsonSpan};
use crate::model::{Document, Edit, LabelSchema, Origin, Span, Status, graphemes, words};
use crate::plural::{counted, noun};
use crate::session::Session;
use crate::store::{self, StoreError};

/// How imported spans are merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// Label renamings `FROM=TO`, tried in order; the first match wins.
    pub map: Vec<(String, String)>,
    /// Drop spans whose label is not a `FROM` of [`Self::map`].
    pub only_mapped: bool,
    /// The extractor named as the new spans' origin (`spacy`, `brat`…).
    pub origin: String,
    /// Add the spans as accepted rather than pending review.
    pub accepted: bool,
}

/// A `--map` argument that is not `FROM=TO`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("label mapping {0:?} is not FROM=TO (both non-empty)")]
pub struct BadMapping(pub String);

/// Parses a label mapping written `FROM=TO`.
pub fn parse_mapping(arg: &str) -> Result<(String, String), BadMapping> {
    match arg.split_once('=') {
        Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
            Ok((from.trim().to_owned(), to.trim().to_owned()))
        }
        _ => Err(BadMapping(arg.to_owned())),
    }
}

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

impl ImportReport {
    /// Sums over all documents.
    pub fn totals(&self) -> ImportTotals {
        let mut t = ImportTotals {
            documents: self.docs.len(),
            skipped_records: self.skipped_records,
            ..ImportTotals::default()
        };
        for d in &self.docs {
            t.created += usize::from(d.created);
            t.added += d.added;
            t.duplicates += d.duplicates;
            t.invalid += d.invalid;
            t.unmapped += d.unmapped;
            t.cut_words += d.cut_words;
        }
        t
    }

    /// Whether every record and span went in (warnings aside): nothing
    /// skipped or invalid, and no problem with a document merged into.
    pub fn imported_everything(&self) -> bool {
        let t = self.totals();
        self.problems.is_empty() && t.skipped_records == 0 && t.invalid == 0
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
        let t = self.totals();
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
        writeln!(f)?;
        for d in &self.docs {
            write!(f, "  {}.txt", d.name)?;
            if d.created {
                f.write_str(" (new)")?;
            }
            write!(f, ": {} added", d.added)?;
            for (n, what) in [
                (d.duplicates, noun(d.duplicates, "duplicate", "duplicates")),
                (d.invalid, "invalid"),
                (d.unmapped, "unmapped"),
                (d.cut_words, noun(d.cut_words, "cuts a word", "cut words")),
            ] {
                if n > 0 {
                    write!(f, ", {n} {what}")?;
                }
            }
            writeln!(f, "  [{}]", d.source)?;
        }
        if !self.problems.is_empty() {
            writeln!(
                f,
                "{}:",
                counted(self.problems.len(), "problem", "problems")
            )?;
            for p in &self.problems {
                writeln!(f, "  {p}")?;
            }
        }
        Ok(())
    }
}

/// Merges `docs` into the corpus folder `corpus_dir`.
///
/// Each record goes to `NAME.txt`, where `NAME` is the record's name or, if
/// it has none, `doc-` and the first 12 hex digits of its text's SHA-256. If
/// that article exists its text must equal the record's; otherwise the
/// article is created with the record's text. The record's spans are then
/// added to the article's annotations as one undoable edit and saved: mapped
/// labels, offsets and quotes checked (a span that does not fit is reported,
/// never shifted), spans already present skipped. A record that cannot be
/// merged is reported in [`ImportReport::problems`] and skipped; nothing is
/// ever written outside `corpus_dir`, and a protected annotation file (one
/// newsmark could not fully load) is never overwritten.
///
/// Fails only if `corpus_dir` is not a readable folder.
pub fn import_into(
    corpus_dir: &Path,
    docs: &[ImportedDoc],
    options: &ImportOptions,
    schema: &LabelSchema,
) -> Result<ImportReport, StoreError> {
    let meta = std::fs::metadata(corpus_dir).map_err(|source| StoreError::Read {
        path: corpus_dir.to_owned(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(StoreError::Read {
            path: corpus_dir.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
        });
    }
    let mut report = ImportReport::default();
    // Each file is written whole (a temporary file renamed into place), and
    // all of them reach the disk together at the end: an fsync per file
    // took most of an import's time.
    for doc in docs {
        match merge(corpus_dir, doc, options, schema, &mut report) {
            Ok(done) => report.docs.push(done),
            Err(problem) => {
                report.skipped_records += 1;
                report.problems.push(problem);
            }
        }
    }
    if let Err(err) = store::sync_filesystem(corpus_dir) {
        report.problems.push(err.to_string());
    }
    Ok(report)
}

/// Merges one record; `Err` is the reason it was skipped.
fn merge(
    corpus_dir: &Path,
    imported: &ImportedDoc,
    options: &ImportOptions,
    schema: &LabelSchema,
    report: &mut ImportReport,
) -> Result<DocReport, String> {
    let source = &imported.source;
    // Offsets count a leading byte order mark, which is not part of a
    // newsmark text: they are moved back over it below.
    let text = Document::new(imported.text.as_str());
    let bom = usize::from(text.had_bom());
    let name = match &imported.name {
        Some(name) => name.clone(),
        None => format!("doc-{}", &store::text_sha256(text.text())[..12]),
    };
    if let Some(why) = store::document_name_problem(&name) {
        return Err(format!(
            "{source}: document name {name:?} refused: {why}; record skipped"
        ));
    }
    let txt_path = corpus_dir.join(format!("{name}.txt"));
    let ron_path = store::paired_ron_path(&txt_path);
    let mut report_doc = DocReport {
        name: name.clone(),
        source: source.clone(),
        invalid: imported.skipped_spans,
        ..DocReport::default()
    };
    if txt_path.exists() {
        let existing = store::read_text(&txt_path).map_err(|e| format!("{source}: {e}"))?;
        if existing.text() != text.text() {
            return Err(format!(
                "{source}: text differs from the corpus document {name}.txt ({}); record skipped",
                first_difference(existing.text(), text.text())
            ));
        }
    } else if ron_path.exists() {
        return Err(format!(
            "{source}: {} exists without {name}.txt; record skipped",
            ron_path.display()
        ));
    } else {
        store::replace_file(&txt_path, imported.text.as_bytes())
            .map_err(|e| format!("{source}: {e}"))?;
        report_doc.created = true;
    }

    let mut session =
        Session::read(&txt_path, schema.clone()).map_err(|e| format!("{source}: {e}"))?;
    if let Some(reason) = session.save_blocked() {
        return Err(format!(
            "{source}: {} is not merged into: {reason} (open it in newsmark to repair it)",
            ron_path.display()
        ));
    }
    // Problems with the file as a whole (a changed text, another document's
    // name) are worth knowing before merging into it; those of single spans
    // (an unknown label) are not this import's.
    let file_problems = session.problems().iter().filter(|p| p.span_id.is_none());
    report
        .problems
        .extend(file_problems.map(ToString::to_string));

    let status = if options.accepted {
        Status::Accepted
    } else {
        Status::Pending
    };
    let mut next_id = session.set().next_id();
    let mut seen = HashSet::new();
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    for span in &imported.spans {
        let mapped = options.map.iter().find(|(from, _)| *from == span.label);
        let label = match mapped {
            Some((_, to)) => to.as_str(),
            None if options.only_mapped => {
                report_doc.unmapped += 1;
                continue;
            }
            None => span.label.as_str(),
        };
        let quote = match crate::model::check_label_name(label)
            .map_or_else(|e| Err(format!("label {e}")), |()| place(&text, bom, span))
        {
            Ok(quote) => quote,
            Err(reason) => {
                report_doc.invalid += 1;
                report.problems.push(format!(
                    "{source}: {}..{}: {reason}; span skipped",
                    span.start, span.end
                ));
                continue;
            }
        };
        let (start, end) = (span.start - bom, span.end - bom);
        if session.set().find_same(start, end, label).is_some() || !seen.insert((start, end, label))
        {
            report_doc.duplicates += 1;
            continue;
        }
        if !schema.contains(label) {
            *report.unknown_labels.entry(label.to_owned()).or_default() += 1;
        }
        let cut = graphemes::grapheme_split(&text, start..end)
            .map(|split| split.to_string())
            .or_else(|| cut_words(&text, start, end));
        if let Some(cut) = cut {
            report_doc.cut_words += 1;
            warnings.push(format!(
                "{source}: {name}.txt: span {next_id} ({label}, {start}..{end}): {cut}; \
                 imported as it is"
            ));
        }
        edits.push(Edit::Add(Span {
            id: next_id,
            start,
            end,
            label: label.to_owned(),
            text: quote.to_owned(),
            origin: Origin::Extractor(options.origin.clone()),
            score: span.score,
            status,
        }));
        next_id += 1;
    }
    report_doc.added = edits.len();
    if !edits.is_empty() {
        session
            .perform(Edit::Batch(edits))
            .map_err(|e| format!("{source}: {name}.txt: {e}; record skipped"))?;
    }
    if report_doc.added > 0 || report_doc.created {
        session
            .save_with(store::Durability::Deferred)
            .map_err(|e| format!("{source}: {e}"))?;
    }
    report.warnings.extend(warnings);
    Ok(report_doc)
}

/// The text `span` covers, or why it does not fit. `bom` is 1 if the source
/// text started with a byte order mark, which its offsets count.
fn place<'t>(text: &'t Document, bom: usize, span: &JsonSpan) -> Result<&'t str, String> {
    if span.start >= span.end {
        return Err("empty span (start is not before end)".to_owned());
    }
    if span.start < bom {
        return Err("covers the byte order mark, which is not part of the text".to_owned());
    }
    let len = text.char_len() + bom;
    let actual = text
        .slice(span.start - bom..span.end - bom)
        .ok_or_else(|| {
            format!(
                "outside the text ({})",
                counted(len, "character", "characters")
            )
        })?;
    match &span.text {
        Some(quote) if quote != actual => Err(format!(
            "quote {quote:?} does not match the text there, which is {actual:?}"
        )),
        _ => Ok(actual),
    }
}

/// How the span `start..end` of `text` cuts words, if it does:
/// `cuts the word "Nairobi" (12..19): its quote is " Nairob"`.
fn cut_words(text: &Document, start: usize, end: usize) -> Option<String> {
    let word = |at: usize| {
        let range = words::word_cut_at(text, at)?;
        let word = text.slice(range.clone()).unwrap_or_default();
        Some(format!("{word:?} ({}..{})", range.start, range.end))
    };
    let cuts = match (word(start), word(end)) {
        (None, None) => return None,
        (Some(w), None) | (None, Some(w)) => format!("the word {w}"),
        (Some(a), Some(b)) if a == b => format!("the word {a}"),
        (Some(a), Some(b)) => format!("the words {a} and {b}"),
    };
    let quote = text.slice(start..end).unwrap_or_default();
    Some(format!("cuts {cuts}: its quote is {quote:?}"))
}

/// Where two different texts first differ, for the message.
fn first_difference(corpus: &str, imported: &str) -> String {
    let mut a = corpus.chars();
    let mut b = imported.chars();
    let mut at = 0;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => at += 1,
            (x, y) => {
                let show =
                    |c: Option<char>| c.map_or_else(|| "the end".to_owned(), |c| format!("{c:?}"));
                return format!(
                    "first difference at character {at}: the corpus has {}, the import {}",
                    show(x),
                    show(y)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_parse_and_bad_ones_are_refused() {
        assert_eq!(
            parse_mapping(" PERSON = person "),
            Ok(("PERSON".to_owned(), "person".to_owned()))
        );
        assert!(parse_mapping("PERSON").is_err());
        assert!(parse_mapping("=person").is_err());
    }

    #[test]
    fn a_span_past_a_one_character_text_says_1_character() {
        let span = JsonSpan {
            start: 0,
            end: 3,
            label: "person".to_owned(),
            score: None,
            text: None,
        };
        assert_eq!(
            place(&Document::new("a"), 0, &span),
            Err("outside the text (1 character)".to_owned())
        );
        assert_eq!(
            place(&Document::new("ab"), 0, &span),
            Err("outside the text (2 characters)".to_owned())
        );
    }

    #[test]
    fn the_first_difference_is_named_with_its_character() {
        let msg = first_difference("a\r\nb", "a\nb");
        assert_eq!(
            msg,
            "first difference at character 1: the corpus has '\\r', the import '\\n'"
        );
        assert!(first_difference("ab", "abc").contains("the corpus has the end"));
    }
}

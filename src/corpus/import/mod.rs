//! Merging documents read from other tools ([`crate::formats`]) into a
//! corpus: each record's text becomes (or must equal) an article of the
//! corpus, and its spans are added to the article's annotations as
//! suggestions (or accepted spans), never shifted, never duplicated.

mod relations;
mod repeats;
mod report;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::formats::{ImportedDoc, JsonSpan};
use crate::model::{Document, Edit, LabelSchema, Origin, Span, SpanId, Status, graphemes, words};
use crate::plural::counted;
use crate::session::Session;
use crate::store::{self, StoreError};

pub use report::{DocReport, ImportReport, ImportTotals};

use relations::relation_edits;
use repeats::{Placed, join_repeat};

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

/// Merges `docs` into the corpus folder `corpus_dir` (an [`Importer`]
/// over all of them).
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
    let importer = Importer::new(corpus_dir, options, schema)?;
    let mut report = ImportReport::default();
    for doc in docs {
        if let Some(done) = importer.merge(doc, &mut report) {
            report.docs.push(done);
        }
    }
    importer.finish(&mut report);
    Ok(report)
}

/// Merges records into one corpus folder as they come, one at a time (see
/// [`import_into`] for what merging does): an import of any size holds one
/// record at a time. Each file is written whole (a temporary file renamed
/// into place) and all of them reach the disk together in
/// [`Importer::finish`]: an fsync per file took most of an import's time.
#[derive(Debug)]
pub struct Importer<'a> {
    corpus_dir: &'a Path,
    options: &'a ImportOptions,
    schema: &'a LabelSchema,
}

impl<'a> Importer<'a> {
    /// An importer into `corpus_dir`; fails if it is not a readable folder.
    pub fn new(
        corpus_dir: &'a Path,
        options: &'a ImportOptions,
        schema: &'a LabelSchema,
    ) -> Result<Self, StoreError> {
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
        Ok(Self {
            corpus_dir,
            options,
            schema,
        })
    }

    /// Merges one record: what was done to its document, or `None` if it
    /// was skipped (counted and reported in `report`, as are its spans'
    /// problems and warnings; `report.docs` is left to the caller).
    pub fn merge(&self, doc: &ImportedDoc, report: &mut ImportReport) -> Option<DocReport> {
        match merge(self.corpus_dir, doc, self.options, self.schema, report) {
            Ok(done) => Some(done),
            Err(problem) => {
                report.skipped_records += 1;
                report.problems.push(problem);
                None
            }
        }
    }

    /// Makes everything merged durable (one flush of the filesystem); a
    /// failure is reported in `report`.
    pub fn finish(self, report: &mut ImportReport) {
        if let Err(err) = store::sync_filesystem(self.corpus_dir) {
            report.problems.push(err.to_string());
        }
    }
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
        store::write_new_file(&txt_path, imported.text.as_bytes())
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
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    // The id each imported span has in the document (a new one, or the
    // span that was there already), for the relations.
    let mut ids: Vec<Option<SpanId>> = vec![None; imported.spans.len()];
    let mut placed: HashMap<(usize, usize, String), Placed> = HashMap::new();
    // Each span's entity link, by its place in the record.
    let mut links: HashMap<usize, &str> = HashMap::new();
    for link in &imported.links {
        match crate::model::check_name(&link.entity, crate::model::MAX_NAME_CHARS) {
            Ok(()) => {
                links.insert(link.span, link.entity.as_str());
            }
            Err(e) => report.problems.push(format!(
                "{source}: entity id {:?}: {e}; link skipped",
                link.entity
            )),
        }
    }
    let mut link_edits = Vec::new();
    let mut linked_there = HashSet::new();
    for (index, span) in imported.spans.iter().enumerate() {
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
        let there = session.set().find_same(start, end, label);
        if let (Some(before), Some(entity)) = (there, links.get(&index))
            && before.entity.is_none()
            && linked_there.insert(before.id)
        {
            // A span there already, without a link: it gets this one.
            link_edits.push(Edit::Replace {
                before: before.clone(),
                after: Span {
                    entity: Some((*entity).to_owned()),
                    entity_status: status,
                    ..before.clone()
                },
            });
            report_doc.links += 1;
        }
        if let Some(there) = there {
            ids[index] = Some(there.id);
            report_doc.duplicates += 1;
            continue;
        }
        let key = (start, end, label.to_owned());
        if let Some(first) = placed.get(&key) {
            // Two spans of the record that are one once labels are mapped
            // (the reader has read exact repeats as one already).
            ids[index] = Some(first.id);
            let edit = edits.get_mut(first.edit);
            let link = links.get(&index).copied();
            let said = join_repeat(first, &span.label, edit, link, &mut report_doc.links);
            let (warning, problem) = said.messages(source, &name, &key);
            warnings.push(warning);
            report.problems.extend(problem);
            continue;
        }
        ids[index] = Some(next_id);
        let first = Placed {
            id: next_id,
            label: span.label.clone(),
            edit: edits.len(),
        };
        placed.insert(key, first);
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
            entity: links.get(&index).map(|e| (*e).to_owned()),
            entity_status: if links.contains_key(&index) {
                status
            } else {
                Status::Accepted
            },
        }));
        report_doc.links += usize::from(links.contains_key(&index));
        next_id += 1;
    }
    report_doc.added = edits.len();
    edits.extend(link_edits);
    let (relations, dangling, joined) =
        relation_edits(&session, &imported.relations, &ids, options, status);
    if joined > 0 {
        warnings.push(format!(
            "{source}: {name}.txt: {} read as one with another: their spans are one span once \
             labels are mapped",
            counted(joined, "relation", "relations")
        ));
    }
    if dangling > 0 {
        report.problems.push(format!(
            "{source}: {name}.txt: {} not imported: a span it joins was not imported",
            counted(dangling, "relation", "relations")
        ));
    }
    report_doc.relations = relations.len();
    edits.extend(relations);
    if !edits.is_empty() {
        session
            .perform(Edit::Batch(edits))
            .map_err(|e| format!("{source}: {name}.txt: {e}; record skipped"))?;
    }
    if report_doc.added > 0
        || report_doc.relations > 0
        || report_doc.links > 0
        || report_doc.created
    {
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

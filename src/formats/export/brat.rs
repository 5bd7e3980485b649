//! brat standoff: `NAME.txt` (the article, byte for byte), `NAME.ann` (one
//! `T` line per span) and one `annotation.conf` for the folder.
//!
//! A `T` line is `T1<tab>LABEL START END<tab>QUOTE`, offsets in code points
//! over the `.txt` exactly as written: a leading byte order mark is kept in
//! the `.txt` and, as brat counts it, shifts every offset by one. A span
//! whose quote holds a line break (any that Python's `splitlines` cuts at,
//! as brat's reader does: see [`crate::formats::lines`]) is written as brat
//! writes such a selection: fragments `START END;START END` split at the
//! line breaks, without the whitespace around each break, their quotes
//! joined by a space; `import brat` joins them back. Whitespace at the
//! span's own ends next to a break cannot be written, and is reported.
//! Labels are written as brat can store them
//! ([`crate::formats::brat_labels`]). With pending spans exported, each `T`
//! line is followed by an `AnnotatorNotes` line giving the span's status,
//! origin and score. Relations whose two spans are written follow as `R`
//! lines, `R1<tab>TYPE Arg1:T3 Arg2:T2`, in relation id order, types named
//! as brat can store them too. Then each
//! written span's entity link (accepted; pending too with pending spans
//! exported) is an `N` line, `N1<tab>Reference T4 newsmark:ID<tab>NAME`
//! (NAME the registry's preferred name, or the span's text if the registry
//! lacks the entity), followed by a second `N` line with the registry's
//! external id where it has one (`Wikidata:Q241`): see
//! [`crate::formats::brat_links`].

use std::fmt::Write as _;

use super::{ExportOptions, origin_name, status_name};
use crate::entities::Registry;
use crate::formats::brat_labels::BratLabels;
use crate::formats::brat_links::{NEWSMARK_DB, encode_id, external_db, one_line};
use crate::formats::lines::is_line_break;
use crate::model::{AnnotationSet, Document, Relation, Span};
use crate::store::{self, StoreError};

/// The name of brat's configuration file, written in the output folder.
pub const CONF_FILE: &str = "annotation.conf";

/// One document's `.ann` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BratAnn {
    /// The file's contents.
    pub text: String,
    /// Spans written (one `T` line each).
    pub spans: usize,
    /// Relations written (one `R` line each).
    pub relations: usize,
    /// `N` lines written (one per entity link, and one per external id).
    pub links: usize,
    /// Spans that could not be written, each naming the document.
    pub warnings: Vec<String>,
}

/// The folder a brat export writes: a new one (missing or empty when the
/// export began), built hidden and put in place whole at the end
/// ([`store::StagedFolder`]), or one holding files already, where each
/// file replaces any file of that name whole ([`store::replace_file`]).
#[derive(Debug)]
pub enum BratFolder {
    /// A new folder, shown only once complete.
    New(store::StagedFolder),
    /// A folder that held files when the export began.
    Existing(std::path::PathBuf),
}

impl BratFolder {
    /// Writes the file `name` in the folder; made durable, and a new
    /// folder shown, by [`Self::finish`].
    pub fn write(&self, name: &str, contents: &str) -> Result<(), StoreError> {
        match self {
            Self::New(staged) => staged.write(name, contents.as_bytes()),
            Self::Existing(path) => store::replace_file(&path.join(name), contents.as_bytes()),
        }
    }

    /// Ends a complete export: writes `conf` as [`CONF_FILE`], flushes
    /// every file to the disk, and gives a new folder its name.
    pub fn finish(self, conf: &str) -> Result<(), StoreError> {
        match self {
            Self::New(staged) => {
                staged.write(CONF_FILE, conf.as_bytes())?;
                staged.finish()
            }
            Self::Existing(path) => {
                store::sync_filesystem(&path)?;
                store::atomic_write(&path.join(CONF_FILE), conf.as_bytes())
            }
        }
    }
}

/// The relations of `set` an export with `options` writes, in order.
pub fn exported_relations(set: &AnnotationSet, options: ExportOptions) -> Vec<&Relation> {
    set.relations()
        .filter(|r| options.exports(r.status))
        .collect()
}

/// The entity `span` is linked to, if an export with `options` writes the
/// link: an accepted link, or a pending one when pending spans are
/// exported; never a rejected one.
pub fn exported_link(span: &Span, options: ExportOptions) -> Option<&str> {
    span.entity
        .as_deref()
        .filter(|_| options.exports(span.entity_status))
}

/// The `.ann` file's name for the article named `name` (`NAME.txt` →
/// `NAME.ann`).
pub fn ann_name(name: &str) -> String {
    format!("{}.ann", name.strip_suffix(".txt").unwrap_or(name))
}

/// The `.txt` file of `doc`: its text, with the byte order mark it was read
/// with, if any (brat's offsets count it).
pub fn txt(doc: &Document) -> String {
    if doc.had_bom() {
        format!("\u{feff}{}", doc.text())
    } else {
        doc.text().to_owned()
    }
}

/// The `.ann` file of the document `name` (its file name, for messages):
/// one `T` line per span of `spans`, numbered from `T1` in their order, and
/// with [`ExportOptions::include_pending`] an `AnnotatorNotes` line after
/// each; then an `R` line for each of `relations` whose two spans were
/// written, and `N` lines for the written spans' entity links, named after
/// `registry`. Labels and relation types are written under their names in
/// `labels`.
pub fn ann(
    name: &str,
    doc: &Document,
    (spans, relations): (&[Span], &[&Relation]),
    registry: &Registry,
    labels: &mut BratLabels,
    options: ExportOptions,
) -> BratAnn {
    let bom = usize::from(doc.had_bom());
    let mut out = BratAnn {
        text: String::new(),
        spans: 0,
        relations: 0,
        links: 0,
        warnings: Vec::new(),
    };
    // Each written span's T number.
    let mut numbers = std::collections::HashMap::new();
    for span in spans {
        let quote = doc.slice(span.start..span.end).unwrap_or(&span.text);
        let pieces = fragments(span.start, quote);
        if pieces.is_empty() {
            out.warnings.push(format!(
                "{name}: span {} ({}..{}) holds only line breaks and spaces; brat cannot show it, \
                 not written",
                span.id, span.start, span.end
            ));
            continue;
        }
        if let (Some(first), Some(last)) = (pieces.first(), pieces.last())
            && (first.start, last.end) != (span.start, span.end)
        {
            out.warnings.push(format!(
                "{name}: span {} {:?} ({}..{}) is written as {}..{}: brat cannot hold the \
                 whitespace at its line break",
                span.id, span.text, span.start, span.end, first.start, last.end
            ));
        }
        out.spans += 1;
        let n = out.spans;
        numbers.insert(span.id, n);
        let offsets: Vec<String> = pieces
            .iter()
            .map(|f| format!("{} {}", f.start + bom, f.end + bom))
            .collect();
        let quotes: Vec<&str> = pieces.iter().map(|f| f.text).collect();
        let _ = writeln!(
            out.text,
            "T{n}\t{} {}\t{}",
            labels.name(&span.label),
            offsets.join(";"),
            quotes.join(" ")
        );
        if options.include_pending {
            let mut note = format!(
                "status: {}; origin: {}",
                status_name(span.status),
                origin_name(&span.origin)
            );
            if let Some(score) = span.score {
                let _ = write!(note, "; score: {score}");
            }
            // A note is one line: an extractor name cannot break it.
            let note = note.replace(['\r', '\n'], " ");
            let _ = writeln!(out.text, "#{n}\tAnnotatorNotes T{n}\t{note}");
        }
    }
    for relation in relations {
        let (Some(from), Some(to)) = (numbers.get(&relation.from), numbers.get(&relation.to))
        else {
            continue;
        };
        out.relations += 1;
        let _ = writeln!(
            out.text,
            "R{}\t{} Arg1:T{from} Arg2:T{to}",
            out.relations,
            labels.relation_name(&relation.label)
        );
    }
    let mut n = 0;
    for span in spans {
        let (Some(t), Some(entity)) = (numbers.get(&span.id), exported_link(span, options)) else {
            continue;
        };
        let known = registry.get(entity);
        let preferred = one_line(known.map_or(span.text.as_str(), |e| e.name.as_str()));
        n += 1;
        let _ = writeln!(
            out.text,
            "N{n}\tReference T{t} {NEWSMARK_DB}:{}\t{preferred}",
            encode_id(entity)
        );
        if let Some(external) = known
            .map(|e| e.external_id.as_str())
            .filter(|x| !x.is_empty())
        {
            n += 1;
            let _ = writeln!(
                out.text,
                "N{n}\tReference T{t} {}:{}\t{preferred}",
                external_db(external),
                encode_id(external)
            );
        }
    }
    out.links = n;
    out
}

/// A contiguous piece of a span, in code points over the text (no BOM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fragment<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text it covers.
    pub text: &'a str,
}

/// The fragments brat writes for a span starting at `start` with `quote`:
/// the whole span if it holds no line break; otherwise the
/// pieces between line breaks, each without leading or trailing whitespace,
/// empty ones left out (as brat splits a selection across lines).
pub fn fragments(start: usize, quote: &str) -> Vec<Fragment<'_>> {
    if !quote.contains(is_line_break) {
        let end = start + quote.chars().count();
        return vec![Fragment {
            start,
            end,
            text: quote,
        }];
    }
    let mut out = Vec::new();
    let mut at = start;
    for piece in quote.split(is_line_break) {
        let len = piece.chars().count();
        let trimmed = piece.trim_start();
        let lead = len - trimmed.chars().count();
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            let s = at + lead;
            out.push(Fragment {
                start: s,
                end: s + trimmed.chars().count(),
                text: trimmed,
            });
        }
        // The piece, then the break character that ended it.
        at += len + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Status};

    #[test]
    fn a_span_across_a_crlf_becomes_two_fragments() {
        let doc = Document::new("Havana:\r\n  Issa Zarepour");
        let quote = doc.slice(0..24).unwrap_or_default();
        let got = fragments(0, quote);
        let ranges: Vec<_> = got.iter().map(|f| (f.start, f.end, f.text)).collect();
        assert_eq!(ranges, vec![(0, 7, "Havana:"), (11, 24, "Issa Zarepour")]);
        assert!(fragments(3, "\r\n ").is_empty());
        let got = fragments(0, "Ana\u{2028}D\u{0c}B\u{85}C");
        let ranges: Vec<_> = got.iter().map(|f| (f.start, f.end)).collect();
        assert_eq!(
            ranges,
            vec![(0, 3), (4, 5), (6, 7), (8, 9)],
            "every line break"
        );
        assert_eq!(fragments(5, " a b ")[0].end, 10, "no break: kept whole");
    }

    #[test]
    fn lines_notes_and_a_bom() {
        let doc = Document::new("\u{feff}😀 Ana\nDíaz met Bo");
        let mut a = Span::manual(1, 2, 10, "full name", "Ana\nDíaz");
        a.origin = Origin::Extractor("spacy".to_owned());
        a.score = Some(0.5);
        a.status = Status::Pending;
        let b = Span::manual(2, 15, 17, "person", "Bo");
        let options = ExportOptions {
            include_pending: true,
        };
        let mut labels = BratLabels::default();
        let spans = [a, b];
        let ann = ann(
            "x.txt",
            &doc,
            (&spans, &[]),
            &Registry::default(),
            &mut labels,
            options,
        );
        assert_eq!(
            ann.text,
            "T1\tfull_name 3 6;7 11\tAna Díaz\n\
             #1\tAnnotatorNotes T1\tstatus: pending; origin: extractor:spacy; score: 0.5\n\
             T2\tperson 16 18\tBo\n\
             #2\tAnnotatorNotes T2\tstatus: accepted; origin: manual\n"
        );
        assert_eq!(txt(&doc), "\u{feff}😀 Ana\nDíaz met Bo");
    }

    #[test]
    fn links_are_n_lines_with_the_preferred_name_and_the_external_id() {
        let doc = Document::new("Havana and La Habana met Bo");
        let mut havana = Span::manual(1, 0, 6, "country", "Havana");
        havana.entity = Some("cuba".to_owned());
        let mut habana = Span::manual(2, 11, 20, "country", "La Habana");
        habana.entity = Some("la habana".to_owned());
        let mut bo = Span::manual(3, 25, 27, "person", "Bo");
        bo.entity = Some("bo".to_owned());
        bo.entity_status = Status::Pending;
        let mut cuba = crate::entities::Entity::new("cuba", "country", "Cuba");
        cuba.external_id = "Q241".to_owned();
        let (registry, _) = Registry::from_entities(vec![cuba]);
        let spans = [havana, habana, bo];
        let mut labels = BratLabels::default();
        let options = ExportOptions::default();
        let ann = ann(
            "x.txt",
            &doc,
            (&spans, &[]),
            &registry,
            &mut labels,
            options,
        );
        let n_lines: Vec<&str> = ann.text.lines().filter(|l| l.starts_with('N')).collect();
        assert_eq!(
            n_lines,
            [
                "N1\tReference T1 newsmark:cuba\tCuba",
                "N2\tReference T1 Wikidata:Q241\tCuba",
                "N3\tReference T2 newsmark:la%20habana\tLa Habana",
            ],
            "the pending link of Bo is left out"
        );
        assert_eq!(ann.links, 3);
    }
}

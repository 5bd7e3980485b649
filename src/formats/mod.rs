//! Other tools' annotation formats: reading what extractors and annotators
//! write (spaCy/Prodigy JSONL, doccano JSONL, brat standoff).
//!
//! [`read`] turns a source into [`ImportedDoc`]s whose offsets are code
//! points over the text as the source gives it (see [`OffsetUnit`] for
//! sources that count otherwise). Nothing here touches a corpus: that is
//! [`crate::corpus::import`]'s job.
//!
//! - `mod.rs`: [`read`], [`Format`], [`ImportedDoc`]: reading a source
//! - `brat.rs`: brat standoff (`.txt` / `.ann` pairs)
//! - `brat_labels.rs`: labels as brat can store them, and back
//! - `brat_links.rs`: entity links as brat `N` lines
//! - `doccano.rs`: doccano JSONL
//! - `export/`: writing a corpus in those formats, `CoNLL` and W3C
//! - `imported.rs`: removing a record's spans with their relations and links
//! - `jsonl.rs`: what the JSONL formats share
//! - `lines.rs`: line breaks as Python's `str.splitlines` sees them
//! - `repeats.rs`: what one record says twice (brat and JSONL alike)
//! - `spacy.rs`: spaCy / Prodigy JSONL
//! - `unit_detection.rs`: which unit a record's offsets count, from the record
//! - `units.rs`: offset units and their conversion to code points

mod brat;
pub mod brat_labels;
pub mod brat_links;
mod doccano;
pub mod export;
mod imported;
mod jsonl;
pub mod lines;
mod repeats;
mod spacy;
mod unit_detection;
mod units;

use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use units::{OffsetUnit, UnknownOffsetUnit};

/// A span as spaCy and Prodigy write it in JSONL (`"spans": [...]`), and as
/// an external extractor prints it. Offsets are code points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonSpan {
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label, before any mapping.
    pub label: String,
    /// Confidence in `0.0..=1.0`, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The quote, if the source gives one: checked against the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A relation read from another tool's output (a brat `R` line, a doccano
/// `relations` entry): its type and its two spans, by their place in
/// [`ImportedDoc::spans`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRelation {
    /// The relation type.
    pub label: String,
    /// The index of its first argument (`Arg1`) in the record's spans.
    pub from: usize,
    /// The index of its second argument (`Arg2`).
    pub to: usize,
}

/// A link from a span to an entity of the registry read from another tool's
/// output (a brat `N` line `Reference T1 newsmark:ID`, a doccano entity's
/// `kb_id`): the span by its place in [`ImportedDoc::spans`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedLink {
    /// The index of the span in the record's spans.
    pub span: usize,
    /// The entity's id in the registry.
    pub entity: String,
}

/// One document read from another tool's output, before it is merged into a
/// corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedDoc {
    /// Where it came from, for messages: `FILE:LINE` or a brat file.
    pub source: String,
    /// The document's name, if the source gives one (`meta.file`, `meta.id`,
    /// a brat file stem); without extension.
    pub name: Option<String>,
    /// The text, exactly as the source gives it.
    pub text: String,
    /// The spans.
    pub spans: Vec<JsonSpan>,
    /// The relations between them (brat `R` lines, doccano and spaCy /
    /// Prodigy `relations`).
    pub relations: Vec<ImportedRelation>,
    /// The spans' entity links (brat `N` lines, doccano and spaCy
    /// `kb_id`).
    pub links: Vec<ImportedLink>,
    /// Spans of this record that could not be read (an entry that does not
    /// parse, a discontinuous brat span, offsets inside a character), each
    /// reported in [`ReadOutcome::problems`]; counted as invalid by the
    /// import.
    pub skipped_spans: usize,
}

/// A format newsmark can import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// spaCy / Prodigy JSONL: `{"text", "spans": [{"start", "end", "label"}]}`.
    Spacy,
    /// doccano JSONL: `{"text", "label": [[start, end, label]]}` or
    /// `{"text", "entities": [{"start_offset", "end_offset", "label"}]}`.
    Doccano,
    /// brat standoff: a folder of `NAME.txt` / `NAME.ann` pairs.
    Brat,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Self; 3] = [Self::Spacy, Self::Doccano, Self::Brat];

    /// The name used on the command line: `spacy`, `doccano` or `brat`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Spacy => "spacy",
            Self::Doccano => "doccano",
            Self::Brat => "brat",
        }
    }

    /// What the format's offsets count when the user does not say: doccano
    /// counts UTF-16 code units (it computes offsets in JavaScript), the
    /// others code points.
    pub fn default_offsets(self) -> OffsetUnit {
        match self {
            Self::Doccano => OffsetUnit::Utf16,
            Self::Spacy | Self::Brat => OffsetUnit::CodePoints,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not `spacy`, `doccano` or `brat`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}: expected spacy, doccano or brat")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// How to read a source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// What the source's offsets count, as the user says; `None` for the
    /// format's usual unit ([`Format::default_offsets`]). Either way each
    /// record's offsets are checked against its text: a record that the
    /// user's unit does not fit, where another unit does, is skipped;
    /// without a unit given, the one that fits is used, with a warning.
    pub offsets: Option<OffsetUnit>,
}

/// What reading a source gave: the documents, and every record or line that
/// had to be skipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOutcome {
    /// The documents, in source order; offsets are code points.
    pub docs: Vec<ImportedDoc>,
    /// One message per problem, each naming the file and the line or span.
    pub problems: Vec<String>,
    /// Records or lines not read at all (each reported in
    /// [`Self::problems`]).
    pub skipped_records: usize,
    /// What was read but is worth a look, each naming the file and record:
    /// offsets read in another unit than the one expected.
    pub warnings: Vec<String>,
}

/// A source that could not be read at all. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file or folder could not be read (missing, unreadable…).
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file is not valid UTF-8.
    #[error("{}: not UTF-8 (invalid byte at offset {offset}); convert it to UTF-8 first", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A brat source that is neither a folder nor a `.ann` / `.txt` file.
    #[error("{}: not a brat folder, .ann or .txt file", path.display())]
    NotBrat {
        /// The path given.
        path: PathBuf,
    },
}

/// Reads `src` (a JSONL file, or for brat a folder or one `.ann` file) in
/// `format`, with the format's usual offset unit.
pub fn read(format: Format, src: &Path) -> Result<ReadOutcome, FormatError> {
    read_with(format, src, &ReadOptions::default())
}

/// [`read`], with options.
pub fn read_with(
    format: Format,
    src: &Path,
    options: &ReadOptions,
) -> Result<ReadOutcome, FormatError> {
    let mut docs = Vec::new();
    let mut outcome = read_each(format, src, options, &mut |doc| {
        docs.push(doc);
        ControlFlow::Continue(())
    })?;
    outcome.docs = docs;
    Ok(outcome)
}

/// Receives each document as a reader reads it, with the outcome so far.
type Emit<'a> = dyn FnMut(ImportedDoc, &mut ReadOutcome) + 'a;

/// Reads `src` like [`read_with`], handing each document to `each` as soon
/// as it is read (its offsets already converted to code points) instead of
/// collecting them: only one record is held at a time. `each` may stop the
/// reading with [`ControlFlow::Break`]. The outcome's
/// [`ReadOutcome::docs`] is left empty.
///
/// A JSONL source is checked to be UTF-8 as a whole before its first record
/// is handed over, so that a file that cannot be read imports nothing.
pub fn read_each(
    format: Format,
    src: &Path,
    options: &ReadOptions,
    each: &mut dyn FnMut(ImportedDoc) -> ControlFlow<()>,
) -> Result<ReadOutcome, FormatError> {
    let expected = match options.offsets {
        Some(unit) => unit_detection::Expected::Given(unit),
        None => unit_detection::Expected::Usual(format.default_offsets()),
    };
    let mut stopped = false;
    let mut accept = |mut doc: ImportedDoc, outcome: &mut ReadOutcome| {
        if stopped {
            return;
        }
        match unit_detection::choose(&doc, expected) {
            Ok(choice) => {
                outcome.warnings.extend(choice.warning);
                units::to_code_points(&mut doc, choice.unit, &mut outcome.problems);
                stopped = each(doc).is_break();
            }
            Err(refusal) => {
                outcome.problems.push(refusal);
                outcome.skipped_records += 1;
            }
        }
    };
    let mut outcome = ReadOutcome::default();
    let to_doc: jsonl::ToDoc = match format {
        Format::Brat => {
            brat::read_each(src, &mut outcome, &mut accept)?;
            return Ok(outcome);
        }
        Format::Spacy => spacy::record_doc,
        Format::Doccano => doccano::record_doc,
    };
    check_utf8(src)?;
    let read_err = |source| FormatError::Read {
        path: src.to_owned(),
        source,
    };
    let file = std::fs::File::open(src).map_err(read_err)?;
    let name = src.display().to_string();
    let mut reader = std::io::BufReader::new(file);
    jsonl::read_each(&name, &mut reader, to_doc, &mut outcome, &mut accept).map_err(read_err)?;
    Ok(outcome)
}

/// Checks, before anything is read from it, that `src` can be read in
/// `format`: a JSONL file that exists and is UTF-8 throughout, or a brat
/// folder, `.ann` or `.txt` file.
pub fn check_source(format: Format, src: &Path) -> Result<(), FormatError> {
    match format {
        Format::Spacy | Format::Doccano => check_utf8(src),
        Format::Brat => brat::check(src).map(|_| ()),
    }
}

/// Checks that the file `path` is UTF-8 throughout, reading it in blocks
/// (never whole).
fn check_utf8(path: &Path) -> Result<(), FormatError> {
    use std::io::Read as _;
    let read_err = |source| FormatError::Read {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    let mut block = vec![0u8; 1 << 16];
    // Bytes of a character cut by the end of the previous block.
    let mut carried = 0;
    // Offset in the file of `block[0]`.
    let mut at = 0;
    loop {
        let n = file.read(&mut block[carried..]).map_err(read_err)?;
        let filled = carried + n;
        match std::str::from_utf8(&block[..filled]) {
            Ok(_) if n == 0 => return Ok(()),
            Ok(_) => carried = 0,
            // A character cut by the block's end, with more to read.
            Err(e) if e.error_len().is_none() && n > 0 => {
                let valid = e.valid_up_to();
                block.copy_within(valid..filled, 0);
                carried = filled - valid;
                at += valid;
                continue;
            }
            Err(e) => {
                return Err(FormatError::NotUtf8 {
                    path: path.to_owned(),
                    offset: at + e.valid_up_to(),
                });
            }
        }
        at += filled;
    }
}

/// Reads a whole file as UTF-8, exactly as stored (a byte order mark kept).
fn read_raw(path: &Path) -> Result<String, FormatError> {
    let bytes = std::fs::read(path).map_err(|source| FormatError::Read {
        path: path.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| FormatError::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Reads a whole file as UTF-8, without a leading byte order mark.
fn read_utf8(path: &Path) -> Result<String, FormatError> {
    let mut text = read_raw(path)?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// `"label" ×n` for each label, comma-separated: how reports list labels
/// that the schema does not define.
pub(crate) fn counted_labels(counts: &std::collections::BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .map(|(label, n)| format!("{label:?} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip_and_unknown_ones_are_refused() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>(), Ok(f));
        }
        assert_eq!("Brat".parse::<Format>(), Ok(Format::Brat));
        let err = "conll".parse::<Format>().unwrap_err();
        assert!(err.to_string().contains("\"conll\""), "{err}");
    }

    #[test]
    fn missing_and_non_utf8_files_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("nope.jsonl");
        let err = read(Format::Spacy, &missing).unwrap_err();
        assert!(matches!(err, FormatError::Read { .. }));
        assert!(err.to_string().contains("nope.jsonl"), "{err}");

        let latin1 = dir.path().join("latin1.jsonl");
        std::fs::write(&latin1, b"{\"text\": \"caf\xe9\"}\n").expect("write");
        let err = read(Format::Doccano, &latin1).unwrap_err();
        assert!(
            matches!(err, FormatError::NotUtf8 { offset: 13, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("latin1.jsonl"), "{err}");
    }

    #[test]
    fn utf8_is_checked_in_blocks_with_characters_cut_by_a_block_end() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.jsonl");
        // "é" straddles the first 64 KiB block's end.
        let mut bytes = vec![b' '; (1 << 16) - 1];
        bytes.extend("é".as_bytes());
        bytes.extend(vec![b' '; 5_000]);
        std::fs::write(&path, &bytes).expect("write");
        assert!(check_utf8(&path).is_ok());
        // An invalid byte past the first block is named at its offset.
        bytes.push(0xff);
        let at = bytes.len() - 1;
        bytes.extend(b"  ");
        std::fs::write(&path, &bytes).expect("write");
        let err = check_utf8(&path).unwrap_err();
        assert!(
            matches!(err, FormatError::NotUtf8 { offset, .. } if offset == at),
            "{err:?}"
        );
        // A character cut by the end of the file.
        std::fs::write(&path, &"é".as_bytes()[..1]).expect("write");
        assert!(matches!(
            check_utf8(&path),
            Err(FormatError::NotUtf8 { offset: 0, .. })
        ));
    }
}

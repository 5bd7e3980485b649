//! Writing a corpus in other tools' formats: brat standoff, spaCy JSONL,
//! doccano JSONL, `CoNLL` BIO and W3C Web Annotation JSON-LD.
//!
//! [`export_corpus`] reads every article of a corpus with its annotations
//! and writes them in one format. Only accepted spans are written unless
//! [`ExportOptions::include_pending`] asks for pending suggestions too;
//! rejected suggestions are never written. Each format also has functions
//! over one document (its file name, [`Document`](crate::model::Document) and spans), which write
//! every span they are given: [`brat`], [`jsonl`], [`conll`], [`w3c`].
//!
//! Offsets are code points over the text exactly as stored (CRLF counts as
//! two), except for doccano, which counts UTF-16 code units as its importer
//! ([`super::Format::Doccano`]) expects, and brat, whose `.txt` keeps a
//! leading byte order mark, counted in its offsets as brat does.
//!
//! - `mod.rs`: [`export_corpus`] and its options
//! - `brat.rs`: brat standoff and its `annotation.conf`
//! - `conll.rs`: `CoNLL`-2002 BIO tags
//! - `jsonl.rs`: spaCy and doccano JSONL
//! - `render.rs`: reading and rendering one article's part, on any thread
//! - `report.rs`: what an export did, and its summary
//! - `w3c.rs`: W3C Web Annotation JSON-LD

pub mod brat;
pub mod conll;
pub mod jsonl;
mod render;
mod report;
pub mod w3c;

use render::{Body, DocRead, read_and_render};
pub use report::ExportReport;

use std::collections::BTreeSet;
use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::corpus;
use crate::formats::brat_labels::BratLabels;
use crate::model::{Origin, Span, Status};
use crate::plural::counted;

use crate::settings::{self, SettingsError};
use crate::store::{self, StoreError};

/// A format newsmark can export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// brat standoff: a folder of `NAME.txt` / `NAME.ann` pairs and an
    /// `annotation.conf`.
    Brat,
    /// spaCy JSONL: `{"text", "spans": [{"start", "end", "label"}], "meta"}`.
    Spacy,
    /// doccano JSONL: `{"text", "label": [[start, end, label]], "meta"}`,
    /// offsets in UTF-16 code units.
    Doccano,
    /// `CoNLL`-2002 style BIO tags, one `token TAG` a line.
    Conll,
    /// W3C Web Annotation JSON-LD: one `AnnotationCollection`.
    W3c,
}

impl ExportFormat {
    /// Every format, in the order help texts list them.
    pub const ALL: [Self; 5] = [
        Self::Brat,
        Self::Spacy,
        Self::Doccano,
        Self::Conll,
        Self::W3c,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Brat => "brat",
            Self::Spacy => "spacy",
            Self::Doccano => "doccano",
            Self::Conll => "conll",
            Self::W3c => "w3c",
        }
    }

    /// Whether the output is a folder (brat) rather than one file.
    pub fn writes_folder(self) -> bool {
        self == Self::Brat
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`ExportFormat::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: expected brat, spacy, doccano, conll or w3c")]
pub struct UnknownExportFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownExportFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownExportFormat(s.to_owned()))
    }
}

/// What to export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Export pending suggestions as well as accepted spans, each with its
    /// status and origin where the format can carry them. Rejected
    /// suggestions are never exported.
    pub include_pending: bool,
}

impl ExportOptions {
    /// Whether a span of this status is exported.
    pub fn exports(&self, status: Status) -> bool {
        match status {
            Status::Accepted => true,
            Status::Pending => self.include_pending,
            Status::Rejected => false,
        }
    }
}

/// An export that could not run or could not write its output. Every variant
/// names the file or folder.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The corpus folder could not be read, or an output file written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The corpus's `newsmark.ron` could not be used.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// The output path cannot be used.
    #[error("{}: {reason}", path.display())]
    Output {
        /// The output path.
        path: PathBuf,
        /// Why it cannot be used.
        reason: String,
    },
    /// The user stopped the export.
    #[error("export cancelled after {}", counted(*done, "document", "documents"))]
    Cancelled {
        /// Documents exported before it stopped.
        done: usize,
    },
}

/// Writes the corpus `corpus_dir` in `format` to `out`: a folder for brat
/// (made whole beside it and put in place at the end if it is missing or
/// empty), a file for the others (its folder must exist). Every file is
/// written atomically.
///
/// Articles are read in file-name order with their annotation files. A
/// document whose annotation file could not be fully loaded (it does not
/// parse, or spans in it cannot be placed on the text) is skipped and
/// reported, so that an export never holds a document missing some of its
/// spans; one with other problems (its text changed since it was annotated,
/// its `document` field names another file) is exported and reported. Spans
/// with labels outside the schema are exported as they are (or under the
/// names the format can hold, each renaming a warning).
///
/// Fails only if the corpus folder or its settings cannot be read, or the
/// output cannot be written.
pub fn export_corpus(
    format: ExportFormat,
    corpus_dir: &Path,
    out: &Path,
    options: ExportOptions,
) -> Result<ExportReport, ExportError> {
    export_corpus_with_progress(format, corpus_dir, out, options, &mut |_, _| true)
}

/// [`export_corpus`], calling `progress(done, total)` before each document;
/// when it returns `false` the export stops there with
/// [`ExportError::Cancelled`]. A cancelled export writes nothing: neither
/// a one-file format nor a new brat folder; in a brat folder that held
/// files already, the documents done are replaced, each whole.
pub fn export_corpus_with_progress(
    format: ExportFormat,
    corpus_dir: &Path,
    out: &Path,
    options: ExportOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ExportReport, ExportError> {
    let articles = corpus::articles_in(corpus_dir)?;
    let schema = settings::load(corpus_dir)?.schema();
    let fresh = prepare_output(format, corpus_dir, out)?;
    let brat_folder = match (format, fresh) {
        (ExportFormat::Brat, true) => {
            Some(brat::BratFolder::New(store::StagedFolder::create(out)?))
        }
        (ExportFormat::Brat, false) => Some(brat::BratFolder::Existing(out.to_owned())),
        _ => None,
    };
    let mut report = ExportReport::new(format, out);
    // Entity links are written by id; brat also names them, from the registry.
    let registry = match format {
        ExportFormat::Brat => crate::entities::load(corpus_dir).unwrap_or_else(|err| {
            report.problems.push(format!(
                "{err}; entity links are written without their names"
            ));
            crate::entities::Registry::default()
        }),
        _ => crate::entities::Registry::default(),
    };
    if articles.is_empty() {
        report.warnings.push(format!(
            "{}: no .txt articles in this folder",
            corpus_dir.display()
        ));
    }
    // One-file formats stream into a temporary file beside `out`, put in
    // place at the end: `out` is whole, old or new, and only one document's
    // output is held at a time.
    let mut output = match format {
        ExportFormat::Brat => None,
        _ => Some(store::AtomicWriter::create(out)?),
    };
    let mut w3c_items = 0;
    if let Some(output) = &mut output
        && format == ExportFormat::W3c
    {
        output.write_str(&w3c::collection_head(&store::file_name(out), options))?;
    }
    let mut labels_used = BTreeSet::new();
    let mut brat_labels = BratLabels::new(
        schema.labels.iter().map(|l| l.name.as_str()),
        schema.relations.iter().map(|r| r.name.as_str()),
    );
    // The names every reading thread knows: the schema's labels'.
    let schema_brat_labels = brat_labels.clone();
    let total = articles.len();
    let mut done = 0;
    // Reading and rendering a document runs on any core; adding it to the
    // export runs here, in the corpus's order.
    let stopped = corpus::map_in_order(
        articles.iter(),
        |path| {
            read_and_render(
                format,
                path,
                &schema,
                options,
                (out, brat_folder.as_ref()),
                (&schema_brat_labels, &registry),
            )
        },
        |_, rendered| {
            if !progress(done, total) {
                return ControlFlow::Break(ExportError::Cancelled { done });
            }
            done += 1;
            report.add(rendered.read);
            let Some((session, spans, body)) = rendered.body else {
                return ControlFlow::Continue(());
            };
            let name = session.name();
            for span in &spans {
                labels_used.insert(span.label.clone());
                if !schema.contains(&span.label) {
                    *report.unknown_labels.entry(span.label.clone()).or_default() += 1;
                }
            }
            let written = match body {
                Body::Brat { txt, ann } => {
                    // Written by the reading thread when every label was
                    // named already; otherwise here, in order, naming the
                    // new labels as they are met. Each file whole (temporary
                    // file, then rename), made durable all at once at the end
                    // (an fsync per file took 13.2 s of 10,000 articles, 5.1 s
                    // without).
                    match txt {
                        Err(err) => Err(err),
                        Ok(()) => {
                            let (ann, written) = ann.unwrap_or_else(|| {
                                let relations = brat::exported_relations(session.set(), options);
                                let ann = brat::ann(
                                    &name,
                                    session.doc(),
                                    (&spans, &relations),
                                    &registry,
                                    &mut brat_labels,
                                    options,
                                );
                                let written = match &brat_folder {
                                    Some(folder) => folder.write(&brat::ann_name(&name), &ann.text),
                                    None => Ok(()),
                                };
                                (ann, written)
                            });
                            report.spans += ann.spans;
                            report.warnings.extend(ann.warnings);
                            written
                        }
                    }
                }
                Body::Text {
                    text,
                    spans,
                    dropped_overlaps,
                    warnings,
                } => {
                    report.spans += spans;
                    report.dropped_overlaps += dropped_overlaps;
                    report.warnings.extend(warnings);
                    write_out(&mut output, &text)
                }
                Body::W3c {
                    text,
                    items,
                    spans: span_items,
                } => {
                    let comma = if w3c_items > 0 && items > 0 { "," } else { "" };
                    w3c_items += items;
                    report.spans += span_items;
                    write_out(&mut output, comma).and_then(|()| write_out(&mut output, &text))
                }
            };
            if let Err(err) = written {
                return ControlFlow::Break(ExportError::from(err));
            }
            report.documents += 1;
            ControlFlow::Continue(())
        },
    );
    if let Some(err) = stopped {
        return Err(err);
    }
    if format == ExportFormat::Conll {
        report.unknown_labels_renamed = report
            .unknown_labels
            .keys()
            .any(|l| safe_label(l) != l.as_str());
        for label in labels_used.iter().filter(|l| safe_label(l) != l.as_str()) {
            report.warnings.push(format!(
                "label {label:?} is written {:?}: {format} labels cannot hold spaces",
                safe_label(label)
            ));
        }
    }
    if format == ExportFormat::Brat {
        for (label, name) in brat_labels.renamed() {
            report.warnings.push(format!(
                "label {label:?} is written {name:?}: brat types hold only A-Z a-z 0-9 _ -; \
                 {} records it and `newsmark import brat` maps it back",
                brat::CONF_FILE
            ));
        }
        report.unknown_labels_renamed = brat_labels
            .renamed()
            .any(|(label, _)| report.unknown_labels.contains_key(label));
        for (relation, name) in brat_labels.renamed_relations() {
            report.warnings.push(format!(
                "relation type {relation:?} is written {name:?}: brat types hold only \
                 A-Z a-z 0-9 _ -; {} records it and `newsmark import brat` maps it back",
                brat::CONF_FILE
            ));
        }
        if let Some(folder) = brat_folder {
            folder.finish(&brat_labels.conf())?;
        }
    }
    if format == ExportFormat::W3c {
        write_out(&mut output, &w3c::collection_tail(w3c_items))?;
    }
    if let Some(output) = output {
        output.finish()?;
    }
    Ok(report)
}

/// Appends `text` to the one-file output, if the format has one.
fn write_out(output: &mut Option<store::AtomicWriter>, text: &str) -> Result<(), StoreError> {
    match output {
        Some(output) => output.write_str(text),
        None => Ok(()),
    }
}

/// The spans `options` exports, in their sorted order.
pub fn selected<'a>(
    spans: impl IntoIterator<Item = &'a Span>,
    options: ExportOptions,
) -> Vec<Span> {
    spans
        .into_iter()
        .filter(|s| options.exports(s.status))
        .cloned()
        .collect()
}

/// Checks the output path and, for brat, creates the folder; whether that
/// folder was new (missing or empty), so that its files are all new ones.
fn prepare_output(
    format: ExportFormat,
    corpus_dir: &Path,
    out: &Path,
) -> Result<bool, ExportError> {
    let refuse = |reason: &str| ExportError::Output {
        path: out.to_owned(),
        reason: reason.to_owned(),
    };
    if format.writes_folder() {
        if out.exists() && !out.is_dir() {
            return Err(refuse(
                "not a folder: brat output is a folder of .txt/.ann pairs",
            ));
        }
        let fresh = std::fs::read_dir(out).map_or(true, |mut d| d.next().is_none());
        // A new folder is made whole at the end (`StagedFolder`), beside
        // it: only the folders above it are made now.
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| refuse(&format!("cannot create: {e}")))?;
        }
        let same = match (out.canonicalize(), corpus_dir.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(refuse(
                "is the corpus folder itself; export brat to another folder",
            ));
        }
        return Ok(fresh);
    }
    if out.is_dir() {
        return Err(refuse(&format!(
            "is a folder; {format} output is one file, give its path"
        )));
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent
        && !parent.is_dir()
    {
        return Err(refuse(&format!(
            "cannot be written: folder {} does not exist",
            parent.display()
        )));
    }
    Ok(false)
}

/// A label as formats whose labels cannot hold whitespace (brat, `CoNLL`)
/// write it: each whitespace character replaced by `_`.
pub fn safe_label(label: &str) -> String {
    label
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// A span's status as the formats that carry it write it: `accepted`,
/// `pending` or `rejected`.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Accepted => "accepted",
        Status::Pending => "pending",
        Status::Rejected => "rejected",
    }
}

/// A span's origin as the formats that carry it write it: `manual`,
/// `extractor:NAME` or `annotator:NAME`.
pub fn origin_name(origin: &Origin) -> String {
    match origin {
        Origin::Manual => "manual".to_owned(),
        Origin::Extractor(name) => format!("extractor:{name}"),
        Origin::Annotator(name) => format!("annotator:{name}"),
    }
}

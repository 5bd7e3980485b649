//! Reading one article and rendering its part of an export, on any thread
//! ([`super::export_corpus_with_progress`] adds the parts in order).

use std::path::Path;

use super::{ExportFormat, ExportOptions, brat, conll, jsonl, selected, w3c};
use crate::entities::Registry;
use crate::formats::brat_labels::BratLabels;
use crate::model::{LabelSchema, Relation, Span, Status};
use crate::session::Session;
use crate::store::{self, LoadProblem, StoreError};

/// What a document adds to the export, made on any thread: what reading it
/// found, and unless it is skipped, its session, the spans to export and
/// their rendering.
pub(super) struct Rendered {
    pub(super) read: DocRead,
    pub(super) body: Option<(Session, Vec<Span>, Body)>,
}

/// A document's part of the export, rendered ahead.
pub(super) enum Body {
    /// brat: the `.txt` written here (or why not), and the `.ann` too
    /// when every label of the document already had its brat name; a
    /// document with a label not met before gets its `.ann` in order, as
    /// such labels are named as they are met.
    Brat {
        txt: Result<(), StoreError>,
        ann: Option<(brat::BratAnn, Result<(), StoreError>)>,
    },
    /// spaCy, doccano and `CoNLL`: the text to append.
    Text {
        text: String,
        spans: usize,
        dropped_overlaps: usize,
        warnings: Vec<String>,
    },
    /// W3C: the document's items, comma-separated, how many, and how many
    /// of them are spans (the others are relations).
    W3c {
        text: String,
        items: usize,
        spans: usize,
    },
}

/// What reading one document found, added to the report in order.
#[derive(Default)]
pub(super) struct DocRead {
    /// Problems worth reporting, each naming the file.
    pub(super) problems: Vec<String>,
    /// Whether the document is left out of the export.
    pub(super) skipped: bool,
    /// Whether it is exported with problems reported.
    pub(super) reported: bool,
    /// Spans not selected for export.
    pub(super) left_out: usize,
    /// Pending suggestions among them.
    pub(super) pending_left_out: usize,
}

/// Reads one article and renders its part of the export in `format`; the
/// brat export names entity links after `registry`.
pub(super) fn read_and_render(
    format: ExportFormat,
    path: &Path,
    schema: &LabelSchema,
    options: ExportOptions,
    (out, brat_folder): (&Path, Option<&brat::BratFolder>),
    (brat_labels, registry): (&BratLabels, &Registry),
) -> Rendered {
    let (read, session) = read(path, schema, options);
    let body = session.map(|(session, spans)| {
        let name = session.name();
        let doc = session.doc();
        let relations = brat::exported_relations(session.set(), options);
        let body = match format {
            ExportFormat::Brat => write_brat(
                &name,
                doc,
                (&spans, &relations),
                options,
                brat_folder,
                (brat_labels, registry),
            ),
            ExportFormat::Spacy | ExportFormat::Doccano => {
                let (mut text, warnings) = if format == ExportFormat::Spacy {
                    let line = jsonl::spacy_line(&name, doc, &spans, &relations, options);
                    (line.line, line.warnings)
                } else {
                    let line = jsonl::doccano_line(&name, doc, &spans, &relations, options);
                    (line, Vec::new())
                };
                text.push('\n');
                Body::Text {
                    text,
                    spans: spans.len(),
                    dropped_overlaps: 0,
                    warnings,
                }
            }
            ExportFormat::Conll => {
                let conll = conll::document(&name, doc, &spans);
                Body::Text {
                    text: conll.text,
                    spans: conll.tagged,
                    dropped_overlaps: conll.dropped_overlaps,
                    warnings: conll.warnings,
                }
            }
            ExportFormat::W3c => {
                let collection = store::file_name(out);
                let items = w3c::annotations(&collection, &name, doc, &spans, options);
                let linked =
                    w3c::relation_annotations(&collection, &name, &spans, &relations, options);
                let mut text = w3c::collection_items(&items, 0);
                text.push_str(&w3c::collection_items(&linked, items.len()));
                Body::W3c {
                    text,
                    items: items.len() + linked.len(),
                    spans: items.len(),
                }
            }
        };
        (session, spans, body)
    });
    Rendered { read, body }
}

/// Writes a document's brat files in `out` on this thread, the `.ann` only
/// if `labels` names every label it uses; the export flushes them all at
/// its end. (`out` is there whenever the format is brat.)
fn write_brat(
    name: &str,
    doc: &crate::model::Document,
    (spans, relations): (&[Span], &[&Relation]),
    options: ExportOptions,
    out: Option<&brat::BratFolder>,
    (labels, registry): (&BratLabels, &Registry),
) -> Body {
    let Some(out) = out else {
        let txt = Err(StoreError::Write {
            path: name.into(),
            source: std::io::Error::other("no brat folder to write in"),
        });
        return Body::Brat { txt, ann: None };
    };
    let txt = out.write(name, &brat::txt(doc));
    let mut names = labels.clone();
    let rendered = brat::ann(name, doc, (spans, relations), registry, &mut names, options);
    let ann = (txt.is_ok() && names.named() == labels.named()).then(|| {
        let written = out.write(&brat::ann_name(name), &rendered.text);
        (rendered, written)
    });
    Body::Brat { txt, ann }
}

/// Reads one article and selects the spans to export, or says why the
/// document is skipped.
fn read(
    path: &Path,
    schema: &LabelSchema,
    options: ExportOptions,
) -> (DocRead, Option<(Session, Vec<Span>)>) {
    let mut found = DocRead::default();
    let session = match Session::read(path, schema.clone()) {
        Ok(session) => session,
        Err(err) => {
            found.skipped = true;
            found.problems.push(format!("{err}; not exported"));
            return (found, None);
        }
    };
    let serious: Vec<&LoadProblem> = session
        .problems()
        .iter()
        .filter(|p| !is_unknown_label_only(p, &session, schema))
        .collect();
    found
        .problems
        .extend(serious.iter().map(ToString::to_string));
    if let Some(reason) = session.save_blocked() {
        found.skipped = true;
        found.problems.push(format!(
            "{}: not exported: {reason}",
            session.txt_path().display()
        ));
        return (found, None);
    }
    found.reported = !serious.is_empty();
    let spans = selected(session.set().spans(), options);
    found.left_out = session.set().len() - spans.len();
    found.pending_left_out = session
        .set()
        .spans()
        .iter()
        .filter(|s| s.status == Status::Pending && !options.exports(s.status))
        .count();
    (found, Some((session, spans)))
}

/// Whether `problem` only says that a placed span's label is not in the
/// schema, which an export carries over as it is.
fn is_unknown_label_only(problem: &LoadProblem, session: &Session, schema: &LabelSchema) -> bool {
    let Some(id) = problem.span_id else {
        return false;
    };
    let unplaced = session.unplaced().iter().any(|s| s.id == id);
    let placed = session.set().get(id);
    !unplaced && placed.is_some_and(|s| !schema.contains(&s.label))
}

//! Reading articles and validating annotation files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::format::{AnnotationFile, FORMAT_VERSION, VersionProbe, text_sha256};
use super::{LoadProblem, StoreError};
use crate::model::{AnnotationSet, Document, Invalid, LabelSchema, Span};

/// Reads an article: UTF-8 required, a leading BOM stripped.
pub fn read_text(path: &Path) -> Result<Document, StoreError> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Read {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(Document::new(text))
}

/// The outcome of loading an annotation file that parsed.
#[derive(Debug, Default)]
pub struct LoadedAnnotations {
    /// The spans that could be placed (unknown labels included).
    pub set: AnnotationSet,
    /// Spans that could not be placed (bad offsets, quote mismatch, duplicate
    /// id). They are not lost: the file they came from is protected.
    pub unplaced: Vec<Span>,
    /// Every problem found, with span ids.
    pub problems: Vec<LoadProblem>,
    /// Whether the article's text differs from the one annotated.
    pub text_changed: bool,
}

impl LoadedAnnotations {
    /// Whether saving over the file would lose something it holds.
    pub fn would_lose_data(&self) -> bool {
        !self.unplaced.is_empty()
    }
}

/// Parses and validates the annotation file `path` for `doc`, whose file name
/// is `document_name`.
///
/// A file that does not parse is an error (with line:column). A file that
/// parses but holds bad spans loads with those spans set aside in
/// [`LoadedAnnotations::unplaced`] and each problem listed.
pub fn load_annotations(
    path: &Path,
    document_name: &str,
    doc: &Document,
    schema: &LabelSchema,
) -> Result<LoadedAnnotations, StoreError> {
    let source = std::fs::read_to_string(path).map_err(|source| StoreError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_annotations(path, &source, document_name, doc, schema)
}

fn syntax_error(path: &Path, e: &ron::error::SpannedError) -> StoreError {
    StoreError::Syntax {
        path: path.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    }
}

/// [`load_annotations`] over the file's contents.
pub fn parse_annotations(
    path: &Path,
    source: &str,
    document_name: &str,
    doc: &Document,
    schema: &LabelSchema,
) -> Result<LoadedAnnotations, StoreError> {
    let options = ron::Options::default();
    // Check the version first: a future format should say so, not fail on
    // some field it added.
    if let Ok(probe) = options.from_str::<VersionProbe>(source)
        && probe.format != FORMAT_VERSION
    {
        return Err(StoreError::Version {
            path: path.to_owned(),
            found: probe.format,
            supported: FORMAT_VERSION,
        });
    }
    let file: AnnotationFile = options
        .from_str(source)
        .map_err(|e| syntax_error(path, &e))?;

    let problem = |span_id, reason: String| LoadProblem {
        file: PathBuf::from(path),
        span_id,
        reason,
    };
    let mut loaded = LoadedAnnotations::default();
    if file.document != document_name {
        loaded.problems.push(problem(
            None,
            format!(
                "names document {:?}, but it is paired with {document_name:?}",
                file.document
            ),
        ));
    }
    loaded.text_changed =
        !file.text_sha256.is_empty() && file.text_sha256 != text_sha256(doc.text());
    if loaded.text_changed {
        loaded.problems.push(problem(
            None,
            "the article's text changed since these annotations were saved".to_owned(),
        ));
    }

    let mut ids = HashSet::new();
    let mut placed = Vec::with_capacity(file.spans.len());
    for span in file.spans {
        let mut keep = true;
        if !ids.insert(span.id) {
            loaded
                .problems
                .push(problem(Some(span.id), Invalid::DuplicateId.to_string()));
            keep = false;
        }
        for invalid in AnnotationSet::check_span(&span, doc, schema) {
            // An unknown label is shown and kept; anything else cannot be placed.
            keep &= matches!(invalid, Invalid::UnknownLabel(_));
            loaded
                .problems
                .push(problem(Some(span.id), invalid.to_string()));
        }
        if keep {
            placed.push(span);
        } else {
            loaded.unplaced.push(span);
        }
    }
    loaded.set = AnnotationSet::from_spans(placed);
    Ok(loaded)
}

//! Checking one article and its annotation file, or an annotation file
//! without its article, on any thread: what [`super::validate`]'s walk
//! adds to its report in order.

use std::path::Path;

use super::validate::Problem;
use crate::entities::{self, Registry};
use crate::model::{AnnotationSet, Document, LabelSchema, graphemes};
use crate::store::{self, LoadProblem, StoreError};

/// The kinds of file a folder walk pairs, in the order a stem's files are
/// listed.
pub(super) const ARTICLE: u8 = 0;
/// See [`ARTICLE`].
pub(super) const ANNOTATIONS: u8 = 1;

/// What checking one article (or an annotation file without one) found.
#[derive(Debug, Default)]
pub(super) struct Checked {
    pub(super) files: usize,
    pub(super) problems: Vec<Problem>,
    pub(super) warnings: Vec<Problem>,
}

impl Checked {
    fn add(&mut self, result: Result<Vec<LoadProblem>, StoreError>) {
        match result {
            Ok(problems) => self
                .problems
                .extend(problems.into_iter().map(Problem::from)),
            Err(e) => self.problems.push(e.into()),
        }
    }
}

/// Checks an article and its annotation file, if it has one; entity links
/// against `registry`, the folder's (`None`: it could not be loaded, and
/// that is reported once, for the folder).
pub(super) fn check_pair(txt: &Path, schema: &LabelSchema, registry: Option<&Registry>) -> Checked {
    let mut checked = Checked {
        files: 1,
        ..Checked::default()
    };
    let doc = match store::read_text(txt) {
        Ok(doc) => Some(doc),
        Err(e) => {
            checked.problems.push(e.into());
            None
        }
    };
    let ron = store::paired_ron_path(txt);
    if matches!(ron.try_exists(), Ok(false)) {
        return checked;
    }
    checked.files += 1;
    let name = store::file_name(txt);
    let problems = match &doc {
        Some(doc) => store::load_annotations(&ron, &name, doc, schema).map(|loaded| {
            checked.warnings = split_characters(&ron, doc, &loaded.set);
            let mut problems = loaded.problems;
            if let Some(registry) = registry {
                problems.extend(unknown_links(&ron, &loaded.set, registry));
            }
            problems
        }),
        None => store::check_unpaired(&ron, &name, schema),
    };
    checked.add(problems);
    checked
}

/// A problem for each span of `set` linked to an entity `registry` lacks.
fn unknown_links(ron: &Path, set: &AnnotationSet, registry: &Registry) -> Vec<LoadProblem> {
    entities::unknown_links(set, registry)
        .map(|(id, entity)| LoadProblem {
            file: ron.to_owned(),
            span_id: Some(id),
            reason: format!(
                "linked to entity {entity:?}, which is not in the folder's {}",
                entities::file::FILE_NAME
            ),
        })
        .collect()
}

/// A warning for each placed span of `set` that splits a character
/// (grapheme cluster) of `doc`: valid offsets, but a quote nobody sees.
fn split_characters(ron: &Path, doc: &Document, set: &AnnotationSet) -> Vec<Problem> {
    set.spans()
        .iter()
        .filter_map(|span| {
            let split = graphemes::grapheme_split(doc, span.start..span.end)?;
            Some(Problem {
                file: ron.to_owned(),
                span_id: Some(span.id),
                position: None,
                reason: split.to_string(),
            })
        })
        .collect()
}

/// Checks an annotation file that has no article beside it.
pub(super) fn check_orphan(ron: &Path, schema: &LabelSchema) -> Checked {
    let name = store::file_name(&ron.with_extension("txt"));
    let mut checked = Checked {
        files: 1,
        problems: vec![Problem {
            file: ron.to_owned(),
            span_id: None,
            position: None,
            reason: format!(
                "no article: {name} is missing beside it, so offsets and quotes are not checked"
            ),
        }],
        warnings: Vec::new(),
    };
    checked.add(store::check_unpaired(ron, &name, schema));
    checked
}

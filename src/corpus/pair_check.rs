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
/// An annotator's file `X.NAME.ron` on the article `X.txt`; see [`ARTICLE`].
pub(super) const ANNOTATOR_FILE: u8 = 2;

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
    check_annotations(&mut checked, &ron, txt, doc.as_ref(), schema, registry);
    checked
}

/// Checks an annotator's file `ron` (`X.NAME.ron`) on the article `txt`
/// (`X.txt`), as the gold file is checked; the article itself is checked
/// (and counted) with its pair.
pub(super) fn check_annotator_file(
    ron: &Path,
    txt: &Path,
    schema: &LabelSchema,
    registry: Option<&Registry>,
) -> Checked {
    let mut checked = Checked {
        files: 1,
        ..Checked::default()
    };
    let doc = store::read_text(txt).ok();
    check_annotations(&mut checked, ron, txt, doc.as_ref(), schema, registry);
    checked
}

/// Checks the annotation file `ron` on the article `txt`, against its text
/// `doc` if it could be read, and its entity links against `registry`.
fn check_annotations(
    checked: &mut Checked,
    ron: &Path,
    txt: &Path,
    doc: Option<&Document>,
    schema: &LabelSchema,
    registry: Option<&Registry>,
) {
    let name = store::file_name(txt);
    let problems = match doc {
        Some(doc) => store::load_annotations(ron, &name, doc, schema).map(|loaded| {
            checked.warnings = split_characters(ron, doc, &loaded.set);
            let mut problems = loaded.problems;
            if let Some(registry) = registry {
                problems.extend(unknown_links(ron, &loaded.set, registry));
            }
            problems
        }),
        None => store::check_unpaired(ron, &name, schema),
    };
    checked.add(problems);
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
///
/// A file named as an annotator's (`X.NAME.ron`) is taken as one: its
/// article would be `X.txt` (or `X.NAME.txt`, of which it would be the
/// gold).
pub(super) fn check_orphan(ron: &Path, schema: &LabelSchema) -> Checked {
    let gold_of = store::file_name(&ron.with_extension("txt"));
    let annotator_of = ron
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(store::annotator_file_parts)
        .map(|(article, annotator)| (format!("{article}.txt"), annotator));
    let (name, missing) = match annotator_of {
        Some((article, annotator)) => {
            let missing = format!(
                "neither {gold_of} nor {article} (annotator {annotator}'s article) is beside it"
            );
            (article, missing)
        }
        None => (gold_of.clone(), format!("{gold_of} is missing beside it")),
    };
    let mut checked = Checked {
        files: 1,
        problems: vec![Problem {
            file: ron.to_owned(),
            span_id: None,
            position: None,
            reason: format!("no article: {missing}, so offsets and quotes are not checked"),
        }],
        warnings: Vec::new(),
    };
    checked.add(store::check_unpaired(ron, &name, schema));
    checked
}

//! Validating annotation files against their article (reading them is
//! [`super::read`]'s: size limits checked against the length on disk before
//! any of it is read, binary content sniffed).

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::format::{AnnotationFile, FORMAT_VERSION, VersionProbe, text_sha256};
use super::read::{RON_RECURSION_LIMIT, decode, read_annotation_source};
use super::reanchor::{Context, How, reanchor_in_context};
use super::{LoadProblem, StoreError};
use crate::model::{AnnotationSet, Document, Invalid, LabelSchema, Relation, Span, SpanId};

/// [`load_annotations`] over the bytes of the file `path`, already read
/// ([`read_annotation_file`]).
pub fn load_annotation_bytes(
    path: &Path,
    bytes: Vec<u8>,
    document_name: &str,
    doc: &Document,
    schema: &LabelSchema,
) -> Result<LoadedAnnotations, StoreError> {
    let source = decode(path, bytes)?;
    parse_annotations(path, &source, document_name, doc, schema)
}

/// The outcome of loading an annotation file that parsed.
#[derive(Debug, Default)]
pub struct LoadedAnnotations {
    /// The spans that could be placed (unknown labels included).
    pub set: AnnotationSet,
    /// Spans that could not be placed (bad offsets, quote mismatch, duplicate
    /// id). They are not lost: the file they came from is protected.
    pub unplaced: Vec<Span>,
    /// Spans that re-anchoring a changed text could not place, as they are in
    /// the file, and those the file kept in its `orphans` list. They are also
    /// in [`Self::set`]'s orphans, and saved with it until each is placed or
    /// deleted (see [`crate::session::Session::orphans`]).
    pub orphans: Vec<Span>,
    /// How each span in [`Self::set`] was re-anchored, in file order; empty
    /// when the text did not change (nothing was re-anchored).
    pub reanchored: Vec<(SpanId, How)>,
    /// Relations that could not be kept: a second relation with an id
    /// already taken. Like [`Self::unplaced`], they protect the file.
    /// (Relations with a missing end, an unknown type or ends of labels
    /// their type does not allow are kept in [`Self::set`] as they are, and
    /// listed in [`Self::problems`].)
    pub unplaced_relations: Vec<Relation>,
    /// Every problem found, with span ids.
    pub problems: Vec<LoadProblem>,
    /// Whether the article's text differs from the one annotated.
    pub text_changed: bool,
    /// Why the file's `document` field does not name the article it is
    /// paired with, if it does not (a path, another file): also in
    /// [`Self::problems`]. The field is never followed.
    pub document_problem: Option<String>,
}

impl LoadedAnnotations {
    /// Whether saving [`Self::set`] over the file would lose some of its
    /// spans or relations: those set aside ([`Self::unplaced`],
    /// [`Self::unplaced_relations`]). Orphans are not lost:
    /// they are in the set, and saved in the file's `orphans` list.
    pub fn would_lose_data(&self) -> bool {
        !self.unplaced.is_empty() || !self.unplaced_relations.is_empty()
    }
}

/// Parses and validates the annotation file `path` for `doc`, whose file name
/// is `document_name`.
///
/// A file that cannot be read (missing, over [`MAX_ANNOTATION_BYTES`],
/// binary, not UTF-8) or does not parse is an error (a syntax error with
/// line:column). A file that parses but holds bad spans loads with those
/// spans set aside in [`LoadedAnnotations::unplaced`] and each problem
/// listed.
///
/// When the article changed since the file was saved (its `text_sha256`
/// differs), the spans are re-anchored ([`super::reanchor`]): each span
/// moved or matched on changed text is placed and noted as a problem, and
/// those that cannot be placed are kept in [`LoadedAnnotations::orphans`].
pub fn load_annotations(
    path: &Path,
    document_name: &str,
    doc: &Document,
    schema: &LabelSchema,
) -> Result<LoadedAnnotations, StoreError> {
    let source = read_annotation_source(path)?;
    parse_annotations(path, &source, document_name, doc, schema)
}

/// Checks an annotation file whose article cannot be read (or is missing):
/// everything [`load_annotations`] checks except what needs the text
/// (offsets against its length, quotes, the text hash). `document_name` is
/// the article it is paired with by name.
pub fn check_unpaired(
    path: &Path,
    document_name: &str,
    schema: &LabelSchema,
) -> Result<Vec<LoadProblem>, StoreError> {
    let source = read_annotation_source(path)?;
    let file = parse_file(path, &source)?;
    Ok(check(path, file, document_name, None, schema).problems)
}

fn syntax_error(path: &Path, e: &ron::error::SpannedError) -> StoreError {
    let message = match &e.code {
        ron::Error::ExceededRecursionLimit => {
            format!("nested too deeply (over {RON_RECURSION_LIMIT} levels); not an annotation file")
        }
        code => code.to_string(),
    };
    StoreError::Syntax {
        path: path.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message,
    }
}

/// The options annotation files are read with by `ron`.
fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RON_RECURSION_LIMIT)
}

/// A file's source parsed by `ron` alone.
pub(super) fn parse_with_ron(source: &str) -> Result<AnnotationFile, ron::error::SpannedError> {
    ron_options().from_str(source)
}

/// Parses a file's source. Another format version is reported as such,
/// whether or not the file also parses as this one: a future format should
/// say so, not fail on some field it added.
///
/// A file in the exact shape newsmark writes is read by
/// [`super::fast_ron`]; any other goes through `ron`.
fn parse_file(path: &Path, source: &str) -> Result<AnnotationFile, StoreError> {
    if let Some(file) = super::fast_ron::parse(source) {
        super::limits::check_fields(path, &file)?;
        return Ok(file);
    }
    let version_error = |found| StoreError::Version {
        path: path.to_owned(),
        found,
        supported: FORMAT_VERSION,
    };
    match parse_with_ron(source) {
        Ok(file) if file.format == FORMAT_VERSION => {
            super::limits::check_fields(path, &file)?;
            Ok(file)
        }
        Ok(file) => Err(version_error(file.format)),
        // Only a file that fails is parsed again, for its version alone
        // (parsing every file twice would double the cost of opening).
        Err(e) => match ron_options().from_str::<VersionProbe>(source) {
            Ok(probe) if probe.format != FORMAT_VERSION => Err(version_error(probe.format)),
            _ => Err(syntax_error(path, &e)),
        },
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
    let file = parse_file(path, source)?;
    Ok(check(path, file, document_name, Some(doc), schema))
}

/// Why the `document` field is wrong, if it is. The field is never used to
/// find a file (pairing is by name), so a path in it is only reported.
fn document_problem(named: &str, paired: &str) -> Option<String> {
    if named == paired {
        return None;
    }
    let mut components = Path::new(named).components();
    let plain = matches!(components.next(), Some(Component::Normal(_)))
        && components.next().is_none()
        && !named.contains(['/', '\\']);
    Some(if plain {
        format!("names document {named:?}, but it is paired with {paired:?}")
    } else {
        format!(
            "document {named:?} refused: a path, not a file name beside this file \
             (newsmark never reads or writes outside the corpus folder); \
             it is paired with {paired:?}"
        )
    })
}

/// Checks a parsed file's spans; `doc` is `None` when the text is not at
/// hand, and then only what does not need it is checked.
fn check(
    path: &Path,
    file: AnnotationFile,
    document_name: &str,
    doc: Option<&Document>,
    schema: &LabelSchema,
) -> LoadedAnnotations {
    let problem = |span_id, reason: String| LoadProblem {
        file: PathBuf::from(path),
        span_id,
        reason,
    };
    let mut loaded = LoadedAnnotations::default();
    if let Some(reason) = document_problem(&file.document, document_name) {
        loaded.problems.push(problem(None, reason.clone()));
        loaded.document_problem = Some(reason);
    }
    loaded.text_changed = doc.is_some_and(|doc| {
        !file.text_sha256.is_empty() && file.text_sha256 != text_sha256(doc.text())
    });
    if loaded.text_changed {
        loaded.problems.push(problem(
            None,
            "the article's text changed since these annotations were saved".to_owned(),
        ));
    }

    // Offsets or quotes that do not fit a changed text are re-anchored
    // rather than set aside.
    let reanchoring = loaded.text_changed;
    // Span problems with the span's place in the file, listed in file order.
    let mut noted: Vec<(usize, LoadProblem)> = Vec::new();
    let mut ids = HashSet::new();
    let mut to_place = Vec::with_capacity(file.spans.len());
    let mut contexts: HashMap<SpanId, Context> = HashMap::new();
    for (at, stored) in file.spans.into_iter().enumerate() {
        let (span, context) = stored.into_parts();
        contexts.entry(span.id).or_insert(context);
        let mut keep = true;
        if !ids.insert(span.id) {
            let reason = Invalid::DuplicateId.to_string();
            noted.push((at, problem(Some(span.id), reason)));
            keep = false;
        }
        let invalids = match doc {
            Some(doc) => AnnotationSet::check_span(&span, doc, schema),
            None => check_span_without_text(&span, schema),
        };
        for invalid in invalids {
            let misplaced = matches!(
                invalid,
                Invalid::OutOfRange { .. } | Invalid::QuoteMismatch { .. }
            );
            if reanchoring && misplaced && keep {
                continue;
            }
            // An unknown label is shown and kept; anything else cannot be placed.
            keep &= matches!(invalid, Invalid::UnknownLabel(_));
            noted.push((at, problem(Some(span.id), invalid.to_string())));
        }
        if let Some(score) = span.score.filter(|s| !(0.0..=1.0).contains(s)) {
            let reason = format!("score {score} is not between 0 and 1; kept as it is");
            noted.push((at, problem(Some(span.id), reason)));
        }
        if keep {
            to_place.push((at, span));
        } else {
            loaded.unplaced.push(span);
        }
    }
    // The ids left are unique: each span's place in the file, and (when
    // re-anchoring) the span as the file holds it.
    let order: HashMap<SpanId, usize> = to_place.iter().map(|(at, s)| (s.id, *at)).collect();
    let at = |id: SpanId| order.get(&id).copied().unwrap_or(usize::MAX);
    let mut originals: HashMap<SpanId, Span> = HashMap::new();
    // Each orphan's candidate places on this text.
    let mut candidates: Vec<(SpanId, Vec<(usize, usize)>)> = Vec::new();
    let to_place: Vec<(Span, Option<How>)> = match doc {
        Some(doc) if reanchoring => {
            let spans: Vec<(Span, Context)> = to_place
                .into_iter()
                .map(|(_, span)| {
                    let context = contexts.remove(&span.id).unwrap_or_default();
                    (span, context)
                })
                .collect();
            originals.extend(spans.iter().map(|(s, _)| (s.id, s.clone())));
            let outcome = reanchor_in_context(doc, spans);
            for (orphan, places) in outcome.orphans.into_iter().zip(outcome.candidates) {
                let found = match &places[..] {
                    [] => "not found in the changed text".to_owned(),
                    places => format!(
                        "found with its context at {} ({}), not guessed",
                        crate::plural::counted(
                            places.len(),
                            "equally likely place",
                            "equally likely places"
                        ),
                        places
                            .iter()
                            .map(|(a, b)| format!("{a}..{b}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                candidates.push((orphan.id, places));
                let reason = format!(
                    "quote {:?} (was at {}..{}) {found}: kept as an orphan \
                     (saved in the file's orphans list) until it is placed or deleted",
                    orphan.text, orphan.start, orphan.end
                );
                noted.push((at(orphan.id), problem(Some(orphan.id), reason)));
                loaded.orphans.push(orphan);
            }
            outcome
                .placed
                .into_iter()
                .map(|(span, how)| (span, Some(how)))
                .collect()
        }
        _ => to_place.into_iter().map(|(_, span)| (span, None)).collect(),
    };
    // The first placed span at each (start, end, label).
    let mut places: HashMap<(usize, usize, String), SpanId> = HashMap::new();
    let mut placed = Vec::with_capacity(to_place.len());
    for (span, how) in to_place {
        let place = (span.start, span.end, span.label.clone());
        if let Some(first) = places.get(&place) {
            let reason = format!(
                "duplicate span: same offsets {}..{} and label {:?} as span {first}",
                span.start, span.end, span.label
            );
            match originals.remove(&span.id) {
                // Re-anchored onto another span: kept as it was, to place.
                Some(original) if how.is_some_and(|h| h != How::Stayed) => {
                    let reason = format!("re-anchored as a {reason}: kept as an orphan");
                    noted.push((at(span.id), problem(Some(span.id), reason)));
                    loaded.orphans.push(original);
                }
                // The same span twice: the first is kept, this one set aside
                // (it may differ in origin, score or status, so it is not
                // simply dropped).
                _ => {
                    noted.push((at(span.id), problem(Some(span.id), reason)));
                    loaded.unplaced.push(span);
                }
            }
            continue;
        }
        places.insert(place, span.id);
        if let (Some(how), Some(original)) = (how, originals.get(&span.id)) {
            if let Some(note) = reanchor_note(original, &span, how) {
                noted.push((at(span.id), problem(Some(span.id), note)));
            }
            loaded.reanchored.push((span.id, how));
        }
        placed.push(span);
    }
    noted.sort_by_key(|(at, _)| *at);
    loaded.problems.extend(noted.into_iter().map(|(_, p)| p));
    loaded.set = AnnotationSet::from_spans(placed);
    loaded.set.set_done(file.done);
    // Orphans are kept (and saved) with the spans until placed or deleted:
    // this load's, and those an earlier one kept in the file.
    for orphan in loaded.orphans.clone() {
        loaded.set.insert_orphan(orphan);
    }
    for mut stored in file.orphans {
        let places = std::mem::take(&mut stored.candidates);
        let (orphan, _) = stored.into_parts();
        if let Some(doc) = doc.filter(|_| !loaded.text_changed) {
            candidates.push((orphan.id, holding(doc, &orphan.text, places)));
        }
        let id = orphan.id;
        let reason = if loaded.set.insert_orphan(orphan.clone()) {
            loaded.orphans.push(orphan);
            "an orphan kept from an earlier version of the article: place or delete it".to_owned()
        } else {
            loaded.unplaced.push(orphan);
            format!("orphan: {}", Invalid::DuplicateId)
        };
        loaded.problems.push(problem(Some(id), reason));
    }
    for (id, places) in candidates {
        if loaded.set.orphan(id).is_some() {
            loaded.set.set_orphan_candidates(id, places);
        }
    }
    add_relations(&mut loaded, file.relations, schema, &problem);
    loaded
}

/// Adds the file's relations to the loaded set. A relation whose id is
/// taken is set aside (and protects the file); one with a missing end, an
/// unknown type or ends its type does not allow is kept as it is and
/// reported: nothing is dropped.
fn add_relations(
    loaded: &mut LoadedAnnotations,
    relations: Vec<Relation>,
    schema: &LabelSchema,
    problem: &impl Fn(Option<SpanId>, String) -> LoadProblem,
) {
    for relation in relations {
        let id = relation.id;
        if let Some(score) = relation.score.filter(|s| !(0.0..=1.0).contains(s)) {
            let reason =
                format!("relation {id}: score {score} is not between 0 and 1; kept as it is");
            loaded.problems.push(problem(None, reason));
        }
        if loaded.set.relation(id).is_some() {
            let reason =
                format!("relation {id}: duplicate relation id; set aside, the file is protected");
            loaded.problems.push(problem(None, reason));
            loaded.unplaced_relations.push(relation);
            continue;
        }
        for invalid in loaded.set.check_relation(&relation, schema) {
            loaded
                .problems
                .push(problem(None, format!("relation {id}: {invalid}")));
        }
        loaded.set.insert_relation(relation);
    }
}

/// The `places` of `doc` that hold `quote` (whitespace runs aside): an
/// orphan's stored candidates that still fit the text.
fn holding(doc: &Document, quote: &str, places: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    places
        .into_iter()
        .filter(|&(start, end)| {
            let text = doc.slice(start..end).filter(|_| start < end);
            text.is_some_and(|t| t.split_whitespace().eq(quote.split_whitespace()))
        })
        .collect()
}

/// What re-anchoring did to a span, for the user (`None`: it stayed).
fn reanchor_note(before: &Span, after: &Span, how: How) -> Option<String> {
    let (from, to) = (
        format!("{}..{}", before.start, before.end),
        format!("{}..{}", after.start, after.end),
    );
    match how {
        How::Stayed => None,
        How::Moved => Some(format!(
            "the text changed: moved from {from} to {to} ({:?})",
            after.text
        )),
        How::Fuzzy { similarity } => Some(format!(
            "the text changed: quote {:?} at {from} not found; placed on similar text {:?} \
             at {to} (similarity {similarity:.2}), which is now its quote",
            before.text, after.text
        )),
    }
}

/// The checks of [`AnnotationSet::check_span`] that need no text.
fn check_span_without_text(span: &Span, schema: &LabelSchema) -> Vec<Invalid> {
    let mut problems = Vec::new();
    if span.start >= span.end {
        problems.push(Invalid::Empty {
            start: span.start,
            end: span.end,
        });
    }
    if !schema.contains(&span.label) {
        problems.push(Invalid::UnknownLabel(span.label.clone()));
    }
    problems
}

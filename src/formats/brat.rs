//! brat standoff: a folder of `NAME.txt` / `NAME.ann` pairs.
//!
//! Text-bound annotations (`T1\tLABEL START END\tquote`) become spans, with
//! offsets in code points over the `.txt` exactly as stored (a byte order
//! mark, which brat counts, included: the merge accounts for it). A
//! discontinuous annotation (`START END;START END`) whose fragments are
//! separated only by whitespace holding a line break (as brat, and newsmark's
//! export, write a selection across lines) becomes one span from the first
//! fragment's start to the last one's end; one whose fragments are separated
//! by other text is reported and skipped, as newsmark's spans are
//! contiguous. Labels renamed by newsmark's export (recorded in the folder's
//! `annotation.conf`, see [`super::brat_labels`]) get their own names back.
//! Relations (`R1\tTYPE Arg1:T1 Arg2:T2`) join the spans they name, types
//! renamed by the export getting their names back the same way; entity
//! links (`N1\tReference T1 newsmark:ID\tname`, see
//! [`super::brat_links`]) link their span to the registry's entity `ID`,
//! and an `N` line of another database for a span linked that way is the
//! entity's external id, already in the registry. Every other kind of line
//! (events, attributes, other normalizations, notes…) is counted per kind
//! and reported as skipped.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::brat_labels::{mapping_in_conf, relation_mapping_in_conf};
use super::brat_links::read_links;
use super::lines::is_line_break;
use super::repeats::{Given, Repeats};
use super::{
    Emit, FormatError, ImportedDoc, ImportedLink, ImportedRelation, JsonSpan, ReadOutcome,
    read_raw, read_utf8,
};

/// Brat names to labels and to relation types, from an `annotation.conf`
/// beside the files.
#[derive(Debug, Default)]
struct LabelMap {
    labels: BTreeMap<String, String>,
    relations: BTreeMap<String, String>,
}

/// The labels and relation types renamed in the `annotation.conf` of
/// `folder`, if it has one.
fn label_map(folder: &Path) -> LabelMap {
    std::fs::read_to_string(folder.join("annotation.conf"))
        .map(|conf| LabelMap {
            labels: mapping_in_conf(&conf),
            relations: relation_mapping_in_conf(&conf),
        })
        .unwrap_or_default()
}

/// Reads a brat folder (every `.ann` in it, not its subfolders, in file-name
/// order) or a single `.ann` or `.txt` file (its pair), handing each
/// document to `emit` as soon as it is read.
pub(super) fn read_each(
    src: &Path,
    out: &mut ReadOutcome,
    emit: &mut Emit<'_>,
) -> Result<(), FormatError> {
    let read_err = |source| FormatError::Read {
        path: src.to_owned(),
        source,
    };
    if !check(src)? {
        let labels = label_map(crate::store::folder_of(src));
        read_pair(&src.with_extension(""), &labels, out, emit);
        return Ok(());
    }
    let mut anns = BTreeSet::new();
    let mut txts = BTreeSet::new();
    for entry in std::fs::read_dir(src).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let path = entry.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        // The entry's own type saves a stat per file; a link is followed.
        let is_file = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => path.is_file(),
            Ok(kind) => kind.is_file(),
            Err(_) => false,
        };
        if hidden || !is_file {
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("ann") => anns.insert(path.with_extension("")),
            Some("txt") => txts.insert(path.with_extension("")),
            _ => false,
        };
    }
    if anns.is_empty() {
        out.problems
            .push(format!("{}: no .ann files in this folder", src.display()));
    }
    let labels = label_map(src);
    for stem in &anns {
        read_pair(stem, &labels, out, emit);
    }
    for stem in txts.difference(&anns) {
        out.problems.push(format!(
            "{}: no .ann file beside it; not imported",
            with_ext(stem, "txt").display()
        ));
        out.skipped_records += 1;
    }
    Ok(())
}

/// Whether `src` is a folder (`true`) or a `.ann` or `.txt` file
/// (`false`); an error if it is neither, or cannot be read.
pub(super) fn check(src: &Path) -> Result<bool, FormatError> {
    let meta = std::fs::metadata(src).map_err(|source| FormatError::Read {
        path: src.to_owned(),
        source,
    })?;
    if meta.is_dir() {
        return Ok(true);
    }
    match src.extension().and_then(|e| e.to_str()) {
        Some("ann" | "txt") => Ok(false),
        _ => Err(FormatError::NotBrat {
            path: src.to_owned(),
        }),
    }
}

/// `stem` plus `.ext` (unlike `Path::with_extension`, keeps dots in the stem).
fn with_ext(stem: &Path, ext: &str) -> PathBuf {
    let mut path = OsString::from(stem.as_os_str());
    path.push(".");
    path.push(ext);
    PathBuf::from(path)
}

/// Reads `STEM.txt` and `STEM.ann` into one document, or reports why not.
fn read_pair(stem: &Path, labels: &LabelMap, out: &mut ReadOutcome, emit: &mut Emit<'_>) {
    let ann_path = with_ext(stem, "ann");
    let txt_path = with_ext(stem, "txt");
    let Some(name) = stem.file_name().and_then(|n| n.to_str()) else {
        out.problems.push(format!(
            "{}: file name is not valid Unicode; not imported",
            ann_path.display()
        ));
        out.skipped_records += 1;
        return;
    };
    let (text, ann) = match (read_raw(&txt_path), read_utf8(&ann_path)) {
        (Ok(text), Ok(ann)) => (text, ann),
        (Err(e), _) | (_, Err(e)) => {
            out.problems.push(format!("{e}; not imported"));
            out.skipped_records += 1;
            return;
        }
    };
    let source = ann_path.display().to_string();
    let ParsedAnn {
        mut spans,
        mut relations,
        links,
        skipped_spans,
        warnings,
    } = parse_ann(&source, &ann, &text, &mut out.problems);
    out.warnings.extend(warnings);
    for span in &mut spans {
        if let Some(label) = labels.labels.get(&span.label) {
            span.label.clone_from(label);
        }
    }
    for relation in &mut relations {
        if let Some(label) = labels.relations.get(&relation.label) {
            relation.label.clone_from(label);
        }
    }
    let doc = ImportedDoc {
        source,
        name: Some(name.to_owned()),
        text,
        spans,
        relations,
        links,
        skipped_spans,
    };
    emit(doc, out);
}

/// What an `.ann` file gives.
#[derive(Debug, Default)]
pub(super) struct ParsedAnn {
    /// The text-bound annotations (`T`), in file order.
    pub(super) spans: Vec<JsonSpan>,
    /// The relations (`R`) between them.
    pub(super) relations: Vec<ImportedRelation>,
    /// Their entity links (`N` lines of the `newsmark` database).
    pub(super) links: Vec<ImportedLink>,
    /// `T` lines skipped (each reported).
    pub(super) skipped_spans: usize,
    /// Lines read as an earlier one (a `T`, `R` or `N` line repeated), each
    /// naming the file and both lines: see [`super::repeats`].
    pub(super) warnings: Vec<String>,
}

/// The text-bound annotations (`T`) of an `.ann` file's contents over
/// `text` (its `.txt`), the relations (`R`) between them and their entity
/// links (`N`); everything else is reported as skipped, and so is a
/// relation or link whose argument is not a `T` line read. A line that
/// repeats an earlier one is read as it and reported in
/// [`ParsedAnn::warnings`].
pub(super) fn parse_ann(
    file: &str,
    source: &str,
    text: &str,
    problems: &mut Vec<String>,
) -> ParsedAnn {
    let mut text = TextIndex::new(text);
    let mut spans = Vec::new();
    // Each T id's place in `spans`, and the R lines, resolved at the end
    // (an R line may come before its T lines).
    let mut places: HashMap<&str, usize> = HashMap::new();
    let mut relation_lines: Vec<(usize, &str)> = Vec::new();
    let mut normalization_lines: Vec<(usize, &str)> = Vec::new();
    let mut skipped: BTreeMap<char, usize> = BTreeMap::new();
    let mut skipped_spans = 0;
    let mut repeats = Repeats::new(file);
    for (index, line) in source.lines().enumerate() {
        let Some(kind) = line.chars().next() else {
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        if kind == 'R' {
            relation_lines.push((index, line));
            continue;
        }
        if kind == 'N' {
            normalization_lines.push((index, line));
            continue;
        }
        if kind != 'T' {
            *skipped.entry(kind).or_default() += 1;
            continue;
        }
        match text_bound(line, &mut text) {
            Ok(span) => {
                let id = line.split('\t').next().unwrap_or_default();
                let place = repeats.add_span(Given::line(index, id), span, &mut spans);
                places.insert(id, place);
            }
            Err(reason) => {
                problems.push(format!("{file}:{}: {reason}; skipped", index + 1));
                skipped_spans += 1;
            }
        }
    }
    let read = (&mut skipped, &mut *problems);
    let links = read_links(&normalization_lines, &places, &mut repeats, read);
    if !skipped.is_empty() {
        let counts: Vec<String> = skipped
            .iter()
            .map(|(&kind, &n)| format!("{n} {} ({kind}) line{}", kind_name(kind), plural(n)))
            .collect();
        problems.push(format!(
            "{file}: skipped {}: only text-bound annotations (T), relations (R) and \
             entity links (N, newsmark:ID) are imported",
            counts.join(", ")
        ));
    }
    let mut relations = Vec::with_capacity(relation_lines.len());
    for (index, line) in relation_lines {
        let id = line.split('\t').next().unwrap_or_default();
        match relation(line, &places) {
            Ok(relation) if repeats.relation(Given::line(index, id), &relation) => {}
            Ok(relation) => relations.push(relation),
            Err(reason) => problems.push(format!("{file}:{}: {reason}; skipped", index + 1)),
        }
    }
    ParsedAnn {
        spans,
        relations,
        links,
        skipped_spans,
        warnings: repeats.warnings,
    }
}

/// Parses `R1\tTYPE Arg1:T1 Arg2:T2` (or `Arg2:T2 Arg1:T1`, the same
/// relation), its arguments found in `places`. Other role names, a role
/// given twice or a missing one are refused with the reason.
fn relation(line: &str, places: &HashMap<&str, usize>) -> Result<ImportedRelation, String> {
    let mut fields = line.split('\t');
    let id = fields.next().unwrap_or_default();
    let body = fields
        .next()
        .ok_or_else(|| format!("{id}: expected \"ID<tab>TYPE Arg1:T1 Arg2:T2\""))?;
    let mut words = body.split_whitespace();
    let label = words
        .next()
        .ok_or_else(|| format!("{id}: no relation type"))?;
    // Arg1 and Arg2, by the role each word names.
    let mut args: [Option<usize>; 2] = [None, None];
    let mut count = 0;
    for word in words {
        count += 1;
        let (role, target) = word
            .split_once(':')
            .ok_or_else(|| format!("{id}: expected ROLE:T… for {word:?} in {body:?}"))?;
        let slot = match role {
            "Arg1" => 0,
            "Arg2" => 1,
            _ => {
                return Err(format!(
                    "{id}: role {role} is not Arg1 or Arg2 in {body:?} \
                     (newsmark reads a relation as Arg1 → Arg2)"
                ));
            }
        };
        if args[slot].is_some() {
            return Err(format!("{id}: {role} given twice in {body:?}"));
        }
        let place = places.get(target).copied().ok_or_else(|| {
            format!("{id}: {role} {target} is not a text-bound annotation read from this file")
        })?;
        args[slot] = Some(place);
    }
    let ([Some(from), Some(to)], 2) = (args, count) else {
        return Err(format!("{id}: expected Arg1:T… and Arg2:T… in {body:?}"));
    };
    Ok(ImportedRelation {
        label: label.to_owned(),
        from,
        to,
    })
}

/// A text with its code-point offsets, indexed only when a discontinuous
/// span needs a look at it.
struct TextIndex<'a> {
    text: &'a str,
    /// Byte offset of each code point, and of the end.
    bytes: Option<Vec<usize>>,
}

impl<'a> TextIndex<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, bytes: None }
    }

    /// The text of code points `start..end`, if in range.
    fn slice(&mut self, start: usize, end: usize) -> Option<&'a str> {
        let text = self.text;
        let bytes = self.bytes.get_or_insert_with(|| {
            text.char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect()
        });
        let (&a, &b) = (bytes.get(start)?, bytes.get(end)?);
        (a <= b).then(|| &text[a..b])
    }
}

/// Parses `T1\tLABEL START END\tquote`, or `START END;START END…` whose
/// fragments are separated only by whitespace and line breaks (at least one
/// line break, as [`is_line_break`] counts them).
fn text_bound(line: &str, text: &mut TextIndex<'_>) -> Result<JsonSpan, String> {
    let mut fields = line.splitn(3, '\t');
    let id = fields.next().unwrap_or_default();
    let body = fields
        .next()
        .ok_or_else(|| format!("{id}: expected \"ID<tab>LABEL START END<tab>TEXT\""))?;
    let quote = fields.next();
    let (label, offsets) = body
        .trim()
        .split_once(' ')
        .ok_or_else(|| format!("{id}: no offsets after the label in {body:?}"))?;
    let offsets = offsets.trim();
    let mut fragments = Vec::new();
    for fragment in offsets.split(';') {
        let numbers: Vec<usize> = fragment
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| format!("{id}: offsets {offsets:?} are not whole numbers"))?;
        let [start, end] = numbers[..] else {
            return Err(format!("{id}: offsets {offsets:?} are not START END"));
        };
        fragments.push((start, end));
    }
    let (Some(&(start, _)), Some(&(_, end))) = (fragments.first(), fragments.last()) else {
        return Err(format!("{id}: no offsets in {body:?}"));
    };
    if fragments.len() == 1 {
        return Ok(JsonSpan {
            start,
            end,
            label: label.to_owned(),
            score: None,
            text: quote.map(str::to_owned),
        });
    }
    for pair in fragments.windows(2) {
        let ((_, gap_start), (gap_end, _)) = (pair[0], pair[1]);
        let gap = text.slice(gap_start, gap_end);
        // Export cuts at every line break Python's `splitlines` cuts at,
        // U+001C–U+001E too, which are not whitespace.
        let line_break_only = gap.is_some_and(|g| {
            g.contains(is_line_break) && g.chars().all(|c| c.is_whitespace() || is_line_break(c))
        });
        if !line_break_only {
            return Err(format!(
                "{id}: discontinuous span ({offsets}) not imported: its fragments are \
                 separated by more than a line break, and newsmark spans are contiguous"
            ));
        }
    }
    Ok(JsonSpan {
        start,
        end,
        label: label.to_owned(),
        score: None,
        text: text.slice(start, end).map(str::to_owned),
    })
}

fn kind_name(kind: char) -> &'static str {
    match kind {
        'R' => "relation",
        'E' => "event",
        'A' | 'M' => "attribute",
        'N' => "normalization",
        '#' => "note",
        '*' => "equivalence",
        _ => "unknown",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests;

//! The annotation file format (version 1), documented in the README.
//!
//! Writing is done by hand rather than through `ron::ser` so that the output
//! is deterministic and diff-friendly: spans sorted, one per line, then the
//! relations by id, one per line, default fields left out.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::reanchor::Context;
use crate::model::{
    AnnotationSet, Document, Origin, Relation, SetSnapshot, Span, SpanId, Spans, Status,
};

/// The format version this program writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The whole annotation file as it is parsed.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct AnnotationFile {
    /// Format version, [`FORMAT_VERSION`].
    pub format: u32,
    /// File name of the article, beside the annotation file.
    pub document: String,
    /// Lowercase hex SHA-256 of the article's text (UTF-8, BOM excluded).
    #[serde(default)]
    pub text_sha256: String,
    /// Whether an annotator marked the document done.
    #[serde(default)]
    pub done: bool,
    /// The spans.
    #[serde(default)]
    pub spans: Vec<StoredSpan>,
    /// The relations between spans, by id.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Spans of an earlier version of the text that could not be placed on
    /// this one, as they were (offsets and quote of that version).
    #[serde(default)]
    pub orphans: Vec<StoredSpan>,
}

/// A span as the file holds it: the model's [`Span`] and the context of its
/// quote. (The fields are repeated rather than `#[serde(flatten)]`ed: RON
/// reads a flattened struct as a map, not as `(id: 1, …)`: ron-rs/ron#115.)
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct StoredSpan {
    pub id: SpanId,
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub status: Status,
    /// The linked entity's id; empty for none (written only when set).
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub entity_status: Status,
    /// Up to [`super::CONTEXT_CHARS`] code points just before the quote.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`super::CONTEXT_CHARS`] code points just after the quote.
    #[serde(default)]
    pub suffix: String,
    /// For an orphan: the places of this text (code points) equally likely
    /// to be its own, offered to the user.
    #[serde(default)]
    pub candidates: Vec<(usize, usize)>,
}

impl StoredSpan {
    /// The span and its stored context.
    pub fn into_parts(self) -> (Span, Context) {
        let context = Context {
            prefix: self.prefix,
            suffix: self.suffix,
        };
        let span = Span {
            id: self.id,
            start: self.start,
            end: self.end,
            label: self.label,
            text: self.text,
            origin: self.origin,
            score: self.score,
            status: self.status,
            entity: (!self.entity.is_empty()).then_some(self.entity),
            entity_status: self.entity_status,
        };
        (span, context)
    }
}

/// Only the version, read first so an unknown version is reported as such
/// rather than as whatever field it fails on.
#[derive(Debug, Deserialize)]
pub(crate) struct VersionProbe {
    pub format: u32,
}

/// Lowercase hex SHA-256 of a text.
pub fn text_sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// A string as a RON string literal.
pub(crate) fn ron_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The review fields of a span or relation, those not at their default.
fn review_fields(line: &mut String, origin: &Origin, score: Option<f64>, status: Status) {
    match origin {
        Origin::Manual => {}
        Origin::Extractor(name) => {
            let _ = write!(line, ", origin: Extractor({})", ron_string(name));
        }
        Origin::Annotator(name) => {
            let _ = write!(line, ", origin: Annotator({})", ron_string(name));
        }
    }
    if let Some(score) = score {
        let _ = write!(line, ", score: Some({score:?})");
    }
    status_field(line, "status", status);
}

/// A status field named `name`, unless it is `Accepted` (the default).
fn status_field(line: &mut String, name: &str, status: Status) {
    match status {
        Status::Accepted => {}
        Status::Pending => {
            let _ = write!(line, ", {name}: Pending");
        }
        Status::Rejected => {
            let _ = write!(line, ", {name}: Rejected");
        }
    }
}

/// One relation as a single line of RON.
fn relation_line(relation: &Relation) -> String {
    let mut line = format!(
        "(id: {}, label: {}, from: {}, to: {}",
        relation.id,
        ron_string(&relation.label),
        relation.from,
        relation.to
    );
    review_fields(&mut line, &relation.origin, relation.score, relation.status);
    line.push(')');
    line
}

/// One span as a single line of RON, with its context if given (sides left
/// out when empty) and an orphan's candidate places (left out when none).
fn span_line(span: &Span, context: Option<&Context>, candidates: &[(usize, usize)]) -> String {
    let mut line = format!(
        "(id: {}, start: {}, end: {}, label: {}, text: {}",
        span.id,
        span.start,
        span.end,
        ron_string(&span.label),
        ron_string(&span.text)
    );
    review_fields(&mut line, &span.origin, span.score, span.status);
    if let Some(entity) = &span.entity {
        let _ = write!(line, ", entity: {}", ron_string(entity));
    }
    status_field(&mut line, "entity_status", span.entity_status);
    if let Some(context) = context {
        for (name, side) in [("prefix", &context.prefix), ("suffix", &context.suffix)] {
            if !side.is_empty() {
                let _ = write!(line, ", {name}: {}", ron_string(side));
            }
        }
    }
    if !candidates.is_empty() {
        let places: Vec<String> = candidates
            .iter()
            .map(|(start, end)| format!("({start}, {end})"))
            .collect();
        let _ = write!(line, ", candidates: [{}]", places.join(", "));
    }
    line.push(')');
    line
}

/// The annotation file's text for `set` over the article named `document`,
/// without the quotes' context (see [`to_ron_string_in_context`]).
pub fn to_ron_string(document: &str, text_sha256: &str, set: &AnnotationSet) -> String {
    let parts = FileParts::of_set(set);
    write_file(document, text_sha256, &parts, None)
}

/// The annotation file's text for `set` over the article `doc` named
/// `document`: its hash, and each span with the [`Context`] of its quote in
/// `doc`, which re-anchoring uses if the article changes.
pub fn to_ron_string_in_context(document: &str, doc: &Document, set: &AnnotationSet) -> String {
    let parts = FileParts::of_set(set);
    write_file(document, &text_sha256(doc.text()), &parts, Some(doc))
}

/// [`to_ron_string_in_context`] of a snapshot taken from a set, for a
/// writer on another thread; `text_sha256` is `doc`'s ([`text_sha256`]).
pub fn snapshot_to_ron_string(
    document: &str,
    doc: &Document,
    text_sha256: &str,
    snapshot: &SetSnapshot,
) -> String {
    let parts = FileParts {
        spans: snapshot.spans(),
        orphans: snapshot.orphans(),
        candidates: snapshot.candidates(),
        relations: snapshot.relations().collect(),
        done: snapshot.is_done(),
    };
    write_file(document, text_sha256, &parts, Some(doc))
}

/// What an annotation file holds besides its header.
struct FileParts<'a> {
    spans: Spans<'a>,
    orphans: &'a [Span],
    candidates: &'a BTreeMap<SpanId, Vec<(usize, usize)>>,
    /// The relations, by id.
    relations: Vec<&'a Relation>,
    done: bool,
}

impl<'a> FileParts<'a> {
    fn of_set(set: &'a AnnotationSet) -> Self {
        Self {
            spans: set.spans(),
            orphans: set.orphans(),
            candidates: set.candidates(),
            relations: set.relations().collect(),
            done: set.is_done(),
        }
    }
}

/// A list of spans (`spans` or `orphans`), one per line.
fn write_list<'a>(
    out: &mut String,
    name: &str,
    spans: impl ExactSizeIterator<Item = &'a Span>,
    doc: Option<&Document>,
    candidates: Option<&BTreeMap<SpanId, Vec<(usize, usize)>>>,
) {
    if spans.len() == 0 {
        let _ = writeln!(out, "    {name}: [],");
        return;
    }
    let _ = writeln!(out, "    {name}: [");
    for span in spans {
        let context = doc.map(|doc| Context::of(doc, span));
        let places = candidates
            .and_then(|c| c.get(&span.id))
            .map_or(&[][..], Vec::as_slice);
        let _ = writeln!(
            out,
            "        {},",
            span_line(span, context.as_ref(), places)
        );
    }
    out.push_str("    ],\n");
}

fn write_file(
    document: &str,
    text_sha256: &str,
    parts: &FileParts<'_>,
    doc: Option<&Document>,
) -> String {
    let per_span = if doc.is_some() { 180 } else { 96 };
    let mut out = String::with_capacity(128 + parts.spans.len() * per_span);
    out.push_str("(\n");
    let _ = writeln!(out, "    format: {FORMAT_VERSION},");
    let _ = writeln!(out, "    document: {},", ron_string(document));
    let _ = writeln!(out, "    text_sha256: {},", ron_string(text_sha256));
    if parts.done {
        out.push_str("    done: true,\n");
    }
    write_list(&mut out, "spans", parts.spans.iter(), doc, None);
    // Left out when there are none, so files without relations are
    // written as they always were.
    if !parts.relations.is_empty() {
        out.push_str("    relations: [\n");
        for relation in &parts.relations {
            let _ = writeln!(out, "        {},", relation_line(relation));
        }
        out.push_str("    ],\n");
    }
    // Orphans keep the offsets and quote of an older text: no context.
    if !parts.orphans.is_empty() {
        write_list(
            &mut out,
            "orphans",
            parts.orphans.iter(),
            None,
            Some(parts.candidates),
        );
    }
    out.push_str(")\n");
    out
}

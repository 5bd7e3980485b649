//! The annotation file format (version 1), documented in the README.
//!
//! Writing is done by hand rather than through `ron::ser` so that the output
//! is deterministic and diff-friendly: spans sorted, one per line, default
//! fields left out.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::model::{AnnotationSet, Origin, Span, Status};

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
    pub spans: Vec<Span>,
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
fn ron_string(s: &str) -> String {
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

/// One span as a single line of RON.
fn span_line(span: &Span) -> String {
    let mut line = format!(
        "(id: {}, start: {}, end: {}, label: {}, text: {}",
        span.id,
        span.start,
        span.end,
        ron_string(&span.label),
        ron_string(&span.text)
    );
    if let Origin::Extractor(name) = &span.origin {
        let _ = write!(line, ", origin: Extractor({})", ron_string(name));
    }
    if let Some(score) = span.score {
        let _ = write!(line, ", score: Some({score:?})");
    }
    match span.status {
        Status::Accepted => {}
        Status::Pending => line.push_str(", status: Pending"),
        Status::Rejected => line.push_str(", status: Rejected"),
    }
    line.push(')');
    line
}

/// The annotation file's text for `set` over the article named `document`.
pub fn to_ron_string(document: &str, text_sha256: &str, set: &AnnotationSet) -> String {
    let mut out = String::with_capacity(128 + set.len() * 96);
    out.push_str("(\n");
    let _ = writeln!(out, "    format: {FORMAT_VERSION},");
    let _ = writeln!(out, "    document: {},", ron_string(document));
    let _ = writeln!(out, "    text_sha256: {},", ron_string(text_sha256));
    if set.is_done() {
        out.push_str("    done: true,\n");
    }
    if set.is_empty() {
        out.push_str("    spans: [],\n");
    } else {
        out.push_str("    spans: [\n");
        for span in set.spans() {
            let _ = writeln!(out, "        {},", span_line(span));
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    out
}

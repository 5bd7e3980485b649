//! Other tools' annotation formats: reading what extractors and annotators
//! write (spaCy/Prodigy JSONL, doccano JSONL, brat standoff).

use serde::{Deserialize, Serialize};

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
}

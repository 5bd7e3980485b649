//! The JSONL formats, one document a line: spaCy and doccano.
//!
//! - spaCy: `{"text", "spans": [{"start", "end", "label", "score"?}],
//!   "meta": {"file": "NAME.txt"}}`, offsets in code points. With pending
//!   spans exported, each span also has `"status"` (`accepted`, `pending`)
//!   and `"origin"` (`manual`, `extractor:NAME`).
//! - doccano: `{"text", "label": [[start, end, label]], "meta": {"file":
//!   "NAME.txt"}}`, offsets in **UTF-16 code units**, as doccano computes
//!   them in JavaScript and as newsmark's doccano importer reads them (😀
//!   counts two, 🇨🇺 four, 👩‍💻 five). `meta` names the article for
//!   newsmark's importer (doccano keeps a record's extra fields as its
//!   metadata). Neither status nor score can be carried.
//!
//! The text is the article's, without a byte order mark.

use serde::Serialize;

use super::{ExportOptions, origin_name, status_name};
use crate::model::{Document, Span};

/// `"meta"`: the article's file name.
#[derive(Serialize)]
struct Meta<'a> {
    file: &'a str,
}

/// One span of a spaCy record.
#[derive(Serialize)]
struct SpacySpan<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
}

/// A spaCy record.
#[derive(Serialize)]
struct SpacyRecord<'a> {
    text: &'a str,
    spans: Vec<SpacySpan<'a>>,
    meta: Meta<'a>,
}

/// A doccano record.
#[derive(Serialize)]
struct DoccanoRecord<'a> {
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    meta: Meta<'a>,
}

/// The spaCy JSONL line (without its newline) of the document `name` (its
/// file name, `NAME.txt`) with `spans`, in their order.
pub fn spacy_line(name: &str, doc: &Document, spans: &[Span], options: ExportOptions) -> String {
    let record = SpacyRecord {
        text: doc.text(),
        spans: spans
            .iter()
            .map(|s| SpacySpan {
                start: s.start,
                end: s.end,
                label: &s.label,
                score: s.score,
                status: options.include_pending.then(|| status_name(s.status)),
                origin: options.include_pending.then(|| origin_name(&s.origin)),
            })
            .collect(),
        meta: Meta { file: name },
    };
    to_line(&record)
}

/// The doccano JSONL line (without its newline) of the document `name` (its
/// file name) with `spans`, offsets converted to UTF-16 code units.
pub fn doccano_line(name: &str, doc: &Document, spans: &[Span]) -> String {
    let units = Utf16Offsets::new(doc);
    let record = DoccanoRecord {
        text: doc.text(),
        label: spans
            .iter()
            .map(|s| (units.of(s.start), units.of(s.end), s.label.as_str()))
            .collect(),
        meta: Meta { file: name },
    };
    to_line(&record)
}

fn to_line(record: &impl Serialize) -> String {
    // Strings, numbers and lists of them always serialise; a non-finite
    // score (which no loaded file holds) would become `null`.
    serde_json::to_string(record).unwrap_or_default()
}

/// The text's offsets in UTF-16 code units, for doccano.
struct Utf16Offsets {
    /// `units[k]` is the UTF-16 offset of code point `k`; empty when every
    /// character is one unit (offsets coincide).
    units: Vec<usize>,
}

impl Utf16Offsets {
    fn new(doc: &Document) -> Self {
        let text = doc.text();
        if text.chars().all(|c| c.len_utf16() == 1) {
            return Self { units: Vec::new() };
        }
        let mut units = Vec::with_capacity(doc.char_len() + 1);
        let mut at = 0;
        for c in text.chars() {
            units.push(at);
            at += c.len_utf16();
        }
        units.push(at);
        Self { units }
    }

    /// The UTF-16 offset of code point `k` (`k` up to the text's length).
    fn of(&self, k: usize) -> usize {
        if self.units.is_empty() {
            k
        } else {
            // Past the end cannot happen for a placed span; keep the count.
            self.units.get(k).copied().unwrap_or(k)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Status};

    #[test]
    fn doccano_counts_utf16_units_and_spacy_code_points() {
        // "Ana" is at code point 5 and at UTF-16 unit 8 (😀 2, 🇨🇺 4).
        let doc = Document::new("😀 🇨🇺 Ana");
        let mut span = Span::manual(1, 5, 8, "person", "Ana");
        span.origin = Origin::Extractor("spacy".to_owned());
        span.status = Status::Pending;
        span.score = Some(0.25);
        let spans = [span];
        assert_eq!(
            doccano_line("a.txt", &doc, &spans),
            r#"{"text":"😀 🇨🇺 Ana","label":[[8,11,"person"]],"meta":{"file":"a.txt"}}"#
        );
        let plain = spacy_line("a.txt", &doc, &spans, ExportOptions::default());
        assert_eq!(
            plain,
            r#"{"text":"😀 🇨🇺 Ana","spans":[{"start":5,"end":8,"label":"person","score":0.25}],"meta":{"file":"a.txt"}}"#
        );
        let with_status = spacy_line(
            "a.txt",
            &doc,
            &spans,
            ExportOptions {
                include_pending: true,
            },
        );
        assert!(
            with_status.contains(r#""status":"pending","origin":"extractor:spacy""#),
            "{with_status}"
        );
    }
}

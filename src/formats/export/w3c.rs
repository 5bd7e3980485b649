//! W3C Web Annotation (JSON-LD): one `AnnotationCollection` whose single
//! embedded `AnnotationPage` lists every span as an `Annotation`:
//!
//! ```json
//! {"@context": "http://www.w3.org/ns/anno.jsonld",
//!  "id": "OUT.jsonld#havana.txt/3", "type": "Annotation",
//!  "body": {"type": "TextualBody", "value": "country", "purpose": "tagging"},
//!  "target": {"source": "havana.txt", "selector": [
//!    {"type": "TextQuoteSelector", "exact": "Havana", "prefix": "…", "suffix": "…"},
//!    {"type": "TextPositionSelector", "start": 18, "end": 24}]}}
//! ```
//!
//! Positions count code points, as the model requires, over the article's
//! text exactly as stored (CRLF counts two; a byte order mark is not text).
//! `prefix` and `suffix` hold up to 32 code points, shortened so as not to
//! split a character made of several (a flag, a ZWJ sequence). Identifiers
//! are IRIs relative to the output file: the collection is `OUT`, its page
//! `OUT#page1`, a span `OUT#NAME.txt/ID` (ID the span's stable id); the
//! target's `source` is the article's file name, relative too. With pending
//! spans exported, each annotation has `newsmark:status`, `newsmark:origin`
//! and (if known) `newsmark:score`, and the `@context` adds the `newsmark`
//! prefix ([`NEWSMARK_NS`]) so that JSON-LD expands them to IRIs instead of
//! reading them as bare IRIs with an unknown scheme.
//!
//! Each relation whose two spans are written follows the document's spans
//! as an annotation of its own, `OUT#NAME.txt/relation/ID`, with motivation
//! `linking`, whose `target` lists the two spans' annotations, from then
//! to, and whose body is the relation type with purpose `tagging` (the
//! body classifies the link; `linking` is the annotation's motivation, as
//! the model defines it for an annotation that links its targets):
//!
//! ```json
//! {"@context": "http://www.w3.org/ns/anno.jsonld",
//!  "id": "OUT.jsonld#havana.txt/relation/1", "type": "Annotation",
//!  "motivation": "linking",
//!  "body": {"type": "TextualBody", "value": "holds", "purpose": "tagging"},
//!  "target": ["OUT.jsonld#havana.txt/8", "OUT.jsonld#havana.txt/7"]}
//! ```
//!
//! The list's order is the relation's direction (from, to), as JSON keeps
//! it; a JSON-LD reader that expands `target` as a set loses the order.
//! With pending relations exported, they carry `newsmark:status`,
//! `newsmark:origin` and `newsmark:score` as spans do.

use serde::Serialize;
use unicode_segmentation::GraphemeCursor;

use super::{ExportOptions, origin_name, status_name};
use crate::model::{Document, Origin, Relation, Span, Status};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The IRI the `newsmark:` prefix stands for in an export with statuses.
pub const NEWSMARK_NS: &str = "urn:newsmark:";

/// The `@context` of a collection or annotation: the Web Annotation one,
/// plus the `newsmark` prefix when newsmark's own terms are written.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
enum Context {
    /// Web Annotation terms only.
    Plain(&'static str),
    /// With the `newsmark` prefix.
    WithNewsmark(&'static str, Prefix),
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
struct Prefix {
    newsmark: &'static str,
}

impl Context {
    fn of(options: ExportOptions) -> Self {
        if options.include_pending {
            Self::WithNewsmark(
                CONTEXT,
                Prefix {
                    newsmark: NEWSMARK_NS,
                },
            )
        } else {
            Self::Plain(CONTEXT)
        }
    }
}

/// How many code points of context `prefix` and `suffix` hold at most.
pub const CONTEXT_CHARS: usize = 32;

/// One span as a Web Annotation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Annotation {
    #[serde(rename = "@context")]
    context: Context,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    body: Body,
    target: Target,
    #[serde(flatten)]
    review: Review,
}

/// A span's or relation's review, written only with pending exported.
#[derive(Clone, Debug, PartialEq, Serialize)]
struct Review {
    #[serde(rename = "newsmark:status", skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(rename = "newsmark:origin", skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
    #[serde(rename = "newsmark:score", skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
}

impl Review {
    /// The review of something of this status, origin and score, empty
    /// unless `options` exports pending suggestions.
    fn of(status: Status, origin: &Origin, score: Option<f64>, options: ExportOptions) -> Self {
        let with_status = options.include_pending;
        Self {
            status: with_status.then(|| status_name(status)),
            origin: with_status.then(|| origin_name(origin)),
            score: score.filter(|_| with_status),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
struct Body {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
    purpose: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
struct Target {
    source: String,
    selector: (QuoteSelector, PositionSelector),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
struct QuoteSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: String,
    prefix: String,
    suffix: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

/// The annotations of the document `name` (its file name) for `spans`, in
/// their order; `collection` is the output file's name, which their ids are
/// relative to.
pub fn annotations(
    collection: &str,
    name: &str,
    doc: &Document,
    spans: &[Span],
    options: ExportOptions,
) -> Vec<Annotation> {
    let collection = iri(collection);
    let source = iri(name);
    spans
        .iter()
        .map(|span| {
            let (prefix, exact, suffix) = quote(doc, span);
            Annotation {
                context: Context::of(options),
                id: format!("{collection}#{source}/{}", span.id),
                kind: "Annotation",
                body: Body {
                    kind: "TextualBody",
                    value: span.label.clone(),
                    purpose: "tagging",
                },
                target: Target {
                    source: source.clone(),
                    selector: (
                        QuoteSelector {
                            kind: "TextQuoteSelector",
                            exact: exact.to_owned(),
                            prefix: prefix.to_owned(),
                            suffix: suffix.to_owned(),
                        },
                        PositionSelector {
                            kind: "TextPositionSelector",
                            start: span.start,
                            end: span.end,
                        },
                    ),
                },
                review: Review::of(span.status, &span.origin, span.score, options),
            }
        })
        .collect()
}

/// One relation as a Web Annotation: its spans' annotations as targets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelationAnnotation {
    #[serde(rename = "@context")]
    context: Context,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Body,
    /// The from span's annotation id, then the to span's.
    target: [String; 2],
    #[serde(flatten)]
    review: Review,
}

/// The annotations of those of `relations` of the document `name` whose
/// two spans are among `spans` (the spans annotated), in their order;
/// `collection` as for [`annotations`].
pub fn relation_annotations(
    collection: &str,
    name: &str,
    spans: &[Span],
    relations: &[&Relation],
    options: ExportOptions,
) -> Vec<RelationAnnotation> {
    let written: std::collections::HashSet<u64> = spans.iter().map(|s| s.id).collect();
    let base = format!("{}#{}", iri(collection), iri(name));
    relations
        .iter()
        .filter(|r| written.contains(&r.from) && written.contains(&r.to))
        .map(|r| RelationAnnotation {
            context: Context::of(options),
            id: format!("{base}/relation/{}", r.id),
            kind: "Annotation",
            motivation: "linking",
            body: Body {
                kind: "TextualBody",
                value: r.label.clone(),
                purpose: "tagging",
            },
            target: [format!("{base}/{}", r.from), format!("{base}/{}", r.to)],
            review: Review::of(r.status, &r.origin, r.score, options),
        })
        .collect()
}

/// The start of the collection named `collection` (the output file's name),
/// up to its first item: the collection is written piece by piece, one
/// document's items at a time ([`collection_items`]), then closed with its
/// count ([`collection_tail`]), so an export holds one document at a time.
pub fn collection_head(collection: &str, options: ExportOptions) -> String {
    let quoted = |v: &str| serde_json::to_string(v).unwrap_or_default();
    let context = serde_json::to_string(&Context::of(options)).unwrap_or_default();
    let id = iri(collection);
    format!(
        "{{\"@context\": {context},\n \"id\": {}, \"type\": \"AnnotationCollection\", \
         \"label\": \"newsmark export\",\n \"first\": {{\"id\": {}, \"type\": \"AnnotationPage\", \
         \"startIndex\": 0, \"items\": [",
        quoted(&id),
        quoted(&format!("{id}#page1")),
    )
}

/// `items`, one a line, each after a comma unless it is the collection's
/// first (`written` items came before).
pub fn collection_items(items: &[impl Serialize], written: usize) -> String {
    let mut out = Vec::with_capacity(items.len() * 512);
    for (k, item) in items.iter().enumerate() {
        if written + k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"\n  ");
        // Strings and numbers always serialise (a non-finite score, which
        // no loaded file holds, would become `null`); writing to a vector
        // cannot fail.
        let before = out.len();
        if serde_json::to_writer(&mut out, item).is_err() {
            out.truncate(before);
        }
    }
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_default()
}

/// The end of a collection of `total` items.
pub fn collection_tail(total: usize) -> String {
    format!("\n ]}},\n \"total\": {total}}}\n")
}

/// The whole collection named `collection` holding `items` (made with the
/// same `options`), as JSON ending with a newline.
pub fn collection(collection: &str, items: &[Annotation], options: ExportOptions) -> String {
    let mut out = collection_head(collection, options);
    out.push_str(&collection_items(items, 0));
    out.push_str(&collection_tail(items.len()));
    out
}

/// The span's prefix, exact text and suffix.
fn quote<'d>(doc: &'d Document, span: &Span) -> (&'d str, &'d str, &'d str) {
    let text = doc.text();
    let Some(range) = doc.byte_range(span.start..span.end) else {
        return ("", "", "");
    };
    let before = doc
        .byte_of_char(span.start.saturating_sub(CONTEXT_CHARS))
        .unwrap_or(range.start);
    let after = doc
        .byte_of_char((span.end + CONTEXT_CHARS).min(doc.char_len()))
        .unwrap_or(range.end);
    let before = grapheme_at_or_after(text, before).clamp(before, range.start);
    let after = grapheme_at_or_before(text, after).clamp(range.end, after);
    (
        &text[before..range.start],
        &text[range.clone()],
        &text[range.end..after],
    )
}

/// The first grapheme boundary at or after byte `at`.
fn grapheme_at_or_after(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(false) => match cursor.next_boundary(text, 0) {
            Ok(Some(b)) => b,
            _ => at,
        },
        _ => at,
    }
}

/// The last grapheme boundary at or before byte `at`.
fn grapheme_at_or_before(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(false) => match cursor.prev_boundary(text, 0) {
            Ok(Some(b)) => b,
            _ => at,
        },
        _ => at,
    }
}

/// `name` as a relative IRI: characters an IRI cannot hold (space, `#`,
/// `%`, `?`, `/`, quotes, brackets, controls…) percent-encoded as UTF-8;
/// letters beyond ASCII kept, as IRIs allow.
pub fn iri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let keep = if c.is_ascii() {
            c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c)
        } else {
            !c.is_control() && !c.is_whitespace()
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_stops_at_32_code_points_without_splitting_a_flag_or_a_zwj_sequence() {
        // 32 code points before "Ana" falls between the flag's two halves.
        let text = format!("🇨🇺{} Ana", "x".repeat(30));
        let doc = Document::new(text.as_str());
        let span = Span::manual(1, 33, 36, "person", "Ana");
        let (prefix, exact, suffix) = quote(&doc, &span);
        assert_eq!(prefix, format!("{} ", "x".repeat(30)));
        assert_eq!((exact, suffix), ("Ana", ""));
        // 32 code points after "Ana" falls between the ZWJ and the laptop.
        let text = format!("Ana{}👩\u{200d}💻", " ".repeat(30));
        let doc = Document::new(text.as_str());
        let span = Span::manual(1, 0, 3, "person", "Ana");
        let (prefix, _, suffix) = quote(&doc, &span);
        assert_eq!((prefix, suffix), ("", " ".repeat(30).as_str()));
        assert_eq!(iri("Café Zürich#1.txt"), "Café%20Zürich%231.txt");
    }

    #[test]
    fn a_relation_targets_its_two_spans_annotations_from_then_to() {
        let doc = Document::new("Issa Zarepour, Minister of ICT");
        let spans = [
            Span::manual(7, 0, 13, "person", "Issa Zarepour"),
            Span::manual(6, 15, 30, "role", "Minister of ICT"),
        ];
        let holds = Relation::manual(1, "holds", 7, 6);
        let dangling = Relation::manual(2, "of", 6, 99);
        let options = ExportOptions::default();
        let items = relation_annotations(
            "o ut.jsonld",
            "a b.txt",
            &spans,
            &[&holds, &dangling],
            options,
        );
        let json = serde_json::to_value(&items).unwrap_or_default();
        assert_eq!(
            json,
            serde_json::json!([{
                "@context": CONTEXT,
                "id": "o%20ut.jsonld#a%20b.txt/relation/1",
                "type": "Annotation",
                "motivation": "linking",
                "body": {"type": "TextualBody", "value": "holds", "purpose": "tagging"},
                "target": ["o%20ut.jsonld#a%20b.txt/7", "o%20ut.jsonld#a%20b.txt/6"],
            }])
        );
        let spans_json =
            serde_json::to_value(annotations("o ut.jsonld", "a b.txt", &doc, &spans, options))
                .unwrap_or_default();
        assert_eq!(
            spans_json[0]["id"], json[0]["target"][0],
            "the target is the span's annotation"
        );
    }
}

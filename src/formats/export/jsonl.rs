//! The JSONL formats, one document a line: spaCy (Prodigy) and doccano.
//!
//! - spaCy / Prodigy: `{"text", "spans": [{"start", "end", "label",
//!   "score"?, "kb_id"?}], "tokens": [{"text", "start", "end", "id", "ws"}],
//!   "relations": [{"head", "child", "head_span", "child_span", "label"}],
//!   "meta": {"file": "NAME.txt"}}`, offsets in code points. With pending
//!   spans exported, each span also has `"status"` (`accepted`, `pending`)
//!   and `"origin"` (`manual`, `extractor:NAME`). `kb_id` is the id of the
//!   registry entity the span is linked to (as spaCy's `Span.kb_id_`).
//!   `tokens` and `relations` are written only for a document with
//!   relations to export. Tokens are those of the `CoNLL` export (word segments, cut at every
//!   span edge, [`super::conll::tokens`]); as in Prodigy's relation
//!   recipes, a relation's `head` and `child` are the index of the last
//!   token of its from and to span (`token_end`), and `head_span` /
//!   `child_span` are the spans with `token_start` and `token_end`
//!   (inclusive). A relation one of whose spans covers no token (only
//!   whitespace) is left out, with a warning.
//! - doccano (its relation projects' format): `{"text", "entities": [{"id",
//!   "start_offset", "end_offset", "label", "kb_id"?}], "relations": [{"id",
//!   "from_id", "to_id", "type"}], "meta": {"file": "NAME.txt"}}`: an
//!   entity's id is the span's id, a relation's its own. Offsets are in
//!   **UTF-16 code units**, as doccano computes them in JavaScript and as
//!   newsmark's doccano importer reads them (😀 counts two, 🇨🇺 four, 👩‍💻
//!   five). `meta` names the article for newsmark's importer (doccano keeps
//!   a record's extra fields as its metadata), and `kb_id` (newsmark's, not
//!   doccano's) carries the span's entity link. Neither status nor score
//!   can be carried.
//!
//! Both write the relations whose two spans are written, in relation id
//! order. The text is the article's, without a byte order mark.

use serde::Serialize;

use super::brat::exported_link;
use super::conll::{Token, split_at_spans, tokens};
use super::{ExportOptions, origin_name, status_name};
use crate::model::{Document, Relation, Span};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    kb_id: Option<&'a str>,
}

/// A Prodigy token.
#[derive(Serialize)]
struct ProdigyToken<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    /// Whether whitespace follows it.
    ws: bool,
}

/// A relation's span, with its tokens (`token_end` inclusive).
#[derive(Serialize)]
struct TokenSpan<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
}

/// A Prodigy relation: `head` and `child` are the last tokens of its spans.
#[derive(Serialize)]
struct ProdigyRelation<'a> {
    head: usize,
    child: usize,
    head_span: TokenSpan<'a>,
    child_span: TokenSpan<'a>,
    label: &'a str,
}

/// A spaCy record.
#[derive(Serialize)]
struct SpacyRecord<'a> {
    text: &'a str,
    spans: Vec<SpacySpan<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tokens: Vec<ProdigyToken<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relations: Vec<ProdigyRelation<'a>>,
    meta: Meta<'a>,
}

/// A doccano entity.
#[derive(Serialize)]
struct DoccanoEntity<'a> {
    id: u64,
    start_offset: usize,
    end_offset: usize,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kb_id: Option<&'a str>,
}

/// A doccano relation.
#[derive(Serialize)]
struct DoccanoRelation<'a> {
    id: u64,
    from_id: u64,
    to_id: u64,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// A doccano record.
#[derive(Serialize)]
struct DoccanoRecord<'a> {
    text: &'a str,
    entities: Vec<DoccanoEntity<'a>>,
    relations: Vec<DoccanoRelation<'a>>,
    meta: Meta<'a>,
}

/// A spaCy line and what it could not carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpacyLine {
    /// The line, without its newline.
    pub line: String,
    /// Relations left out, each naming the document.
    pub warnings: Vec<String>,
}

/// Those of `relations` whose two spans are among `spans`, with the two
/// spans.
fn written_relations<'s>(
    spans: &'s [Span],
    relations: &[&'s Relation],
) -> Vec<(&'s Relation, &'s Span, &'s Span)> {
    let by_id: std::collections::HashMap<u64, &Span> = spans.iter().map(|s| (s.id, s)).collect();
    relations
        .iter()
        .filter_map(|r| Some((*r, *by_id.get(&r.from)?, *by_id.get(&r.to)?)))
        .collect()
}

/// The spaCy JSONL line of the document `name` (its file name, `NAME.txt`)
/// with `spans`, in their order, its tokens and those of `relations` whose
/// two spans are among `spans`.
pub fn spacy_line(
    name: &str,
    doc: &Document,
    spans: &[Span],
    relations: &[&Relation],
    options: ExportOptions,
) -> SpacyLine {
    let written = written_relations(spans, relations);
    // Tokens only where relations need them (their indices): writing every
    // article's tokens made the export three times slower and ten times
    // larger.
    let tokens = if written.is_empty() {
        Vec::new()
    } else {
        let refs: Vec<&Span> = spans.iter().collect();
        split_at_spans(tokens(doc), &refs)
    };
    let mut warnings = Vec::new();
    let relations = written
        .into_iter()
        .filter_map(|(relation, from, to)| {
            let spans = token_span(&tokens, from).zip(token_span(&tokens, to));
            if spans.is_none() {
                warnings.push(format!(
                    "{name}: relation {} ({}) is not written: a span it joins covers no token",
                    relation.id, relation.label
                ));
            }
            let (head_span, child_span) = spans?;
            Some(ProdigyRelation {
                head: head_span.token_end,
                child: child_span.token_end,
                head_span,
                child_span,
                label: &relation.label,
            })
        })
        .collect();
    let text = doc.text();
    let record = SpacyRecord {
        text,
        spans: spans
            .iter()
            .map(|s| SpacySpan {
                start: s.start,
                end: s.end,
                label: &s.label,
                score: s.score,
                status: options.include_pending.then(|| status_name(s.status)),
                origin: options.include_pending.then(|| origin_name(&s.origin)),
                kb_id: exported_link(s, options),
            })
            .collect(),
        tokens: tokens
            .iter()
            .enumerate()
            .map(|(id, t)| ProdigyToken {
                text: t.text,
                start: t.start,
                end: t.end,
                id,
                ws: followed_by_space(&tokens, id, doc),
            })
            .collect(),
        relations,
        meta: Meta { file: name },
    };
    SpacyLine {
        line: to_line(&record),
        warnings,
    }
}

/// Whether token `id` of `tokens` is followed by whitespace: the next
/// token (or the end of the text) comes later than its end.
fn followed_by_space(tokens: &[Token<'_>], id: usize, doc: &Document) -> bool {
    let end = tokens.get(id).map_or(0, |t| t.end);
    let next = tokens.get(id + 1).map_or(doc.char_len(), |t| t.start);
    next > end
}

/// `span` with the tokens it covers, if it covers any.
fn token_span<'s>(tokens: &[Token<'_>], span: &'s Span) -> Option<TokenSpan<'s>> {
    let token_start = tokens.partition_point(|t| t.start < span.start);
    let token_end = tokens
        .partition_point(|t| t.end <= span.end)
        .checked_sub(1)?;
    (token_start <= token_end).then_some(TokenSpan {
        start: span.start,
        end: span.end,
        token_start,
        token_end,
        label: &span.label,
    })
}

/// The doccano JSONL line (without its newline) of the document `name` (its
/// file name) with `spans` and those of `relations` whose two spans are
/// among them, offsets converted to UTF-16 code units.
pub fn doccano_line(
    name: &str,
    doc: &Document,
    spans: &[Span],
    relations: &[&Relation],
    options: ExportOptions,
) -> String {
    let units = Utf16Offsets::new(doc);
    let record = DoccanoRecord {
        text: doc.text(),
        entities: spans
            .iter()
            .map(|s| DoccanoEntity {
                id: s.id,
                start_offset: units.of(s.start),
                end_offset: units.of(s.end),
                label: &s.label,
                kb_id: exported_link(s, options),
            })
            .collect(),
        relations: written_relations(spans, relations)
            .into_iter()
            .map(|(r, from, to)| DoccanoRelation {
                id: r.id,
                from_id: from.id,
                to_id: to.id,
                kind: &r.label,
            })
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
        let options = ExportOptions::default();
        assert_eq!(
            doccano_line("a.txt", &doc, &spans, &[], options),
            r#"{"text":"😀 🇨🇺 Ana","entities":[{"id":1,"start_offset":8,"end_offset":11,"label":"person"}],"relations":[],"meta":{"file":"a.txt"}}"#
        );
        let plain = spacy_line("a.txt", &doc, &spans, &[], options).line;
        assert_eq!(
            plain,
            r#"{"text":"😀 🇨🇺 Ana","spans":[{"start":5,"end":8,"label":"person","score":0.25}],"meta":{"file":"a.txt"}}"#
        );
        let with_status = spacy_line(
            "a.txt",
            &doc,
            &spans,
            &[],
            ExportOptions {
                include_pending: true,
            },
        )
        .line;
        assert!(
            with_status.contains(r#""status":"pending","origin":"extractor:spacy""#),
            "{with_status}"
        );
    }

    /// "Iran’s Minister of ICT Issa Zarepour", its three spans linked, and
    /// two relations, one to a span not exported.
    fn minister() -> (Document, Vec<Span>, Vec<Relation>) {
        let doc = Document::new("Iran’s Minister of ICT Issa Zarepour 😀 met");
        let mut iran = Span::manual(3, 0, 4, "country", "Iran");
        iran.entity = Some("iran".to_owned());
        let role = Span::manual(5, 7, 22, "role", "Minister of ICT");
        let mut person = Span::manual(8, 23, 36, "person", "Issa Zarepour");
        person.entity = Some("issa-zarepour".to_owned());
        person.entity_status = Status::Pending;
        let relations = vec![
            Relation::manual(1, "holds", 8, 5),
            Relation::manual(2, "of", 5, 3),
            Relation::manual(4, "of", 5, 99),
        ];
        (doc, vec![iran, role, person], relations)
    }

    #[test]
    fn doccano_writes_entities_with_span_ids_relations_and_links() {
        let (doc, spans, relations) = minister();
        let relations: Vec<&Relation> = relations.iter().collect();
        let line = doccano_line("m.txt", &doc, &spans, &relations, ExportOptions::default());
        let json: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        assert_eq!(
            json["entities"],
            serde_json::json!([
                {"id": 3, "start_offset": 0, "end_offset": 4, "label": "country", "kb_id": "iran"},
                {"id": 5, "start_offset": 7, "end_offset": 22, "label": "role"},
                {"id": 8, "start_offset": 23, "end_offset": 36, "label": "person"},
            ]),
            "a pending link is written only with pending spans"
        );
        assert_eq!(
            json["relations"],
            serde_json::json!([
                {"id": 1, "from_id": 8, "to_id": 5, "type": "holds"},
                {"id": 2, "from_id": 5, "to_id": 3, "type": "of"},
            ])
        );
        let pending = ExportOptions {
            include_pending: true,
        };
        let line = doccano_line("m.txt", &doc, &spans, &relations, pending);
        assert!(
            line.contains(r#""label":"person","kb_id":"issa-zarepour"}"#),
            "{line}"
        );
    }

    #[test]
    fn spacy_relations_name_the_last_token_of_each_span() {
        let (doc, spans, relations) = minister();
        let mut relations: Vec<&Relation> = relations.iter().collect();
        // A span of only a space covers no token: its relation is left out.
        let blank = Span::manual(9, 36, 37, "person", " ");
        let to_blank = Relation::manual(7, "holds", 9, 5);
        relations.push(&to_blank);
        let mut spans = spans;
        spans.push(blank);
        let out = spacy_line("m.txt", &doc, &spans, &relations, ExportOptions::default());
        let json: serde_json::Value = serde_json::from_str(&out.line).unwrap_or_default();
        let words: Vec<&str> = json["tokens"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| t["text"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(
            words,
            [
                "Iran", "’s", "Minister", "of", "ICT", "Issa", "Zarepour", "😀", "met"
            ]
        );
        assert_eq!(
            json["tokens"][6],
            serde_json::json!({"text": "Zarepour", "start": 28, "end": 36, "id": 6, "ws": true})
        );
        assert_eq!(json["tokens"][0]["ws"], false, "’s follows Iran");
        assert_eq!(
            json["relations"],
            serde_json::json!([
                {"head": 6, "child": 4,
                 "head_span": {"start": 23, "end": 36, "token_start": 5, "token_end": 6, "label": "person"},
                 "child_span": {"start": 7, "end": 22, "token_start": 2, "token_end": 4, "label": "role"},
                 "label": "holds"},
                {"head": 4, "child": 0,
                 "head_span": {"start": 7, "end": 22, "token_start": 2, "token_end": 4, "label": "role"},
                 "child_span": {"start": 0, "end": 4, "token_start": 0, "token_end": 0, "label": "country"},
                 "label": "of"},
            ])
        );
        assert_eq!(json["spans"][0]["kb_id"], "iran");
        assert_eq!(
            out.warnings,
            ["m.txt: relation 7 (holds) is not written: a span it joins covers no token"]
        );
    }
}

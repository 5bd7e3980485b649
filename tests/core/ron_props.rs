//! Property test of the annotation file format: `to_ron_string` then
//! `parse_annotations` is the identity, for hostile labels, quotes and
//! extractor names over tricky Unicode text (a label or extractor name with
//! a control character is refused, naming its span); the output is
//! deterministic, one span per line.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::HashSet;
use std::path::Path;

use common::props::{config, ordered, status, text};
use newsmark::model::{
    AnnotationSet, Document, LabelSchema, MAX_NAME_CHARS, Origin, Span, check_label_name,
    check_name,
};
use newsmark::store::{parse_annotations, text_sha256, to_ron_string};
use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Strings that stress a RON writer: quotes, escapes, controls, emoji.
pub(crate) fn odd_string() -> impl Strategy<Value = String> {
    let pieces =
        "a|Z| |\"|\\|\\n|\n|\r|\r\n|\t|\u{0}|\u{7}|\u{1b}|\u{7f}|\u{85}|\u{2028}|\u{feff}|\u{200d}|😀|👩\u{200d}💻|🇨🇺|é|e\u{301}|(|)|,|//|/*|r#\"|#|'|\\u{41}|}"
        .split('|')
        .collect::<Vec<_>>();
    prop::collection::vec(
        prop_oneof![4 => select(pieces).prop_map(str::to_owned), 1 => any::<char>().prop_map(String::from)],
        0..10,
    )
    .prop_map(|v| v.concat())
}

pub(crate) fn score() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (0.0..=1.0f64).prop_map(Some),
        select(vec![0.0, 1.0, 0.5, 0.1, 0.91, 1e-300, 5e-324]).prop_map(Some),
    ]
}

pub(crate) fn span_id() -> impl Strategy<Value = u64> {
    let edges = select(vec![0, u64::MAX - 1, u64::MAX]);
    prop_oneof![1..40u64, edges, any::<u64>()]
}

/// A span whose offsets (and so quote) are yet to be chosen.
pub(crate) fn raw_span() -> impl Strategy<Value = (Index, Index, Span)> {
    // An extractor's or (`true`) an annotator's name.
    let extractor = prop::option::of((odd_string(), any::<bool>()));
    let fields = (span_id(), odd_string(), extractor, score(), status());
    let link = (prop::option::of(odd_string()), status());
    (any::<Index>(), any::<Index>(), fields, link).prop_map(
        |(x, y, (id, label, ex, score, status), (entity, entity_status))| {
            let mut span = Span::manual(id, 0, 0, &label, "");
            span.origin = match ex {
                None => Origin::Manual,
                Some((name, false)) => Origin::Extractor(name),
                Some((name, true)) => Origin::Annotator(name),
            };
            (span.score, span.status) = (score, status);
            // An empty entity is none (the file leaves it out).
            span.entity = entity.filter(|e| !e.is_empty());
            span.entity_status = entity_status;
            (x, y, span)
        },
    )
}

/// Spans over `doc` with unique ids and their true quotes; empty ranges and
/// duplicates (same offsets and label, which the loader reports) are skipped.
pub(crate) fn spans_over(doc: &Document, raw: Vec<(Index, Index, Span)>) -> Vec<Span> {
    let mut ids = HashSet::new();
    let mut places = HashSet::new();
    let mut spans = Vec::new();
    for (x, y, mut span) in raw {
        (span.start, span.end) = ordered(x, y, doc.char_len());
        if span.start < span.end
            && ids.insert(span.id)
            && places.insert((span.start, span.end, span.label.clone()))
        {
            span.text = doc.slice(span.start..span.end).unwrap().to_owned();
            spans.push(span);
        }
    }
    spans
}

fn schema_for(spans: &[Span]) -> LabelSchema {
    let mut labels = Vec::new();
    for span in spans {
        let mut def = LabelSchema::default().labels[0].clone();
        def.name = span.label.clone();
        labels.push(def);
    }
    LabelSchema::with_labels(labels)
}

/// Whether a span's label, extractor or annotator name is refused by the
/// loader.
fn breaks_name_rule(span: &Span) -> bool {
    let bad_origin = match &span.origin {
        Origin::Extractor(name) | Origin::Annotator(name) => {
            check_name(name, MAX_NAME_CHARS).is_err()
        }
        Origin::Manual => false,
    };
    let bad_entity = span
        .entity
        .as_deref()
        .is_some_and(|e| check_name(e, MAX_NAME_CHARS).is_err());
    check_label_name(&span.label).is_err() || bad_origin || bad_entity
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn ron_round_trip_is_identity(
        raw_text in text(80),
        raw in prop::collection::vec(raw_span(), 0..10),
        name in odd_string(),
    ) {
        let doc = Document::new(raw_text);
        let spans = spans_over(&doc, raw);
        let set = AnnotationSet::from_spans(spans.clone());
        let document = format!("{name}.txt");
        let sha = text_sha256(doc.text());
        let ron = to_ron_string(&document, &sha, &set);

        // Deterministic: same set (whatever the insertion order), same string.
        let reversed = AnnotationSet::from_spans(spans.into_iter().rev().collect());
        prop_assert_eq!(&to_ron_string(&document, &sha, &reversed), &ron);

        let schema = schema_for(&set.spans().to_vec());
        let parsed = parse_annotations(Path::new("x.ron"), &ron, &document, &doc, &schema);
        // A label or extractor name that breaks the rule (a control
        // character; too long) is written faithfully but refused on loading,
        // naming the first such span.
        if let Some(bad) = set.spans().iter().find(|s| breaks_name_rule(s)) {
            let err = parsed.err().map(|e| e.to_string()).unwrap_or_default();
            prop_assert!(err.contains(&format!("(span {})", bad.id)), "{}\n{}", err, ron);
            prop_assert!(err.ends_with("the file is not loaded"), "{}", err);
            return Ok(());
        }
        let loaded = parsed.map_err(|e| TestCaseError::fail(format!("{e}\n{ron}")))?;
        prop_assert!(loaded.problems.is_empty(), "{:?}\n{}", loaded.problems, ron);
        prop_assert!(loaded.unplaced.is_empty());
        prop_assert!(!loaded.text_changed);
        prop_assert_eq!(loaded.set.spans(), set.spans());
        prop_assert_eq!(&loaded.set, &set);
        prop_assert_eq!(loaded.set.next_id(), set.next_id());

        // Layout: header, one line per span, footer; no raw CR anywhere.
        prop_assert!(ron.ends_with(")\n"));
        prop_assert!(!ron.contains('\r'));
        let lines: Vec<&str> = ron.lines().collect();
        prop_assert_eq!(lines.len(), set.len() + if set.is_empty() { 6 } else { 7 });
        for (line, span) in lines[5..].iter().zip(set.spans()) {
            let body = line.strip_prefix("        ").and_then(|l| l.strip_suffix(','));
            prop_assert!(body.is_some(), "span line {:?}", line);
            let parsed: Span = ron::from_str(body.unwrap())
                .map_err(|e| TestCaseError::fail(format!("{e}: {line}")))?;
            prop_assert_eq!(&parsed, span);
        }
    }
}

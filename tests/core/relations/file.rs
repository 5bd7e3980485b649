//! The annotation file's `relations` list and `entity` links: read by the
//! fast reader and by `ron`, written deterministically one per line,
//! files without them unchanged, relations with missing ends kept and
//! reported.

use std::path::Path;

use newsmark::model::{
    AnnotationSet, Document, InvalidRelation, LabelSchema, Origin, Relation, Span, Status,
};
use newsmark::store::{parse_annotations, read_fast, text_sha256, to_ron_string};

pub(super) const TEXT: &str = "Iran’s Minister of ICT Issa Zarepour met Cuba’s minister.";

/// A set over [`TEXT`]: Iran (1), Minister of ICT (2), Issa Zarepour (3,
/// linked), Cuba (4), and relations holds 3→2, of 2→1 and a pending
/// suggested of.
pub(super) fn linked_set() -> AnnotationSet {
    let doc = Document::new(TEXT.to_owned());
    let span = |id, quote: &str, label| {
        let start = doc.text().find(quote).unwrap();
        let start = doc.text()[..start].chars().count();
        Span::manual(id, start, start + quote.chars().count(), label, quote)
    };
    let mut zarepour = span(3, "Issa Zarepour", "person");
    zarepour.entity = Some("issa-zarepour".to_owned());
    let mut cuba = span(4, "Cuba", "country");
    cuba.entity = Some("cuba".to_owned());
    cuba.entity_status = Status::Pending;
    let mut set = AnnotationSet::from_spans(vec![
        span(1, "Iran", "country"),
        span(2, "Minister of ICT", "role"),
        zarepour,
        cuba,
    ]);
    set.insert_relation(Relation::manual(2, "of", 2, 1));
    set.insert_relation(Relation::manual(1, "holds", 3, 2));
    set.insert_relation(Relation {
        origin: Origin::Extractor("pattern".to_owned()),
        score: Some(0.5),
        status: Status::Pending,
        ..Relation::manual(7, "of", 2, 4)
    });
    set
}

fn load(source: &str) -> newsmark::store::LoadedAnnotations {
    let doc = Document::new(TEXT.to_owned());
    parse_annotations(
        Path::new("a.ron"),
        source,
        "a.txt",
        &doc,
        &LabelSchema::default(),
    )
    .unwrap()
}

#[test]
fn relations_and_links_are_written_one_per_line_and_read_back() {
    let set = linked_set();
    let ron = to_ron_string("a.txt", &text_sha256(TEXT), &set);
    let expected_tail = "        (id: 4, start: 41, end: 45, label: \"country\", text: \"Cuba\", entity: \"cuba\", entity_status: Pending),
    ],
    relations: [
        (id: 1, label: \"holds\", from: 3, to: 2),
        (id: 2, label: \"of\", from: 2, to: 1),
        (id: 7, label: \"of\", from: 2, to: 4, origin: Extractor(\"pattern\"), score: Some(0.5), status: Pending),
    ],
)
";
    assert!(ron.ends_with(expected_tail), "{ron}");
    assert!(ron.contains("text: \"Issa Zarepour\", entity: \"issa-zarepour\"),\n"));
    // The fast reader reads it (no fall-back to `ron`)…
    assert!(read_fast(&ron).is_some());
    let loaded = load(&ron);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.set, set);
    assert_eq!(loaded.set.next_relation_id(), 8);
    // … and `ron` too: a comment sends the file to it.
    let commented = ron.replacen("(\n", "( // by hand\n", 1);
    assert!(read_fast(&commented).is_none());
    assert_eq!(load(&commented).set, set);
    // Written again, the same bytes.
    assert_eq!(to_ron_string("a.txt", &text_sha256(TEXT), &loaded.set), ron);
}

#[test]
fn a_file_without_relations_is_written_as_before() {
    let mut set = linked_set();
    for id in [1, 2, 7] {
        set.remove_relation(id);
    }
    for id in [3, 4] {
        let mut span = set.remove(id).unwrap();
        (span.entity, span.entity_status) = (None, Status::Accepted);
        set.insert(span);
    }
    let ron = to_ron_string("a.txt", &text_sha256(TEXT), &set);
    assert!(
        !ron.contains("relations") && !ron.contains("entity"),
        "{ron}"
    );
    assert!(ron.ends_with("text: \"Cuba\"),\n    ],\n)\n"), "{ron}");
}

#[test]
fn a_relation_with_a_missing_end_is_kept_reported_and_saved_back() {
    let set = linked_set();
    let ron = to_ron_string("a.txt", &text_sha256(TEXT), &set).replace(
        "(id: 1, label: \"holds\", from: 3, to: 2)",
        "(id: 1, label: \"holds\", from: 30, to: 2)",
    );
    let loaded = load(&ron);
    let reasons: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        ["a.ron: relation 1: from span 30 is not in the file; the relation is kept as it is"]
    );
    assert_eq!(loaded.set.relation(1).map(|r| r.from), Some(30));
    assert!(!loaded.would_lose_data(), "kept, so saving loses nothing");
    assert_eq!(to_ron_string("a.txt", &text_sha256(TEXT), &loaded.set), ron);
}

#[test]
fn a_second_relation_with_the_same_id_is_set_aside_and_protects_the_file() {
    let ron = to_ron_string("a.txt", &text_sha256(TEXT), &linked_set())
        .replace("(id: 7, label", "(id: 2, label");
    let loaded = load(&ron);
    assert_eq!(loaded.set.relation_count(), 2);
    assert_eq!(loaded.unplaced_relations.len(), 1);
    assert_eq!(loaded.unplaced_relations[0].to, 4);
    assert!(loaded.would_lose_data());
    assert!(
        loaded.problems[0]
            .reason
            .contains("relation 2: duplicate relation id")
    );
}

#[test]
fn relations_of_unknown_types_or_disallowed_ends_are_kept_and_reported() {
    let ron = to_ron_string("a.txt", &text_sha256(TEXT), &linked_set())
        .replace(
            "label: \"holds\", from: 3, to: 2",
            "label: \"holds\", from: 1, to: 2",
        )
        .replace(
            "label: \"of\", from: 2, to: 1",
            "label: \"met\", from: 2, to: 1",
        );
    let loaded = load(&ron);
    let reasons: Vec<String> = loaded.problems.iter().map(|p| p.reason.clone()).collect();
    assert_eq!(
        reasons,
        [
            "relation 1: \"holds\" does not allow a \"country\" span as its from (span 1)",
            "relation 2: unknown relation type \"met\"",
        ]
    );
    assert_eq!(loaded.set.relation_count(), 3, "nothing dropped");
    let problems = loaded.set.validate_relations(&LabelSchema::default());
    assert_eq!(problems.len(), 2);
    assert_eq!(
        problems[1],
        (2, InvalidRelation::UnknownType("met".to_owned()))
    );
}

//! Relation suggestions from patterns inside one sentence, and `newsmark
//! suggest` adding them (and suggested entity links) to a corpus.

use std::fs;
use std::path::Path;

use newsmark::model::{AnnotationSet, Document, Edit, LabelSchema, Origin, Span, Status};
use newsmark::session::Session;
use newsmark::store::to_ron_string_in_context;
use newsmark::suggest::relations::relation_suggestions_edit;
use tempfile::TempDir;

use super::file::TEXT;

/// A copy of the Tehran–Havana sample with no relations and no links.
fn bare_sample() -> (TempDir, Session) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("2024-05-iran-cuba-ict.txt");
    fs::copy(samples.join("2024-05-iran-cuba-ict.txt"), &txt).unwrap();
    let shipped = Session::read(
        &samples.join("2024-05-iran-cuba-ict.txt"),
        LabelSchema::default(),
    )
    .unwrap();
    let spans: Vec<Span> = shipped
        .set()
        .spans()
        .iter()
        .map(|s| Span {
            entity: None,
            ..s.clone()
        })
        .collect();
    let set = AnnotationSet::from_spans(spans);
    fs::write(
        txt.with_extension("ron"),
        to_ron_string_in_context("2024-05-iran-cuba-ict.txt", shipped.doc(), &set),
    )
    .unwrap();
    let session = Session::open(&txt, LabelSchema::default()).unwrap();
    (dir, session)
}

#[test]
fn roles_next_to_people_and_countries_give_pending_relations() {
    let (_dir, mut s) = bare_sample();
    let edit = relation_suggestions_edit(&s).unwrap();
    s.perform(edit).unwrap();
    let found: Vec<(&str, u64, u64)> = s
        .set()
        .relations()
        .map(|r| (r.label.as_str(), r.from, r.to))
        .collect();
    // "Iran’s Minister of ICT, Issa Zarepour, met Wilfredo González Vidal,
    // First Deputy Minister of Communications of Cuba" and "Zarepour, Iran’s
    // ICT minister": the six relations of the shipped sample inside those
    // sentences (the two others cross a sentence or name no pattern).
    let mut sorted = found.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            ("holds", 7, 6),
            ("holds", 8, 9),
            ("holds", 14, 16),
            ("of", 6, 5),
            ("of", 9, 10),
            ("of", 16, 15),
        ]
    );
    for r in s.set().relations() {
        assert_eq!(r.status, Status::Pending);
        assert_eq!(r.origin, Origin::Extractor("pattern".to_owned()));
    }
    // Nothing new the second time; a rejected one is not offered again.
    assert!(relation_suggestions_edit(&s).is_none());
    let id = s.set().relations().next().unwrap().id;
    let reject = s.review_relation_edit(id, Status::Rejected).unwrap();
    s.perform(reject).unwrap();
    assert!(relation_suggestions_edit(&s).is_none());
    // Deleted, it is suggested again (nothing remembers it).
    let delete = s.delete_relation_edit(id).unwrap();
    s.perform(delete).unwrap();
    assert!(matches!(relation_suggestions_edit(&s), Some(Edit::Batch(e)) if e.len() == 1));
}

#[test]
fn newsmark_suggest_adds_relations_and_entity_links() {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, TEXT).unwrap();
    let doc = Document::new(TEXT.to_owned());
    let span = |id, quote: &str, label| {
        let start = doc.char_of_byte(TEXT.find(quote).unwrap()).unwrap();
        Span::manual(id, start, start + quote.chars().count(), label, quote)
    };
    let set = AnnotationSet::from_spans(vec![
        span(1, "Iran", "country"),
        span(2, "Minister of ICT", "role"),
        span(3, "Issa Zarepour", "person"),
    ]);
    fs::write(
        dir.path().join("a.ron"),
        to_ron_string_in_context("a.txt", &doc, &set),
    )
    .unwrap();
    fs::write(
        dir.path().join("entities.ron"),
        "(format: 1, entities: [(id: \"iran\", label: \"country\", name: \"Iran\")])",
    )
    .unwrap();
    // Only the spans above: no gazetteer.
    fs::write(dir.path().join("newsmark.ron"), "(gazetteer: false)").unwrap();
    let stdout = crate::common::files::newsmark_stdout([
        std::ffi::OsStr::new("suggest"),
        dir.path().as_os_str(),
    ]);
    assert!(stdout.contains("a.txt: "), "{stdout}");
    assert!(
        stdout.contains("2 suggested relations, 1 suggested entity link"),
        "{stdout}"
    );
    let saved = fs::read_to_string(dir.path().join("a.ron")).unwrap();
    assert!(
        saved.contains("text: \"Iran\", entity: \"iran\", entity_status: Pending"),
        "{saved}"
    );
    assert!(
        saved.contains(
            "label: \"holds\", from: 3, to: 2, origin: Extractor(\"pattern\"), status: Pending)"
        ),
        "{saved}"
    );
    assert!(
        saved.contains(
            "label: \"of\", from: 2, to: 1, origin: Extractor(\"pattern\"), status: Pending)"
        ),
        "{saved}"
    );
}

//! Relations and entity links through doccano JSONL and brat `N` lines:
//! what an import does with them when spans do not fit, and how links come
//! in.

use std::fs;

use newsmark::corpus::import::{ImportOptions, import_into};
use newsmark::formats::{self, Format};
use newsmark::model::{LabelSchema, Status};
use newsmark::session::Session;

fn options(accepted: bool) -> ImportOptions {
    ImportOptions {
        map: Vec::new(),
        only_mapped: false,
        origin: "doccano".to_owned(),
        accepted,
    }
}

#[test]
fn a_doccano_relation_whose_span_does_not_fit_is_reported_with_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.jsonl");
    // Entity 2 ends outside the text.
    let record = serde_json::json!({
        "text": "Ana is minister",
        "meta": {"file": "a.txt"},
        "entities": [
            {"id": 1, "start_offset": 0, "end_offset": 3, "label": "person", "kb_id": "ana"},
            {"id": 2, "start_offset": 7, "end_offset": 40, "label": "role"},
            {"id": 3, "start_offset": 7, "end_offset": 15, "label": "role"},
        ],
        "relations": [
            {"id": 1, "from_id": 1, "to_id": 2, "type": "holds"},
            {"id": 2, "from_id": 1, "to_id": 3, "type": "holds"},
        ],
    });
    fs::write(&src, format!("{record}\n")).unwrap();
    let read = formats::read(Format::Doccano, &src).unwrap();
    assert_eq!(read.docs[0].relations.len(), 2);
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let report = import_into(
        &corpus,
        &read.docs,
        &options(false),
        &LabelSchema::default(),
    )
    .unwrap();
    let expected = format!(
        "{}:1: a.txt: 1 relation not imported: a span it joins was not imported",
        src.display()
    );
    assert_eq!(
        report.problems.last(),
        Some(&expected),
        "{:?}",
        report.problems
    );
    assert_eq!((report.docs[0].relations, report.docs[0].links), (1, 1));
    assert!(!report.imported_everything());
    let session = Session::open(&corpus.join("a.txt"), LabelSchema::default()).unwrap();
    let relations: Vec<_> = session.set().relations().collect();
    assert_eq!(relations.len(), 1);
    let from = session.set().get(relations[0].from).unwrap();
    let to = session.set().get(relations[0].to).unwrap();
    assert_eq!((from.text.as_str(), to.text.as_str()), ("Ana", "minister"));
    assert_eq!(relations[0].status, Status::Pending);
    assert_eq!(from.entity.as_deref(), Some("ana"));
    assert_eq!(
        from.entity_status,
        Status::Pending,
        "a suggested link, reviewed as spans are"
    );
}

#[test]
fn brat_n_lines_link_new_spans_and_spans_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("brat");
    fs::create_dir(&brat).unwrap();
    fs::write(brat.join("a.txt"), "Havana met Bo").unwrap();
    fs::write(brat.join("a.ann"), "T1\tcountry 0 6\tHavana\n").unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let read = formats::read(Format::Brat, &brat).unwrap();
    import_into(&corpus, &read.docs, &options(true), &LabelSchema::default()).unwrap();
    // The same span again, now with its link and the entity's external id.
    fs::write(
        brat.join("a.ann"),
        "T1\tcountry 0 6\tHavana\nN1\tReference T1 newsmark:cuba\tCuba\n\
         N2\tReference T1 Wikidata:Q241\tCuba\nT2\tperson 11 13\tBo\n\
         N3\tReference T2 newsmark:bo%20b\tBo B\n",
    )
    .unwrap();
    let read = formats::read(Format::Brat, &brat).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let report = import_into(&corpus, &read.docs, &options(true), &LabelSchema::default()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.docs[0].added, report.docs[0].links), (1, 2));
    assert!(
        report
            .to_string()
            .contains("a.txt: 1 added, 2 entity links, 1 duplicate"),
        "{report}"
    );
    let session = Session::open(&corpus.join("a.txt"), LabelSchema::default()).unwrap();
    let links: Vec<_> = session
        .set()
        .spans()
        .iter()
        .map(|s| (s.text.as_str(), s.linked_entity()))
        .collect();
    assert_eq!(links, [("Havana", Some("cuba")), ("Bo", Some("bo b"))]);
    // A third time: nothing new.
    let report = import_into(&corpus, &read.docs, &options(true), &LabelSchema::default()).unwrap();
    assert_eq!((report.docs[0].added, report.docs[0].links), (0, 0));
}

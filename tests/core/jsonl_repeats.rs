//! doccano and spaCy / Prodigy JSONL records that say something twice: a
//! span (same label and offsets) or a relation given again is read as one,
//! and each repeat is a warning naming the file, the record's line and both
//! entries; an entry that conflicts (another entity's id with other
//! offsets, another relation's id, a second link of a span to another
//! entity) is a problem, skipped and named, never dropped silently.

use std::fs;
use std::path::Path;

use newsmark::model::{LabelSchema, Status};
use newsmark::session::Session;

use crate::common::files::run_newsmark;

/// Runs `newsmark import FORMAT SRC --into corpus` in `dir`: the exit code
/// and what it said.
fn import(dir: &Path, format: &str, src: &Path) -> (Option<i32>, String) {
    let src = src.to_str().unwrap();
    run_newsmark(dir, &["import", format, src, "--into", "corpus"])
}

/// The lines of `said` that start with `warning: ` (without it).
fn warnings(said: &str) -> Vec<&str> {
    said.lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .collect()
}

/// Article `name` of the corpus in `dir`, as saved.
fn saved(dir: &Path, name: &str) -> Session {
    let txt = dir.join("corpus").join(format!("{name}.txt"));
    Session::read(&txt, LabelSchema::default()).unwrap()
}

#[test]
fn doccano_repeats_are_warnings_naming_both_entries_and_conflicts_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.jsonl");
    let record = concat!(
        r#"{"text": "Ana is minister of Cuba", "meta": {"file": "a.txt"}, "entities": ["#,
        r#"{"id": 1, "start_offset": 0, "end_offset": 3, "label": "person"}, "#,
        r#"{"id": 2, "start_offset": 7, "end_offset": 15, "label": "role"}, "#,
        r#"{"id": 3, "start_offset": 0, "end_offset": 3, "label": "person", "kb_id": "ana"}, "#,
        r#"{"id": 4, "start_offset": 19, "end_offset": 23, "label": "country", "kb_id": "cuba"}, "#,
        r#"{"id": 5, "start_offset": 19, "end_offset": 23, "label": "country", "kb_id": "havana"}, "#,
        r#"{"id": 2, "start_offset": 19, "end_offset": 23, "label": "role"}], "#,
        r#""relations": [{"id": 10, "from_id": 3, "to_id": 4, "type": "holds"}, "#,
        r#"{"id": 11, "from_id": 1, "to_id": 4, "type": "holds"}, "#,
        r#"{"id": 10, "from_id": 1, "to_id": 5, "type": "of"}, "#,
        r#"{"id": 12, "from_id": 2, "to_id": 4, "type": "of"}]}"#,
    );
    fs::write(&src, format!("{{\"text\": \"x\"}}\n{record}\n")).unwrap();
    let (code, said) = import(dir.path(), "doccano", &src);
    let at = format!("{}:2", src.display());
    assert_eq!(
        warnings(&said),
        [
            format!(
                "{at}: entities[2] (id 3) repeats entities[0] (id 1): the same person 0..3; read \
                 as one span, which takes the relations and entity links of both"
            ),
            format!(
                "{at}: entities[4] (id 5) repeats entities[3] (id 4): the same country 19..23; \
                 read as one span, which takes the relations and entity links of both"
            ),
            format!(
                "{at}: relations[1] (id 11) repeats relations[0] (id 10): the same holds \
                 relation between the same spans; read as one relation"
            ),
        ],
        "{said}"
    );
    for problem in [
        format!(
            "{at}: entities[4] (id 5): its span is linked to \"cuba\" already (entities[3] (id \
             4)), and a span has one entity; this link to \"havana\" skipped"
        ),
        format!(
            "{at}: entities[5] (id 2): id 2 is entities[1] (id 2)'s, another span (role 7..15); \
             span skipped, and relations naming id 2 are skipped too"
        ),
        format!(
            "{at}: relations[2]: id 10 is relations[0] (id 10)'s, another relation (holds from \
             person 0..3 to country 19..23); relation skipped"
        ),
        format!(
            "{at}: relations[3]: from_id 2 names two different entities (entities[1] (id 2) and \
             entities[5] (id 2)); which one is meant cannot be told; relation skipped"
        ),
    ] {
        assert!(said.contains(&problem), "{problem:?} not in:\n{said}");
    }
    // Conflicts were skipped: the import says so in its exit code.
    assert_eq!(code, Some(2), "{said}");

    // On disk: one span per repeat group, the first link, one relation.
    let session = saved(dir.path(), "a");
    let set = session.set();
    let spans: Vec<_> = set
        .spans()
        .iter()
        .map(|s| (s.text.as_str(), s.label.as_str(), s.entity.as_deref()))
        .collect();
    assert_eq!(
        spans,
        [
            ("Ana", "person", Some("ana")),
            ("minister", "role", None),
            ("Cuba", "country", Some("cuba")),
        ]
    );
    let relations: Vec<_> = set
        .relations()
        .map(|r| {
            let end = |id| set.get(id).unwrap().text.as_str();
            (r.label.as_str(), end(r.from), end(r.to), r.status)
        })
        .collect();
    assert_eq!(relations, [("holds", "Ana", "Cuba", Status::Pending)]);
    let ron = fs::read_to_string(dir.path().join("corpus/a.ron")).unwrap();
    assert_eq!(ron.matches("text: \"Ana\"").count(), 1, "{ron}");
    assert_eq!(ron.matches("text: \"Cuba\"").count(), 1, "{ron}");
}

#[test]
fn spacy_repeats_are_warnings_and_a_second_link_to_another_entity_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.jsonl");
    let record = concat!(
        r#"{"text": "Ana, minister", "meta": {"id": "b"}, "spans": ["#,
        r#"{"start": 0, "end": 3, "label": "person", "score": 0.9}, "#,
        r#"{"start": 5, "end": 13, "label": "role", "kb_id": "minister"}, "#,
        r#"{"start": 0, "end": 3, "label": "person", "score": 0.9, "kb_id": "ana"}, "#,
        r#"{"start": 5, "end": 13, "label": "role", "kb_id": "other"}], "#,
        r#""relations": [{"head_span": {"start": 0, "end": 3}, "child_span": {"start": 5, "end": 13}, "label": "holds"}, "#,
        r#"{"head_span": {"start": 0, "end": 3}, "child_span": {"start": 5, "end": 13}, "label": "holds"}]}"#,
    );
    fs::write(&src, format!("{record}\n")).unwrap();
    let (code, said) = import(dir.path(), "spacy", &src);
    let at = format!("{}:1", src.display());
    assert_eq!(
        warnings(&said),
        [
            format!(
                "{at}: spans[2] repeats spans[0]: the same person 0..3; read as one span, which \
                 takes the relations and entity links of both"
            ),
            format!(
                "{at}: spans[3] repeats spans[1]: the same role 5..13; read as one span, which \
                 takes the relations and entity links of both"
            ),
            format!(
                "{at}: relations[1] repeats relations[0]: the same holds relation between the \
                 same spans; read as one relation"
            ),
        ],
        "{said}"
    );
    let problem = format!(
        "{at}: spans[3]: its span is linked to \"minister\" already (spans[1]), and a span has \
         one entity; this link to \"other\" skipped"
    );
    assert!(said.contains(&problem), "{problem:?} not in:\n{said}");
    assert_eq!(code, Some(2), "{said}");
    let session = saved(dir.path(), "b");
    let set = session.set();
    let spans: Vec<_> = set
        .spans()
        .iter()
        .map(|s| (s.text.as_str(), s.entity.as_deref(), s.score))
        .collect();
    assert_eq!(
        spans,
        [
            ("Ana", Some("ana"), Some(0.9)),
            ("minister", Some("minister"), None)
        ]
    );
    assert_eq!(set.relation_count(), 1);
}

#[test]
fn exact_repeats_alone_import_everything_with_warnings_only() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.jsonl");
    let record = r#"{"text": "Ana", "id": "c", "label": [[0, 3, "person"], [0, 3, "person"]]}"#;
    fs::write(&src, format!("{record}\n")).unwrap();
    let (code, said) = import(dir.path(), "doccano", &src);
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(
        warnings(&said),
        [format!(
            "{}:1: label[1] repeats label[0]: the same person 0..3; read as one span, which \
             takes the relations and entity links of both",
            src.display()
        )]
    );
    assert!(
        said.contains("1 span added, 0 duplicates skipped"),
        "{said}"
    );
    assert_eq!(saved(dir.path(), "c").set().spans().len(), 1);
}

#[test]
fn spans_that_are_one_once_labels_are_mapped_are_a_warning_and_join_their_links() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.jsonl");
    let record = concat!(
        r#"{"text": "Ana", "meta": {"id": "d"}, "spans": [{"start": 0, "end": 3, "label": "PER"}, "#,
        r#"{"start": 0, "end": 3, "label": "person", "kb_id": "ana"}]}"#
    );
    fs::write(&src, format!("{record}\n")).unwrap();
    let src_arg = src.to_str().unwrap();
    let args = [
        "import",
        "spacy",
        src_arg,
        "--into",
        "corpus",
        "--map",
        "PER=person",
    ];
    let (code, said) = run_newsmark(dir.path(), &args);
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(
        warnings(&said),
        [format!(
            "{}:1: d.txt: person 0..3 and PER 0..3 are both person 0..3 once labels are mapped; \
             read as one span (span 1), which takes the relations and entity links of both",
            src.display()
        )]
    );
    let session = saved(dir.path(), "d");
    let spans: Vec<_> = session
        .set()
        .spans()
        .iter()
        .map(|s| (s.label.as_str(), s.entity.as_deref(), s.entity_status))
        .collect();
    assert_eq!(spans, [("person", Some("ana"), Status::Pending)]);
}

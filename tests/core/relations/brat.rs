//! brat `R` lines: the sample corpus's relations exported and imported
//! back, each between the same spans; relation types brat cannot store
//! declared under brat names and mapped back.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use newsmark::corpus::import::{ImportOptions, import_into};
use newsmark::formats::export::{ExportFormat, ExportOptions, export_corpus};
use newsmark::formats::{self, Format};
use newsmark::model::{Edit, LabelSchema, Relation, Span, Status};
use newsmark::session::Session;

/// Each relation of each article as (document, type, from span's place and
/// label, to span's place and label).
type Relations = BTreeSet<(
    String,
    String,
    (usize, usize, String),
    (usize, usize, String),
)>;

fn relations(corpus: &Path) -> Relations {
    let mut out = Relations::new();
    for entry in fs::read_dir(corpus).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let s = Session::read(&path, LabelSchema::default()).unwrap();
        let end = |id| {
            let span = s.set().get(id).unwrap();
            (span.start, span.end, span.label.clone())
        };
        for r in s.set().relations() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.insert((name, r.label.clone(), end(r.from), end(r.to)));
        }
    }
    out
}

/// Import options: everything, accepted, with origin `brat`.
fn accepted_from_brat() -> ImportOptions {
    ImportOptions {
        map: Vec::new(),
        only_mapped: false,
        origin: "brat".to_owned(),
        accepted: true,
    }
}

#[test]
fn the_samples_relations_go_out_as_r_lines_and_come_back() {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    let report =
        export_corpus(ExportFormat::Brat, &samples, &out, ExportOptions::default()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let ann = fs::read_to_string(out.join("2024-05-iran-cuba-ict.ann")).unwrap();
    let r_lines: Vec<&str> = ann.lines().filter(|l| l.starts_with('R')).collect();
    assert_eq!(r_lines.len(), 12);
    assert_eq!(r_lines[0], "R1\tholds Arg1:T7 Arg2:T6");
    assert_eq!(r_lines[11], "R12\tparty_to Arg1:T13 Arg2:T27");
    let read = formats::read(Format::Brat, &out).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let again = dir.path().join("again");
    fs::create_dir(&again).unwrap();
    let options = accepted_from_brat();
    let report = import_into(&again, &read.docs, &options, &LabelSchema::default()).unwrap();
    let imported: usize = report.docs.iter().map(|d| d.relations).sum();
    assert_eq!(imported, 12 + 6 + 8 + 10 + 8);
    let expected = relations(&samples);
    assert_eq!(expected.len(), 44);
    assert_eq!(relations(&again), expected);
    // Imported again: nothing new.
    let report = import_into(&again, &read.docs, &options, &LabelSchema::default()).unwrap();
    assert_eq!(report.docs.iter().map(|d| d.relations).sum::<usize>(), 0);
    let s = Session::read(
        &again.join("2024-05-iran-cuba-ict.txt"),
        LabelSchema::default(),
    )
    .unwrap();
    assert!(s.set().relations().all(|r| r.status == Status::Accepted));
}

#[test]
fn relation_types_are_declared_in_annotation_conf_under_brat_names_and_map_back() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    // Two relation types brat cannot store, one of them clashing with the
    // schema's `party_to` once written brat's way.
    let mut settings = newsmark::settings::CorpusSettings::default();
    let mut schema = LabelSchema::default();
    for name in ["es parte de", "party to"] {
        let mut def = schema.relations[0].clone();
        def.name = name.to_owned();
        def.hotkeys.clear();
        def.from.clear();
        def.to.clear();
        schema.relations.push(def);
    }
    settings.relations = Some(schema.relations.clone());
    fs::write(
        corpus.join(newsmark::settings::FILE_NAME),
        ron::to_string(&settings).unwrap(),
    )
    .unwrap();
    let txt = corpus.join("ana.txt");
    fs::write(&txt, "Ana es parte de Cuba y firmó el acuerdo.\n").unwrap();
    let mut session = Session::open(&txt, schema.clone()).unwrap();
    session
        .perform(Edit::Batch(vec![
            Edit::Add(Span::manual(1, 0, 3, "person", "Ana")),
            Edit::Add(Span::manual(2, 16, 20, "country", "Cuba")),
            Edit::Add(Span::manual(3, 32, 39, "initiative", "acuerdo")),
            Edit::AddRelation(Relation::manual(1, "es parte de", 1, 2)),
            Edit::AddRelation(Relation::manual(2, "party to", 1, 3)),
            Edit::AddRelation(Relation::manual(3, "party_to", 2, 3)),
        ]))
        .unwrap();
    session.save().unwrap();

    let out = dir.path().join("brat");
    let report =
        export_corpus(ExportFormat::Brat, &corpus, &out, ExportOptions::default()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("relation type \"party to\" is written \"party_to_2\""),
        "{warnings}"
    );
    assert!(
        warnings.contains("relation type \"es parte de\" is written \"es_parte_de\""),
        "{warnings}"
    );
    let conf = fs::read_to_string(out.join("annotation.conf")).unwrap();
    assert!(
        conf.contains(
            "[relations]\nholds Arg1:<ENTITY>, Arg2:<ENTITY>\nof Arg1:<ENTITY>, Arg2:<ENTITY>\n\
             party_to Arg1:<ENTITY>, Arg2:<ENTITY>\nes_parte_de Arg1:<ENTITY>, Arg2:<ENTITY>\n\
             party_to_2 Arg1:<ENTITY>, Arg2:<ENTITY>\n"
        ),
        "{conf}"
    );
    let ann = fs::read_to_string(out.join("ana.ann")).unwrap();
    let r_lines: Vec<&str> = ann.lines().filter(|l| l.starts_with('R')).collect();
    assert_eq!(
        r_lines,
        [
            "R1\tes_parte_de Arg1:T1 Arg2:T2",
            "R2\tparty_to_2 Arg1:T1 Arg2:T3",
            "R3\tparty_to Arg1:T2 Arg2:T3",
        ]
    );

    let read = formats::read(Format::Brat, &out).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let again = dir.path().join("again");
    fs::create_dir(&again).unwrap();
    let options = accepted_from_brat();
    let report = import_into(&again, &read.docs, &options, &schema).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let back = Session::read(&again.join("ana.txt"), schema).unwrap();
    let types: BTreeSet<(&str, u64, u64)> = back
        .set()
        .relations()
        .map(|r| (r.label.as_str(), r.from, r.to))
        .collect();
    let spans = |label: &str| {
        back.set()
            .spans()
            .iter()
            .find(|s| s.label == label)
            .unwrap()
            .id
    };
    let (ana, cuba, acuerdo) = (spans("person"), spans("country"), spans("initiative"));
    assert_eq!(
        types,
        BTreeSet::from([
            ("es parte de", ana, cuba),
            ("party to", ana, acuerdo),
            ("party_to", cuba, acuerdo),
        ])
    );
}

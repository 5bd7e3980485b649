//! brat `R` lines: the sample corpus's relations exported and imported
//! back, each between the same spans.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use newsmark::corpus::import::{ImportOptions, import_into};
use newsmark::formats::export::{ExportFormat, ExportOptions, export_corpus};
use newsmark::formats::{self, Format};
use newsmark::model::{LabelSchema, Status};
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
    let options = ImportOptions {
        map: Vec::new(),
        only_mapped: false,
        origin: "brat".to_owned(),
        accepted: true,
    };
    let report = import_into(&again, &read.docs, &options, &LabelSchema::default()).unwrap();
    let imported: usize = report.docs.iter().map(|d| d.relations).sum();
    assert_eq!(imported, 12 + 8 + 10 + 8);
    let expected = relations(&samples);
    assert_eq!(expected.len(), 38);
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
fn an_r_line_with_arg2_first_is_the_same_relation_and_other_roles_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Ana is Minister.\n").unwrap();
    fs::write(
        dir.path().join("a.ann"),
        "T1\tperson 0 3\tAna\nT2\trole 7 15\tMinister\n\
         R1\tholds Arg2:T2 Arg1:T1\nR2\tholds Arg1:T1 Arg2:T2\n\
         R3\tholds Subj:T1 Obj:T2\nR4\tholds Arg1:T1 Arg1:T2\nR5\tholds Arg1:T1\n",
    )
    .unwrap();
    let read = formats::read(Format::Brat, dir.path()).unwrap();
    let doc = &read.docs[0];
    let ends: Vec<_> = doc
        .relations
        .iter()
        .map(|r| (r.label.as_str(), r.from, r.to))
        .collect();
    assert_eq!(ends, [("holds", 0, 1), ("holds", 0, 1)], "R1 is R2");
    let p = &read.problems;
    let said = |needle: &str| p.iter().any(|m| m.contains(needle));
    assert!(
        said("a.ann:5: R3: role Subj is not Arg1 or Arg2 in \"holds Subj:T1 Obj:T2\""),
        "{p:?}"
    );
    assert!(said("a.ann:6: R4: Arg1 given twice"), "{p:?}");
    assert!(said("a.ann:7: R5: expected Arg1:T… and Arg2:T…"), "{p:?}");
    assert_eq!(p.len(), 3, "{p:?}");
}

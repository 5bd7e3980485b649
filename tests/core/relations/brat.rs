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

//! Importing spaCy, doccano and brat output into a corpus, end to end on real
//! files: offsets after emoji, flags, ZWJ sequences and CRLF; non-ASCII
//! names; re-importing changes nothing; bad spans and records are reported and
//! skipped; label mapping; accepted vs pending; merging into annotated
//! documents; names that would leave the corpus; protected annotation files.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use newsmark::corpus::import::{ImportOptions, ImportReport, import_into};
use newsmark::formats::{self, Format, FormatError, ImportedDoc, OffsetUnit, ReadOptions};
use newsmark::model::{Edit, LabelSchema, Origin, Span, Status};
use newsmark::session::Session;
use newsmark::store;
use serde_json::json;
use tempfile::TempDir;

/// 😀 is 1 code point, 🇨🇺 2, 👩‍💻 3; CRLF is 2. "Havana" is at 18..24.
const TEXT_A: &str = "😀 Café Zürich, 🇨🇺 Havana:\r\n👩\u{200d}💻 Issa Zarepour, Minister of ICT,\r\nmet Cuba’s envoy.\r\n";
const TEXT_B: &str = "Tehran 🇮🇷 and Havana 🇨🇺 signed the e-government programme.\r\n";
const TEXT_C: &str = "👩\u{200d}💻 Ana Díaz 😀 in Quito\r\n";
/// The spans of `TEXT_A` every format's fixture holds, by start.
const SPANS_A: [(usize, &str, &str); 4] = [
    (18, "country", "Havana"),
    (31, "person", "Issa Zarepour"),
    (46, "role", "Minister of ICT"),
    (68, "country", "Cuba"),
];
const SPANS_B: [(usize, &str, &str); 3] = [
    (0, "country", "Tehran"),
    (14, "country", "Havana"),
    (35, "initiative", "e-government programme"),
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn options(origin: &str) -> ImportOptions {
    ImportOptions {
        map: Vec::new(),
        only_mapped: false,
        origin: origin.to_owned(),
        accepted: false,
    }
}

fn import(corpus: &Path, docs: &[ImportedDoc], options: &ImportOptions) -> ImportReport {
    import_into(corpus, docs, options, &LabelSchema::default()).unwrap()
}

/// The spans of `corpus/NAME.txt` as saved, reopened and validated.
fn saved(corpus: &Path, name: &str) -> Vec<Span> {
    let session = Session::open(&corpus.join(format!("{name}.txt")), LabelSchema::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let problems = session.problems().iter().map(ToString::to_string);
    // Labels and relation types outside the schema are kept and shown.
    let serious: Vec<String> = problems
        .filter(|p| !p.contains("unknown label") && !p.contains("unknown relation type"))
        .collect();
    assert!(serious.is_empty(), "{serious:?}");
    assert!(session.unplaced().is_empty());
    session.set().spans().to_vec()
}

/// (start, label, quote) of each span.
fn quotes(spans: &[Span]) -> Vec<(usize, &str, &str)> {
    spans
        .iter()
        .map(|s| (s.start, s.label.as_str(), s.text.as_str()))
        .collect()
}

/// Imports `docs` a second time and checks that no file changed.
fn assert_reimport_changes_nothing(corpus: &Path, docs: &[ImportedDoc], first: &ImportReport) {
    let before = crate::common::files::folder_bytes(corpus);
    let again = import(corpus, docs, &options("spacy"));
    assert_eq!(
        crate::common::files::folder_bytes(corpus),
        before,
        "a second import changed files"
    );
    assert_eq!(again.totals().added, 0);
    assert_eq!(again.totals().created, 0);
    assert_eq!(again.totals().duplicates, first.totals().added);
}

fn has(problems: &[String], parts: &[&str]) -> bool {
    problems
        .iter()
        .any(|p| parts.iter().all(|part| p.contains(part)))
}

fn write_jsonl(dir: &Path, records: &[serde_json::Value]) -> PathBuf {
    let path = dir.join("in.jsonl");
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn spacy_offsets_after_emoji_flags_zwj_and_crlf_land_on_their_quotes() {
    let src = fixture("spacy.jsonl");
    let out = formats::read(Format::Spacy, &src).unwrap();
    let names: Vec<_> = out.docs.iter().map(|d| d.name.as_deref()).collect();
    assert_eq!(names, vec![Some("Café Zürich"), Some("2024"), None]);
    assert!(
        has(&out.problems, &["spacy.jsonl:3: not valid JSON"]),
        "{:?}",
        out.problems
    );
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);

    let corpus = TempDir::new().unwrap();
    let report = import(corpus.path(), &out.docs, &options("spacy"));
    let t = report.totals();
    assert_eq!(
        (t.documents, t.created, t.added, t.invalid),
        (3, 3, 9, 2),
        "{report}"
    );
    assert!(has(
        &report.problems,
        &["spacy.jsonl:1: 200..205: outside the text (83 characters)"]
    ));
    assert!(has(
        &report.problems,
        &["spacy.jsonl:1: 31..44: quote \"Issa Zarepur\""]
    ));
    let summary = report.to_string();
    let head = "3 documents merged (3 created), 0 skipped; 9 spans added";
    assert!(summary.starts_with(head), "{summary}");
    assert!(summary.contains("  Café Zürich.txt (new): 4 added, 2 invalid  ["));

    // The articles hold the texts byte for byte, CRLF included.
    assert_eq!(
        fs::read(corpus.path().join("Café Zürich.txt")).unwrap(),
        TEXT_A.as_bytes()
    );
    let hashed = format!("doc-{}", &store::text_sha256(TEXT_C)[..12]);
    assert_eq!(
        fs::read(corpus.path().join(format!("{hashed}.txt"))).unwrap(),
        TEXT_C.as_bytes()
    );

    let a = saved(corpus.path(), "Café Zürich");
    assert_eq!(quotes(&a), SPANS_A);
    assert!(a.iter().all(|s| s.status == Status::Pending));
    assert!(
        a.iter()
            .all(|s| s.origin == Origin::Extractor("spacy".into()))
    );
    assert_eq!(
        (a[0].score, a[2].score, a[3].score),
        (Some(0.91), None, Some(0.5))
    );
    assert_eq!(quotes(&saved(corpus.path(), "2024")), SPANS_B);
    let c = saved(corpus.path(), &hashed);
    assert_eq!(
        quotes(&c),
        vec![(4, "person", "Ana Díaz"), (18, "country", "Quito")]
    );

    assert_reimport_changes_nothing(corpus.path(), &out.docs, &report);
}

#[test]
fn doccano_utf16_offsets_are_converted_in_both_variants() {
    let src = fixture("doccano.jsonl");
    let out = formats::read(Format::Doccano, &src).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let names: Vec<_> = out.docs.iter().map(|d| d.name.as_deref()).collect();
    assert_eq!(names, vec![Some("Škoda Øresund"), Some("7")]);

    let corpus = TempDir::new().unwrap();
    let report = import(corpus.path(), &out.docs, &options("doccano"));
    assert!(report.problems.is_empty(), "{report}");
    assert_eq!(quotes(&saved(corpus.path(), "Škoda Øresund")), SPANS_A);
    assert_eq!(quotes(&saved(corpus.path(), "7")), SPANS_B);
    assert_reimport_changes_nothing(corpus.path(), &out.docs, &report);

    // Said to count code points, the same file's offsets are refused,
    // record by record: they fit only as UTF-16 units.
    let raw = ReadOptions {
        offsets: Some(OffsetUnit::CodePoints),
    };
    let out = formats::read_with(Format::Doccano, &src, &raw).unwrap();
    assert!(out.docs.is_empty());
    assert_eq!(out.skipped_records, 2);
    assert!(
        has(
            &out.problems,
            &[
                "doccano.jsonl:1: the offsets do not fit --offsets codepoints",
                "--offsets utf16"
            ]
        ),
        "{:?}",
        out.problems
    );
}

/// A brat folder: one rich pair, one text with a byte order mark, one text
/// without annotations.
fn brat_folder(dir: &Path) {
    let ann = "T1\tcountry 18 24\tHavana\nT2\tperson 31 44\tIssa Zarepour\r\n\
               T3\trole 46 61\tMinister of ICT\nT4\tcountry 68 72\tCuba\n\
               T5\tperson 31 35;36 44\tIssa Zarepour\nT6\tperson 31 44\tIssa Zarepur\n\
               T7\tcountry 80 90\tnope\nR1\tRel Arg1:T2 Arg2:T3\nR2\tRel Arg1:T2 Arg2:T1\n\
               E1\tMeet:T2\nA1\tNegated E1\n#1\tAnnotatorNotes T2\tchecked\n\
               N1\tReference T1 Wikipedia:123\tHavana\n\n";
    fs::write(dir.join("Ñandú 🇨🇺.txt"), TEXT_A).unwrap();
    fs::write(dir.join("Ñandú 🇨🇺.ann"), ann).unwrap();
    // brat counts the byte order mark: "Cuba" is 4..8 there, 3..7 here.
    fs::write(dir.join("bom.txt"), "\u{feff}🇨🇺 Cuba\r\n").unwrap();
    fs::write(dir.join("bom.ann"), "T1\tcountry 4 8\tCuba\n").unwrap();
    fs::write(dir.join("orphan.txt"), "no annotations").unwrap();
    fs::write(dir.join("annotation.conf"), "[entities]\nperson\n").unwrap();
}

#[test]
fn brat_pairs_are_read_with_other_lines_reported_and_quotes_checked() {
    let src = TempDir::new().unwrap();
    brat_folder(src.path());
    let out = formats::read(Format::Brat, src.path()).unwrap();
    let names: Vec<_> = out.docs.iter().map(|d| d.name.as_deref()).collect();
    assert_eq!(names, vec![Some("bom"), Some("Ñandú 🇨🇺")]);
    let p = &out.problems;
    assert!(
        has(p, &["Ñandú 🇨🇺.ann:5: T5: discontinuous span (31 35;36 44)"]),
        "{p:?}"
    );
    assert!(has(
        p,
        &[
            "Ñandú 🇨🇺.ann: skipped ",
            "1 note (#) line",
            "1 attribute (A) line",
            "1 event (E) line",
            "1 normalization (N) line",
        ]
    ));
    // The two R lines are read (relations are imported since issue 13).
    assert!(!has(p, &["relation (R)"]), "{p:?}");
    let rich = out
        .docs
        .iter()
        .find(|d| d.name.as_deref() == Some("Ñandú 🇨🇺"));
    assert_eq!(rich.map(|d| d.relations.len()), Some(2));
    assert!(has(p, &["orphan.txt: no .ann file beside it"]), "{p:?}");
    assert_eq!(p.len(), 3, "{p:?}");

    let corpus = TempDir::new().unwrap();
    let report = import(corpus.path(), &out.docs, &options("brat"));
    let p = &report.problems;
    assert!(
        has(
            p,
            &["Ñandú 🇨🇺.ann: 31..44: quote \"Issa Zarepur\" does not match"]
        ),
        "{p:?}"
    );
    assert!(
        has(
            p,
            &["Ñandú 🇨🇺.ann: 80..90: outside the text (83 characters)"]
        ),
        "{p:?}"
    );
    assert_eq!(quotes(&saved(corpus.path(), "Ñandú 🇨🇺")), SPANS_A);
    assert_eq!(
        quotes(&saved(corpus.path(), "bom")),
        vec![(3, "country", "Cuba")]
    );
    assert_eq!(
        fs::read(corpus.path().join("bom.txt")).unwrap(),
        "\u{feff}🇨🇺 Cuba\r\n".as_bytes()
    );
    assert_reimport_changes_nothing(corpus.path(), &out.docs, &report);

    // One pair can be read through its .ann file.
    let one = formats::read(Format::Brat, &src.path().join("bom.ann")).unwrap();
    assert_eq!(one.docs.len(), 1);
}

#[test]
fn sources_that_cannot_be_read_are_errors_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.jsonl");
    for format in Format::ALL {
        let err = formats::read(format, &missing).unwrap_err();
        assert!(matches!(err, FormatError::Read { .. }), "{err:?}");
        assert!(err.to_string().contains("missing.jsonl"), "{err}");
    }
    let jsonl = write_jsonl(dir.path(), &[]);
    let err = formats::read(Format::Brat, &jsonl).unwrap_err();
    assert!(matches!(err, FormatError::NotBrat { .. }), "{err:?}");
    let err = import_into(&missing, &[], &options("x"), &LabelSchema::default()).unwrap_err();
    assert!(err.to_string().contains("missing.jsonl"), "{err}");
}

const TEXT_M: &str = "Ana Díaz 😀 met Bo in 🇨🇺 Cuba.\r\n";

/// A record over `TEXT_M` named `m` with PER, GPE, ORG and person spans.
fn labelled_record() -> serde_json::Value {
    json!({"text": TEXT_M, "meta": {"file": "m.txt"}, "spans": [
        {"start": 0, "end": 8, "label": "PER", "text": "Ana Díaz"},
        {"start": 24, "end": 28, "label": "GPE", "text": "Cuba"},
        {"start": 15, "end": 17, "label": "ORG"},
        {"start": 15, "end": 17, "label": "person"},
    ]})
}

#[test]
fn labels_are_mapped_and_only_mapped_drops_the_rest() {
    let dir = TempDir::new().unwrap();
    let docs = formats::read(
        Format::Spacy,
        &write_jsonl(dir.path(), &[labelled_record()]),
    )
    .unwrap()
    .docs;
    let map = vec![
        ("PER".to_owned(), "person".to_owned()),
        ("GPE".to_owned(), "country".to_owned()),
    ];
    let all = TempDir::new().unwrap();
    let mapped = ImportOptions {
        map: map.clone(),
        ..options("spacy")
    };
    let report = import(all.path(), &docs, &mapped);
    let expected = vec![
        (0, "person", "Ana Díaz"),
        (15, "ORG", "Bo"),
        (15, "person", "Bo"),
        (24, "country", "Cuba"),
    ];
    assert_eq!(quotes(&saved(all.path(), "m")), expected);
    assert_eq!(
        report.unknown_labels,
        BTreeMap::from([("ORG".to_owned(), 1)])
    );
    let warnings = report.warning_lines().join("\n");
    assert!(warnings.contains("\"ORG\" ×1"), "{warnings}");

    let only = TempDir::new().unwrap();
    let only_mapped = ImportOptions {
        map,
        only_mapped: true,
        accepted: true,
        ..options("spacy")
    };
    let report = import(only.path(), &docs, &only_mapped);
    assert_eq!((report.totals().added, report.totals().unmapped), (2, 2));
    let spans = saved(only.path(), "m");
    assert_eq!(
        quotes(&spans),
        vec![(0, "person", "Ana Díaz"), (24, "country", "Cuba")]
    );
    assert!(spans.iter().all(|s| s.status == Status::Accepted));
}

#[test]
fn merging_keeps_existing_spans_and_does_not_offer_rejected_ones_again() {
    let corpus = TempDir::new().unwrap();
    let txt = corpus.path().join("m.txt");
    fs::write(&txt, TEXT_M).unwrap();
    let mut session = Session::open(&txt, LabelSchema::default()).unwrap();
    let manual = session.add_span_edit(0..8, "person").unwrap();
    session.perform(manual).unwrap();
    let mut rejected = Span::manual(5, 24, 28, "country", "Cuba");
    rejected.origin = Origin::Extractor("spacy".into());
    rejected.status = Status::Rejected;
    session.perform(Edit::Add(rejected)).unwrap();
    session.save().unwrap();
    let before = saved(corpus.path(), "m");

    let dir = TempDir::new().unwrap();
    let docs = formats::read(
        Format::Spacy,
        &write_jsonl(dir.path(), &[labelled_record()]),
    )
    .unwrap()
    .docs;
    let map = vec![
        ("PER".to_owned(), "person".to_owned()),
        ("GPE".to_owned(), "country".to_owned()),
    ];
    let report = import(
        corpus.path(),
        &docs,
        &ImportOptions {
            map,
            ..options("spacy")
        },
    );
    let d = &report.docs[0];
    assert_eq!(
        (d.created, d.added, d.duplicates),
        (false, 2, 2),
        "{report}"
    );
    let after = saved(corpus.path(), "m");
    assert_eq!(after.len(), 4);
    for span in &before {
        assert!(after.contains(span), "{span:?} lost or changed");
    }
    let new_ids: Vec<u64> = after
        .iter()
        .filter(|s| !before.contains(s))
        .map(|s| s.id)
        .collect();
    assert_eq!(new_ids, vec![6, 7]);
}

#[test]
fn records_that_cannot_be_merged_are_reported_and_nothing_is_written() {
    let root = TempDir::new().unwrap();
    let corpus = root.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    // An article with LF line ends, where the import has CRLF.
    fs::write(corpus.join("2024.txt"), TEXT_B.replace("\r\n", "\n")).unwrap();
    // An article whose annotation file does not parse: protected.
    fs::write(corpus.join("p.txt"), TEXT_M).unwrap();
    fs::write(corpus.join("p.ron"), "(format: 1, spans: [").unwrap();
    let before = crate::common::files::folder_bytes(&corpus);

    let span = json!([{"start": 0, "end": 3, "label": "person"}]);
    let records = [
        json!({"text": TEXT_B, "meta": {"id": 2024}, "spans": span}),
        json!({"text": TEXT_M, "meta": {"file": "p.txt"}, "spans": span}),
        json!({"text": "evil", "meta": {"file": "../evil"}, "spans": span}),
        json!({"text": "etc", "meta": {"file": "/etc/x"}, "spans": span}),
        json!({"text": "hidden", "meta": {"id": ".hidden"}, "spans": span}),
    ];
    let dir = TempDir::new().unwrap();
    let docs = formats::read(Format::Spacy, &write_jsonl(dir.path(), &records))
        .unwrap()
        .docs;
    let report = import(&corpus, &docs, &options("spacy"));
    assert_eq!(report.skipped_records, 5, "{report}");
    assert!(report.docs.is_empty());
    let p = &report.problems;
    assert!(has(
        p,
        &[
            "in.jsonl:1: text differs from the corpus document 2024.txt",
            "character 58"
        ]
    ));
    assert!(
        has(p, &["in.jsonl:2: ", "p.ron is not merged into"]),
        "{p:?}"
    );
    assert!(
        has(p, &["in.jsonl:3: document name \"../evil\" refused"]),
        "{p:?}"
    );
    assert!(
        has(p, &["in.jsonl:4: document name \"/etc/x\" refused"]),
        "{p:?}"
    );
    assert!(
        has(p, &["in.jsonl:5: document name \".hidden\" refused"]),
        "{p:?}"
    );
    assert_eq!(
        crate::common::files::folder_bytes(&corpus),
        before,
        "the corpus changed"
    );
    let outside: Vec<_> = fs::read_dir(root.path()).unwrap().collect();
    assert_eq!(outside.len(), 1, "something was written beside the corpus");
}

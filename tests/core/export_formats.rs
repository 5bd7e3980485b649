//! Exporting a corpus as brat, spacy, doccano, conll and w3c annotations, on
//! real files: round trips through newsmark's importers lose nothing
//! (offsets after emoji, a flag, a ZWJ sequence, CRLF and a byte order mark;
//! nested spans; a source's own labels), the exact conll tags, the w3c
//! selectors, and which statuses each export carries.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use newsmark::corpus::import::{ImportOptions, import_into};
use newsmark::formats::export::{ExportFormat, ExportOptions, ExportReport, export_corpus};
use newsmark::formats::{self, Format};
use newsmark::model::{Edit, LabelSchema, Origin, Span, Status};
use newsmark::session::Session;
use serde_json::{Value, json};
use tempfile::TempDir;

/// 😀 is 1 code point (2 UTF-16 units), 🇨🇺 2 (4), 👩‍💻 3 (5); CRLF is 2.
const TEXT_A: &str = "😀 Café Zürich, 🇨🇺 Havana:\r\n👩\u{200d}💻 Issa Zarepour, Minister of ICT,\r\nmet Cuba’s envoy.\r\n";
const TEXT_B: &str = "Tehran 🇮🇷 and Havana 🇨🇺 signed the e-government programme.\r\n";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

/// The code-point range of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn export(format: ExportFormat, corpus: &Path, out: &Path, include_pending: bool) -> ExportReport {
    export_corpus(format, corpus, out, ExportOptions { include_pending }).unwrap()
}

/// A new corpus holding `src`, read as `format` and imported as accepted.
fn imported(format: Format, src: &Path) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    import_accepted(format, src, &corpus);
    (dir, corpus)
}

fn import_accepted(format: Format, src: &Path, corpus: &Path) {
    let read = formats::read(format, src).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let options = ImportOptions {
        map: Vec::new(),
        only_mapped: false,
        origin: format.to_string(),
        accepted: true,
    };
    let report = import_into(corpus, &read.docs, &options, &LabelSchema::default()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// A spec of one span: quote (its first occurrence), label, status.
type SpanSpec<'a> = (&'a str, &'a str, Status);

/// A corpus with one article per `(name, text, spans)`, saved by newsmark.
/// Pending and rejected spans come from an extractor, with a score.
fn make_corpus(dir: &Path, docs: &[(&str, &str, &[SpanSpec<'_>])]) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    for &(name, text, spans) in docs {
        let txt = corpus.join(format!("{name}.txt"));
        fs::write(&txt, text).unwrap();
        let mut session = Session::open(&txt, LabelSchema::default()).unwrap();
        let edits = (1..)
            .zip(spans)
            .map(|(id, &(quote, label, status))| {
                let (start, end) = find(text, quote);
                let suggested = status != Status::Accepted;
                Edit::Add(Span {
                    id,
                    start,
                    end,
                    label: label.to_owned(),
                    text: quote.to_owned(),
                    origin: if suggested {
                        Origin::Extractor("spacy".to_owned())
                    } else {
                        Origin::Manual
                    },
                    score: suggested.then_some(0.5),
                    status,
                    ..Span::manual(id, start, end, label, quote)
                })
            })
            .collect();
        session.perform(Edit::Batch(edits)).unwrap();
        session.save().unwrap();
    }
    corpus
}

/// The spans of `corpus/NAME.txt` as (start, end, label, quote).
fn saved(corpus: &Path, name: &str) -> Vec<(usize, usize, String, String)> {
    let session = Session::open(&corpus.join(name), LabelSchema::default()).unwrap();
    assert!(session.unplaced().is_empty());
    let spans = session.set().spans().iter();
    spans
        .map(|s| (s.start, s.end, s.label.clone(), s.text.clone()))
        .collect()
}

/// JSONL records by `meta.file`: the text, and each element of `key`
/// (spans or label triples) as canonical JSON, sorted.
fn records(jsonl: &str, key: &str) -> BTreeMap<String, (String, Vec<String>)> {
    let mut out = BTreeMap::new();
    for line in jsonl.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let file = record["meta"]["file"].as_str().unwrap().to_owned();
        let text = record["text"].as_str().unwrap().to_owned();
        let mut items: Vec<String> = record[key]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        items.sort();
        out.insert(file, (text, items));
    }
    out
}

/// doccano JSONL written with `entities` (relation projects' format), each
/// record's entities rewritten as `"label": [[start, end, label]]`.
fn entities_as_labels(jsonl: &str) -> String {
    let mut out = String::new();
    for line in jsonl.lines() {
        let mut record: Value = serde_json::from_str(line).unwrap();
        let labels: Vec<Value> = record["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| json!([e["start_offset"], e["end_offset"], e["label"]]))
            .collect();
        record["label"] = Value::Array(labels);
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

/// The `T` lines of an `.ann` file as (label, offsets, quote).
fn t_lines(ann: &str) -> BTreeSet<(String, String, String)> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .map(|line| {
            let fields: Vec<&str> = line.splitn(3, '\t').collect();
            let (label, offsets) = fields[1].split_once(' ').unwrap();
            (label.to_owned(), offsets.to_owned(), fields[2].to_owned())
        })
        .collect()
}

/// A brat document: name, text, 1 if the text starts with a BOM, and its
/// spans as (label, quote).
type BratDoc<'a> = (&'a str, String, usize, &'a [(&'a str, &'a str)]);

#[test]
fn brat_to_newsmark_to_brat_keeps_texts_offsets_and_its_own_labels() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("brat-in");
    fs::create_dir(&src).unwrap();
    // brat counts a byte order mark: every offset of `tehran` is one more.
    let docs: [BratDoc<'_>; 2] = [
        (
            "Škoda Øresund",
            TEXT_A.to_owned(),
            0,
            &[
                ("Location", "Havana"),
                ("Person", "Issa Zarepour"),
                ("Title", "Minister of ICT"),
                ("Organization", "ICT"),
                ("Location", "Cuba"),
            ],
        ),
        (
            "tehran",
            format!("\u{feff}{TEXT_B}"),
            1,
            &[
                ("Location", "Tehran"),
                ("Location", "Havana"),
                ("Initiative", "e-government programme"),
            ],
        ),
    ];
    for (name, text, bom, spans) in &docs {
        let mut ann = String::new();
        for (i, (label, quote)) in spans.iter().enumerate() {
            let (s, e) = find(text.trim_start_matches('\u{feff}'), quote);
            ann.push_str(&format!(
                "T{}\t{label} {} {}\t{quote}\n",
                i + 7,
                s + bom,
                e + bom
            ));
        }
        fs::write(src.join(format!("{name}.txt")), text).unwrap();
        fs::write(src.join(format!("{name}.ann")), ann).unwrap();
    }
    let (_corpus_dir, corpus) = imported(Format::Brat, &src);

    let out = dir.path().join("brat-out");
    let report = export(ExportFormat::Brat, &corpus, &out, false);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!((report.documents, report.spans), (2, 8));
    for (name, ..) in &docs {
        let read = |d: &Path, ext: &str| fs::read(d.join(format!("{name}.{ext}"))).unwrap();
        assert_eq!(read(&out, "txt"), read(&src, "txt"), "{name}.txt");
        let ann = |d: &Path| t_lines(&String::from_utf8(read(d, "ann")).unwrap());
        assert_eq!(ann(&out), ann(&src), "{name}.ann");
        assert_eq!(ann(&out).len(), 5 - 2 * usize::from(*name == "tehran"));
    }
    let conf = fs::read_to_string(out.join("annotation.conf")).unwrap();
    let entities: Vec<&str> = conf
        .lines()
        .skip_while(|l| *l != "[entities]")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(
        entities,
        [
            "person",
            "role",
            "country",
            "initiative",
            "Initiative",
            "Location",
            "Organization",
            "Person",
            "Title"
        ]
    );
    assert!(conf.contains("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"));
    assert_eq!(report.unknown_labels.get("Location"), Some(&4));
}

#[test]
fn spacy_to_newsmark_to_spacy_loses_nothing() {
    let src = fixture("spacy.jsonl");
    let (dir, corpus) = imported(Format::Spacy, &src);
    let out = dir.path().join("out.jsonl");
    let report = export(ExportFormat::Spacy, &corpus, &out, false);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!((report.documents, report.spans), (2, 8));
    let exported = fs::read_to_string(&out).unwrap();
    let expected = records(&fs::read_to_string(&src).unwrap(), "spans");
    assert_eq!(records(&exported, "spans"), expected);
    assert!(!exported.contains("\"status\""), "no status by default");
}

#[test]
fn doccano_round_trips_with_utf16_offsets_both_ways() {
    // doccano → newsmark → doccano: the fixture's UTF-16 offsets come back.
    let src = fixture("doccano.jsonl");
    let (dir, corpus) = imported(Format::Doccano, &src);
    // In between, newsmark holds code points: Havana is 18..24, not 21..27.
    let havana = saved(&corpus, "Škoda Øresund.txt")[0].clone();
    assert_eq!((havana.0, havana.1, havana.3.as_str()), (18, 24, "Havana"));
    let out = dir.path().join("out.jsonl");
    let report = export(ExportFormat::Doccano, &corpus, &out, false);
    assert!(report.is_clean(), "{:?}", report.problems);
    let exported = fs::read_to_string(&out).unwrap();
    assert!(
        exported.contains(r#""start_offset":21,"end_offset":27,"label":"country""#),
        "{exported}"
    );
    let expected = records(&fs::read_to_string(&src).unwrap(), "label");
    assert_eq!(records(&entities_as_labels(&exported), "label"), expected);

    // newsmark → doccano → newsmark: the same spans at the same code points.
    let dir = tempfile::tempdir().unwrap();
    let spans: &[SpanSpec<'_>] = &[
        ("Café Zürich", "initiative", Status::Accepted),
        ("Havana", "country", Status::Accepted),
        ("Issa Zarepour", "person", Status::Accepted),
        ("Minister of ICT", "role", Status::Accepted),
        ("ICT", "initiative", Status::Accepted),
    ];
    let corpus = make_corpus(dir.path(), &[("havana", TEXT_A, spans)]);
    let out = dir.path().join("out.jsonl");
    export(ExportFormat::Doccano, &corpus, &out, false);
    let again = dir.path().join("again");
    fs::create_dir(&again).unwrap();
    import_accepted(Format::Doccano, &out, &again);
    assert_eq!(
        fs::read(again.join("havana.txt")).unwrap(),
        TEXT_A.as_bytes()
    );
    assert_eq!(saved(&again, "havana.txt"), saved(&corpus, "havana.txt"));
}

#[test]
fn conll_splits_tokens_at_span_edges_and_names_each_span_it_drops() {
    let dir = tempfile::tempdir().unwrap();
    let a =
        "👩\u{200d}💻 Issa Zarepour met the Minister of ICT of Cuba. Next 🇨🇺 line\r\nIran agreed.";
    let accepted = Status::Accepted;
    let corpus = make_corpus(
        dir.path(),
        &[
            (
                "a-zarepour",
                a,
                &[
                    ("Issa Zarepour", "person", accepted),
                    ("Minister of ICT of Cuba", "role", accepted),
                    ("ICT", "initiative", accepted),
                    ("Cuba", "country", accepted),
                    ("Iran", "country", accepted),
                ],
            ),
            (
                "b-havana",
                "Havana's envoy met eGovernment staff.",
                &[
                    ("Havana", "country", accepted),
                    // Starts inside the segment "eGovernment": it is cut.
                    ("Government", "initiative", accepted),
                ],
            ),
        ],
    );
    let out = dir.path().join("out.conll");
    let report = export(ExportFormat::Conll, &corpus, &out, false);
    let expected = "-DOCSTART- O\n\n\
        👩\u{200d}💻 O\nIssa B-person\nZarepour I-person\nmet O\nthe O\n\
        Minister B-role\nof I-role\nICT I-role\nof I-role\nCuba I-role\n. O\n\n\
        Next O\n🇨🇺 O\nline O\n\n\
        Iran B-country\nagreed O\n. O\n\n\
        -DOCSTART- O\n\n\
        Havana B-country\n's O\nenvoy O\nmet O\ne O\nGovernment B-initiative\nstaff O\n. O\n\n";
    assert_eq!(fs::read_to_string(&out).unwrap(), expected);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!((report.documents, report.spans), (2, 5));
    assert_eq!(report.dropped_overlaps, 2);
    let warnings = report.warnings.join("\n");
    for dropped in ["\"ICT\"", "\"Cuba\""] {
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.starts_with("a-zarepour.txt: span") && w.contains(dropped)),
            "{dropped} named: {warnings}"
        );
    }
    assert!(
        warnings.contains("overlaps span") && warnings.contains("\"Minister of ICT of Cuba\""),
        "{warnings}"
    );
    assert!(!warnings.contains("b-havana.txt"), "{warnings}");
    assert!(report.to_string().contains("2 nested or overlapping"));
}

#[test]
fn conll_never_widens_a_span_and_reports_what_it_cannot_carry() {
    let dir = tempfile::tempdir().unwrap();
    let accepted = Status::Accepted;
    let text = "Iran\u{2019}s minister wants 4G now.\nA tab\u{1f}mark here.";
    let corpus = make_corpus(
        dir.path(),
        &[(
            "traps",
            text,
            &[
                ("Iran", "country", accepted),
                ("4", "initiative", accepted),
                ("minister ", "role", accepted),
            ],
        )],
    );
    let out = dir.path().join("out.conll");
    let report = export(ExportFormat::Conll, &corpus, &out, false);
    let written = fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with(
            "-DOCSTART- O\n\nIran B-country\n\u{2019}s O\nminister B-role\nwants O\n\
             4 B-initiative\nG O\nnow O\n. O\n\n"
        ),
        "{written}"
    );
    // Every line splits into exactly a token and a tag.
    for line in written.lines().filter(|l| !l.is_empty()) {
        assert_eq!(line.split_whitespace().count(), 2, "{line:?}");
    }
    assert!(
        written.contains("\ntab O\n\u{fffd} O\nmark O\n"),
        "{written}"
    );
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("traps.txt: span") && warnings.contains("without its whitespace"),
        "the trailing space of \"minister \" is reported: {warnings}"
    );
    assert!(
        warnings.contains("traps.txt: 1 token with a control character"),
        "{warnings}"
    );
}

#[test]
fn w3c_selectors_count_code_points_after_emoji_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let spans: &[SpanSpec<'_>] = &[
        ("Havana", "country", Status::Accepted),
        ("Issa Zarepour", "person", Status::Accepted),
    ];
    let corpus = make_corpus(dir.path(), &[("la Habana", TEXT_A, spans)]);
    let out = dir.path().join("corpus.jsonld");
    let report = export(ExportFormat::W3c, &corpus, &out, false);
    assert!(report.is_clean(), "{:?}", report.problems);
    let json: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["total"], 2);
    let items = json["first"]["items"].as_array().unwrap();
    let person = items
        .iter()
        .find(|a| a["body"]["value"] == "person")
        .unwrap();
    assert_eq!(
        *person,
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "corpus.jsonld#la%20Habana.txt/2",
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": "person", "purpose": "tagging"},
            "target": {
                "source": "la%20Habana.txt",
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": "Issa Zarepour",
                        "prefix": "😀 Café Zürich, 🇨🇺 Havana:\r\n👩\u{200d}💻 ",
                        "suffix": ", Minister of ICT,\r\nmet Cuba’s e"
                    },
                    {"type": "TextPositionSelector", "start": 31, "end": 44}
                ]
            }
        })
    );
    let country = &items[0]["target"]["selector"];
    assert_eq!(country[0]["exact"], "Havana");
    assert_eq!(country[0]["prefix"], "😀 Café Zürich, 🇨🇺 ");
    assert_eq!(
        country[0]["suffix"],
        ":\r\n👩\u{200d}💻 Issa Zarepour, Minister o"
    );
    assert_eq!(
        (&country[1]["start"], &country[1]["end"]),
        (&json!(18), &json!(24))
    );
}

#[test]
fn only_accepted_spans_by_default_pending_ones_with_their_status_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let spans: &[SpanSpec<'_>] = &[
        ("Havana", "country", Status::Accepted),
        ("Issa Zarepour", "person", Status::Pending),
        ("Cuba", "country", Status::Rejected),
    ];
    let corpus = make_corpus(dir.path(), &[("havana", TEXT_A, spans)]);
    let run = |format: ExportFormat, file: &str, include_pending: bool| {
        let out = dir.path().join(file);
        let report = export(format, &corpus, &out, include_pending);
        assert!(report.is_clean(), "{:?}", report.problems);
        let text = if format == ExportFormat::Brat {
            fs::read_to_string(out.join("havana.ann")).unwrap()
        } else {
            fs::read_to_string(&out).unwrap()
        };
        (report, text)
    };

    let (report, spacy) = run(ExportFormat::Spacy, "plain.jsonl", false);
    assert_eq!((report.spans, report.left_out), (1, 2));
    let record: Value = serde_json::from_str(spacy.trim_end()).unwrap();
    assert_eq!(
        record["spans"],
        json!([{"start": 18, "end": 24, "label": "country"}])
    );
    let (_, brat) = run(ExportFormat::Brat, "brat-plain", false);
    assert_eq!(brat, "T1\tcountry 18 24\tHavana\n");

    let (report, spacy) = run(ExportFormat::Spacy, "all.jsonl", true);
    assert_eq!((report.spans, report.left_out), (2, 1));
    let record: Value = serde_json::from_str(spacy.trim_end()).unwrap();
    assert_eq!(
        record["spans"],
        json!([
            {"start": 18, "end": 24, "label": "country", "status": "accepted", "origin": "manual"},
            {"start": 31, "end": 44, "label": "person", "score": 0.5, "status": "pending",
             "origin": "extractor:spacy"}
        ])
    );
    let (_, brat) = run(ExportFormat::Brat, "brat-all", true);
    assert_eq!(
        brat,
        "T1\tcountry 18 24\tHavana\n\
         #1\tAnnotatorNotes T1\tstatus: accepted; origin: manual\n\
         T2\tperson 31 44\tIssa Zarepour\n\
         #2\tAnnotatorNotes T2\tstatus: pending; origin: extractor:spacy; score: 0.5\n"
    );
    let (_, w3c) = run(ExportFormat::W3c, "all.jsonld", true);
    let json: Value = serde_json::from_str(&w3c).unwrap();
    assert_eq!(json["total"], 2, "the rejected span is not there");
    let person = &json["first"]["items"][1];
    assert_eq!(person["newsmark:status"], "pending");
    assert_eq!(person["newsmark:origin"], "extractor:spacy");
    let (_, doccano) = run(ExportFormat::Doccano, "all-doccano.jsonl", true);
    let labels: Value = serde_json::from_str(entities_as_labels(&doccano).trim_end()).unwrap();
    assert_eq!(
        labels["label"],
        json!([[21, 27, "country"], [36, 49, "person"]])
    );
    let (_, conll) = run(ExportFormat::Conll, "all.conll", true);
    assert!(conll.contains("\nIssa B-person\n") && conll.contains("\nCuba’s O\n"));
    let (_, conll) = run(ExportFormat::Conll, "plain.conll", false);
    assert!(conll.contains("\nIssa O\n") && conll.contains("\nHavana B-country\n"));
}

#[test]
fn a_document_whose_annotations_cannot_be_loaded_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let spans: &[SpanSpec<'_>] = &[("Havana", "country", Status::Accepted)];
    let corpus = make_corpus(
        dir.path(),
        &[("a-good", TEXT_A, spans), ("b-broken", TEXT_B, spans)],
    );
    fs::write(corpus.join("b-broken.ron"), "(format: 1, spans: [(id: ").unwrap();
    let out = dir.path().join("out.jsonl");
    let report = export(ExportFormat::Spacy, &corpus, &out, false);
    assert_eq!((report.documents, report.skipped), (1, 1));
    assert!(!report.is_clean());
    let problems = report.problems.join("\n");
    assert!(problems.contains("b-broken.ron"), "{problems}");
    assert!(
        problems.contains("b-broken.txt: not exported"),
        "{problems}"
    );
    let exported = fs::read_to_string(&out).unwrap();
    assert_eq!(exported.lines().count(), 1);
    assert!(exported.contains(r#""file":"a-good.txt""#));
}

#[test]
fn a_span_across_a_line_break_is_written_as_brat_fragments() {
    let dir = tempfile::tempdir().unwrap();
    let spans: &[SpanSpec<'_>] = &[
        ("Havana:\r\n👩\u{200d}💻 Issa", "person", Status::Accepted),
        ("Issa Zarepour", "person", Status::Accepted),
    ];
    let corpus = make_corpus(dir.path(), &[("havana", TEXT_A, spans)]);
    let out = dir.path().join("brat");
    let report = export(ExportFormat::Brat, &corpus, &out, false);
    assert_eq!(report.spans, 2);
    // Split at the CRLF (code points 25 and 26): "Havana:" is 18..25, and
    // "👩‍💻 Issa" 27..35; the quotes are joined by a space, as brat does.
    assert_eq!(
        fs::read_to_string(out.join("havana.ann")).unwrap(),
        "T1\tperson 18 25;27 35\tHavana: 👩\u{200d}💻 Issa\n\
         T2\tperson 31 44\tIssa Zarepour\n"
    );
}

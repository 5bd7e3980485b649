//! Every export that newsmark can import again (brat, spaCy, doccano) gives
//! back the identical corpus: the samples, and a generated corpus holding
//! every trap found in real news (spans across each kind of line break,
//! U+001C–U+001E included,
//! emoji, flags, ZWJ sequences, CRLF, a byte order mark, nested spans, and
//! labels brat cannot store); brat and doccano give back the samples'
//! relations and entity links too.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use newsmark::corpus::import::{ImportOptions, import_into};
use newsmark::formats::export::{ExportFormat, ExportOptions, export_corpus};
use newsmark::formats::{self, Format};
use newsmark::model::{Edit, LabelSchema, Span, Status};
use newsmark::session::Session;

type Spans = BTreeSet<(usize, usize, String, String)>;

/// A span by what it covers: start, end, label.
type Place = (usize, usize, String);

/// Each article's accepted relations (type, from, to) and accepted entity
/// links (span, entity), by file name.
type Links = Vec<(
    String,
    BTreeSet<(String, Place, Place)>,
    BTreeSet<(Place, String)>,
)>;

/// The accepted relations and entity links of every article of `corpus`.
fn corpus_links(corpus: &Path) -> Links {
    corpus_spans(corpus)
        .into_iter()
        .map(|(name, _)| {
            let session = Session::open(&corpus.join(&name), LabelSchema::default()).unwrap();
            let set = session.set();
            let place = |id| {
                let span = set.get(id).unwrap();
                (span.start, span.end, span.label.clone())
            };
            let relations = set
                .relations()
                .filter(|r| r.status == Status::Accepted)
                .map(|r| (r.label.clone(), place(r.from), place(r.to)))
                .collect();
            let links = set
                .spans()
                .iter()
                .filter(|s| s.status == Status::Accepted)
                .filter_map(|s| Some((place(s.id), s.linked_entity()?.to_owned())))
                .collect();
            (name, relations, links)
        })
        .collect()
}

/// The accepted spans of every article of `corpus`, by file name.
fn corpus_spans(corpus: &Path) -> Vec<(String, Spans)> {
    let mut names: Vec<String> = fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let session = Session::open(&corpus.join(&name), LabelSchema::default()).unwrap();
            assert!(session.unplaced().is_empty(), "{name}");
            let spans = session
                .set()
                .spans()
                .iter()
                .filter(|s| s.status == Status::Accepted)
                .map(|s| (s.start, s.end, s.label.clone(), s.text.clone()))
                .collect();
            (name, spans)
        })
        .collect()
}

/// Saves `text` as `corpus/NAME.txt` with accepted spans on the first
/// occurrence of each quote (the `n`th with `quote#n`).
fn article(corpus: &Path, name: &str, text: &str, spans: &[(&str, &str)]) {
    let txt = corpus.join(format!("{name}.txt"));
    fs::write(&txt, text).unwrap();
    let mut session = Session::open(&txt, LabelSchema::default()).unwrap();
    let body = session.doc().text().to_owned();
    let edits = (1..)
        .zip(spans)
        .map(|(id, &(quote, label))| {
            let byte = body
                .find(quote)
                .unwrap_or_else(|| panic!("{quote:?} in {name}"));
            let start = body[..byte].chars().count();
            let end = start + quote.chars().count();
            Edit::Add(Span::manual(id, start, end, label, quote))
        })
        .collect();
    session.perform(Edit::Batch(edits)).unwrap();
    session.save().unwrap();
}

/// The samples and the traps, in one corpus.
fn trap_corpus(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for entry in fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    article(
        &corpus,
        "breaks",
        "Dijo hacia mí.\nGil respondió.\r\nAna\u{2028}Díaz, Bo\u{2029}Li, Cy\u{85}Wu, \
         Di\u{0c}Ho y Ed\r\n  Yu. Eva\u{1c}Paz, Flo\u{1d}Gil, Gus\u{1e}Mar.\n",
        &[
            ("hacia mí.\nGil", "person"),
            ("respondió.\r\nAna", "a;b"),
            ("Ana\u{2028}Díaz", "person"),
            ("Bo\u{2029}Li", "país"),
            ("Cy\u{85}Wu", "a b"),
            ("Di\u{0c}Ho", "a_b"),
            ("Ed\r\n  Yu", "person"),
            ("Eva\u{1c}Paz", "person"),
            ("Flo\u{1d}Gil", "país"),
            ("Gus\u{1e}Mar", "person"),
            ("Díaz", "country"),
        ],
    );
    article(
        &corpus,
        "emoji",
        "\u{feff}😀 Café 🇨🇺 Havana:\r\n👩\u{200d}💻 Issa Zarepour 👩🏽\u{200d}💻 met 🇮🇷 Iran’s envoy.\r\n",
        &[
            ("Havana", "country"),
            ("🇨🇺 Havana", "país"),
            ("Issa Zarepour", "person"),
            ("👩🏽", "person"),
            ("Iran", "country"),
            ("Iran’s envoy", "role"),
        ],
    );
    corpus
}

/// Exports `corpus` as `format`, imports the result into a new folder and
/// returns that folder.
fn through(format: ExportFormat, import: Format, corpus: &Path, dir: &Path) -> std::path::PathBuf {
    let out = dir.join(format!("out-{format}"));
    let report = export_corpus(format, corpus, &out, ExportOptions::default()).unwrap();
    assert!(
        report.problems.is_empty(),
        "{format}: {:?}",
        report.problems
    );
    let read = formats::read(import, &out).unwrap();
    assert!(read.problems.is_empty(), "{format}: {:?}", read.problems);
    let again = dir.join(format!("again-{format}"));
    fs::create_dir(&again).unwrap();
    let options = ImportOptions {
        map: Vec::new(),
        only_mapped: false,
        origin: import.to_string(),
        accepted: true,
    };
    let report = import_into(&again, &read.docs, &options, &LabelSchema::default()).unwrap();
    assert!(
        report.problems.is_empty(),
        "{format}: {:?}",
        report.problems
    );
    again
}

#[test]
fn brat_spacy_and_doccano_give_back_the_identical_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = trap_corpus(dir.path());
    let original = corpus_spans(&corpus);
    assert!(original.iter().map(|(_, s)| s.len()).sum::<usize>() > 100);
    for (export, import) in [
        (ExportFormat::Brat, Format::Brat),
        (ExportFormat::Spacy, Format::Spacy),
        (ExportFormat::Doccano, Format::Doccano),
    ] {
        let again = through(export, import, &corpus, dir.path());
        let back = corpus_spans(&again);
        assert_eq!(back.len(), original.len(), "{export}: every article");
        for ((name, before), (name_back, after)) in original.iter().zip(&back) {
            assert_eq!(name, name_back);
            assert_eq!(
                before.symmetric_difference(after).collect::<Vec<_>>(),
                Vec::<&(usize, usize, String, String)>::new(),
                "{export}: {name} changed"
            );
        }
        // brat keeps the file byte for byte; JSONL carries the text, which a
        // byte order mark is not part of.
        let text = |dir: &Path| {
            let bytes = fs::read(dir.join("emoji.txt")).unwrap();
            match export {
                ExportFormat::Brat => bytes,
                _ => bytes
                    .strip_prefix("\u{feff}".as_bytes())
                    .unwrap_or(&bytes)
                    .to_vec(),
            }
        };
        assert_eq!(text(&corpus), text(&again), "{export}: the text");
    }
}

#[test]
fn brat_doccano_and_spacy_give_back_the_samples_relations_and_entity_links() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = trap_corpus(dir.path());
    let original = corpus_links(&corpus);
    let relations: usize = original.iter().map(|(_, r, _)| r.len()).sum();
    let links: usize = original.iter().map(|(_, _, l)| l.len()).sum();
    assert_eq!(relations, 44, "the samples' relations");
    assert!(links > 40, "the samples' accepted links: {links}");
    for (export, import) in [
        (ExportFormat::Brat, Format::Brat),
        (ExportFormat::Doccano, Format::Doccano),
        (ExportFormat::Spacy, Format::Spacy),
    ] {
        let again = through(export, import, &corpus, dir.path());
        let back = corpus_links(&again);
        assert_eq!(back.len(), original.len(), "{export}: every article");
        for ((name, relations, links), (name_back, relations_back, links_back)) in
            original.iter().zip(&back)
        {
            assert_eq!(name, name_back);
            assert_eq!(relations, relations_back, "{export}: {name}'s relations");
            assert_eq!(links, links_back, "{export}: {name}'s entity links");
        }
    }
}

#[test]
fn brat_writes_only_labels_and_relation_types_its_config_declares_and_every_line_break_as_a_fragment()
 {
    let dir = tempfile::tempdir().unwrap();
    let corpus = trap_corpus(dir.path());
    let out = dir.path().join("brat");
    let report =
        export_corpus(ExportFormat::Brat, &corpus, &out, ExportOptions::default()).unwrap();
    let conf = fs::read_to_string(out.join("annotation.conf")).unwrap();
    let entities: BTreeSet<&str> = conf
        .split("[entities]\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .collect();
    // brat's own configuration syntax: `TYPE Arg1:<ENTITY>, Arg2:<ENTITY>`.
    let relation_types: BTreeSet<&str> = conf
        .split("[relations]\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.starts_with('#'))
        .map(|l| l.strip_suffix(" Arg1:<ENTITY>, Arg2:<ENTITY>").unwrap())
        .collect();
    assert_eq!(
        relation_types,
        BTreeSet::from(["holds", "of", "party_to"]),
        "{conf}"
    );
    let mut relation_lines = 0;
    for entry in fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ann") {
            for line in fs::read_to_string(&path).unwrap().lines() {
                if let Some(rest) = line.strip_prefix('R') {
                    let kind = rest.split('\t').nth(1).unwrap().split(' ').next().unwrap();
                    assert!(relation_types.contains(kind), "{line:?} declared in {conf}");
                    relation_lines += 1;
                }
            }
        }
    }
    assert_eq!(relation_lines, 44, "the samples' relations");
    let ann = fs::read_to_string(out.join("breaks.ann")).unwrap();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "one line per annotation: {line:?}");
        let label = fields[1].split(' ').next().unwrap();
        assert!(entities.contains(label), "{label} declared in {conf}");
        assert!(
            label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
            "{label}"
        );
        // brat's reader cuts lines where Python's splitlines does.
        assert!(!line.contains(formats::lines::is_line_break), "{line:?}");
    }
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("label \"país\" is written \"pa_s\""),
        "{warnings}"
    );
    assert!(
        warnings.contains("label \"a b\" is written \"a_b_2\""),
        "{warnings}"
    );
    let summary = report.to_string();
    assert!(
        summary.contains(
            "labels not in the schema, exported under brat names (see the warnings above): "
        ),
        "{summary}"
    );
}

#[test]
fn brat_warns_when_a_span_ends_in_whitespace_at_a_line_break() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    article(&corpus, "diaz", "Ana Díaz\nvino.", &[("Díaz\n", "person")]);
    let out = dir.path().join("brat");
    let report =
        export_corpus(ExportFormat::Brat, &corpus, &out, ExportOptions::default()).unwrap();
    let ann = fs::read_to_string(out.join("diaz.ann")).unwrap();
    assert_eq!(ann, "T1\tperson 4 8\tDíaz\n");
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("diaz.txt: span 1 \"Díaz\\n\" (4..9) is written as 4..8"),
        "{warnings}"
    );
}

#[test]
fn w3c_with_statuses_declares_the_newsmark_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = trap_corpus(dir.path());
    let out = dir.path().join("out.jsonld");
    let options = ExportOptions {
        include_pending: true,
    };
    export_corpus(ExportFormat::W3c, &corpus, &out, options).unwrap();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let context = &json["@context"];
    assert_eq!(context[0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(context[1]["newsmark"], "urn:newsmark:");
    let item = &json["first"]["items"][0];
    assert_eq!(item["@context"], *context);
    assert!(item["newsmark:status"].is_string());
}

#[test]
fn w3c_and_spacy_carry_the_samples_relations_between_their_spans() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = trap_corpus(dir.path());
    let out = dir.path().join("out.jsonld");
    let report = export_corpus(ExportFormat::W3c, &corpus, &out, ExportOptions::default()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let items = json["first"]["items"].as_array().unwrap();
    assert_eq!(json["total"], items.len());
    let (relations, spans): (Vec<_>, Vec<_>) =
        items.iter().partition(|i| i["motivation"] == "linking");
    assert_eq!(relations.len(), 44);
    assert_eq!(
        report.spans,
        spans.len(),
        "relations are not counted as spans"
    );
    let ids: BTreeSet<&str> = spans.iter().map(|s| s["id"].as_str().unwrap()).collect();
    for relation in &relations {
        assert_eq!(relation["body"]["purpose"], "tagging");
        let target = relation["target"].as_array().unwrap();
        assert_eq!(target.len(), 2);
        for end in target {
            assert!(ids.contains(end.as_str().unwrap()), "{relation}");
        }
    }
    let first = relations[0].to_string();
    assert!(first.contains(r#""target":["out.jsonld#2024-05-iran-cuba-ict.txt/7","out.jsonld#2024-05-iran-cuba-ict.txt/6"]"#), "{first}");

    let out = dir.path().join("out.jsonl");
    export_corpus(ExportFormat::Spacy, &corpus, &out, ExportOptions::default()).unwrap();
    let mut written = 0;
    for line in fs::read_to_string(&out).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        // Tokens come only with relations, which need their indices.
        let Some(tokens) = record["tokens"].as_array() else {
            assert!(record.get("relations").is_none(), "{record}");
            continue;
        };
        for (k, token) in tokens.iter().enumerate() {
            assert_eq!(token["id"], k);
        }
        for relation in record["relations"].as_array().unwrap() {
            written += 1;
            for (end, span) in [("head", "head_span"), ("child", "child_span")] {
                let span = &relation[span];
                assert_eq!(relation[end], span["token_end"]);
                let first = &tokens[span["token_start"].as_u64().unwrap() as usize];
                let last = &tokens[span["token_end"].as_u64().unwrap() as usize];
                assert_eq!(
                    (&first["start"], &last["end"]),
                    (&span["start"], &span["end"])
                );
            }
        }
    }
    assert_eq!(written, 44);
}

#[test]
fn brat_names_labels_in_corpus_order_whichever_thread_writes_a_document() {
    // Documents are read and written on every core; labels outside the
    // schema are named in the corpus's order all the same, so `a b` (met
    // first, in doc-000) is `a_b` and `a;b` is `a_b_2` in every `.ann`.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for k in 0..120 {
        let label = match k % 3 {
            0 => "a b",
            1 => "person",
            _ => "a;b",
        };
        article(
            &corpus,
            &format!("doc-{k:03}"),
            "Ana met Bo in Havana.\n",
            &[("Ana", label), ("Havana", "country")],
        );
    }
    let mut exports = Vec::new();
    for run in ["one", "two"] {
        let out = dir.path().join(run);
        export_corpus(ExportFormat::Brat, &corpus, &out, ExportOptions::default()).unwrap();
        exports.push(crate::common::files::folder_bytes(&out));
    }
    assert_eq!(exports[0], exports[1], "two exports are identical");
    let ann = |k: usize| String::from_utf8(exports[0][&format!("doc-{k:03}.ann")].clone()).unwrap();
    for k in 0..120 {
        let expected = ["a_b", "person", "a_b_2"][k % 3];
        assert!(
            ann(k).starts_with(&format!("T1\t{expected} 0 3\tAna")),
            "doc-{k:03}: {}",
            ann(k)
        );
        assert_eq!(
            exports[0][&format!("doc-{k:03}.txt")],
            b"Ana met Bo in Havana.\n".to_vec()
        );
    }
}

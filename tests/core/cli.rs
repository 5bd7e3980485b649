//! Command-line tests: exit codes and outputs of `import`, `suggest` and
//! `stats`, run as a user would run the binary.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn newsmark() -> Command {
    Command::cargo_bin("newsmark").unwrap()
}

/// One spaCy JSONL record per article, with a flag and CRLF before the spans.
const SPACY: &str = concat!(
    r#"{"text": "🇨🇺 Havana hosts Issa Zarepour.\r\nIran and Cuba agree.", "spans": [{"start": 3, "end": 9, "label": "GPE", "score": 0.9}, {"start": 16, "end": 29, "label": "PERSON", "score": 0.8}, {"start": 32, "end": 36, "label": "GPE"}], "meta": {"file": "havana.txt"}}"#,
    "\n",
    r#"{"text": "Cuba and Iran talk.", "spans": [{"start": 0, "end": 4, "label": "GPE"}, {"start": 40, "end": 44, "label": "GPE"}], "meta": {"file": "talk.txt"}}"#,
    "\n",
);

/// `newsmark import spacy SRC --into CORPUS` with spaCy's labels mapped.
fn import_spacy(src: &Path, corpus: &Path) -> std::process::Output {
    newsmark()
        .args(["import", "spacy"])
        .arg(src)
        .arg("--into")
        .arg(corpus)
        .args([
            "--map",
            "GPE=country",
            "--map",
            "PERSON=person",
            "--origin",
            "spacy",
        ])
        .output()
        .unwrap()
}

fn corpus_with_import() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("spacy.jsonl");
    fs::write(&src, SPACY).unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let out = import_spacy(&src, &corpus);
    // One span is out of range: reported, so the exit code says so.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        format!("{stdout}{stderr}").contains("40..44"),
        "out-of-range span named: {stdout}{stderr}"
    );
    dir
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn import_creates_documents_and_is_idempotent() {
    let dir = corpus_with_import();
    let corpus = dir.path().join("corpus");
    let havana = read(&corpus.join("havana.ron"));
    assert!(havana.contains(r#"start: 3, end: 9, label: "country", text: "Havana", origin: Extractor("spacy"), score: Some(0.9), status: Pending"#), "{havana}");
    assert!(havana.contains(r#"text: "Issa Zarepour""#));
    assert_eq!(
        read(&corpus.join("havana.txt")),
        "🇨🇺 Havana hosts Issa Zarepour.\r\nIran and Cuba agree."
    );

    let again = import_spacy(&dir.path().join("spacy.jsonl"), &corpus);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        read(&corpus.join("havana.ron")),
        havana,
        "nothing added twice"
    );
}

#[test]
fn stats_prints_table_json_and_csv() {
    let dir = corpus_with_import();
    let corpus = dir.path().join("corpus");
    let table = newsmark().arg("stats").arg(&corpus).output().unwrap();
    assert!(table.status.success());
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("2 documents: 4 pending, 0 accepted, 0 rejected"),
        "{text}"
    );
    assert!(
        text.contains("documents: 0 new, 2 to review, 0 in progress, 0 done\n"),
        "imported suggestions only: {text}"
    );

    let json = newsmark()
        .arg("stats")
        .arg(&corpus)
        .arg("--json")
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["totals"]["pending"], 4);
    assert_eq!(value["by_status"]["to_review"], 2);
    assert_eq!(value["extractors"][0]["origin"], "spacy");
    assert_eq!(value["extractors"][0]["label"], "country");
    assert_eq!(value["extractors"][0]["pending"], 3);

    let csv = newsmark()
        .arg("stats")
        .arg(&corpus)
        .arg("--csv")
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&csv.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("origin,label,pending,accepted,rejected,misses,precision,recall")
    );
    assert_eq!(lines.next(), Some("spacy,country,3,0,0,0,,"));
}

#[test]
fn suggest_runs_the_gazetteer_and_the_configured_extractor() {
    let dir = corpus_with_import();
    let corpus = dir.path().join("corpus");
    let script = dir.path().join("extractor.py");
    fs::write(
        &script,
        "import json, sys\ntext = sys.stdin.read()\ni = text.find('agree')\nif i >= 0:\n    print(json.dumps({'start': i, 'end': i + 5, 'label': 'initiative', 'score': 0.5}))\n",
    )
    .unwrap();
    let settings = format!(
        "(extractor: Some((argv: [\"python3\", {:?}], timeout_secs: 20, name: Some(\"rules\"))))\n",
        script.display().to_string()
    );
    fs::write(corpus.join("newsmark.ron"), settings).unwrap();

    // Without --run-extractor the command is shown, not run.
    let shown = newsmark()
        .arg("suggest")
        .arg(&corpus)
        .args(["--doc", "havana"])
        .output()
        .unwrap();
    assert!(shown.status.success());
    let stderr = String::from_utf8_lossy(&shown.stderr);
    assert!(
        stderr.contains("extractor not run") && stderr.contains("extractor.py"),
        "{stderr}"
    );
    assert_eq!(read(&corpus.join("havana.ron")).matches("rules").count(), 0);

    let out = newsmark()
        .arg("suggest")
        .arg(&corpus)
        .args(["--doc", "havana", "--run-extractor"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    // The gazetteer's Cuba came with the first run: only "agree" is new.
    assert!(said.contains("havana.txt: 1 new suggestion\n"), "{said}");
    let ron = read(&corpus.join("havana.ron"));
    assert!(
        ron.contains(
            r#"text: "agree", origin: Extractor("rules"), score: Some(0.5), status: Pending"#
        ),
        "{ron}"
    );
    // The gazetteer finds Cuba; Iran it does not offer again, spaCy already has it.
    assert!(
        ron.contains(
            r#"start: 41, end: 45, label: "country", text: "Cuba", origin: Extractor("gazetteer")"#
        ),
        "{ron}"
    );
    assert!(
        !ron.contains(r#"text: "Iran", origin: Extractor("gazetteer")"#),
        "{ron}"
    );
    assert_eq!(
        read(&corpus.join("talk.ron")).matches("rules").count(),
        0,
        "--doc limits the run"
    );

    // Running it again offers nothing new.
    let again = newsmark()
        .arg("suggest")
        .arg(&corpus)
        .args(["--doc", "havana", "--run-extractor"])
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(read(&corpus.join("havana.ron")), ron);
}

#[test]
fn a_failing_extractor_is_named_with_the_document() {
    let dir = corpus_with_import();
    let corpus = dir.path().join("corpus");
    fs::write(
        corpus.join("newsmark.ron"),
        "(extractor: Some((argv: [\"/no/such/extractor\"])))\n",
    )
    .unwrap();
    let out = newsmark()
        .args(["suggest", "--run-extractor"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/no/such/extractor") && stderr.contains("talk.txt"),
        "{stderr}"
    );
}

/// The program calls itself `newsmark`, though its command line is compiled
/// in the `newsmark-core` crate.
#[test]
fn version_and_help_name_the_program() {
    let out = newsmark().arg("--version").output().unwrap();
    assert!(out.status.success());
    let version = String::from_utf8(out.stdout).unwrap();
    assert_eq!(version, format!("newsmark {}\n", env!("CARGO_PKG_VERSION")));
    let out = newsmark().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.starts_with("A native desktop tool for labelling spans in news articles\n"),
        "{help}"
    );
}

/// `RUST_LOG=debug` shows what was read (for a user reporting a problem);
/// by default only warnings are shown.
#[test]
fn rust_log_debug_shows_the_files_read() {
    let dir = corpus_with_import();
    let corpus = dir.path().join("corpus");
    let run = |log: &str| {
        let out = newsmark()
            .env("RUST_LOG", log)
            .arg("validate")
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let settings = corpus.join("newsmark.ron");
    let debug = run("debug");
    assert!(
        debug.contains(&format!("no {}: the default settings", settings.display())),
        "{debug}"
    );
    let quiet = run("warn");
    assert!(
        !quiet.contains("DEBUG") && !quiet.contains("newsmark.ron"),
        "{quiet}"
    );
}

#[test]
fn bad_arguments_and_missing_folders_fail_clearly() {
    let out = newsmark()
        .args(["import", "conllu", "x", "--into", "y"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("conllu"));

    let out = newsmark()
        .args(["stats", "/no/such/corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/corpus"));

    let dir = tempfile::tempdir().unwrap();
    let out = newsmark()
        .arg("suggest")
        .arg(dir.path())
        .args(["--doc", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));

    for sub in ["import", "suggest", "stats"] {
        let help = newsmark().args([sub, "--help"]).output().unwrap();
        assert!(help.status.success());
        assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: newsmark"));
    }
}

#[test]
fn import_into_a_folder_that_does_not_exist_creates_it_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("spacy.jsonl");
    fs::write(&src, SPACY).unwrap();
    let corpus = dir.path().join("new").join("corpus");
    let out = import_spacy(&src, &corpus);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!("created the corpus folder {}\n", corpus.display())),
        "{stdout}"
    );
    assert!(corpus.join("havana.txt").is_file() && corpus.join("talk.ron").is_file());
    assert_eq!(
        out.status.code(),
        Some(2),
        "the out-of-range span is still reported"
    );

    // Once it exists, nothing is said about it.
    let again = import_spacy(&src, &corpus);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("created the corpus folder"));
    // A source that cannot be read creates no folder.
    let elsewhere = dir.path().join("never");
    let out = import_spacy(&dir.path().join("missing.jsonl"), &elsewhere);
    assert_eq!(out.status.code(), Some(1));
    assert!(!elsewhere.exists());
}

#[test]
fn import_warns_about_a_span_that_splits_a_character_and_imports_it() {
    let dir = tempfile::tempdir().unwrap();
    // spaCy's span 7..9 holds the skin tone and the joiner inside 👩🏽‍💻 (6..10).
    let src = dir.path().join("spacy.jsonl");
    fs::write(
        &src,
        "{\"text\": \"Coder \u{1F469}\u{1F3FD}\u{200D}\u{1F4BB} in Cuba.\", \"spans\": [\
         {\"start\": 14, \"end\": 18, \"label\": \"GPE\"}, {\"start\": 7, \"end\": 9, \"label\": \"PERSON\"}], \
         \"meta\": {\"file\": \"coder.txt\"}}\n",
    )
    .unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let out = import_spacy(&src, &corpus);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "imported, with a warning: {stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "warning: {}:1: coder.txt: span 2 (person, 7..9): splits a character \
             (grapheme cluster): starts and ends inside \u{1F469}\u{1F3FD}\u{200D}\u{1F4BB} at \
             6..10 (U+1F469 U+1F3FD U+200D U+1F4BB); its quote is U+1F3FD U+200D; imported as \
             it is",
            src.display()
        )),
        "{stderr}"
    );
    let ron = read(&corpus.join("coder.ron"));
    assert!(
        ron.contains("(id: 2, start: 7, end: 9, label: \"person\", text: \"\u{1F3FD}\u{200D}\""),
        "{ron}"
    );
    assert!(!stderr.contains("span 1"), "Cuba splits nothing: {stderr}");
}

#[test]
fn stats_reports_a_pending_relation_and_a_pending_entity_link() {
    use newsmark::model::{AnnotationSet, Origin, Relation, Span, Status};
    let dir = tempfile::tempdir().unwrap();
    let text = "Zarepour, the Minister of ICT, spoke.\n";
    let txt = dir.path().join("a.txt");
    fs::write(&txt, text).unwrap();
    let doc = newsmark::store::read_text(&txt).unwrap();
    let mut set = AnnotationSet::from_spans(vec![
        Span {
            entity: Some("issa-zarepour".into()),
            entity_status: Status::Pending,
            ..Span::manual(1, 0, 8, "person", "Zarepour")
        },
        Span::manual(2, 14, 29, "role", "Minister of ICT"),
    ]);
    set.insert_relation(Relation {
        origin: Origin::Extractor("pattern".into()),
        status: Status::Pending,
        ..Relation::manual(1, "holds", 1, 2)
    });
    let ron = newsmark::store::paired_ron_path(&txt);
    newsmark::store::save_annotations(&ron, "a.txt", &doc, &set).unwrap();
    let table = newsmark().arg("stats").arg(dir.path()).output().unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains(
            "1 document: 0 pending, 2 accepted, 0 rejected; 1 pending entity link; \
             1 pending relation\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("documents: 0 new, 0 to review, 1 in progress, 0 done"),
        "{text}"
    );
    let json = newsmark()
        .args(["stats", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["totals"]["pending_relations"], 1);
    assert_eq!(value["totals"]["pending_links"], 1);
    assert_eq!(value["by_status"]["in_progress"], 1);
}

//! `newsmark export` as a user runs it: help, exit codes (0 clean, 2 a
//! document reported, 1 cannot run) and messages naming the file.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use newsmark::store;

fn newsmark() -> Command {
    Command::cargo_bin("newsmark").unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A corpus of two annotated articles: a nested span in one, a pending
/// suggestion in the other.
fn corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    let write = |name: &str, text: &str, spans: &str| {
        fs::write(corpus.join(format!("{name}.txt")), text).unwrap();
        let ron = format!(
            "(format: 1, document: \"{name}.txt\", text_sha256: \"{}\", spans: [{spans}])",
            store::text_sha256(text)
        );
        fs::write(corpus.join(format!("{name}.ron")), ron).unwrap();
    };
    write(
        "a",
        "😀 Minister of ICT of Cuba.\r\nIran agreed.",
        r#"
            (id: 1, start: 2, end: 25, label: "role", text: "Minister of ICT of Cuba"),
            (id: 2, start: 21, end: 25, label: "country", text: "Cuba"),
            (id: 3, start: 28, end: 32, label: "country", text: "Iran"),"#,
    );
    write(
        "b",
        "🇨🇺 Havana hosts Issa Zarepour.",
        r#"
            (id: 1, start: 3, end: 9, label: "country", text: "Havana"),
            (id: 2, start: 16, end: 29, label: "person", text: "Issa Zarepour",
                origin: Extractor("spacy"), status: Pending),"#,
    );
    corpus
}

fn export(args: &[&str], corpus: &Path, out: &Path) -> Output {
    newsmark()
        .arg("export")
        .arg(args[0])
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .args(&args[1..])
        .output()
        .unwrap()
}

#[test]
fn help_lists_the_formats_and_the_option() {
    let out = newsmark().args(["export", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(help.contains("Usage: newsmark export"), "{help}");
    for word in [
        "brat",
        "spacy",
        "doccano",
        "conll",
        "w3c",
        "--include-pending",
        "--out",
    ] {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }
    let top = newsmark().arg("--help").output().unwrap();
    assert!(stdout(&top).contains("export"));
}

#[test]
fn a_clean_export_exits_0_and_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let file = dir.path().join("out.conll");
    let out = export(&["conll"], &corpus, &file);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("exported 2 documents, 3 spans as conll"),
        "{summary}"
    );
    assert!(summary.contains("1 pending span left out (--include-pending adds it)"));
    assert!(summary.contains("1 nested or overlapping span dropped"));
    let warnings = stderr(&out);
    assert!(
        warnings.contains("warning: a.txt: span") && warnings.contains("dropped: it overlaps span"),
        "the nested span is named: {warnings}"
    );
    let conll = fs::read_to_string(&file).unwrap();
    assert!(conll.contains("\nCuba I-role\n") && conll.contains("\nIssa O\n"));

    let folder = dir.path().join("brat");
    let out = export(&["brat", "--include-pending"], &corpus, &folder);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("exported 2 documents, 5 spans as brat"));
    let ann = fs::read_to_string(folder.join("b.ann")).unwrap();
    assert!(
        ann.contains("T2\tperson 16 29\tIssa Zarepour\n#2\tAnnotatorNotes T2\tstatus: pending")
    );
    assert!(folder.join("annotation.conf").is_file());
}

#[test]
fn a_skipped_document_exits_2_naming_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    // A span whose quote no longer matches: the file cannot be fully loaded.
    let ron = fs::read_to_string(corpus.join("b.ron")).unwrap();
    fs::write(
        corpus.join("b.ron"),
        ron.replace("\"Havana\"", "\"Habana\""),
    )
    .unwrap();
    let file = dir.path().join("out.jsonl");
    let out = export(&["spacy"], &corpus, &file);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("b.ron: span 1:"), "{err}");
    assert!(err.contains("b.txt: not exported"), "{err}");
    assert!(stdout(&out).contains("1 document skipped"));
    assert_eq!(fs::read_to_string(&file).unwrap().lines().count(), 1);
}

#[test]
fn bad_arguments_and_paths_exit_1_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let out = export(&["conllu"], &corpus, &dir.path().join("x"));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("\"conllu\"") && err.contains("expected brat"),
        "{err}"
    );

    let missing = dir.path().join("no-such-corpus");
    let out = export(&["spacy"], &missing, &dir.path().join("x.jsonl"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no-such-corpus"), "{}", stderr(&out));

    // A single-file format given a folder, and a file in a missing folder.
    let out = export(&["w3c"], &corpus, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
    let nowhere = dir.path().join("nowhere/out.jsonl");
    let out = export(&["doccano"], &corpus, &nowhere);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
    assert!(!nowhere.exists());

    // brat into the corpus itself would write beside the articles.
    let out = export(&["brat"], &corpus, &corpus);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("corpus folder"), "{}", stderr(&out));
    assert!(!corpus.join("a.ann").exists());
}

#[test]
fn an_export_stops_when_its_progress_callback_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b", "c"] {
        fs::write(dir.path().join(format!("{name}.txt")), "Cuba.\n").unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("x.jsonl");
    let mut seen = Vec::new();
    let result = newsmark::formats::export::export_corpus_with_progress(
        newsmark::formats::export::ExportFormat::Spacy,
        dir.path(),
        &file,
        newsmark::formats::export::ExportOptions::default(),
        &mut |done, total| {
            seen.push((done, total));
            done < 2
        },
    );
    assert!(matches!(
        result,
        Err(newsmark::formats::export::ExportError::Cancelled { done: 2 })
    ));
    assert_eq!(seen, [(0, 3), (1, 3), (2, 3)]);
    assert!(
        !file.exists(),
        "a one-file export is not written when cancelled"
    );
}

#[test]
fn the_left_out_line_advises_include_pending_only_when_it_would_add_something() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    // A rejected suggestion beside the pending one.
    let b = corpus.join("b.ron");
    let ron = fs::read_to_string(&b).unwrap().replace(
        "status: Pending),",
        "status: Pending),\n (id: 3, start: 0, end: 2, label: \"country\", text: \"🇨🇺\", \
         origin: Extractor(\"spacy\"), status: Rejected),",
    );
    fs::write(&b, ron).unwrap();

    let out = export(&["spacy"], &corpus, &dir.path().join("accepted.jsonl"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "2 spans left out: 1 pending (--include-pending adds it) and 1 rejected (never exported)"
        ),
        "{}",
        stdout(&out)
    );

    let out = export(
        &["spacy", "--include-pending"],
        &corpus,
        &dir.path().join("all.jsonl"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("1 rejected span left out (rejected suggestions are never exported)"),
        "{summary}"
    );
    assert!(
        !summary.contains("--include-pending"),
        "no advice to add what was given: {summary}"
    );
}

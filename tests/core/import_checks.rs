//! `newsmark import` checks what it is given before writing anything: the
//! unit of each record's offsets (code points, UTF-16 units, UTF-8 bytes)
//! found from the record's text and quotes, spans that cut words named,
//! names that are paths or newsmark's own files refused, and every span or
//! record skipped counted in the summary.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::json;
use tempfile::TempDir;

/// Runs `newsmark import FORMAT SRC --into corpus [extra…]` in `dir`.
fn import(dir: &Path, format: &str, src: &str, extra: &[&str]) -> Output {
    Command::cargo_bin("newsmark")
        .unwrap()
        .current_dir(dir)
        .args(["import", format, src, "--into", "corpus"])
        .args(extra)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes one JSON record a line to `dir/NAME`.
fn jsonl(dir: &Path, name: &str, records: &[serde_json::Value]) {
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    fs::write(dir.join(name), lines.join("\n") + "\n").unwrap();
}

/// Imports `records` as spaCy JSONL (`s.jsonl`) into a new corpus with the
/// `extra` arguments.
fn import_spacy(records: &[serde_json::Value], extra: &[&str]) -> (TempDir, Output) {
    let dir = TempDir::new().unwrap();
    jsonl(dir.path(), "s.jsonl", records);
    let out = import(dir.path(), "spacy", "s.jsonl", extra);
    (dir, out)
}

/// Asserts the exit code, showing all that was said if it differs.
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}{}",
        stdout(out),
        stderr(out)
    );
}

/// A one-span spaCy record over `TEXT` for `n.txt`, without a quote.
fn nairobi_record(start: usize, end: usize) -> serde_json::Value {
    json!({"text": TEXT, "meta": {"file": "n.txt"}, "spans": [{"start": start, "end": end, "label": "country"}]})
}

/// The quotes saved in `corpus/NAME.ron`, in file order.
fn saved_quotes(dir: &Path, name: &str) -> Vec<String> {
    let ron = fs::read_to_string(dir.join("corpus").join(format!("{name}.ron")))
        .unwrap_or_else(|e| panic!("{name}.ron: {e}"));
    ron.lines()
        .filter_map(|line| line.split_once(" text: \""))
        .map(|(_, rest)| rest.split('"').next().unwrap_or_default().to_owned())
        .collect()
}

/// The text: "Nairobi" is at 16..23 in code points, 21..28 in
/// UTF-16 units (😀 is two, each flag four) and 31..38 in UTF-8 bytes;
/// "Hanoi" at 6..11 in code points.
const TEXT: &str = "😀🇨🇺🇮🇷 Hanoi and Nairobi signed the pact.";

#[test]
fn doccano_code_point_offsets_are_found_and_said_not_cut_to_nairob() {
    let dir = TempDir::new().unwrap();
    jsonl(
        dir.path(),
        "d.jsonl",
        &[
            json!({"text": TEXT, "meta": {"file": "n.txt"}, "label": [[16, 23, "country"], [6, 11, "country"]]}),
        ],
    );
    let out = import(dir.path(), "doccano", "d.jsonl", &[]);
    assert_exit(&out, 0);
    assert_eq!(saved_quotes(dir.path(), "n"), ["Hanoi", "Nairobi"]);
    assert!(
        stderr(&out).contains("warning: d.jsonl:1: offsets read as codepoints, not as utf16"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn spacy_utf16_offsets_are_found_and_said_not_cut_to_bi_sign() {
    let (dir, out) = import_spacy(&[nairobi_record(21, 28)], &[]);
    assert_exit(&out, 0);
    assert_eq!(saved_quotes(dir.path(), "n"), ["Nairobi"]);
    assert!(
        stderr(&out).contains("warning: s.jsonl:1: offsets read as utf16, not as codepoints"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn byte_offsets_over_persian_and_chinese_are_found() {
    // "تهران" is 7..12 in code points, 12..22 in UTF-8 bytes; "北京" is 2..4
    // and 6..12.
    let (dir, out) = import_spacy(
        &[
            json!({"text": "سفر به تهران", "meta": {"id": "fa"}, "spans": [{"start": 12, "end": 22, "label": "country"}]}),
            json!({"text": "我爱北京天安门", "meta": {"id": "zh"}, "spans": [{"start": 6, "end": 12, "label": "country", "text": "北京"}]}),
        ],
        &[],
    );
    assert_exit(&out, 0);
    assert_eq!(saved_quotes(dir.path(), "fa"), ["تهران"]);
    assert_eq!(saved_quotes(dir.path(), "zh"), ["北京"]);
    assert!(stderr(&out).contains("s.jsonl:1: offsets read as bytes"));
    assert!(stderr(&out).contains("s.jsonl:2: offsets read as bytes"));
}

#[test]
fn brat_quotes_show_utf16_offsets() {
    let dir = TempDir::new().unwrap();
    let brat = dir.path().join("brat");
    fs::create_dir(&brat).unwrap();
    fs::write(brat.join("n.txt"), TEXT).unwrap();
    fs::write(brat.join("n.ann"), "T1\tcountry 21 28\tNairobi\n").unwrap();
    let out = import(dir.path(), "brat", "brat", &[]);
    assert_exit(&out, 0);
    assert_eq!(saved_quotes(dir.path(), "n"), ["Nairobi"]);
    assert!(stderr(&out).contains("n.ann: offsets read as utf16"));
}

#[test]
fn offsets_that_contradict_the_given_unit_skip_the_record_naming_it() {
    let ascii = json!({"text": "Hanoi and Nairobi", "meta": {"file": "ascii.txt"}, "spans": [{"start": 10, "end": 17, "label": "country"}]});
    let (dir, out) = import_spacy(
        &[nairobi_record(21, 28), ascii],
        &["--offsets", "codepoints"],
    );
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("s.jsonl:1: the offsets do not fit --offsets codepoints"),
        "{err}"
    );
    assert!(err.contains("--offsets utf16"), "{err}");
    assert!(!dir.path().join("corpus/n.txt").exists());
    // The ASCII record, where every unit counts alike, goes in silently.
    assert_eq!(saved_quotes(dir.path(), "ascii"), ["Nairobi"]);
    assert!(!err.contains("ascii"), "{err}");
    assert!(
        stdout(&out).contains("1 document merged (1 created), 1 skipped;"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_span_that_cuts_a_word_in_every_unit_is_imported_named_and_counted() {
    // "airob" of Nairobi: no unit puts it on whole words.
    let (dir, out) = import_spacy(&[nairobi_record(17, 22)], &[]);
    assert_exit(&out, 0);
    assert_eq!(saved_quotes(dir.path(), "n"), ["airob"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "warning: s.jsonl:1: n.txt: span 1 (country, 17..22): cuts the word \"Nairobi\" (16..23)"
        ),
        "{err}"
    );
    assert!(!err.contains("offsets read as"), "{err}");
    assert!(
        stdout(&out).contains("; 1 span cuts a word (imported; see the warnings)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn reserved_names_and_paths_are_refused_naming_the_record() {
    let span = json!([{"start": 0, "end": 5, "label": "country"}]);
    let named = |file: &str| json!({"text": "Hanoi", "meta": {"file": file}, "spans": span});
    let (dir, out) = import_spacy(
        &[
            named("newsmark.txt"),
            named("sub/dir.txt"),
            named("Entities.txt"),
            named("fine.txt"),
        ],
        &[],
    );
    assert_exit(&out, 2);
    let said = stdout(&out);
    assert!(
        said.contains("s.jsonl:1: document name \"newsmark\" refused: newsmark.ron"),
        "{said}"
    );
    assert!(
        said.contains("s.jsonl:2: document name \"sub/dir\" refused: it is a path"),
        "{said}"
    );
    assert!(
        said.contains("s.jsonl:3: document name \"Entities\" refused"),
        "{said}"
    );
    let mut files: Vec<String> = fs::read_dir(dir.path().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["fine.ron", "fine.txt"]);
    // The folder's settings still load.
    let validate = Command::cargo_bin("newsmark")
        .unwrap()
        .current_dir(dir.path())
        .args(["validate", "corpus"])
        .output()
        .unwrap();
    assert_eq!(validate.status.code(), Some(0), "{}", stdout(&validate));
}

#[test]
fn a_skipped_discontinuous_brat_span_is_counted_as_invalid() {
    let dir = TempDir::new().unwrap();
    let brat = dir.path().join("brat");
    fs::create_dir(&brat).unwrap();
    fs::write(brat.join("n.txt"), "Hanoi and Nairobi").unwrap();
    fs::write(
        brat.join("n.ann"),
        "T1\tcountry 0 5\tHanoi\nT2\tcountry 0 5;10 17\tHanoi Nairobi\n",
    )
    .unwrap();
    let out = import(dir.path(), "brat", "brat", &[]);
    assert_exit(&out, 2);
    let said = stdout(&out);
    assert!(
        said.contains(
            "1 document merged (1 created), 0 skipped; 1 span added, 0 duplicates skipped, \
             1 invalid span skipped"
        ),
        "{said}"
    );
    assert!(said.contains("n.txt (new): 1 added, 1 invalid"), "{said}");
}

//! `newsmark validate`, run as a user would: every kind of problem listed
//! with its file and span id (exit 1), a clean corpus silent (exit 0),
//! `--json`, `--help`, and nothing written.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

fn newsmark() -> Command {
    Command::cargo_bin("newsmark").unwrap()
}

/// Copies a folder, recursively, to `to`.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary copy of a folder of this repository.
fn copy_of(folder: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder), &corpus);
    (dir, corpus)
}

/// Every file's path and bytes under `dir`, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            let bytes = fs::read(&path).unwrap();
            files.push((path, bytes));
        }
    }
    files.sort();
    files
}

/// What `validate` must list for `tests/fixtures/bad`: the file (relative to
/// the folder), the span id, and the start of the reason.
const EXPECTED: &[(&str, Option<u64>, &str)] = &[
    (
        "absolute.ron",
        None,
        "document \"/etc/passwd\" refused: a path",
    ),
    (
        "bad-bytes.ron",
        None,
        "not UTF-8 text (invalid byte at offset 279)",
    ),
    (
        "binary.txt",
        None,
        "looks like a binary file, not text (NUL byte at offset 5)",
    ),
    ("changed.ron", None, "the article's text changed since"),
    ("dup-id.ron", Some(2), "duplicate id"),
    (
        "dup-span.ron",
        Some(3),
        "duplicate span: same offsets 0..6 and label \"country\" as span 1",
    ),
    (
        "escape.ron",
        None,
        "document \"../outside.txt\" refused: a path",
    ),
    ("label.ron", Some(3), "unknown label \"organisation\""),
    (
        "nested.ron:5:75",
        None,
        "nested too deeply (over 128 levels)",
    ),
    (
        "not-utf8.txt",
        None,
        "not UTF-8 text (invalid byte at offset 4)",
    ),
    (
        "orphan.ron",
        None,
        "no article: orphan.txt is missing beside it",
    ),
    (
        "other-doc.ron",
        None,
        "names document \"another.txt\", but it is paired with \"other-doc.txt\"",
    ),
    (
        "out-of-range.ron",
        Some(3),
        "offsets 70..99 are outside the text (74 characters)",
    ),
    (
        "quote.ron",
        Some(3),
        "quote \"Isa Zarepour\" does not match the text at 33..46",
    ),
    ("syntax.ron:7:27", None, "Expected comma"),
    ("version.ron", None, "format version 2 is not supported"),
    (
        "zero-length.ron",
        Some(3),
        "empty span: start 33 is not before end 33",
    ),
    (
        "settings/newsmark.ron:2:5",
        None,
        "Unexpected field named `lables`",
    ),
];

#[test]
fn every_problem_is_listed_with_file_and_span_id() {
    let (_dir, corpus) = copy_of("tests/fixtures/bad");
    let before = snapshot(&corpus);
    let out = newsmark().arg("validate").arg(&corpus).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), EXPECTED.len(), "{stdout}");
    // In the walk's order: by name, subfolders last.
    for (line, (file, span, reason)) in lines.iter().zip(EXPECTED) {
        let span = span.map(|id| format!("span {id}: ")).unwrap_or_default();
        let start = format!("{}: {span}{reason}", corpus.join(file).display());
        assert!(
            line.starts_with(&start),
            "{line:?} does not start with {start:?}"
        );
    }
    assert!(!stdout.contains("empty.txt"), "an empty article is allowed");
    let summary = "checked 35 files: 18 problems in 18 files\n";
    assert_eq!(stderr, summary);
    assert_eq!(snapshot(&corpus), before, "validate wrote something");
}

#[test]
fn clean_corpus_exits_0_with_nothing_on_stdout() {
    let (_dir, corpus) = copy_of("sample_data");
    let out = newsmark().arg("validate").arg(&corpus).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Four pairs and the entity registry.
    assert_eq!(stderr, "checked 11 files: no problems\n");
}

#[test]
fn json_report_parses() {
    let (_dir, corpus) = copy_of("tests/fixtures/bad");
    let out = newsmark()
        .args(["validate", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files_checked"], 35);
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), EXPECTED.len());
    let find = |name: &str| {
        let file = corpus.join(name).display().to_string();
        problems
            .iter()
            .find(|p| p["file"] == file.as_str())
            .unwrap()
    };
    let quote = find("quote.ron");
    assert_eq!(quote["span_id"], 3);
    assert!(quote["line"].is_null() && quote["column"].is_null());
    assert!(
        quote["reason"]
            .as_str()
            .unwrap()
            .starts_with("quote \"Isa Zarepour\"")
    );
    let syntax = find("syntax.ron");
    assert_eq!(
        (&syntax["line"], &syntax["column"]),
        (&7.into(), &27.into())
    );
    assert!(syntax["span_id"].is_null());
    assert_eq!(syntax["reason"], "Expected comma");

    let (_dir, clean) = copy_of("sample_data");
    let out = newsmark()
        .args(["validate", "--json"])
        .arg(&clean)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = serde_json::json!({"files_checked": 11, "problems": [], "warnings": []});
    assert_eq!(report, expected);
}

#[test]
fn files_and_folders_given_together_are_checked_once() {
    let (_dir, corpus) = copy_of("tests/fixtures/bad");
    let out = newsmark()
        .current_dir(&corpus)
        .args([
            "validate",
            "quote.txt",
            "./quote.ron",
            ".",
            "missing.txt",
            "empty.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let quote = stdout
        .lines()
        .filter(|l| l.contains("quote.ron: span 3"))
        .count();
    assert_eq!(quote, 1, "{stdout}");
    assert!(
        stdout.contains("missing.txt: no such file or folder\n"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), EXPECTED.len() + 1, "{stdout}");

    // One file with nothing wrong: exit 0, silent.
    let out = newsmark()
        .current_dir(&corpus)
        .args(["validate", "empty.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn help_describes_the_command() {
    let out = newsmark().args(["validate", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    for word in ["PATH", "--json", "recursively", "Nothing is written"] {
        assert!(help.contains(word), "{word} missing from {help}");
    }
    let out = newsmark().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("validate"), "{help}");
    // At least one path is required.
    let out = newsmark().arg("validate").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PATH"));
}

#[test]
fn a_span_that_splits_a_character_is_a_warning_naming_file_and_span() {
    // 👩🏽‍💻 is code points 6..10; span 2 holds only its skin tone and joiner.
    let dir = TempDir::new().unwrap();
    let text = "Coder \u{1F469}\u{1F3FD}\u{200D}\u{1F4BB} in Cuba.";
    fs::write(dir.path().join("coder.txt"), text).unwrap();
    let ron = dir.path().join("coder.ron");
    fs::write(
        &ron,
        "(format: 1, document: \"coder.txt\", text_sha256: \"\", spans: [\n\
         (id: 1, start: 14, end: 18, label: \"country\", text: \"Cuba\"),\n\
         (id: 2, start: 7, end: 9, label: \"person\", text: \"\u{1F3FD}\u{200D}\"),\n])\n",
    )
    .unwrap();
    let out = newsmark().arg("validate").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning is not a problem: {stdout}{stderr}"
    );
    assert_eq!(
        stdout,
        format!(
            "{}: span 2: warning: splits a character (grapheme cluster): starts and ends \
             inside {} at 6..10 (U+1F469 U+1F3FD U+200D U+1F4BB); its quote is U+1F3FD U+200D\n",
            ron.display(),
            &text[6..21]
        )
    );
    assert_eq!(stderr, "checked 2 files: no problems, 1 warning\n");

    let out = newsmark()
        .arg("validate")
        .arg("--json")
        .arg(dir.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["problems"].as_array().map(Vec::len), Some(0));
    assert_eq!(report["warnings"][0]["span_id"], 2);
    assert!(
        report["warnings"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.ends_with("its quote is U+1F3FD U+200D"))
    );
}

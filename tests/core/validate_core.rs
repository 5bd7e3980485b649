//! `corpus::validate::validate_paths` on generated folders: the schema is
//! asked per folder, hidden entries and linked folders are skipped, an
//! article that cannot be read still has its annotation file checked, and
//! oversized files are reported from their size.

#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};

use newsmark::corpus::validate::{
    Problem, ValidationReport, validate_paths, validate_paths_with_progress,
};
use newsmark::model::LabelSchema;
use newsmark::store::MAX_TEXT_BYTES;
use tempfile::TempDir;

const TEXT: &str = "Tehran and Havana signed a deal.\n";

/// An annotation file for `TEXT` named `stem`, with the given span lines.
fn ron(stem: &str, spans: &[&str]) -> String {
    let spans: String = spans.iter().map(|s| format!("        {s},\n")).collect();
    format!("(\n    format: 1,\n    document: \"{stem}.txt\",\n    spans: [\n{spans}    ],\n)\n")
}

const TEHRAN: &str = r#"(id: 1, start: 0, end: 6, label: "country", text: "Tehran")"#;

fn write(path: &Path, contents: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

fn validate(paths: &[PathBuf]) -> ValidationReport {
    validate_paths(paths, |_| LabelSchema::default())
}

fn shown(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

#[test]
fn schema_is_asked_once_per_folder() {
    let dir = TempDir::new().unwrap();
    for folder in ["gold", "gold/sub"] {
        for stem in ["a", "b"] {
            write(&dir.path().join(folder).join(format!("{stem}.txt")), TEXT);
            let contents = ron(stem, &[TEHRAN]);
            write(
                &dir.path().join(folder).join(format!("{stem}.ron")),
                contents,
            );
        }
    }
    let asked = RefCell::new(Vec::new());
    // Only the subfolder lacks "country".
    let report = validate_paths(&[dir.path().to_owned()], |folder| {
        asked.borrow_mut().push(folder.to_owned());
        let mut schema = LabelSchema::default();
        if folder.ends_with("sub") {
            schema.labels.retain(|l| l.name != "country");
        }
        schema
    });
    let gold = dir.path().join("gold");
    assert_eq!(asked.into_inner(), [gold.clone(), gold.join("sub")]);
    assert_eq!(report.files_checked, 8);
    let expected: Vec<String> = ["a", "b"]
        .iter()
        .map(|stem| {
            let file = gold.join("sub").join(format!("{stem}.ron"));
            format!("{}: span 1: unknown label \"country\"", file.display())
        })
        .collect();
    assert_eq!(shown(&report.problems), expected);
    assert_eq!(report.files_with_problems(), 2);
}

#[test]
fn progress_hook_sees_each_article_once_in_walk_order() {
    let dir = TempDir::new().unwrap();
    write(&dir.path().join("b.txt"), TEXT);
    write(&dir.path().join("b.ron"), ron("b", &[TEHRAN]));
    write(&dir.path().join("a.txt"), TEXT);
    write(&dir.path().join("lonely.ron"), ron("lonely", &[TEHRAN]));
    write(&dir.path().join("sub/c.txt"), TEXT);
    let mut seen = Vec::new();
    // The folder and one of its files: the file is reached twice, seen once.
    let paths = [dir.path().to_owned(), dir.path().join("a.txt")];
    let report = validate_paths_with_progress(
        &paths,
        |_| LabelSchema::default(),
        |file| seen.push(file.strip_prefix(dir.path()).unwrap().to_owned()),
    );
    let expected: Vec<PathBuf> = ["a.txt", "b.txt", "lonely.ron", "sub/c.txt"]
        .iter()
        .map(PathBuf::from)
        .collect();
    assert_eq!(seen, expected);
    // a.txt, b.txt + b.ron, lonely.ron, sub/c.txt.
    assert_eq!(report.files_checked, 5);
}

#[test]
fn hidden_entries_and_linked_folders_are_skipped() {
    let dir = TempDir::new().unwrap();
    write(&dir.path().join("a.txt"), TEXT);
    // Broken, but hidden: an editor's or git's business.
    write(&dir.path().join(".git/x.ron"), "(");
    write(&dir.path().join(".a.txt"), b"\xff");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let report = validate(&[dir.path().to_owned()]);
    assert!(report.is_clean(), "{:#?}", report.problems);
    assert_eq!(report.files_checked, 1);
}

#[test]
fn annotation_file_is_checked_when_its_article_is_not_readable() {
    let dir = TempDir::new().unwrap();
    write(&dir.path().join("a.txt"), b"Bras\xedlia");
    let empty = r#"(id: 4, start: 2, end: 2, label: "country", text: "")"#;
    let twice = r#"(id: 5, start: 0, end: 6, label: "country", text: "Tehran")"#;
    let spans = [TEHRAN, empty, twice, TEHRAN];
    write(&dir.path().join("a.ron"), ron("../a", &spans));
    let report = validate(&[dir.path().join("a.txt")]);
    let a = |name: &str| dir.path().join(name).display().to_string();
    let expected = [
        format!(
            "{}: not UTF-8 text (invalid byte at offset 4); convert it to UTF-8 first",
            a("a.txt")
        ),
        format!(
            "{}: document \"../a.txt\" refused: a path, not a file name beside this file (newsmark never reads or writes outside the corpus folder); it is paired with \"a.txt\"",
            a("a.ron")
        ),
        format!(
            "{}: span 4: empty span: start 2 is not before end 2",
            a("a.ron")
        ),
        format!(
            "{}: span 5: duplicate span: same offsets 0..6 and label \"country\" as span 1",
            a("a.ron")
        ),
        format!("{}: span 1: duplicate id", a("a.ron")),
    ];
    assert_eq!(shown(&report.problems), expected);
    assert_eq!(report.files_checked, 2);
}

#[test]
fn oversized_article_is_reported_from_its_size() {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("huge.txt");
    fs::File::create(&txt)
        .unwrap()
        .set_len(3 * MAX_TEXT_BYTES)
        .unwrap();
    let report = validate(&[dir.path().to_owned()]);
    let expected = format!(
        "{}: too large: 192 MiB (201326592 bytes), over the 64 MiB limit; not read",
        txt.display()
    );
    assert_eq!(shown(&report.problems), [expected]);
}

#[test]
fn other_files_and_missing_paths_are_problems() {
    let dir = TempDir::new().unwrap();
    let notes = dir.path().join("notes.md");
    write(&notes, "# notes");
    let missing = dir.path().join("missing");
    let report = validate(&[notes.clone(), missing.clone()]);
    let expected = [
        format!(
            "{}: not checked: not an article (.txt), an annotation file (.ron) or a folder",
            notes.display()
        ),
        format!("{}: no such file or folder", missing.display()),
    ];
    assert_eq!(shown(&report.problems), expected);
    assert_eq!(report.files_checked, 0);
    // In a folder, other files are simply not articles.
    assert!(validate(&[dir.path().to_owned()]).is_clean());
}

#[cfg(unix)]
#[test]
fn pipes_are_not_read() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    // Opening a pipe for reading would wait for a writer forever: it is
    // reported by name, unopened, given alone or met in its folder.
    let expected = format!(
        "{}: not a regular file but a FIFO (named pipe); not read",
        fifo.display()
    );
    let report = validate(std::slice::from_ref(&fifo));
    assert_eq!(shown(&report.problems), std::slice::from_ref(&expected));
    let report = validate(&[dir.path().to_owned()]);
    assert_eq!(shown(&report.problems), [expected]);
}

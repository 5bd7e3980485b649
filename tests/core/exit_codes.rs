//! Every exit code of every command, as the README's table gives them: 0
//! when everything went through, 2 when a command finished but something
//! was skipped or reported, 1 when it could not run (and, for `validate`,
//! when it found a problem; for `convert`, when a file was not converted).

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn newsmark(args: &[&str], dir: &Path) -> Output {
    Command::cargo_bin("newsmark")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A corpus `corpus/` with one article and one accepted span.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), "Cuba and Iran talk.").unwrap();
    fs::write(
        corpus.join("a.ron"),
        "(format: 1, document: \"a.txt\", text_sha256: \"\", spans: [\
         (id: 1, start: 0, end: 4, label: \"country\", text: \"Cuba\")])\n",
    )
    .unwrap();
    (dir, corpus)
}

/// Adds an article that is not UTF-8 (so it cannot be opened) to `corpus`.
fn add_unreadable(corpus: &Path) {
    fs::write(corpus.join("latin1.txt"), b"Caf\xe9 in Havana").unwrap();
}

#[test]
fn usage_errors_exit_1_for_every_command_and_help_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        "import", "suggest", "stats", "validate", "export", "reanchor", "convert",
    ] {
        let out = newsmark(&[command, "--no-such-option"], dir.path());
        assert_eq!(code(&out), Some(1), "{command}: {}", said(&out));
        assert!(said(&out).contains("--no-such-option"), "{command}");
        let help = newsmark(&[command, "--help"], dir.path());
        assert_eq!(code(&help), Some(0), "{command} --help");
    }
    assert_eq!(code(&newsmark(&["--version"], dir.path())), Some(0));
}

#[test]
fn the_window_exits_1_when_it_cannot_open() {
    let (dir, corpus) = corpus();
    let out = Command::cargo_bin("newsmark")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .arg(&corpus)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(1), "{}", said(&out));
    assert!(said(&out).contains("could not open the window"));
}

/// One spaCy record for `a.txt` whose spans are `spans` (JSON).
fn spacy_source(dir: &Path, spans: &str) -> PathBuf {
    let src = dir.join("spacy.jsonl");
    fs::write(
        &src,
        format!(
            "{{\"text\": \"Cuba and Iran talk.\", \"spans\": [{spans}], \"meta\": {{\"file\": \"a.txt\"}}}}\n"
        ),
    )
    .unwrap();
    src
}

#[test]
fn import_exits_0_when_everything_went_in_2_when_something_did_not_1_when_it_cannot_run() {
    let (dir, _corpus) = corpus();
    // Labels outside the schema: everything is imported, the labels named
    // in a warning on stderr.
    spacy_source(dir.path(), r#"{"start": 9, "end": 13, "label": "GPE"}"#);
    let out = newsmark(
        &["import", "spacy", "spacy.jsonl", "--into", "corpus"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(0), "{}", said(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: labels not in the schema, imported as they are"),
        "{stderr}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("not in the schema"),
        "warnings go to stderr only"
    );
    assert!(
        fs::read_to_string(dir.path().join("corpus/a.ron"))
            .unwrap()
            .contains("\"GPE\"")
    );

    // Importing it again adds nothing and misses nothing.
    let again = newsmark(
        &["import", "spacy", "spacy.jsonl", "--into", "corpus"],
        dir.path(),
    );
    assert_eq!(code(&again), Some(0), "{}", said(&again));

    // A span out of range is not imported.
    spacy_source(dir.path(), r#"{"start": 40, "end": 44, "label": "GPE"}"#);
    let out = newsmark(
        &["import", "spacy", "spacy.jsonl", "--into", "corpus"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(2), "{}", said(&out));
    assert!(said(&out).contains("40..44"));

    // A source that cannot be read, a corpus folder that is a file.
    let out = newsmark(
        &["import", "spacy", "missing.jsonl", "--into", "corpus"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(1), "{}", said(&out));
    let out = newsmark(
        &["import", "spacy", "spacy.jsonl", "--into", "spacy.jsonl"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(1), "{}", said(&out));
    assert!(said(&out).contains("not a folder"));
}

#[test]
fn suggest_and_stats_exit_2_when_a_document_cannot_be_read_and_1_without_a_folder() {
    let (dir, _corpus) = corpus();
    for command in ["suggest", "stats"] {
        let out = newsmark(&[command, "corpus"], dir.path());
        assert_eq!(code(&out), Some(0), "{command}: {}", said(&out));
        let out = newsmark(&[command, "no-such-folder"], dir.path());
        assert_eq!(code(&out), Some(1), "{command}: {}", said(&out));
    }
    let stats = newsmark(&["stats", "corpus"], dir.path());
    let table = String::from_utf8_lossy(&stats.stdout);
    // After `suggest`, which offered Cuba from the gazetteer.
    assert!(
        table.starts_with("1 document: 1 pending, 1 accepted, 0 rejected\n"),
        "{table}"
    );
    let out = newsmark(&["suggest", "corpus", "--doc", "nope"], dir.path());
    assert_eq!(code(&out), Some(1), "{}", said(&out));

    add_unreadable(&dir.path().join("corpus"));
    for command in ["suggest", "stats"] {
        let out = newsmark(&[command, "corpus"], dir.path());
        assert_eq!(code(&out), Some(2), "{command}: {}", said(&out));
        assert!(
            said(&out).contains("latin1.txt"),
            "{command}: {}",
            said(&out)
        );
    }
}

#[test]
fn validate_exits_0_when_clean_and_1_on_a_problem() {
    let (dir, corpus) = corpus();
    assert_eq!(
        code(&newsmark(&["validate", "corpus"], dir.path())),
        Some(0)
    );
    add_unreadable(&corpus);
    let out = newsmark(&["validate", "corpus"], dir.path());
    assert_eq!(code(&out), Some(1), "{}", said(&out));
    assert!(said(&out).contains("latin1.txt"));
}

#[test]
fn export_exits_2_when_a_document_is_skipped_and_1_when_it_cannot_write() {
    let (dir, corpus) = corpus();
    let out = newsmark(
        &["export", "spacy", "corpus", "--out", "out.jsonl"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(0), "{}", said(&out));
    let out = newsmark(
        &["export", "spacy", "corpus", "--out", "no/such/out.jsonl"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(1), "{}", said(&out));
    add_unreadable(&corpus);
    let out = newsmark(
        &["export", "spacy", "corpus", "--out", "out.jsonl"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(2), "{}", said(&out));
}

#[test]
fn reanchor_exits_2_when_a_file_cannot_be_re_anchored_and_1_for_a_missing_path() {
    let (dir, corpus) = corpus();
    let out = newsmark(&["reanchor", "corpus"], dir.path());
    assert_eq!(code(&out), Some(0), "{}", said(&out));
    let out = newsmark(&["reanchor", "missing.txt"], dir.path());
    assert_eq!(code(&out), Some(1), "{}", said(&out));
    fs::write(corpus.join("a.ron"), "(format: 1, spans: [").unwrap();
    let out = newsmark(&["reanchor", "corpus"], dir.path());
    assert_eq!(code(&out), Some(2), "{}", said(&out));
}

#[test]
fn convert_exits_0_when_every_file_is_utf8_after_and_1_when_one_is_not_converted() {
    let (dir, corpus) = corpus();
    add_unreadable(&corpus);
    let out = newsmark(
        &["convert", "corpus/latin1.txt", "corpus/a.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(0), "{}", said(&out));
    let out = newsmark(
        &["convert", "corpus/a.txt", "corpus/missing.txt"],
        dir.path(),
    );
    assert_eq!(code(&out), Some(1), "{}", said(&out));
}

#[test]
fn reanchor_exits_2_naming_an_annotation_file_that_is_a_folder_as_validate_flags_it() {
    let (dir, corpus) = corpus();
    fs::write(corpus.join("b.txt"), "Hanoi and Nairobi.").unwrap();
    fs::create_dir(corpus.join("b.ron")).unwrap();
    let validate = newsmark(&["validate", "corpus"], dir.path());
    assert_eq!(code(&validate), Some(1), "{}", said(&validate));
    for path in ["corpus", "corpus/b.txt", "corpus/b.ron"] {
        let out = newsmark(&["reanchor", path], dir.path());
        assert_eq!(code(&out), Some(2), "{path}: {}", said(&out));
        assert!(
            said(&out).contains("b.ron: not re-anchored: a folder, not an annotation file"),
            "{path}: {}",
            said(&out)
        );
    }
}

#[test]
fn reanchor_exits_2_and_never_follows_a_document_field_that_leaves_the_corpus() {
    let (dir, corpus) = corpus();
    // The field names a file outside the corpus holding the annotated text;
    // the article beside the annotation file has changed.
    fs::write(dir.path().join("outside.txt"), "Cuba and Iran talk.").unwrap();
    fs::write(corpus.join("a.txt"), "Now Iran and Cuba talk.").unwrap();
    let ron = "(format: 1, document: \"../outside.txt\", text_sha256: \"0000\", spans: [\
               (id: 1, start: 0, end: 4, label: \"country\", text: \"Cuba\")])\n";
    fs::write(corpus.join("a.ron"), ron).unwrap();
    let validate = newsmark(&["validate", "corpus"], dir.path());
    assert_eq!(code(&validate), Some(1), "{}", said(&validate));
    let out = newsmark(&["reanchor", "corpus"], dir.path());
    assert_eq!(code(&out), Some(2), "{}", said(&out));
    assert!(
        said(&out).contains("a.ron: not re-anchored: document \"../outside.txt\" refused"),
        "{}",
        said(&out)
    );
    assert_eq!(fs::read_to_string(corpus.join("a.ron")).unwrap(), ron);
    assert!(!corpus.join("a.ron.bak").exists());

    // The issue's case: an unchanged article, a field naming /etc/passwd.
    let (dir, corpus) = self::corpus();
    let ron = fs::read_to_string(corpus.join("a.ron"))
        .unwrap()
        .replace("\"a.txt\"", "\"../../etc/passwd\"");
    fs::write(corpus.join("a.ron"), &ron).unwrap();
    let out = newsmark(&["reanchor", "corpus/a.ron"], dir.path());
    assert_eq!(code(&out), Some(2), "{}", said(&out));
    assert!(said(&out).contains("a.ron: not re-anchored: document \"../../etc/passwd\" refused"));
    assert_eq!(fs::read_to_string(corpus.join("a.ron")).unwrap(), ron);
}

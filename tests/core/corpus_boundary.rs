//! The corpus boundary as a user meets it on the command line: articles and
//! annotation files whose real path is outside the corpus folder (symbolic
//! links), FIFOs and devices are refused by every command, by name, unread;
//! annotation files whose strings break the format's limits are refused
//! quickly, naming the file and the span.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use crate::common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::files::run_newsmark;
use newsmark::store;

const SECRET: &str = "SECRET outside the corpus: Cuba";

/// An annotation file for `name` with one span `Cuba` at `start`.
fn ron_for(name: &str, text: &str, start: usize) -> String {
    format!(
        "(format: 1, document: \"{name}\", text_sha256: \"{}\", spans: [\
         (id: 1, start: {start}, end: {}, label: \"country\", text: \"Cuba\")])\n",
        store::text_sha256(text),
        start + 4
    )
}

/// `dir/outside/` with a secret article and annotation file, and
/// `dir/corpus/` with a plain article `a.txt`, an article `leak.txt` that is
/// a link to the outside one, an article `b.txt` whose `b.ron` is a link to
/// the outside annotation file, and `inside.txt`, a link to a file in a
/// subfolder of the corpus (allowed).
fn corpus_with_links(dir: &Path) -> PathBuf {
    let outside = dir.join("outside");
    let corpus = dir.join("corpus");
    fs::create_dir_all(&outside).unwrap();
    fs::create_dir_all(corpus.join("sub")).unwrap();
    let text = "Cuba and Iran talk.";
    fs::write(outside.join("secret.txt"), SECRET).unwrap();
    fs::write(outside.join("secret.ron"), ron_for("b.txt", text, 0)).unwrap();
    fs::write(corpus.join("a.txt"), text).unwrap();
    fs::write(corpus.join("a.ron"), ron_for("a.txt", text, 0)).unwrap();
    fs::write(corpus.join("b.txt"), text).unwrap();
    symlink(outside.join("secret.ron"), corpus.join("b.ron")).unwrap();
    // `..` through a link: corpus/sub/up is the outside folder.
    symlink(&outside, corpus.join("sub/up")).unwrap();
    symlink("sub/up/secret.txt", corpus.join("leak.txt")).unwrap();
    fs::write(corpus.join("sub/real.txt"), text).unwrap();
    symlink("sub/real.txt", corpus.join("inside.txt")).unwrap();
    corpus
}

/// Whether `out` names `file` as leading outside the corpus folder.
fn refuses(out: &str, file: &str) -> bool {
    out.lines()
        .any(|l| l.contains(file) && l.contains("outside the corpus folder"))
}

#[test]
fn validate_reports_every_file_that_leads_outside_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    corpus_with_links(dir.path());
    let (code, out) = run_newsmark(dir.path(), &["validate", "corpus"]);
    assert_eq!(code, Some(1), "{}", out);
    assert!(refuses(&out, "leak.txt"), "{}", out);
    assert!(refuses(&out, "b.ron"), "{}", out);
    assert!(!out.contains("inside.txt"), "{}", out);
    // Given alone, too.
    let (code, out) = run_newsmark(dir.path(), &["validate", "corpus/leak.txt"]);
    assert_eq!(code, Some(1), "{}", out);
    assert!(refuses(&out, "leak.txt"), "{}", out);
}

#[test]
fn stats_suggest_and_reanchor_skip_outside_files_by_name_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    corpus_with_links(dir.path());
    for args in [
        &["stats", "corpus"][..],
        &["suggest", "corpus"],
        &["reanchor", "corpus"],
    ] {
        let (code, out) = run_newsmark(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}: {}", out);
        let named = if args[0] == "reanchor" {
            "b.ron"
        } else {
            "leak.txt"
        };
        assert!(refuses(&out, named), "{args:?}: {}", out);
        assert!(!out.contains("SECRET"), "{args:?}");
    }
    // Nothing was written outside, nor beside the link.
    assert_eq!(
        fs::read_to_string(dir.path().join("outside/secret.txt")).unwrap(),
        SECRET
    );
    assert!(!dir.path().join("corpus/leak.ron").exists());
    assert!(!dir.path().join("outside/secret.ron.bak").exists());
}

#[test]
fn exports_never_copy_an_outside_file() {
    let dir = tempfile::tempdir().unwrap();
    corpus_with_links(dir.path());
    for (format, out_path) in [
        ("brat", "brat-out"),
        ("spacy", "out.jsonl"),
        ("w3c", "out.json"),
    ] {
        let (code, out) =
            run_newsmark(dir.path(), &["export", format, "corpus", "--out", out_path]);
        assert_eq!(code, Some(2), "{format}: {}", out);
        assert!(refuses(&out, "leak.txt"), "{format}: {}", out);
        let written = dir.path().join(out_path);
        let files = if written.is_dir() {
            fs::read_dir(&written)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect()
        } else {
            vec![written]
        };
        for file in files {
            let bytes = fs::read(&file).unwrap();
            let content = String::from_utf8_lossy(&bytes);
            assert!(!content.contains("SECRET"), "{}", file.display());
        }
    }
    assert!(!dir.path().join("brat-out/leak.txt").exists());
    assert!(dir.path().join("brat-out/a.txt").exists());
}

#[test]
fn import_does_not_merge_into_an_article_outside_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    corpus_with_links(dir.path());
    let record = format!(
        "{{\"text\": \"{SECRET}\", \"spans\": [{{\"start\": 27, \"end\": 31, \"label\": \"country\"}}], \
         \"meta\": {{\"file\": \"leak.txt\"}}}}\n"
    );
    fs::write(dir.path().join("in.jsonl"), record).unwrap();
    let (code, out) = run_newsmark(
        dir.path(),
        &["import", "spacy", "in.jsonl", "--into", "corpus"],
    );
    assert_eq!(code, Some(2), "{}", out);
    assert!(refuses(&out, "leak.txt"), "{}", out);
    assert!(!dir.path().join("corpus/leak.ron").exists());
}

/// A FIFO, links to `/dev/zero` and `/dev/urandom`, an unreadable file, a
/// binary file, and an article over the size limit, in `dir/corpus`.
fn corpus_of_refused_articles(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(corpus.join("fifo.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    symlink("/dev/zero", corpus.join("zero.txt")).unwrap();
    symlink("/dev/urandom", corpus.join("random.txt")).unwrap();
    fs::write(corpus.join("nul.txt"), b"Cuba\0Iran").unwrap();
    let huge = fs::File::create(corpus.join("huge.txt")).unwrap();
    huge.set_len(70 * 1024 * 1024).unwrap();
    corpus
}

#[test]
fn validate_refuses_fifos_devices_binary_and_huge_articles_by_name_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_of_refused_articles(dir.path());
    let started = Instant::now();
    let (code, out) = run_newsmark(dir.path(), &["validate", "corpus"]);
    assert_eq!(code, Some(1), "{}", out);
    for (name, why) in [
        ("fifo.txt", "not a regular file but a FIFO"),
        ("zero.txt", "not a regular file but a character device"),
        ("random.txt", "not a regular file but a character device"),
        ("nul.txt", "looks like a binary file"),
        ("huge.txt", "too large: 70 MiB"),
    ] {
        assert!(
            out.lines().any(|l| l.contains(name) && l.contains(why)),
            "{name}: {out}"
        );
    }
    // Each given alone, too.
    for name in ["fifo.txt", "zero.txt"] {
        let path = corpus.join(name);
        let (code, out) = run_newsmark(dir.path(), &["validate", path.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{}", out);
        assert!(out.contains("not a regular file"), "{name}");
    }
    // Nothing was read: a read of /dev/zero would take the size limit.
    assert!(started.elapsed() < Duration::from_secs(30));
}

/// The peak resident memory of `newsmark ARGS` in `dir`, in KiB, as GNU
/// `time` measures it (`None` without `/usr/bin/time`).
fn peak_memory_kib(dir: &Path, args: &[&str]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("peak memory not measured: no /usr/bin/time");
        return None;
    }
    let out = std::process::Command::new(time)
        .args(["-f", "peak %M"])
        .arg(assert_cmd::cargo::cargo_bin("newsmark"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().rev().find_map(|l| l.strip_prefix("peak "))?;
    line.trim().parse().ok()
}

#[test]
fn a_ten_mib_label_is_refused_quickly_naming_the_file_and_the_span() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let text = "Cuba and Iran talk.";
    fs::write(corpus.join("a.txt"), text).unwrap();
    let label = "x".repeat(10 * 1024 * 1024);
    fs::write(
        corpus.join("a.ron"),
        format!(
            "(format: 1, document: \"a.txt\", text_sha256: \"\", spans: [\
             (id: 1, start: 0, end: 4, label: \"country\", text: \"Cuba\"),\
             (id: 7, start: 9, end: 13, label: \"{label}\", text: \"Iran\")])\n"
        ),
    )
    .unwrap();
    let before = fs::read(corpus.join("a.ron")).unwrap();
    let started = Instant::now();
    let (code, out) = run_newsmark(dir.path(), &["validate", "corpus"]);
    assert_eq!(code, Some(1), "{}", out);
    assert!(
        out.contains("a.ron: spans[1] (span 7): label: name \"xxxx")
            && out.contains("is 10485760 characters long, over the 64-character limit"),
        "{}",
        &out[..out.len().min(2000)]
    );
    // The message quotes the label elided, not whole.
    assert!(out.len() < 2000, "{} bytes said", out.len());
    assert!(started.elapsed() < Duration::from_secs(20));
    if let Some(kib) = peak_memory_kib(dir.path(), &["validate", "corpus"]) {
        // The 10 MiB file is read and parsed once, never copied around.
        assert!(kib < 100 * 1024, "validate peaked at {kib} KiB");
    }
    // `reanchor` refuses it too and leaves it as it is.
    let (code, out) = run_newsmark(dir.path(), &["reanchor", "corpus"]);
    assert_eq!(code, Some(2), "{}", out);
    assert_eq!(fs::read(corpus.join("a.ron")).unwrap(), before);
}

#[test]
fn control_characters_in_labels_are_refused_in_files_settings_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let text = "Cuba and Iran talk.";
    fs::write(corpus.join("a.txt"), text).unwrap();
    fs::write(
        corpus.join("a.ron"),
        "(format: 1, document: \"a.txt\", text_sha256: \"\", spans: [\
         (id: 3, start: 0, end: 4, label: \"coun\\u{1b}[31mtry\", text: \"Cuba\")])\n",
    )
    .unwrap();
    let (code, out) = run_newsmark(dir.path(), &["validate", "corpus/a.txt"]);
    assert_eq!(code, Some(1), "{}", out);
    assert!(
        out.contains("spans[0] (span 3): label: name \"coun\\u{1b}[31mtry\" holds the control character U+001B"),
        "{}",
        out
    );
    // No raw ESC reaches the terminal.
    assert!(!out.contains('\u{1b}'));

    fs::remove_file(corpus.join("a.ron")).unwrap();
    fs::write(
        corpus.join("newsmark.ron"),
        "(labels: [(name: \"per\\nson\", color: (1, 2, 3), hotkeys: ['1'], description: \"\")])",
    )
    .unwrap();
    let (code, out) = run_newsmark(dir.path(), &["validate", "corpus"]);
    assert_eq!(code, Some(1), "{}", out);
    assert!(
        out.contains("newsmark.ron") && out.contains("U+000A"),
        "{}",
        out
    );

    fs::remove_file(corpus.join("newsmark.ron")).unwrap();
    fs::write(
        dir.path().join("in.jsonl"),
        "{\"text\": \"Cuba and Iran talk.\", \"spans\": [\
         {\"start\": 0, \"end\": 4, \"label\": \"coun\\ntry\"}, \
         {\"start\": 9, \"end\": 13, \"label\": \"country\"}], \"meta\": {\"file\": \"a.txt\"}}\n",
    )
    .unwrap();
    let (code, out) = run_newsmark(
        dir.path(),
        &["import", "spacy", "in.jsonl", "--into", "corpus"],
    );
    assert_eq!(code, Some(2), "{}", out);
    assert!(out.contains("U+000A"), "{}", out);
    let ron = fs::read_to_string(corpus.join("a.ron")).unwrap();
    // Only the span with a good label went in.
    assert!(ron.contains("text: \"Iran\""), "{ron}");
    assert!(!ron.contains("text: \"Cuba\""), "{ron}");
}

//! Tests of running external extractor commands, with small Python and shell
//! scripts written to a temporary folder as fake extractors: both output line
//! shapes, the text arriving exactly on standard input, large input and
//! output (no pipe deadlock), non-zero exit with standard error, death by
//! signal, timeout, command not found, malformed output, offsets out of range,
//! quote mismatch, and `run_corpus` with progress and cancellation.
//!
//! Needs `python3` and `/bin/sh`; never spaCy.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use newsmark::settings::ExtractorConfig;
use newsmark::suggest::Suggestion;
use newsmark::suggest::external::{ExtractorCommand, ExtractorError};
use tempfile::TempDir;

/// A text with a flag, a ZWJ sequence, combining accents and CRLF before the
/// names, so that byte and code-point offsets differ.
const TEXT: &str =
    "🇨🇺 Havana\r\nWilfredo Gonza\u{301}lez met 👩\u{200d}💻 Issa Zarepour in Iran.\r\n";

/// A folder of fake extractors.
struct Scripts(TempDir);

impl Scripts {
    fn new() -> Self {
        Self(TempDir::new().unwrap())
    }

    /// Writes an executable script and returns its path.
    fn write(&self, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.path().join(name);
        fs::write(&path, body).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// An extractor running a Python script.
    fn python(&self, body: &str) -> ExtractorCommand {
        let path = self.write("extractor.py", body);
        command(&["python3", path.to_str().unwrap()], 10)
    }

    /// An extractor running a shell script.
    fn sh(&self, body: &str, timeout_secs: u64) -> ExtractorCommand {
        let path = self.write("extractor.sh", body);
        command(&["sh", path.to_str().unwrap()], timeout_secs)
    }
}

fn command(argv: &[&str], timeout_secs: u64) -> ExtractorCommand {
    ExtractorCommand {
        argv: argv.iter().map(|a| (*a).to_owned()).collect(),
        timeout: Duration::from_secs(timeout_secs),
        name: "fake".to_owned(),
    }
}

fn summary(found: &[Suggestion]) -> Vec<(usize, usize, &str, Option<f64>)> {
    found
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str(), s.score))
        .collect()
}

/// Prints both line shapes, with offsets the script computes itself (Python
/// `str` indices) from the text it was given, so they are right only if the
/// text arrived exactly.
const GOOD: &str = r#"
import json, sys
text = sys.stdin.buffer.read().decode("utf-8")
def at(s):
    i = text.index(s)
    return {"start": i, "end": i + len(s)}
print(json.dumps(dict(at("Havana"), label="country", text="Havana", score=0.75)))
print()
print("   ")
print(json.dumps({"text": text, "spans": [
    dict(at("Wilfredo Gonza\u0301lez"), label="person"),
    dict(at("Issa Zarepour"), label="person", text="Issa Zarepour"),
]}))
print(json.dumps({"spans": [dict(at("Iran"), label="country")]}), end="\r\n")
"#;

#[test]
fn good_output_in_both_line_shapes() {
    let scripts = Scripts::new();
    let found = scripts.python(GOOD).run("a.txt", TEXT).unwrap();
    // Offsets counted by hand (and by Python): the flag is two code points,
    // CRLF two, the combining accent one, the ZWJ sequence three.
    assert_eq!(
        summary(&found),
        vec![
            (3, 9, "country", Some(0.75)),
            (11, 29, "person", None),
            (38, 51, "person", None),
            (55, 59, "country", None),
        ]
    );
    assert!(found.iter().all(|s| s.origin == "fake"));
}

#[test]
fn executable_run_directly_without_a_shell_and_name_from_config() {
    let scripts = Scripts::new();
    let path = scripts.write(
        "my-ner.py",
        "#!/usr/bin/env python3\nimport sys\nsys.stdin.read()\n\
         print('{\"start\": 0, \"end\": 2, \"label\": \"country\"}')\n",
    );
    let config = ExtractorConfig {
        argv: vec![path.to_str().unwrap().to_owned(), "a b; exit 3".to_owned()],
        timeout_secs: 5,
        name: None,
    };
    let cmd = ExtractorCommand::from(&config);
    assert_eq!(cmd.name, "my-ner");
    assert_eq!(cmd.timeout, Duration::from_secs(5));
    let found = cmd.run("a.txt", TEXT).unwrap();
    assert_eq!(summary(&found), vec![(0, 2, "country", None)]);
    assert_eq!(found[0].origin, "my-ner");
}

#[test]
fn large_input_and_output_do_not_deadlock() {
    // Writes 1 MB before reading any input: a caller that wrote all of a
    // 2 MB input before reading the output would wait for ever.
    let scripts = Scripts::new();
    let cmd = scripts.python(
        r#"
import sys
sys.stdout.write("\n" * 1_000_000)
sys.stdout.flush()
text = sys.stdin.read()
print('{"start": %d, "end": %d, "label": "country"}' % (len(text) - 4, len(text)))
"#,
    );
    let text = format!("{}Iran", "é".repeat(1_000_000));
    let started = Instant::now();
    let found = cmd.run("big.txt", &text).unwrap();
    assert_eq!(
        summary(&found),
        vec![(1_000_000, 1_000_004, "country", None)]
    );
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[test]
fn a_command_that_ignores_its_input_is_fine() {
    let scripts = Scripts::new();
    let cmd = scripts.sh("echo '{\"start\": 0, \"end\": 1, \"label\": \"x\"}'\n", 5);
    let text = "x".repeat(1_000_000);
    let found = cmd.run("a.txt", &text).unwrap();
    assert_eq!(summary(&found), vec![(0, 1, "x", None)]);
}

#[test]
fn non_zero_exit_reports_code_and_stderr() {
    let scripts = Scripts::new();
    let cmd = scripts.sh(
        "cat > /dev/null\necho 'loading model'\necho 'no model en_core_web_sm' >&2\nexit 3\n",
        5,
    );
    let err = cmd.run("2024-05-iran.txt", TEXT).unwrap_err();
    let ExtractorError::Exit { code, stderr, .. } = &err else {
        panic!("not an exit error: {err}");
    };
    assert_eq!(*code, Some(3));
    assert_eq!(stderr, "no model en_core_web_sm");
    let message = err.to_string();
    assert!(message.contains(&cmd.command_line()), "{message}");
    assert!(message.contains("2024-05-iran.txt"), "{message}");
    assert!(message.contains("exit status 3"), "{message}");
    assert!(message.contains("no model en_core_web_sm"), "{message}");
}

#[test]
fn death_by_signal_has_no_exit_code() {
    let scripts = Scripts::new();
    let err = scripts
        .sh("kill -9 $$\n", 5)
        .run("a.txt", TEXT)
        .unwrap_err();
    assert!(
        matches!(err, ExtractorError::Exit { code: None, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("signal"), "{err}");
}

#[test]
fn timeout_kills_the_command_in_time() {
    let scripts = Scripts::new();
    for body in ["exec sleep 5\n", "sleep 5\n"] {
        // With `exec`, the command is the sleep; without, a child of the
        // shell keeps the pipes open after the shell is killed.
        let cmd = scripts.sh(body, 1);
        let started = Instant::now();
        let err = cmd.run("slow.txt", TEXT).unwrap_err();
        let took = started.elapsed();
        assert!(
            matches!(err, ExtractorError::Timeout { secs: 1, .. }),
            "{err}"
        );
        assert!(took >= Duration::from_millis(900), "{took:?}");
        assert!(took < Duration::from_secs(3), "{body:?} took {took:?}");
        assert!(err.to_string().contains("slow.txt"), "{err}");
    }
}

#[test]
fn command_not_found() {
    let err = command(&["/nonexistent/newsmark-extractor", "-x"], 5)
        .run("a.txt", TEXT)
        .unwrap_err();
    assert!(matches!(err, ExtractorError::NotFound { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("/nonexistent/newsmark-extractor -x"),
        "{message}"
    );
    assert!(message.contains("a.txt"), "{message}");
    assert!(message.contains("not found"), "{message}");

    let err = command(&["newsmark-no-such-command-on-path"], 5)
        .run("a.txt", TEXT)
        .unwrap_err();
    assert!(matches!(err, ExtractorError::NotFound { .. }), "{err}");

    let err = command(&[], 5).run("a.txt", TEXT).unwrap_err();
    assert!(matches!(err, ExtractorError::Spawn { .. }), "{err}");
}

/// Runs a shell extractor that prints `output` and returns its error.
fn error_for(output: impl AsRef<[u8]>) -> ExtractorError {
    let scripts = Scripts::new();
    let path = scripts.write("out.jsonl", output);
    let body = format!("cat > /dev/null\ncat '{}'\n", path.display());
    scripts.sh(&body, 5).run("doc.txt", TEXT).unwrap_err()
}

#[test]
fn malformed_output_names_the_line() {
    let good = r#"{"start": 3, "end": 9, "label": "country"}"#;
    let cases = [
        (
            format!("{good}\n\n{{\"start\": 1, \"end\"\n"),
            3,
            "not JSON",
        ),
        (
            format!("{good}\n{{\"start\": 1, \"end\": 2}}\n"),
            2,
            "label",
        ),
        (format!("[1, 2]\n{good}\n"), 1, "not a span"),
        (format!("{good}\n{{\"spans\": 7}}\n"), 2, "spans"),
        (
            r#"{"text": "another text", "spans": []}"#.to_owned() + "\n",
            1,
            "text",
        ),
        (
            format!("{good}\n{{\"start\": 4, \"end\": 4, \"label\": \"x\"}}\n"),
            2,
            "empty span",
        ),
        (
            r#"{"start": 3, "end": 9, "label": "x", "score": 1.5}"#.to_owned() + "\n",
            1,
            "score",
        ),
        // The label rule of every label's way in (issue 16).
        (
            format!("{good}\n{{\"start\": 3, \"end\": 9, \"label\": \"c\\u001b[31m\"}}\n"),
            2,
            "holds the control character U+001B",
        ),
        (
            format!(
                "{good}\n{{\"start\": 3, \"end\": 9, \"label\": \"{}\"}}\n",
                "x".repeat(65)
            ),
            2,
            "65 characters long, over the 64-character limit",
        ),
    ];
    for (output, line_no, reason_part) in cases {
        let err = error_for(&output);
        let ExtractorError::Malformed { line, reason, .. } = &err else {
            panic!("{output:?}: not malformed: {err}");
        };
        assert_eq!(*line, line_no, "{output:?}: {err}");
        assert!(reason.contains(reason_part), "{output:?}: {err}");
        let message = err.to_string();
        assert!(
            message.contains(&format!("output line {line_no}")),
            "{message}"
        );
        assert!(message.contains("doc.txt"), "{message}");
    }
}

#[test]
fn output_not_utf8_names_the_line() {
    let mut output = br#"{"start": 3, "end": 9, "label": "country"}"#.to_vec();
    output.extend_from_slice(b"\n{\"label\": \"\xff\"}\n");
    let err = error_for(output);
    let ExtractorError::Malformed { line, reason, .. } = &err else {
        panic!("not malformed: {err}");
    };
    assert_eq!(*line, 2);
    assert!(reason.contains("not UTF-8"), "{err}");
}

#[test]
fn offsets_out_of_range() {
    let len = TEXT.chars().count();
    let err = error_for(format!(
        "{{\"start\": 55, \"end\": 59, \"label\": \"country\"}}\n\
         {{\"start\": {}, \"end\": {}, \"label\": \"country\"}}\n",
        len - 2,
        len + 1
    ));
    let ExtractorError::OutOfRange {
        line,
        start,
        end,
        len: text_len,
        ..
    } = &err
    else {
        panic!("not out of range: {err}");
    };
    assert_eq!((*line, *start, *end, *text_len), (2, len - 2, len + 1, len));
    assert_eq!(len, 62);
    assert!(err.to_string().contains("62 characters"), "{err}");
}

#[test]
fn quote_mismatch() {
    // Byte offsets instead of code points: the quote gives it away.
    let byte = TEXT.find("Havana").unwrap();
    let err = error_for(format!(
        "{{\"start\": {byte}, \"end\": {}, \"label\": \"country\", \"text\": \"Havana\"}}\n",
        byte + 6
    ));
    let ExtractorError::QuoteMismatch {
        line,
        quote,
        actual,
        ..
    } = &err
    else {
        panic!("not a quote mismatch: {err}");
    };
    assert_eq!(
        (*line, quote.as_str(), actual.as_str()),
        (1, "Havana", "\r\nWilf")
    );
}

/// An extractor that finds "Iran", fails on a text containing "FAIL", and
/// takes `delay` seconds per text.
fn corpus_extractor(scripts: &Scripts, delay: f64) -> ExtractorCommand {
    scripts.python(&format!(
        r#"
import sys, time
text = sys.stdin.read()
time.sleep({delay})
if "FAIL" in text:
    sys.exit("cannot read this one")
i = text.find("Iran")
if i >= 0:
    print('{{"start": %d, "end": %d, "label": "country"}}' % (i, i + 4))
"#
    ))
}

fn docs(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let text = if i == 1 {
                "FAIL".to_owned()
            } else {
                format!("{}Iran", "😀".repeat(i))
            };
            (format!("doc{i}.txt"), text)
        })
        .collect()
}

#[test]
fn run_corpus_runs_every_document_and_reports_progress() {
    let scripts = Scripts::new();
    let cmd = corpus_extractor(&scripts, 0.0);
    let mut progress = Vec::new();
    let results = cmd.run_corpus(&docs(3), &AtomicBool::new(false), |done, total| {
        progress.push((done, total));
    });
    assert_eq!(progress, vec![(1, 3), (2, 3), (3, 3)]);
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["doc0.txt", "doc1.txt", "doc2.txt"]);
    assert_eq!(
        summary(results[0].1.as_ref().unwrap()),
        vec![(0, 4, "country", None)]
    );
    let err = results[1].1.as_ref().unwrap_err();
    assert!(
        matches!(err, ExtractorError::Exit { code: Some(1), .. }),
        "{err}"
    );
    assert!(err.to_string().contains("doc1.txt"), "{err}");
    assert_eq!(
        summary(results[2].1.as_ref().unwrap()),
        vec![(2, 6, "country", None)]
    );
}

#[test]
fn run_corpus_stops_when_cancelled_between_documents() {
    let scripts = Scripts::new();
    let cmd = corpus_extractor(&scripts, 0.0);
    let cancel = AtomicBool::new(false);
    let mut calls = 0;
    let results = cmd.run_corpus(&docs(5), &cancel, |done, _| {
        calls += 1;
        if done == 2 {
            cancel.store(true, Ordering::Relaxed);
        }
    });
    assert_eq!(calls, 2);
    assert_eq!(results.len(), 2);

    // Already cancelled: nothing runs.
    let results = cmd.run_corpus(&docs(5), &cancel, |_, _| panic!("no progress expected"));
    assert!(results.is_empty());
}

#[test]
fn run_corpus_cancel_kills_a_running_command() {
    let scripts = Scripts::new();
    let cmd = corpus_extractor(&scripts, 5.0);
    let cancel = Arc::new(AtomicBool::new(false));
    let setter = {
        let cancel = Arc::clone(&cancel);
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(300));
            cancel.store(true, Ordering::Relaxed);
        })
    };
    let started = Instant::now();
    let results = cmd.run_corpus(&docs(3), &cancel, |_, _| {});
    let took = started.elapsed();
    setter.join().unwrap();
    assert!(results.is_empty(), "the cancelled run is left out");
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

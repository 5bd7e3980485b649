//! `newsmark reanchor`, run as a user would: changed articles have their
//! annotation files rewritten, files with spans that cannot be placed are
//! reported and left alone (exit 2), `--json`, and usage errors (exit 1).

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use newsmark::model::LabelSchema;
use newsmark::store;
use tempfile::TempDir;

const IRAN: &str = "2024-05-iran-cuba-ict";
const CHILE: &str = "2024-08-chile-new-zealand-ocean-watch";

fn newsmark() -> Command {
    Command::cargo_bin("newsmark").unwrap()
}

/// A copy of the sample corpus in which the Iran article got a headline and
/// a typo in a name, and the Chile article lost its first paragraph (three
/// spans with it).
fn edited_corpus() -> TempDir {
    let dir = TempDir::new().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for entry in fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let iran = txt(&dir, IRAN);
    let text = fs::read_to_string(&iran).unwrap();
    let text = format!(
        "UPDATED: spelling.\n\n{}",
        text.replacen("Zarepour", "Zarepur", 1)
    );
    fs::write(&iran, text).unwrap();
    let chile = txt(&dir, CHILE);
    let text = fs::read_to_string(&chile).unwrap();
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines.remove(2);
    fs::write(&chile, lines.join("\n")).unwrap();
    dir
}

fn txt(dir: &TempDir, stem: &str) -> PathBuf {
    dir.path().join(format!("{stem}.txt"))
}

fn ron(dir: &TempDir, stem: &str) -> PathBuf {
    dir.path().join(format!("{stem}.ron"))
}

/// Loads an article's annotations as the window would.
fn load(dir: &TempDir, stem: &str) -> store::LoadedAnnotations {
    let doc = store::read_text(&txt(dir, stem)).unwrap();
    let name = format!("{stem}.txt");
    store::load_annotations(&ron(dir, stem), &name, &doc, &LabelSchema::default()).unwrap()
}

fn output(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn changed_articles_are_rewritten_and_orphans_never_dropped() {
    let dir = edited_corpus();
    let (code, stdout, stderr) = output(newsmark().arg("reanchor").arg(dir.path()));
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    let line = |stem: &str| {
        let file = ron(&dir, stem).display().to_string();
        let summary = stdout
            .lines()
            .find(|l| l.starts_with(&file) && !l.contains(": span "));
        summary.unwrap().strip_prefix(&file).unwrap().to_owned()
    };
    assert_eq!(
        line(IRAN),
        ": 0 stayed, 26 moved, 1 fuzzy, 0 orphaned: rewritten"
    );
    assert!(
        line(CHILE).starts_with(
            ": 2 stayed, 23 moved, 0 fuzzy, 3 orphaned: rewritten, the orphans kept in its orphans list"
        ),
        "{stdout}"
    );
    assert_eq!(
        line("2024-06-norway-vietnam-offshore-wind"),
        ": 30 stayed, 0 moved, 0 fuzzy, 0 orphaned: unchanged: the article is the one annotated"
    );
    // The fuzzy match and each orphan are listed; plain moves only counted.
    assert!(stdout.contains("span 7: the text changed: quote \"Issa Zarepour\""));
    assert!(stdout.contains("span 5: quote \"South Pacific Ocean Watch\" (was at 102..127)"));
    assert!(!stdout.contains("moved from"), "{stdout}");
    assert!(
        stderr.contains("5 annotation files: 2 rewritten, 1 with spans"),
        "{stderr}"
    );

    // Rewritten: loads clean, the typo now in the quote.
    let iran = load(&dir, IRAN);
    assert!(iran.problems.is_empty(), "{:?}", iran.problems);
    assert_eq!(iran.set.len(), 27);
    assert!(iran.set.spans().iter().any(|s| s.text == "Issa Zarepur"));
    // Rewritten with its orphans in the orphans list: none dropped.
    let chile = load(&dir, CHILE);
    assert!(!chile.text_changed);
    assert_eq!((chile.set.len(), chile.set.orphans().len()), (25, 3));
    let saved = fs::read_to_string(ron(&dir, CHILE)).unwrap();
    assert!(saved.contains("orphans: ["), "{saved}");

    // Again: nothing left to do for the Iran article.
    let iran_after = fs::read(ron(&dir, IRAN)).unwrap();
    let (code, stdout, _) = output(newsmark().arg("reanchor").arg(txt(&dir, IRAN)));
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("27 stayed, 0 moved, 0 fuzzy, 0 orphaned: unchanged"));
    assert_eq!(fs::read(ron(&dir, IRAN)).unwrap(), iran_after);
}

#[test]
fn the_json_report_has_every_count_and_note() {
    let dir = edited_corpus();
    let (code, stdout, _) = output(
        newsmark()
            .arg("reanchor")
            .arg("--json")
            .arg(ron(&dir, CHILE))
            .arg(txt(&dir, IRAN)),
    );
    assert_eq!(code, Some(2));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let chile = &files[0];
    assert_eq!(chile["file"], ron(&dir, CHILE).to_string_lossy().as_ref());
    assert_eq!(
        (
            &chile["stayed"],
            &chile["moved"],
            &chile["fuzzy"],
            &chile["orphaned"]
        ),
        (&2.into(), &23.into(), &0.into(), &3.into())
    );
    assert_eq!(chile["rewritten"], true);
    assert_eq!(chile["text_changed"], true);
    assert!(chile["error"].is_null());
    let notes = chile["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 26, "moves are noted in JSON");
    assert_eq!(notes[0]["span_id"], 3);
    assert_eq!(files[1]["rewritten"], true);
}

#[test]
fn paths_are_checked_before_anything_is_written() {
    let dir = edited_corpus();
    let before = fs::read(ron(&dir, IRAN)).unwrap();
    for bad in [dir.path().join("missing.txt"), dir.path().join("notes.md")] {
        fs::write(dir.path().join("notes.md"), "not an article").unwrap();
        let (code, _, stderr) = output(newsmark().arg("reanchor").arg(txt(&dir, IRAN)).arg(&bad));
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(&bad.display().to_string()), "{stderr}");
        assert_eq!(fs::read(ron(&dir, IRAN)).unwrap(), before, "written");
    }
    let out = newsmark().arg("reanchor").output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn an_annotation_file_without_its_article_is_reported() {
    let dir = TempDir::new().unwrap();
    let lone = dir.path().join("lone.ron");
    fs::write(&lone, "(format: 1, document: \"lone.txt\", spans: [])").unwrap();
    // An article not annotated yet has nothing to re-anchor.
    fs::write(dir.path().join("fresh.txt"), "Nothing tagged here.").unwrap();
    let (code, stdout, _) = output(newsmark().arg("reanchor").arg(dir.path()));
    assert_eq!(code, Some(2));
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("lone.ron: not re-anchored:") && stdout.contains("lone.txt"));
    let (code, stdout, _) = output(newsmark().arg("reanchor").arg(dir.path().join("fresh.txt")));
    assert_eq!((code, stdout.as_str()), (Some(0), ""));
}

#[test]
fn help_describes_the_command() {
    let (code, stdout, _) = output(newsmark().args(["reanchor", "--help"]));
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("Re-anchor the spans") && stdout.contains("--json"),
        "{stdout}"
    );
}

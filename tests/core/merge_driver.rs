//! `newsmark merge-driver` through real `git`: two branches adding and
//! changing spans of the same annotation files merge with no conflict and
//! no span lost; a true conflict becomes two pending spans; bad input
//! leaves ours untouched and names the file.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Command;

use newsmark::model::{AnnotationSet, Document, LabelSchema, Span, Status};
use newsmark::store;

const TEXT: &str = "Tehran and Havana signed a deal; Issa Zarepour, the minister, spoke.\n";

/// Runs git in `repo`; panics with its output if it fails.
fn git(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(repo)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "git {args:?}: {text}");
    text
}

/// A span to save: id, start, end, label.
type Stored = (u64, usize, usize, &'static str);

/// Saves the spans (id, start, end, label) as `ron`, the annotations of a.txt.
fn save(ron: &Path, spans: &[Stored]) {
    let doc = Document::new(TEXT);
    let spans: Vec<Span> = spans
        .iter()
        .map(|&(id, s, e, l)| Span::manual(id, s, e, l, doc.slice(s..e).unwrap()))
        .collect();
    store::save_annotations(ron, "a.txt", &doc, &AnnotationSet::from_spans(spans)).unwrap();
    let _ = fs::remove_file(store::backup_path(ron));
}

/// Switches to `branch` (made from `main` if it is new), saves each
/// (file of corpus/, spans) and commits.
fn commit_on(repo: &Path, branch: &str, files: &[(&str, &[Stored])]) {
    if git(repo, &["branch", "--list", branch]).is_empty() {
        git(repo, &["checkout", "-q", "-b", branch]);
    } else {
        git(repo, &["checkout", "-q", branch]);
    }
    for (file, spans) in files {
        save(&repo.join("corpus").join(file), spans);
    }
    git(repo, &["commit", "-q", "-am", branch]);
}

/// The spans of `ron` as (start, end, label, pending).
fn spans_of(ron: &Path) -> Vec<(usize, usize, String, bool)> {
    let doc = Document::new(TEXT);
    let loaded = store::load_annotations(ron, "a.txt", &doc, &LabelSchema::default()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let spans = loaded.set.spans();
    spans
        .iter()
        .map(|s| (s.start, s.end, s.label.clone(), s.status == Status::Pending))
        .collect()
}

fn row(start: usize, end: usize, label: &str, pending: bool) -> (usize, usize, String, bool) {
    (start, end, label.to_owned(), pending)
}

/// A repository with the driver set up as the README says, and a.txt with
/// its gold a.ron and ana's a.ana.ron committed on `main`.
fn repository() -> Option<tempfile::TempDir> {
    if let Err(e) = Command::new("git").arg("--version").output() {
        let check = "the merge driver's test with real git";
        crate::common::files::skip_without("git", check, &e);
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.name", "Test"]);
    git(repo, &["config", "user.email", "test@example.org"]);
    let driver = format!(
        "{} merge-driver %O %A %B %P",
        assert_cmd::cargo::cargo_bin("newsmark").display()
    );
    git(
        repo,
        &["config", "merge.newsmark.name", "newsmark annotation files"],
    );
    git(repo, &["config", "merge.newsmark.driver", &driver]);
    fs::write(repo.join(".gitattributes"), "*.ron merge=newsmark\n").unwrap();
    fs::create_dir(repo.join("corpus")).unwrap();
    fs::write(repo.join("corpus/a.txt"), TEXT).unwrap();
    let base = [
        (1, 0, 6, "country"),
        (2, 11, 17, "country"),
        (3, 33, 46, "person"),
    ];
    save(&repo.join("corpus/a.ron"), &base);
    save(&repo.join("corpus/a.ana.ron"), &base[..1]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);
    Some(dir)
}

#[test]
fn two_branches_adding_and_changing_spans_merge_without_conflict_or_loss() {
    let Some(dir) = repository() else { return };
    let repo = dir.path();
    // Bob adds the minister (id 4) and relabels Havana; ana adds Havana.
    let bob_gold = [
        (1, 0, 6, "country"),
        (2, 11, 17, "person"),
        (3, 33, 46, "person"),
    ];
    let bob_gold = [&bob_gold[..], &[(4, 52, 60, "role")]].concat();
    let bob_ana = [(1, 0, 6, "country"), (2, 11, 17, "country")];
    commit_on(
        repo,
        "bob",
        &[("a.ron", &bob_gold), ("a.ana.ron", &bob_ana)],
    );
    // Main adds "deal" (also id 4) and resizes the person; ana adds "spoke".
    let main_gold = [
        (1, 0, 6, "country"),
        (2, 11, 17, "country"),
        (3, 33, 37, "person"),
    ];
    let main_gold = [&main_gold[..], &[(4, 27, 31, "initiative")]].concat();
    let main_ana = [(1, 0, 6, "country"), (2, 62, 67, "role")];
    commit_on(
        repo,
        "main",
        &[("a.ron", &main_gold), ("a.ana.ron", &main_ana)],
    );
    let out = git(repo, &["merge", "--no-edit", "bob"]);
    assert!(!out.contains("CONFLICT"), "{out}");
    assert_eq!(git(repo, &["status", "--porcelain"]), "");
    assert_eq!(
        spans_of(&repo.join("corpus/a.ron")),
        [
            row(0, 6, "country", false),
            row(11, 17, "person", false),
            row(27, 31, "initiative", false),
            row(33, 37, "person", false),
            row(52, 60, "role", false),
        ]
    );
    assert_eq!(
        spans_of(&repo.join("corpus/a.ana.ron")),
        [
            row(0, 6, "country", false),
            row(11, 17, "country", false),
            row(62, 67, "role", false)
        ]
    );
    let merged = fs::read_to_string(repo.join("corpus/a.ron")).unwrap();
    assert!(
        !merged.contains("<<<<<<<") && merged.contains("id: 5"),
        "{merged}"
    );
}

#[test]
fn a_span_relabelled_differently_on_both_branches_becomes_two_pending_spans() {
    let Some(dir) = repository() else { return };
    let repo = dir.path();
    let base = [(1, 0, 6, "country"), (3, 33, 46, "person")];
    let bob = [&base[..], &[(2, 11, 17, "person")]].concat();
    commit_on(repo, "bob", &[("a.ron", &bob)]);
    let main = [&base[..], &[(2, 11, 17, "initiative")]].concat();
    commit_on(repo, "main", &[("a.ron", &main)]);
    let out = git(repo, &["merge", "--no-edit", "bob"]);
    assert!(
        out.contains("1 conflict kept as pending spans to curate"),
        "{out}"
    );
    assert_eq!(
        spans_of(&repo.join("corpus/a.ron")),
        [
            row(0, 6, "country", false),
            row(11, 17, "initiative", true),
            row(11, 17, "person", true),
            row(33, 46, "person", false),
        ]
    );
}

#[test]
fn bad_input_leaves_ours_untouched_and_names_the_file() {
    let Some(dir) = repository() else { return };
    let repo = dir.path();
    let ours = repo.join("ours.tmp");
    let theirs = repo.join("theirs.tmp");
    fs::copy(repo.join("corpus/a.ron"), &ours).unwrap();
    fs::write(&theirs, "(format: 1, spans: [").unwrap();
    let before = fs::read(&ours).unwrap();
    let base = repo.join("corpus/a.ron");
    let run = |theirs: &Path, path: &str| {
        assert_cmd::Command::cargo_bin("newsmark")
            .unwrap()
            .current_dir(repo)
            .arg("merge-driver")
            .args([base.as_path(), ours.as_path(), theirs])
            .arg(path)
            .output()
            .unwrap()
    };
    let out = run(&theirs, "corpus/a.ron");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("newsmark: corpus/a.ron: not merged: their version: "),
        "{stderr}"
    );
    assert_eq!(fs::read(&ours).unwrap(), before);
    // A file whose article is not there.
    let out = run(&base, "corpus/gone.ron");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("corpus/gone.ron: not merged: its article (gone.txt"),
        "{stderr}"
    );
    assert_eq!(fs::read(&ours).unwrap(), before);
}

#[test]
fn the_folders_settings_are_merged_as_text() {
    let Some(dir) = repository() else { return };
    let repo = dir.path();
    let settings = repo.join("corpus/newsmark.ron");
    let lines = |guidelines: &str, gazetteer: &str| {
        format!("(\n    guidelines: Some({guidelines:?}),\n\n\n    gazetteer: {gazetteer},\n)\n")
    };
    fs::write(&settings, lines("Tag roles.", "true")).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "settings"]);
    git(repo, &["checkout", "-q", "-b", "bob"]);
    fs::write(&settings, lines("Tag roles without names.", "true")).unwrap();
    git(repo, &["commit", "-q", "-am", "bob"]);
    git(repo, &["checkout", "-q", "main"]);
    fs::write(&settings, lines("Tag roles.", "false")).unwrap();
    git(repo, &["commit", "-q", "-am", "main"]);
    git(repo, &["merge", "--no-edit", "bob"]);
    assert_eq!(
        fs::read_to_string(&settings).unwrap(),
        lines("Tag roles without names.", "false")
    );
}

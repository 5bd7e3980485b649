//! `newsmark merge-driver` through real `git`: two branches adding and
//! changing spans and relations of the same annotation files merge with no
//! conflict and no span or relation lost; a true conflict becomes two pending spans; bad input
//! leaves ours untouched and names the file.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::process::Command;

use newsmark::model::{AnnotationSet, Document, LabelSchema, Relation, Span, Status};
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

/// A relation to save: id, type, from (a span id), to (a span id).
type StoredRelation = (u64, &'static str, u64, u64);

/// Saves the spans (id, start, end, label) as `ron`, the annotations of a.txt.
fn save(ron: &Path, spans: &[Stored]) {
    save_related(ron, spans, &[]);
}

/// Saves the spans (id, start, end, label) and relations (id, type, from,
/// to) as `ron`, the annotations of a.txt.
fn save_related(ron: &Path, spans: &[Stored], relations: &[StoredRelation]) {
    let doc = Document::new(TEXT);
    let spans: Vec<Span> = spans
        .iter()
        .map(|&(id, s, e, l)| Span::manual(id, s, e, l, doc.slice(s..e).unwrap()))
        .collect();
    let mut set = AnnotationSet::from_spans(spans);
    for &(id, label, from, to) in relations {
        assert!(set.insert_relation(Relation::manual(id, label, from, to)));
    }
    store::save_annotations(ron, "a.txt", &doc, &set).unwrap();
    let _ = fs::remove_file(store::backup_path(ron));
}

/// Switches to `branch` (made from `main` if it is new), saves each
/// (file of corpus/, spans) and commits.
fn commit_on(repo: &Path, branch: &str, files: &[(&str, &[Stored])]) {
    let files: Vec<_> = files
        .iter()
        .map(|&(file, spans)| (file, spans, &[][..]))
        .collect();
    commit_related_on(repo, branch, &files);
}

/// Switches to `branch` (made from `main` if it is new), saves each
/// (file of corpus/, spans, relations) and commits.
fn commit_related_on(repo: &Path, branch: &str, files: &[(&str, &[Stored], &[StoredRelation])]) {
    if git(repo, &["branch", "--list", branch]).is_empty() {
        git(repo, &["checkout", "-q", "-b", branch]);
    } else {
        git(repo, &["checkout", "-q", branch]);
    }
    for (file, spans, relations) in files {
        save_related(&repo.join("corpus").join(file), spans, relations);
    }
    git(repo, &["commit", "-q", "-am", branch]);
}

/// A span's place and label.
type Place = (usize, usize, String);

/// The relations of `ron` as (id, type, from's place, to's place), by id.
fn relations_of(ron: &Path) -> Vec<(u64, String, Place, Place)> {
    let doc = Document::new(TEXT);
    let loaded = store::load_annotations(ron, "a.txt", &doc, &LabelSchema::default()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let set = &loaded.set;
    let place = |id| {
        let span = set.get(id).unwrap();
        (span.start, span.end, span.label.clone())
    };
    let mut relations: Vec<_> = set
        .relations()
        .map(|r| (r.id, r.label.clone(), place(r.from), place(r.to)))
        .collect();
    relations.sort_by_key(|r| r.0);
    relations
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
    // Bob's relation 1: Havana (his person) holds the minister (his 4).
    let bob_gold = [
        (1, 0, 6, "country"),
        (2, 11, 17, "person"),
        (3, 33, 46, "person"),
    ];
    let bob_gold = [&bob_gold[..], &[(4, 52, 60, "role")]].concat();
    let bob_relations = [(1, "holds", 2, 4)];
    let bob_ana = [(1, 0, 6, "country"), (2, 11, 17, "country")];
    commit_related_on(
        repo,
        "bob",
        &[
            ("a.ron", &bob_gold, &bob_relations),
            ("a.ana.ron", &bob_ana, &[]),
        ],
    );
    // Main adds "deal" (also id 4) and resizes the person; ana adds "spoke".
    // Main's relation, also 1: Tehran is party to the deal (main's 4).
    let main_gold = [
        (1, 0, 6, "country"),
        (2, 11, 17, "country"),
        (3, 33, 37, "person"),
    ];
    let main_gold = [&main_gold[..], &[(4, 27, 31, "initiative")]].concat();
    let main_relations = [(1, "party_to", 1, 4)];
    let main_ana = [(1, 0, 6, "country"), (2, 62, 67, "role")];
    commit_related_on(
        repo,
        "main",
        &[
            ("a.ron", &main_gold, &main_relations),
            ("a.ana.ron", &main_ana, &[]),
        ],
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
    // Both relations survive, each between the spans its branch meant,
    // though both sides used span id 4 and relation id 1: one side's
    // minister was renumbered, and its relation's end with it.
    let place = |start, end, label: &str| (start, end, label.to_owned());
    let relations = relations_of(&repo.join("corpus/a.ron"));
    let mut found: Vec<_> = relations
        .iter()
        .map(|(_, label, from, to)| (label.clone(), from.clone(), to.clone()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "holds".to_owned(),
                place(11, 17, "person"),
                place(52, 60, "role")
            ),
            (
                "party_to".to_owned(),
                place(0, 6, "country"),
                place(27, 31, "initiative")
            ),
        ],
        "{merged}"
    );
    let ids: Vec<u64> = relations.iter().map(|r| r.0).collect();
    assert_eq!(ids, [1, 2], "relation ids renumbered apart: {merged}");
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

//! Annotators' files: `X.NAME.ron` beside the article `X.txt`, opened and
//! saved by a session working as NAME, checked by `validate` on `X.txt`,
//! never taken for an orphan or a document of its own.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use newsmark::corpus::validate::{RETIRED_ANNOTATOR, validate_paths};
use newsmark::model::LabelSchema;
use newsmark::session::{Session, read_annotations};
use newsmark::store::{Annotator, StoreError};

use crate::common::files::{run_newsmark, run_test_alone};

const TEXT: &str = "Tehran and Havana signed a deal.\n";

fn ana() -> Annotator {
    Annotator::new("ana").unwrap()
}

/// A folder with `a.txt` and its gold `a.ron` tagging Tehran.
fn corpus_with_gold() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, TEXT).unwrap();
    let mut gold = Session::open(&txt, LabelSchema::default()).unwrap();
    let edit = gold.add_span_edit(0..6, "country").unwrap();
    gold.perform(edit).unwrap();
    gold.save().unwrap();
    dir
}

/// Tags Havana in ana's own file on `txt`.
fn tag_havana_as_ana(txt: &Path) {
    let mut mine = Session::open_as(txt, LabelSchema::default(), Some(&ana())).unwrap();
    let edit = mine.add_span_edit(11..17, "country").unwrap();
    mine.perform(edit).unwrap();
    mine.save().unwrap();
}

fn labels_at(session: &Session) -> Vec<(usize, usize, String)> {
    let spans = session.set().spans();
    spans
        .iter()
        .map(|s| (s.start, s.end, s.label.clone()))
        .collect()
}

#[test]
fn an_annotator_opens_and_saves_their_own_file_and_never_the_gold() {
    let dir = corpus_with_gold();
    let txt = dir.path().join("a.txt");
    let gold_before = fs::read_to_string(dir.path().join("a.ron")).unwrap();
    let mut mine = Session::open_as(&txt, LabelSchema::default(), Some(&ana())).unwrap();
    assert_eq!(mine.annotator(), Some(&ana()));
    assert_eq!(mine.ron_path(), dir.path().join("a.ana.ron"));
    assert!(
        mine.set().is_empty(),
        "an annotator starts from nothing, not the gold"
    );
    let edit = mine.add_span_edit(11..17, "country").unwrap();
    mine.perform(edit).unwrap();
    mine.save().unwrap();
    let saved = fs::read_to_string(dir.path().join("a.ana.ron")).unwrap();
    assert!(saved.contains("document: \"a.txt\""), "{saved}");
    assert_eq!(
        fs::read_to_string(dir.path().join("a.ron")).unwrap(),
        gold_before
    );
    let again = Session::open_as(&txt, LabelSchema::default(), Some(&ana())).unwrap();
    assert_eq!(labels_at(&again), [(11, 17, "country".to_owned())]);
    let gold = Session::open_as(&txt, LabelSchema::default(), None).unwrap();
    assert_eq!(gold.annotator(), None);
    assert_eq!(labels_at(&gold), [(0, 6, "country".to_owned())]);
}

#[test]
fn annotating_as_a_name_whose_file_is_another_articles_gold_is_refused() {
    let dir = corpus_with_gold();
    fs::write(dir.path().join("a.b.txt"), TEXT).unwrap();
    let b = Annotator::new("b").unwrap();
    let err = Session::open_as(&dir.path().join("a.txt"), LabelSchema::default(), Some(&b))
        .expect_err("a.b.ron is a.b.txt's gold");
    assert!(matches!(err, StoreError::Refused { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("a.b.ron: not saved over: it is the annotation file of the article a.b.txt"),
        "{err}"
    );
}

/// Run alone by the test below: the process-wide annotator would change
/// what every other test of this binary opens.
#[test]
#[ignore = "changes the whole process; run by the_window_opens_as_the_process_annotator"]
fn process_annotator_alone() {
    let dir = corpus_with_gold();
    let txt = dir.path().join("a.txt");
    tag_havana_as_ana(&txt);
    assert!(newsmark::team::annotate_as(ana()));
    assert!(
        !newsmark::team::annotate_as(Annotator::new("bob").unwrap()),
        "set once"
    );
    let session = Session::open(&txt, LabelSchema::default()).unwrap();
    assert_eq!(session.ron_path(), dir.path().join("a.ana.ron"));
    assert_eq!(labels_at(&session), [(11, 17, "country".to_owned())]);
    let (set, block) = read_annotations(&txt, &LabelSchema::default()).unwrap();
    assert_eq!(block, None);
    assert_eq!(
        set.spans().iter().map(|s| s.start).collect::<Vec<_>>(),
        [11]
    );
}

#[test]
fn the_window_opens_as_the_process_annotator() {
    run_test_alone("team_files::process_annotator_alone");
}

fn write_ron(path: &Path, document: &str, spans: &str) {
    let text =
        format!("(\n    format: 1,\n    document: {document:?},\n    spans: [{spans}],\n)\n");
    fs::write(path, text).unwrap();
}

#[test]
fn validate_checks_annotators_files_on_their_article_and_flags_the_retired_setting() {
    let dir = corpus_with_gold();
    let at = |name: &str| dir.path().join(name);
    write_ron(
        &at("a.ana.ron"),
        "a.txt",
        r#"(id: 1, start: 11, end: 17, label: "country", text: "Havana")"#,
    );
    // Checked on a.txt: its quote does not match there.
    write_ron(
        &at("a.bob.ron"),
        "a.txt",
        r#"(id: 1, start: 0, end: 6, label: "country", text: "Havana")"#,
    );
    write_ron(&at("gone.ana.ron"), "gone.txt", "");
    fs::write(at("newsmark.ron"), "(annotator: Some(\"Ana\"))").unwrap();
    let report = validate_paths(&[dir.path().to_owned()], |_| LabelSchema::default());
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("a.bob.ron: span 1:"), "{problems:#?}");
    assert!(
        problems[1].contains(
            "gone.ana.ron: no article: neither gone.ana.txt nor gone.txt (annotator ana's article)"
        ),
        "{problems:#?}"
    );
    // newsmark.ron, a.txt, a.ron, a.ana.ron, a.bob.ron, gone.ana.ron.
    assert_eq!(report.files_checked, 6);
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [format!(
            "{}: {RETIRED_ANNOTATOR}",
            at("newsmark.ron").display()
        )]
    );
    // Given by name, and with its folder: checked once, on a.txt.
    let report = validate_paths(&[at("a.bob.ron"), dir.path().to_owned()], |_| {
        LabelSchema::default()
    });
    assert_eq!(report.problems.len(), 2, "{:#?}", report.problems);
    assert!(
        report.problems[0]
            .to_string()
            .contains("a.bob.ron: span 1:")
    );
    assert_eq!(report.files_checked, 6);
}

#[test]
fn a_bad_annotator_name_stops_the_window_before_it_opens() {
    let dir = corpus_with_gold();
    let (code, out) = run_newsmark(dir.path(), &["--annotator", "a/b", "."]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("annotator name \"a/b\": it contains a path separator"),
        "{out}"
    );
    let config = dir.path().join("config");
    fs::create_dir(&config).unwrap();
    fs::write(config.join("settings.ron"), "(annotator: \"Ana Müller\")").unwrap();
    let out = assert_cmd::Command::cargo_bin("newsmark")
        .unwrap()
        .arg(dir.path())
        .env(newsmark::settings::CONFIG_DIR_VARIABLE, &config)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("settings.ron: annotator: annotator name \"Ana Müller\": it contains ' '"),
        "{stderr}"
    );
}

#[test]
fn reanchor_moves_an_annotators_spans_with_their_article() {
    let dir = corpus_with_gold();
    let txt = dir.path().join("a.txt");
    tag_havana_as_ana(&txt);
    fs::write(&txt, format!("Update. {TEXT}")).unwrap();
    for given in [".", "a.ana.ron"] {
        let (code, out) = run_newsmark(dir.path(), &["reanchor", given]);
        assert_eq!(code, Some(0), "{given}: {out}");
    }
    let again = Session::open_as(&txt, LabelSchema::default(), Some(&ana())).unwrap();
    assert!(!again.set().is_empty());
    assert_eq!(labels_at(&again), [(19, 25, "country".to_owned())]);
    let saved = fs::read_to_string(dir.path().join("a.ana.ron")).unwrap();
    assert!(saved.contains("start: 19, end: 25"), "{saved}");
}

#[test]
fn stats_and_export_count_the_gold_and_never_an_annotators_file() {
    let dir = corpus_with_gold();
    let txt = dir.path().join("a.txt");
    tag_havana_as_ana(&txt);
    let (code, out) = run_newsmark(dir.path(), &["stats", ".", "--json"]);
    assert_eq!(code, Some(0), "{out}");
    let stats: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            stats["documents"].as_u64(),
            stats["totals"]["accepted"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let (code, out) = run_newsmark(dir.path(), &["export", "spacy", ".", "--out", "out.jsonl"]);
    assert_eq!(code, Some(0), "{out}");
    let exported = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(exported.lines().count(), 1, "{exported}");
    let record: serde_json::Value = serde_json::from_str(exported.trim()).unwrap();
    let spans = record["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 1, "the gold's Tehran only: {record}");
    assert_eq!(
        (spans[0]["start"].as_u64(), spans[0]["end"].as_u64()),
        (Some(0), Some(6))
    );
}

//! GUI tests of cancelling long work from the status bar: an import keeps the
//! documents merged before Cancel, each whole; a one-file export writes
//! nothing; Annotate all across the folder leaves each other document's
//! file old or whole new, and says it was cancelled.

use std::fs;
use std::path::Path;

use crate::common::gui::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::formats::Format;
use newsmark::formats::export::ExportFormat;
use newsmark::model::{LabelSchema, Status};
use newsmark::session::Session;
use newsmark::ui::{Command, NewsmarkApp};

/// Starts `command` (a long task) without waiting for the window to settle.
fn start(harness: &mut Harness<'_, NewsmarkApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().execute(&ctx, vec![command]);
    harness.step();
}

/// Runs frames until the status bar's Cancel button shows, then clicks it.
fn cancel_when_running(harness: &mut Harness<'_, NewsmarkApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while harness.query_by_label("Cancel").is_none() {
        assert!(harness.state().is_busy(), "the task ended before Cancel");
        assert!(std::time::Instant::now() < deadline, "no Cancel button");
        harness.step();
    }
    harness.get_by_label("Cancel").click();
    wait_for_task(harness);
}

fn articles_in(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count()
}

/// A sentence of about 2 KB, so that each document takes a while to export.
fn long_text(k: usize) -> String {
    format!("Article {k}: Tehran and Havana met. ").repeat(60)
}

/// Writes article `a-K.txt` ([`long_text`]) in `dir` with its annotation
/// file (one accepted span, "Article"), and returns that file's bytes.
fn annotated_article(dir: &Path, k: usize) -> Vec<u8> {
    let text = long_text(k);
    let sha = newsmark::store::text_sha256(&text);
    fs::write(dir.join(format!("a-{k:04}.txt")), &text).unwrap();
    let ron = format!(
        "(\n    format: 1,\n    document: \"a-{k:04}.txt\",\n    text_sha256: \"{sha}\",\n    spans: [\n        (id: 1, start: 0, end: 7, label: \"initiative\", text: \"Article\"),\n    ],\n)\n"
    );
    fs::write(dir.join(format!("a-{k:04}.ron")), &ron).unwrap();
    ron.into_bytes()
}

#[test]
fn an_import_cancelled_keeps_whole_documents_and_says_how_far_it_got() {
    let (dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    // Every record is a new article, saved atomically (with fsync) by itself.
    const RECORDS: usize = 1000;
    let jsonl = tempfile::NamedTempFile::new().unwrap();
    let lines: String = (0..RECORDS)
        .map(|k| {
            let record = serde_json::json!({
                "text": long_text(k),
                "spans": [{"start": 0, "end": 7, "label": "initiative"}],
                "meta": {"file": format!("new-{k:04}.txt")},
            });
            format!("{record}\n")
        })
        .collect();
    fs::write(jsonl.path(), lines).unwrap();
    let src = jsonl.path().to_owned();
    start(
        &mut harness,
        Command::Import {
            format: Format::Spacy,
            src,
        },
    );
    cancel_when_running(&mut harness);

    let notice = harness.state().notice().unwrap().text.clone();
    assert!(notice.starts_with("Import cancelled after"), "{notice}");
    let created = articles_in(dir.path()) - 1;
    assert!(created < RECORDS, "{created} of {RECORDS} imported");
    assert!(
        notice.contains(&format!("after {created} of {RECORDS}")),
        "{notice}"
    );
    // Each article imported has its whole annotation file.
    for k in 0..created {
        let ron = fs::read_to_string(dir.path().join(format!("new-{k:04}.ron"))).unwrap();
        assert!(ron.contains(r#"label: "initiative""#), "new-{k:04}.ron");
    }
}

#[test]
fn an_export_cancelled_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..600 {
        fs::write(dir.path().join(format!("a-{k:04}.txt")), long_text(k)).unwrap();
    }
    let mut harness = harness_for(dir.path());
    let out = tempfile::tempdir().unwrap();
    let conll = out.path().join("corpus.conll");
    let out_file = conll.clone();
    start(
        &mut harness,
        Command::Export {
            format: ExportFormat::Conll,
            out: out_file,
        },
    );
    cancel_when_running(&mut harness);

    let notice = harness.state().notice().unwrap().text.clone();
    assert!(notice.contains("export cancelled after"), "{notice}");
    assert!(!conll.exists());
    assert_eq!(
        fs::read_dir(out.path()).unwrap().count(),
        0,
        "no temp file left"
    );
}

#[test]
fn reading_a_big_folder_can_be_stopped_and_keeps_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    // Enough that the window (500 entries a frame, a frame of possibly two
    // passes) cannot have taken them all by the time Stop is clicked.
    const ARTICLES: usize = 6000;
    for k in 0..ARTICLES {
        annotated_article(dir.path(), k);
    }
    let path = dir.path().to_owned();
    let mut harness = Harness::builder()
        .with_size(egui::Vec2::new(1200.0, 860.0))
        .build_eframe(move |cc| NewsmarkApp::start(cc, Some(&path)));
    harness.step();
    assert!(harness.state().is_reading_folder());
    harness.get_by_label("Stop").click();
    harness.step();
    harness.step();

    assert!(!harness.state().is_reading_folder());
    let corpus = harness.state().corpus();
    let read = corpus.loaded_count();
    assert!(read < ARTICLES, "{read} read");
    let notice = harness.state().notice().unwrap().text.clone();
    assert!(
        notice.starts_with(&format!(
            "Stopped reading the folder after {read} of {ARTICLES}"
        )),
        "{notice}"
    );
    // What was read is kept; the rest is marked in the document list.
    let open = corpus
        .entries
        .iter()
        .find(|e| e.name == "a-0000.txt")
        .unwrap();
    assert!(open.loaded);
    assert_eq!(open.span_count(), 1);
    harness.run_steps(5);
    assert!(!harness.state().is_reading_folder(), "stays stopped");
    assert_eq!(harness.state().corpus().loaded_count(), read);
}

#[test]
fn annotate_all_across_the_folder_cancelled_leaves_each_file_old_or_whole_new() {
    let dir = tempfile::tempdir().unwrap();
    // Each article has its annotation file already (one accepted span), and
    // 60 hits of the search: writing one takes a while.
    const ARTICLES: usize = 500;
    let old: Vec<Vec<u8>> = (0..ARTICLES)
        .map(|k| annotated_article(dir.path(), k))
        .collect();
    let hits = long_text(0).matches("Havana").count();
    let mut harness = harness_for(dir.path());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.event(egui::Event::Text("Havana".into()));
    harness.run();
    harness.get_by_label("across the folder").click();
    harness.run();
    button(&harness, "Annotate all").click();
    harness.step();

    // Cancel once the status bar shows other documents done.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while harness
        .state()
        .suggest_progress()
        .is_none_or(|(done, _)| done < 3)
        || harness.query_by_label("Cancel").is_none()
    {
        assert!(
            harness.state().is_suggesting(),
            "the job ended before Cancel"
        );
        assert!(std::time::Instant::now() < deadline, "no progress");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.get_by_label("Cancel").click();
    wait_for_suggestions(&mut harness);

    // Each other article's file is its old bytes, or loads whole with every
    // hit added as a pending suggestion: never part of them.
    let (mut untouched, mut written) = (0, 0);
    for (k, before) in old.iter().enumerate().skip(1) {
        let ron = dir.path().join(format!("a-{k:04}.ron"));
        if fs::read(&ron).unwrap() == *before {
            untouched += 1;
            continue;
        }
        written += 1;
        let txt = dir.path().join(format!("a-{k:04}.txt"));
        let session = Session::read(&txt, LabelSchema::default()).unwrap();
        assert!(
            session.problems().is_empty(),
            "a-{k:04}: {:?}",
            session.problems()
        );
        let spans = session.set().spans();
        assert_eq!(
            spans.len(),
            hits + 1,
            "a-{k:04}: the old span and every hit"
        );
        assert!(
            spans
                .iter()
                .any(|s| s.text == "Article" && s.status == Status::Accepted)
        );
        let pending = spans
            .iter()
            .filter(|s| s.status == Status::Pending && s.text == "Havana")
            .count();
        assert_eq!(pending, hits, "a-{k:04}");
    }
    assert!(
        written > 0 && untouched > 0,
        "{written} written, {untouched} untouched"
    );
    let notice = notice_text(&harness);
    assert!(
        notice.starts_with("Suggestions cancelled after ")
            && notice.contains(&format!(
                "of {ARTICLES} documents (the others untouched): {} added in other documents",
                written * hits
            )),
        "{notice} ({written} written)"
    );
}

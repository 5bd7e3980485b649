//! Teams in the window: the agreement panel of the folder's annotators'
//! files (Ctrl+Shift+A) and curating a document into the gold `X.ron`
//! (F8 / Shift+F8 between disagreements, Alt+1…9 take an annotator's
//! version, Alt+X rejects them all), each step an undoable edit.

use std::path::{Path, PathBuf};

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use newsmark::model::{AnnotationSet, Document, Origin, Span};
use newsmark::store::to_ron_string_in_context;
use newsmark::team::agree::study::{Study, read_document};
use newsmark::team::agree::{Agreement, MICRO};
use newsmark::ui::{NewsmarkApp, annotator_colour};

/// Writes `name`'s file on the article `txt`: spans (start, end, label).
fn write_annotator(txt: &Path, name: &str, spans: &[(usize, usize, &str)]) {
    write_related(txt, name, spans, &[]);
}

/// Writes `name`'s file on the article `txt`: spans (start, end, label)
/// and relations (type, from, to) between them, by their places in
/// `spans`.
pub(crate) fn write_related(
    txt: &Path,
    name: &str,
    spans: &[(usize, usize, &str)],
    relations: &[(&str, usize, usize)],
) {
    let text = std::fs::read_to_string(txt).unwrap();
    let doc = Document::new(text);
    let spans = spans
        .iter()
        .enumerate()
        .map(|(k, &(start, end, label))| {
            let quote = doc.slice(start..end).unwrap();
            Span::manual(k as u64 + 1, start, end, label, quote)
        })
        .collect();
    let mut set = AnnotationSet::from_spans(spans);
    for &(label, from, to) in relations {
        let id = set.next_relation_id();
        let relation = newsmark::model::Relation::manual(id, label, from as u64 + 1, to as u64 + 1);
        set.insert_relation(relation);
    }
    let file = newsmark::store::file_name(txt);
    let ron = to_ron_string_in_context(&file, &doc, &set);
    std::fs::write(txt.with_extension(format!("{name}.ron")), ron).unwrap();
}

/// A folder of two articles with ana's and bob's files: on `calm.txt` they
/// agree but for one place; on `split.txt` they differ at three.
fn team_folder() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let calm = dir.path().join("calm.txt");
    std::fs::write(&calm, "Ana Lopez met Bob Smith in Havana.\n").unwrap();
    write_annotator(
        &calm,
        "ana",
        &[(0, 9, "person"), (14, 23, "person"), (27, 33, "country")],
    );
    write_annotator(&calm, "bob", &[(0, 9, "person"), (14, 23, "role")]);
    let split = dir.path().join("split.txt");
    std::fs::write(
        &split,
        "Tehran and Havana signed. Issa Zarepour, the minister, spoke.\n",
    )
    .unwrap();
    // Agreed: Tehran. Disagreements: Havana (ana only), Issa Zarepour
    // (person / role), the minister (bob only).
    write_annotator(
        &split,
        "ana",
        &[(0, 6, "country"), (11, 17, "country"), (26, 39, "person")],
    );
    write_annotator(
        &split,
        "bob",
        &[(0, 6, "country"), (26, 39, "role"), (41, 53, "role")],
    );
    (dir, calm, split)
}

/// Opens the agreement panel and waits for the study.
pub(crate) fn open_agreement(harness: &mut Harness<'_, NewsmarkApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.step();
    step_while(
        harness,
        "measuring the agreement",
        NewsmarkApp::is_measuring_agreement,
    );
}

/// Where the agreement panel's row of the document `name` begins.
fn row_y(harness: &Harness<'_, NewsmarkApp>, name: &str) -> f32 {
    let label = format!("{name}  —");
    harness.get(By::new().label_contains(&label)).rect().min.y
}

/// Clicks the agreement panel's row of the document `name`.
pub(crate) fn click_row(harness: &mut Harness<'_, NewsmarkApp>, name: &str) {
    let label = format!("{name}  —");
    harness.get(By::new().label_contains(&label)).click();
    harness.run();
}

/// Opens `split.txt` into curation from the agreement panel.
fn curate_split(harness: &mut Harness<'_, NewsmarkApp>) {
    open_agreement(harness);
    click_row(harness, "split.txt");
}

fn gold_spans(harness: &Harness<'_, NewsmarkApp>) -> Vec<(usize, usize, String, Origin)> {
    spans(harness)
        .into_iter()
        .map(|s| (s.start, s.end, s.label, s.origin))
        .collect()
}

pub(crate) fn annotator(name: &str) -> Origin {
    Origin::Annotator(name.to_owned())
}

#[test]
fn the_agreement_panel_shows_the_studys_figures_and_documents_by_disagreement() {
    let (dir, calm, _split) = team_folder();
    let mut harness = harness_for(&calm);
    open_agreement(&mut harness);
    // The same study `newsmark agree` runs, for the expected figures.
    let schema = newsmark::model::LabelSchema::default();
    let study = Study::of_corpus(dir.path()).unwrap();
    let mut agreement = Agreement::new(study.annotators().to_vec()).unwrap();
    for files in study.documents() {
        agreement.add_document(&read_document(&files, &schema).unwrap().spans);
    }
    let report = agreement.report();
    let fleiss = format!("{:.3}", report.fleiss_kappa.unwrap());
    let alpha = format!("{:.3}", report.krippendorff_alpha.unwrap());
    let pair = &report.pairs[0];
    let cohen = format!("{:.3}", pair.cohen_kappa.unwrap());
    let exact = format!("{:.3}", pair.exact[MICRO].f1);
    harness.get_by_label("annotators: ana, bob");
    harness.get_by_label("Fleiss' kappa");
    for figure in [&fleiss, &alpha, &cohen, &exact] {
        assert!(
            harness.query_all_by_label(figure).next().is_some(),
            "{figure} is not shown"
        );
    }
    // split.txt: 3 of 4 units disagree; calm.txt: 2 of 3.
    harness.get(By::new().label_contains("split.txt  —  3 of 4 units (75%)"));
    harness.get(By::new().label_contains("calm.txt  —  2 of 3 units (67%)"));
    assert!(
        row_y(&harness, "split.txt") < row_y(&harness, "calm.txt"),
        "most disagreements first"
    );
    // Clicking a row opens that document into curation.
    click_row(&mut harness, "split.txt");
    let session = harness.state().session().unwrap();
    assert_eq!(newsmark::store::file_name(session.txt_path()), "split.txt");
    assert!(harness.state().curation_index().is_some());
}

/// The texts shown on the row that begins with the text `first`, left to
/// right, for every such row in the window.
fn rows_of(harness: &Harness<'_, NewsmarkApp>, first: &str) -> Vec<Vec<String>> {
    // A label's text is its node's value (egui gives a label two nodes,
    // one inside the other: one text per place).
    let mut labelled: Vec<(egui::Rect, String)> = harness
        .query_all(By::new().predicate(|n| n.value().is_some()))
        .map(|n| (n.rect(), n.value().unwrap_or_default()))
        .collect();
    labelled.dedup();
    labelled
        .iter()
        .filter(|(_, text)| text == first)
        .map(|(head, _)| {
            let mut row: Vec<&(egui::Rect, String)> = labelled
                .iter()
                .filter(|(r, _)| {
                    (r.center().y - head.center().y).abs() < 1.0 && r.min.x > head.min.x
                })
                .collect();
            row.sort_by(|x, y| x.0.min.x.total_cmp(&y.0.min.x));
            row.into_iter().map(|(_, text)| text.clone()).collect()
        })
        .collect()
}

/// The row `newsmark agree --json` gives `label` in `figures` (a pair, or
/// its `relations`): a's and b's counts, exact and overlap P, R, F1.
fn row_in_json(figures: &serde_json::Value, label: &str, counted: &str) -> Vec<String> {
    let counts = &figures["counts"][label];
    let mut row = vec![
        counts[format!("a_{counted}")].to_string(),
        counts[format!("b_{counted}")].to_string(),
    ];
    for kind in ["exact", "overlap"] {
        for score in ["precision", "recall", "f1"] {
            let figure = figures[kind][label][score].as_f64().unwrap();
            row.push(format!("{figure:.3}"));
        }
    }
    row
}

#[test]
fn the_agreement_panel_shows_each_pairs_per_label_figures_as_agree_prints_them() {
    let (dir, calm, split) = team_folder();
    // Relations on split.txt, so the pair has relation rows too: both
    // say the minister is Tehran's, only ana that Issa Zarepour is it.
    write_related(
        &split,
        "ana",
        &[
            (0, 6, "country"),
            (11, 17, "country"),
            (26, 39, "person"),
            (41, 53, "role"),
        ],
        &[("holds", 2, 3), ("of", 3, 0)],
    );
    write_related(
        &split,
        "bob",
        &[(0, 6, "country"), (26, 39, "role"), (41, 53, "role")],
        &[("of", 2, 0)],
    );
    let mut harness = harness_for(&calm);
    open_agreement(&mut harness);
    assert!(
        harness.query_by_label("exact R").is_none(),
        "the per-label figures start folded"
    );
    harness.get_by_label("ana vs bob: per label").click();
    harness.run();
    // The figures `newsmark agree --json` prints for the same folder.
    let folder = dir.path().to_str().unwrap();
    let (code, out) = crate::common::files::run_newsmark(dir.path(), &["agree", folder, "--json"]);
    assert_eq!(code, Some(0), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let pair = &json["pairs"][0];
    let mut checked = Vec::new();
    for (figures, counted) in [(pair, "spans"), (&pair["relations"], "relations")] {
        let labels = figures["exact"].as_object().unwrap().keys();
        for label in labels {
            let expected = row_in_json(figures, label, counted);
            let shown = rows_of(&harness, label);
            assert!(
                shown.contains(&expected),
                "{label}: agree prints {expected:?}, the panel shows {shown:?}"
            );
            checked.push(label.clone());
        }
    }
    assert_eq!(
        checked,
        ["country", "micro", "person", "role", "holds", "micro", "of"],
        "every label, and the relation type, was checked"
    );
    // Figures of one label alone, by hand: bob has 1 of ana's 3 persons
    // exactly (calm.txt's Ana Lopez), so the exact recall of person is
    // 1/3; and 1 of ana's 2 relations, so the relations' micro recall is
    // 1/2.
    assert_eq!(row_in_json(pair, "person", "spans")[3], "0.333");
    assert_eq!(
        row_in_json(&pair["relations"], "micro", "relations")[3],
        "0.500"
    );
}

#[test]
fn curation_merges_agreed_spans_then_steps_takes_rejects_undoes_and_saves() {
    let (dir, calm, split) = team_folder();
    let mut harness = harness_for(&calm);
    curate_split(&mut harness);
    // Tehran, which both marked, is merged; the first disagreement is
    // current: Havana.
    let both = Origin::Annotator("ana+bob".to_owned());
    assert_eq!(
        gold_spans(&harness),
        [(0, 6, "country".to_owned(), both.clone())]
    );
    assert_eq!(harness.state().curation_index().unwrap().1, Some(0));
    assert_eq!(harness.state().selection().range(), 11..17);
    harness.get_by_label("ana: country");
    harness.get_by_label("bob: none");
    // Alt+1 takes ana's Havana, and goes on to Issa Zarepour.
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    harness.run();
    assert!(gold_spans(&harness).contains(&(11, 17, "country".to_owned(), annotator("ana"))));
    assert_eq!(harness.state().curation_index().unwrap().1, Some(1));
    // Alt+2 takes bob's role for Issa Zarepour; Ctrl+Z takes it back.
    harness.key_press_modifiers(Modifiers::ALT, Key::Num2);
    harness.run();
    let bobs = (26, 39, "role".to_owned(), annotator("bob"));
    assert!(gold_spans(&harness).contains(&bobs));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!gold_spans(&harness).contains(&bobs));
    // Back to it with Shift+F8, ana's version this time.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    harness.run();
    assert_eq!(harness.state().curation_index().unwrap().1, Some(1));
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    harness.run();
    // "the minister": bob's alone; Alt+X rejects it.
    assert_eq!(harness.state().curation_index().unwrap().1, Some(2));
    harness.key_press_modifiers(Modifiers::ALT, Key::X);
    harness.run();
    assert_eq!(
        gold_spans(&harness),
        [
            (0, 6, "country".to_owned(), both),
            (11, 17, "country".to_owned(), annotator("ana")),
            (26, 39, "person".to_owned(), annotator("ana")),
        ]
    );
    // Tagging works as usual meanwhile.
    let spoke = find(&harness, "spoke");
    drag(&mut harness, spoke, spoke + 5, Modifiers::NONE);
    harness.key_press(Key::Num2);
    harness.run();
    assert!(span_at(&harness, spoke, spoke + 5).is_some_and(|s| s.label == "role"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    // Saving a tagged span sets the folder's suggesters looking for it.
    wait_for_suggestions(&mut harness);
    let gold = std::fs::read_to_string(split.with_extension("ron")).unwrap();
    assert!(gold.contains(r#"origin: Annotator("ana+bob")"#), "{gold}");
    assert!(
        gold.contains(r#"label: "person", text: "Issa Zarepour", origin: Annotator("ana")"#),
        "{gold}"
    );
    // The annotators' files are untouched.
    assert!(
        std::fs::read_to_string(dir.path().join("split.bob.ron"))
            .unwrap()
            .contains("the minister")
    );
}

#[test]
fn taking_a_version_among_5000_spans_per_annotator_is_one_frame_and_keeps_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let words = 5000;
    let text: String = (0..words).map(|k| format!("w{k:04} ")).collect();
    let txt = dir.path().join("long.txt");
    std::fs::write(&txt, &text).unwrap();
    let at = |k: usize| (k * 6, k * 6 + 5);
    let ana: Vec<_> = (0..words).map(|k| (at(k).0, at(k).1, "person")).collect();
    let bob: Vec<_> = (0..words)
        .map(|k| (at(k).0, at(k).1, if k % 2 == 0 { "person" } else { "role" }))
        .collect();
    write_annotator(&txt, "ana", &ana);
    write_annotator(&txt, "bob", &bob);
    let mut harness = harness_for(&txt);
    open_agreement(&mut harness);
    click_row(&mut harness, "long.txt");
    let (index, current) = harness.state().curation_index().unwrap();
    assert_eq!(index.disagreements().len(), words / 2);
    assert_eq!(spans(&harness).len(), words / 2, "the agreed half merged");
    assert_eq!(current, Some(0));
    // One frame: the take is applied and the next disagreement current.
    harness.key_press_modifiers(Modifiers::ALT, Key::Num2);
    harness.step();
    let (after, current) = harness.state().curation_index().unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&index, &after),
        "a take must not rebuild the index"
    );
    assert_eq!(current, Some(1));
    let (start, end) = at(1);
    assert!(
        span_at(&harness, start, end).is_some_and(|s| s.label == "role"),
        "bob's role taken in that frame"
    );
    harness.key_press(Key::F8);
    harness.step();
    assert_eq!(harness.state().curation_index().unwrap().1, Some(2));
}

/// Whether `colour` is painted within 24 points under the text of
/// `start..end` (on one row).
pub(crate) fn painted_under(
    harness: &mut Harness<'_, NewsmarkApp>,
    (width, rgba): &(u32, Vec<u8>),
    (start, end): (usize, usize),
    colour: egui::Color32,
) -> bool {
    let ctx = harness.ctx.clone();
    let scale = ctx.pixels_per_point();
    let left = harness.state_mut().char_screen_rect(&ctx, start).unwrap();
    let right = harness.state_mut().char_screen_rect(&ctx, end).unwrap();
    let px = |v: f32| (v * scale).round() as u32;
    let close = |a: u8, b: u8| a.abs_diff(b) <= 3;
    (px(left.min.x)..px(right.min.x)).any(|x| {
        (px(left.max.y)..px(left.max.y + 24.0)).any(|y| {
            let at = ((y * width + x) * 4) as usize;
            let p = &rgba[at..at + 4];
            close(p[0], colour.r()) && close(p[1], colour.g()) && close(p[2], colour.b())
        })
    })
}

#[test]
fn each_annotators_version_is_a_lane_of_their_colour_under_the_text() {
    let (_dir, calm, _split) = team_folder();
    let mut harness = harness_for(&calm);
    curate_split(&mut harness);
    let image = harness.render().unwrap();
    let image = (image.width(), image.into_raw());
    let (ana, bob) = (annotator_colour(0), annotator_colour(1));
    // Havana: ana's alone; Issa Zarepour: both; Tehran: agreed, merged,
    // no lane.
    let havana = (11, 17);
    let issa = (26, 39);
    assert!(painted_under(&mut harness, &image, havana, ana));
    assert!(!painted_under(&mut harness, &image, havana, bob));
    assert!(painted_under(&mut harness, &image, issa, ana));
    assert!(painted_under(&mut harness, &image, issa, bob));
    assert!(!painted_under(&mut harness, &image, (0, 6), ana));
}

#[test]
fn with_two_of_three_set_in_the_panel_a_majority_version_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("three.txt");
    std::fs::write(&txt, "Ana Lopez met Bob Smith.\n").unwrap();
    write_annotator(&txt, "ana", &[(0, 9, "person"), (14, 23, "role")]);
    write_annotator(&txt, "bob", &[(0, 9, "person"), (14, 23, "person")]);
    write_annotator(&txt, "cy", &[(0, 9, "role"), (14, 23, "person")]);
    let mut harness = harness_for(&txt);
    open_agreement(&mut harness);
    // All three must agree (the default): nothing merged.
    harness.get_by_label("of 3 annotators gave it the same labels");
    // Set to 2, as a screen reader would.
    harness
        .get(By::new().role(egui::accesskit::Role::SpinButton))
        .set_value_accesskit(2.0);
    harness.run();
    harness.get_by_label("of 3 annotators gave it the same labels");
    click_row(&mut harness, "three.txt");
    let (index, _) = harness.state().curation_index().unwrap();
    assert_eq!(index.quorum(), 2);
    assert!(index.disagreements().is_empty());
    let majority = |who: &str| Origin::Annotator(who.to_owned());
    assert_eq!(
        gold_spans(&harness),
        [
            (0, 9, "person".to_owned(), majority("ana+bob")),
            (14, 23, "person".to_owned(), majority("bob+cy")),
        ]
    );
}

/// Run alone by the test below: the annotator is the whole process's.
#[test]
#[ignore = "changes the whole process; run by curation_is_refused_to_a_window_working_as_an_annotator"]
fn curation_as_annotator_alone() {
    let (_dir, calm, split) = team_folder();
    assert!(newsmark::team::annotate_as(
        newsmark::store::Annotator::new("ana").unwrap()
    ));
    let mut harness = harness_for(&calm);
    curate_split(&mut harness);
    assert!(harness.state().curation_index().is_none());
    assert!(
        notice_text(&harness).contains("open the folder with `newsmark --gold`"),
        "{}",
        notice_text(&harness)
    );
    assert!(!split.with_extension("ron").exists());
}

#[test]
fn curation_is_refused_to_a_window_working_as_an_annotator() {
    crate::common::files::run_test_alone("curation::curation_as_annotator_alone");
}

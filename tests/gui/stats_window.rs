//! The Statistics window: documents by status, spans per label (the
//! schema's colours, unknown labels in grey), rendered headless.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::corpus::{CorpusIndex, DocDigest, DocEntry};
use newsmark::model::{AnnotationSet, LabelSchema, Origin, Span, Status};
use newsmark::ui::stats_window::{self, CorpusFigures, LabelCounts};

fn suggestion(id: u64, start: usize, label: &str, status: Status) -> Span {
    Span {
        origin: Origin::Extractor("spacy".into()),
        score: Some(0.9),
        status,
        ..Span::manual(id, start, start + 4, label, "xxxx")
    }
}

fn entry(name: &str, set: Option<&AnnotationSet>) -> DocEntry {
    DocEntry {
        path: PathBuf::from(format!("/corpus/{name}")),
        name: name.to_owned(),
        error: set.is_none().then(|| "does not parse".to_owned()),
        digest: set.map(DocDigest::of),
        loaded: true,
    }
}

/// Six documents: two done, one in progress, one to review (only pending
/// suggestions), one new, one unreadable.
fn corpus() -> CorpusIndex {
    let mut done_a = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "person", "xxxx"),
        Span::manual(2, 10, 14, "person", "xxxx"),
        Span::manual(3, 20, 24, "country", "xxxx"),
        Span::manual(4, 30, 34, "role", "xxxx"),
    ]);
    done_a.set_done(true);
    let mut done_b = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "person", "xxxx"),
        Span::manual(2, 10, 14, "country", "xxxx"),
        Span::manual(3, 20, 24, "organisation", "xxxx"),
    ]);
    done_b.set_done(true);
    let in_progress = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "initiative", "xxxx"),
        suggestion(2, 10, "person", Status::Pending),
        suggestion(3, 20, "person", Status::Pending),
        suggestion(4, 30, "country", Status::Pending),
        suggestion(5, 40, "country", Status::Rejected),
        suggestion(6, 50, "role", Status::Accepted),
    ]);
    index(vec![
        entry("a.txt", Some(&done_a)),
        entry("b.txt", Some(&done_b)),
        entry("c.txt", Some(&in_progress)),
        entry("d.txt", Some(&AnnotationSet::new())),
        entry("e.txt", None),
        entry(
            "f.txt",
            Some(&AnnotationSet::from_spans(vec![suggestion(
                1,
                0,
                "initiative",
                Status::Pending,
            )])),
        ),
    ])
}

/// An index of `/corpus` holding `entries`.
fn index(entries: Vec<DocEntry>) -> CorpusIndex {
    let mut index = CorpusIndex::default();
    index.dir = PathBuf::from("/corpus");
    index.entries = entries;
    index
}

fn counts(label: &str, in_schema: bool, accepted: usize, pending: usize) -> LabelCounts {
    LabelCounts {
        label: label.to_owned(),
        in_schema,
        accepted,
        pending,
    }
}

#[test]
fn figures_count_documents_by_status_and_spans_by_label() {
    let figures = CorpusFigures::of(&corpus(), &LabelSchema::default(), None);
    let by_status = figures.by_status;
    assert_eq!(
        (
            by_status.new,
            by_status.to_review,
            by_status.in_progress,
            by_status.done,
            figures.unreadable
        ),
        (2, 1, 1, 2, 1)
    );
    assert_eq!(figures.documents(), 6);
    // Schema order first, then labels outside the schema; rejected
    // suggestions are not counted.
    assert_eq!(
        figures.labels,
        vec![
            counts("person", true, 3, 2),
            counts("role", true, 2, 0),
            counts("country", true, 2, 1),
            counts("initiative", true, 1, 1),
            counts("organisation", false, 1, 0),
        ]
    );
}

#[test]
fn documents_not_read_yet_are_counted_apart() {
    let mut corpus = corpus();
    corpus.entries.push(DocEntry {
        path: PathBuf::from("/corpus/f.txt"),
        name: "f.txt".to_owned(),
        digest: None,
        error: None,
        loaded: false,
    });
    let figures = CorpusFigures::of(&corpus, &LabelSchema::default(), None);
    assert_eq!(
        (figures.by_status.new, figures.unreadable, figures.loading),
        (2, 1, 1)
    );
    assert_eq!(figures.documents(), 7);
}

#[test]
fn an_empty_corpus_has_the_schema_labels_at_zero() {
    let figures = CorpusFigures::of(&CorpusIndex::default(), &LabelSchema::default(), None);
    assert_eq!(figures.documents(), 0);
    assert_eq!(figures.labels.len(), 4);
    assert!(
        figures
            .labels
            .iter()
            .all(|r| r.accepted == 0 && r.pending == 0)
    );
}

fn harness(corpus: CorpusIndex) -> Harness<'static, bool> {
    let schema = LabelSchema::default();
    let mut harness = Harness::builder()
        .with_size(egui::Vec2::new(520.0, 620.0))
        .build_ui_state(
            move |ui, open: &mut bool| stats_window::show(ui.ctx(), open, &corpus, &schema, None),
            true,
        );
    harness.run();
    harness
}

#[test]
fn the_window_shows_the_counts() {
    let mut harness = harness(corpus());
    for name in [
        "new: 2",
        "to review: 1",
        "in progress: 1",
        "done: 2",
        "all: 6",
        "person accepted: 3",
        "person pending: 2",
        "country pending: 1",
        "organisation accepted: 1",
        "total accepted: 9",
        "total pending: 4",
    ] {
        harness.get_by_label(name);
    }
    harness.get_by_label_contains("2 of 6 done (33%)");
    harness.get_by_label_contains("1 document whose annotations could not be read");
    harness.snapshot("statistics");
    // The close button closes it.
    assert!(*harness.state());
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(!*harness.state());
}

/// The texts painted in the harness's last frame, with where.
fn painted_texts(harness: &Harness<'static, bool>) -> Vec<(String, egui::Rect)> {
    fn collect(shape: &egui::Shape, out: &mut Vec<(String, egui::Rect)>) {
        match shape {
            egui::Shape::Text(text) => out.push((
                text.galley.text().to_owned(),
                text.galley.rect.translate(text.pos.to_vec2()),
            )),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts
}

#[test]
fn the_chart_labels_its_axis_and_carries_each_bar_s_count() {
    // Seven spans: with ticks only at powers of ten, 1 was too close to 0
    // to be labelled and 10 beyond the axis, so only "0" showed.
    let mut spans: Vec<Span> = (0..7)
        .map(|k| {
            Span::manual(
                k + 1,
                k as usize * 10,
                k as usize * 10 + 4,
                "person",
                "xxxx",
            )
        })
        .collect();
    spans.extend(
        (0..3).map(|k| suggestion(k + 10, 100 + k as usize * 10, "country", Status::Pending)),
    );
    let corpus = index(vec![entry(
        "a.txt",
        Some(&AnnotationSet::from_spans(spans)),
    )]);
    let harness = harness(corpus);
    let texts = painted_texts(&harness);
    let axis = texts
        .iter()
        .find(|(t, _)| t == "spans (filled: accepted, outlined: pending)")
        .map(|(_, rect)| *rect)
        .unwrap_or_else(|| panic!("axis label: {texts:?}"));
    // The tick labels, in the row just above the axis label: whole counts,
    // more than one.
    let ticks: Vec<&str> = texts
        .iter()
        .filter(|(_, r)| r.center().y < axis.min.y && r.center().y > axis.min.y - 30.0)
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(ticks.contains(&"0"), "{ticks:?}");
    assert!(
        ticks.iter().all(|t| t.parse::<u32>().is_ok()),
        "whole counts: {ticks:?}"
    );
    assert!(
        ticks.iter().any(|t| *t != "0"),
        "a tick labelled beyond 0: {ticks:?}"
    );
    let has = |bar: &str| texts.iter().any(|(t, _)| t == bar);
    for bar in [" 7", " 0 pending", " 0", " 3 pending"] {
        assert!(has(bar), "bar count {bar:?}: {texts:?}");
    }
}

#[test]
fn the_count_axis_steps_by_whole_readable_counts() {
    // A point for a hundredth of a span: every count gets a tick.
    assert_eq!(stats_window::count_step(0.01), 1.0);
    // A span for every 20 points: ticks at least 72 points apart.
    assert_eq!(stats_window::count_step(0.05), 5.0);
    assert_eq!(stats_window::count_step(1.0), 100.0);
    assert_eq!(stats_window::count_step(2.0), 200.0);
    assert_eq!(stats_window::count_step(f64::NAN), 1.0);
}

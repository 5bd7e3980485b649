//! The Statistics window: documents by status, spans per label (the
//! schema's colours, unknown labels in grey), rendered headless.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::corpus::CorpusIndex;
use newsmark::model::{AnnotationSet, LabelSchema, Span, Status};
use newsmark::ui::stats_window;

use crate::common::corpora::{entry, index, six_documents, suggestion};
use crate::common::gui::painted_texts;

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
    let mut harness = harness(six_documents());
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

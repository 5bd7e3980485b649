//! The Statistics window: documents by status with the corpus's progress,
//! and per label the accepted spans and pending suggestions across the
//! corpus, as a bar chart and a table.

use std::path::Path;

use egui::{Color32, RichText, Role, Stroke, Ui, WidgetInfo};
use egui_plot::{Bar, BarChart, GridMark, Plot, PlotPoint, Text};

use crate::corpus::CorpusIndex;
use crate::model::{AnnotationSet, LabelSchema};
use crate::plural::counted;
use crate::stats::{CorpusFigures, LabelCounts};
use crate::ui::style;

/// Shows the "Statistics" window while `open` is true (its close button
/// clears it). The figures are counted anew each frame it is shown, the
/// document open in the window (`open_doc`) with its unsaved edits.
pub fn show(
    ctx: &egui::Context,
    open: &mut bool,
    corpus: &CorpusIndex,
    schema: &LabelSchema,
    open_doc: Option<(&Path, &AnnotationSet)>,
) {
    // The chart sizes its axes from the frame before: in the frame the
    // window opens, the labels would overlap. That frame is laid out again.
    let shown = egui::Id::unique("statistics_window_shown");
    let was_shown = ctx.data(|d| d.get_temp::<bool>(shown)).unwrap_or(false);
    if *open && !was_shown {
        ctx.request_discard("the statistics chart measures its axes");
    }
    ctx.data_mut(|d| d.insert_temp(shown, *open));
    egui::Window::new("Statistics")
        .open(open)
        .collapsible(false)
        .default_width(440.0)
        .default_height(560.0)
        .vscroll(true)
        .show(ctx, |ui| {
            let figures = CorpusFigures::of(corpus, schema, open_doc);
            documents_ui(ui, &figures);
            ui.separator();
            labels_ui(ui, &figures, schema);
        });
}

/// A label whose accessible name says what the number is ("done: 3"), since
/// a bare number in a grid means nothing to a screen reader.
fn count_label(ui: &mut Ui, count: usize, name: &str, tip: &str) {
    let text = count.to_string();
    let response = ui.label(&text).on_hover_text(tip);
    let name = format!("{name}: {text}");
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &name));
}

fn documents_ui(ui: &mut Ui, figures: &CorpusFigures) {
    ui.label(RichText::new("Documents").strong());
    egui::Grid::new("stats_documents")
        .num_columns(5)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            let by_status = &figures.by_status;
            let columns = [
                ("new", by_status.new, "Documents with no span and no suggestion yet"),
                (
                    "to review",
                    by_status.to_review,
                    "Documents with only suggestions nobody has reviewed yet",
                ),
                (
                    "in progress",
                    by_status.in_progress,
                    "Documents with human work (a span tagged or accepted, a suggestion rejected), not marked done",
                ),
                (
                    "done",
                    by_status.done,
                    "Documents marked done (Ctrl+Enter in the document)",
                ),
                ("all", figures.documents(), "Every article in the folder"),
            ];
            for (name, _, tip) in columns {
                ui.label(name).on_hover_text(tip);
            }
            ui.end_row();
            for (name, count, tip) in columns {
                count_label(ui, count, name, tip);
            }
            ui.end_row();
        });
    if figures.unreadable > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} whose annotations could not be read (counted as new)",
                counted(figures.unreadable, "document", "documents")
            ),
        )
        .on_hover_text("Open them to see why; their spans are not counted below");
    }
    if figures.loading > 0 {
        ui.label(format!(
            "{} not read yet; the figures grow as they are",
            counted(figures.loading, "document", "documents")
        ))
        .on_hover_text("The folder is being read in the background");
    }
    let total = figures.documents();
    let fraction = figures.by_status.done as f32 / total.max(1) as f32;
    ui.add(egui::ProgressBar::new(fraction).text(format!(
        "{} of {total} done ({:.0}%)",
        figures.by_status.done,
        fraction * 100.0
    )))
    .on_hover_text("The corpus's progress: documents marked done, of all documents");
}

/// The colour a label's bars and name are drawn in.
fn label_color(row: &LabelCounts, schema: &LabelSchema) -> Color32 {
    match schema.get(&row.label) {
        Some(def) if row.in_schema => style::color(def.color),
        _ => style::UNKNOWN_LABEL,
    }
}

fn labels_ui(ui: &mut Ui, figures: &CorpusFigures, schema: &LabelSchema) {
    ui.label(RichText::new("Spans per label").strong());
    ui.label(
        RichText::new("Filled bars: accepted spans. Outlined bars: pending suggestions.").small(),
    );
    chart(ui, figures, schema);
    table(ui, figures, schema);
}

/// Horizontal bars, one pair per label (names on the left, where they
/// never collide): accepted spans filled, pending suggestions outlined below
/// them, as the text view draws them.
fn chart(ui: &mut Ui, figures: &CorpusFigures, schema: &LabelSchema) {
    let rows = &figures.labels;
    let count = rows.len();
    // The first label at the top.
    let slot = move |k: usize| (count - 1 - k) as f64;
    let bars = |pending: bool| -> Vec<Bar> {
        rows.iter()
            .enumerate()
            .map(|(k, row)| {
                let color = label_color(row, schema);
                let (value, offset, fill, width) = if pending {
                    (row.pending, -0.2, color.gamma_multiply(0.15), 1.5)
                } else {
                    (row.accepted, 0.2, color, 1.0)
                };
                Bar::new(slot(k) + offset, value as f64)
                    .width(0.4)
                    .name(&row.label)
                    .fill(fill)
                    .stroke(Stroke::new(width, color))
            })
            .collect()
    };
    let accepted = BarChart::new("accepted", bars(false)).horizontal();
    let pending = BarChart::new("pending", bars(true)).horizontal();
    let names: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let most = rows
        .iter()
        .map(|r| r.accepted.max(r.pending))
        .max()
        .unwrap_or(0);
    let response = Plot::new("stats_labels")
        .height(36.0 + 30.0 * count as f32)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .show_grid([true, false])
        .include_x(0.0)
        // Room on the right of the longest bar for its count.
        .include_x((most as f64 * 1.35).max(1.0))
        .grid_spacing(egui::Rangef::new(GRID_MIN_POINTS, 300.0))
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|input| {
            let step = count_step(input.base_step_size / f64::from(GRID_MIN_POINTS));
            [step, step * 10.0, step * 100.0]
        }))
        .x_axis_label("spans (filled: accepted, outlined: pending)")
        .include_y(-0.6)
        .include_y(count as f64 - 0.4)
        .y_grid_spacer(move |_| {
            (0..count)
                .map(|k| GridMark {
                    value: k as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(move |mark, _| {
            let k = mark.value.round();
            if k < 0.0 || k >= count as f64 || (mark.value - k).abs() > 1e-6 {
                return String::new();
            }
            names
                .get(count - 1 - k as usize)
                .cloned()
                .unwrap_or_default()
        })
        .x_axis_formatter(|mark, _| {
            if mark.value.fract() == 0.0 && mark.value >= 0.0 {
                format!("{}", mark.value)
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(accepted.element_formatter(Box::new(|bar, _| {
                format!("{}: {} accepted", bar.name, bar.value)
            })));
            plot.bar_chart(pending.element_formatter(Box::new(|bar, _| {
                format!("{}: {} pending", bar.name, bar.value)
            })));
            // Each bar's count at its end.
            for (k, row) in rows.iter().enumerate() {
                for (value, offset, text) in [
                    (row.accepted, 0.2, row.accepted.to_string()),
                    (row.pending, -0.2, format!("{} pending", row.pending)),
                ] {
                    let at = PlotPoint::new(value as f64, slot(k) + offset);
                    plot.text(
                        Text::new(format!("{} {text}", row.label), at, format!(" {text}"))
                            .anchor(egui::Align2::LEFT_CENTER)
                            .allow_hover(false),
                    );
                }
            }
        })
        .response;
    response.on_hover_text("Point at a bar to see its count");
}

/// The least distance in points between the chart's grid lines.
const GRID_MIN_POINTS: f32 = 8.0;

/// The distance in points `egui_plot` needs between two tick labels to draw
/// them (60) and a margin.
const TICK_LABEL_POINTS: f64 = 72.0;

/// The step between the count axis's ticks, given how many spans a point
/// of the chart stands for: a whole 1, 2 or 5 × 10ⁿ, wide enough for the
/// tick labels to be drawn (a step too small leaves only "0" labelled).
pub fn count_step(spans_per_point: f64) -> f64 {
    let least = (spans_per_point * TICK_LABEL_POINTS).max(1.0);
    if !least.is_finite() {
        return 1.0;
    }
    let mut power = 1.0;
    loop {
        for nice in [1.0, 2.0, 5.0] {
            if nice * power >= least {
                return nice * power;
            }
        }
        power *= 10.0;
    }
}

/// The counts of the chart, one row per label, with totals.
fn table(ui: &mut Ui, figures: &CorpusFigures, schema: &LabelSchema) {
    egui::Grid::new("stats_labels_table")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Label").strong())
                .on_hover_text("Labels of the folder's schema, then any others found in its files");
            ui.label(RichText::new("Accepted").strong())
                .on_hover_text("Accepted spans, manual ones included");
            ui.label(RichText::new("Pending").strong())
                .on_hover_text("Suggestions not reviewed yet");
            ui.end_row();
            for row in &figures.labels {
                let tip = match schema.get(&row.label) {
                    Some(def) if row.in_schema => def.description.clone(),
                    _ => "Not in the folder's label schema".to_owned(),
                };
                ui.label(
                    RichText::new(&row.label)
                        .color(label_color(row, schema))
                        .strong(),
                )
                .on_hover_text(&tip);
                let accepted_name = format!("{} accepted", row.label);
                let pending_name = format!("{} pending", row.label);
                count_label(
                    ui,
                    row.accepted,
                    &accepted_name,
                    "Accepted spans of this label",
                );
                count_label(
                    ui,
                    row.pending,
                    &pending_name,
                    "Pending suggestions of this label",
                );
                ui.end_row();
            }
            let accepted = figures.labels.iter().map(|r| r.accepted).sum();
            let pending = figures.labels.iter().map(|r| r.pending).sum();
            ui.label(RichText::new("total").strong())
                .on_hover_text("Every label together");
            count_label(
                ui,
                accepted,
                "total accepted",
                "Accepted spans of every label",
            );
            count_label(
                ui,
                pending,
                "total pending",
                "Pending suggestions of every label",
            );
            ui.end_row();
        });
}

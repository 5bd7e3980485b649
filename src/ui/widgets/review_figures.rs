//! The review panel's figures: counts rows and the extractor's quality
//! table.

use egui::{Grid, RichText, Ui};

use crate::model::AnnotationSet;
use crate::stats::{QualityReport, StatusCounts};

/// One row of counts: what they are of, then pending, accepted, rejected.
pub fn counts_row(ui: &mut Ui, what: &str, counts: StatusCounts) {
    ui.label(format!(
        "{what}: {} pending, {} accepted, {} rejected",
        counts.pending, counts.accepted, counts.rejected
    ));
}

/// A ratio as a percentage, or a dash when there is none.
fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |p| format!("{:.0}%", p * 100.0))
}

/// The extractor's precision and misses per label (span rows) and per
/// relation type (rows labelled `→ holds`), against the accepted ones.
pub fn quality_table(ui: &mut Ui, report: &QualityReport) {
    ui.label(RichText::new("Extractor quality (corpus)").strong())
        .on_hover_text("precision = accepted / (accepted + rejected); misses = accepted spans the extractor did not suggest; rows labelled → TYPE are relations");
    if report.rows.is_empty() {
        ui.label("No extractor suggestions yet.");
        return;
    }
    Grid::new("quality")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for h in ["origin", "label", "acc.", "rej.", "precision", "misses"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for r in &report.rows {
                ui.label(&r.origin);
                ui.label(&r.label);
                ui.label(r.accepted.to_string());
                ui.label(r.rejected.to_string());
                ui.label(percent(r.precision()));
                ui.label(r.misses.to_string());
                ui.end_row();
            }
        });
}

/// Whether a set holds any extractor suggestion, span or relation.
pub fn has_extractor_suggestions(set: &AnnotationSet) -> bool {
    set.spans().iter().any(|s| s.origin.extractor().is_some())
        || set.relations().any(|r| r.origin.extractor().is_some())
}

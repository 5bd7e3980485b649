//! The review panel: counts for the document and the corpus, the filter
//! used by N and the bulk actions, the bulk actions themselves, and the
//! extractors' quality.

use egui::{Grid, RichText, Ui};

use super::Command;
use crate::corpus::CorpusIndex;
use crate::model::{AnnotationSet, Origin, Status};
use crate::session::{ReviewFilter, Session};
use crate::stats::{self, QualityReport, StatusCounts};

/// Cached figures for the panel: the other documents of the corpus are read
/// once, the open one is counted whenever it changes.
#[derive(Default)]
pub struct ReviewPanel {
    /// Annotations of the corpus's other documents.
    others: Vec<AnnotationSet>,
    /// Problems met reading them, if any.
    unreadable: usize,
    /// The set revision the figures are for.
    revision: Option<u64>,
    document: StatusCounts,
    /// Whether the open document has pending suggestions.
    has_pending: bool,
    corpus: QualityReport,
    origins: Vec<String>,
    labels: Vec<String>,
}

impl ReviewPanel {
    /// The panel for the open document, given the corpus it belongs to.
    pub fn for_session(session: &Session, corpus: &CorpusIndex) -> Self {
        let mut panel = Self::default();
        for entry in corpus
            .entries
            .iter()
            .filter(|e| e.path != session.txt_path())
        {
            match &entry.set {
                Some(set) => panel.others.push(set.clone()),
                None => panel.unreadable += 1,
            }
        }
        panel
    }

    /// The annotations of the corpus's other documents, as read on opening.
    pub fn other_sets(&self) -> &[AnnotationSet] {
        &self.others
    }

    /// Whether the open document or its corpus has any extractor span.
    pub fn has_suggestions(&self, session: &Session) -> bool {
        has_extractor_spans(session.set()) || self.others.iter().any(has_extractor_spans)
    }

    fn refresh(&mut self, session: &Session) {
        let revision = session.set().revision();
        if self.revision == Some(revision) {
            return;
        }
        self.revision = Some(revision);
        self.document = StatusCounts::of(session.set());
        self.has_pending = self.document.pending > 0;
        self.corpus = stats::quality(self.others.iter().chain([session.set()]));
        let mut origins: Vec<String> = self.corpus.rows.iter().map(|r| r.origin.clone()).collect();
        origins.dedup();
        self.origins = origins;
        let mut labels: Vec<String> = session
            .schema()
            .labels
            .iter()
            .map(|l| l.name.clone())
            .collect();
        for span in session.set().spans() {
            if !labels.contains(&span.label) {
                labels.push(span.label.clone());
            }
        }
        self.labels = labels;
    }

    /// Shows the panel.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        filter: &ReviewFilter,
        commands: &mut Vec<Command>,
    ) {
        self.refresh(session);
        ui.heading("Review");
        counts_row(ui, "This document", self.document);
        counts_row(
            ui,
            &format!("Corpus ({} document(s))", self.corpus.documents),
            self.corpus.totals,
        );
        if self.unreadable > 0 {
            ui.label(format!(
                "{} document(s) of the folder could not be read",
                self.unreadable
            ));
        }
        ui.separator();
        self.filter_ui(ui, filter, commands);
        ui.separator();
        ui.label(RichText::new("Pending suggestions passing the filter:").strong());
        ui.horizontal(|ui| {
            for (text, status, tip) in [
                (
                    "Accept all",
                    Status::Accepted,
                    "Accept every pending suggestion passing the filter (one undo step)",
                ),
                (
                    "Reject all",
                    Status::Rejected,
                    "Reject every pending suggestion passing the filter (one undo step)",
                ),
            ] {
                if ui.button(text).on_hover_text(tip).clicked() {
                    commands.push(Command::Bulk {
                        filter: filter.clone(),
                        status,
                    });
                }
            }
        });
        ui.horizontal(|ui| {
            let buttons = [
                ("Previous", "Shift+N", Command::PrevPending),
                ("Next", "N", Command::NextPending),
                ("Accept", "A", Command::Accept),
                ("Reject", "X", Command::Reject),
            ];
            for (text, key, command) in buttons {
                if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                    commands.push(command);
                }
            }
        });
        ui.separator();
        quality_table(ui, &self.corpus);
        if !self.has_pending {
            ui.label("No pending suggestions in this document.");
        }
    }

    fn filter_ui(&self, ui: &mut Ui, filter: &ReviewFilter, commands: &mut Vec<Command>) {
        let mut next = filter.clone();
        ui.label(RichText::new("Filter (N, bulk actions)").strong());
        ui.vertical(|ui| {
            egui::ComboBox::from_label("Origin")
                .selected_text(next.origin.clone().unwrap_or_else(|| "any".to_owned()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut next.origin, None, "any");
                    for origin in &self.origins {
                        ui.selectable_value(&mut next.origin, Some(origin.clone()), origin);
                    }
                });
            egui::ComboBox::from_label("Label")
                .selected_text(next.label.clone().unwrap_or_else(|| "any".to_owned()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut next.label, None, "any");
                    for label in &self.labels {
                        ui.selectable_value(&mut next.label, Some(label.clone()), label);
                    }
                });
            ui.add(
                egui::Slider::new(&mut next.min_score, 0.0..=1.0)
                    .fixed_decimals(2)
                    .text("Score at least"),
            )
            .on_hover_text("Suggestions without a score pass only at 0");
        });
        if next != *filter {
            commands.push(Command::SetFilter(next));
        }
    }
}

fn counts_row(ui: &mut Ui, what: &str, counts: StatusCounts) {
    ui.label(format!(
        "{what}: {} pending, {} accepted, {} rejected",
        counts.pending, counts.accepted, counts.rejected
    ));
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |p| format!("{:.0}%", p * 100.0))
}

fn quality_table(ui: &mut Ui, report: &QualityReport) {
    ui.label(RichText::new("Extractor quality (corpus)").strong())
        .on_hover_text("precision = accepted / (accepted + rejected); misses = accepted spans the extractor did not suggest");
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

/// Whether a set holds any extractor suggestion.
pub fn has_extractor_spans(set: &AnnotationSet) -> bool {
    set.spans()
        .iter()
        .any(|s| matches!(s.origin, Origin::Extractor(_)))
}

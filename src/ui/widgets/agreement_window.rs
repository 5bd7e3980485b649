//! The agreement panel (Ctrl+Shift+A): the figures of `newsmark agree` for
//! the open folder's annotators, and its documents sorted by disagreement,
//! each opening into curation.

use crate::team::agree::{ScoreRow, shown};
use crate::team::curate::smallest_quorum;
use crate::ui::Command;
use crate::ui::background::agree_job::{AgreeJob, AgreementResult};

/// The panel's state, kept with the folder.
#[derive(Default)]
pub struct AgreementPanel {
    /// Whether it shows.
    pub open: bool,
    /// The study running, if any.
    pub job: Option<AgreeJob>,
    /// The last study's result (or why there is none).
    pub result: Option<Result<AgreementResult, String>>,
    /// How many annotators must give a place the same labels for curation
    /// to merge it into the gold; 0: all of them.
    pub quorum: usize,
}

impl AgreementPanel {
    /// The annotators of the last study, if it worked.
    pub fn annotators(&self) -> Option<&[String]> {
        match &self.result {
            Some(Ok(result)) => Some(&result.report.annotators),
            _ => None,
        }
    }

    /// The quorum for `n` annotators (all of them unless set).
    pub fn quorum_of(&self, n: usize) -> usize {
        if self.quorum == 0 { n } else { self.quorum }
    }
}

/// The agreement window, while open.
pub fn agreement_window(
    ctx: &egui::Context,
    panel: &mut AgreementPanel,
    commands: &mut Vec<Command>,
) {
    let mut open = panel.open;
    egui::Window::new("Agreement")
        .open(&mut open)
        .default_size([560.0, 520.0])
        .show(ctx, |ui| match &panel.result {
            _ if panel.job.is_some() => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Measuring the annotators' agreement…");
                });
            }
            None => {
                ui.label("Nothing measured yet.");
            }
            Some(Err(why)) => {
                ui.label(format!("No agreement to show: {why}"));
            }
            Some(Ok(result)) => {
                let n = result.report.annotators.len();
                let mut quorum = panel.quorum_of(n);
                result_ui(ui, result, &mut quorum, commands);
                panel.quorum = if quorum >= n { 0 } else { quorum };
            }
        });
    if panel.open && !open {
        commands.push(Command::ToggleAgreement);
    }
}

fn result_ui(
    ui: &mut egui::Ui,
    result: &AgreementResult,
    quorum: &mut usize,
    commands: &mut Vec<Command>,
) {
    let report = &result.report;
    ui.label(format!("annotators: {}", report.annotators.join(", ")));
    ui.label(report.extent());
    egui::Grid::new("agreement_overall").show(ui, |ui| {
        ui.label("Fleiss' kappa");
        ui.label(shown(report.fleiss_kappa));
        ui.end_row();
        ui.label("Krippendorff's alpha");
        ui.label(shown(report.krippendorff_alpha));
        ui.end_row();
    });
    ui.separator();
    egui::Grid::new("agreement_pairs")
        .striped(true)
        .show(ui, |ui| {
            for head in [
                "reference",
                "vs",
                "units",
                "Cohen's kappa",
                "exact F1",
                "overlap F1",
                "relations exact F1",
                "relations overlap F1",
            ] {
                ui.strong(head);
            }
            ui.end_row();
            for pair in &report.pairs {
                let micro = crate::team::agree::MICRO;
                ui.label(&pair.a);
                ui.label(&pair.b);
                ui.label(pair.units.to_string());
                ui.label(shown(pair.cohen_kappa));
                ui.label(shown(pair.exact.get(micro).map(|s| s.f1)));
                ui.label(shown(pair.overlap.get(micro).map(|s| s.f1)));
                match &pair.relations {
                    Some(relations) => {
                        ui.label(shown(relations.exact.get(micro).map(|s| s.f1)));
                        ui.label(shown(relations.overlap.get(micro).map(|s| s.f1)));
                    }
                    None => {
                        let why = "Only when both annotators drew relations";
                        ui.label("—").on_hover_text(why);
                        ui.label("—").on_hover_text(why);
                    }
                }
                ui.end_row();
            }
        });
    for (k, pair) in report.pairs.iter().enumerate() {
        egui::CollapsingHeader::new(format!("{} vs {}: per label", pair.a, pair.b))
            .id_salt(("agreement_per_label", k))
            .show(ui, |ui| {
                score_grid(ui, ("labels", k), "label", &pair.label_rows());
                if let Some(relations) = &pair.relations {
                    score_grid(ui, ("relations", k), "relation", &relations.type_rows());
                }
            });
    }
    ui.separator();
    let n = report.annotators.len();
    ui.horizontal(|ui| {
        let said = ui.label("Curation merges a place when at least");
        ui.add(egui::DragValue::new(quorum).range(smallest_quorum(n)..=n))
            .labelled_by(said.id);
        ui.label(format!("of {n} annotators gave it the same labels"));
    });
    for warning in &result.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
    }
    if result.more_warnings > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "and {} more (`newsmark agree` lists them all)",
                crate::plural::counted(result.more_warnings, "warning", "warnings")
            ),
        );
    }
    if result.documents.len() < report.documents {
        ui.label(format!(
            "The {} documents with the most disagreements of {} (click one to curate it):",
            result.documents.len(),
            report.documents
        ));
    } else {
        ui.label("Documents, most disagreements first (click one to curate it):");
    }
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show_rows(ui, row_height, result.documents.len(), |ui, rows| {
            for row in &result.documents[rows] {
                let tally = row.tally;
                let relations = match tally.relations_disagreeing {
                    0 => String::new(),
                    n => format!(
                        ", {} not drawn by all",
                        crate::plural::counted(n, "relation", "relations")
                    ),
                };
                let text = format!(
                    "{}  —  {} of {} ({:.0}%){relations}",
                    row.name,
                    tally.disagreeing,
                    crate::plural::counted(tally.units, "unit", "units"),
                    100.0 * tally.disagreement()
                );
                if ui
                    .button(text)
                    .on_hover_text("Open it into curation: the gold with the annotators' versions")
                    .clicked()
                {
                    commands.push(Command::Curate(row.path.clone()));
                }
            }
        });
}

/// One pair's per-label figures, as `newsmark agree` prints them: a row
/// per label (or relation type, after `head`), then `micro`, with a's and
/// b's counts and the exact and overlap precision, recall and F1.
fn score_grid(ui: &mut egui::Ui, id: impl egui::AsIdSalt, head: &str, rows: &[ScoreRow<'_>]) {
    egui::Grid::new(id).striped(true).show(ui, |ui| {
        for title in [
            head,
            "a",
            "b",
            "exact P",
            "exact R",
            "exact F1",
            "overlap P",
            "overlap R",
            "overlap F1",
        ] {
            ui.strong(title);
        }
        ui.end_row();
        for row in rows {
            ui.label(row.label);
            ui.label(row.a.to_string());
            ui.label(row.b.to_string());
            for scores in [row.exact, row.overlap] {
                for figure in [scores.precision, scores.recall, scores.f1] {
                    ui.label(format!("{figure:.3}"));
                }
            }
            ui.end_row();
        }
    });
}

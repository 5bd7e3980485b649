//! The curation panel (left, while a document is open into curation): the
//! annotators with their keys, the current disagreement with each
//! annotator's version and the gold's, and the list of disagreements.

use std::sync::Arc;

use crate::model::Document;
use crate::session::Session;
use crate::team::agree::{Marked, MarkedRelation};
use crate::team::curate::relations::gold_relations;
use crate::team::curate::{CurationIndex, Disagreement, gold_at};
use crate::ui::Command;

/// The most annotators that get a key (Alt+1 … Alt+9).
pub const KEYED_ANNOTATORS: usize = 9;

/// A document open into curation.
pub struct Curation {
    /// Its agreed places and disagreements, built once when it opened
    /// (taking a version edits the gold, never the index).
    pub index: Arc<CurationIndex>,
    /// The disagreement being resolved.
    pub current: Option<usize>,
    /// The list should scroll to the current disagreement.
    pub reveal_in_list: bool,
}

/// Each annotator's colour in the panel.
pub fn annotator_colour(k: usize) -> egui::Color32 {
    const PALETTE: [egui::Color32; 6] = [
        egui::Color32::from_rgb(0x1f, 0x77, 0xb4),
        egui::Color32::from_rgb(0xd6, 0x27, 0x28),
        egui::Color32::from_rgb(0x2c, 0xa0, 0x2c),
        egui::Color32::from_rgb(0x94, 0x67, 0xbd),
        egui::Color32::from_rgb(0xff, 0x7f, 0x0e),
        egui::Color32::from_rgb(0x8c, 0x56, 0x4b),
    ];
    PALETTE[k % PALETTE.len()]
}

/// Labels as the panel writes them: `person`, `person+role`, `none`.
fn labels_text(labels: &[String]) -> String {
    if labels.is_empty() {
        "none".to_owned()
    } else {
        labels.join("+")
    }
}

/// What the gold holds at a disagreement: its labels at those offsets,
/// or for a relation disagreement the relation's type if it has it.
fn gold_labels(session: &Session, place: &Disagreement) -> Vec<String> {
    if let Some(relation) = &place.relation {
        return gold_relations(session.set(), relation)
            .take(1)
            .map(|r| r.label.clone())
            .collect();
    }
    let mut labels: Vec<String> = gold_at(session.set(), place.start, place.end)
        .map(|s| s.label.clone())
        .collect();
    labels.sort();
    labels
}

/// A span as the panel names it: `“Minister of ICT” (role)`.
fn span_text(doc: &Document, span: &Marked) -> String {
    format!("“{}” ({})", quote(doc, span.start, span.end), span.label)
}

/// A relation as the panel writes it: `“Issa Zarepour” (person) —holds→
/// “Minister of ICT” (role)`.
fn relation_text(doc: &Document, relation: &MarkedRelation) -> String {
    let arrow = if relation.directed { "→" } else { "—" };
    format!(
        "{} —{}{arrow} {}",
        span_text(doc, &relation.from),
        relation.label,
        span_text(doc, &relation.to)
    )
}

/// A disagreement's text, elided.
fn quote(doc: &Document, start: usize, end: usize) -> String {
    let text = doc.slice(start..end).unwrap_or_default();
    crate::model::elide(text, 40).into_owned()
}

/// The curation panel.
pub fn curation_panel_ui(
    ui: &mut egui::Ui,
    curation: &mut Curation,
    session: &Session,
    commands: &mut Vec<Command>,
) {
    let index = Arc::clone(&curation.index);
    let total = index.disagreements().len();
    ui.heading("Curation");
    ui.label(format!(
        "{}; {} merged (at least {} of {} agreed)",
        crate::plural::counted(total, "disagreement", "disagreements"),
        crate::plural::counted(index.agreed().len(), "agreed place", "agreed places"),
        index.quorum(),
        index.annotators().len()
    ));
    ui.horizontal_wrapped(|ui| {
        for (k, name) in index.annotators().iter().enumerate() {
            let key = if k < KEYED_ANNOTATORS {
                format!(" (Alt+{})", k + 1)
            } else {
                String::new()
            };
            ui.colored_label(annotator_colour(k), format!("■ {name}{key}"));
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Previous").on_hover_text("Shift+F8").clicked() {
            commands.push(Command::PrevDisagreement);
        }
        if ui.button("Next").on_hover_text("F8").clicked() {
            commands.push(Command::NextDisagreement);
        }
        if ui
            .button("Close curation")
            .on_hover_text("Back to ordinary editing of the gold")
            .clicked()
        {
            commands.push(Command::CloseCuration);
        }
    });
    ui.separator();
    if let Some(at) = curation.current
        && let Some(place) = index.disagreements().get(at)
    {
        match &place.relation {
            Some(relation) => ui.strong(format!(
                "{} of {total}: relation {}",
                at + 1,
                relation_text(session.doc(), relation)
            )),
            None => ui.strong(format!(
                "{} of {total}: {}–{} “{}”",
                at + 1,
                place.start,
                place.end,
                quote(session.doc(), place.start, place.end)
            )),
        };
        for (k, version) in place.versions.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let name = &index.annotators()[k];
                ui.colored_label(
                    annotator_colour(k),
                    format!("{name}: {}", labels_text(version)),
                );
                let key = if k < KEYED_ANNOTATORS {
                    format!("Alt+{}", k + 1)
                } else {
                    "no key".to_owned()
                };
                if ui
                    .small_button(format!("Take {name}'s"))
                    .on_hover_text(key)
                    .clicked()
                {
                    commands.push(Command::TakeVersion(k));
                }
            });
            // The relations that come with this annotator's version.
            if place.relation.is_none() {
                let theirs = index
                    .relations_at(place.start, place.end)
                    .filter(|r| r.annotators.contains(&k));
                for related in theirs {
                    ui.colored_label(
                        annotator_colour(k),
                        format!("    {}", relation_text(session.doc(), &related.relation)),
                    );
                }
            }
        }
        ui.horizontal(|ui| {
            ui.label(format!(
                "gold: {}",
                labels_text(&gold_labels(session, place))
            ));
            if ui
                .small_button("Reject all")
                .on_hover_text("Alt+X")
                .clicked()
            {
                commands.push(Command::RejectVersions);
            }
        });
    } else if total == 0 {
        ui.label("The annotators agree everywhere: nothing to curate.");
    }
    ui.separator();
    disagreement_list(ui, curation, &index, session, commands);
}

/// Every disagreement, one row each (only the rows in view are drawn).
fn disagreement_list(
    ui: &mut egui::Ui,
    curation: &mut Curation,
    index: &CurationIndex,
    session: &Session,
    commands: &mut Vec<Command>,
) {
    let row_height = ui.spacing().interact_size.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("disagreements")
        .auto_shrink([false, false]);
    if std::mem::take(&mut curation.reveal_in_list)
        && let Some(at) = curation.current
    {
        let spacing = ui.spacing().item_spacing.y;
        // A few rows above it stay in view.
        let above = at.saturating_sub(3);
        area = area.vertical_scroll_offset(above as f32 * (row_height + spacing));
    }
    area.show_rows(ui, row_height, index.disagreements().len(), |ui, rows| {
        // One line a row: the rows' height is fixed.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        for at in rows {
            let place = &index.disagreements()[at];
            let versions: Vec<String> = place.versions.iter().map(|v| labels_text(v)).collect();
            let what = match &place.relation {
                Some(relation) => format!("relation {}", relation_text(session.doc(), relation)),
                None => format!("“{}”", quote(session.doc(), place.start, place.end)),
            };
            let text = format!(
                "{}–{} {what}  {} → gold: {}",
                place.start,
                place.end,
                versions.join(" / "),
                labels_text(&gold_labels(session, place))
            );
            if ui
                .selectable_label(curation.current == Some(at), text)
                .clicked()
            {
                commands.push(Command::GoToDisagreement(at));
            }
        }
    });
}

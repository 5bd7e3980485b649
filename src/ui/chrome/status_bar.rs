//! The status bar: counts, the selection's offsets, the save state,
//! background work and the last message.

use egui::{Color32, RichText, Ui};

use crate::ui::app::NewsmarkApp;
use crate::ui::{Command, style};

/// Counts, the selection's offsets, the save state and the last message.
pub fn show(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let Some(doc) = &app.doc else {
                ui.label("No article open");
                notice(ui, app);
                return;
            };
            let session = &doc.session;
            ui.label(doc.live_counts().describe()).on_hover_text(
                "Spans of the annotation (tagged or accepted), then suggestions still to review \
                 (spans, entity links, relations)",
            );
            let background = ui.visuals().panel_fill;
            for (name, color, counts) in doc.span_list.counts() {
                let color = style::readable_on(color, background);
                ui.label(RichText::new(counts.describe_label(name)).color(color));
            }
            ui.separator();
            let range = app.selection().range();
            if range.is_empty() {
                ui.label(format!("caret {}", range.start));
            } else {
                ui.label(format!(
                    "selection {}–{} ({} chars)",
                    range.start,
                    range.end,
                    range.len()
                ));
            }
            ui.separator();
            if let Some(annotator) = session.annotator() {
                ui.label(format!("annotator: {annotator}"))
                    .on_hover_text(format!(
                        "Your own annotation file, {}; the gold is {}",
                        crate::store::file_name(session.ron_path()),
                        crate::store::file_name(&crate::store::paired_ron_path(session.txt_path()))
                    ));
                ui.separator();
            }
            if session.save_blocked().is_some() {
                ui.colored_label(
                    Color32::from_rgb(0xc0, 0x30, 0x30),
                    "saving over the file is blocked",
                );
            } else if session.is_dirty() {
                ui.label(RichText::new("• unsaved changes").strong());
            } else {
                ui.label("saved");
            }
            if let Some(folder) = &app.folder
                && folder.loader.is_some()
            {
                let (done, total) = (folder.corpus.loaded_count(), folder.corpus.entries.len());
                ui.separator();
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .desired_width(120.0)
                        .text(format!("reading folder {done}/{total}")),
                )
                .on_hover_text(
                    "The document list fills in as the folder's annotation files are read",
                );
                if ui
                    .button("Stop")
                    .on_hover_text("Stop reading; the documents not read yet show no counts")
                    .clicked()
                {
                    commands.push(Command::StopReadingFolder);
                }
            }
            if let Some(task) = &app.background.task {
                ui.separator();
                ui.add(egui::Spinner::new());
                match task.progress() {
                    (_, 0) => {
                        ui.label(task.job().to_string());
                    }
                    (done, total) => {
                        ui.add(
                            egui::ProgressBar::new(done as f32 / total as f32)
                                .desired_width(120.0)
                                .text(format!("{} {done}/{total}", task.job())),
                        );
                        if ui
                            .button("Cancel")
                            .on_hover_text("Stop before the next document")
                            .clicked()
                        {
                            commands.push(Command::CancelTask);
                        }
                    }
                }
            }
            if let Some(job) = &app.background.suggest {
                ui.separator();
                ui.add(egui::Spinner::new());
                let (done, total) = job.progress;
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .desired_width(120.0)
                        .text(format!("suggesting {done}/{total}")),
                );
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop the suggesters (a running extractor is killed)")
                    .clicked()
                {
                    commands.push(Command::CancelSuggest);
                }
            }
            notice(ui, app);
        });
    });
}

/// The last message, in the status bar: elided ([`style::MAX_SHOWN_CHARS`]),
/// as it may quote strings from a file.
fn notice(ui: &mut Ui, app: &NewsmarkApp) {
    if let Some(notice) = &app.notice {
        ui.separator();
        let color = if notice.is_error {
            Color32::from_rgb(0xc0, 0x30, 0x30)
        } else {
            ui.visuals().text_color()
        };
        ui.colored_label(color, style::shown(&notice.text));
    }
}

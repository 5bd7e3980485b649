//! The help window (F1): labels, guidelines and every shortcut.

use egui::{RichText, Ui};

use crate::ui::style;

/// The help overlay (F1): the labels with their hotkeys and descriptions,
/// the folder's guidelines, and every keyboard shortcut, in as many columns
/// as the window is wide enough for ([`help_columns`]), so that it fits on
/// the screen without scrolling; it scrolls only on a screen too small.
pub fn show(
    ctx: &egui::Context,
    open: &mut bool,
    schema: &crate::model::LabelSchema,
    guidelines: Option<&str>,
) {
    let screen = ctx.content_rect();
    let columns = help_columns(screen.width());
    egui::Window::new("Keyboard shortcuts")
        // Not the id of the old fixed-size window, whose remembered size
        // would hold this one back.
        .id(egui::Id::unique("shortcuts_help"))
        .open(open)
        .collapsible(false)
        .auto_sized()
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(screen.center())
        .show(ctx, |ui| {
            // As tall as its contents, up to the screen's height.
            egui::ScrollArea::vertical()
                .max_height(screen.height() - HELP_SCREEN_MARGIN)
                .show(ui, |ui| help_contents(ui, schema, guidelines, columns));
        });
}

/// Width of one column of shortcuts in the help window: keys and what they
/// do, wrapped.
const HELP_COLUMN_WIDTH: f32 = 370.0;
/// Space between two columns of shortcuts.
const HELP_COLUMN_GAP: f32 = 24.0;
/// Width of the description in a column of the help window.
const HELP_TEXT_WIDTH: f32 = 190.0;
/// Width of the keys in a column of the help window (longer ones wrap).
const HELP_KEYS_WIDTH: f32 = 150.0;
/// Room the help window leaves around it: title bar, frame, and a margin.
const HELP_SCREEN_MARGIN: f32 = 80.0;

/// How many columns of shortcuts fit across a window `width` points wide
/// (1 to 3).
pub fn help_columns(width: f32) -> usize {
    let fit = ((width - HELP_SCREEN_MARGIN) / HELP_COLUMN_WIDTH).floor();
    if fit >= 3.0 {
        3
    } else if fit >= 2.0 {
        2
    } else {
        1
    }
}

fn help_contents(
    ui: &mut Ui,
    schema: &crate::model::LabelSchema,
    guidelines: Option<&str>,
    columns: usize,
) {
    ui.heading("Labels");
    egui::Grid::new("labels_help").striped(true).show(ui, |ui| {
        for label in &schema.labels {
            let color = style::readable_on(style::color(label.color), ui.visuals().window_fill);
            ui.label(RichText::new(&label.name).color(color).strong());
            ui.label(
                RichText::new(crate::ui::widgets::label_chips::hotkey_text(label, " / "))
                    .monospace(),
            );
            ui.label(&label.description);
            ui.end_row();
        }
    });
    if let Some(text) = guidelines {
        ui.heading("Guidelines");
        ui.label(text);
    }
    ui.heading("Keys");
    let help: Vec<(&str, &str)> = super::actions::shortcut_help().collect();
    let per_column = help.len().div_ceil(columns);
    ui.horizontal_top(|ui| {
        for (i, chunk) in help.chunks(per_column).enumerate() {
            if i > 0 {
                ui.add_space(HELP_COLUMN_GAP);
            }
            egui::Grid::new(("shortcuts", i))
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in chunk {
                        ui.scope(|ui| {
                            ui.set_max_width(HELP_KEYS_WIDTH);
                            ui.add(egui::Label::new(RichText::new(*keys).monospace()).wrap());
                        });
                        ui.scope(|ui| {
                            ui.set_max_width(HELP_TEXT_WIDTH);
                            ui.add(egui::Label::new(*what).wrap());
                        });
                        ui.end_row();
                    }
                });
        }
    });
}

//! What the window shows with no article open.

use egui::{Color32, Ui};

use crate::ui::{Command, style};

/// What the window shows with no article open, and why the last article
/// asked for was refused (`refused`: which file and why), if it was.
pub fn show(ui: &mut Ui, refused: Option<&str>, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("No article open");
        if let Some(why) = refused {
            ui.add_space(8.0);
            ui.colored_label(
                Color32::from_rgb(0xc0, 0x30, 0x30),
                format!("Could not open {}", style::shown(why)),
            );
            ui.add_space(8.0);
        }
        ui.label("Open a .txt article (Ctrl+O), drop one on this window, or run `newsmark PATH`.");
        if ui.button("Open…").clicked() {
            commands.push(Command::OpenDialog);
        }
    });
}

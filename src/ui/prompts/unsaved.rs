//! "Save your changes?" before opening another document or closing the
//! window with unsaved edits.

use std::path::PathBuf;

use egui::Key;

use crate::session::Session;
use crate::ui::Command;
use crate::ui::app::NewsmarkApp;

/// The answers to "save your changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    /// Save, then go on.
    Save,
    /// Drop the edits, then go on.
    Discard,
    /// Stay where we are.
    Cancel,
}

/// What was about to happen when the unsaved-changes question was asked.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Open this path.
    Open(PathBuf),
    /// Close the window.
    Close,
}

/// Keys while the unsaved-changes question is shown.
pub fn key_commands(ctx: &egui::Context) -> Vec<Command> {
    crate::ui::keys::pressed_keys(ctx)
        .into_iter()
        .filter_map(|(key, _)| match key {
            Key::S | Key::Enter => Some(Command::Answer(PromptAnswer::Save)),
            Key::D => Some(Command::Answer(PromptAnswer::Discard)),
            Key::Escape | Key::C => Some(Command::Answer(PromptAnswer::Cancel)),
            _ => None,
        })
        .collect()
}

/// "Save your changes?" before opening another document or closing.
pub fn show(ctx: &egui::Context, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let Some(pending) = &app.prompts.unsaved else {
        return;
    };
    let name = app.session().map(|s| s.name()).unwrap_or_default();
    let then = match pending {
        Pending::Open(path) => format!("before opening {}", path.display()),
        Pending::Close => "before closing".to_owned(),
    };
    egui::Modal::new(egui::Id::unique("unsaved_prompt")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!("Save your changes to {name} {then}?"));
        ui.horizontal(|ui| {
            for (text, key, answer) in [
                ("Save", "S", PromptAnswer::Save),
                ("Discard", "D", PromptAnswer::Discard),
                ("Cancel", "Esc", PromptAnswer::Cancel),
            ] {
                if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                    commands.push(Command::Answer(answer));
                }
            }
        });
    });
}

impl NewsmarkApp {
    pub(in crate::ui) fn answer(&mut self, ctx: &egui::Context, answer: PromptAnswer) {
        let Some(pending) = self.prompts.unsaved.take() else {
            return;
        };
        match answer {
            PromptAnswer::Cancel => return,
            PromptAnswer::Save if !self.save() => return,
            PromptAnswer::Save => {}
            PromptAnswer::Discard => {
                if let Some(Err(err)) = self.session().map(Session::discard_journal) {
                    log::warn!("could not remove the recovery journal: {err}");
                }
            }
        }
        match pending {
            Pending::Open(path) => self.open_now(&path),
            Pending::Close => {
                self.layout.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}

//! "Save your changes?" before opening another document or closing the
//! window with unsaved edits.

use std::path::PathBuf;

use egui::Key;

use super::PromptAnswer;

/// The answers to "save your changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
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
pub fn keys(ctx: &egui::Context) -> Vec<PromptAnswer> {
    crate::ui::keys::pressed_keys(ctx)
        .into_iter()
        .filter_map(|(key, _)| match key {
            Key::S | Key::Enter => Some(UnsavedAnswer::Save),
            Key::D => Some(UnsavedAnswer::Discard),
            Key::Escape | Key::C => Some(UnsavedAnswer::Cancel),
            _ => None,
        })
        .map(PromptAnswer::Unsaved)
        .collect()
}

/// "Save your changes?" before opening another document or closing.
pub fn show(ctx: &egui::Context, pending: &Pending, name: &str) -> Option<UnsavedAnswer> {
    let mut answer = None;
    let then = match pending {
        Pending::Open(path) => format!("before opening {}", path.display()),
        Pending::Close => "before closing".to_owned(),
    };
    egui::Modal::new(egui::Id::unique("unsaved_prompt")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!("Save your changes to {name} {then}?"));
        ui.horizontal(|ui| {
            for (text, key, choice) in [
                ("Save", "S", UnsavedAnswer::Save),
                ("Discard", "D", UnsavedAnswer::Discard),
                ("Cancel", "Esc", UnsavedAnswer::Cancel),
            ] {
                if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                    answer = Some(choice);
                }
            }
        });
    });
    answer
}

//! "Save your changes?" before opening another document or closing the
//! window with unsaved edits.

use std::path::PathBuf;

use super::{KeyName, PromptAnswer, answer_row};

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

/// "Save your changes?" before opening another document or closing.
pub fn show(
    ctx: &egui::Context,
    pending: &Pending,
    name: &str,
    key: KeyName,
) -> Option<UnsavedAnswer> {
    let then = match pending {
        Pending::Open(path) => format!("before opening {}", path.display()),
        Pending::Close => "before closing".to_owned(),
    };
    egui::Modal::new(egui::Id::unique("unsaved_prompt"))
        .show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!("Save your changes to {name} {then}?"));
            answer_row(
                ui,
                key,
                PromptAnswer::Unsaved,
                &[
                    ("Save", UnsavedAnswer::Save),
                    ("Discard", UnsavedAnswer::Discard),
                    ("Cancel", UnsavedAnswer::Cancel),
                ],
            )
        })
        .inner
}

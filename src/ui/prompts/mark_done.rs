//! "Mark done with suggestions still to review?", asked by Ctrl+Enter (Mark
//! done and next) when the document has pending suggestions: marking it
//! done would leave them unreviewed. The prompt's state, keys, window and
//! answer are all here.

use egui::Key;

use super::PromptAnswer;
use crate::plural::counted;
use crate::ui::keys;

/// The question, while it waits for an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkDonePrompt {
    /// The pending suggestions the document has.
    pub pending: usize,
}

/// The answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkDoneAnswer {
    /// Mark it done anyway (the suggestions stay pending), save, go on.
    MarkDone,
    /// Stay, and select the first pending suggestion to review it.
    Review,
    /// Stay; nothing changes.
    Cancel,
}

/// Keys while the question is shown: Enter or D marks done, R reviews,
/// Esc or C cancels. Keys held with Ctrl (a repeat of Ctrl+Enter) do not
/// answer it.
pub fn keys(ctx: &egui::Context) -> Vec<PromptAnswer> {
    keys::pressed_keys(ctx)
        .into_iter()
        .filter(|(_, modifiers)| modifiers.is_none())
        .filter_map(|(key, _)| match key {
            Key::Enter | Key::D => Some(MarkDoneAnswer::MarkDone),
            Key::R => Some(MarkDoneAnswer::Review),
            Key::Escape | Key::C => Some(MarkDoneAnswer::Cancel),
            _ => None,
        })
        .map(PromptAnswer::MarkDone)
        .collect()
}

/// The question's window, while it is asked.
pub fn show(ctx: &egui::Context, prompt: &MarkDonePrompt, name: &str) -> Option<MarkDoneAnswer> {
    let mut answer = None;
    let suggestions = counted(prompt.pending, "suggestion", "suggestions");
    egui::Modal::new(egui::Id::unique("mark_done_prompt")).show(ctx, |ui| {
        ui.heading("Suggestions still to review");
        ui.label(format!(
            "{name} has {suggestions} nobody has reviewed. Mark it done anyway?"
        ));
        ui.label("Marked done, the document keeps them in its file, unreviewed.");
        ui.horizontal(|ui| {
            for (text, key, choice, tip) in [
                (
                    "Mark done",
                    "Enter",
                    MarkDoneAnswer::MarkDone,
                    "Mark the document done with its suggestions pending, save, go to the next",
                ),
                (
                    "Review them",
                    "R",
                    MarkDoneAnswer::Review,
                    "Stay, and select the first pending suggestion",
                ),
                (
                    "Cancel",
                    "Esc",
                    MarkDoneAnswer::Cancel,
                    "Stay; nothing changes",
                ),
            ] {
                if ui
                    .add(egui::Button::new(text).shortcut_text(key))
                    .on_hover_text(tip)
                    .clicked()
                {
                    answer = Some(choice);
                }
            }
        });
    });
    answer
}

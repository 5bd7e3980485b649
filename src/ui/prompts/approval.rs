//! "Run the extractor command?": asked once per command and folder before
//! a folder's `newsmark.ron` has a command run (the answer "Run it" is
//! remembered between runs).

use egui::{Key, RichText};

use super::PromptAnswer;
use crate::suggest::SuggestPlan;

/// A suggestion run waiting for the user to approve its extractor command.
pub struct AwaitingApproval {
    /// The plan, extractor included.
    pub plan: SuggestPlan,
    /// Whether the whole corpus was asked for.
    pub all: bool,
    /// The command line, shown to the user.
    pub command_line: String,
}

/// The answers to "run this extractor command?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovalAnswer {
    /// Run it (remembered for this folder and command).
    Run,
    /// Run the built-in suggesters only.
    BuiltInOnly,
    /// Run nothing.
    Cancel,
}

/// Keys while "run this extractor command?" is shown.
pub fn keys(ctx: &egui::Context) -> Vec<PromptAnswer> {
    crate::ui::keys::pressed_keys(ctx)
        .into_iter()
        .filter_map(|(key, _)| match key {
            Key::R | Key::Enter => Some(ApprovalAnswer::Run),
            Key::B => Some(ApprovalAnswer::BuiltInOnly),
            Key::Escape => Some(ApprovalAnswer::Cancel),
            _ => None,
        })
        .map(PromptAnswer::Approval)
        .collect()
}

/// "Run this extractor command?", asked once per command and folder (the
/// answer "Run it" is remembered between runs).
pub fn show(ctx: &egui::Context, waiting: &AwaitingApproval) -> Option<ApprovalAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("approve_extractor")).show(ctx, |ui| {
        ui.heading("Run the extractor command?");
        ui.label("This folder's newsmark.ron asks to run:");
        ui.label(RichText::new(&waiting.command_line).monospace().strong());
        ui.label(
            "It gets each article's text on standard input. Run it only if you trust this folder.",
        );
        ui.label("Running it is remembered for this folder, until the command changes.");
        ui.horizontal(|ui| {
            for (text, key, choice) in [
                ("Run it", "R", ApprovalAnswer::Run),
                ("Built-in suggesters only", "B", ApprovalAnswer::BuiltInOnly),
                ("Cancel", "Esc", ApprovalAnswer::Cancel),
            ] {
                if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                    answer = Some(choice);
                }
            }
        });
    });
    answer
}

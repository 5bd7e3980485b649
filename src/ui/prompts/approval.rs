//! "Run the extractor command?": asked once per command and folder before
//! a folder's `newsmark.ron` has a command run (the answer "Run it" is
//! remembered between runs).

use egui::RichText;

use super::{KeyName, PromptAnswer, answer_row};
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

/// "Run this extractor command?", asked once per command and folder (the
/// answer "Run it" is remembered between runs).
pub fn show(
    ctx: &egui::Context,
    waiting: &AwaitingApproval,
    key: KeyName,
) -> Option<ApprovalAnswer> {
    egui::Modal::new(egui::Id::unique("approve_extractor"))
        .show(ctx, |ui| {
            ui.heading("Run the extractor command?");
            ui.label("This folder's newsmark.ron asks to run:");
            ui.label(RichText::new(&waiting.command_line).monospace().strong());
            ui.label(
                "It gets each article's text on standard input. \
                 Run it only if you trust this folder.",
            );
            ui.label("Running it is remembered for this folder, until the command changes.");
            answer_row(
                ui,
                key,
                PromptAnswer::Approval,
                &[
                    ("Run it", ApprovalAnswer::Run),
                    ("Built-in suggesters only", ApprovalAnswer::BuiltInOnly),
                    ("Cancel", ApprovalAnswer::Cancel),
                ],
            )
        })
        .inner
}

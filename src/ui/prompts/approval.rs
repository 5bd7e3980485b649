//! "Run the extractor command?": asked once per command and folder before
//! a folder's `newsmark.ron` has a command run (the answer "Run it" is
//! remembered between runs).

use egui::{Key, RichText};

use crate::suggest::SuggestPlan;
use crate::ui::Command;
use crate::ui::app::NewsmarkApp;

/// A suggestion run waiting for the user to approve its extractor command.
pub struct AwaitingApproval {
    /// The plan, extractor included.
    pub plan: SuggestPlan,
    /// Whether the whole corpus was asked for.
    pub all: bool,
    /// The command line, shown to the user.
    pub command_line: String,
}

/// Keys while "run this extractor command?" is shown.
pub fn key_commands(ctx: &egui::Context) -> Vec<Command> {
    crate::ui::keys::pressed_keys(ctx)
        .into_iter()
        .filter_map(|(key, _)| match key {
            Key::R | Key::Enter => Some(Command::ApproveExtractor(true)),
            Key::B => Some(Command::ApproveExtractor(false)),
            Key::Escape => Some(Command::CancelSuggest),
            _ => None,
        })
        .collect()
}

/// "Run this extractor command?", asked once per command and folder (the
/// answer "Run it" is remembered between runs).
pub fn show(ctx: &egui::Context, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let Some(waiting) = &app.prompts.approval else {
        return;
    };
    egui::Modal::new(egui::Id::unique("approve_extractor")).show(ctx, |ui| {
        ui.heading("Run the extractor command?");
        ui.label("This folder's newsmark.ron asks to run:");
        ui.label(RichText::new(&waiting.command_line).monospace().strong());
        ui.label(
            "It gets each article's text on standard input. Run it only if you trust this folder.",
        );
        ui.label("Running it is remembered for this folder, until the command changes.");
        ui.horizontal(|ui| {
            for (text, key, command) in [
                ("Run it", "R", Command::ApproveExtractor(true)),
                (
                    "Built-in suggesters only",
                    "B",
                    Command::ApproveExtractor(false),
                ),
                ("Cancel", "Esc", Command::CancelSuggest),
            ] {
                if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                    commands.push(command);
                }
            }
        });
    });
}

impl NewsmarkApp {
    /// The answer to "run this extractor command?".
    pub(in crate::ui) fn approve_extractor(&mut self, ctx: &egui::Context, run: bool) {
        let Some(mut waiting) = self.prompts.approval.take() else {
            return;
        };
        if run {
            let dir = self
                .session()
                .and_then(|s| s.txt_path().parent())
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            if let Some(command) = &waiting.plan.external {
                // Remembered for this folder and this exact command, also
                // in later runs (see `NewsmarkApp::restore`).
                self.persisted.approvals.approve(&dir, &command.argv);
            }
        } else {
            waiting.plan.external = None;
        }
        self.start_job(ctx, waiting.plan, waiting.all);
    }
}

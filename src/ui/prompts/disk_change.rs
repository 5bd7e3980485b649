//! "Changed on disk": the open document's files are checked when the
//! watcher ([`crate::ui::background::disk_watch`]) reports one of them,
//! when the window regains focus, and before every save. A change
//! (compared by content, so newsmark's own saves are not one) shows this
//! prompt naming the file, with Reload, Keep mine and Merge.

use egui::RichText;

use super::{KeyName, PromptAnswer, answer_button};
use crate::session::{DiskChange, FileChange, Session};
use crate::store;

/// The answers to "changed on disk".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskChoice {
    /// Take the files as they are on disk (mine kept in `NAME.ron.mine`).
    Reload,
    /// Save mine over theirs (theirs kept in `NAME.ron.theirs`).
    KeepMine,
    /// Apply my edits on their version.
    Merge,
}

/// "Changed on disk": which file, what happened, and the three answers.
pub fn show(
    ctx: &egui::Context,
    change: &DiskChange,
    session: &Session,
    key: KeyName,
) -> Option<DiskChoice> {
    let mut answer = None;
    let ron = store::file_name(session.ron_path());
    let text_gone = matches!(
        change.text,
        Some(FileChange::Deleted | FileChange::Unreadable(_))
    );
    egui::Modal::new(egui::Id::unique("disk_change")).show(ctx, |ui| {
        ui.heading("Changed on disk");
        ui.label(RichText::new(change.describe(session)).strong());
        ui.label("Another program changed it while it was open here; newsmark has not overwritten it.");
        if session.is_dirty() {
            ui.label("You have unsaved edits.");
        }
        if change.text_changed() && !text_gone {
            ui.label(
                "The article's text changed: spans are re-anchored on the new text, and undo history is cleared.",
            );
        }
        let unavailable = "The article can no longer be read: only Keep mine is possible";
        ui.horizontal(|ui| {
            let answers = [
                (
                    "Reload",
                    DiskChoice::Reload,
                    !text_gone,
                    format!(
                        "Take the version on disk. Your unsaved annotations are first kept in {ron}.mine"
                    ),
                ),
                (
                    "Keep mine",
                    DiskChoice::KeepMine,
                    true,
                    format!(
                        "Save your annotations over {ron}; the version on disk is kept in {ron}.theirs"
                    ),
                ),
                (
                    "Merge",
                    DiskChoice::Merge,
                    !text_gone,
                    "Add your edits since it was read to the version on disk \
                     (where both changed a span, yours wins); not saved until Ctrl+S"
                        .to_owned(),
                ),
            ];
            for (text, choice, enabled, tip) in answers {
                let button = answer_button(text, PromptAnswer::DiskChange(choice), key);
                let response = ui
                    .add_enabled(enabled, button)
                    .on_hover_text(tip)
                    .on_disabled_hover_text(unavailable);
                if response.clicked() {
                    answer = Some(choice);
                }
            }
        });
    });
    answer
}

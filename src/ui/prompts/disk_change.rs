//! "Changed on disk": the open document's files are checked when the
//! watcher ([`crate::ui::background::disk_watch`]) reports one of them,
//! when the window regains focus, and before every save. A change
//! (compared by content, so newsmark's own saves are not one) shows this
//! prompt naming the file, with Reload, Keep mine and Merge.

use egui::{Key, RichText};

use crate::session::FileChange;
use crate::store::{self, StoreError};
use crate::ui::Command;
use crate::ui::app::NewsmarkApp;

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

impl NewsmarkApp {
    /// Follows the open document's files and checks them when due (also
    /// when the window `regained_focus`).
    pub(in crate::ui) fn poll_disk(&mut self, ctx: &egui::Context, regained_focus: bool) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let failed = doc.disk.follow(ctx, &doc.session);
        if doc.disk.due(ctx, regained_focus) {
            doc.disk.checks_when_due += 1;
            self.prompts.disk_change = doc.session.check_disk();
        }
        if let Some(problem) = failed {
            self.error(problem);
        }
    }

    /// A save refused because the annotation file changed on disk: asks
    /// what to do instead of reporting an error.
    pub(in crate::ui) fn refused_save(&mut self, err: &StoreError) {
        if let Some(session) = self.doc.as_mut().map(|d| &mut d.session) {
            self.prompts.disk_change = session.check_disk();
        }
        self.error(format!("{err}: choose Reload, Keep mine or Merge."));
    }

    /// Applies the answer to "changed on disk".
    pub(in crate::ui) fn resolve_disk_change(&mut self, choice: DiskChoice) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let session = &mut doc.session;
        let ron = store::file_name(session.ron_path());
        // Reload and Merge may give the learned spans' ids to other spans.
        let forget_learned = !matches!(choice, DiskChoice::KeepMine);
        let done = match choice {
            DiskChoice::Reload => session.reload().map(|r| {
                let kept = r.mine_kept_as.map_or_else(String::new, |p| {
                    format!("; your unsaved annotations are kept in {}", p.display())
                });
                let undo = if r.text_changed {
                    ""
                } else {
                    " (Ctrl+Z undoes it)"
                };
                (r.text_changed, format!("Reloaded {ron}{kept}{undo}."))
            }),
            DiskChoice::KeepMine => session.keep_mine().map(|k| {
                let theirs = k.theirs_kept_as.map_or_else(String::new, |p| {
                    format!("; the version on disk is kept in {}", p.display())
                });
                let saved = if k.saved {
                    format!("Saved your annotations over {ron}")
                } else {
                    format!("Kept your annotations (not saved yet: {ron} is protected)")
                };
                (k.text_changed, format!("{saved}{theirs}."))
            }),
            DiskChoice::Merge => session.merge().map(|m| {
                let undo = if m.text_changed {
                    ""
                } else {
                    ", Ctrl+Z undoes it"
                };
                let text = format!(
                    "Merged your edits into {ron}: {}. Not saved yet (Ctrl+S saves{undo}).",
                    m.report.describe()
                );
                (m.text_changed, text)
            }),
        };
        match done {
            Ok((text_changed, message)) => {
                self.prompts.disk_change = session.check_disk();
                if text_changed {
                    doc.text_replaced();
                    if let Some(bar) = &mut self.layout.search {
                        bar.forget_hits();
                    }
                }
                self.folder.corpus.update(&doc.session);
                doc.refresh_review(&self.folder.corpus);
                doc.journal.written_state = None;
                if forget_learned {
                    doc.learned.clear();
                }
                self.info(message);
            }
            Err(err) => {
                self.prompts.disk_change = session.check_disk();
                self.error(err.to_string());
            }
        }
    }
}

/// Keys while "changed on disk" is shown: R, K, M.
pub fn key_commands(ctx: &egui::Context) -> Vec<Command> {
    crate::ui::keys::pressed_keys(ctx)
        .into_iter()
        .filter(|(_, modifiers)| modifiers.is_none())
        .filter_map(|(key, _)| match key {
            Key::R => Some(DiskChoice::Reload),
            Key::K => Some(DiskChoice::KeepMine),
            Key::M => Some(DiskChoice::Merge),
            _ => None,
        })
        .map(Command::ResolveDiskChange)
        .collect()
}

/// "Changed on disk": which file, what happened, and the three answers.
pub fn show(ctx: &egui::Context, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let (Some(change), Some(session)) = (&app.prompts.disk_change, app.session()) else {
        return;
    };
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
                    "R",
                    DiskChoice::Reload,
                    !text_gone,
                    format!(
                        "Take the version on disk. Your unsaved annotations are first kept in {ron}.mine"
                    ),
                ),
                (
                    "Keep mine",
                    "K",
                    DiskChoice::KeepMine,
                    true,
                    format!(
                        "Save your annotations over {ron}; the version on disk is kept in {ron}.theirs"
                    ),
                ),
                (
                    "Merge",
                    "M",
                    DiskChoice::Merge,
                    !text_gone,
                    "Add your edits since it was read to the version on disk \
                     (where both changed a span, yours wins); not saved until Ctrl+S"
                        .to_owned(),
                ),
            ];
            for (text, key, choice, enabled, tip) in answers {
                let button = egui::Button::new(text).shortcut_text(key);
                let response = ui
                    .add_enabled(enabled, button)
                    .on_hover_text(tip)
                    .on_disabled_hover_text(unavailable);
                if response.clicked() {
                    commands.push(Command::ResolveDiskChange(choice));
                }
            }
        });
    });
}

//! The open document's files changed on disk: checking them when due,
//! a save refused because of it, and applying the answer to the "changed
//! on disk" prompt (`ui/prompts/disk_change.rs`).

use crate::store::{self, StoreError};
use crate::ui::app::NewsmarkApp;
use crate::ui::prompts::disk_change::DiskChoice;

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
                if let Some(folder) = &mut self.folder {
                    folder.corpus.update(&doc.session);
                    doc.refresh_review(&folder.corpus);
                }
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

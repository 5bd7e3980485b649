//! File commands: opening (after the unsaved-changes question), saving,
//! Save As, and backing up an annotation file that could not be read.

use crate::session::Session;
use crate::ui::app::NewsmarkApp;
use crate::ui::prompts::unsaved::Pending;

impl NewsmarkApp {
    /// Opens `path`, asking first to save unsaved edits.
    pub(in crate::ui) fn apply_open(&mut self, path: std::path::PathBuf) {
        if self.session().is_some_and(Session::is_dirty) {
            self.prompts.unsaved = Some(Pending::Open(path));
        } else {
            self.open_now(&path);
        }
    }

    /// Saves; returns whether it worked.
    pub(in crate::ui) fn save(&mut self) -> bool {
        let Some(session) = self.doc.as_mut().map(|d| &mut d.session) else {
            return false;
        };
        match session.save() {
            Ok(()) => {
                let path = session.ron_path().display().to_string();
                if let Some(folder) = &mut self.folder {
                    folder.corpus.update(session);
                }
                self.info(format!("Saved {path}"));
                self.queue_learned();
                true
            }
            Err(err @ crate::store::StoreError::ChangedOnDisk { .. }) => {
                self.refused_save(&err);
                false
            }
            Err(err) => {
                self.error(format!(
                    "{err}. Use File > Save As… or “Back up and overwrite”."
                ));
                false
            }
        }
    }

    /// File > Save As…: asks where, then saves there.
    pub(super) fn save_as_dialog(&mut self) {
        let Some(session) = self.doc.as_mut().map(|d| &mut d.session) else {
            return;
        };
        let mut dialog = rfd::FileDialog::new().add_filter("newsmark annotations", &["ron"]);
        if let Some(dir) = session.ron_path().parent() {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = session.ron_path().file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        match dialog.save_file() {
            Some(path) => match session.save_as(&path) {
                Ok(()) => self.info(format!("Saved {}", path.display())),
                Err(err) => self.error(err.to_string()),
            },
            None => self.info(crate::ui::file_dialog::nothing_saved()),
        }
    }

    /// File > Back up and overwrite: keeps the unreadable annotation file
    /// aside, then lets Save write over it.
    pub(super) fn back_up_and_overwrite(&mut self) {
        let Some(session) = self.doc.as_mut().map(|d| &mut d.session) else {
            return;
        };
        match session.back_up_and_unprotect() {
            Ok(backup) => {
                let text = format!(
                    "The old file is kept as {}; Ctrl+S now saves over it.",
                    backup.display()
                );
                self.info(text);
            }
            Err(err) => self.error(err.to_string()),
        }
    }
}

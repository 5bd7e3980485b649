//! The native file dialogs (rfd) and what to say when one gives no file.
//!
//! rfd answers `None` both when the user closes the dialog without a choice
//! and when no dialog can be shown at all (it needs an XDG desktop portal,
//! or zenity as a fallback; under Xvfb there is neither), and it does not
//! say which. So the messages cover both, and name the other ways to do the
//! same: dropping a file on the window, File > Open Recent, the command line.

use std::path::{Path, PathBuf};

use super::app::NewsmarkApp;

/// Asks for an article to open, starting in the given folder; `None` when
/// no file came back.
pub type PickArticle = fn(Option<&Path>) -> Option<PathBuf>;

/// The dialog behind File > Open… (Ctrl+O): rfd's, unless replaced with
/// [`NewsmarkApp::replace_open_dialog`].
#[derive(Clone, Copy, Debug)]
pub struct OpenDialog(pub(super) PickArticle);

impl Default for OpenDialog {
    fn default() -> Self {
        Self(native_pick_article)
    }
}

/// rfd's dialog for an article (`.txt`).
fn native_pick_article(dir: Option<&Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().add_filter("Articles", &["txt"]);
    if let Some(dir) = dir {
        dialog = dialog.set_directory(dir);
    }
    dialog.pick_file()
}

/// Why a dialog gave nothing, as far as anyone can tell (a dialog needs an
/// XDG desktop portal or zenity; the README says so). Short, as the status
/// bar shows one line.
pub(super) const NO_CHOICE: &str = "no file dialog could be shown, or it was cancelled";

/// The message after File > Open… gave no file: both causes, then the other
/// ways to open, within the status bar's width at the default window size.
pub(super) fn nothing_opened() -> String {
    "No file dialog here, or it was cancelled. Drop a file on the window, or use File > Open \
     Recent or `newsmark PATH`."
        .to_owned()
}

/// The message after Save As… gave no file.
pub(super) fn nothing_saved() -> String {
    format!("Nothing saved: {NO_CHOICE}.")
}

/// The message after Import or Export gave no path; `command` is the
/// `newsmark` subcommand that does the same from a terminal.
pub(super) fn nothing_transferred(what: &str, command: &str) -> String {
    format!("Nothing {what}: {NO_CHOICE}; `newsmark {command}` does it from a terminal.")
}

impl NewsmarkApp {
    /// Replaces the dialog File > Open… (Ctrl+O) shows: for a front end with
    /// its own picker, and for tests, which cannot click a native dialog.
    pub fn replace_open_dialog(&mut self, pick: PickArticle) {
        self.layout.article_dialog = OpenDialog(pick);
    }

    /// File > Open…: asks for an article, starting in the open article's
    /// folder, and opens it; says what else works when no file comes back.
    pub(super) fn open_dialog(&mut self) {
        let dir = self
            .session()
            .and_then(|s| s.txt_path().parent())
            .map(Path::to_path_buf);
        match (self.layout.article_dialog.0)(dir.as_deref()) {
            Some(path) => self.apply_open(path),
            None => self.info(nothing_opened()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_messages_admit_both_causes_and_name_the_other_ways() {
        let opened = nothing_opened();
        for part in [
            "No file dialog here",
            "or it was cancelled",
            "Drop a file on the window",
            "File > Open Recent",
            "`newsmark PATH`",
        ] {
            assert!(opened.contains(part), "{part:?} missing from {opened:?}");
        }
        // The status bar shows one line: at the default window size about
        // 125 characters fit beside the counts, which may grow.
        assert!(opened.chars().count() <= 115, "{opened}");
        assert!(!opened.contains("No file chosen"));
        assert!(nothing_saved().contains("no file dialog could be shown"));
        let exported = nothing_transferred("exported", "export");
        assert!(
            exported.starts_with("Nothing exported: no file dialog"),
            "{exported}"
        );
        assert!(exported.ends_with("; `newsmark export` does it from a terminal."));
    }
}

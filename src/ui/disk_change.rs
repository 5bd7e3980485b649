//! Changes on disk in the window: the open document's folder is watched
//! (notify), and the files are checked when the watcher reports one of
//! them, when the window regains focus, and before every save. A change
//! (compared by content, so newsmark's own saves are not one) shows a
//! prompt naming the file, with Reload, Keep mine and Merge.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use egui::{Key, RichText};
use notify::Watcher as _;

use super::app::NewsmarkApp;
use super::review_panel::ReviewPanel;
use super::text_view::TextView;
use super::{Command, Selection};
use crate::session::{DiskChange, FileChange, Session};
use crate::store::{self, StoreError};

/// How long after the watcher's last event the files are checked: a
/// program saving a file may take several steps (write, rename, chmod).
pub const SETTLE: Duration = Duration::from_millis(200);

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

/// A folder watch for one document's files.
struct Watching {
    /// Dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    /// One message per event on the article or its annotation file.
    events: mpsc::Receiver<()>,
    /// The files watched.
    files: (PathBuf, PathBuf),
}

pub(super) use crate::store::folder_of;

impl Watching {
    /// Watches the folders of `txt` and `ron`; each event on either file
    /// is sent on [`Self::events`] and wakes the window.
    fn start(ctx: &egui::Context, txt: &Path, ron: &Path) -> notify::Result<Self> {
        let (sender, events) = mpsc::channel();
        let names: Vec<OsString> = [txt, ron]
            .iter()
            .filter_map(|p| p.file_name().map(OsString::from))
            .collect();
        let ctx = ctx.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                // Opening or reading a file is no change, and newsmark's own
                // checks read the files: counting them would check forever.
                let ours = event.is_ok_and(|e| {
                    !matches!(e.kind, notify::EventKind::Access(_))
                        && e.paths
                            .iter()
                            .any(|p| p.file_name().is_some_and(|n| names.iter().any(|m| m == n)))
                });
                if ours && sender.send(()).is_ok() {
                    ctx.request_repaint();
                }
            })?;
        watcher.watch(folder_of(txt), notify::RecursiveMode::NonRecursive)?;
        if folder_of(ron) != folder_of(txt) {
            watcher.watch(folder_of(ron), notify::RecursiveMode::NonRecursive)?;
        }
        Ok(Self {
            _watcher: watcher,
            events,
            files: (txt.to_owned(), ron.to_owned()),
        })
    }
}

/// The window's watch on the open document's files, and the prompt.
#[derive(Default)]
pub struct DiskWatch {
    watching: Option<Watching>,
    /// Why the folder cannot be watched (reported once per document).
    watch_failed: Option<(PathBuf, PathBuf)>,
    /// When to check the files (after the watcher's events settle).
    check_at: Option<Instant>,
    /// Whether the window had the focus in the last frame.
    was_focused: bool,
    /// How many times the files were checked when due (for tests).
    checks_when_due: u64,
    /// The change waiting for an answer.
    pub(super) prompt: Option<DiskChange>,
}

impl DiskWatch {
    /// Watches `session`'s files (again, if they moved); returns why the
    /// folder cannot be watched, the first time it fails.
    fn follow(&mut self, ctx: &egui::Context, session: &Session) -> Option<String> {
        let files = (session.txt_path().to_owned(), session.ron_path().to_owned());
        if self.watching.as_ref().is_some_and(|w| w.files == files)
            || self.watch_failed.as_ref() == Some(&files)
        {
            return None;
        }
        self.watching = None;
        match Watching::start(ctx, &files.0, &files.1) {
            Ok(watching) => {
                self.watching = Some(watching);
                self.watch_failed = None;
                None
            }
            Err(err) => {
                self.watch_failed = Some(files);
                Some(format!(
                    "cannot watch the folder for changes ({err}); they are still checked before saving"
                ))
            }
        }
    }

    /// Whether the files should be checked now: the watcher's events have
    /// settled, or the window just regained the focus.
    fn due(&mut self, ctx: &egui::Context) -> bool {
        let mut events = false;
        if let Some(watching) = &self.watching {
            while watching.events.try_recv().is_ok() {
                events = true;
            }
        }
        if events {
            self.check_at = Some(Instant::now() + SETTLE);
        }
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let regained = focused && !self.was_focused;
        self.was_focused = focused;
        match self.check_at {
            Some(at) if regained || Instant::now() >= at => {
                self.check_at = None;
                true
            }
            Some(at) => {
                ctx.request_repaint_after(at.saturating_duration_since(Instant::now()));
                false
            }
            None => regained,
        }
    }
}

impl NewsmarkApp {
    /// Whether "changed on disk" is showing, and what changed.
    pub fn disk_change(&self) -> Option<&DiskChange> {
        self.disk.prompt.as_ref()
    }

    /// How many times the watcher or the focus had the files checked.
    pub fn disk_checks(&self) -> u64 {
        self.disk.checks_when_due
    }

    /// Follows the open document's files and checks them when due.
    pub(super) fn poll_disk(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.session else {
            self.disk.watching = None;
            return;
        };
        let failed = self.disk.follow(ctx, session);
        if self.disk.due(ctx) {
            self.disk.checks_when_due += 1;
            self.disk.prompt = session.check_disk();
        }
        if let Some(problem) = failed {
            self.error(problem);
        }
    }

    /// A save refused because the annotation file changed on disk: asks
    /// what to do instead of reporting an error.
    pub(super) fn refused_save(&mut self, err: &StoreError) {
        if let Some(session) = &mut self.session {
            self.disk.prompt = session.check_disk();
        }
        self.error(format!("{err}: choose Reload, Keep mine or Merge."));
    }

    /// Applies the answer to "changed on disk".
    pub(super) fn resolve_disk_change(&mut self, choice: DiskChoice) {
        let Some(session) = &mut self.session else {
            return;
        };
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
                self.disk.prompt = session.check_disk();
                if text_changed {
                    let mut view = TextView::new(session.doc());
                    view.selection = Selection::caret_at(0);
                    self.view = Some(view);
                    if let Some(bar) = &mut self.search {
                        bar.forget_hits();
                    }
                }
                self.corpus.update(session);
                self.review = ReviewPanel::for_session(session, &self.corpus);
                self.journaled_state = None;
                if forget_learned {
                    self.learned.clear();
                }
                self.info(message);
            }
            Err(err) => {
                self.disk.prompt = session.check_disk();
                self.error(err.to_string());
            }
        }
    }
}

/// Keys while "changed on disk" is shown: R, K, M.
pub fn key_commands(ctx: &egui::Context) -> Vec<Command> {
    super::keys::pressed_keys(ctx)
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
pub fn prompt(ctx: &egui::Context, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let (Some(change), Some(session)) = (&app.disk.prompt, &app.session) else {
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

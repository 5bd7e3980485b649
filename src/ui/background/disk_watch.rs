//! Watching the open document's files for changes by other programs: the
//! folder is watched (notify), and the files are due for a check when the
//! watcher's events settle or the window regains the focus.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::Watcher as _;

use crate::session::Session;
use crate::store::folder_of;

/// How long after the watcher's last event the files are checked: a
/// program saving a file may take several steps (write, rename, chmod).
pub const SETTLE: Duration = Duration::from_millis(200);

/// A folder watch for one document's files.
struct Watching {
    /// Dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    /// One message per event on the article or its annotation file.
    events: mpsc::Receiver<()>,
    /// The files watched.
    files: (PathBuf, PathBuf),
}

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

/// The window's watch on the open document's files.
#[derive(Default)]
pub struct DiskWatch {
    watching: Option<Watching>,
    /// Why the folder cannot be watched (reported once per document).
    watch_failed: Option<(PathBuf, PathBuf)>,
    /// When to check the files (after the watcher's events settle).
    check_at: Option<Instant>,
    /// How many times the files were checked when due (for tests).
    pub(in crate::ui) checks_when_due: u64,
}

impl DiskWatch {
    /// Watches `session`'s files (again, if they moved); returns why the
    /// folder cannot be watched, the first time it fails.
    pub fn follow(&mut self, ctx: &egui::Context, session: &Session) -> Option<String> {
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
    pub fn due(&mut self, ctx: &egui::Context, regained: bool) -> bool {
        let mut events = false;
        if let Some(watching) = &self.watching {
            while watching.events.try_recv().is_ok() {
                events = true;
            }
        }
        if events {
            self.check_at = Some(Instant::now() + SETTLE);
        }
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

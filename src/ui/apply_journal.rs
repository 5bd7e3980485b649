//! The recovery journal in the window: unsaved edits are written beside the
//! annotation file every few seconds and when the window loses focus, so a
//! crash or a kill loses at most the last few seconds; opening a document
//! with a journal left by such a session offers to restore it.

use std::time::{Duration, Instant};

use super::app::NewsmarkApp;
use crate::journal::RecoveredJournal;
use crate::session::JournalWrite;
use crate::store::StoreError;

/// How often unsaved edits are written to the journal.
pub const JOURNAL_EVERY: Duration = Duration::from_secs(3);

/// From how many spans the journal is written on another thread: writing
/// 1,000 spans with their context takes about 1.5 ms, 177,000 about 300 ms.
pub const BACKGROUND_JOURNAL_SPANS: usize = 1_000;

/// A journal found on opening, waiting for the user's answer.
pub struct OfferedJournal {
    /// What was found.
    pub journal: RecoveredJournal,
    /// "3 minutes ago" and the like, for the question.
    pub age: String,
}

/// Roughly how long ago `written` was.
fn age(written: std::time::SystemTime) -> String {
    let secs = written.elapsed().map_or(0, |d| d.as_secs());
    ago(secs)
}

/// `secs` seconds, in the unit that reads best: "1 minute ago", "3 hours ago".
fn ago(secs: u64) -> String {
    let (n, one, many) = match secs {
        0..=89 => (secs, "second", "seconds"),
        90..=5399 => (secs / 60, "minute", "minutes"),
        5400..=172_799 => (secs / 3600, "hour", "hours"),
        _ => (secs / 86_400, "day", "days"),
    };
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    format!("{} ago", crate::plural::counted(n, one, many))
}

impl NewsmarkApp {
    /// Looks for a journal left by a session that ended without saving.
    pub(super) fn check_journal(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        match session.recovered_journal() {
            Ok(Some(journal)) => {
                let age = age(journal.written);
                self.prompts.journal = Some(OfferedJournal { journal, age });
            }
            Ok(None) => {}
            Err(unreadable) => self.error(unreadable.to_string()),
        }
    }

    /// Writes the journal when due: every few seconds while there are
    /// unsaved edits, and at once when the window loses focus. A long
    /// document's journal is written on another thread.
    pub(super) fn keep_journal(&mut self, ctx: &egui::Context) {
        if !self.collect_journal_write() {
            ctx.request_repaint_after(Duration::from_millis(50));
            return;
        }
        let Some(doc) = &mut self.doc else {
            return;
        };
        let (session, clock) = (&doc.session, &mut doc.journal);
        let lost_focus = std::mem::take(&mut clock.focus_lost);
        let state = session.history().state();
        let due = clock
            .written_at
            .is_none_or(|t| t.elapsed() >= JOURNAL_EVERY);
        let dirty = session.is_dirty();
        if clock.written_state != Some(state) && (due || lost_focus || !dirty) {
            // Back at the saved state this removes the journal; the clock only
            // counts writes.
            let written = if session.set().len() >= BACKGROUND_JOURNAL_SPANS {
                session.start_journal_write().map(|write| {
                    self.background.journal_write = write;
                })
            } else {
                session.write_journal()
            };
            clock.written_state = Some(state);
            if dirty {
                clock.written_at = Some(Instant::now());
            }
            if let Err(err) = written {
                self.journal_failed(&err);
            }
        } else if clock.written_state != Some(state) {
            ctx.request_repaint_after(JOURNAL_EVERY);
        }
    }

    /// Reports how the background journal write went once it is done;
    /// `false` while it is still running.
    fn collect_journal_write(&mut self) -> bool {
        if self
            .background
            .journal_write
            .as_ref()
            .is_some_and(|w| !w.is_finished())
        {
            return false;
        }
        if let Some(Err(err)) = self.background.journal_write.take().map(JournalWrite::wait) {
            self.journal_failed(&err);
        }
        true
    }

    fn journal_failed(&mut self, err: &StoreError) {
        self.error(format!("could not write the recovery journal: {err}"));
    }

    /// Waits for the background journal write, if one is running (before
    /// the window closes).
    pub(super) fn finish_journal_write(&mut self) {
        if let Some(write) = self.background.journal_write.take() {
            let _ = write.wait();
        }
    }

    /// The answer to "restore unsaved work?".
    pub(super) fn answer_journal(&mut self, restore: bool) {
        let (Some(offered), Some(session)) = (
            self.prompts.journal.take(),
            self.doc.as_mut().map(|d| &mut d.session),
        ) else {
            return;
        };
        if restore {
            match session.restore(&offered.journal.set) {
                Ok(true) => {
                    self.info("Restored the unsaved work (Ctrl+Z undoes it; Ctrl+S saves it).");
                }
                Ok(false) => self.info("Nothing to restore."),
                Err(err) => self.error(format!("could not restore: {err}")),
            }
        } else if let Err(err) = session.discard_journal() {
            self.error(err.to_string());
        } else {
            self.info("Discarded the unsaved work.");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_say_one_minute_and_one_hour_in_the_singular() {
        assert_eq!(ago(1), "1 second ago");
        assert_eq!(ago(45), "45 seconds ago");
        assert_eq!(ago(100), "1 minute ago");
        assert_eq!(ago(600), "10 minutes ago");
        assert_eq!(ago(5400), "1 hour ago");
        assert_eq!(ago(7200), "2 hours ago");
        assert_eq!(ago(172_800), "2 days ago");
    }
}

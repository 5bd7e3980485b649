//! The recovery journal in the window: unsaved edits are written beside the
//! annotation file every few seconds and when the window loses focus, so a
//! crash or a kill loses at most the last few seconds; opening a document
//! with a journal left by such a session offers to restore it.

use std::time::{Duration, Instant};

use crate::session::JournalWrite;
use crate::store::StoreError;
use crate::ui::app::NewsmarkApp;
use crate::ui::prompts::journal::OfferedJournal;

/// How often unsaved edits are written to the journal.
pub const JOURNAL_EVERY: Duration = Duration::from_secs(3);

/// From how many spans the journal is written on another thread: writing
/// 1,000 spans with their context takes about 1.5 ms, 177,000 about 300 ms.
pub const BACKGROUND_JOURNAL_SPANS: usize = 1_000;

impl NewsmarkApp {
    /// Looks for a journal left by a session that ended without saving,
    /// and offers to restore it.
    pub(in crate::ui) fn check_journal(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        match session.recovered_journal() {
            Ok(Some(journal)) => self.prompts.journal = Some(OfferedJournal::new(journal)),
            Ok(None) => {}
            Err(unreadable) => self.error(unreadable.to_string()),
        }
    }

    /// Writes the journal when due: every few seconds while there are
    /// unsaved edits, and at once when the window loses focus. A long
    /// document's journal is written on another thread.
    pub(in crate::ui) fn keep_journal(&mut self, ctx: &egui::Context) {
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
    pub(in crate::ui) fn finish_journal_write(&mut self) {
        if let Some(Err(err)) = self.background.journal_write.take().map(JournalWrite::wait) {
            log::warn!("could not write the recovery journal before closing: {err}");
        }
    }
}

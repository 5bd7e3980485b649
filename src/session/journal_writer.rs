//! Writing a session's recovery journal on another thread, from a
//! snapshot of its spans: serializing a long document's spans takes
//! hundreds of milliseconds, which a frame cannot spare.
//!
//! Every write and removal of the journal passes a [`JournalGate`], so a
//! background write started before a save (or before a newer write) never
//! lands after it and brings back stale annotations.

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use super::Session;
use crate::journal::Journal;
use crate::store::{self, StoreError};

/// Orders a session's journal writes and removals: each takes a new
/// generation, and a background write lands only if no later one was
/// taken before it is done.
#[derive(Clone, Debug, Default)]
pub(super) struct JournalGate(Arc<Mutex<u64>>);

impl JournalGate {
    /// Runs `change` on the journal now, as the latest generation.
    pub(super) fn now<T>(&self, change: impl FnOnce() -> T) -> T {
        let mut generation = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *generation += 1;
        change()
    }

    /// A generation for a write that will land later (see [`Self::land`]).
    fn ticket(&self) -> u64 {
        let mut generation = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *generation += 1;
        *generation
    }

    /// Runs `write` if `ticket` is still the latest generation; `None` if
    /// a later write or removal made it stale.
    fn land<T>(&self, ticket: u64, write: impl FnOnce() -> T) -> Option<T> {
        let generation = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        (*generation == ticket).then(write)
    }
}

/// A journal write running on another thread.
#[derive(Debug)]
pub struct JournalWrite {
    journal: Journal,
    thread: JoinHandle<Result<bool, StoreError>>,
}

impl JournalWrite {
    /// Whether the thread is done ([`Self::wait`] then returns at once).
    pub fn is_finished(&self) -> bool {
        self.thread.is_finished()
    }

    /// Waits for the write. `Ok(true)` if the journal was written,
    /// `Ok(false)` if it already held these annotations or a later write
    /// or removal superseded this one.
    pub fn wait(self) -> Result<bool, StoreError> {
        self.thread.join().unwrap_or_else(|_| {
            Err(StoreError::Write {
                path: self.journal.path().to_owned(),
                source: std::io::Error::other("the journal writer panicked"),
            })
        })
    }
}

impl Session {
    /// [`Self::write_journal`] with the writing on another thread: this
    /// only copies pointers to the spans. A session at its saved state
    /// removes its journal at once and returns `None`.
    pub fn start_journal_write(&self) -> Result<Option<JournalWrite>, StoreError> {
        let journal = self.journal();
        if !self.is_dirty() {
            self.journal_gate.now(|| journal.remove())?;
            return Ok(None);
        }
        let ticket = self.journal_gate.ticket();
        let gate = self.journal_gate.clone();
        let (name, doc, snapshot) = (self.name(), self.shared_doc(), self.set.snapshot());
        let target = journal.clone();
        log::debug!("journal {} being written", journal.path().display());
        let thread = std::thread::Builder::new()
            .name("newsmark journal".into())
            .spawn(move || {
                let sha = store::text_sha256(doc.text());
                let contents = store::snapshot_to_ron_string(&name, &doc, &sha, &snapshot);
                let landed = gate.land(ticket, || target.write_contents(&contents));
                let path = target.path().display();
                match &landed {
                    Some(Ok(_)) => log::debug!("journal {path} written"),
                    Some(Err(err)) => log::debug!("journal {path} not written: {err}"),
                    None => log::debug!("journal {path} not written: a later change came first"),
                }
                landed.unwrap_or(Ok(false))
            })
            .map_err(|source| StoreError::Write {
                path: journal.path().to_owned(),
                source,
            })?;
        Ok(Some(JournalWrite { journal, thread }))
    }
}

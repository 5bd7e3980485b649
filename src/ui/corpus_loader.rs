//! Reading a folder's annotation files in the background, so that opening a
//! folder of thousands of articles shows the first one at once and the
//! document list fills in while the window stays live.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use crate::corpus::DocEntry;
use crate::model::LabelSchema;

/// A running read of a folder's annotation files.
pub struct CorpusLoader {
    entries: mpsc::Receiver<DocEntry>,
    stop: Arc<AtomicBool>,
}

impl CorpusLoader {
    /// Starts reading `paths`' annotations.
    pub fn start(paths: Vec<PathBuf>, schema: LabelSchema) -> Self {
        let (tx, entries) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        std::thread::spawn(move || {
            for path in paths {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                if tx.send(DocEntry::read(&path, &schema)).is_err() {
                    break;
                }
            }
        });
        Self { entries, stop }
    }

    /// Entries read since the last call; `None` once everything is read.
    pub fn take(&self) -> Option<Vec<DocEntry>> {
        let mut out = Vec::new();
        loop {
            match self.entries.try_recv() {
                Ok(entry) => out.push(entry),
                Err(mpsc::TryRecvError::Empty) => return Some(out),
                Err(mpsc::TryRecvError::Disconnected) => {
                    return (!out.is_empty()).then_some(out);
                }
            }
        }
    }
}

impl Drop for CorpusLoader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

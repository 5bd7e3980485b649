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
    /// Starts reading `paths`' annotations, on as many threads as there are
    /// cores (up to 4): entries arrive in no particular order.
    pub fn start(paths: Vec<PathBuf>, schema: LabelSchema) -> Self {
        let (tx, entries) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let (paths, schema) = (Arc::new(paths), Arc::new(schema));
        for first in 0..threads {
            let (tx, stopped) = (tx.clone(), Arc::clone(&stop));
            let (paths, schema) = (Arc::clone(&paths), Arc::clone(&schema));
            std::thread::spawn(move || {
                for path in paths.iter().skip(first).step_by(threads) {
                    if stopped.load(Ordering::Relaxed) {
                        break;
                    }
                    if tx.send(DocEntry::read(path, &schema)).is_err() {
                        break;
                    }
                }
            });
        }
        Self { entries, stop }
    }

    /// Entries read since the last call, at most `limit` of them (the rest
    /// wait for the next call, so that one frame never takes thousands);
    /// `None` once everything is read.
    pub fn take(&self, limit: usize) -> Option<Vec<DocEntry>> {
        let mut out = Vec::new();
        while out.len() < limit {
            match self.entries.try_recv() {
                Ok(entry) => out.push(entry),
                Err(mpsc::TryRecvError::Empty) => return Some(out),
                Err(mpsc::TryRecvError::Disconnected) => {
                    return (!out.is_empty()).then_some(out);
                }
            }
        }
        Some(out)
    }
}

impl Drop for CorpusLoader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

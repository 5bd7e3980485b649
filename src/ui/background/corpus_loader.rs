//! Reading a folder's annotation files in the background, so that opening a
//! folder of thousands of articles shows the first one at once and the
//! document list fills in while the window stays live.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use crate::corpus::{CorpusIndex, DocEntry};
use crate::model::LabelSchema;
use crate::store;

/// What the background read of a folder hands the window.
pub enum Loaded {
    /// The folder's articles, listed (first, and once): an empty index if
    /// the folder could not be listed.
    Listed(CorpusIndex),
    /// An article's annotations, read.
    Entry(DocEntry),
}

/// A running read of a folder: its list of articles, then their
/// annotation files.
pub struct CorpusLoader {
    entries: mpsc::Receiver<Loaded>,
    stop: Arc<AtomicBool>,
    /// Whether the folder was just opened (not read again after an
    /// import): its left panel is chosen once it is listed.
    pub opens_folder: bool,
}

impl CorpusLoader {
    /// Starts clearing `dir`'s leftover temporary files, listing its
    /// articles and then reading their annotations on as many threads as
    /// there are cores (up to 4). The list comes first
    /// ([`Loaded::Listed`]); entries then arrive in no particular order.
    /// Listing 100,000 articles takes a few hundred milliseconds, which the
    /// window's first frame does not wait for.
    pub fn start(dir: PathBuf, schema: LabelSchema, opens_folder: bool) -> Self {
        let (tx, entries) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        std::thread::spawn(move || {
            // Temporary files of saves interrupted by a crash (never read
            // as annotations), once per folder opened.
            let removed = store::remove_stale_temp_files(&dir, store::STALE_TEMP_AGE);
            if !removed.is_empty() {
                log::debug!(
                    "{}: removed {} stale temporary files",
                    dir.display(),
                    removed.len()
                );
            }
            let index = CorpusIndex::list(&dir).unwrap_or_else(|err| {
                log::warn!("{}: cannot list the folder: {err}", dir.display());
                CorpusIndex::default()
            });
            let paths: Vec<PathBuf> = index.entries.iter().map(|e| e.path.clone()).collect();
            if tx.send(Loaded::Listed(index)).is_err() {
                return;
            }
            read_entries(paths, &schema, &tx, &stopped);
        });
        Self {
            entries,
            stop,
            opens_folder,
        }
    }

    /// What was read since the last call, at most `limit` entries (the
    /// rest wait for the next call, so that one frame never takes
    /// thousands); `None` once everything is read.
    pub fn take(&self, limit: usize) -> Option<Vec<Loaded>> {
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

/// Reads `paths`' annotations on up to 4 threads (this one among them),
/// sending each entry to `tx` until `stopped`.
fn read_entries(
    paths: Vec<PathBuf>,
    schema: &LabelSchema,
    tx: &mpsc::Sender<Loaded>,
    stopped: &Arc<AtomicBool>,
) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let (paths, schema) = (Arc::new(paths), Arc::new(schema.clone()));
    let read = move |first: usize,
                     paths: &[PathBuf],
                     schema: &LabelSchema,
                     tx: &mpsc::Sender<Loaded>,
                     stopped: &AtomicBool| {
        for path in paths.iter().skip(first).step_by(threads) {
            if stopped.load(Ordering::Relaxed) {
                break;
            }
            if tx
                .send(Loaded::Entry(DocEntry::read(path, schema)))
                .is_err()
            {
                break;
            }
        }
    };
    for first in 1..threads {
        let (tx, stopped) = (tx.clone(), Arc::clone(stopped));
        let (paths, schema) = (Arc::clone(&paths), Arc::clone(&schema));
        std::thread::spawn(move || read(first, &paths, &schema, &tx, &stopped));
    }
    read(0, &paths, &schema, tx, stopped);
}

impl Drop for CorpusLoader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_list_comes_first_then_every_entry_once() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c", "d", "e"] {
            std::fs::write(dir.path().join(format!("{name}.txt")), "Iran").unwrap();
        }
        let loader = CorpusLoader::start(dir.path().to_owned(), LabelSchema::default(), true);
        let mut loaded = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while let Some(some) = loader.take(2) {
            assert!(some.len() <= 2, "at most the limit");
            loaded.extend(some);
            assert!(std::time::Instant::now() < deadline, "the loader ends");
        }
        let Some((Loaded::Listed(index), entries)) = loaded.split_first() else {
            panic!("the list comes first");
        };
        assert_eq!(index.entries.len(), 5);
        let mut read: Vec<&str> = entries
            .iter()
            .map(|l| match l {
                Loaded::Entry(e) => e.name.as_str(),
                Loaded::Listed(_) => panic!("listed once"),
            })
            .collect();
        read.sort_unstable();
        assert_eq!(read, ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]);
    }
}

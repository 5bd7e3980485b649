//! Reading the open folder's annotation files in the background (see
//! [`crate::ui::background::corpus_loader`]): starting, taking what was read each frame, and
//! stopping.

use std::path::Path;

use crate::corpus::CorpusIndex;
use crate::ui::app::{LeftTab, NewsmarkApp};
use crate::ui::background::corpus_loader::CorpusLoader;

/// How many entries read in the background a frame takes into the index at
/// most: the rest wait for the next frames, so that a frame that comes late
/// (the window was busy, or hidden) does not take thousands at once.
const ENTRIES_PER_FRAME: usize = 500;

impl NewsmarkApp {
    /// Lists the articles of `dir` at once and starts reading their
    /// annotation files in the background, all but `open`'s: its session
    /// has read it, and reading a large article again would hold a second
    /// copy of it for a while.
    pub(in crate::ui) fn read_folder(&mut self, dir: &Path, open: &Path) {
        self.folder.corpus = CorpusIndex::list(dir).unwrap_or_default();
        let paths = self
            .folder
            .corpus
            .entries
            .iter()
            .filter(|e| e.path != open)
            .map(|e| e.path.clone())
            .collect();
        self.folder.loader = Some(CorpusLoader::start(paths, self.folder.schema.clone()));
    }

    /// Takes the annotation files read in the background; when all are read,
    /// the review panel is rebuilt from them.
    pub(in crate::ui) fn poll_corpus_loader(&mut self, ctx: &egui::Context) {
        let Some(loader) = &self.folder.loader else {
            return;
        };
        match loader.take(ENTRIES_PER_FRAME) {
            Some(entries) => {
                for entry in entries {
                    self.folder.corpus.set_loaded(entry);
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(30));
            }
            None => self.finish_reading_folder(),
        }
    }

    /// Ends reading the folder (done or stopped): the review panel is
    /// rebuilt from what was read.
    fn finish_reading_folder(&mut self) {
        self.folder.loader = None;
        if let Some(doc) = &mut self.doc {
            self.folder.corpus.update(&doc.session);
            doc.refresh_review(&self.folder.corpus);
            if self.layout.left.is_none() && doc.review.has_suggestions(&doc.session) {
                self.layout.left = Some(LeftTab::Review);
            }
        }
    }

    /// Stops reading the folder's annotation files, keeping what was read.
    pub(in crate::ui) fn stop_reading_folder(&mut self) {
        if self.folder.loader.is_none() {
            return;
        }
        self.finish_reading_folder();
        let (done, total) = (
            self.folder.corpus.loaded_count(),
            self.folder.corpus.entries.len(),
        );
        self.info(format!(
            "Stopped reading the folder after {done} of {total} documents; the others show no counts until the folder is opened again"
        ));
    }
}

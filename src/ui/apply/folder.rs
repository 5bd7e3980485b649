//! Reading the open folder's annotation files in the background (see
//! [`crate::ui::background::corpus_loader`]): starting, taking what was read each frame, and
//! stopping.

use std::path::Path;

use crate::corpus::CorpusIndex;
use crate::ui::app::{LeftTab, NewsmarkApp};
use crate::ui::background::corpus_loader::{CorpusLoader, Loaded};

/// How many entries read in the background a frame takes into the index at
/// most: the rest wait for the next frames, so that a frame that comes late
/// (the window was busy, or hidden) does not take thousands at once.
const ENTRIES_PER_FRAME: usize = 500;

impl NewsmarkApp {
    /// Starts listing the articles of `dir` and reading their annotation
    /// files in the background (`opens_folder`: the folder was just opened,
    /// rather than read again). Until the list comes, the folder's index
    /// is empty.
    pub(in crate::ui) fn read_folder(&mut self, dir: &Path, opens_folder: bool) {
        self.folder.corpus = CorpusIndex::empty(dir);
        self.folder.loader = Some(CorpusLoader::start(
            dir.to_owned(),
            self.folder.schema.clone(),
            opens_folder,
        ));
    }

    /// Takes the folder's list of articles, read in the background: the
    /// open document's entry is its session's, and a folder just opened
    /// with several articles shows its document list (unless a panel is
    /// open already).
    fn take_listing(&mut self, index: CorpusIndex) {
        self.folder.corpus.take_listing(index);
        if let Some(doc) = &self.doc {
            self.folder.corpus.update(&doc.session);
        }
        let opens_folder = self.folder.loader.as_ref().is_some_and(|l| l.opens_folder);
        if opens_folder && self.layout.left.is_none() {
            self.layout.left = self.left_tab_for_new_folder();
        }
    }

    /// Takes the annotation files read in the background; when all are read,
    /// the review panel is rebuilt from them.
    pub(in crate::ui) fn poll_corpus_loader(&mut self, ctx: &egui::Context) {
        let Some(loader) = &self.folder.loader else {
            return;
        };
        match loader.take(ENTRIES_PER_FRAME) {
            Some(loaded) => {
                for loaded in loaded {
                    match loaded {
                        Loaded::Listed(index) => self.take_listing(index),
                        // The open document's entry is its session's, as
                        // it is now (saved or not).
                        Loaded::Entry(entry)
                            if self.session().is_some_and(|s| s.txt_path() == entry.path) => {}
                        Loaded::Entry(entry) => self.folder.corpus.set_loaded(entry),
                    }
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

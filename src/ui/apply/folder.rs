//! Reading the open folder's annotation files in the background (see
//! [`crate::ui::background::corpus_loader`], started by
//! [`crate::ui::folder::Folder::read`]): taking what was read each frame,
//! and stopping.

use std::path::{Path, PathBuf};

use crate::corpus::{CorpusIndex, DocDigest};
use crate::model::LabelSchema;
use crate::ui::app::{LeftTab, NewsmarkApp};
use crate::ui::background::corpus_loader::Loaded;
use crate::ui::folder::Folder;

/// How many entries read in the background a frame takes into the index at
/// most: the rest wait for the next frames, so that a frame that comes late
/// (the window was busy, or hidden) does not take thousands at once.
const ENTRIES_PER_FRAME: usize = 500;

impl NewsmarkApp {
    /// Takes the folder's list of articles, read in the background: the
    /// open document's entry is its session's, and a folder just opened
    /// with several articles shows its document list (unless a panel is
    /// open already).
    fn take_listing(&mut self, index: CorpusIndex) {
        let Some(folder) = &mut self.folder else {
            return;
        };
        folder.corpus.take_listing(index);
        if let Some(doc) = &self.doc {
            folder.corpus.update(&doc.session);
        }
        let opens_folder = folder.loader.as_ref().is_some_and(|l| l.opens_folder);
        if opens_folder && self.layout.left.is_none() {
            self.layout.left = self.left_tab_for_new_folder();
        }
    }

    /// Takes the annotation files read in the background; when all are read,
    /// the review panel is rebuilt from them.
    pub(in crate::ui) fn poll_corpus_loader(&mut self, ctx: &egui::Context) {
        let Some(loader) = self.folder.as_ref().and_then(|f| f.loader.as_ref()) else {
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
                        Loaded::Entry(entry) => {
                            if let Some(folder) = &mut self.folder {
                                folder.corpus.set_loaded(entry);
                            }
                        }
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
        let Some(folder) = &mut self.folder else {
            return;
        };
        folder.loader = None;
        if let Some(doc) = &mut self.doc {
            folder.corpus.update(&doc.session);
            doc.refresh_review(&folder.corpus);
            if self.layout.left.is_none() && doc.review.has_suggestions(&doc.session) {
                self.layout.left = Some(LeftTab::Review);
            }
        }
    }

    /// Stops reading the folder's annotation files, keeping what was read.
    pub(in crate::ui) fn stop_reading_folder(&mut self) {
        if self.folder.as_ref().is_none_or(|f| f.loader.is_none()) {
            return;
        }
        self.finish_reading_folder();
        let Some(corpus) = self.corpus_index() else {
            return;
        };
        let (done, total) = (corpus.loaded_count(), corpus.entries.len());
        self.info(format!(
            "Stopped reading the folder after {done} of {total} documents; the others show no counts until the folder is opened again"
        ));
    }

    /// The open folder's documents, if a folder is open.
    pub(in crate::ui) fn corpus_index(&self) -> Option<&CorpusIndex> {
        self.folder.as_ref().map(|f| &f.corpus)
    }

    /// The open folder's directory (empty without a folder).
    pub(in crate::ui) fn folder_dir(&self) -> PathBuf {
        self.corpus_index()
            .map(|c| c.dir.clone())
            .unwrap_or_default()
    }

    /// The open folder's labels (the built-in ones without a folder).
    pub(in crate::ui) fn schema(&self) -> &LabelSchema {
        Folder::schema_of(self.folder.as_ref())
    }

    /// Records `digest`, of the annotations of `path` as a background job
    /// wrote them, in the open folder's index (an article of another
    /// folder is not in it, and is left out).
    pub(in crate::ui) fn record_in_folder(&mut self, path: &Path, digest: DocDigest) {
        if let Some(folder) = &mut self.folder {
            folder.corpus.record_digest(path, digest, None);
        }
    }

    /// Rebuilds the open document's review panel from the folder's index.
    pub(in crate::ui) fn refresh_review(&mut self) {
        if let (Some(doc), Some(folder)) = (&mut self.doc, &self.folder) {
            doc.refresh_review(&folder.corpus);
        }
    }
}

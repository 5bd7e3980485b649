//! The open folder: its settings, its documents as last read, and the work
//! that concerns all of them. It outlives the documents opened in it and is
//! read again when a document of another folder opens.

use std::path::Path;

use super::apply::learned::LearnedOffers;
use super::background::corpus_loader::CorpusLoader;
use super::background::suggest_job::OpenArticle;
use crate::corpus::CorpusIndex;
use crate::model::LabelSchema;
use crate::settings;

/// The open folder.
#[derive(Default)]
pub struct Folder {
    /// The labels, from the folder's `newsmark.ron` (or built in).
    pub schema: LabelSchema,
    /// The folder's annotation guidelines, from its `newsmark.ron`.
    pub guidelines: Option<String>,
    /// The folder's documents as last read or saved (and the folder).
    pub corpus: CorpusIndex,
    /// Reads the folder's annotation files in the background.
    pub loader: Option<CorpusLoader>,
    /// Terms learned in saved documents, waiting to be offered to the
    /// folder's other documents.
    pub learned_offers: LearnedOffers,
    /// The open article, as suggestion jobs see it.
    pub open_article: OpenArticle,
}

impl Folder {
    /// Whether opening an article of `dir` enters another folder (or the
    /// first one).
    pub fn is_other(&self, dir: &Path) -> bool {
        self.corpus.dir != dir || self.corpus.entries.is_empty()
    }

    /// Reads `dir`'s settings; returns what is wrong with them, if
    /// anything (the built-in labels are used then).
    pub fn read_settings(&mut self, dir: &Path) -> Option<String> {
        match settings::load(dir) {
            Ok(settings) => {
                self.schema = settings.schema();
                self.guidelines = settings.guidelines;
                None
            }
            Err(err) => {
                self.schema = LabelSchema::default();
                self.guidelines = None;
                Some(format!("{err}; using the built-in labels"))
            }
        }
    }
}

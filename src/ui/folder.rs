//! The open folder: its settings, its documents as last read, and the work
//! that concerns all of them. It outlives the documents opened in it and is
//! replaced whole when a document of another folder opens.

use std::path::Path;
use std::sync::LazyLock;

use super::apply::learned::LearnedOffers;
use super::background::corpus_loader::CorpusLoader;
use super::widgets::agreement_window::AgreementPanel;
use super::widgets::entity_panel::EntityPanel;
use super::widgets::facts_window::FactsPanel;
use crate::corpus::CorpusIndex;
use crate::model::LabelSchema;
use crate::settings;

/// The open folder.
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
    /// The agreement of the folder's annotators (Ctrl+Shift+A).
    pub agreement: AgreementPanel,
    /// The entity registry (`entities.ron`) and the Entities tab.
    pub entities: EntityPanel,
    /// The facts table window (Ctrl+Shift+F).
    pub facts: FactsPanel,
}

impl Folder {
    /// Opens the folder `dir`: reads its settings and starts reading its
    /// documents in the background. Also returns what is wrong with the
    /// settings, if anything (the built-in labels are used then).
    pub fn open(dir: &Path) -> (Self, Option<String>) {
        let (schema, guidelines, problem) = match settings::load(dir) {
            Ok(settings) => (settings.schema(), settings.guidelines, None),
            Err(err) => (
                LabelSchema::default(),
                None,
                Some(format!("{err}; using the built-in labels")),
            ),
        };
        let mut folder = Self {
            schema,
            guidelines,
            corpus: CorpusIndex::empty(dir),
            loader: None,
            learned_offers: LearnedOffers::default(),
            agreement: AgreementPanel::default(),
            entities: EntityPanel::load(dir),
            facts: FactsPanel::default(),
        };
        folder.read(dir, true);
        (folder, problem)
    }

    /// The labels of `folder` (the built-in ones without a folder).
    pub fn schema_of(folder: Option<&Self>) -> &LabelSchema {
        static BUILT_IN: LazyLock<LabelSchema> = LazyLock::new(LabelSchema::default);
        folder.map_or(&BUILT_IN, |f| &f.schema)
    }

    /// The documents of `folder` (none without a folder).
    pub fn documents_of(folder: Option<&Self>) -> &CorpusIndex {
        static NONE: LazyLock<CorpusIndex> = LazyLock::new(CorpusIndex::default);
        folder.map_or(&NONE, |f| &f.corpus)
    }

    /// Whether opening an article of `dir` enters another folder (or the
    /// same one whose documents were forgotten, or not listed yet).
    pub fn is_other(&self, dir: &Path) -> bool {
        self.corpus.dir != dir || self.corpus.entries.is_empty()
    }

    /// Starts listing the articles of `dir` and reading their annotation
    /// files in the background (`opens_folder`: the folder was just opened,
    /// rather than read again). Until the list comes, the index is empty.
    pub fn read(&mut self, dir: &Path, opens_folder: bool) {
        self.corpus = CorpusIndex::empty(dir);
        self.loader = Some(CorpusLoader::start(
            dir.to_owned(),
            self.schema.clone(),
            opens_folder,
        ));
    }

    /// Forgets the folder's documents (it has new ones): the next article
    /// opened in it opens the folder again.
    pub fn forget_documents(&mut self) {
        self.corpus = CorpusIndex::empty(&self.corpus.dir);
    }

    /// Takes over the offers waiting in `old`, the folder open before this
    /// one, if it is the same folder opened again (however its path is
    /// written); offers learned in another folder are dropped with it.
    pub fn keep_offers_of(&mut self, old: Self) {
        let canonical = |dir: &Path| std::fs::canonicalize(dir).ok();
        let (was, now) = (&old.corpus.dir, &self.corpus.dir);
        if was == now || canonical(was).is_some_and(|w| Some(w) == canonical(now)) {
            self.learned_offers = old.learned_offers;
        }
    }
}

//! The documents of a corpus folder with their review state, for the
//! document list, navigation and corpus-wide figures.

use std::path::{Path, PathBuf};

use super::articles_in;
use crate::model::{AnnotationSet, LabelSchema, Status};
use crate::session::Session;
use crate::store::{self, StoreError};

/// Where a document stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocStatus {
    /// No spans yet.
    New,
    /// Some spans, not marked done.
    InProgress,
    /// Marked done by an annotator.
    Done,
}

impl DocStatus {
    /// A word for the document list.
    pub fn name(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::InProgress => "in progress",
            Self::Done => "done",
        }
    }
}

/// One article of the corpus.
#[derive(Clone, Debug)]
pub struct DocEntry {
    /// The article.
    pub path: PathBuf,
    /// Its file name.
    pub name: String,
    /// Its annotations as last read or saved; `None` if they could not be
    /// read (see `error`).
    pub set: Option<AnnotationSet>,
    /// Why the article or its annotations could not be read, if so.
    pub error: Option<String>,
    /// Whether `set` and `error` have been read yet (see
    /// [`CorpusIndex::list`]).
    pub loaded: bool,
}

impl DocEntry {
    /// Reads an article's annotations ([`crate::session::read_annotations`]:
    /// only what the document list shows).
    pub fn read(path: &Path, schema: &LabelSchema) -> Self {
        let name = store::file_name(path);
        match crate::session::read_annotations(path, schema) {
            Ok((set, error)) => Self {
                path: path.to_owned(),
                name,
                error,
                set: Some(set),
                loaded: true,
            },
            Err(err) => Self {
                path: path.to_owned(),
                name,
                set: None,
                error: Some(err.to_string()),
                loaded: true,
            },
        }
    }

    /// New, in progress or done.
    pub fn status(&self) -> DocStatus {
        match &self.set {
            Some(set) if set.is_done() => DocStatus::Done,
            Some(set) if !set.is_empty() => DocStatus::InProgress,
            _ => DocStatus::New,
        }
    }

    /// Number of spans (rejected suggestions excluded).
    pub fn span_count(&self) -> usize {
        self.set.as_ref().map_or(0, |s| {
            s.spans()
                .iter()
                .filter(|s| s.status != Status::Rejected)
                .count()
        })
    }

    /// Number of pending suggestions.
    pub fn pending_count(&self) -> usize {
        self.set.as_ref().map_or(0, |s| {
            s.spans()
                .iter()
                .filter(|s| s.status == Status::Pending)
                .count()
        })
    }
}

/// The articles of a corpus folder, sorted by name.
#[derive(Clone, Debug, Default)]
pub struct CorpusIndex {
    /// The folder.
    pub dir: PathBuf,
    /// Its articles.
    pub entries: Vec<DocEntry>,
}

impl CorpusIndex {
    /// Reads every article's annotations in `dir`.
    pub fn scan(dir: &Path, schema: &LabelSchema) -> Result<Self, StoreError> {
        let entries = articles_in(dir)?
            .iter()
            .map(|p| DocEntry::read(p, schema))
            .collect();
        Ok(Self {
            dir: dir.to_owned(),
            entries,
        })
    }

    /// The articles of `dir` by name only, their annotations not read yet:
    /// fast for thousands of files; fill them in with [`Self::set_loaded`].
    pub fn list(dir: &Path) -> Result<Self, StoreError> {
        let entries = articles_in(dir)?
            .into_iter()
            .map(|path| DocEntry {
                name: store::file_name(&path),
                path,
                set: None,
                error: None,
                loaded: false,
            })
            .collect();
        Ok(Self {
            dir: dir.to_owned(),
            entries,
        })
    }

    /// The position of an article (entries are sorted by path).
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.entries
            .binary_search_by(|e| e.path.as_path().cmp(path))
            .ok()
    }

    /// Takes the open session's current annotations into the index.
    pub fn update(&mut self, session: &Session) {
        self.record(
            session.txt_path(),
            session.set().clone(),
            session.save_blocked().map(str::to_owned),
        );
    }

    /// Records an article's annotations as just saved (by the open session
    /// or a background job): newer than anything read before.
    pub fn record(&mut self, path: &Path, set: AnnotationSet, error: Option<String>) {
        if let Some(k) = self.position(path) {
            let entry = &mut self.entries[k];
            entry.set = Some(set);
            entry.error = error;
            entry.loaded = true;
        }
    }

    /// Takes an entry read in the background, unless the index already has
    /// newer news of that article (it was opened or saved meanwhile).
    pub fn set_loaded(&mut self, entry: DocEntry) {
        if let Some(k) = self.position(&entry.path)
            && !self.entries[k].loaded
        {
            self.entries[k] = entry;
        }
    }

    /// How many entries have been read.
    pub fn loaded_count(&self) -> usize {
        self.entries.iter().filter(|e| e.loaded).count()
    }

    /// How many documents are marked done.
    pub fn done_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.status() == DocStatus::Done)
            .count()
    }
}

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
}

impl DocEntry {
    fn read(path: &Path, schema: &LabelSchema) -> Self {
        let name = store::file_name(path);
        match Session::open(path, schema.clone()) {
            Ok(session) => Self {
                path: path.to_owned(),
                name,
                error: session.save_blocked().map(str::to_owned),
                set: Some(session.set().clone()),
            },
            Err(err) => Self {
                path: path.to_owned(),
                name,
                set: None,
                error: Some(err.to_string()),
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

    /// The position of an article.
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.entries.iter().position(|e| e.path == path)
    }

    /// Takes the open session's current annotations into the index.
    pub fn update(&mut self, session: &Session) {
        if let Some(k) = self.position(session.txt_path()) {
            self.entries[k].set = Some(session.set().clone());
        }
    }

    /// How many documents are marked done.
    pub fn done_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.status() == DocStatus::Done)
            .count()
    }
}

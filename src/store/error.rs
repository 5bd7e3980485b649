//! Errors and problems met while reading or writing files.

use std::fmt;
use std::path::PathBuf;

use crate::model::SpanId;

/// A file could not be read, parsed or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read (missing, unreadable, a folder…).
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The text file is not valid UTF-8.
    #[error("{}: not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8 first", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The RON file does not parse.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The RON file has a format version this program does not know.
    #[error("{}: format version {found} is not supported (this newsmark reads version {supported})", path.display())]
    Version {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The version this program reads.
        supported: u32,
    },
    /// Saving over the file is refused because it holds something this
    /// program could not load; saving would lose it.
    #[error("{}: not saved over: {reason}", path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// Why the file is protected.
        reason: String,
    },
    /// The file could not be written; the previous file is untouched.
    #[error("{}: cannot save: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

/// Something wrong in an annotation file that did not stop it loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadProblem {
    /// The annotation file.
    pub file: PathBuf,
    /// The span concerned, if it is about one span.
    pub span_id: Option<SpanId>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span_id {
            Some(id) => write!(f, "{}: span {id}: {}", self.file.display(), self.reason),
            None => write!(f, "{}: {}", self.file.display(), self.reason),
        }
    }
}

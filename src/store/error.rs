//! Errors and problems met while reading or writing files.

use std::fmt;
use std::path::{Path, PathBuf};

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
    /// The text file is not valid in the encoding it was to be converted
    /// from either (only UTF-16 can be invalid; Windows-1252 decodes every
    /// byte).
    #[error("{}: not valid {encoding} text either; not converted", path.display())]
    NotInEncoding {
        /// The file.
        path: PathBuf,
        /// The encoding tried.
        encoding: &'static str,
    },
    /// The file holds NUL bytes near its start: it is binary, not text.
    #[error("{}: looks like a binary file, not text (NUL byte at offset {offset})", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The file is larger than newsmark reads. It was refused from its size
    /// on disk, before reading it.
    #[error(
        "{}: too large: {} ({size} bytes), over the {} limit; not read",
        path.display(), mib(*size), mib(*limit)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes (at least this much).
        size: u64,
        /// The largest size read, in bytes.
        limit: u64,
    },
    /// The path is not a regular file (a FIFO, a device, a socket, a
    /// folder): refused from its metadata, before it is opened.
    #[error("{}: not a regular file but {kind}; not read", path.display())]
    NotRegular {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        kind: &'static str,
    },
    /// The file's real path (symbolic links followed) is outside the corpus
    /// folder it is listed in: refused unread.
    #[error(
        "{}: refused: it leads outside the corpus folder {} (to {}); newsmark reads only files inside the corpus folder",
        path.display(), root.display(), real.display()
    )]
    OutsideCorpus {
        /// The file, as listed in the corpus.
        path: PathBuf,
        /// Where it really is.
        real: PathBuf,
        /// The corpus folder's real path.
        root: PathBuf,
    },
    /// A field of an annotation file breaks a limit of the format (too
    /// long, a control character in a label): the file is not loaded.
    #[error("{}: {field}: {reason}; the file is not loaded", path.display())]
    BadField {
        /// The file.
        path: PathBuf,
        /// Which field, and where (`span 3: label`).
        field: String,
        /// What is wrong with it.
        reason: String,
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
    /// Saving over the file is refused because another program changed
    /// (or created, or deleted) it since this program last read or wrote
    /// it; saving would silently overwrite that program's work.
    #[error("{}: not saved over: it {what} since newsmark read it", path.display())]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
        /// What happened to it ("changed on disk", "was deleted", ...).
        what: String,
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

impl StoreError {
    /// The file concerned.
    pub fn path(&self) -> &Path {
        match self {
            Self::Read { path, .. }
            | Self::NotUtf8 { path, .. }
            | Self::NotInEncoding { path, .. }
            | Self::Binary { path, .. }
            | Self::TooLarge { path, .. }
            | Self::NotRegular { path, .. }
            | Self::OutsideCorpus { path, .. }
            | Self::BadField { path, .. }
            | Self::Syntax { path, .. }
            | Self::Version { path, .. }
            | Self::Refused { path, .. }
            | Self::ChangedOnDisk { path, .. }
            | Self::Write { path, .. } => path,
        }
    }

    /// The 1-based line and column of a syntax error.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::Syntax { line, col, .. } => Some((*line, *col)),
            _ => None,
        }
    }

    /// The message without the file name (nor, for a syntax error, the
    /// line and column) that the full message starts with.
    pub fn reason(&self) -> String {
        let full = self.to_string();
        let prefix = match self.position() {
            Some((line, col)) => format!("{}:{line}:{col}: ", self.path().display()),
            None => format!("{}: ", self.path().display()),
        };
        match full.strip_prefix(&prefix) {
            Some(reason) => reason.to_owned(),
            None => full,
        }
    }
}

/// A size in MiB for messages: `64 MiB`, `70.5 MiB`.
fn mib(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        // Precision is not needed here; the exact byte count is shown too.
        #[allow(clippy::cast_precision_loss)]
        let mib = bytes as f64 / MIB as f64;
        format!("{mib:.1} MiB")
    }
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

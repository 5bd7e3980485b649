//! A folder of articles and their annotation files.

pub mod import;
mod index;
pub mod validate;

pub use index::{CorpusIndex, DocEntry, DocStatus, DocSummary};

use std::path::{Path, PathBuf};

use crate::store::StoreError;

/// The articles (`.txt` entries that are not folders, hidden ones excluded)
/// directly in `dir`, sorted by file name. A `.txt` that is not a regular
/// file (a FIFO, a link to a device or to nothing) or that leads outside
/// `dir` is listed too, so that every reader reports it by name when it
/// refuses to read it ([`crate::store::check_file_to_read`]).
pub fn articles_in(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let read_err = |source| StoreError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut articles = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden && !path.is_dir() && path.extension().is_some_and(|e| e == "txt") {
            articles.push(path);
        }
    }
    articles.sort();
    Ok(articles)
}

/// The article to open for a path given by the user: the file itself, or a
/// folder's first article.
pub fn article_to_open(path: &Path) -> Result<PathBuf, StoreError> {
    if !path.is_dir() {
        return Ok(path.to_owned());
    }
    articles_in(path)?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Read {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no .txt article in this folder",
            ),
        })
}

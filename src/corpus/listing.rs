//! The articles of a corpus folder, listed once and held compactly.
//!
//! A corpus of 100,000 articles is listed once per command; the list is the
//! only thing a corpus command keeps that grows with the corpus. Holding each
//! name as a `PathBuf` (the folder repeated, an allocation each) took about
//! 90 bytes an article; here the file names' stems share one buffer, about
//! 5 bytes more than the stem an article.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::store::StoreError;

/// The articles (`.txt` files, hidden ones excluded) directly in a folder,
/// sorted by file name.
#[derive(Clone, Debug, Default)]
pub struct ArticleList {
    dir: PathBuf,
    /// Every file name's stem (the name without `.txt`), each followed by a
    /// NUL byte (which no file name holds), in the folder's order.
    stems: Vec<u8>,
    /// Where each stem starts in `stems`, sorted by stem.
    starts: Vec<u32>,
}

impl ArticleList {
    /// How many articles there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The folder listed.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of the `k`-th article by name.
    pub fn get(&self, k: usize) -> Option<PathBuf> {
        self.starts.get(k).map(|&start| self.path(start))
    }

    /// The articles' paths, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = PathBuf> + '_ {
        self.starts.iter().map(|&start| self.path(start))
    }

    /// The path of the article whose stem starts at `start`.
    fn path(&self, start: u32) -> PathBuf {
        let mut name = from_bytes(stem_at(&self.stems, start));
        name.push(".txt");
        self.dir.join(name)
    }

    /// The articles' paths, in order, all at once.
    pub fn to_vec(&self) -> Vec<PathBuf> {
        self.iter().collect()
    }
}

/// The articles (`.txt` files, hidden ones excluded) directly in `dir`,
/// sorted by file name.
pub fn articles_in(dir: &Path) -> Result<ArticleList, StoreError> {
    let read_err = |source| StoreError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut list = ArticleList {
        dir: dir.to_owned(),
        ..ArticleList::default()
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name();
        let bytes = to_bytes(&name);
        let Some(stem) = bytes.strip_suffix(b".txt") else {
            continue;
        };
        if stem.is_empty() || stem.starts_with(b".") {
            continue;
        }
        // The kind comes with the listing; only a link needs a look at what
        // it points to.
        let is_file = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => entry.path().is_file(),
            Ok(kind) => kind.is_file(),
            Err(_) => false,
        };
        if !is_file {
            continue;
        }
        let Ok(start) = u32::try_from(list.stems.len()) else {
            return Err(read_err(std::io::Error::other(
                "too many articles in one folder (their names pass 4 GiB)",
            )));
        };
        list.stems.extend_from_slice(stem);
        list.stems.push(0);
        list.starts.push(start);
    }
    let stems = &list.stems;
    list.starts
        .sort_unstable_by(|&a, &b| stem_at(stems, a).cmp(stem_at(stems, b)));
    list.stems.shrink_to_fit();
    list.starts.shrink_to_fit();
    Ok(list)
}

/// The stem starting at `start` in `stems` (up to its NUL).
fn stem_at(stems: &[u8], start: u32) -> &[u8] {
    let rest = &stems[start as usize..];
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    &rest[..end]
}

/// The article to open for a path given by the user: the file itself, or a
/// folder's first article.
pub fn article_to_open(path: &Path) -> Result<PathBuf, StoreError> {
    if !path.is_dir() {
        return Ok(path.to_owned());
    }
    articles_in(path)?.get(0).ok_or_else(|| StoreError::Read {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no .txt article in this folder",
        ),
    })
}

#[cfg(unix)]
fn to_bytes(name: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt as _;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(unix)]
fn from_bytes(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt as _;
    OsStr::from_bytes(bytes).to_owned()
}

// Elsewhere, names are kept as UTF-8 (a name that is not valid Unicode
// loses its unpaired surrogates).
#[cfg(not(unix))]
fn to_bytes(name: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    match name.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }
}

#[cfg(not(unix))]
fn from_bytes(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}
